// Small helpers shared by the text utilities.
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>

#include "cli/builtins/builtins.h"
#include "cli/vfs.h"

namespace skbox::util {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < text.size()) {
    size_t nl = text.find('\n', i);
    if (nl == std::string_view::npos) {
      out.push_back(text.substr(i));
      break;
    }
    out.push_back(text.substr(i, nl - i));
    i = nl + 1;
  }
  return out;
}

std::vector<InputFile> read_inputs(Proc& p, std::string_view cmd, std::span<const std::string> files, int* status,
                                   int err_status, bool quiet) {
  std::vector<InputFile> out;
  if (files.empty()) {
    out.push_back({"-", std::string(p.in)});
    return out;
  }
  for (const std::string& f : files) {
    if (f == "-") {
      out.push_back({"-", std::string(p.in)});
      continue;
    }
    auto r = vfs_read(p, f);
    if (!r) {
      if (!quiet) p.err.print("{}: {}: {}\n", cmd, f, std::strerror(r.error()));
      if (status) *status = err_status;
      continue;
    }
    out.push_back({f, std::move(*r)});
  }
  return out;
}

std::string gnu_quote(std::string_view s) {
  static const bool utf8 = [] {
    for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
      const char* v = std::getenv(var);
      if (v && *v) {
        std::string_view sv = v;
        return sv.find("UTF-8") != std::string_view::npos || sv.find("utf8") != std::string_view::npos ||
               sv.find("UTF8") != std::string_view::npos || sv.find("utf-8") != std::string_view::npos;
      }
    }
    return false;
  }();
  if (utf8) return "\xe2\x80\x98" + std::string(s) + "\xe2\x80\x99";
  return "'" + std::string(s) + "'";
}

bool parse_int(std::string_view s, long long& out) {
  std::string t(s);
  const char* b = t.c_str();
  while (*b == ' ' || *b == '\t' || *b == '\n') ++b;
  if (!*b) return false;
  char* end = nullptr;
  errno = 0;
  long long v = std::strtoll(b, &end, 10);
  if (errno == ERANGE || end == b) return false;
  while (*end == ' ' || *end == '\t' || *end == '\n') ++end;
  if (*end) return false;
  out = v;
  return true;
}

}  // namespace skbox::util
