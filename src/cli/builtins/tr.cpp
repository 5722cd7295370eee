// tr [-c] [-d] [-s] [-t] SET1 [SET2]: ranges, escapes and [:class:] sets.
//
// Not modelled: [c*n] repetitions and [=c=] equivalence classes.
#include <array>
#include <cctype>

#include "cli/builtins/builtins.h"

namespace skbox {

namespace {

bool class_set(std::string_view name, std::vector<unsigned char>& out) {
  int (*fn)(int) = nullptr;
  if (name == "alpha") fn = ::isalpha;
  else if (name == "digit") fn = ::isdigit;
  else if (name == "alnum") fn = ::isalnum;
  else if (name == "upper") fn = ::isupper;
  else if (name == "lower") fn = ::islower;
  else if (name == "space") fn = ::isspace;
  else if (name == "blank") fn = ::isblank;
  else if (name == "punct") fn = ::ispunct;
  else if (name == "print") fn = ::isprint;
  else if (name == "graph") fn = ::isgraph;
  else if (name == "cntrl") fn = ::iscntrl;
  else if (name == "xdigit") fn = ::isxdigit;
  else return false;
  for (int c = 0; c < 256; ++c)
    if (fn(c)) out.push_back(static_cast<unsigned char>(c));
  return true;
}

bool expand_set(Proc& p, std::string_view s, std::vector<unsigned char>& out) {
  std::vector<unsigned char> raw;
  std::vector<bool> literal;  // escaped: '-' has no range meaning
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '[' && i + 1 < s.size() && s[i + 1] == ':') {
      size_t end = s.find(":]", i + 2);
      if (end != std::string_view::npos) {
        std::vector<unsigned char> cls;
        if (!class_set(s.substr(i + 2, end - i - 2), cls)) {
          p.err.print("tr: invalid character class {}\n", util::gnu_quote(s.substr(i + 2, end - i - 2)));
          return false;
        }
        for (unsigned char c : cls) {
          raw.push_back(c);
          literal.push_back(true);
        }
        i = end + 1;
        continue;
      }
    }
    if (s[i] == '\\' && i + 1 < s.size()) {
      char d = s[++i];
      unsigned char v;
      switch (d) {
        case 'n': v = '\n'; break;
        case 't': v = '\t'; break;
        case 'r': v = '\r'; break;
        case 'a': v = '\a'; break;
        case 'b': v = '\b'; break;
        case 'f': v = '\f'; break;
        case 'v': v = '\v'; break;
        default:
          if (d >= '0' && d <= '7') {
            int x = d - '0', n = 1;
            while (n < 3 && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '7') x = x * 8 + (s[++i] - '0'), ++n;
            v = static_cast<unsigned char>(x);
          } else {
            v = static_cast<unsigned char>(d);
          }
      }
      raw.push_back(v);
      literal.push_back(true);
      continue;
    }
    raw.push_back(static_cast<unsigned char>(s[i]));
    literal.push_back(false);
  }
  for (size_t i = 0; i < raw.size(); ++i) {
    if (i + 2 < raw.size() && raw[i + 1] == '-' && !literal[i + 1]) {
      unsigned char lo = raw[i], hi = raw[i + 2];
      if (hi < lo) {
        p.err.print("tr: range-endpoints of '{}-{}' are in reverse collating sequence order\n", static_cast<char>(lo),
                    static_cast<char>(hi));
        return false;
      }
      for (int c = lo; c <= hi; ++c) out.push_back(static_cast<unsigned char>(c));
      i += 2;
      continue;
    }
    out.push_back(raw[i]);
  }
  return true;
}

}  // namespace

int cmd_tr(Proc& p, std::span<const std::string> argv) {
  bool complement = false, del = false, squeeze = false, truncate = false;
  std::vector<std::string> sets;
  for (size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (sets.empty() && a.size() > 1 && a[0] == '-' && a != "--") {
      bool ok = true;
      for (char c : a.substr(1)) {
        if (c == 'c' || c == 'C') complement = true;
        else if (c == 'd') del = true;
        else if (c == 's') squeeze = true;
        else if (c == 't') truncate = true;
        else ok = false;
      }
      if (!ok) {
        p.err.print("tr: invalid option -- '{}'\nTry 'tr --help' for more information.\n", a[1]);
        return 1;
      }
      continue;
    }
    if (a == "--" && sets.empty()) continue;
    sets.push_back(a);
  }
  if (sets.empty()) {
    p.err.write("tr: missing operand\nTry 'tr --help' for more information.\n");
    return 1;
  }
  bool translating = !del && sets.size() < 2 && !squeeze;
  if (translating || (del && squeeze && sets.size() < 2)) {
    p.err.print("tr: missing operand after {}\n", util::gnu_quote(sets[0]));
    p.err.write(del ? "Two strings must be given when both deleting and squeezing repeats.\n"
                    : "Two strings must be given when translating.\n");
    p.err.write("Try 'tr --help' for more information.\n");
    return 1;
  }
  std::vector<unsigned char> s1, s2;
  if (!expand_set(p, sets[0], s1)) return 1;
  if (sets.size() > 1 && !expand_set(p, sets[1], s2)) return 1;
  std::array<bool, 256> in1{};
  for (unsigned char c : s1) in1[c] = true;
  if (complement) {
    std::vector<unsigned char> c1;
    for (int c = 0; c < 256; ++c)
      if (!in1[c]) c1.push_back(static_cast<unsigned char>(c));
    s1 = c1;
    in1.fill(false);
    for (unsigned char c : s1) in1[c] = true;
  }
  std::array<int, 256> map;
  for (int c = 0; c < 256; ++c) map[c] = c;
  bool translate = !del && sets.size() > 1;
  if (translate) {
    if (truncate && s1.size() > s2.size()) s1.resize(s2.size());
    if (s2.empty()) {
      p.err.write("tr: when not truncating set1, string2 must be non-empty\n");
      return 1;
    }
    for (size_t i = 0; i < s1.size(); ++i) map[s1[i]] = s2[std::min(i, s2.size() - 1)];
  }
  std::array<bool, 256> sq{};
  const auto& sqset = (translate || del) && sets.size() > 1 ? s2 : s1;
  for (unsigned char c : sqset) sq[c] = true;
  std::string out;
  out.reserve(p.in.size());
  int last = -1;
  for (unsigned char c : p.in) {
    if (del && in1[c]) continue;
    int m = map[c];
    if (squeeze && sq[static_cast<unsigned char>(m)] && m == last) continue;
    out += static_cast<char>(m);
    last = m;
  }
  p.out.write(out);
  return 0;
}

}  // namespace skbox
