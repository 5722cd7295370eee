// Shell builtins: the commands that need the interpreter's state (cd, set,
// export, read, wait, eval, ...), plus bash's builtin echo/printf/test, which
// write unbuffered and report errors with the script's name and line.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "cli/builtins/builtins.h"
#include "cli/shell/cwd.h"
#include "cli/shell/interp.h"
#include "cli/shell/parser.h"
#include "cli/vfs.h"
#include "net/world.h"

namespace skbox::sh {

namespace {

struct BuiltinEntry {
  std::string_view name;
  BuiltinFn fn;
};

bool parse_status(std::string_view s, int& out) {
  long long v;
  if (!util::parse_int(s, v)) return false;
  out = static_cast<int>(v & 0xff);
  return true;
}

const char* const kKeywords[] = {"if", "then", "else", "elif", "fi", "case", "esac", "for", "while", "until",
                                 "do", "done", "in", "function", "select", "time", "{", "}", "!", "[[", "]]"};

}  // namespace

BuiltinFn Interp::find_builtin(std::string_view name) {
  static const BuiltinEntry kTable[] = {
      {":", &Interp::bi_colon},        {".", &Interp::bi_source},       {"[", &Interp::bi_test},
      {"break", &Interp::bi_break},    {"builtin", &Interp::bi_builtin}, {"cd", &Interp::bi_cd},
      {"command", &Interp::bi_command}, {"continue", &Interp::bi_continue},
      {"declare", &Interp::bi_declare}, {"disown", &Interp::bi_noop},   {"echo", &Interp::bi_echo},
      {"eval", &Interp::bi_eval},      {"exec", &Interp::bi_exec},      {"exit", &Interp::bi_exit},
      {"export", &Interp::bi_export},  {"false", &Interp::bi_false},    {"getopts", &Interp::bi_getopts},
      {"hash", &Interp::bi_noop},      {"kill", &Interp::bi_kill},     {"let", &Interp::bi_let},       {"local", &Interp::bi_local},
      {"printf", &Interp::bi_printf},  {"pwd", &Interp::bi_pwd},        {"read", &Interp::bi_read},
      {"readonly", &Interp::bi_readonly}, {"return", &Interp::bi_return}, {"set", &Interp::bi_set},
      {"shift", &Interp::bi_shift},    {"shopt", &Interp::bi_noop},     {"source", &Interp::bi_source},
      {"test", &Interp::bi_test},      {"trap", &Interp::bi_trap},      {"true", &Interp::bi_true},
      {"type", &Interp::bi_type},      {"typeset", &Interp::bi_declare}, {"ulimit", &Interp::bi_noop},
      {"umask", &Interp::bi_noop},     {"unset", &Interp::bi_unset},    {"wait", &Interp::bi_wait},
  };
  for (const auto& e : kTable)
    if (e.name == name) return e.fn;
  return nullptr;
}

int Interp::bi_colon(std::span<const std::string>) { return 0; }
int Interp::bi_true(std::span<const std::string>) { return 0; }
int Interp::bi_false(std::span<const std::string>) { return 1; }
int Interp::bi_noop(std::span<const std::string> a) {
  if (a[0] == "umask" && a.size() == 1) out_sink()->write("0022\n");
  return 0;
}
// kill [-s SIG | -SIG | -n N] %job|pid...: signals background jobs (tasks);
// a job that does not catch the signal ends with status 128+sig.
int Interp::bi_kill(std::span<const std::string> a) {
  static const std::pair<std::string_view, int> kSigs[] = {
      {"HUP", 1},   {"INT", 2},   {"QUIT", 3},  {"KILL", 9},  {"USR1", 10},
      {"USR2", 12}, {"TERM", 15}, {"CONT", 18}, {"STOP", 19}, {"TSTP", 20}};
  auto sig_of = [&](std::string s) -> int {
    long long n;
    if (util::parse_int(s, n)) return n >= 0 && n < 65 ? static_cast<int>(n) : -1;
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (s.rfind("SIG", 0) == 0) s = s.substr(3);
    for (auto& [name, num] : kSigs)
      if (s == name) return num;
    return -1;
  };
  if (a.size() == 1) {
    // builtin_usage: no script/line prefix.
    err_sink()->write("kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n");
    return 2;
  }
  int sig = 15;
  size_t i = 1;
  if (i < a.size() && (a[i] == "-s" || a[i] == "-n") && i + 1 < a.size()) {
    sig = sig_of(a[i + 1]);
    if (sig < 0) {
      error("kill: " + a[i + 1] + ": invalid signal specification");
      return 1;
    }
    i += 2;
  } else if (i < a.size() && a[i].size() > 1 && a[i][0] == '-' && a[i] != "--") {
    sig = sig_of(a[i].substr(1));
    if (sig < 0) {
      error("kill: " + a[i].substr(1) + ": invalid signal specification");
      return 1;
    }
    ++i;
  }
  if (i < a.size() && a[i] == "--") ++i;
  int st = 0;
  for (; i < a.size(); ++i) {
    const std::string& arg = a[i];
    long long n;
    int id = -1;
    if (!arg.empty() && arg[0] == '%') {
      auto it = util::parse_int(arg.substr(1), n) ? sh_->job_ids.find(static_cast<int>(n)) : sh_->job_ids.end();
      if (it == sh_->job_ids.end()) {
        error("kill: " + arg + ": no such job");
        st = 1;
        continue;
      }
      id = it->second;
    } else if (util::parse_int(arg, n)) {
      id = static_cast<int>(n);
    } else {
      error("kill: " + arg + ": arguments must be process or job IDs");
      st = 1;
      continue;
    }
    if (id <= 0 || !w_.tasks.kill(id, sig)) {
      error("kill: (" + arg + ") - No such process");
      st = 1;
    }
  }
  return st;
}

int Interp::bi_exit(std::span<const std::string> a) {
  int st = last_status_;
  if (a.size() > 1 && !parse_status(a[1], st)) {
    error("exit: " + a[1] + ": numeric argument required");
    st = 2;
  } else if (a.size() > 2) {
    error("exit: too many arguments");
    return 1;
  }
  throw ExitEx{st};
}

int Interp::bi_return(std::span<const std::string> a) {
  if (func_depth_ == 0 && !sourcing_) {
    error("return: can only `return' from a function or sourced script");
    return 2;
  }
  int st = last_status_;
  if (a.size() > 1 && !parse_status(a[1], st)) {
    error("return: " + a[1] + ": numeric argument required");
    st = 2;
  }
  throw ReturnEx{st};
}

int Interp::bi_break(std::span<const std::string> a) {
  int n = 1;
  if (a.size() > 1) {
    long long v;
    if (!util::parse_int(a[1], v)) {
      error("break: " + a[1] + ": numeric argument required");
      return 128;
    }
    if (v < 1) {
      error("break: " + a[1] + ": loop count out of range");
      return 1;
    }
    n = static_cast<int>(std::min<long long>(v, 1 << 20));
  }
  if (loop_depth_ == 0) {
    error("break: only meaningful in a `for', `while', or `until' loop");
    return 0;
  }
  throw LoopCtl{std::min(n, loop_depth_), false};
}

int Interp::bi_continue(std::span<const std::string> a) {
  int n = 1;
  if (a.size() > 1) {
    long long v;
    if (!util::parse_int(a[1], v)) {
      error("continue: " + a[1] + ": numeric argument required");
      return 128;
    }
    if (v < 1) {
      error("continue: " + a[1] + ": loop count out of range");
      return 1;
    }
    n = static_cast<int>(std::min<long long>(v, 1 << 20));
  }
  if (loop_depth_ == 0) {
    error("continue: only meaningful in a `for', `while', or `until' loop");
    return 0;
  }
  throw LoopCtl{std::min(n, loop_depth_), true};
}

namespace {
std::string declare_line(const std::string& flags, const std::string& name, const Var& v) {
  std::string s = "declare " + flags + " " + name;
  if (!v.set) return s + "\n";
  std::string q;
  for (char c : v.value) {
    if (c == '"' || c == '\\' || c == '$' || c == '`') q += '\\';
    q += c;
  }
  return s + "=\"" + q + "\"\n";
}
}  // namespace

int Interp::bi_export(std::span<const std::string> a) {
  bool unexport = false, print = a.size() == 1;
  size_t i = 1;
  for (; i < a.size() && a[i].size() > 1 && a[i][0] == '-'; ++i) {
    if (a[i] == "--") {
      ++i;
      break;
    }
    for (char c : a[i].substr(1)) {
      if (c == 'n') unexport = true;
      else if (c == 'p') print = true;
      else if (c == 'f') {
      } else {
        error("export: -" + std::string(1, c) + ": invalid option");
        err_sink()->write("export: usage: export [-fn] [name[=value] ...] or export -p\n");
        return 2;
      }
    }
  }
  if (print && i >= a.size()) {
    std::map<std::string, const Var*> all;
    for (const auto& [k, v] : vars_)
      if (v.exported) all[k] = &v;
    std::string out;
    for (const auto& [k, v] : all) out += declare_line("-x", k, *v);
    out_sink()->write(out);
    return 0;
  }
  int st = 0;
  for (; i < a.size(); ++i) {
    const std::string& arg = a[i];
    size_t eq = arg.find('=');
    bool append = eq != std::string::npos && eq > 0 && arg[eq - 1] == '+';
    std::string name = arg.substr(0, eq == std::string::npos ? eq : (append ? eq - 1 : eq));
    if (!is_name(name)) {
      error("export: `" + arg + "': not a valid identifier");
      st = 1;
      continue;
    }
    if (eq != std::string::npos) {
      if (opts_.xtrace) xtrace_line(name + "=" + shell_quote(arg.substr(eq + 1)));
      if (!assign(name, arg.substr(eq + 1), append)) {
        st = 1;
        continue;
      }
    }
    Var* v = nullptr;
    for (auto it = scopes_.rbegin(); it != scopes_.rend() && !v; ++it)
      if (auto f = it->find(name); f != it->end()) v = &f->second;
    if (!v) {
      v = &vars_[name];
      if (eq == std::string::npos && !v->exported && v->value.empty()) v->set = v->set && true;
    }
    if (eq == std::string::npos && vars_.count(name) && !lookup(name)->set) v->set = false;
    v->exported = !unexport;
  }
  return st;
}

int Interp::bi_readonly(std::span<const std::string> a) {
  int st = 0;
  size_t i = 1;
  if (i < a.size() && a[i] == "-p") ++i;
  if (i >= a.size()) {
    std::string out;
    for (const auto& [k, v] : vars_)
      if (v.readonly) out += declare_line(v.exported ? "-rx" : "-r", k, v);
    out_sink()->write(out);
    return 0;
  }
  for (; i < a.size(); ++i) {
    const std::string& arg = a[i];
    size_t eq = arg.find('=');
    std::string name = arg.substr(0, eq);
    if (!is_name(name)) {
      error("readonly: `" + arg + "': not a valid identifier");
      st = 1;
      continue;
    }
    if (eq != std::string::npos) {
      if (opts_.xtrace) xtrace_line(name + "=" + shell_quote(arg.substr(eq + 1)));
      if (!assign(name, arg.substr(eq + 1))) {
        st = 1;
        continue;
      }
    }
    Var* v = nullptr;
    for (auto it = scopes_.rbegin(); it != scopes_.rend() && !v; ++it)
      if (auto f = it->find(name); f != it->end()) v = &f->second;
    if (!v) {
      bool existed = vars_.count(name) > 0;
      v = &vars_[name];
      if (!existed) v->set = eq != std::string::npos;
    }
    v->readonly = true;
  }
  return st;
}

int Interp::bi_unset(std::span<const std::string> a) {
  bool funcs = false;
  size_t i = 1;
  for (; i < a.size() && a[i].size() > 1 && a[i][0] == '-'; ++i) {
    if (a[i] == "-f") funcs = true;
    else if (a[i] == "-v") funcs = false;
    else if (a[i] == "--") {
      ++i;
      break;
    }
  }
  int st = 0;
  for (; i < a.size(); ++i) {
    const std::string& name = a[i];
    if (funcs) {
      funcs_.erase(name);
      continue;
    }
    if (!is_name(name)) {
      error("unset: `" + name + "': not a valid identifier");
      st = 1;
      continue;
    }
    bool done = false;
    for (auto it = scopes_.rbegin(); it != scopes_.rend() && !done; ++it) {
      if (auto f = it->find(name); f != it->end()) {
        if (f->second.readonly) {
          error("unset: " + name + ": cannot unset: readonly variable");
          st = 1;
        } else {
          f->second.set = false;
          f->second.value.clear();
        }
        done = true;
      }
    }
    if (done) continue;
    if (auto f = vars_.find(name); f != vars_.end()) {
      if (f->second.readonly) {
        error("unset: " + name + ": cannot unset: readonly variable");
        st = 1;
      } else {
        vars_.erase(f);
      }
    } else {
      funcs_.erase(name);  // unset NAME falls back to a function
    }
  }
  return st;
}

int Interp::bi_local(std::span<const std::string> a) {
  if (func_depth_ == 0 || scopes_.empty()) {
    error("local: can only be used in a function");
    return 1;
  }
  auto& scope = scopes_.back();
  int st = 0;
  for (size_t i = 1; i < a.size(); ++i) {
    const std::string& arg = a[i];
    if (arg.size() > 1 && arg[0] == '-') continue;  // -r, -x, -i: accepted
    size_t eq = arg.find('=');
    bool append = eq != std::string::npos && eq > 0 && arg[eq - 1] == '+';
    std::string name = arg.substr(0, eq == std::string::npos ? eq : (append ? eq - 1 : eq));
    if (!is_name(name)) {
      error("local: `" + arg + "': not a valid identifier");
      st = 1;
      continue;
    }
    if (eq == std::string::npos) {
      if (!scope.count(name)) {
        Var v;
        v.set = false;
        scope[name] = v;
      }
      continue;
    }
    if (opts_.xtrace) xtrace_line(name + "=" + shell_quote(arg.substr(eq + 1)));
    std::string value = arg.substr(eq + 1);
    if (append) {
      const Var* old = lookup(name);
      if (old && old->set) value = old->value + value;
    }
    Var& v = scope[name];
    if (v.readonly) {
      error(name + ": readonly variable");
      st = 1;
      continue;
    }
    v.value = std::move(value);
    v.set = true;
  }
  return st;
}

int Interp::bi_declare(std::span<const std::string> a) {
  bool exp = false, ro = false, print = false, global = false;
  size_t i = 1;
  for (; i < a.size() && a[i].size() > 1 && (a[i][0] == '-' || a[i][0] == '+'); ++i) {
    for (char c : a[i].substr(1)) {
      if (c == 'x') exp = true;
      else if (c == 'r') ro = true;
      else if (c == 'p') print = true;
      else if (c == 'g') global = true;
    }
  }
  if (print || i >= a.size()) {
    std::string out;
    if (i >= a.size()) {
      for (const auto& [k, v] : vars_) out += declare_line(v.exported ? "-x" : "--", k, v);
    }
    for (; i < a.size(); ++i) {
      const Var* v = lookup(a[i]);
      if (!v) {
        error("declare: " + a[i] + ": not found");
        continue;
      }
      std::string f = std::string(v->readonly ? "r" : "") + (v->exported ? "x" : "");
      out += declare_line(f.empty() ? "--" : "-" + f, a[i], *v);
    }
    out_sink()->write(out);
    return 0;
  }
  std::vector<std::string> rest(a.begin() + static_cast<long>(i), a.end());
  int st = 0;
  if (func_depth_ > 0 && !global) {
    std::vector<std::string> la = {"local"};
    la.insert(la.end(), rest.begin(), rest.end());
    st = bi_local(la);
  } else {
    for (const std::string& arg : rest) {
      size_t eq = arg.find('=');
      if (eq != std::string::npos && !assign(arg.substr(0, eq), arg.substr(eq + 1))) st = 1;
      else if (eq == std::string::npos && !lookup(arg)) {
        Var v;
        v.set = false;
        vars_[arg] = v;
      }
    }
  }
  if (exp || ro) {
    for (const std::string& arg : rest) {
      std::string name = arg.substr(0, arg.find('='));
      Var* v = nullptr;
      for (auto it = scopes_.rbegin(); it != scopes_.rend() && !v; ++it)
        if (auto f = it->find(name); f != it->end()) v = &f->second;
      if (!v) v = &vars_[name];
      if (exp) v->exported = true;
      if (ro) v->readonly = true;
    }
  }
  return st;
}

int Interp::bi_shift(std::span<const std::string> a) {
  long long n = 1;
  if (a.size() > 1 && !util::parse_int(a[1], n)) {
    error("shift: " + a[1] + ": numeric argument required");
    return 1;
  }
  if (n < 0) {
    error("shift: " + a[1] + ": shift count out of range");
    return 1;
  }
  if (static_cast<size_t>(n) > pos_.size()) return 1;
  pos_.erase(pos_.begin(), pos_.begin() + n);
  return 0;
}

int Interp::bi_cd(std::span<const std::string> a) {
  size_t i = 1;
  while (i < a.size() && (a[i] == "-L" || a[i] == "-P")) ++i;
  if (i + 1 < a.size()) {
    error("cd: too many arguments");
    return 1;
  }
  std::string dir;
  bool print = false;
  if (i >= a.size()) {
    auto home = get_param("HOME");
    if (!home) {
      error("cd: HOME not set");
      return 1;
    }
    dir = *home;
  } else if (a[i] == "-") {
    auto old = get_param("OLDPWD");
    if (!old) {
      error("cd: OLDPWD not set");
      return 1;
    }
    dir = *old;
    print = true;
  } else {
    dir = a[i];
  }
  if (dir.empty()) return 0;
  set_shell_cwd(cwd_);
  std::string abs = abs_path_in(cwd_, dir);
  NullSink ns;
  Proc p{w_, net_, {}, ns, ns};
  if (!vfs_is_dir(p, abs)) {
    error("cd: " + dir + (vfs_exists(p, abs) ? ": Not a directory" : ": No such file or directory"));
    return 1;
  }
  assign("OLDPWD", cwd_);
  cwd_ = abs;
  assign("PWD", cwd_);
  set_shell_cwd(cwd_);
  if (print) out_sink()->write(cwd_ + "\n");
  return 0;
}

int Interp::bi_pwd(std::span<const std::string>) {
  out_sink()->write(cwd_ + "\n");
  return 0;
}

int Interp::bi_read(std::span<const std::string> a) {
  bool raw = false;
  int fd = 0;
  int nchars = -1;
  char delim = '\n';
  std::vector<std::string> names;
  for (size_t i = 1; i < a.size(); ++i) {
    const std::string& s = a[i];
    if (s.size() > 1 && s[0] == '-' && names.empty()) {
      for (size_t j = 1; j < s.size(); ++j) {
        char c = s[j];
        if (c == 'r') {
          raw = true;
        } else if (c == 's' || c == 'e') {
        } else if (c == 'p' || c == 't' || c == 'u' || c == 'd' || c == 'n' || c == 'N' || c == 'a') {
          std::string arg = j + 1 < s.size() ? s.substr(j + 1) : (i + 1 < a.size() ? a[++i] : "");
          if (c == 'u') fd = arg.size() == 1 && arg[0] >= '0' && arg[0] <= '9' ? arg[0] - '0' : -1;
          if (c == 'd') delim = arg.empty() ? '\0' : arg[0];
          if (c == 'n' || c == 'N') {
            long long v;
            nchars = util::parse_int(arg, v) ? static_cast<int>(v) : -1;
          }
          if (c == 'a') names.push_back(arg);
          break;
        } else {
          error("read: -" + std::string(1, c) + ": invalid option");
          err_sink()->write("read: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] "
                            "[-p prompt] [-t timeout] [-u fd] [name ...]\n");
          return 2;
        }
      }
      continue;
    }
    names.push_back(s);
  }
  if (fd < 0 || fd > 9 || !fds_[fd].open || !fds_[fd].input) {
    if (fd >= 0 && fd <= 9 && fd != 0) error("read: " + std::to_string(fd) + ": invalid file descriptor: Bad file descriptor");
    return 1;
  }
  Input& in = *fds_[fd].input;
  std::string line;
  bool eof = true;
  int count = 0;
  while (in.pos < in.data.size()) {
    char c = in.data[in.pos++];
    if (c == delim && nchars < 0) {
      eof = false;
      break;
    }
    if (!raw && c == '\\' && in.pos < in.data.size()) {
      char d = in.data[in.pos++];
      if (d == '\n') continue;
      line += d;
    } else {
      line += c;
    }
    if (nchars >= 0 && ++count >= nchars) {
      eof = false;
      break;
    }
  }
  if (eof && line.empty() && in.pos >= in.data.size()) {
    for (const std::string& n : names.empty() ? std::vector<std::string>{"REPLY"} : names) assign(n, "");
    return 1;
  }
  std::string ifs = get_param("IFS").value_or(" \t\n");
  auto is_ifs = [&](char c) { return ifs.find(c) != std::string::npos; };
  auto is_ws = [&](char c) { return (c == ' ' || c == '\t' || c == '\n') && is_ifs(c); };
  if (names.empty()) {
    assign("REPLY", line);
    return eof ? 1 : 0;
  }
  size_t p = 0;
  while (p < line.size() && is_ws(line[p])) ++p;
  for (size_t k = 0; k < names.size(); ++k) {
    if (k + 1 == names.size()) {
      std::string rest = line.substr(std::min(p, line.size()));
      while (!rest.empty() && is_ws(rest.back())) rest.pop_back();
      // A single trailing non-white delimiter is dropped (a:b: -> "b").
      if (!rest.empty() && is_ifs(rest.back()) && !is_ws(rest.back())) {
        size_t cnt = 0;
        for (char c : rest)
          if (is_ifs(c) && !is_ws(c)) ++cnt;
        if (cnt == 1) rest.pop_back();
      }
      if (!assign(names[k], rest)) return 1;
      break;
    }
    std::string field;
    while (p < line.size() && !is_ifs(line[p])) field += line[p++];
    // skip one delimiter: white space around at most one non-white char
    while (p < line.size() && is_ws(line[p])) ++p;
    if (p < line.size() && is_ifs(line[p]) && !is_ws(line[p])) {
      ++p;
      while (p < line.size() && is_ws(line[p])) ++p;
    }
    if (!assign(names[k], field)) return 1;
  }
  return eof ? 1 : 0;
}

int Interp::bi_wait(std::span<const std::string> a) {
  if (a.size() == 1) {
    wait_all_jobs();
    return 0;
  }
  int st = 0;
  for (size_t i = 1; i < a.size(); ++i) {
    std::string arg = a[i];
    if (arg == "-n" || arg == "-f") continue;
    int id = -1;
    if (!arg.empty() && arg[0] == '%') {
      long long n;
      auto it = util::parse_int(arg.substr(1), n) ? sh_->job_ids.find(static_cast<int>(n)) : sh_->job_ids.end();
      if (it == sh_->job_ids.end()) {
        error("wait: " + arg + ": no such job");
        st = 127;
        continue;
      }
      id = it->second;
    } else {
      long long n;
      if (!util::parse_int(arg, n)) {
        error("wait: `" + arg + "': not a pid or valid job spec");
        st = 2;
        continue;
      }
      id = static_cast<int>(n);
    }
    auto it = std::find(jobs_.begin(), jobs_.end(), id);
    if (it == jobs_.end()) {
      error("wait: pid " + arg + " is not a child of this shell");
      st = 127;
      continue;
    }
    st = w_.tasks.wait(id);
    jobs_.erase(it);
  }
  return st;
}

int Interp::bi_eval(std::span<const std::string> a) {
  std::string src;
  for (size_t i = 1; i < a.size(); ++i) {
    if (i > 1) src += ' ';
    src += a[i];
  }
  if (src.empty()) return 0;
  if (nest_ >= 200) {
    error("eval: maximum eval nesting level exceeded (200)");
    throw AbortCmd{};
  }
  src += '\n';
  Parser parser(src, lineno_);
  std::string saved_extra = syntax_extra_;
  ++nest_;
  struct Restore {
    Interp& in;
    std::string extra;
    ~Restore() {
      in.syntax_extra_ = extra;
      --in.nest_;
    }
  } restore{*this, saved_extra};
  int st = 0;
  last_status_ = 0;
  for (;;) {
    NodeP cmd;
    try {
      cmd = parser.next();
    } catch (const SyntaxError& e) {
      syntax_extra_ = "eval: ";
      print_syntax_error(e);
      return 2;
    }
    if (!cmd) break;
    st = exec(*cmd);
  }
  return st == last_status_ ? st : last_status_;
}

int Interp::bi_source(std::span<const std::string> a) {
  if (a.size() < 2) {
    error(a[0] + ": filename argument required");
    err_sink()->write(a[0] + ": usage: " + a[0] + " filename [arguments]\n");
    return 2;
  }
  const std::string& file = a[1];
  NullSink ns;
  Proc p{w_, net_, {}, ns, ns};
  std::string path = file;
  if (file.find('/') == std::string::npos) {
    // PATH search first, then the current directory (bash's default).
    std::string pathvar = get_param("PATH").value_or("");
    size_t s = 0;
    bool found = false;
    while (s <= pathvar.size() && !found) {
      size_t e = pathvar.find(':', s);
      std::string dir = pathvar.substr(s, e == std::string::npos ? std::string::npos : e - s);
      if (!dir.empty()) {
        std::string cand = dir + "/" + file;
        if (vfs_exists(p, cand) && !vfs_is_dir(p, cand)) {
          path = cand;
          found = true;
        }
      }
      if (e == std::string::npos) break;
      s = e + 1;
    }
  }
  set_shell_cwd(cwd_);
  auto text = vfs_read(p, abs_path_in(cwd_, path));
  if (!text) {
    error(file + ": " + std::strerror(text.error()));
    return 1;
  }
  if (nest_ >= 200) {
    error(file + ": maximum source nesting level exceeded");
    throw AbortCmd{};
  }
  struct Saved {
    Interp& in;
    std::string src;
    bool sourcing;
    int line;
    std::optional<std::vector<std::string>> pos;
    ~Saved() {
      in.src_name_ = src;
      in.sourcing_ = sourcing;
      in.lineno_ = line;
      --in.nest_;
      if (pos) in.pos_ = std::move(*pos);
    }
  } saved{*this, src_name_, sourcing_, lineno_, std::nullopt};
  if (a.size() > 2) {
    saved.pos = pos_;
    pos_.assign(a.begin() + 2, a.end());
  }
  ++nest_;
  src_name_ = file;
  sourcing_ = true;
  std::string old_func_src = func_src_;
  func_src_ = file;
  int st;
  try {
    st = run_text(*text, false);
  } catch (const ReturnEx& r) {
    st = r.status;
  }
  func_src_ = old_func_src;
  return st;
}

std::string Interp::command_path(const std::string& name) const {
  std::string path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  size_t s = 0;
  for (;;) {
    size_t e = path.find(':', s);
    std::string cand = path.substr(s, e == std::string::npos ? std::string::npos : e - s) + "/" + name;
    struct stat st;
    if (::stat(cand.c_str(), &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111)) return cand;
    if (e == std::string::npos) break;
    s = e + 1;
  }
  return "/usr/sbin/" + name;
}

int Interp::bi_type(std::span<const std::string> a) {
  bool terse = false, path_only = false;
  size_t i = 1;
  for (; i < a.size() && a[i].size() > 1 && a[i][0] == '-'; ++i) {
    if (a[i].find('t') != std::string::npos) terse = true;
    if (a[i].find('p') != std::string::npos || a[i].find('P') != std::string::npos) path_only = true;
  }
  int st = 0;
  std::string out;
  for (; i < a.size(); ++i) {
    const std::string& n = a[i];
    bool kw = std::find_if(std::begin(kKeywords), std::end(kKeywords), [&](const char* k) { return n == k; }) !=
              std::end(kKeywords);
    if (kw && !path_only) {
      out += terse ? "keyword\n" : n + " is a shell keyword\n";
    } else if (funcs_.count(n) && !path_only) {
      out += terse ? "function\n" : n + " is a function\n";
    } else if (find_builtin(n) && !path_only) {
      out += terse ? "builtin\n" : n + " is a shell builtin\n";
    } else if (find_command(n)) {
      std::string p = command_path(n);
      out += terse ? "file\n" : path_only ? p + "\n" : n + " is " + p + "\n";
    } else {
      out_sink()->write(out);
      out.clear();
      if (!terse && !path_only) error("type: " + n + ": not found");
      st = 1;
    }
  }
  out_sink()->write(out);
  return st;
}

int Interp::bi_command(std::span<const std::string> a) {
  size_t i = 1;
  bool v = false, V = false;
  for (; i < a.size() && a[i].size() > 1 && a[i][0] == '-'; ++i) {
    if (a[i] == "--") {
      ++i;
      break;
    }
    if (a[i].find('v') != std::string::npos) v = true;
    if (a[i].find('V') != std::string::npos) V = true;
  }
  if (i >= a.size()) return 0;
  if (v || V) {
    int st = 0;
    for (; i < a.size(); ++i) {
      const std::string& n = a[i];
      if (V) {
        std::vector<std::string> t = {"type", n};
        st = bi_type(t);
        continue;
      }
      bool kw = std::find_if(std::begin(kKeywords), std::end(kKeywords), [&](const char* k) { return n == k; }) !=
                std::end(kKeywords);
      if (kw || funcs_.count(n) || find_builtin(n)) out_sink()->write(n + "\n");
      else if (find_command(n)) out_sink()->write(command_path(n) + "\n");
      else st = 1;
    }
    return st;
  }
  std::vector<std::string> argv(a.begin() + static_cast<long>(i), a.end());
  if (BuiltinFn b = find_builtin(argv[0])) return (this->*b)(argv);
  if (CommandFn fn = find_command(argv[0])) return run_external(fn, argv);
  auto saved = funcs_;
  funcs_.clear();
  struct Restore {
    Interp& in;
    std::map<std::string, FuncEntry>& f;
    ~Restore() { in.funcs_ = std::move(f); }
  } restore{*this, saved};
  return dispatch(argv, nullptr);
}

int Interp::bi_builtin(std::span<const std::string> a) {
  if (a.size() < 2) return 0;
  BuiltinFn b = find_builtin(a[1]);
  if (!b) {
    error("builtin: " + a[1] + ": not a shell builtin");
    return 1;
  }
  return (this->*b)(a.subspan(1));
}

int Interp::bi_exec(std::span<const std::string> a) {
  // `exec` alone is handled in exec_simple (its redirections stay).
  if (a.size() < 2) return 0;
  std::vector<std::string> argv(a.begin() + 1, a.end());
  auto saved = funcs_;
  funcs_.clear();
  int st = dispatch(argv, nullptr);
  funcs_ = std::move(saved);
  throw ExitEx{st};
}

bool Interp::set_option(char c, bool on) {
  switch (c) {
    case 'e': opts_.errexit = on; return true;
    case 'x': opts_.xtrace = on; return true;
    case 'u': opts_.nounset = on; return true;
    case 'f': opts_.noglob = on; return true;
    case 'v': opts_.verbose = on; return true;
    case 'n': opts_.noexec = on && !sh_->interactive; return true;
    case 'h': case 'B': case 'H': case 'm': case 'b': case 'a': case 'C': case 'T': case 'E': case 'P': case 'k':
    case 't':
      return true;
    default:
      return false;
  }
}

bool Interp::set_long_option(const std::string& name, bool on) {
  if (name == "errexit") return set_option('e', on);
  if (name == "xtrace") return set_option('x', on);
  if (name == "nounset") return set_option('u', on);
  if (name == "noglob") return set_option('f', on);
  if (name == "verbose") return set_option('v', on);
  if (name == "noexec") return set_option('n', on);
  if (name == "pipefail") {
    opts_.pipefail = on;
    return true;
  }
  static const char* const kAccepted[] = {"hashall", "braceexpand", "histexpand", "monitor", "notify", "allexport",
                                          "noclobber", "posix", "emacs", "vi", "history", "ignoreeof",
                                          "interactive-comments", "physical", "functrace", "errtrace", "keyword",
                                          "onecmd", "privileged", "nolog"};
  for (const char* k : kAccepted)
    if (name == k) return true;
  return false;
}

int Interp::bi_set(std::span<const std::string> a) {
  if (a.size() == 1) {
    std::string out;
    for (const auto& [k, v] : vars_)
      if (v.set) out += k + "=" + shell_quote(v.value) + "\n";
    out_sink()->write(out);
    return 0;
  }
  size_t i = 1;
  for (; i < a.size(); ++i) {
    const std::string& s = a[i];
    if (s == "--") {
      ++i;
      pos_.assign(a.begin() + static_cast<long>(i), a.end());
      return 0;
    }
    if (s == "-" || s == "+") {
      opts_.xtrace = opts_.verbose = false;
      ++i;
      break;
    }
    if (s.size() < 2 || (s[0] != '-' && s[0] != '+')) break;
    bool on = s[0] == '-';
    for (size_t j = 1; j < s.size(); ++j) {
      if (s[j] == 'o') {
        if (i + 1 >= a.size()) {
          std::string out;
          auto row = [&](const char* n, bool v) {
            std::string name = n;
            name.resize(15, ' ');
            out += name + "\t" + (v ? "on" : "off") + "\n";
          };
          row("errexit", opts_.errexit);
          row("noglob", opts_.noglob);
          row("nounset", opts_.nounset);
          row("pipefail", opts_.pipefail);
          row("xtrace", opts_.xtrace);
          out_sink()->write(out);
          continue;
        }
        std::string name = a[++i];
        if (!set_long_option(name, on)) {
          error("set: " + name + ": invalid option name");
          return 2;
        }
        continue;
      }
      if (!set_option(s[j], on)) {
        error("set: " + std::string(1, s[0]) + std::string(1, s[j]) + ": invalid option");
        err_sink()->write("set: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n");
        return 2;
      }
    }
  }
  if (i < a.size()) pos_.assign(a.begin() + static_cast<long>(i), a.end());
  return 0;
}

int Interp::bi_let(std::span<const std::string> a) {
  if (a.size() < 2) {
    error("let: expression expected");
    return 1;
  }
  int64_t v = 0;
  for (size_t i = 1; i < a.size(); ++i) {
    struct Env final : ArithEnv {
      Interp& in;
      explicit Env(Interp& i) : in(i) {}
      std::string get(const std::string& n) override { return in.get_param(n).value_or(""); }
      void set(const std::string& n, int64_t x) override { in.assign(n, std::to_string(x)); }
    } env(*this);
    std::string err;
    if (!arith_eval(a[i], env, v, err)) {
      error("let: " + err);
      return 1;
    }
  }
  return v != 0 ? 0 : 1;
}

int Interp::bi_trap(std::span<const std::string> a) {
  if (a.size() == 1) {
    if (!exit_trap_.empty()) out_sink()->write("trap -- " + shell_quote(exit_trap_) + " EXIT\n");
    return 0;
  }
  size_t i = 1;
  if (a[i] == "-p" || a[i] == "-l") return 0;
  if (a[i] == "--") ++i;
  if (i >= a.size()) return 0;
  std::string action = a[i];
  bool reset = action == "-";
  long long dummy;
  if (a.size() == i + 1 || util::parse_int(action, dummy)) {
    // `trap N...` or `trap SIG`: reset
    reset = true;
  } else {
    ++i;
  }
  for (; i < a.size(); ++i) {
    std::string sig = a[i];
    for (auto& c : sig) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (sig == "EXIT" || sig == "0" || sig == "SIGEXIT") exit_trap_ = reset ? "" : action;
  }
  return 0;
}

int Interp::bi_getopts(std::span<const std::string> a) {
  if (a.size() < 3) {
    error("getopts: usage: getopts optstring name [arg ...]");
    return 2;
  }
  std::string optstring = a[1];
  const std::string& name = a[2];
  std::vector<std::string> args = a.size() > 3 ? std::vector<std::string>(a.begin() + 3, a.end()) : pos_;
  bool silent = !optstring.empty() && optstring[0] == ':';
  if (silent) optstring.erase(0, 1);
  long long optind = 1;
  util::parse_int(get_param("OPTIND").value_or("1"), optind);
  if (optind < 1) optind = 1;
  // Position inside a bundled argument (-abc) lives in a hidden variable.
  long long sub = 0;
  util::parse_int(get_param("__SKBOX_OPTPOS").value_or("0"), sub);
  auto finish = [&](int st) {
    assign("OPTIND", std::to_string(optind));
    assign("__SKBOX_OPTPOS", std::to_string(sub));
    return st;
  };
  if (static_cast<size_t>(optind) > args.size()) {
    assign(name, "?");
    sub = 0;
    return finish(1);
  }
  const std::string& arg = args[static_cast<size_t>(optind - 1)];
  if (sub == 0) {
    if (arg.size() < 2 || arg[0] != '-' || arg == "--") {
      if (arg == "--") ++optind;
      assign(name, "?");
      return finish(1);
    }
    sub = 1;
  }
  char c = arg[static_cast<size_t>(sub)];
  ++sub;
  bool last_in_arg = static_cast<size_t>(sub) >= arg.size();
  size_t k = optstring.find(c);
  if (k == std::string::npos || c == ':') {
    if (silent) {
      assign("OPTARG", std::string(1, c));
    } else {
      err_sink()->write(arg0_ + ": illegal option -- " + std::string(1, c) + "\n");
    }
    assign(name, "?");
    if (last_in_arg) {
      ++optind;
      sub = 0;
    }
    return finish(0);
  }
  if (k + 1 < optstring.size() && optstring[k + 1] == ':') {
    std::string val;
    if (!last_in_arg) {
      val = arg.substr(static_cast<size_t>(sub));
      ++optind;
    } else if (static_cast<size_t>(optind) < args.size()) {
      val = args[static_cast<size_t>(optind)];
      optind += 2;
    } else {
      ++optind;
      sub = 0;
      if (silent) {
        assign(name, ":");
        assign("OPTARG", std::string(1, c));
      } else {
        err_sink()->write(arg0_ + ": option requires an argument -- " + std::string(1, c) + "\n");
        assign(name, "?");
      }
      return finish(0);
    }
    sub = 0;
    assign("OPTARG", val);
    assign(name, std::string(1, c));
    return finish(0);
  }
  if (last_in_arg) {
    ++optind;
    sub = 0;
  }
  std::vector<std::string> un = {"unset", "OPTARG"};
  bi_unset(un);
  assign(name, std::string(1, c));
  return finish(0);
}

int Interp::bi_echo(std::span<const std::string> a) {
  std::shared_ptr<Sink> out = out_sink(), err = err_sink();
  Proc p = make_proc(*out, *err);
  int st = util::echo_main(p, a, dash_);
  (void)st;
  return write_status(*out, "echo", 0);
}

int Interp::bi_printf(std::span<const std::string> a) {
  std::shared_ptr<Sink> out = out_sink(), err = err_sink();
  Proc p = make_proc(*out, *err);
  std::string var;
  std::vector<std::string> args(a.begin(), a.end());
  bool to_var = false;
  if (args.size() > 2 && args[1] == "-v") {
    var = args[2];
    args.erase(args.begin() + 1, args.begin() + 3);
    to_var = true;
    if (!is_name(var)) {
      error("printf: `" + var + "': not a valid identifier");
      return 2;
    }
  } else if (args.size() > 1 && args[1] == "--") {
    args.erase(args.begin() + 1);
  }
  std::string captured;
  int st = util::printf_main(
      p, args, [&](std::string_view m) { error(m); }, true, to_var ? &captured : nullptr);
  if (to_var) assign(var, captured);
  return write_status(*out, "printf", st);
}

int Interp::bi_test(std::span<const std::string> a) {
  std::shared_ptr<Sink> out = out_sink(), err = err_sink();
  Proc p = make_proc(*out, *err);
  set_shell_cwd(cwd_);
  return util::test_main(p, a, [&](std::string_view m) { error(m); });
}

}  // namespace skbox::sh
