// grep: -E -F -G -e -i -v -c -q -s -o -w -x -n -h -H -l -L -m, with GNU's
// messages and exit status (0 selected, 1 none, 2 trouble).
//
// Not modelled: context lines (-A/-B/-C), recursion, binary-file detection.
#include <regex>

#include "cli/builtins/builtins.h"

namespace skbox {

namespace {

struct GrepOpts {
  bool extended = false, fixed = false, icase = false, invert = false, count = false, quiet = false;
  bool silent = false, only = false, word = false, line = false, number = false, list = false;
  bool list_missing = false;
  int with_name = -1;  // -1: auto
  long long max = -1;
  std::vector<std::string> patterns;
};

std::string escape_ecma(std::string_view s) {
  std::string r;
  for (char c : s) {
    if (std::string_view("\\^$.|?*+()[]{}/").find(c) != std::string_view::npos) r += '\\';
    r += c;
  }
  return r;
}

void usage(Proc& p) {
  p.err.write("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
}

}  // namespace

int cmd_grep(Proc& p, std::span<const std::string> argv) {
  GrepOpts o;
  std::vector<std::string> files;
  bool have_e = false;
  bool opts_done = false;
  for (size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (opts_done || a.size() < 2 || a[0] != '-') {
      files.push_back(a);
      continue;
    }
    if (a == "--") {
      opts_done = true;
      continue;
    }
    if (a[1] == '-') {
      std::string name = a.substr(2), val;
      size_t eq = name.find('=');
      if (eq != std::string::npos) {
        val = name.substr(eq + 1);
        name = name.substr(0, eq);
      }
      if (name == "extended-regexp") o.extended = true;
      else if (name == "fixed-strings") o.fixed = true;
      else if (name == "basic-regexp") o.extended = o.fixed = false;
      else if (name == "ignore-case") o.icase = true;
      else if (name == "invert-match") o.invert = true;
      else if (name == "count") o.count = true;
      else if (name == "quiet" || name == "silent") o.quiet = true;
      else if (name == "no-messages") o.silent = true;
      else if (name == "only-matching") o.only = true;
      else if (name == "word-regexp") o.word = true;
      else if (name == "line-regexp") o.line = true;
      else if (name == "line-number") o.number = true;
      else if (name == "files-with-matches") o.list = true;
      else if (name == "files-without-match") o.list_missing = true;
      else if (name == "with-filename") o.with_name = 1;
      else if (name == "no-filename") o.with_name = 0;
      else if (name == "color" || name == "colour") {
      } else if (name == "regexp") {
        if (eq == std::string::npos && i + 1 < argv.size()) val = argv[++i];
        o.patterns.push_back(val);
        have_e = true;
      } else if (name == "max-count") {
        if (eq == std::string::npos && i + 1 < argv.size()) val = argv[++i];
        if (!util::parse_int(val, o.max)) {
          p.err.print("grep: invalid max count\n");
          return 2;
        }
      } else {
        p.err.print("grep: unrecognized option '{}'\n", a);
        usage(p);
        return 2;
      }
      continue;
    }
    for (size_t j = 1; j < a.size(); ++j) {
      char c = a[j];
      switch (c) {
        case 'E': o.extended = true; o.fixed = false; break;
        case 'F': o.fixed = true; break;
        case 'G': o.extended = o.fixed = false; break;
        case 'i': case 'y': o.icase = true; break;
        case 'v': o.invert = true; break;
        case 'c': o.count = true; break;
        case 'q': o.quiet = true; break;
        case 's': o.silent = true; break;
        case 'o': o.only = true; break;
        case 'w': o.word = true; break;
        case 'x': o.line = true; break;
        case 'n': o.number = true; break;
        case 'l': o.list = true; break;
        case 'L': o.list_missing = true; break;
        case 'H': o.with_name = 1; break;
        case 'h': o.with_name = 0; break;
        case 'a': case 'I': case 'U': break;
        case 'e': case 'm': case 'f': {
          std::string val;
          if (j + 1 < a.size()) {
            val = a.substr(j + 1);
          } else if (i + 1 < argv.size()) {
            val = argv[++i];
          } else {
            p.err.print("grep: option requires an argument -- '{}'\n", c);
            usage(p);
            return 2;
          }
          if (c == 'e') {
            o.patterns.push_back(val);
            have_e = true;
          } else if (c == 'm') {
            if (!util::parse_int(val, o.max)) {
              p.err.print("grep: invalid max count\n");
              return 2;
            }
          } else {
            auto r = util::read_inputs(p, "grep", std::span<const std::string>(&val, 1), nullptr);
            if (r.empty()) return 2;
            for (auto l : util::split_lines(r[0].data)) o.patterns.emplace_back(l);
            have_e = true;
          }
          j = a.size();
          break;
        }
        default:
          if (c >= '0' && c <= '9') break;  // -NUM context: ignored
          p.err.print("grep: invalid option -- '{}'\n", c);
          usage(p);
          return 2;
      }
    }
  }
  if (!have_e) {
    if (files.empty()) {
      usage(p);
      return 2;
    }
    o.patterns.push_back(files.front());
    files.erase(files.begin());
  }
  // A pattern with newlines is several patterns.
  std::vector<std::string> pats;
  for (const std::string& pt : o.patterns) {
    size_t s = 0;
    for (;;) {
      size_t nl = pt.find('\n', s);
      pats.push_back(pt.substr(s, nl == std::string::npos ? std::string::npos : nl - s));
      if (nl == std::string::npos) break;
      s = nl + 1;
    }
  }
  // Compile each pattern; -w / -x wrap it.
  std::vector<std::regex> rx;
  int word_group = 0;
  for (const std::string& pt : pats) {
    std::string ecma, err;
    if (o.fixed) {
      ecma = escape_ecma(pt);
    } else {
      if (o.extended && !pt.empty() && pt[0] == '*') p.err.write("grep: warning: * at start of expression\n");
      if (!util::posix_to_ecma(pt, o.extended, ecma, err, o.word ? 2 : 0)) {
        p.err.print("grep: {}\n", err);
        return 2;
      }
    }
    if (o.line) {
      ecma = "^(?:" + ecma + ")$";
    } else if (o.word) {
      ecma = "(^|[^[:alnum:]_])(" + ecma + ")(?=[^[:alnum:]_]|$)";
      word_group = 2;
    }
    try {
      auto flags = std::regex::ECMAScript;
      if (o.icase) flags |= std::regex::icase;
      rx.emplace_back(ecma, flags);
    } catch (const std::regex_error&) {
      p.err.write("grep: Invalid regular expression\n");
      return 2;
    }
  }
  int status = 1;
  bool error = false;
  int err_status = 0;
  auto inputs = util::read_inputs(p, "grep", files, &err_status, 2, o.silent);
  if (err_status) error = true;
  bool show_name = o.with_name == 1 || (o.with_name == -1 && files.size() > 1);
  std::string out;
  bool selected_any = false;
  for (const auto& in : inputs) {
    std::string name = in.name == "-" ? "(standard input)" : in.name;
    long long count = 0;
    long long lineno = 0;
    for (std::string_view line : util::split_lines(in.data)) {
      ++lineno;
      if (o.max >= 0 && count >= o.max) break;
      std::string ls(line);
      bool match = false;
      for (const auto& r : rx) {
        if (std::regex_search(ls, r)) {
          match = true;
          break;
        }
      }
      if (match == o.invert) continue;
      ++count;
      selected_any = true;
      if (o.quiet) return 0;
      if (o.count || o.list || o.list_missing) continue;
      std::string prefix;
      if (show_name) prefix += name + ":";
      if (o.number) prefix += std::to_string(lineno) + ":";
      if (o.only) {
        if (o.invert) continue;
        // Leftmost match among all patterns, repeatedly.
        size_t pos = 0;
        while (pos <= ls.size()) {
          std::smatch best;
          bool found = false;
          size_t best_start = 0, best_len = 0;
          for (const auto& r : rx) {
            std::smatch m;
            auto flags = pos > 0 ? std::regex_constants::match_prev_avail : std::regex_constants::match_default;
            if (!std::regex_search(ls.cbegin() + static_cast<long>(pos), ls.cend(), m, r, flags)) continue;
            int g = word_group;
            size_t st = static_cast<size_t>(m.position(g)) + pos;
            size_t len = static_cast<size_t>(m.length(g));
            if (!found || st < best_start || (st == best_start && len > best_len)) {
              found = true;
              best_start = st;
              best_len = len;
            }
          }
          if (!found) break;
          if (best_len > 0) out += prefix + ls.substr(best_start, best_len) + "\n";
          pos = best_start + std::max<size_t>(best_len, 1);
        }
        continue;
      }
      out += prefix;
      out += line;
      out += '\n';
    }
    if (o.count) {
      if (show_name) out += name + ":";
      out += std::to_string(count) + "\n";
    }
    if (o.list && count > 0) out += name + "\n";
    if (o.list_missing && count == 0) out += name + "\n";
    if (out.size() > 65536) {
      p.out.write(out);
      out.clear();
    }
  }
  p.out.write(out);
  if (selected_any) status = 0;
  if (error && !(o.quiet && selected_any)) status = 2;
  return status;
}

}  // namespace skbox
