// cat [-n] [-b] [-E] [-s] [FILE...] and tee [-a] [FILE...].
#include <cstring>

#include "cli/builtins/builtins.h"
#include "cli/vfs.h"

namespace skbox {

int cmd_cat(Proc& p, std::span<const std::string> argv) {
  bool number = false, nonblank = false, ends = false, squeeze = false;
  std::vector<std::string> files;
  bool done = false;
  for (size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (done || a.size() < 2 || a[0] != '-') {
      files.push_back(a);
      continue;
    }
    if (a == "--") {
      done = true;
      continue;
    }
    if (a == "--number") { number = true; continue; }
    if (a == "--number-nonblank") { nonblank = true; continue; }
    if (a == "--show-ends") { ends = true; continue; }
    if (a == "--squeeze-blank") { squeeze = true; continue; }
    for (size_t j = 1; j < a.size(); ++j) {
      switch (a[j]) {
        case 'n': number = true; break;
        case 'b': nonblank = true; break;
        case 'E': ends = true; break;
        case 's': squeeze = true; break;
        case 'u': break;
        default:
          if (a[1] == '-') p.err.print("cat: unrecognized option '{}'\n", a);
          else p.err.print("cat: invalid option -- '{}'\n", a[j]);
          p.err.write("Try 'cat --help' for more information.\n");
          return 1;
      }
      if (a[1] == '-') break;
    }
  }
  int status = 0;
  auto inputs = util::read_inputs(p, "cat", files, &status);
  long long n = 0;
  bool prev_blank = false;
  for (const auto& in : inputs) {
    if (!number && !nonblank && !ends && !squeeze) {
      p.out.write(in.data);
      continue;
    }
    std::string out;
    size_t i = 0;
    while (i < in.data.size()) {
      size_t nl = in.data.find('\n', i);
      bool has_nl = nl != std::string::npos;
      std::string_view line = std::string_view(in.data).substr(i, has_nl ? nl - i : std::string::npos);
      i = has_nl ? nl + 1 : in.data.size();
      bool blank = line.empty() && has_nl;
      if (squeeze && blank && prev_blank) continue;
      prev_blank = blank;
      if ((nonblank && !line.empty()) || (number && !nonblank)) out += fmt::format("{:>6}\t", ++n);
      out += line;
      if (has_nl) out += ends ? "$\n" : "\n";
    }
    p.out.write(out);
  }
  return status;
}

int cmd_tee(Proc& p, std::span<const std::string> argv) {
  bool append = false;
  std::vector<std::string> files;
  for (size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a == "-a" || a == "--append") append = true;
    else if (a == "-i" || a == "-p") continue;
    else files.push_back(a);
  }
  int status = 0;
  std::vector<bool> ok(files.size(), true);
  for (size_t i = 0; i < files.size(); ++i) {
    auto r = vfs_write(p, files[i], "", append);
    if (!r) {
      p.err.print("tee: {}: {}\n", files[i], std::strerror(r.error()));
      ok[i] = false;
      status = 1;
    }
  }
  p.out.write(p.in);
  for (size_t i = 0; i < files.size(); ++i)
    if (ok[i]) (void)vfs_write(p, files[i], p.in, true);
  return status;
}

}  // namespace skbox
