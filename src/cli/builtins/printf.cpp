// printf: the format is reused while arguments remain; %d %i %o %u %x %X %c
// %s %b %q %f %e %g %a with flags, width and precision (also `*`).
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "cli/builtins/builtins.h"

namespace skbox {

namespace util {

namespace {

constexpr int kMaxWidth = 1 << 20;

struct Printf {
  Proc& p;
  const ErrFn& err;
  bool bash;
  std::span<const std::string> args;
  size_t next = 0;
  int status = 0;
  bool stop = false;

  const std::string* take() { return next < args.size() ? &args[next++] : nullptr; }

  void bad_number(const std::string& a, bool consumed_partly) {
    if (bash) err("printf: " + a + ": invalid number");
    else err(std::string(consumed_partly ? "" : "") + gnu_quote(a) + (consumed_partly ? ": value not completely converted" : ": expected a numeric value"));
    status = 1;
  }

  // Integer argument: 'c gives the character code; C's prefixes otherwise.
  long long int_arg(bool is_unsigned) {
    const std::string* a = take();
    if (!a || a->empty()) return 0;
    if ((*a)[0] == '\'' || (*a)[0] == '"') return a->size() > 1 ? static_cast<unsigned char>((*a)[1]) : 0;
    const char* s = a->c_str();
    char* end = nullptr;
    errno = 0;
    long long v;
    if (is_unsigned && a->find('-') == std::string::npos)
      v = static_cast<long long>(std::strtoull(s, &end, 0));
    else
      v = std::strtoll(s, &end, 0);
    if (end == s) {
      bad_number(*a, false);
      return 0;
    }
    while (*end == ' ' || *end == '\t') ++end;
    if (*end) bad_number(*a, true);
    else if (errno == ERANGE) {
      if (bash) err("printf: " + *a + ": Numerical result out of range");
      else err(*a + ": Numerical result out of range");
      status = 1;
    }
    return v;
  }

  long double float_arg() {
    const std::string* a = take();
    if (!a || a->empty()) return 0;
    if ((*a)[0] == '\'' || (*a)[0] == '"') return a->size() > 1 ? static_cast<unsigned char>((*a)[1]) : 0;
    const char* s = a->c_str();
    char* end = nullptr;
    long double v = std::strtold(s, &end);
    if (end == s) {
      bad_number(*a, false);
      return 0;
    }
    if (*end) bad_number(*a, true);
    return v;
  }

  // Format escapes (\n, \NNN octal without a leading 0, \xHH, ...).
  size_t format_escape(std::string_view f, size_t i, std::string& out) {
    char d = f[i + 1];
    auto hexval = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    switch (d) {
      case 'a': out += '\a'; return i + 2;
      case 'b': out += '\b'; return i + 2;
      case 'e': case 'E': out += '\x1b'; return i + 2;
      case 'f': out += '\f'; return i + 2;
      case 'n': out += '\n'; return i + 2;
      case 'r': out += '\r'; return i + 2;
      case 't': out += '\t'; return i + 2;
      case 'v': out += '\v'; return i + 2;
      case '\\': out += '\\'; return i + 2;
      case '"': out += '"'; return i + 2;
      case '\'': out += '\''; return i + 2;
      case '?': out += '?'; return i + 2;
      case 'c': stop = true; return f.size();
      case 'x': {
        size_t j = i + 2;
        int v = 0, n = 0;
        while (n < 2 && j < f.size() && hexval(f[j]) >= 0) v = v * 16 + hexval(f[j++]), ++n;
        if (n == 0) {
          out += "\\x";
          return i + 2;
        }
        out += static_cast<char>(v);
        return j;
      }
      default:
        if (d >= '0' && d <= '7') {
          size_t j = i + 1;
          int v = 0, n = 0;
          while (n < 3 && j < f.size() && f[j] >= '0' && f[j] <= '7') v = v * 8 + (f[j++] - '0'), ++n;
          out += static_cast<char>(v & 0xff);
          return j;
        }
        out += '\\';
        out += d;
        return i + 2;
    }
  }

  static std::string quote_q(std::string_view s) {
    if (s.empty()) return "''";
    std::string r;
    for (char c : s) {
      if (std::string_view(" \t\n'\"\\|&;()<>!{}*[?]^$`~#,=").find(c) != std::string_view::npos) r += '\\';
      r += c;
    }
    return r;
  }

  // One pass over the format; returns whether any argument was consumed.
  void run(std::string_view f, std::string& out) {
    for (size_t i = 0; i < f.size() && !stop;) {
      char c = f[i];
      if (c == '\\' && i + 1 < f.size()) {
        i = format_escape(f, i, out);
        continue;
      }
      if (c != '%') {
        out += c;
        ++i;
        continue;
      }
      if (i + 1 < f.size() && f[i + 1] == '%') {
        out += '%';
        i += 2;
        continue;
      }
      size_t start = i++;
      std::string flags;
      while (i < f.size() && std::strchr("-+ #0'", f[i])) flags += f[i++];
      int width = -1, prec = -1;
      if (i < f.size() && f[i] == '*') {
        width = static_cast<int>(std::clamp<long long>(int_arg(false), -kMaxWidth, kMaxWidth));
        if (width < 0) {
          flags += '-';
          width = -width;
        }
        ++i;
      } else {
        while (i < f.size() && f[i] >= '0' && f[i] <= '9') width = std::min((width < 0 ? 0 : width) * 10 + (f[i++] - '0'), kMaxWidth);
      }
      if (i < f.size() && f[i] == '.') {
        ++i;
        prec = 0;
        if (i < f.size() && f[i] == '*') {
          prec = static_cast<int>(std::clamp<long long>(int_arg(false), -1, kMaxWidth));
          ++i;
        } else {
          while (i < f.size() && f[i] >= '0' && f[i] <= '9') prec = std::min(prec * 10 + (f[i++] - '0'), kMaxWidth);
        }
      }
      while (i < f.size() && std::strchr("hlLjzt", f[i])) ++i;  // length modifiers are ignored
      if (i >= f.size()) {
        std::string spec(f.substr(start));
        if (bash) err("printf: `" + spec.substr(spec.size() - 1) + "': missing format character");
        else err(gnu_quote(spec) + ": missing conversion specifier");  // coreutils wording differs
        status = 1;
        stop = true;
        return;
      }
      char conv = f[i++];
      std::string spec = "%" + flags;
      if (width >= 0) spec += std::to_string(width);
      if (prec >= 0) spec += "." + std::to_string(prec);
      char buf[512];
      auto emit = [&](const std::string& fmt, auto value) {
        int n = std::snprintf(buf, sizeof buf, fmt.c_str(), value);
        if (n < 0) return;
        if (static_cast<size_t>(n) < sizeof buf) {
          out.append(buf, static_cast<size_t>(n));
        } else {
          std::string big(static_cast<size_t>(n) + 1, '\0');
          std::snprintf(big.data(), big.size(), fmt.c_str(), value);
          out.append(big.data(), static_cast<size_t>(n));
        }
      };
      auto pad = [&](std::string s) {
        if (prec >= 0 && static_cast<size_t>(prec) < s.size()) s.resize(static_cast<size_t>(prec));
        if (width > 0 && s.size() < static_cast<size_t>(width)) {
          std::string fill(static_cast<size_t>(width) - s.size(), ' ');
          s = flags.find('-') != std::string::npos ? s + fill : fill + s;
        }
        out += s;
      };
      switch (conv) {
        case 'd': case 'i':
          emit(spec + "lld", int_arg(false));
          break;
        case 'o': case 'u': case 'x': case 'X':
          emit(spec + "ll" + conv, static_cast<unsigned long long>(int_arg(true)));
          break;
        case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A':
          emit(spec + "L" + conv, float_arg());
          break;
        case 'c': {
          const std::string* a = take();
          std::string s = a && !a->empty() ? a->substr(0, 1) : std::string();
          prec = -1;
          pad(s);
          break;
        }
        case 's': {
          const std::string* a = take();
          pad(a ? *a : "");
          break;
        }
        case 'b': {
          const std::string* a = take();
          std::string s;
          if (a && !echo_escapes(*a, s, true)) stop = true;
          pad(s);
          break;
        }
        case 'q': {
          const std::string* a = take();
          pad(quote_q(a ? *a : ""));
          break;
        }
        default: {
          if (bash) err("printf: `" + std::string(1, conv) + "': invalid format character");
          else err(gnu_quote(std::string(f.substr(start, i - start))) + ": invalid conversion specification");
          status = 1;
          stop = true;
          return;
        }
      }
    }
  }
};

}  // namespace

int printf_main(Proc& p, std::span<const std::string> argv, const ErrFn& err, bool bash_style, std::string* to_var) {
  if (argv.size() < 2) {
    if (bash_style) {
      err("printf: usage: printf [-v var] format [arguments]");
      return 2;
    }
    p.err.write("printf: missing operand\nTry 'printf --help' for more information.\n");
    return 1;
  }
  Printf pf{p, err, bash_style, argv.subspan(2)};
  std::string out;
  const std::string& fmt = argv[1];
  for (;;) {
    size_t before = pf.next;
    pf.run(fmt, out);
    if (pf.stop || pf.next >= pf.args.size() || pf.next == before) break;
  }
  if (to_var) *to_var = std::move(out);
  else p.out.write(out);
  return pf.status;
}

}  // namespace util

int cmd_printf(Proc& p, std::span<const std::string> argv) {
  return util::printf_main(p, argv, [&](std::string_view m) { p.err.print("printf: {}\n", m); }, false);
}

}  // namespace skbox
