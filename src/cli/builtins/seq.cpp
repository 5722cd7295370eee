// seq [-s SEP] [-w] [-f FMT] [FIRST [INCREMENT]] LAST, with GNU's precision
// rule (the most fractional digits among FIRST and INCREMENT).
#include <cmath>
#include <cstdlib>

#include "cli/builtins/builtins.h"

namespace skbox {

namespace {

bool parse_num(const std::string& s, long double& v, int& frac) {
  if (s.empty()) return false;
  const char* b = s.c_str();
  char* end = nullptr;
  v = std::strtold(b, &end);
  if (end == b || *end || std::isnan(v)) return false;
  size_t dot = s.find('.');
  size_t e = s.find_first_of("eE");
  frac = 0;
  if (dot != std::string::npos && e == std::string::npos) frac = static_cast<int>(s.size() - dot - 1);
  return true;
}

}  // namespace

int cmd_seq(Proc& p, std::span<const std::string> argv) {
  std::string sep = "\n", format;
  bool equal_width = false;
  std::vector<std::string> nums;
  for (size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a == "-s" && i + 1 < argv.size()) sep = argv[++i];
    else if (a.rfind("-s", 0) == 0 && a.size() > 2 && !std::isdigit(static_cast<unsigned char>(a[2]))) sep = a.substr(2);
    else if (a == "-w" || a == "--equal-width") equal_width = true;
    else if (a == "-f" && i + 1 < argv.size()) format = argv[++i];
    else if (a.rfind("--separator=", 0) == 0) sep = a.substr(12);
    else if (a.rfind("--format=", 0) == 0) format = a.substr(9);
    else nums.push_back(a);
  }
  if (nums.empty()) {
    p.err.write("seq: missing operand\nTry 'seq --help' for more information.\n");
    return 1;
  }
  if (nums.size() > 3) {
    p.err.print("seq: extra operand {}\nTry 'seq --help' for more information.\n", util::gnu_quote(nums[3]));
    return 1;
  }
  if (!format.empty()) {
    // Exactly one floating-point directive (and %%), as GNU seq demands.
    int directives = 0;
    bool ok = true;
    for (size_t i = 0; i < format.size() && ok; ++i) {
      if (format[i] != '%') continue;
      if (i + 1 < format.size() && format[i + 1] == '%') {
        ++i;
        continue;
      }
      size_t j = i + 1;
      while (j < format.size() && std::string_view("-+ #0'").find(format[j]) != std::string_view::npos) ++j;
      while (j < format.size() && std::isdigit(static_cast<unsigned char>(format[j]))) ++j;
      if (j < format.size() && format[j] == '.') {
        ++j;
        while (j < format.size() && std::isdigit(static_cast<unsigned char>(format[j]))) ++j;
      }
      if (j >= format.size() || std::string_view("eEfFgGaA").find(format[j]) == std::string_view::npos) ok = false;
      ++directives;
      i = j;
    }
    if (!ok || directives != 1 || format.size() > 64) {
      p.err.print("seq: invalid format string: {}\nTry 'seq --help' for more information.\n", util::gnu_quote(format));
      return 1;
    }
  }
  long double v[3];
  int frac[3] = {0, 0, 0};
  for (size_t i = 0; i < nums.size(); ++i) {
    if (!parse_num(nums[i], v[i], frac[i])) {
      p.err.print("seq: invalid floating point argument: {}\nTry 'seq --help' for more information.\n",
                  util::gnu_quote(nums[i]));
      return 1;
    }
  }
  long double first = 1, inc = 1, last;
  int prec = 0;
  if (nums.size() == 1) {
    last = v[0];
  } else if (nums.size() == 2) {
    first = v[0];
    last = v[1];
    prec = frac[0];
  } else {
    first = v[0];
    inc = v[1];
    last = v[2];
    prec = std::max(frac[0], frac[1]);
    if (inc == 0) {
      p.err.print("seq: invalid Zero increment value: {}\nTry 'seq --help' for more information.\n",
                  util::gnu_quote(nums[1]));
      return 1;
    }
  }
  auto render = [&](long double x) -> std::string {
    char buf[256];
    if (!format.empty()) {
      std::snprintf(buf, sizeof buf, format.c_str(), static_cast<double>(x));
      return buf;
    }
    std::snprintf(buf, sizeof buf, "%.*Lf", prec, x);
    return buf;
  };
  size_t width = 0;
  if (equal_width) width = std::max(render(first).size(), render(last).size());
  std::string out;
  bool firstv = true;
  for (long double i = 0;; ++i) {
    long double x = first + i * inc;
    if (inc > 0 ? x > last : x < last) break;
    if (!firstv) out += sep;
    firstv = false;
    std::string s = render(x);
    if (s.size() < width) {
      bool neg = !s.empty() && s[0] == '-';
      s.insert(neg ? 1 : 0, width - s.size(), '0');
    }
    out += s;
    if (out.size() >= 65536) {
      p.out.write(out);
      out.clear();
    }
  }
  if (!firstv) out += "\n";
  p.out.write(out);
  return 0;
}

}  // namespace skbox
