// sort [-n] [-r] [-u] [-f] [-b] [-s] [-t SEP] [-k POS1[,POS2]] and
// uniq [-c] [-d] [-u] [-i]. Byte order collation (the C / C.UTF-8 locale).
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>

#include "cli/builtins/builtins.h"
#include "cli/vfs.h"

namespace skbox {

namespace {

struct Key {
  size_t f1 = 1, c1 = 0, f2 = 0, c2 = 0;  // f2 == 0: to end of line
  bool numeric = false, reverse = false, fold = false, blanks = false, has_opts = false;
};

bool parse_key(const std::string& s, Key& k) {
  size_t i = 0;
  auto num = [&](size_t& v) -> bool {
    size_t st = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (st == i) return false;
    v = static_cast<size_t>(std::strtoull(s.substr(st, i - st).c_str(), nullptr, 10));
    return true;
  };
  auto opts = [&] {
    while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) {
      char c = s[i++];
      k.has_opts = true;
      if (c == 'n' || c == 'g' || c == 'h') k.numeric = true;
      else if (c == 'r') k.reverse = true;
      else if (c == 'f') k.fold = true;
      else if (c == 'b') k.blanks = true;
    }
  };
  if (!num(k.f1) || k.f1 == 0) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!num(k.c1)) return false;
  }
  opts();
  if (i < s.size() && s[i] == ',') {
    ++i;
    if (!num(k.f2) || k.f2 == 0) return false;
    if (i < s.size() && s[i] == '.') {
      ++i;
      if (!num(k.c2)) return false;
    }
    opts();
  }
  return i == s.size();
}

// The text of key k in line (GNU field rules: without -t, a field is
// leading blanks plus non-blanks).
std::string_view key_text(std::string_view line, const Key& k, int sep) {
  auto field_start = [&](size_t f) -> size_t {
    size_t pos = 0;
    for (size_t n = 1; n < f; ++n) {
      if (sep >= 0) {
        size_t e = line.find(static_cast<char>(sep), pos);
        if (e == std::string_view::npos) return line.size();
        pos = e + 1;
      } else {
        while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
        while (pos < line.size() && line[pos] != ' ' && line[pos] != '\t') ++pos;
      }
    }
    return pos;
  };
  auto field_end = [&](size_t start) -> size_t {
    size_t pos = start;
    if (sep >= 0) {
      size_t e = line.find(static_cast<char>(sep), pos);
      return e == std::string_view::npos ? line.size() : e;
    }
    while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
    while (pos < line.size() && line[pos] != ' ' && line[pos] != '\t') ++pos;
    return pos;
  };
  size_t s = field_start(k.f1);
  if (k.blanks)
    while (s < line.size() && (line[s] == ' ' || line[s] == '\t')) ++s;
  if (k.c1 > 0) s = std::min(line.size(), s + k.c1 - 1);
  size_t e = line.size();
  if (k.f2 > 0) {
    size_t fs = field_start(k.f2);
    e = k.c2 > 0 ? std::min(line.size(), fs + k.c2) : field_end(fs);
  }
  if (e < s) e = s;
  return line.substr(s, e - s);
}

long double numeric_value(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  std::string t;
  if (i < s.size() && s[i] == '-') t += s[i++];
  bool digits = false;
  while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) {
    if (s[i] == '.' && t.find('.') != std::string::npos) break;
    t += s[i++];
    digits = true;
  }
  if (!digits) return 0;
  return std::strtold(t.c_str(), nullptr);
}

int compare_str(std::string_view a, std::string_view b, bool fold) {
  if (!fold) return a.compare(b) < 0 ? -1 : a.compare(b) > 0 ? 1 : 0;
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    int x = std::toupper(static_cast<unsigned char>(a[i])), y = std::toupper(static_cast<unsigned char>(b[i]));
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
}

}  // namespace

int cmd_sort(Proc& p, std::span<const std::string> argv) {
  bool numeric = false, reverse = false, unique = false, fold = false, stable = false, blanks = false;
  int sep = -1;
  std::vector<Key> keys;
  std::vector<std::string> files;
  std::string outfile;
  for (size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.size() < 2 || a[0] != '-') {
      files.push_back(a);
      continue;
    }
    if (a == "--numeric-sort") { numeric = true; continue; }
    if (a == "--reverse") { reverse = true; continue; }
    if (a == "--unique") { unique = true; continue; }
    for (size_t j = 1; j < a.size(); ++j) {
      char c = a[j];
      if (c == 'n' || c == 'g' || c == 'h') numeric = true;
      else if (c == 'r') reverse = true;
      else if (c == 'u') unique = true;
      else if (c == 'f') fold = true;
      else if (c == 's') stable = true;
      else if (c == 'b') blanks = true;
      else if (c == 'V' || c == 'd' || c == 'i' || c == 'M') {
      } else if (c == 'k' || c == 't' || c == 'o') {
        std::string v;
        if (j + 1 < a.size()) v = a.substr(j + 1);
        else if (i + 1 < argv.size()) v = argv[++i];
        else {
          p.err.print("sort: option requires an argument -- '{}'\nTry 'sort --help' for more information.\n", c);
          return 2;
        }
        if (c == 'k') {
          Key k;
          if (!parse_key(v, k)) {
            p.err.print("sort: invalid number at field start: invalid count at start of {}\n", util::gnu_quote(v));
            return 2;
          }
          keys.push_back(k);
        } else if (c == 't') {
          if (v.size() != 1) {
            p.err.print("sort: multi-character tab {}\n", util::gnu_quote(v));
            return 2;
          }
          sep = static_cast<unsigned char>(v[0]);
        } else {
          outfile = v;
        }
        break;
      } else {
        p.err.print("sort: invalid option -- '{}'\nTry 'sort --help' for more information.\n", c);
        return 2;
      }
    }
  }
  std::vector<std::string> lines;
  int status = 0;
  std::vector<util::InputFile> inputs;
  for (const std::string& f : files) {
    if (f == "-") {
      inputs.push_back({"-", std::string(p.in)});
      continue;
    }
    auto r = vfs_read(p, f);
    if (!r) {
      p.err.print("sort: cannot read: {}: {}\n", f, std::strerror(r.error()));
      return 2;
    }
    inputs.push_back({f, std::move(*r)});
  }
  if (files.empty()) inputs.push_back({"-", std::string(p.in)});
  for (const auto& in : inputs)
    for (std::string_view l : util::split_lines(in.data)) lines.emplace_back(l);
  if (keys.empty()) {
    Key whole;
    whole.f1 = 1;
    keys.push_back(whole);
    keys.back().f1 = 0;  // marker: whole line
  }
  auto cmp_keys = [&](const std::string& a, const std::string& b) -> int {
    for (const Key& k : keys) {
      std::string_view ka = k.f1 == 0 ? std::string_view(a) : key_text(a, k, sep);
      std::string_view kb = k.f1 == 0 ? std::string_view(b) : key_text(b, k, sep);
      bool num = k.has_opts ? k.numeric : numeric;
      bool rev = k.has_opts ? k.reverse : reverse;
      bool fd = k.has_opts ? k.fold : fold;
      if (!k.has_opts && blanks) {
        while (!ka.empty() && (ka[0] == ' ' || ka[0] == '\t')) ka.remove_prefix(1);
        while (!kb.empty() && (kb[0] == ' ' || kb[0] == '\t')) kb.remove_prefix(1);
      }
      int c;
      if (num) {
        long double x = numeric_value(ka), y = numeric_value(kb);
        c = x < y ? -1 : x > y ? 1 : 0;
      } else {
        c = compare_str(ka, kb, fd);
      }
      if (c) return rev ? -c : c;
    }
    return 0;
  };
  auto less = [&](const std::string& a, const std::string& b) {
    int c = cmp_keys(a, b);
    if (c) return c < 0;
    if (stable || unique) return false;
    int d = a.compare(b);
    return reverse ? d > 0 : d < 0;
  };
  std::stable_sort(lines.begin(), lines.end(), less);
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (unique && i > 0 && cmp_keys(lines[i - 1], lines[i]) == 0) continue;
    out += lines[i];
    out += '\n';
  }
  if (!outfile.empty()) {
    auto r = vfs_write(p, outfile, out, false);
    if (!r) {
      p.err.print("sort: open failed: {}: {}\n", outfile, std::strerror(r.error()));
      return 2;
    }
    return status;
  }
  p.out.write(out);
  return status;
}

int cmd_uniq(Proc& p, std::span<const std::string> argv) {
  bool count = false, dups = false, uniques = false, icase = false;
  std::vector<std::string> files;
  for (size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.size() < 2 || a[0] != '-') {
      files.push_back(a);
      continue;
    }
    for (size_t j = 1; j < a.size(); ++j) {
      char c = a[j];
      if (c == 'c') count = true;
      else if (c == 'd') dups = true;
      else if (c == 'u') uniques = true;
      else if (c == 'i') icase = true;
      else {
        p.err.print("uniq: invalid option -- '{}'\nTry 'uniq --help' for more information.\n", c);
        return 1;
      }
    }
  }
  int status = 0;
  std::vector<std::string> in_files;
  if (!files.empty()) in_files.push_back(files[0]);
  auto inputs = util::read_inputs(p, "uniq", in_files, &status);
  if (inputs.empty()) return status;
  auto lines = util::split_lines(inputs[0].data);
  std::string out;
  auto eq = [&](std::string_view a, std::string_view b) { return compare_str(a, b, icase) == 0; };
  for (size_t i = 0; i < lines.size();) {
    size_t j = i + 1;
    while (j < lines.size() && eq(lines[i], lines[j])) ++j;
    size_t n = j - i;
    bool show = (!dups && !uniques) || (dups && n > 1) || (uniques && n == 1);
    if (dups && uniques) show = false;
    if (show) {
      if (count) out += fmt::format("{:>7} ", n);
      out += lines[i];
      out += '\n';
    }
    i = j;
  }
  if (files.size() > 1) {
    auto r = vfs_write(p, files[1], out, false);
    if (!r) {
      p.err.print("uniq: {}: {}\n", files[1], std::strerror(r.error()));
      return 1;
    }
    return status;
  }
  p.out.write(out);
  return status;
}

}  // namespace skbox
