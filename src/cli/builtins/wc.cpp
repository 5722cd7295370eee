// wc [-l] [-w] [-c] [-m] [-L]: GNU's column width (the digits of the total
// size of regular files, 7 when an input's size is unknown, 1 when a single
// count of a single input is printed).
#include <cstring>

#include "cli/builtins/builtins.h"
#include "cli/procfs.h"
#include "cli/shell/cwd.h"
#include "cli/vfs.h"
#include "net/world.h"

namespace skbox {

int cmd_wc(Proc& p, std::span<const std::string> argv) {
  bool l = false, w = false, c = false, m = false, L = false;
  std::vector<std::string> files;
  for (size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.size() < 2 || a[0] != '-') {
      files.push_back(a);
      continue;
    }
    if (a == "--lines") { l = true; continue; }
    if (a == "--words") { w = true; continue; }
    if (a == "--bytes") { c = true; continue; }
    if (a == "--chars") { m = true; continue; }
    if (a == "--max-line-length") { L = true; continue; }
    for (size_t j = 1; j < a.size(); ++j) {
      switch (a[j]) {
        case 'l': l = true; break;
        case 'w': w = true; break;
        case 'c': c = true; break;
        case 'm': m = true; break;
        case 'L': L = true; break;
        default:
          p.err.print("wc: invalid option -- '{}'\nTry 'wc --help' for more information.\n", a[j]);
          return 1;
      }
    }
  }
  if (!l && !w && !c && !m && !L) l = w = c = true;
  struct Row {
    long long lines = 0, words = 0, chars = 0, bytes = 0, maxlen = 0;
    std::string name;
    bool ok = true;
  };
  std::vector<Row> rows;
  int status = 0;
  bool unknown_size = false;
  long long total_size = 0;
  std::vector<std::string> names = files.empty() ? std::vector<std::string>{"-"} : files;
  for (const std::string& f : names) {
    std::string data;
    Row r;
    r.name = files.empty() ? "" : f;
    if (f == "-") {
      data = std::string(p.in);
      unknown_size = true;
    } else {
      auto res = vfs_read(p, f);
      if (!res) {
        p.err.print("wc: {}: {}\n", f, std::strerror(res.error()));
        status = 1;
        r.ok = false;
        rows.push_back(r);
        continue;
      }
      data = std::move(*res);
      std::string abs = sh::abs_path(f);
      if (abs.rfind("/dev/", 0) == 0) unknown_size = true;
      else if (!procfs_handles(abs)) total_size += static_cast<long long>(data.size());
    }
    bool in_word = false;
    long long col = 0;
    for (unsigned char ch : data) {
      ++r.bytes;
      if ((ch & 0xC0) != 0x80) ++r.chars;
      if (ch == '\n') {
        ++r.lines;
        r.maxlen = std::max(r.maxlen, col);
        col = 0;
      } else if (ch == '\t') {
        col = (col / 8 + 1) * 8;
      } else if ((ch & 0xC0) != 0x80) {
        ++col;
      }
      bool space = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\v' || ch == '\f';
      if (space) in_word = false;
      else if (!in_word) {
        in_word = true;
        ++r.words;
      }
    }
    r.maxlen = std::max(r.maxlen, col);
    rows.push_back(r);
  }
  Row total;
  total.name = "total";
  for (const Row& r : rows) {
    total.lines += r.lines;
    total.words += r.words;
    total.chars += r.chars;
    total.bytes += r.bytes;
    total.maxlen = std::max(total.maxlen, r.maxlen);
  }
  int ncounts = l + w + c + m + L;
  int width = 1;
  if (!(ncounts == 1 && names.size() == 1)) {
    width = static_cast<int>(std::to_string(total_size).size());
    if (unknown_size) width = std::max(width, 7);
  }
  std::string out;
  auto print = [&](const Row& r) {
    std::string line;
    auto col = [&](long long v) {
      if (!line.empty()) line += ' ';
      line += fmt::format("{:>{}}", v, width);
    };
    if (l) col(r.lines);
    if (w) col(r.words);
    if (m) col(r.chars);
    if (c) col(r.bytes);
    if (L) col(r.maxlen);
    if (!r.name.empty()) line += " " + r.name;
    out += line + "\n";
  };
  for (const Row& r : rows)
    if (r.ok) print(r);
  if (names.size() > 1) print(total);
  p.out.write(out);
  return status;
}

}  // namespace skbox
