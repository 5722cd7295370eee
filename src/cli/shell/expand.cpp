// Word expansion, in bash's order: tilde, parameter, command substitution and
// arithmetic (left to right), then field splitting on IFS of the unquoted
// expansion results, pathname expansion, and quote removal.
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <set>

#include "cli/procfs.h"
#include "cli/vfs.h"
#include "cli/shell/cwd.h"
#include "cli/shell/interp.h"
#include "cli/shell/parser.h"
#include "net/world.h"

namespace skbox::sh {

namespace {

bool is_glob_special(char c) { return c == '*' || c == '?' || c == '[' || c == ']' || c == '\\'; }

// Collects expansion results into fields (or one string, or a pattern).
struct Emitter {
  enum Mode { Fields, String, Pattern, Regex } mode = Fields;
  std::string ifs = " \t\n";
  std::vector<std::string> fields;
  std::vector<std::string> pats;  // glob pattern per field, "" when none
  std::string cur, pat;
  bool active = false;
  bool globby = false;
  int state = 0;  // 0 in a field / start, 1 after IFS white space, 2 after other IFS char

  bool is_ifs(char c) const { return ifs.find(c) != std::string::npos; }
  static bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n'; }

  void append(char c, bool quoted) {
    cur += c;
    if (quoted) {
      if (is_glob_special(c)) pat += '\\';
      pat += c;
    } else {
      if (c == '*' || c == '?' || c == '[') globby = true;
      pat += c;
    }
  }
  void push() {
    fields.push_back(std::move(cur));
    pats.push_back(globby ? std::move(pat) : std::string());
    cur.clear();
    pat.clear();
    active = false;
    globby = false;
  }
  void text(std::string_view s, bool quoted, bool expansion) {
    if (mode == String) {
      cur.append(s);
      active = true;
      return;
    }
    if (mode == Pattern || mode == Regex) {
      for (char c : s) {
        bool special = mode == Pattern ? is_glob_special(c)
                                       : std::string_view("\\.[]()*+?{}|^$").find(c) != std::string_view::npos;
        if (quoted && special) cur += '\\';
        cur += c;
      }
      active = true;
      return;
    }
    if (quoted || !expansion || ifs.empty()) {
      for (char c : s) append(c, quoted);
      if (quoted || !s.empty()) {
        active = true;
        state = 0;
      }
      return;
    }
    for (char c : s) {
      if (is_ifs(c)) {
        if (is_ws(c)) {
          if (active) {
            push();
            state = 1;
          }
        } else {
          if (active) push();
          else if (state != 1) push();
          state = 2;
        }
      } else {
        append(c, false);
        active = true;
        state = 0;
      }
    }
  }
  // Between the words of "$@".
  void brk() {
    if (mode == Fields) {
      if (active) push();
      state = 0;
    } else {
      cur += ' ';
    }
  }
  void finish() {
    if (mode == Fields) {
      if (active) push();
    }
  }
};

std::string unescape_pattern(std::string_view p) {
  std::string r;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '\\' && i + 1 < p.size()) ++i;
    r += p[i];
  }
  return r;
}

size_t utf8_len(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

// Brace expansion on unquoted literal text: a{b,c}d, {1..5}, {a..e},
// {01..10..3}. Groups must lie inside one literal run (not across $x).
constexpr size_t kMaxBraceWords = 1 << 16;

bool brace_sequence(std::string_view body, std::vector<std::string>& out) {
  size_t dd = body.find("..");
  if (dd == std::string_view::npos) return false;
  std::string_view a = body.substr(0, dd), rest = body.substr(dd + 2), b = rest, step_s;
  size_t dd2 = rest.find("..");
  if (dd2 != std::string_view::npos) {
    b = rest.substr(0, dd2);
    step_s = rest.substr(dd2 + 2);
  }
  auto is_int = [](std::string_view s) {
    size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    if (i >= s.size() || s.size() > 18) return false;
    for (; i < s.size(); ++i)
      if (s[i] < '0' || s[i] > '9') return false;
    return true;
  };
  long long step = 1;
  if (!step_s.empty()) {
    if (!is_int(step_s)) return false;
    step = std::llabs(std::stoll(std::string(step_s)));
    if (step == 0) step = 1;
  }
  if (is_int(a) && is_int(b)) {
    long long x = std::stoll(std::string(a)), y = std::stoll(std::string(b));
    size_t width = 0;
    auto padded = [](std::string_view s) {
      size_t i = (!s.empty() && s[0] == '-') ? 1 : 0;
      return s.size() > i + 1 && s[i] == '0';
    };
    if (padded(a) || padded(b)) width = std::max(a.size(), b.size());
    unsigned long long count = static_cast<unsigned long long>(x < y ? y - x : x - y) / static_cast<unsigned long long>(step) + 1;
    if (count > kMaxBraceWords) return false;
    for (long long v = x;; v += x <= y ? step : -step) {
      if (x <= y ? v > y : v < y) break;
      std::string t = std::to_string(v < 0 ? -v : v);
      size_t w = width > 0 && v < 0 ? width - 1 : width;
      if (t.size() < w) t.insert(0, w - t.size(), '0');
      out.push_back((v < 0 ? "-" : "") + t);
    }
    return true;
  }
  if (a.size() == 1 && b.size() == 1 && std::isalpha(static_cast<unsigned char>(a[0])) &&
      std::isalpha(static_cast<unsigned char>(b[0]))) {
    int x = a[0], y = b[0];
    for (int v = x; x <= y ? v <= y : v >= y; v += x <= y ? static_cast<int>(step) : -static_cast<int>(step))
      out.emplace_back(1, static_cast<char>(v));
    return true;
  }
  return false;
}

void brace_expand(const Word& w, std::vector<Word>& out) {
  for (size_t pi = 0; pi < w.parts.size(); ++pi) {
    const WordPart& part = w.parts[pi];
    if (part.kind != WP::Lit) continue;
    const std::string& t = part.text;
    for (size_t s = t.find('{'); s != std::string::npos; s = t.find('{', s + 1)) {
      int depth = 0;
      size_t e = std::string::npos;
      std::vector<size_t> commas;
      for (size_t i = s; i < t.size(); ++i) {
        if (t[i] == '{') ++depth;
        else if (t[i] == '}' && --depth == 0) {
          e = i;
          break;
        } else if (t[i] == ',' && depth == 1) commas.push_back(i);
      }
      if (e == std::string::npos) break;
      std::vector<std::string> alts;
      if (!commas.empty()) {
        size_t st = s + 1;
        for (size_t c : commas) {
          alts.push_back(t.substr(st, c - st));
          st = c + 1;
        }
        alts.push_back(t.substr(st, e - st));
      } else if (!brace_sequence(std::string_view(t).substr(s + 1, e - s - 1), alts)) {
        continue;
      }
      for (const std::string& alt : alts) {
        Word nw = w;
        nw.parts[pi].text = t.substr(0, s) + alt + t.substr(e + 1);
        if (out.size() >= kMaxBraceWords) return;
        brace_expand(nw, out);
      }
      return;
    }
  }
  out.push_back(w);
}

}  // namespace

struct Expander {
  Interp& in;

  void walk(const std::vector<WordPart>& parts, bool in_dq, Emitter& em, bool tilde_ok) {
    for (size_t i = 0; i < parts.size(); ++i) {
      const WordPart& p = parts[i];
      switch (p.kind) {
        case WP::Lit: {
          std::string_view t = p.text;
          if (i == 0 && tilde_ok && !in_dq && !t.empty() && t[0] == '~') {
            size_t slash = t.find('/');
            std::string_view user = t.substr(1, slash == std::string_view::npos ? std::string_view::npos : slash - 1);
            bool whole = slash != std::string_view::npos || parts.size() == 1;
            if (whole && user.empty()) {
              auto home = in.get_param("HOME");
              em.text(home.value_or(""), true, false);
              t.remove_prefix(1);
            } else if (whole && user == "root") {
              em.text("/root", true, false);
              t.remove_prefix(5);
            }
          }
          em.text(t, in_dq, false);
          break;
        }
        case WP::Quoted:
          em.text(p.text, true, false);
          break;
        case WP::DQ: {
          const WordPart& q = p.parts.empty() ? p : p.parts[0];
          bool only_at = p.parts.size() == 1 && q.kind == WP::Param && q.op == POp::None && !q.indirect &&
                         (q.has_subscript ? q.subscript == "@" : q.text == "@");
          if (!only_at) em.text("", true, false);
          walk(p.parts, true, em, false);
          break;
        }
        case WP::Param:
          param(p, in_dq, em);
          break;
        case WP::Cmd:
          em.text(in.cmd_subst(p.cmd.get(), {}), in_dq, true);
          break;
        case WP::Backq:
          em.text(in.cmd_subst(nullptr, p.text), in_dq, true);
          break;
        case WP::Arith: {
          std::string expr = in.expand_parts_str(p.parts);
          em.text(std::to_string(in.arith(expr)), in_dq, true);
          break;
        }
      }
    }
  }

  std::string pattern_of(const std::vector<WordPart>& parts, bool in_dq) {
    Emitter em;
    em.mode = Emitter::Pattern;
    walk(parts, in_dq, em, false);
    return em.cur;
  }
  std::string string_of(const std::vector<WordPart>& parts, bool in_dq) {
    Emitter em;
    em.mode = Emitter::String;
    walk(parts, in_dq, em, false);
    return em.cur;
  }

  std::string ifs_first() {
    auto v = in.get_param("IFS");
    if (!v) return " ";
    return v->empty() ? "" : v->substr(0, 1);
  }

  void param(const WordPart& p, bool in_dq, Emitter& em) {
    const std::string& name = p.text;
    if (p.op == POp::Bad) {
      in.error(p.text + ": bad substitution");
      throw AbortCmd{};
    }
    bool list = (name == "@" || name == "*") && !p.indirect && !p.has_subscript;
    bool star = name == "*";
    // ${NAME[@]} / ${NAME[*]} expand like $@ / $* over the array's elements.
    std::vector<std::string> elems;
    const std::vector<std::string>* L = &in.pos_;
    if (p.has_subscript && (p.subscript == "@" || p.subscript == "*")) {
      elems = p.indirect ? in.array_keys(name) : in.array_values(name);
      L = &elems;
      list = true;
      star = p.subscript == "*";
    }
    if (list && p.op == POp::None) {
      const auto& pos = *L;
      if (star && in_dq) {
        std::string sep = ifs_first(), joined;
        for (size_t i = 0; i < pos.size(); ++i) {
          if (i) joined += sep;
          joined += pos[i];
        }
        em.text(joined, true, true);
        return;
      }
      for (size_t i = 0; i < pos.size(); ++i) {
        if (i) em.brk();
        em.text(pos[i], in_dq, true);
      }
      return;
    }
    std::optional<std::string> value;
    if (list) {
      std::string sep = star ? ifs_first() : " ";
      std::string joined;
      for (size_t i = 0; i < L->size(); ++i) {
        if (i) joined += sep;
        joined += (*L)[i];
      }
      value = joined;
      if (p.has_subscript && L->empty()) value.reset();
    } else if (p.has_subscript) {
      value = in.get_elem(name, in.subscript_index(p.subscript));
    } else {
      value = in.get_param(name);
    }
    if (p.indirect) {
      std::string target = value.value_or("");
      if (!value || target.empty()) {
        if (p.op == POp::None) {
          in.error(name + ": invalid indirect expansion");
          throw AbortCmd{};
        }
        value.reset();
      } else {
        value = in.get_param(target);
      }
    }
    bool unset_or_null = !value || (p.colon && value->empty());
    switch (p.op) {
      case POp::Default:
        if (unset_or_null) walk(p.parts, in_dq, em, true);
        else em.text(*value, in_dq, true);
        return;
      case POp::Alt:
        if (!unset_or_null) walk(p.parts, in_dq, em, true);
        else if (in_dq) em.text("", true, false);
        return;
      case POp::Assign:
        if (unset_or_null) {
          std::string s = string_of(p.parts, in_dq);
          if (!is_name(name)) {
            in.error("$" + name + ": cannot assign in this way");
            throw AbortCmd{};
          }
          in.assign(name, s);
          em.text(s, in_dq, true);
        } else {
          em.text(*value, in_dq, true);
        }
        return;
      case POp::Error:
        if (unset_or_null) {
          std::string msg = string_of(p.parts, in_dq);
          if (msg.empty()) msg = p.colon ? "parameter null or not set" : "parameter not set";
          in.error(name + ": " + msg);
          throw ExitEx{1};
        }
        em.text(*value, in_dq, true);
        return;
      default:
        break;
    }
    if (!value && in.opts_.nounset && !list) {
      bool digit = !name.empty() && name[0] >= '0' && name[0] <= '9';
      std::string shown = p.has_subscript ? name + "[" + p.subscript + "]" : name;
      in.error((digit ? "$" : "") + shown + ": unbound variable");
      throw ExitEx{1};
    }
    if (list && p.op != POp::None && p.op != POp::Len && p.op != POp::Bad) {
      // $@ / ${NAME[@]} with an operator: it applies to each element.
      std::vector<std::string> items = *L;
      if (p.op == POp::Substr) {
        if (!p.has_subscript) items.insert(items.begin(), in.arg0_);  // ${@:0} is $0
        int64_t n = static_cast<int64_t>(items.size());
        int64_t off = in.arith(string_of(p.parts, in_dq));
        if (off < 0) off += n;
        int64_t len = n - off;
        if (p.has_parts2) {
          int64_t l = in.arith(string_of(p.parts2, in_dq));
          if (l < 0) {
            in.error(p.text + (p.has_subscript ? "[" + p.subscript + "]" : "") + ": " + std::to_string(l) +
                     ": substring expression < 0");
            throw AbortCmd{};
          }
          len = std::min(len, l);
        }
        if (off < 0 || off > n) items.clear();
        else items = std::vector<std::string>(items.begin() + off, items.begin() + off + std::max<int64_t>(len, 0));
      } else {
        for (std::string& it : items) it = apply_op(it, p, in_dq);
      }
      if (star && in_dq) {
        std::string sep = ifs_first(), joined;
        for (size_t i = 0; i < items.size(); ++i) joined += (i ? sep : "") + items[i];
        em.text(joined, true, true);
        return;
      }
      for (size_t i = 0; i < items.size(); ++i) {
        if (i) em.brk();
        em.text(items[i], in_dq, true);
      }
      return;
    }
    std::string v = value.value_or("");
    switch (p.op) {
      case POp::None:
        em.text(v, in_dq, true);
        return;
      case POp::Len:
        em.text(std::to_string(list ? L->size() : utf8_len(v)), in_dq, true);
        return;
      case POp::Substr:
        em.text(substr(v, p, in_dq), in_dq, true);
        return;
      default:
        em.text(apply_op(v, p, in_dq), in_dq, true);
    }
  }

  // The string operators of ${x#p} ${x/p/r} ${x^p} ... applied to one value.
  std::string apply_op(std::string v, const WordPart& p, bool in_dq) {
    switch (p.op) {
      case POp::RemPre: case POp::RemPreL: case POp::RemSuf: case POp::RemSufL:
        return remove(v, pattern_of(p.parts, in_dq), p.op);
      case POp::Repl: case POp::ReplAll: case POp::ReplPre: case POp::ReplSuf:
        return replace(v, pattern_of(p.parts, in_dq), p.has_parts2 ? string_of(p.parts2, in_dq) : "", p.op);
      case POp::Upper: case POp::UpperAll: case POp::Lower: case POp::LowerAll: {
        std::string pat = pattern_of(p.parts, in_dq);
        bool up = p.op == POp::Upper || p.op == POp::UpperAll;
        bool all = p.op == POp::UpperAll || p.op == POp::LowerAll;
        for (size_t i = 0; i < v.size() && (all || i == 0); ++i) {
          if (!pat.empty() && !pattern_match(pat, std::string_view(&v[i], 1))) continue;
          v[i] = static_cast<char>(up ? std::toupper(static_cast<unsigned char>(v[i]))
                                      : std::tolower(static_cast<unsigned char>(v[i])));
        }
        return v;
      }
      default:
        return v;
    }
  }

  static std::string remove(const std::string& v, const std::string& pat, POp op) {
    size_t n = v.size();
    switch (op) {
      case POp::RemPre:
        for (size_t i = 0; i <= n; ++i)
          if (pattern_match(pat, std::string_view(v).substr(0, i))) return v.substr(i);
        return v;
      case POp::RemPreL:
        for (size_t i = n + 1; i-- > 0;)
          if (pattern_match(pat, std::string_view(v).substr(0, i))) return v.substr(i);
        return v;
      case POp::RemSuf:
        for (size_t i = n + 1; i-- > 0;)
          if (pattern_match(pat, std::string_view(v).substr(i))) return v.substr(0, i);
        return v;
      case POp::RemSufL:
        for (size_t i = 0; i <= n; ++i)
          if (pattern_match(pat, std::string_view(v).substr(i))) return v.substr(0, i);
        return v;
      default:
        return v;
    }
  }

  static std::string replace(const std::string& v, const std::string& pat, const std::string& rep, POp op) {
    std::string_view sv = v;
    size_t n = v.size();
    if (op == POp::ReplPre) {
      for (size_t j = n + 1; j-- > 0;)
        if (pattern_match(pat, sv.substr(0, j))) return rep + v.substr(j);
      return v;
    }
    if (op == POp::ReplSuf) {
      for (size_t i = 0; i <= n; ++i)
        if (pattern_match(pat, sv.substr(i))) return v.substr(0, i) + rep;
      return v;
    }
    if (pat.empty()) return v;
    std::string out;
    size_t i = 0;
    bool done = false;
    while (i < n) {
      size_t match_end = std::string::npos;
      if (!done) {
        for (size_t j = n; j > i; --j) {
          if (pattern_match(pat, sv.substr(i, j - i))) {
            match_end = j;
            break;
          }
        }
      }
      if (match_end == std::string::npos) {
        out += v[i++];
        continue;
      }
      out += rep;
      i = match_end;
      if (op == POp::Repl) done = true;
    }
    return out;
  }

  std::string substr(const std::string& v, const WordPart& p, bool in_dq) {
    int64_t len_total = static_cast<int64_t>(v.size());
    int64_t off = in.arith(string_of(p.parts, in_dq));
    if (off < 0) off += len_total;
    if (off < 0 || off > len_total) return "";
    int64_t len = len_total - off;
    if (p.has_parts2) {
      int64_t l = in.arith(string_of(p.parts2, in_dq));
      if (l < 0) {
        l = len_total + l - off;
        if (l < 0) {
          in.error(p.text + ": " + std::to_string(l + off - len_total) + ": substring expression < 0");
          throw AbortCmd{};
        }
      }
      len = std::min(len, l);
    }
    return v.substr(static_cast<size_t>(off), static_cast<size_t>(len));
  }
};

// ---------------------------------------------------------------- Interp API

std::vector<std::string> Interp::expand_words(const std::vector<Word>& words, bool decl_builtin) {
  Emitter em;
  if (auto ifs = get_param("IFS")) em.ifs = *ifs;
  Expander ex{*this};
  std::vector<std::string> out;
  std::vector<Word> braced;
  const std::vector<Word>* list = &words;
  bool any_brace = false;
  for (const Word& w : words)
    for (const WordPart& p : w.parts)
      if (p.kind == WP::Lit && p.text.find('{') != std::string::npos) any_brace = true;
  if (any_brace) {
    for (const Word& w : words) brace_expand(w, braced);
    list = &braced;
  }
  for (size_t wi = 0; wi < list->size(); ++wi) {
    const Word& w = (*list)[wi];
    // export/local/readonly NAME=value: the value is not split (bash).
    if (decl_builtin && wi > 0 && !w.parts.empty() && w.parts[0].kind == WP::Lit) {
      const std::string& t = w.parts[0].text;
      size_t eq = t.find('=');
      if (eq != std::string::npos && is_name(std::string_view(t).substr(0, eq > 0 && t[eq - 1] == '+' ? eq - 1 : eq))) {
        out.push_back(expand_assign_value(w, eq));
        continue;
      }
    }
    em.fields.clear();
    em.pats.clear();
    em.state = 0;
    ex.walk(w.parts, false, em, true);
    em.finish();
    for (size_t i = 0; i < em.fields.size(); ++i) {
      if (!em.pats[i].empty() && !opts_.noglob) {
        std::vector<std::string> g = glob(em.pats[i]);
        if (!g.empty()) {
          for (auto& s : g) out.push_back(std::move(s));
          continue;
        }
      }
      out.push_back(std::move(em.fields[i]));
    }
  }
  return out;
}

std::string Interp::expand_str(const Word& w) {
  Emitter em;
  em.mode = Emitter::String;
  Expander ex{*this};
  ex.walk(w.parts, false, em, true);
  return em.cur;
}

std::string Interp::expand_pattern(const Word& w) {
  Emitter em;
  em.mode = Emitter::Pattern;
  Expander ex{*this};
  ex.walk(w.parts, false, em, false);
  return em.cur;
}

std::string Interp::expand_regex(const Word& w) {
  Emitter em;
  em.mode = Emitter::Regex;
  Expander ex{*this};
  ex.walk(w.parts, false, em, false);
  return em.cur;
}

std::string Interp::expand_parts_str(const std::vector<WordPart>& parts) {
  Emitter em;
  em.mode = Emitter::String;
  Expander ex{*this};
  ex.walk(parts, false, em, false);
  return em.cur;
}

// NAME=value words: everything after '=' is expanded as one string, with
// tilde expansion at the start of the value.
std::string Interp::expand_assign_value(const Word& w, size_t eq_pos) {
  Word v;
  WordPart first = w.parts[0];
  std::string prefix = first.text.substr(0, eq_pos + 1);
  first.text = first.text.substr(eq_pos + 1);
  if (!first.text.empty()) v.parts.push_back(first);
  for (size_t i = 1; i < w.parts.size(); ++i) v.parts.push_back(w.parts[i]);
  return prefix + expand_str(v);
}

// ---------------------------------------------------------------- globbing

namespace {

// Directory entries a script sees: the host's directory (read-only view),
// files the script created, and /proc, /sys.
std::optional<std::vector<std::string>> list_dir(Interp& in, const std::string& dir) {
  std::set<std::string> names;
  bool exists = false;
  if (DIR* d = ::opendir(dir.c_str())) {
    exists = true;
    while (dirent* e = ::readdir(d)) {
      std::string n = e->d_name;
      if (n != "." && n != "..") names.insert(n);
    }
    ::closedir(d);
  }
  std::string prefix = dir == "/" ? "/" : dir + "/";
  for (const auto& [path, data] : in.world().files) {
    if (path.compare(0, prefix.size(), prefix) != 0) continue;
    exists = true;
    std::string rest = path.substr(prefix.size());
    size_t slash = rest.find('/');
    names.insert(slash == std::string::npos ? rest : rest.substr(0, slash));
  }
  if (!exists) return std::nullopt;
  return std::vector<std::string>(names.begin(), names.end());
}

}  // namespace

std::vector<std::string> Interp::glob(const std::string& pattern) {
  // Split into components; expand each one that has glob characters.
  bool absolute = !pattern.empty() && pattern[0] == '/';
  std::vector<std::string> comps;
  {
    std::string cur;
    for (size_t i = 0; i < pattern.size(); ++i) {
      if (pattern[i] == '\\' && i + 1 < pattern.size()) {
        cur += pattern[i];
        cur += pattern[++i];
        continue;
      }
      if (pattern[i] == '/') {
        if (!cur.empty()) comps.push_back(cur);
        cur.clear();
        continue;
      }
      cur += pattern[i];
    }
    if (!cur.empty()) comps.push_back(cur);
  }
  std::vector<std::string> paths = {absolute ? "/" : ""};
  for (size_t ci = 0; ci < comps.size(); ++ci) {
    const std::string& c = comps[ci];
    std::vector<std::string> next;
    for (const std::string& base : paths) {
      auto join = [&](const std::string& name) {
        if (base.empty()) return name;
        if (base == "/") return "/" + name;
        return base + "/" + name;
      };
      if (!has_glob_chars(c)) {
        next.push_back(join(unescape_pattern(c)));
        continue;
      }
      std::string dir = base.empty() ? cwd_ : (base[0] == '/' ? base : cwd_ + "/" + base);
      std::vector<std::string> names;
      if (procfs_handles(dir + "/")) {
        NullSink ns;
        Proc p{w_, net_, {}, ns, ns};
        auto l = procfs_list(p, dir);
        if (l) names = *l;
      } else if (auto l = list_dir(*this, dir)) {
        names = *l;
      }
      std::sort(names.begin(), names.end());
      for (const std::string& n : names) {
        if (n[0] == '.' && c[0] != '.') continue;
        if (pattern_match(c, n)) next.push_back(join(n));
        if (next.size() >= 100000) break;
      }
    }
    paths = std::move(next);
    if (paths.empty()) break;
  }
  // Only names that exist survive (the last component may be literal).
  std::vector<std::string> out;
  for (auto& p : paths) {
    std::string abs = p[0] == '/' ? p : cwd_ + "/" + p;
    NullSink ns;
    Proc pr{w_, net_, {}, ns, ns};
    if (vfs_exists(pr, abs)) out.push_back(std::move(p));
  }
  return out;
}

}  // namespace skbox::sh
