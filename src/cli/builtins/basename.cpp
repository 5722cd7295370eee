// basename NAME [SUFFIX] (-a, -s SUFFIX) and dirname NAME...
#include "cli/builtins/builtins.h"

namespace skbox {

namespace {

std::string base_of(std::string s, const std::string& suffix) {
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  if (s == "/") return s;
  size_t slash = s.rfind('/');
  if (slash != std::string::npos) s = s.substr(slash + 1);
  if (!suffix.empty() && s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0)
    s.resize(s.size() - suffix.size());
  return s;
}

std::string dir_of(std::string s) {
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  size_t slash = s.rfind('/');
  if (slash == std::string::npos) return ".";
  s.resize(slash);
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s.empty() ? "/" : s;
}

}  // namespace

int cmd_basename(Proc& p, std::span<const std::string> argv) {
  bool multi = false;
  std::string suffix;
  std::vector<std::string> names;
  for (size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a == "-a" || a == "--multiple") multi = true;
    else if (a == "-s" && i + 1 < argv.size()) {
      suffix = argv[++i];
      multi = true;
    } else if (a.rfind("--suffix=", 0) == 0) {
      suffix = a.substr(9);
      multi = true;
    } else if (a == "-z" || a == "--") {
    } else {
      names.push_back(a);
    }
  }
  if (names.empty()) {
    p.err.write("basename: missing operand\nTry 'basename --help' for more information.\n");
    return 1;
  }
  if (!multi) {
    if (names.size() > 2) {
      p.err.print("basename: extra operand {}\nTry 'basename --help' for more information.\n",
                  util::gnu_quote(names[2]));
      return 1;
    }
    p.out.write(base_of(names[0], names.size() > 1 ? names[1] : "") + "\n");
    return 0;
  }
  std::string out;
  for (const auto& n : names) out += base_of(n, suffix) + "\n";
  p.out.write(out);
  return 0;
}

int cmd_dirname(Proc& p, std::span<const std::string> argv) {
  std::vector<std::string> names;
  for (size_t i = 1; i < argv.size(); ++i)
    if (argv[i] != "-z" && argv[i] != "--") names.push_back(argv[i]);
  if (names.empty()) {
    p.err.write("dirname: missing operand\nTry 'dirname --help' for more information.\n");
    return 1;
  }
  std::string out;
  for (const auto& n : names) out += dir_of(n) + "\n";
  p.out.write(out);
  return 0;
}

}  // namespace skbox
