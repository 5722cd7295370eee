// cut -f LIST [-d C] [-s] | -c LIST | -b LIST, with --complement and
// --output-delimiter.
#include "cli/builtins/builtins.h"

namespace skbox {

namespace {

struct Range {
  size_t lo, hi;  // 1-based, inclusive; hi = SIZE_MAX for "N-"
};

bool parse_list(Proc& p, const std::string& list, bool fields, std::vector<Range>& out) {
  size_t i = 0;
  while (i <= list.size()) {
    size_t comma = list.find_first_of(", ", i);
    std::string item = list.substr(i, comma == std::string::npos ? std::string::npos : comma - i);
    i = comma == std::string::npos ? list.size() + 1 : comma + 1;
    if (item.empty()) {
      p.err.write(fields ? "cut: fields are numbered from 1\n" : "cut: byte/character positions are numbered from 1\n");
      p.err.write("Try 'cut --help' for more information.\n");
      return false;
    }
    size_t dash = item.find('-');
    auto num = [&](const std::string& s, size_t& v) -> bool {
      if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos) return false;
      long long n;
      if (!util::parse_int(s, n)) return false;
      v = static_cast<size_t>(n);
      return true;
    };
    Range r{1, SIZE_MAX};
    bool ok = true;
    if (dash == std::string::npos) {
      ok = num(item, r.lo);
      r.hi = r.lo;
    } else {
      std::string a = item.substr(0, dash), b = item.substr(dash + 1);
      if (a.empty() && b.empty()) ok = false;
      if (!a.empty()) ok = ok && num(a, r.lo);
      if (!b.empty()) ok = ok && num(b, r.hi);
    }
    if (!ok) {
      p.err.print("cut: invalid {} value {}\n", fields ? "field" : "byte/character position", util::gnu_quote(item));
      p.err.write("Try 'cut --help' for more information.\n");
      return false;
    }
    if (r.lo == 0) {
      p.err.write(fields ? "cut: fields are numbered from 1\n" : "cut: byte/character positions are numbered from 1\n");
      p.err.write("Try 'cut --help' for more information.\n");
      return false;
    }
    if (r.hi < r.lo) {
      p.err.write("cut: invalid decreasing range\nTry 'cut --help' for more information.\n");
      return false;
    }
    out.push_back(r);
  }
  return true;
}

bool selected(const std::vector<Range>& rs, size_t n, bool complement) {
  bool in = false;
  for (const Range& r : rs)
    if (n >= r.lo && n <= r.hi) in = true;
  return in != complement;
}

}  // namespace

int cmd_cut(Proc& p, std::span<const std::string> argv) {
  std::string list, delim = "\t", out_delim;
  bool have_out_delim = false, only_delimited = false, complement = false;
  char mode = 0;
  std::vector<std::string> files;
  for (size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.size() < 2 || a[0] != '-') {
      files.push_back(a);
      continue;
    }
    if (a == "--complement") { complement = true; continue; }
    if (a == "--only-delimited") { only_delimited = true; continue; }
    if (a.rfind("--output-delimiter=", 0) == 0) {
      out_delim = a.substr(19);
      have_out_delim = true;
      continue;
    }
    if (a.rfind("--delimiter=", 0) == 0) { delim = a.substr(12); continue; }
    if (a.rfind("--fields=", 0) == 0) { mode = 'f'; list = a.substr(9); continue; }
    for (size_t j = 1; j < a.size(); ++j) {
      char c = a[j];
      if (c == 's') { only_delimited = true; continue; }
      if (c == 'n') continue;
      if (c == 'f' || c == 'c' || c == 'b' || c == 'd') {
        std::string v;
        if (j + 1 < a.size()) v = a.substr(j + 1);
        else if (i + 1 < argv.size()) v = argv[++i];
        else {
          p.err.print("cut: option requires an argument -- '{}'\nTry 'cut --help' for more information.\n", c);
          return 1;
        }
        if (c == 'd') {
          delim = v;
        } else {
          if (mode && mode != c) {
            p.err.write("cut: only one type of list may be specified\nTry 'cut --help' for more information.\n");
            return 1;
          }
          mode = c;
          list = v;
        }
        break;
      }
      p.err.print("cut: invalid option -- '{}'\nTry 'cut --help' for more information.\n", c);
      return 1;
    }
  }
  if (!mode) {
    p.err.write("cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n");
    return 1;
  }
  if (delim.size() != 1) {
    p.err.write("cut: the delimiter must be a single character\nTry 'cut --help' for more information.\n");
    return 1;
  }
  std::vector<Range> ranges;
  if (!parse_list(p, list, mode == 'f', ranges)) return 1;
  if (!have_out_delim) out_delim = mode == 'f' ? delim : "";
  int status = 0;
  std::string out;
  for (const auto& in : util::read_inputs(p, "cut", files, &status)) {
    for (std::string_view line : util::split_lines(in.data)) {
      if (mode == 'f') {
        if (line.find(delim[0]) == std::string_view::npos) {
          if (!only_delimited) {
            out += line;
            out += '\n';
          }
          continue;
        }
        size_t n = 1, s = 0;
        bool firstf = true;
        for (;;) {
          size_t e = line.find(delim[0], s);
          std::string_view f = line.substr(s, e == std::string_view::npos ? std::string_view::npos : e - s);
          if (selected(ranges, n, complement)) {
            if (!firstf) out += out_delim;
            out += f;
            firstf = false;
          }
          if (e == std::string_view::npos) break;
          s = e + 1;
          ++n;
        }
        out += '\n';
      } else {
        bool firstc = true;
        size_t last_sel = 0;
        for (size_t k = 0; k < line.size(); ++k) {
          if (!selected(ranges, k + 1, complement)) continue;
          if (have_out_delim && !firstc && last_sel + 1 != k + 1) out += out_delim;
          out += line[k];
          firstc = false;
          last_sel = k + 1;
        }
        out += '\n';
      }
    }
  }
  p.out.write(out);
  return status;
}

}  // namespace skbox
