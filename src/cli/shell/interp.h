// The shell interpreter: executes the syntax tree in-process. A subshell
// (`( )`, a pipeline stage, `$( )`, a `&` job) is a copy of the Interp, so
// its variable changes vanish with it, as with fork().
//
// Not modelled: signals and traps other than EXIT, job control (fg/bg/%),
// arrays, aliases, real processes. Pipeline stages run one after the other,
// each stage's output becoming the next one's stdin, so a stage never sees
// SIGPIPE.
#pragma once
#include <array>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cli/command.h"
#include "cli/shell/ast.h"
#include "cli/sink.h"
#include "core/rng.h"

namespace skbox {
class World;
class Net;
}  // namespace skbox

namespace skbox::sh {

struct SyntaxError;

// Control flow, carried by exceptions through the tree walk.
struct ExitEx { int status; };        // exit / fatal error: ends the (sub)shell
struct ReturnEx { int status; };      // return from a function or sourced file
struct LoopCtl { int levels; bool cont; };
struct AbortCmd {};                   // expansion error: abandon the top-level command
struct BudgetEx {};                   // fuzzing step/size budget exhausted

struct Var {
  std::string value;  // an indexed array keeps its element 0 here too
  bool is_array = false;
  std::map<int64_t, std::string> arr;  // indexed array elements (sparse)
  bool exported = false;
  bool readonly = false;
  bool set = true;  // false: declared (local x) but unset
};

// A stdin: the whole input and how much of it `read` has consumed.
struct Input {
  std::string data;
  size_t pos = 0;
  std::string_view rest() const { return std::string_view(data).substr(pos); }
};

struct Fd {
  std::shared_ptr<Sink> sink;
  std::shared_ptr<Input> input;
  bool open = false;
};

// Captures a stage's output for the next stage or a $( ).
class CaptureSink final : public Sink {
 public:
  explicit CaptureSink(size_t limit) : limit_(limit) {}
  void write(std::string_view s) override;
  std::string data;

 private:
  size_t limit_;
};

// stdio of an external command: full buffering into a pipe or file (flushed
// at exit, or when 4096 bytes are pending), line buffering on a terminal.
class StdioSink final : public Sink {
 public:
  StdioSink(Sink& dest, bool line) : dest_(dest), line_(line) {}
  void write(std::string_view s) override;
  void flush() override;
  // Where the data goes unbuffered (a nested shell "execs" past the buffer).
  Sink& dest() { return dest_; }

 private:
  static constexpr size_t kBuf = 4096;
  Sink& dest_;
  bool line_;
  std::string buf_;
};

// What every subshell of one run shares.
struct Shared {
  World* world = nullptr;
  bool interactive = false;
  bool fuzz = false;          // cap work so arbitrary input always ends quickly
  long steps = 0;
  long step_limit = 0;        // 0: unlimited
  size_t output_limit = 0;    // capture limit (0: unlimited)
  bool tty_out = false;       // top-level stdout is a terminal: line buffering
  const Sink* top_out = nullptr;
  std::optional<Rng> random;  // $RANDOM
  int pid = 0;                // $$, drawn once from the world's RNG
  int funcnest_limit = 0;
  std::map<int, int> job_ids; // job number (%n) -> task id
  int jobs_spawned = 0;
  int next_job = 1;
};

struct Options {
  bool errexit = false;
  bool xtrace = false;
  bool nounset = false;
  bool pipefail = false;
  bool noglob = false;
  bool verbose = false;
  bool noexec = false;
};

struct FuncEntry {
  NodeP body;       // the compound command
  std::string src;  // file name for messages from inside it
};

class Interp;
using BuiltinFn = int (Interp::*)(std::span<const std::string> argv);

class Interp {
 public:
  Interp(World& w, Net* net, std::shared_ptr<Shared> shared, std::shared_ptr<Sink> out,
         std::shared_ptr<Sink> err);
  Interp(const Interp&) = default;

  // Script / -c / eval / source text: parses and runs command by command.
  // Syntax errors print bash's message and return 2; `toplevel` shells also
  // catch AbortCmd per command (bash's jump to top level).
  int run_text(std::string_view src, bool toplevel);
  // Runs a node as a subshell: exit/abort end here. Returns the status.
  int run_subshell(const Node& n);
  // Runs the EXIT trap if one is set (once), with $? = status; returns the
  // shell's final status (changed only by an `exit` in the trap).
  int run_exit_trap(int status);

  // Setup.
  void import_environ();
  void set_var(const std::string& name, std::string value, bool exported = false);
  void set_positional(std::string arg0, std::vector<std::string> args);
  void set_src_name(std::string name) { src_name_ = func_src_ = std::move(name); }
  void set_dash_c_mode();  // bash -c: functions report "environment", syntax errors "-c: "
  void set_dash(bool d) { dash_ = d; }
  void set_stdin(std::string data);
  int last_status() const { return last_status_; }
  std::vector<std::pair<std::string, std::string>> exported_vars() const;
  const std::string& cwd() const { return cwd_; }
  void set_cwd(std::string c) { cwd_ = std::move(c); }
  World& world() { return w_; }
  Net* net() { return net_; }
  Shared& shared() { return *sh_; }
  void wait_all_jobs();

  // Messages: "NAME: line N: msg" (bash) or "NAME: N: msg" (dash).
  void error(std::string_view msg);
  std::string err_prefix() const;

  // Pieces used by expand.cpp / builtins.cpp.
  const Var* lookup(const std::string& name) const;
  std::optional<std::string> get_param(const std::string& name);
  bool assign(const std::string& name, std::string value, bool append = false);
  // Indexed arrays: NAME=(...), NAME+=(...), NAME[i]=v, ${NAME[i]}, ${NAME[@]}.
  bool assign_array(const std::string& name, std::vector<std::string> elems, bool append);
  bool assign_elem(const std::string& name, int64_t idx, std::string value, bool append);
  std::optional<std::string> get_elem(const std::string& name, int64_t idx);
  std::vector<std::string> array_values(const std::string& name);
  std::vector<std::string> array_keys(const std::string& name);  // ${!NAME[@]}
  int64_t subscript_index(const std::string& text);  // expands and evaluates NAME[text]
  void set_pipestatus(const std::vector<int>& st);
  int64_t arith(std::string_view expr);  // throws AbortCmd with bash's message

 private:
  friend struct Expander;

  // exec.cpp
  int exec(const Node& n);
  int exec_simple(const Node& n);
  int exec_pipe(const Node& n);
  int exec_bg(const Node& n);
  int exec_for(const Node& n);
  int exec_arith_for(const Node& n);
  int exec_while(const Node& n, bool until);
  int exec_case(const Node& n);
  int exec_cond(const Node& n);
  bool eval_cond(const CondExpr& e);
  int dispatch(std::vector<std::string>& argv, const Node* where);
  int call_function(const FuncEntry& f, std::vector<std::string>& argv);
  int run_external(CommandFn fn, std::span<const std::string> argv);
  int run_script_file(const std::string& path, std::span<const std::string> argv);
  void check_errexit(int status);
  void step();
  bool apply_redirs(const std::vector<RedirP>& rs);
  bool apply_redir(const Redir& r);
  void xtrace(const std::vector<std::string>& assigns, const std::vector<std::string>& argv);
  void xtrace_line(const std::string& text);
  void print_syntax_error(const SyntaxError& e);
  std::shared_ptr<Sink> open_out(const std::string& path, bool append);
  std::shared_ptr<Input> open_in(const std::string& path);
  std::string cmd_subst(const Node* body, std::string_view text);
  Proc make_proc(Sink& out, Sink& err);
  std::shared_ptr<Sink> out_sink() const;
  std::shared_ptr<Sink> err_sink() const;

  // expand.cpp
  std::vector<std::string> expand_words(const std::vector<Word>& words, bool decl_builtin = false);
  std::string expand_str(const Word& w);            // no splitting/globbing
  std::string expand_pattern(const Word& w);        // quoted specials escaped
  std::string expand_regex(const Word& w);          // quoted regex specials escaped
  std::string expand_parts_str(const std::vector<WordPart>& parts);
  std::string expand_assign_value(const Word& w, size_t eq_pos);
  std::vector<std::string> glob(const std::string& pattern);

  // builtins.cpp
  static BuiltinFn find_builtin(std::string_view name);
  int bi_colon(std::span<const std::string> a);
  int bi_false(std::span<const std::string> a);
  int bi_exit(std::span<const std::string> a);
  int bi_return(std::span<const std::string> a);
  int bi_break(std::span<const std::string> a);
  int bi_continue(std::span<const std::string> a);
  int bi_export(std::span<const std::string> a);
  int bi_readonly(std::span<const std::string> a);
  int bi_unset(std::span<const std::string> a);
  int bi_local(std::span<const std::string> a);
  int bi_shift(std::span<const std::string> a);
  int bi_cd(std::span<const std::string> a);
  int bi_pwd(std::span<const std::string> a);
  int bi_read(std::span<const std::string> a);
  int bi_wait(std::span<const std::string> a);
  int bi_eval(std::span<const std::string> a);
  int bi_source(std::span<const std::string> a);
  int bi_type(std::span<const std::string> a);
  int bi_command(std::span<const std::string> a);
  int bi_exec(std::span<const std::string> a);
  int bi_set(std::span<const std::string> a);
  int bi_let(std::span<const std::string> a);
  int bi_trap(std::span<const std::string> a);
  int bi_echo(std::span<const std::string> a);
  int bi_printf(std::span<const std::string> a);
  int bi_test(std::span<const std::string> a);
  int bi_true(std::span<const std::string> a);
  int bi_declare(std::span<const std::string> a);
  int bi_getopts(std::span<const std::string> a);
  int bi_kill(std::span<const std::string> a);
  int bi_noop(std::span<const std::string> a);
  int bi_builtin(std::span<const std::string> a);
  int run_cmd_builtin(CommandFn fn, std::span<const std::string> a);
  // A failed write(2) to a redirected file: "NAME: write error: ...", status 1.
  int write_status(Sink& out, const std::string& name, int st);
  std::string command_path(const std::string& name) const;
  bool set_option(char c, bool on);
  bool set_long_option(const std::string& name, bool on);

  World& w_;
  Net* net_;
  std::shared_ptr<Shared> sh_;
  std::map<std::string, Var> vars_;
  std::vector<std::map<std::string, Var>> scopes_;  // function locals / temp env
  std::vector<std::string> pos_;
  std::string arg0_;
  std::map<std::string, FuncEntry> funcs_;
  Options opts_;
  std::array<Fd, 10> fds_;
  std::string cwd_;
  std::string src_name_;   // "x.sh" in "x.sh: line 3: ..."
  std::string func_src_;   // src of functions defined here ("environment" for -c)
  std::string syntax_extra_;  // "-c: " in bash -c syntax errors
  std::string exit_trap_;
  bool exit_trap_ran_ = false;
  std::vector<int> jobs_;
  int last_status_ = 0;
  int last_subst_status_ = -1;
  int last_bg_ = -1;
  int lineno_ = 0;
  int errexit_suppress_ = 0;
  int loop_depth_ = 0;
  int func_depth_ = 0;
  int nest_ = 0;            // eval/source/$( ) nesting, bounded
  int xtrace_level_ = 1;
  bool in_function_ = false;
  bool dash_ = false;
  bool sourcing_ = false;
};

// The interpreter running on this thread (for `sh -c` nested shells, which
// inherit exported variables and the working directory). May be null.
Interp* current_interp();
void set_current_interp(Interp* i);

// Pattern matching with *, ?, [...]; backslash quotes the next character.
bool pattern_match(std::string_view pat, std::string_view s);
// Length of the shortest/longest prefix of s matching pat, or -1.
bool has_glob_chars(std::string_view pat);

// Limits for running untrusted input (the fuzzer): total steps and the size
// of any captured output or variable. Zero means unlimited.
struct RunLimits {
  long max_steps = 0;
  size_t max_output = 0;
};
int run_script_limited(World& w, std::string_view source, std::string_view name, Sink& out, Sink& err,
                       std::vector<std::string> args, RunLimits limits);
// Arithmetic evaluation (arith.cpp): value, or an error message in `err`.
struct ArithEnv {
  virtual ~ArithEnv() = default;
  virtual std::string get(const std::string& name) = 0;
  virtual void set(const std::string& name, int64_t v) = 0;
};
bool arith_eval(std::string_view expr, ArithEnv& env, int64_t& out, std::string& err);

// xtrace-style quoting: 'a b', bare words as they are.
std::string shell_quote(std::string_view s);

}  // namespace skbox::sh
