// Shell pattern matching (case, [[ == ]], ${v#pat}, globbing) and the
// quoting bash uses when it shows words back (set -x, declare -p).
#include <cctype>
#include <string>

#include "cli/shell/interp.h"

namespace skbox::sh {

namespace {

bool class_match(std::string_view name, unsigned char c) {
  if (name == "alpha") return std::isalpha(c);
  if (name == "digit") return std::isdigit(c);
  if (name == "alnum") return std::isalnum(c);
  if (name == "upper") return std::isupper(c);
  if (name == "lower") return std::islower(c);
  if (name == "space") return std::isspace(c);
  if (name == "blank") return c == ' ' || c == '\t';
  if (name == "punct") return std::ispunct(c);
  if (name == "print") return std::isprint(c);
  if (name == "graph") return std::isgraph(c);
  if (name == "cntrl") return std::iscntrl(c);
  if (name == "xdigit") return std::isxdigit(c);
  return false;
}

// Matches a bracket expression starting at pat[p] == '['. Returns false if
// it is not a complete bracket expression (then '[' is literal).
bool bracket(std::string_view pat, size_t p, unsigned char c, size_t& next, bool& matched) {
  size_t i = p + 1;
  bool negate = false;
  if (i < pat.size() && (pat[i] == '!' || pat[i] == '^')) {
    negate = true;
    ++i;
  }
  bool found = false;
  bool first = true;
  while (i < pat.size()) {
    char pc = pat[i];
    if (pc == ']' && !first) {
      next = i + 1;
      matched = found != negate;
      return true;
    }
    first = false;
    if (pc == '[' && i + 1 < pat.size() && pat[i + 1] == ':') {
      size_t end = pat.find(":]", i + 2);
      if (end != std::string_view::npos) {
        if (class_match(pat.substr(i + 2, end - i - 2), c)) found = true;
        i = end + 2;
        continue;
      }
    }
    unsigned char lo = static_cast<unsigned char>(pc);
    if (pc == '\\' && i + 1 < pat.size()) lo = static_cast<unsigned char>(pat[++i]);
    ++i;
    if (i + 1 < pat.size() && pat[i] == '-' && pat[i + 1] != ']') {
      unsigned char hi = static_cast<unsigned char>(pat[i + 1]);
      i += 2;
      if (hi == '\\' && i < pat.size()) hi = static_cast<unsigned char>(pat[i++]);
      if (c >= lo && c <= hi) found = true;
      continue;
    }
    if (c == lo) found = true;
  }
  return false;
}

}  // namespace

bool pattern_match(std::string_view pat, std::string_view s) {
  size_t p = 0, i = 0;
  size_t star_p = std::string_view::npos, star_i = 0;
  while (i < s.size()) {
    if (p < pat.size()) {
      char c = pat[p];
      if (c == '*') {
        while (p < pat.size() && pat[p] == '*') ++p;
        star_p = p;
        star_i = i;
        continue;
      }
      if (c == '?') {
        ++p;
        ++i;
        continue;
      }
      if (c == '[') {
        size_t np;
        bool ok;
        if (bracket(pat, p, static_cast<unsigned char>(s[i]), np, ok)) {
          if (ok) {
            p = np;
            ++i;
            continue;
          }
        } else if (s[i] == '[') {
          ++p;
          ++i;
          continue;
        }
      } else if (c == '\\' && p + 1 < pat.size()) {
        if (pat[p + 1] == s[i]) {
          p += 2;
          ++i;
          continue;
        }
      } else if (c == s[i]) {
        ++p;
        ++i;
        continue;
      }
    }
    if (star_p != std::string_view::npos) {
      p = star_p;
      i = ++star_i;
      continue;
    }
    return false;
  }
  while (p < pat.size() && pat[p] == '*') ++p;
  return p == pat.size();
}

bool has_glob_chars(std::string_view pat) {
  for (size_t i = 0; i < pat.size(); ++i) {
    if (pat[i] == '\\') {
      ++i;
      continue;
    }
    if (pat[i] == '*' || pat[i] == '?' || pat[i] == '[') return true;
  }
  return false;
}

std::string shell_quote(std::string_view s) {
  if (s.empty()) return "''";
  bool plain = true;
  bool ctrl = false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 && c != '\t' && c != '\n') ctrl = true;
    if (std::string_view(" \t\n'\"\\|&;()<>!{}*[?]^$`").find(static_cast<char>(c)) != std::string_view::npos)
      plain = false;
    if ((c == '~' || c == '#') && i == 0) plain = false;
    if (c == '=' && i == 0) plain = false;
  }
  if (ctrl) {
    std::string r = "$'";
    for (char ch : s) {
      switch (ch) {
        case '\n': r += "\\n"; break;
        case '\t': r += "\\t"; break;
        case '\r': r += "\\r"; break;
        case '\x1b': r += "\\E"; break;
        case '\a': r += "\\a"; break;
        case '\b': r += "\\b"; break;
        case '\f': r += "\\f"; break;
        case '\v': r += "\\v"; break;
        case '\'': r += "\\'"; break;
        case '\\': r += "\\\\"; break;
        default:
          if (static_cast<unsigned char>(ch) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\%03o", static_cast<unsigned char>(ch));
            r += buf;
          } else {
            r += ch;
          }
      }
    }
    r += "'";
    return r;
  }
  if (plain) return std::string(s);
  std::string r = "'";
  for (char ch : s) {
    if (ch == '\'') r += "'\\''";
    else r += ch;
  }
  r += "'";
  return r;
}

}  // namespace skbox::sh
