// POSIX regular expressions, GNU flavour (BRE with \+ \? \| \< \> \w \s,
// ERE), translated to ECMAScript so std::regex can run them. The error
// messages are GNU regex's.
//
// Not modelled: POSIX leftmost-longest alternation (ECMAScript takes the
// first alternative that matches), collating elements [. .] and [= =].
#include "cli/builtins/builtins.h"

namespace skbox::util {

namespace {

bool is_ecma_special(char c) { return std::string_view("\\^$.|?*+()[]{}/").find(c) != std::string_view::npos; }

void lit(std::string& out, char c) {
  if (is_ecma_special(c)) out += '\\';
  out += c;
}

// Copies a bracket expression starting at pat[i] == '['; returns the index
// after it, or npos when unterminated.
size_t bracket(std::string_view pat, size_t i, std::string& out) {
  size_t j = i + 1;
  std::string body;
  if (j < pat.size() && pat[j] == '^') {
    body += '^';
    ++j;
  }
  bool first = true;
  while (j < pat.size()) {
    char c = pat[j];
    if (c == ']' && !first) {
      out += '[';
      out += body;
      out += ']';
      return j + 1;
    }
    first = false;
    if (c == '[' && j + 1 < pat.size() && (pat[j + 1] == ':' || pat[j + 1] == '.' || pat[j + 1] == '=')) {
      char kind = pat[j + 1];
      size_t end = pat.find(std::string{kind, ']'}, j + 2);
      if (end == std::string_view::npos) return std::string_view::npos;
      if (kind == ':') {
        body.append(pat.substr(j, end + 2 - j));
      } else {
        std::string_view inner = pat.substr(j + 2, end - j - 2);
        for (char ch : inner) {
          if (ch == '\\' || ch == ']' || ch == '[' || ch == '^' || ch == '-') body += '\\';
          body += ch;
        }
      }
      j = end + 2;
      continue;
    }
    if (c == '\\' || c == '[' || (c == ']')) {
      body += '\\';
      body += c;
    } else if (c == '^') {
      body += "\\^";
    } else {
      body += c;
    }
    ++j;
  }
  return std::string_view::npos;
}

}  // namespace

bool posix_to_ecma(std::string_view pat, bool ere, std::string& out, std::string& err, int group_offset) {
  out.clear();
  int depth = 0;
  int groups = 0;
  // Whether the previous item can take a repetition operator (`*` at the
  // start of an expression or group is a literal).
  bool can_repeat = false;
  for (size_t i = 0; i < pat.size();) {
    char c = pat[i];
    bool at_start = !can_repeat;
    if (c == '[') {
      if (i + 1 >= pat.size()) {
        err = "Invalid regular expression";
        return false;
      }
      size_t n = bracket(pat, i, out);
      if (n == std::string_view::npos) {
        err = "Unmatched [, [^, [:, [., or [=";
        return false;
      }
      i = n;
      can_repeat = true;
      continue;
    }
    if (c == '\\') {
      if (i + 1 >= pat.size()) {
        err = "Trailing backslash";
        return false;
      }
      char d = pat[i + 1];
      i += 2;
      if (!ere && d == '(') {
        out += '(';
        ++depth;
        ++groups;
        can_repeat = false;
      } else if (!ere && d == ')') {
        if (depth == 0) {
          err = "Unmatched ) or \\)";
          return false;
        }
        out += ')';
        --depth;
        can_repeat = true;
      } else if (!ere && d == '|') {
        out += '|';
        can_repeat = false;
      } else if (!ere && (d == '+' || d == '?')) {
        if (at_start) lit(out, d);
        else out += d;
        can_repeat = true;
      } else if (!ere && d == '{') {
        size_t close = pat.find("\\}", i);
        if (close == std::string_view::npos) {
          err = "Unmatched \\{";
          return false;
        }
        std::string_view body = pat.substr(i, close - i);
        if (body.empty() || body.find_first_not_of("0123456789,") != std::string_view::npos) {
          err = "Invalid content of \\{\\}";
          return false;
        }
        if (at_start) {
          err = "Invalid preceding regular expression";
          return false;
        }
        out += '{';
        out.append(body);
        out += '}';
        i = close + 2;
        can_repeat = true;
      } else if (d == '<' || d == '>') {
        out += "\\b";
        can_repeat = false;
      } else if (d == 'b' || d == 'B' || d == 'w' || d == 'W' || d == 's' || d == 'S') {
        out += '\\';
        out += d;
        can_repeat = d != 'b' && d != 'B';
      } else if (d >= '1' && d <= '9') {
        if (d - '0' > groups) {
          err = "Invalid back reference";
          return false;
        }
        out += '\\';
        out += std::to_string(d - '0' + group_offset);
        can_repeat = true;
      } else if (d == '`') {
        out += '^';
      } else if (d == '\'') {
        out += '$';
      } else {
        lit(out, d);
        can_repeat = true;
      }
      continue;
    }
    ++i;
    if (ere) {
      switch (c) {
        case '(':
          out += '(';
          ++depth;
          ++groups;
          can_repeat = false;
          continue;
        case ')':
          if (depth == 0) {
            out += "\\)";
            can_repeat = true;
            continue;
          }
          out += ')';
          --depth;
          can_repeat = true;
          continue;
        case '|':
          out += '|';
          can_repeat = false;
          continue;
        case '*': case '+': case '?':
          if (at_start) {
            // GNU grep: "* at start of expression" is a literal (with a warning).
            if (c != '*') lit(out, c);
            else lit(out, c);
            can_repeat = true;
            continue;
          }
          out += c;
          continue;
        case '{': {
          size_t close = pat.find('}', i);
          std::string_view body = close == std::string_view::npos ? std::string_view() : pat.substr(i, close - i);
          bool valid = close != std::string_view::npos && !body.empty() &&
                       body.find_first_not_of("0123456789,") == std::string_view::npos &&
                       body[0] != ',' ;
          if (!valid || at_start) {
            out += "\\{";
            can_repeat = true;
            continue;
          }
          out += '{';
          out.append(body);
          out += '}';
          i = close + 1;
          continue;
        }
        case '^':
          out += '^';
          can_repeat = false;
          continue;
        case '$':
          out += '$';
          can_repeat = false;
          continue;
        case '.':
          out += '.';
          can_repeat = true;
          continue;
        default:
          lit(out, c);
          can_repeat = true;
          continue;
      }
    }
    // BRE
    switch (c) {
      case '*':
        if (at_start) lit(out, c);
        else out += '*';
        can_repeat = true;
        break;
      case '^':
        if (at_start && (out.empty() || out.back() == '(' || out.back() == '|')) {
          out += '^';
          can_repeat = false;
        } else {
          out += "\\^";
          can_repeat = true;
        }
        break;
      case '$': {
        bool at_end = i >= pat.size() || pat.substr(i, 2) == "\\)" || pat.substr(i, 2) == "\\|";
        out += at_end ? "$" : "\\$";
        can_repeat = !at_end;
        break;
      }
      case '.':
        out += '.';
        can_repeat = true;
        break;
      default:
        lit(out, c);
        can_repeat = true;
    }
  }
  if (depth > 0) {
    err = "Unmatched ( or \\(";
    return false;
  }
  return true;
}

std::optional<std::regex> compile_posix(std::string_view pat, bool extended, bool icase, std::string& err) {
  std::string ecma;
  if (!posix_to_ecma(pat, extended, ecma, err)) return std::nullopt;
  try {
    auto flags = std::regex::ECMAScript;
    if (icase) flags |= std::regex::icase;
    return std::regex(ecma, flags);
  } catch (const std::regex_error&) {
    err = "Invalid regular expression";
    return std::nullopt;
  }
}

}  // namespace skbox::util
