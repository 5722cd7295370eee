// Executing the syntax tree: commands, pipelines, compound commands,
// redirections, functions, subshells and `&` jobs.
#include <pthread.h>
#include <unistd.h>

#include <cstring>
#include <exception>

#include "cli/procfs.h"
#include "cli/shell/cwd.h"
#include "cli/shell/interp.h"
#include "cli/shell/parser.h"
#include "cli/vfs.h"
#include "core/time.h"
#include "net/world.h"

namespace skbox::sh {

namespace {

thread_local Interp* tl_interp = nullptr;

constexpr int kMaxNest = 200;            // eval / source / $( ) nesting
constexpr int kDefaultFuncNest = 1000;   // function recursion without FUNCNEST
constexpr size_t kStackReserve = 512 * 1024;

// Bytes of stack left on this thread (pthread's view of it).
size_t stack_left() {
  thread_local char* low = nullptr;
  if (!low) {
    pthread_attr_t a;
    void* addr = nullptr;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &a) == 0) {
      pthread_attr_getstack(&a, &addr, &size);
      pthread_attr_destroy(&a);
    }
    low = static_cast<char*>(addr);
    if (!low) return SIZE_MAX;
  }
  char here;
  return static_cast<size_t>(&here - low);
}

// A redirection to a file: every write goes to the vfs at once, like write(2).
class FileSink final : public Sink {
 public:
  FileSink(World& w, Net* net, std::string path) : w_(w), net_(net), path_(std::move(path)) {}
  void write(std::string_view s) override {
    NullSink ns;
    Proc p{w_, net_, {}, ns, ns};
    auto r = vfs_write(p, path_, s, true);
    if (!r) error = r.error();
  }
  int error = 0;

 private:
  World& w_;
  Net* net_;
  std::string path_;
};

std::shared_ptr<Sink> null_sink() {
  static auto s = std::make_shared<NullSink>();
  return s;
}

struct Counter {
  int& c;
  explicit Counter(int& cc) : c(cc) { ++c; }
  ~Counter() { --c; }
};

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

Interp* current_interp() { return tl_interp; }
void set_current_interp(Interp* i) { tl_interp = i; }

void StdioSink::write(std::string_view s) {
  buf_.append(s);
  if (line_) {
    size_t nl = buf_.rfind('\n');
    if (nl != std::string::npos) {
      dest_.write(std::string_view(buf_).substr(0, nl + 1));
      buf_.erase(0, nl + 1);
    }
  } else if (buf_.size() >= kBuf) {
    size_t n = buf_.size() / kBuf * kBuf;
    dest_.write(std::string_view(buf_).substr(0, n));
    buf_.erase(0, n);
  }
}

void StdioSink::flush() {
  if (buf_.empty()) return;
  std::string b;
  b.swap(buf_);
  dest_.write(b);
}

void CaptureSink::write(std::string_view s) {
  if (limit_ && data.size() + s.size() > limit_) throw BudgetEx{};
  data.append(s);
}

// ---------------------------------------------------------------- setup

Interp::Interp(World& w, Net* net, std::shared_ptr<Shared> shared, std::shared_ptr<Sink> out,
               std::shared_ptr<Sink> err)
    : w_(w), net_(net), sh_(std::move(shared)) {
  fds_[0].input = std::make_shared<Input>();
  fds_[0].open = true;
  fds_[1].sink = std::move(out);
  fds_[1].open = true;
  fds_[2].sink = std::move(err);
  fds_[2].open = true;
  cwd_ = shell_cwd();
  vars_["IFS"] = Var{" \t\n"};
  vars_["PS4"] = Var{"+ "};
  vars_["PS2"] = Var{"> "};
  vars_["OPTIND"] = Var{"1"};
  vars_["UID"] = Var{"0"};
  vars_["EUID"] = Var{"0"};
  vars_["BASH_VERSION"] = Var{"5.2.15(1)-release"};
  vars_["HOSTNAME"] = Var{"skbox"};
  vars_["PWD"] = Var{cwd_, true};
}

void Interp::set_dash_c_mode() {
  func_src_ = "environment";
  syntax_extra_ = "-c: ";
}

void Interp::import_environ() {
  for (char** e = ::environ; e && *e; ++e) {
    std::string_view kv = *e;
    size_t eq = kv.find('=');
    if (eq == std::string_view::npos) continue;
    std::string name(kv.substr(0, eq));
    if (!is_name(name) || name == "PWD" || name == "OLDPWD" || name == "SHLVL" || name == "_") continue;
    vars_[name] = Var{std::string(kv.substr(eq + 1)), true};
  }
}

void Interp::set_var(const std::string& name, std::string value, bool exported) {
  Var& v = vars_[name];
  v.value = std::move(value);
  v.set = true;
  if (exported) v.exported = true;
}

void Interp::set_positional(std::string arg0, std::vector<std::string> args) {
  arg0_ = std::move(arg0);
  pos_ = std::move(args);
}

void Interp::set_stdin(std::string data) {
  auto in = std::make_shared<Input>();
  in->data = std::move(data);
  fds_[0].input = in;
  fds_[0].open = true;
}

std::vector<std::pair<std::string, std::string>> Interp::exported_vars() const {
  std::map<std::string, std::string> m;
  for (const auto& [k, v] : vars_)
    if (v.exported && v.set) m[k] = v.value;
  for (const auto& scope : scopes_)
    for (const auto& [k, v] : scope) {
      if (v.exported && v.set) m[k] = v.value;
      else m.erase(k);
    }
  return {m.begin(), m.end()};
}

// ---------------------------------------------------------------- variables

const Var* Interp::lookup(const std::string& name) const {
  for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
    auto f = it->find(name);
    if (f != it->end()) return &f->second;
  }
  auto f = vars_.find(name);
  return f == vars_.end() ? nullptr : &f->second;
}

std::optional<std::string> Interp::get_param(const std::string& name) {
  if (name.empty()) return std::nullopt;
  char c = name[0];
  if (c >= '0' && c <= '9') {
    size_t n = 0;
    for (char d : name) n = std::min<size_t>(n * 10 + static_cast<size_t>(d - '0'), 1u << 30);
    if (n == 0) return arg0_;
    if (n <= pos_.size()) return pos_[n - 1];
    return std::nullopt;
  }
  if (name.size() == 1) {
    switch (c) {
      case '#': return std::to_string(pos_.size());
      case '?': return std::to_string(last_status_);
      case '$':
        if (!sh_->pid) sh_->pid = 1000 + static_cast<int>(w_.rng.below(30000));
        return std::to_string(sh_->pid);
      case '!':
        if (last_bg_ < 0) return std::nullopt;
        return std::to_string(last_bg_);
      case '-': {
        std::string f;
        if (opts_.errexit) f += 'e';
        if (opts_.noglob) f += 'f';
        f += 'h';
        if (sh_->interactive) f += 'i';
        if (opts_.noexec) f += 'n';
        if (opts_.nounset) f += 'u';
        if (opts_.verbose) f += 'v';
        if (opts_.xtrace) f += 'x';
        f += 'B';
        return f;
      }
      case '@': case '*': {
        std::string j;
        for (size_t i = 0; i < pos_.size(); ++i) {
          if (i) j += ' ';
          j += pos_[i];
        }
        return j;
      }
      default: break;
    }
  }
  if (name == "RANDOM") {
    if (!sh_->random) sh_->random.emplace(w_.rng.next_u64());
    return std::to_string(sh_->random->below(32768));
  }
  if (name == "LINENO") return std::to_string(lineno_);
  if (name == "SECONDS") return std::to_string(w_.now() / kSec);
  if (name == "BASHPID") return get_param("$");
  const Var* v = lookup(name);
  if (!v || !v->set) return std::nullopt;
  return v->value;
}

bool Interp::assign(const std::string& name, std::string value, bool append) {
  Var* target = nullptr;
  for (auto it = scopes_.rbegin(); it != scopes_.rend() && !target; ++it) {
    auto f = it->find(name);
    if (f != it->end()) target = &f->second;
  }
  if (!target) target = &vars_[name];
  if (target->readonly) {
    error(name + ": readonly variable");
    return false;
  }
  if (name == "RANDOM") {
    int64_t seed = 0;
    for (char c : value)
      if (c >= '0' && c <= '9') seed = seed * 10 + (c - '0');
    sh_->random.emplace(static_cast<uint64_t>(seed));
  }
  if (append && target->set) target->value += value;
  else target->value = std::move(value);
  target->set = true;
  if (target->is_array) target->arr[0] = target->value;  // NAME=v sets element 0
  if (sh_->output_limit && target->value.size() > sh_->output_limit) throw BudgetEx{};
  return true;
}

namespace {
Var* var_target(std::vector<std::map<std::string, Var>>& scopes, std::map<std::string, Var>& vars,
                const std::string& name) {
  for (auto it = scopes.rbegin(); it != scopes.rend(); ++it) {
    auto f = it->find(name);
    if (f != it->end()) return &f->second;
  }
  return &vars[name];
}

// A scalar turned array keeps its value as element 0; $NAME is element 0.
void make_array(Var& v) {
  if (v.is_array) return;
  v.is_array = true;
  v.arr.clear();
  if (v.set) v.arr[0] = v.value;
}

void sync_scalar(Var& v) {
  auto f = v.arr.find(0);
  v.value = f == v.arr.end() ? std::string() : f->second;
  v.set = true;
}
}  // namespace

bool Interp::assign_array(const std::string& name, std::vector<std::string> elems, bool append) {
  Var* v = var_target(scopes_, vars_, name);
  if (v->readonly) {
    error(name + ": readonly variable");
    return false;
  }
  make_array(*v);
  int64_t next = 0;
  if (append && !v->arr.empty()) next = v->arr.rbegin()->first + 1;
  else if (!append) v->arr.clear();
  for (std::string& e : elems) {
    // [i]=value elements set that index; later ones continue from it.
    if (e.size() > 2 && e[0] == '[') {
      size_t close = e.find("]=");
      if (close != std::string::npos) {
        next = subscript_index(e.substr(1, close - 1));
        e = e.substr(close + 2);
      }
    }
    v->arr[next++] = std::move(e);
  }
  sync_scalar(*v);
  return true;
}

bool Interp::assign_elem(const std::string& name, int64_t idx, std::string value, bool append) {
  Var* v = var_target(scopes_, vars_, name);
  if (v->readonly) {
    error(name + ": readonly variable");
    return false;
  }
  make_array(*v);
  if (idx < 0) {
    int64_t size = v->arr.empty() ? 0 : v->arr.rbegin()->first + 1;
    if (idx + size < 0) {
      error(name + "[" + std::to_string(idx) + "]: bad array subscript");
      return false;
    }
    idx += size;
  }
  if (append) v->arr[idx] += value;
  else v->arr[idx] = std::move(value);
  sync_scalar(*v);
  return true;
}

std::optional<std::string> Interp::get_elem(const std::string& name, int64_t idx) {
  const Var* v = lookup(name);
  if (!v || !v->set) return std::nullopt;
  if (!v->is_array) {
    if (idx == 0 || idx == -1) return v->value;
    return std::nullopt;
  }
  if (idx < 0) {
    if (v->arr.empty()) return std::nullopt;
    idx += v->arr.rbegin()->first + 1;
    if (idx < 0) {
      error(name + ": bad array subscript");
      return std::nullopt;
    }
  }
  auto f = v->arr.find(idx);
  if (f == v->arr.end()) return std::nullopt;
  return f->second;
}

std::vector<std::string> Interp::array_values(const std::string& name) {
  std::vector<std::string> out;
  if (name == "@" || name == "*") return out;
  const Var* v = lookup(name);
  if (!v || !v->set) {
    if (auto s = get_param(name)) out.push_back(*s);  // specials such as $?
    return out;
  }
  if (!v->is_array) {
    out.push_back(v->value);
    return out;
  }
  for (const auto& [i, e] : v->arr) out.push_back(e);
  return out;
}

std::vector<std::string> Interp::array_keys(const std::string& name) {
  std::vector<std::string> out;
  const Var* v = lookup(name);
  if (!v || !v->set) return out;
  if (!v->is_array) out.push_back("0");
  else
    for (const auto& [i, e] : v->arr) out.push_back(std::to_string(i));
  return out;
}

int64_t Interp::subscript_index(const std::string& text) {
  Word w;
  w.parts = parse_dq_text(text, false);
  return arith(expand_str(w));
}

void Interp::set_pipestatus(const std::vector<int>& st) {
  Var& v = vars_["PIPESTATUS"];
  v.is_array = true;
  v.arr.clear();
  for (size_t i = 0; i < st.size(); ++i) v.arr[static_cast<int64_t>(i)] = std::to_string(st[i]);
  sync_scalar(v);
}

namespace {
struct InterpArithEnv final : ArithEnv {
  Interp& in;
  explicit InterpArithEnv(Interp& i) : in(i) {}
  std::string get(const std::string& name) override { return in.get_param(name).value_or(""); }
  void set(const std::string& name, int64_t v) override {
    if (!in.assign(name, std::to_string(v))) throw AbortCmd{};
  }
};
}  // namespace

int64_t Interp::arith(std::string_view expr) {
  InterpArithEnv env(*this);
  int64_t v = 0;
  std::string err;
  if (!arith_eval(expr, env, v, err)) {
    error(err);
    throw AbortCmd{};
  }
  return v;
}

// ---------------------------------------------------------------- messages

std::string Interp::err_prefix() const {
  if (sh_->interactive && !sourcing_) return src_name_ + ": ";
  if (dash_) return src_name_ + ": " + std::to_string(lineno_) + ": ";
  return src_name_ + ": line " + std::to_string(lineno_) + ": ";
}

void Interp::error(std::string_view msg) {
  std::string s = err_prefix();
  s.append(msg);
  s += '\n';
  err_sink()->write(s);
}

void Interp::print_syntax_error(const SyntaxError& e) {
  lineno_ = e.line;
  std::string pre = sh_->interactive && !sourcing_ ? src_name_ + ": " + syntax_extra_
                                                   : src_name_ + ": " + syntax_extra_ + "line " +
                                                         std::to_string(e.line) + ": ";
  if (dash_) {
    pre = src_name_ + ": " + std::to_string(e.line) + ": ";
    std::string m;
    switch (e.kind) {
      case SyntaxError::Unexpected:
        m = "Syntax error: \"" + (e.token == "newline" ? std::string("newline") : e.token) + "\" unexpected";
        break;
      case SyntaxError::Eof: m = "Syntax error: end of file unexpected"; break;
      case SyntaxError::Unterminated:
        m = e.token == "\"" || e.token == "'" ? "Syntax error: Unterminated quoted string"
                                              : "Syntax error: end of file unexpected (expecting \"" + e.token + "\")";
        break;
      case SyntaxError::TooDeep: m = "Syntax error: nesting too deep"; break;
    }
    err_sink()->write(pre + m + "\n");
    return;
  }
  std::string s;
  switch (e.kind) {
    case SyntaxError::Unexpected:
      s = pre + "syntax error near unexpected token `" + e.token + "'\n";
      s += pre + "`" + e.src_line + "'\n";
      break;
    case SyntaxError::Eof:
      s = pre + "syntax error: unexpected end of file\n";
      break;
    case SyntaxError::Unterminated:
      s = pre + "unexpected EOF while looking for matching `" + e.token + "'\n";
      break;
    case SyntaxError::TooDeep:
      s = pre + "syntax error: expression nested too deeply\n";
      break;
  }
  err_sink()->write(s);
}

void Interp::xtrace_line(const std::string& text) {
  std::string ps4 = get_param("PS4").value_or("");
  std::string line;
  if (!ps4.empty()) {
    for (int i = 1; i < xtrace_level_; ++i) line += ps4[0];
    line += ps4;
  }
  line += text;
  line += '\n';
  err_sink()->write(line);
}

void Interp::xtrace(const std::vector<std::string>& assigns, const std::vector<std::string>& argv) {
  for (const std::string& a : assigns) {
    size_t eq = a.find('=');
    xtrace_line(a.substr(0, eq + 1) + shell_quote(std::string_view(a).substr(eq + 1)));
  }
  if (argv.empty()) return;
  std::string s;
  for (size_t i = 0; i < argv.size(); ++i) {
    if (i) s += ' ';
    s += shell_quote(argv[i]);
  }
  xtrace_line(s);
}

std::shared_ptr<Sink> Interp::out_sink() const {
  return fds_[1].open && fds_[1].sink ? fds_[1].sink : null_sink();
}
std::shared_ptr<Sink> Interp::err_sink() const {
  return fds_[2].open && fds_[2].sink ? fds_[2].sink : null_sink();
}

// ---------------------------------------------------------------- running text

int Interp::run_text(std::string_view src, bool toplevel) {
  Parser parser(src);
  for (;;) {
    NodeP cmd;
    try {
      cmd = parser.next();
    } catch (const SyntaxError& e) {
      for (auto& w : parser.take_warnings()) {
        lineno_ = w.line;
        error(w.msg);
      }
      print_syntax_error(e);
      last_status_ = 2;
      if (toplevel && !sh_->interactive) throw ExitEx{2};
      return 2;
    }
    for (auto& w : parser.take_warnings()) {
      lineno_ = w.line;
      error(w.msg);
    }
    if (!cmd) break;
    if (opts_.noexec) continue;
    if (toplevel) {
      try {
        exec(*cmd);
      } catch (const AbortCmd&) {
        last_status_ = 1;
      }
    } else {
      exec(*cmd);
    }
  }
  return last_status_;
}

int Interp::run_subshell(const Node& n) {
  int st;
  try {
    st = exec(n);
  } catch (const ExitEx& e) {
    st = e.status;
  } catch (const AbortCmd&) {
    st = 1;
  } catch (const ReturnEx& r) {
    st = r.status;
  } catch (const LoopCtl&) {
    st = 0;
  }
  return st;
}

int Interp::run_exit_trap(int status) {
  last_status_ = status;
  if (exit_trap_.empty() || exit_trap_ran_) return status;
  exit_trap_ran_ = true;
  int saved = status;
  std::string t = exit_trap_;
  try {
    run_text(t, false);
  } catch (const ExitEx& e) {
    saved = e.status;
  } catch (const AbortCmd&) {
  } catch (const ReturnEx&) {
  } catch (const LoopCtl&) {
  }
  last_status_ = saved;
  return saved;
}

void Interp::wait_all_jobs() {
  for (int id : jobs_) w_.tasks.wait(id);
  jobs_.clear();
}

void Interp::step() {
  if (sh_->step_limit && ++sh_->steps > sh_->step_limit) throw BudgetEx{};
}

void Interp::check_errexit(int status) {
  if (status != 0 && opts_.errexit && errexit_suppress_ == 0) throw ExitEx{status};
}

// ---------------------------------------------------------------- tree walk

int Interp::exec(const Node& n) {
  step();
  if (stack_left() < kStackReserve) {
    error("maximum nesting level exceeded");
    throw AbortCmd{};
  }
  int st = 0;
  switch (n.kind) {
    case NK::Simple:
      st = exec_simple(n);
      set_pipestatus({st});
      return st;
    case NK::Pipe:
      st = exec_pipe(n);
      last_status_ = st;
      check_errexit(st);
      return st;
    case NK::And:
    case NK::Or: {
      {
        Counter c(errexit_suppress_);
        st = exec(*n.kids[0]);
      }
      if (n.kind == NK::And ? st == 0 : st != 0) st = exec(*n.kids[1]);
      last_status_ = st;
      return st;
    }
    case NK::Not: {
      {
        Counter c(errexit_suppress_);
        st = exec(*n.kids[0]);
      }
      st = st == 0 ? 1 : 0;
      last_status_ = st;
      return st;
    }
    case NK::Seq:
      for (const NodeP& k : n.kids) st = exec(*k);
      if (n.kids.empty()) last_status_ = 0;
      return st;
    case NK::Bg:
      return exec_bg(n);
    case NK::Subshell: {
      auto saved = fds_;
      if (!apply_redirs(n.redirs)) {
        fds_ = saved;
        last_status_ = 1;
        check_errexit(1);
        return 1;
      }
      {
        Interp sub(*this);
        fds_ = saved;
        sub.jobs_.clear();
        sub.exit_trap_.clear();
        sub.exit_trap_ran_ = false;
        st = sub.run_exit_trap(sub.run_subshell(*n.kids[0]));
      }
      last_status_ = st;
      set_pipestatus({st});
      check_errexit(st);
      return st;
    }
    case NK::Group:
    case NK::If:
    case NK::For:
    case NK::ArithFor:
    case NK::While:
    case NK::Until:
    case NK::Case:
    case NK::Cond:
    case NK::ArithCmd: {
      auto saved = fds_;
      struct Restore {
        Interp& in;
        std::array<Fd, 10>& s;
        bool on;
        ~Restore() {
          if (on) in.fds_ = s;
        }
      } restore{*this, saved, !n.redirs.empty()};
      if (!n.redirs.empty() && !apply_redirs(n.redirs)) {
        last_status_ = 1;
        check_errexit(1);
        return 1;
      }
      switch (n.kind) {
        case NK::Group:
          st = exec(*n.kids[0]);
          break;
        case NK::If: {
          size_t i = 0;
          bool taken = false;
          for (; i + 1 < n.kids.size(); i += 2) {
            int c;
            {
              Counter g(errexit_suppress_);
              c = exec(*n.kids[i]);
            }
            if (c == 0) {
              st = exec(*n.kids[i + 1]);
              taken = true;
              break;
            }
          }
          if (!taken) st = i < n.kids.size() ? exec(*n.kids[i]) : 0;
          break;
        }
        case NK::For: st = exec_for(n); break;
        case NK::ArithFor: st = exec_arith_for(n); break;
        case NK::While: st = exec_while(n, false); break;
        case NK::Until: st = exec_while(n, true); break;
        case NK::Case: st = exec_case(n); break;
        case NK::Cond:
          lineno_ = n.line;
          st = exec_cond(n);
          last_status_ = st;
          check_errexit(st);
          return st;
        case NK::ArithCmd: {
          lineno_ = n.line;
          std::string expr = expand_parts_str(n.arith.parts);
          if (opts_.xtrace) xtrace_line("(( " + expr + " ))");
          InterpArithEnv env(*this);
          int64_t v = 0;
          std::string err;
          if (!arith_eval(expr, env, v, err)) {
            error("((: " + err);
            st = 1;
          } else {
            st = v != 0 ? 0 : 1;
          }
          last_status_ = st;
          set_pipestatus({st});
          check_errexit(st);
          return st;
        }
        default: break;
      }
      last_status_ = st;
      set_pipestatus({st});
      return st;
    }
    case NK::FuncDef:
      funcs_[n.name] = FuncEntry{n.kids[0], func_src_};
      last_status_ = 0;
      return 0;
  }
  return st;
}

int Interp::exec_for(const Node& n) {
  lineno_ = n.line;
  std::vector<std::string> items = n.has_in ? expand_words(n.items) : pos_;
  Counter loop(loop_depth_);
  int st = 0;
  for (const std::string& v : items) {
    step();
    if (opts_.xtrace) {
      std::string s = "for " + n.name + " in";
      for (const Word& w : n.items) s += " " + w.raw;
      if (!n.has_in) s += " \"$@\"";
      xtrace_line(s);
    }
    if (!assign(n.name, v)) throw AbortCmd{};
    try {
      st = exec(*n.kids[0]);
    } catch (LoopCtl& l) {
      if (l.levels > 1) {
        --l.levels;
        throw;
      }
      st = 0;
      if (!l.cont) break;
    }
  }
  return st;
}

int Interp::exec_arith_for(const Node& n) {
  lineno_ = n.line;
  Counter loop(loop_depth_);
  auto eval = [&](const Word& w, int64_t dflt) -> int64_t {
    std::string e = expand_parts_str(w.parts);
    bool blank = e.find_first_not_of(" \t\n") == std::string::npos;
    if (blank) return dflt;
    return arith(e);
  };
  eval(n.items[0], 0);
  int st = 0;
  for (;;) {
    step();
    if (eval(n.items[1], 1) == 0) break;
    try {
      st = exec(*n.kids[0]);
    } catch (LoopCtl& l) {
      if (l.levels > 1) {
        --l.levels;
        throw;
      }
      st = 0;
      if (!l.cont) break;
    }
    eval(n.items[2], 0);
  }
  return st;
}

int Interp::exec_while(const Node& n, bool until) {
  Counter loop(loop_depth_);
  int st = 0;
  for (;;) {
    step();
    int c;
    {
      Counter g(errexit_suppress_);
      c = exec(*n.kids[0]);
    }
    if (until ? c == 0 : c != 0) break;
    try {
      st = exec(*n.kids[1]);
    } catch (LoopCtl& l) {
      if (l.levels > 1) {
        --l.levels;
        throw;
      }
      st = 0;
      if (!l.cont) break;
    }
  }
  return st;
}

int Interp::exec_case(const Node& n) {
  lineno_ = n.line;
  if (opts_.xtrace) xtrace_line("case " + n.subject.raw + " in");
  std::string subject = expand_str(n.subject);
  int st = 0;
  bool fall = false;
  for (size_t i = 0; i < n.cases.size(); ++i) {
    const CaseItem& item = n.cases[i];
    bool hit = fall;
    for (size_t j = 0; !hit && j < item.pats.size(); ++j)
      hit = pattern_match(expand_pattern(item.pats[j]), subject);
    if (!hit) continue;
    st = item.body ? exec(*item.body) : 0;
    if (item.term == 0) return st;
    fall = item.term == 1;
  }
  return st;
}

int Interp::exec_bg(const Node& n) {
  // Every job is a thread: cap them when running untrusted input.
  if (sh_->fuzz && ++sh_->jobs_spawned > 16) throw BudgetEx{};
  auto job = std::make_shared<Interp>(*this);
  job->jobs_.clear();
  job->exit_trap_.clear();
  job->set_stdin("");
  NodeP kid = n.kids[0];
  int id = w_.tasks.spawn([job, kid]() -> int {
    set_shell_cwd(job->cwd_);
    set_current_interp(job.get());
    int st = 1;
    try {
      st = job->run_subshell(*kid);
    } catch (const BudgetEx&) {
      st = 1;
    } catch (const std::exception& e) {
      job->err_sink()->write(std::string("skbox: internal error: ") + e.what() + "\n");
      st = 1;
    }
    return st;
  });
  jobs_.push_back(id);
  last_bg_ = id;
  sh_->job_ids[sh_->next_job++] = id;
  last_status_ = 0;
  return 0;
}

int Interp::exec_pipe(const Node& n) {
  std::shared_ptr<Input> input;
  int st = 0;
  std::vector<int> statuses;
  for (size_t i = 0; i < n.kids.size(); ++i) {
    bool last = i + 1 == n.kids.size();
    auto cap = std::make_shared<CaptureSink>(sh_->output_limit);
    {
      Interp sub(*this);
      sub.jobs_.clear();
      sub.exit_trap_.clear();
      if (input) {
        sub.fds_[0].input = input;
        sub.fds_[0].open = true;
      }
      if (!last) {
        sub.fds_[1].sink = cap;
        sub.fds_[1].open = true;
        if (n.pipe_err[i]) {
          sub.fds_[2].sink = cap;
          sub.fds_[2].open = true;
        }
      }
      st = sub.run_subshell(*n.kids[i]);
      sub.wait_all_jobs();
    }
    statuses.push_back(st);
    input = std::make_shared<Input>();
    input->data = std::move(cap->data);
  }
  set_pipestatus(statuses);
  if (opts_.pipefail)
    for (int s : statuses)
      if (s != 0) st = s;
  return st;
}

// ---------------------------------------------------------------- simple commands

int Interp::exec_simple(const Node& n) {
  lineno_ = n.line;
  last_subst_status_ = -1;
  bool decl = false;
  if (!n.words.empty() && n.words[0].parts.size() == 1 && n.words[0].parts[0].kind == WP::Lit) {
    const std::string& c = n.words[0].parts[0].text;
    decl = c == "export" || c == "local" || c == "readonly" || c == "declare" || c == "typeset";
  }
  std::vector<std::string> argv = expand_words(n.words, decl);
  struct Assign {
    std::string name, value;
    bool append;
    enum { Scalar, Array, Elem } kind = Scalar;
    std::vector<std::string> elems;
    int64_t index = 0;
  };
  std::vector<Assign> assigns;
  std::vector<std::string> trace_assigns;
  for (const Word& a : n.assigns) {
    const std::string& t0 = a.parts[0].text;
    if (a.array_assign) {
      Assign as;
      as.kind = Assign::Array;
      as.append = t0.size() > 1 && t0[t0.size() - 2] == '+';
      as.name = t0.substr(0, t0.size() - (as.append ? 2 : 1));
      as.elems = expand_words(a.array, false);
      if (opts_.xtrace) {
        std::string tr = as.name + (as.append ? "+=(" : "=(");
        for (size_t i = 0; i < as.elems.size(); ++i) tr += (i ? " " : "") + as.elems[i];
        trace_assigns.push_back(tr + ")");
      }
      assigns.push_back(std::move(as));
      continue;
    }
    if (size_t br = t0.find('['); br != std::string::npos && (t0.find('=') == std::string::npos || t0.find('=') > br)) {
      // NAME[subscript]=value: the whole word expands as one string.
      std::string s = expand_str(a);
      size_t close = s.find("]=");
      size_t pclose = s.find("]+=");
      Assign as;
      as.kind = Assign::Elem;
      as.append = pclose != std::string::npos && (close == std::string::npos || pclose < close);
      size_t c = as.append ? pclose : close;
      as.name = s.substr(0, br);
      as.index = subscript_index(s.substr(br + 1, c - br - 1));
      as.value = s.substr(c + (as.append ? 3 : 2));
      if (opts_.xtrace) trace_assigns.push_back(s);
      assigns.push_back(std::move(as));
      continue;
    }
    size_t eq = t0.find('=');
    std::string s = expand_assign_value(a, eq);
    Assign as;
    as.append = eq > 0 && s[eq - 1] == '+';
    as.name = s.substr(0, as.append ? eq - 1 : eq);
    as.value = s.substr(eq + 1);
    if (opts_.xtrace) trace_assigns.push_back(as.name + (as.append ? "+=" : "=") + as.value);
    assigns.push_back(std::move(as));
  }
  lineno_ = n.line;
  if (opts_.xtrace) xtrace(trace_assigns, argv);

  if (argv.empty()) {
    int st = 0;
    auto saved = fds_;
    bool ok = apply_redirs(n.redirs);
    fds_ = saved;
    if (!ok) st = 1;
    for (const Assign& a : assigns) {
      bool ok2 = a.kind == Assign::Array  ? assign_array(a.name, a.elems, a.append)
                 : a.kind == Assign::Elem ? assign_elem(a.name, a.index, a.value, a.append)
                                          : assign(a.name, a.value, a.append);
      if (!ok2) {
        st = 1;
        if (!sh_->interactive) {
          last_status_ = 1;
          throw AbortCmd{};
        }
      }
    }
    if (ok && st == 0 && last_subst_status_ >= 0) st = last_subst_status_;
    last_status_ = st;
    check_errexit(st);
    return st;
  }

  if (argv.size() == 1 && argv[0] == "exec" && !funcs_.count("exec")) {
    // exec with only redirections: they stay for the rest of the shell.
    int st = apply_redirs(n.redirs) ? 0 : 1;
    last_status_ = st;
    check_errexit(st);
    return st;
  }
  auto saved = fds_;
  struct Restore {
    Interp& in;
    std::array<Fd, 10>& s;
    ~Restore() { in.fds_ = s; }
  } restore{*this, saved};
  if (!apply_redirs(n.redirs)) {
    last_status_ = 1;
    check_errexit(1);
    return 1;
  }
  bool scoped = !assigns.empty();
  if (scoped) {
    scopes_.emplace_back();
    for (const Assign& a : assigns) {
      Var v;
      const Var* old = lookup(a.name);
      if (old && old->readonly) {
        error(a.name + ": readonly variable");
        continue;
      }
      v.value = a.append && old ? old->value + a.value : a.value;
      v.exported = true;
      scopes_.back()[a.name] = std::move(v);
    }
  }
  struct PopScope {
    Interp& in;
    bool on;
    ~PopScope() {
      if (on) in.scopes_.pop_back();
    }
  } pop{*this, scoped};
  int st = dispatch(argv, &n);
  last_status_ = st;
  check_errexit(st);
  return st;
}

int Interp::dispatch(std::vector<std::string>& argv, const Node* where) {
  (void)where;
  const std::string& name = argv[0];
  if (auto it = funcs_.find(name); it != funcs_.end()) {
    FuncEntry f = it->second;  // the function may redefine itself
    return call_function(f, argv);
  }
  if (BuiltinFn b = find_builtin(name)) return (this->*b)(argv);
  if (CommandFn fn = find_command(name)) return run_external(fn, argv);
  if (name.find('/') != std::string::npos) {
    std::string base = name.substr(name.rfind('/') + 1);
    if (CommandFn fn = find_command(base)) {
      std::vector<std::string> a = argv;
      a[0] = base;
      return run_external(fn, a);
    }
    NullSink ns;
    Proc p{w_, net_, {}, ns, ns};
    std::string abs = abs_path_in(cwd_, name);
    if (vfs_is_dir(p, abs)) {
      error(name + ": Is a directory");
      return 126;
    }
    if (vfs_exists(p, abs)) return run_script_file(abs, argv);
    error(name + ": No such file or directory");
    return 127;
  }
  error(name + (dash_ ? ": not found" : ": command not found"));
  return 127;
}

int Interp::call_function(const FuncEntry& f, std::vector<std::string>& argv) {
  int limit = kDefaultFuncNest;
  if (const Var* v = lookup("FUNCNEST"); v && v->set) {
    int64_t n = 0;
    std::string err;
    NullSink ns;
    if (all_digits(v->value)) n = std::stoll(v->value.substr(0, 9));
    if (n > 0) limit = static_cast<int>(n);
  }
  if (func_depth_ >= limit || stack_left() < 2 * kStackReserve) {
    error(argv[0] + ": maximum function nesting level exceeded (" + std::to_string(limit) + ")");
    throw AbortCmd{};
  }
  struct Saved {
    Interp& in;
    std::vector<std::string> pos;
    std::string src;
    int loop_depth;
    ~Saved() {
      in.pos_ = std::move(pos);
      in.src_name_ = std::move(src);
      in.loop_depth_ = loop_depth;
      in.scopes_.pop_back();
      --in.func_depth_;
    }
  } saved{*this, std::move(pos_), src_name_, loop_depth_};
  pos_.assign(argv.begin() + 1, argv.end());
  src_name_ = f.src;
  loop_depth_ = 0;
  scopes_.emplace_back();
  ++func_depth_;
  try {
    return exec(*f.body);
  } catch (const ReturnEx& r) {
    return r.status;
  }
}

Proc Interp::make_proc(Sink& out, Sink& err) {
  Input* in = fds_[0].open ? fds_[0].input.get() : nullptr;
  return Proc{w_, net_, in ? in->rest() : std::string_view(), out, err};
}

int Interp::run_external(CommandFn fn, std::span<const std::string> argv) {
  (void)fn;  // run_command looks it up again (and flushes stdout at exit)
  std::shared_ptr<Sink> out = out_sink(), err = err_sink();
  bool line = sh_->tty_out && out.get() == sh_->top_out;
  StdioSink buffered(*out, line);
  Proc p = make_proc(buffered, *err);
  Interp* prev = current_interp();
  set_current_interp(this);
  set_shell_cwd(cwd_);
  int st;
  try {
    st = run_command(p, argv);
  } catch (const std::exception& e) {
    buffered.flush();
    set_current_interp(prev);
    err->write(std::string("skbox: ") + argv[0] + ": internal error: " + e.what() + "\n");
    return 1;
  }
  buffered.flush();
  set_current_interp(prev);
  return st & 0xff;
}

int Interp::run_cmd_builtin(CommandFn fn, std::span<const std::string> argv) {
  std::shared_ptr<Sink> out = out_sink(), err = err_sink();
  Proc p = make_proc(*out, *err);
  set_shell_cwd(cwd_);
  int st = fn(p, argv);
  return write_status(*out, argv[0], st);
}

int Interp::write_status(Sink& out, const std::string& name, int st) {
  if (auto* fs = dynamic_cast<FileSink*>(&out); fs && fs->error) {
    int e = fs->error;
    fs->error = 0;
    error(name + ": write error: " + std::strerror(e));
    return 1;
  }
  return st;
}

int Interp::run_script_file(const std::string& path, std::span<const std::string> argv) {
  NullSink ns;
  Proc p{w_, net_, {}, ns, ns};
  auto text = vfs_read(p, path);
  if (!text) {
    error(argv[0] + ": " + std::strerror(text.error()));
    return 126;
  }
  if (text->find('\0') != std::string::npos) {
    error(argv[0] + ": cannot execute binary file: Exec format error");
    return 126;
  }
  if (nest_ >= kMaxNest) {
    error(argv[0] + ": maximum nesting level exceeded");
    throw AbortCmd{};
  }
  Interp sub(w_, net_, sh_, out_sink(), err_sink());
  sub.fds_ = fds_;
  sub.nest_ = nest_ + 1;
  sub.cwd_ = cwd_;
  for (auto& [k, v] : exported_vars()) sub.set_var(k, v, true);
  sub.set_src_name(argv[0]);
  sub.set_positional(argv[0], std::vector<std::string>(argv.begin() + 1, argv.end()));
  int st;
  try {
    st = sub.run_text(*text, true);
  } catch (const ExitEx& e) {
    st = e.status;
  }
  st = sub.run_exit_trap(st);
  set_shell_cwd(cwd_);
  return st;
}

std::string Interp::cmd_subst(const Node* body, std::string_view text) {
  if (nest_ >= kMaxNest || stack_left() < kStackReserve * 2) {
    error("maximum nesting level exceeded");
    throw AbortCmd{};
  }
  auto cap = std::make_shared<CaptureSink>(sh_->output_limit);
  int st;
  {
    Interp sub(*this);
    sub.fds_[1].sink = cap;
    sub.fds_[1].open = true;
    sub.jobs_.clear();
    sub.exit_trap_.clear();
    sub.opts_.errexit = false;
    sub.errexit_suppress_ = 0;
    ++sub.xtrace_level_;
    ++sub.nest_;
    sub.loop_depth_ = 0;
    if (body) {
      st = sub.run_subshell(*body);
    } else {
      try {
        st = sub.run_text(text, false);
      } catch (const ExitEx& e) {
        st = e.status;
      } catch (const AbortCmd&) {
        st = 1;
      } catch (const ReturnEx& r) {
        st = r.status;
      } catch (const LoopCtl&) {
        st = 0;
      }
    }
    sub.wait_all_jobs();
    set_shell_cwd(cwd_);
  }
  last_subst_status_ = st;
  last_status_ = st;
  std::string s = std::move(cap->data);
  while (!s.empty() && s.back() == '\n') s.pop_back();
  if (s.find('\0') != std::string::npos) {
    error("warning: command substitution: ignored null byte in input");
    std::erase(s, '\0');
  }
  return s;
}

// ---------------------------------------------------------------- redirections

bool Interp::apply_redirs(const std::vector<RedirP>& rs) {
  for (const RedirP& r : rs)
    if (!apply_redir(*r)) return false;
  return true;
}

std::shared_ptr<Sink> Interp::open_out(const std::string& path, bool append) {
  if (path == "/dev/null") return null_sink();
  if (path == "/dev/stdout") return out_sink();
  if (path == "/dev/stderr") return err_sink();
  if (path.rfind("/dev/fd/", 0) == 0 && all_digits(path.substr(8)) && path.size() < 10) {
    int fd = path[8] - '0';
    if (fds_[fd].open && fds_[fd].sink) return fds_[fd].sink;
  }
  std::string abs = abs_path_in(cwd_, path);
  NullSink ns;
  Proc p{w_, net_, {}, ns, ns};
  if (procfs_handles(abs)) {
    if (!vfs_exists(p, abs)) {
      error(path + ": No such file or directory");
      return nullptr;
    }
  } else {
    auto r = vfs_write(p, abs, "", append);
    if (!r) {
      error(path + ": " + std::strerror(r.error()));
      return nullptr;
    }
  }
  return std::make_shared<FileSink>(w_, net_, abs);
}

std::shared_ptr<Input> Interp::open_in(const std::string& path) {
  auto in = std::make_shared<Input>();
  if (path == "/dev/null") return in;
  if (path == "/dev/stdin") return fds_[0].input ? fds_[0].input : in;
  NullSink ns;
  Proc p{w_, net_, {}, ns, ns};
  auto r = vfs_read(p, abs_path_in(cwd_, path));
  if (!r) {
    error(path + ": " + std::strerror(r.error()));
    return nullptr;
  }
  in->data = std::move(*r);
  return in;
}

bool Interp::apply_redir(const Redir& r) {
  auto target = [&]() -> std::optional<std::string> {
    std::vector<Word> one = {r.target};
    std::vector<std::string> f = expand_words(one);
    if (f.size() != 1) {
      error(r.target.raw + ": ambiguous redirect");
      return std::nullopt;
    }
    return f[0];
  };
  auto bad_fd = [&](int fd) {
    if (fd < 0 || fd > 9) {
      error(std::to_string(fd) + ": Bad file descriptor");
      return true;
    }
    return false;
  };
  switch (r.op) {
    case ROp::In:
    case ROp::InOut: {
      int fd = r.fd < 0 ? 0 : r.fd;
      if (bad_fd(fd)) return false;
      auto t = target();
      if (!t) return false;
      std::shared_ptr<Input> in;
      if (r.op == ROp::InOut) {
        NullSink ns;
        Proc p{w_, net_, {}, ns, ns};
        if (!vfs_exists(p, abs_path_in(cwd_, *t)) && !open_out(*t, true)) return false;
      }
      in = open_in(*t);
      if (!in) return false;
      fds_[fd].input = in;
      fds_[fd].sink = nullptr;
      fds_[fd].open = true;
      return true;
    }
    case ROp::Out:
    case ROp::Clobber:
    case ROp::Append: {
      int fd = r.fd < 0 ? 1 : r.fd;
      if (bad_fd(fd)) return false;
      auto t = target();
      if (!t) return false;
      auto s = open_out(*t, r.op == ROp::Append);
      if (!s) return false;
      fds_[fd].sink = s;
      fds_[fd].input = nullptr;
      fds_[fd].open = true;
      return true;
    }
    case ROp::OutErr:
    case ROp::AppendErr: {
      auto t = target();
      if (!t) return false;
      auto s = open_out(*t, r.op == ROp::AppendErr);
      if (!s) return false;
      fds_[1].sink = s;
      fds_[1].open = true;
      fds_[2].sink = s;
      fds_[2].open = true;
      return true;
    }
    case ROp::DupIn:
    case ROp::DupOut: {
      int fd = r.fd < 0 ? (r.op == ROp::DupIn ? 0 : 1) : r.fd;
      if (bad_fd(fd)) return false;
      auto t = target();
      if (!t) return false;
      if (*t == "-") {
        fds_[fd] = Fd{};
        return true;
      }
      if (all_digits(*t)) {
        int src = t->size() > 2 ? 99 : std::stoi(*t);
        if (src > 9 || !fds_[src].open) {
          error(*t + ": Bad file descriptor");
          return false;
        }
        fds_[fd] = fds_[src];
        return true;
      }
      if (r.op == ROp::DupOut && r.fd < 0) {
        auto s = open_out(*t, false);
        if (!s) return false;
        fds_[1].sink = s;
        fds_[1].open = true;
        fds_[2].sink = s;
        fds_[2].open = true;
        return true;
      }
      error(r.target.raw + ": ambiguous redirect");
      return false;
    }
    case ROp::HereDoc:
    case ROp::HereStr: {
      int fd = r.fd < 0 ? 0 : r.fd;
      if (bad_fd(fd)) return false;
      auto in = std::make_shared<Input>();
      if (r.op == ROp::HereStr) {
        in->data = expand_str(r.target) + "\n";
      } else if (r.expand) {
        in->data = expand_parts_str(r.body);
      } else {
        in->data = r.body_text;
      }
      fds_[fd].input = in;
      fds_[fd].sink = nullptr;
      fds_[fd].open = true;
      return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------- [[ ]]

int Interp::exec_cond(const Node& n) {
  if (opts_.xtrace) {
    // bash shows the expanded operands: + [[ 1 == 1 ]]
    std::string s = "[[";
    std::function<void(const CondExpr&)> show = [&](const CondExpr& e) {
      switch (e.k) {
        case CondExpr::And: show(*e.l); s += " &&"; show(*e.r); break;
        case CondExpr::Or: show(*e.l); s += " ||"; show(*e.r); break;
        case CondExpr::Not: s += " !"; show(*e.l); break;
        case CondExpr::Unary: s += " " + e.op + " " + expand_str(e.a); break;
        case CondExpr::Binary: s += " " + expand_str(e.a) + " " + e.op + " " + expand_str(e.b); break;
        case CondExpr::Single: s += " " + expand_str(e.a); break;
      }
    };
    show(*n.cond);
    xtrace_line(s + " ]]");
  }
  return eval_cond(*n.cond) ? 0 : 1;
}

}  // namespace skbox::sh
