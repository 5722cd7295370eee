// echo: bash's builtin rules (-n, -e, -E; a flag word only when it consists
// of those letters), or dash's (escapes always on, only -n).
#include "cli/builtins/builtins.h"

namespace skbox {

namespace util {

namespace {

int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void put_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

// Interprets echo-style backslash escapes; returns false when \c stopped output.
bool echo_escapes(std::string_view s, std::string& out, bool dash_octal) {
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c != '\\' || i + 1 >= s.size()) {
      out += c;
      continue;
    }
    char d = s[++i];
    switch (d) {
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'c': return false;
      case 'e': case 'E': out += '\x1b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case '0': {
        int v = 0, n = 0;
        while (n < 3 && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '7') v = v * 8 + (s[++i] - '0'), ++n;
        out += static_cast<char>(v & 0xff);
        break;
      }
      case 'x': {
        int v = 0, n = 0;
        while (n < 2 && i + 1 < s.size() && hexval(s[i + 1]) >= 0) v = v * 16 + hexval(s[++i]), ++n;
        if (n == 0) out += "\\x";
        else out += static_cast<char>(v);
        break;
      }
      case 'u': case 'U': {
        int max = d == 'u' ? 4 : 8;
        uint32_t v = 0;
        int n = 0;
        while (n < max && i + 1 < s.size() && hexval(s[i + 1]) >= 0) v = v * 16 + static_cast<uint32_t>(hexval(s[++i])), ++n;
        if (n == 0) {
          out += '\\';
          out += d;
        } else {
          put_utf8(out, v);
        }
        break;
      }
      default:
        if (dash_octal && d >= '1' && d <= '7') {
          int v = d - '0', n = 1;
          while (n < 3 && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '7') v = v * 8 + (s[++i] - '0'), ++n;
          out += static_cast<char>(v & 0xff);
          break;
        }
        out += '\\';
        out += d;
    }
  }
  return true;
}

int echo_main(Proc& p, std::span<const std::string> argv, bool escapes) {
  bool newline = true, interpret = escapes;
  size_t i = 1;
  for (; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.size() < 2 || a[0] != '-') break;
    std::string_view allowed = escapes ? "n" : "neE";
    if (a.find_first_not_of(allowed, 1) != std::string::npos) break;
    for (char c : a.substr(1)) {
      if (c == 'n') newline = false;
      else if (c == 'e') interpret = true;
      else if (c == 'E') interpret = false;
    }
  }
  std::string out;
  bool go_on = true;
  for (size_t j = i; j < argv.size() && go_on; ++j) {
    if (j > i) out += ' ';
    if (interpret) go_on = echo_escapes(argv[j], out, escapes);
    else out += argv[j];
  }
  if (newline && go_on) out += '\n';
  p.out.write(out);
  return 0;
}

}  // namespace util

int cmd_echo(Proc& p, std::span<const std::string> argv) { return util::echo_main(p, argv); }
int cmd_true(Proc&, std::span<const std::string>) { return 0; }
int cmd_false(Proc&, std::span<const std::string>) { return 1; }

}  // namespace skbox
