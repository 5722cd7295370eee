#include "cli/shell/cwd.h"

#include <unistd.h>

#include <vector>

namespace skbox::sh {

namespace {

const std::string& host_cwd() {
  static const std::string cwd = [] {
    char buf[4096];
    if (::getcwd(buf, sizeof buf)) return std::string(buf);
    return std::string("/");
  }();
  return cwd;
}

thread_local std::string tl_cwd;
thread_local bool tl_set = false;

}  // namespace

const std::string& shell_cwd() { return tl_set ? tl_cwd : host_cwd(); }

void set_shell_cwd(std::string_view cwd) {
  tl_cwd.assign(cwd);
  tl_set = true;
}

std::string abs_path_in(std::string_view cwd, std::string_view path) {
  std::string full;
  if (!path.empty() && path[0] == '/') {
    full = path;
  } else {
    full = cwd;
    full += '/';
    full += path;
  }
  std::vector<std::string_view> parts;
  std::string_view f = full;
  size_t i = 0;
  while (i < f.size()) {
    size_t j = f.find('/', i);
    if (j == std::string_view::npos) j = f.size();
    std::string_view c = f.substr(i, j - i);
    if (c == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!c.empty() && c != ".") {
      parts.push_back(c);
    }
    i = j + 1;
  }
  std::string out;
  for (std::string_view c : parts) {
    out += '/';
    out += c;
  }
  return out.empty() ? "/" : out;
}

std::string abs_path(std::string_view path) { return abs_path_in(shell_cwd(), path); }

}  // namespace skbox::sh
