// ls [-1aAdr] [FILE...], as GNU coreutils prints when stdout is not a
// terminal: one name per line, files before directories, a "DIR:" header
// per directory when more than one operand is listed.
//
// Not modelled: long and column formats (-l, -C, -x), sorting by time or
// size, colours, quoting styles other than the default for pipes (names
// are printed as they are).
#include <dirent.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <set>

#include "cli/builtins/builtins.h"
#include "cli/procfs.h"
#include "cli/shell/cwd.h"
#include "cli/vfs.h"
#include "net/world.h"

namespace skbox {

namespace {

// The entries of a directory as a script sees it: /proc and /sys from
// procfs, otherwise the host's directory (read-only view) merged with the
// files the script wrote below it.
std::optional<std::vector<std::string>> ls_list_dir(Proc& p, const std::string& abs) {
  if (procfs_handles(abs)) {
    auto l = procfs_list(p, abs);
    if (!l) return std::nullopt;
    return *l;
  }
  std::set<std::string> names;
  if (DIR* d = ::opendir(abs.c_str())) {
    while (dirent* e = ::readdir(d)) {
      std::string n = e->d_name;
      if (n != "." && n != "..") names.insert(n);
    }
    ::closedir(d);
  }
  const std::string prefix = abs == "/" ? "/" : abs + "/";
  for (auto it = p.world.files.lower_bound(prefix);
       it != p.world.files.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    std::string rest = it->first.substr(prefix.size());
    names.insert(rest.substr(0, rest.find('/')));
  }
  return std::vector<std::string>(names.begin(), names.end());
}

// quoteaf(): shell-escape-always quoting, ASCII in every locale.
std::string quoteaf(std::string_view s) {
  std::string o = "'";
  for (char c : s) o += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return o + "'";
}

}  // namespace

int cmd_ls(Proc& p, std::span<const std::string> argv) {
  bool all = false, almost_all = false, dir_itself = false, reverse = false, opts_done = false;
  std::vector<std::string> operands;
  for (size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (opts_done || a.size() < 2 || a[0] != '-') {
      operands.push_back(a);
      continue;
    }
    if (a == "--") {
      opts_done = true;
      continue;
    }
    if (a[1] == '-') {
      if (a == "--all") all = true;
      else if (a == "--almost-all") almost_all = true;
      else if (a == "--directory") dir_itself = true;
      else if (a == "--reverse") reverse = true;
      else {
        p.err.print("ls: unrecognized option '{}'\nTry 'ls --help' for more information.\n", a);
        return 2;
      }
      continue;
    }
    for (size_t j = 1; j < a.size(); ++j) {
      switch (a[j]) {
        case '1': break;
        case 'a': all = true; break;
        case 'A': almost_all = true; break;
        case 'd': dir_itself = true; break;
        case 'r': reverse = true; break;
        default:
          p.err.print("ls: invalid option -- '{}'\nTry 'ls --help' for more information.\n", a[j]);
          return 2;
      }
    }
  }
  const bool implicit = operands.empty();
  if (implicit) operands.push_back(".");

  auto order = [&](std::vector<std::string>& v) {
    std::sort(v.begin(), v.end());
    if (reverse) std::reverse(v.begin(), v.end());
  };
  int status = 0;
  std::vector<std::string> files, dirs;
  for (const std::string& o : operands) {
    if (!vfs_exists(p, o)) {
      p.err.print("ls: cannot access {}: No such file or directory\n", quoteaf(o));
      status = 2;
      continue;
    }
    (!dir_itself && vfs_is_dir(p, o) ? dirs : files).push_back(o);
  }
  order(files);
  order(dirs);
  std::string out;
  for (const std::string& f : files) out += f + "\n";
  const bool headers = operands.size() > 1 || !files.empty() || status != 0;
  bool first = files.empty();
  for (const std::string& d : dirs) {
    auto names = ls_list_dir(p, sh::abs_path(d));
    if (!names) {
      p.err.print("ls: cannot open directory {}: No such file or directory\n", quoteaf(d));
      status = 2;
      continue;
    }
    std::vector<std::string> shown;
    if (all) shown = {".", ".."};
    for (auto& n : *names)
      if (all || almost_all || n[0] != '.') shown.push_back(n);
    order(shown);
    if (headers) out += fmt::format("{}{}:\n", first ? "" : "\n", d);
    first = false;
    for (const std::string& n : shown) out += n + "\n";
  }
  p.out.write(out);
  return status;
}

}  // namespace skbox
