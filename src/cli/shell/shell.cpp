// Entry points: `skbox run FILE`, `skbox shell`, and the `sh` / `bash`
// commands (sh -c, bash FILE) that run a nested interpreter inside a Proc's
// network namespace, so `ip netns exec t1 bash -c '...'` works.
#include "cli/shell/shell.h"

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>

#include "cli/shell/cwd.h"
#include "cli/shell/interp.h"
#include "cli/shell/parser.h"
#include "cli/vfs.h"
#include "net/world.h"

#ifdef SKBOX_HAVE_READLINE
#include <readline/history.h>
#include <readline/readline.h>
#endif

namespace skbox {

namespace {

std::shared_ptr<Sink> borrow(Sink& s) { return std::shared_ptr<Sink>(&s, [](Sink*) {}); }

struct CurrentGuard {
  sh::Interp* prev;
  std::string prev_cwd;
  explicit CurrentGuard(sh::Interp* i) : prev(sh::current_interp()), prev_cwd(sh::shell_cwd()) {
    sh::set_current_interp(i);
    sh::set_shell_cwd(i->cwd());
  }
  ~CurrentGuard() {
    sh::set_current_interp(prev);
    sh::set_shell_cwd(prev_cwd);
  }
};

// Runs text to the end in `in`: exit, the EXIT trap, budget exhaustion.
int run_to_end(sh::Interp& in, std::string_view text) {
  int st;
  try {
    try {
      st = in.run_text(text, true);
    } catch (const sh::ExitEx& e) {
      st = e.status;
    }
    st = in.run_exit_trap(st);
  } catch (const sh::BudgetEx&) {
    st = 1;
  } catch (const sh::ExitEx& e) {
    st = e.status;
  }
  return st & 0xff;
}

}  // namespace

namespace sh {

int run_script_limited(World& w, std::string_view source, std::string_view name, Sink& out, Sink& err,
                       std::vector<std::string> args, RunLimits limits) {
  auto shared = std::make_shared<Shared>();
  shared->world = &w;
  shared->top_out = &out;
  shared->tty_out = ::isatty(1) && dynamic_cast<FdSink*>(&out) != nullptr;
  shared->step_limit = limits.max_steps;
  shared->output_limit = limits.max_output;
  shared->fuzz = limits.max_steps != 0;
  Interp in(w, &w.init_net(), shared, borrow(out), borrow(err));
  if (!shared->fuzz) in.import_environ();
  in.set_src_name(std::string(name));
  in.set_positional(std::string(name), std::move(args));
  CurrentGuard g(&in);
  return run_to_end(in, source);
}

}  // namespace sh

int run_script(World& w, std::string_view source, std::string_view script_name, Sink& out, Sink& err,
               std::vector<std::string> args) {
  return sh::run_script_limited(w, source, script_name, out, err, std::move(args), {});
}

namespace {

bool read_line(const char* prompt, std::string& line) {
#ifdef SKBOX_HAVE_READLINE
  if (::isatty(0)) {
    char* l = ::readline(prompt);
    if (!l) return false;
    line = l;
    if (*l) ::add_history(l);
    std::free(l);
    return true;
  }
#endif
  if (::isatty(0)) {
    std::fputs(prompt, stderr);
    std::fflush(stderr);
  }
  return static_cast<bool>(std::getline(std::cin, line));
}

// Whether `text` is a complete command (no open quote, compound or here-doc).
bool complete(const std::string& text) {
  sh::Parser p(text);
  try {
    while (p.next()) {
    }
  } catch (const sh::SyntaxError& e) {
    return e.kind != sh::SyntaxError::Eof && e.kind != sh::SyntaxError::Unterminated;
  }
  return p.take_warnings().empty();
}

}  // namespace

int run_interactive(World& w) {
  FdSink out(1), err(2);
  auto shared = std::make_shared<sh::Shared>();
  shared->world = &w;
  shared->interactive = true;
  shared->top_out = &out;
  shared->tty_out = ::isatty(1);
  sh::Interp in(w, &w.init_net(), shared, borrow(out), borrow(err));
  in.import_environ();
  in.set_src_name("skbox");
  in.set_positional("skbox", {});
  CurrentGuard g(&in);
  std::string buf, line;
  int st = 0;
  for (;;) {
    if (!read_line(buf.empty() ? "skbox# " : "> ", line)) {
      if (::isatty(0)) std::fputs("exit\n", stderr);
      break;
    }
    buf += line;
    buf += '\n';
    if (!complete(buf)) continue;
    std::string text;
    text.swap(buf);
    try {
      in.run_text(text, true);
      st = in.last_status();
    } catch (const sh::ExitEx& e) {
      st = e.status;
      break;
    } catch (const sh::BudgetEx&) {
    } catch (const std::exception& e) {
      err.print("skbox: internal error: {}\n", e.what());
    }
  }
  try {
    st = in.run_exit_trap(st);
  } catch (const sh::BudgetEx&) {
  }
  return st & 0xff;
}

namespace {

// sh / bash as commands: sh -c 'cmds' [name [args]], sh FILE [args], or the
// script on stdin.
int shell_command(Proc& p, std::span<const std::string> argv, bool dash) {
  std::string name = argv[0];
  std::string_view base = name;
  if (auto s = base.rfind('/'); s != std::string_view::npos) base = base.substr(s + 1);
  std::optional<std::string> command;
  std::vector<std::pair<char, bool>> opts;
  std::vector<std::pair<std::string, bool>> long_opts;
  size_t i = 1;
  for (; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a == "--" || a == "-") {
      ++i;
      break;
    }
    if (a.size() < 2 || (a[0] != '-' && a[0] != '+')) break;
    if (a[0] == '-' && a[1] == '-') continue;  // --norc, --posix, ...
    bool on = a[0] == '-';
    for (size_t j = 1; j < a.size(); ++j) {
      char c = a[j];
      if (c == 'c' && on) {
        command = "";
      } else if (c == 'o') {
        if (i + 1 < argv.size()) long_opts.emplace_back(argv[++i], on);
      } else if (c == 's' || c == 'i' || c == 'l') {
      } else {
        opts.emplace_back(c, on);
      }
    }
  }
  std::string text;
  std::string arg0 = std::string(base);
  std::vector<std::string> args;
  if (command) {
    if (i >= argv.size()) {
      p.err.print("{}: -c: option requires an argument\n", base);
      return 2;
    }
    text = argv[i++];
    if (i < argv.size()) arg0 = argv[i++];
    args.assign(argv.begin() + static_cast<long>(i), argv.end());
  } else if (i < argv.size()) {
    std::string file = argv[i++];
    auto r = vfs_read(p, file);
    if (!r) {
      if (dash) p.err.print("{}: 0: cannot open {}: {}\n", base, file, "No such file");
      else p.err.print("{}: {}: {}\n", base, file, std::strerror(r.error()));
      return dash ? 2 : 127;
    }
    text = std::move(*r);
    arg0 = file;
    args.assign(argv.begin() + static_cast<long>(i), argv.end());
  } else {
    text = std::string(p.in);
  }

  // A shell is not a stdio program: it writes past its caller's buffer.
  Sink* out = &p.out;
  if (auto* b = dynamic_cast<sh::StdioSink*>(out)) {
    b->flush();
    out = &b->dest();
  }
  sh::Interp* parent = sh::current_interp();
  auto shared = std::make_shared<sh::Shared>();
  shared->world = &p.world;
  if (parent) {
    shared->top_out = parent->shared().top_out;
    shared->tty_out = parent->shared().tty_out;
    shared->step_limit = parent->shared().step_limit;
    shared->output_limit = parent->shared().output_limit;
    shared->fuzz = parent->shared().fuzz;
  }
  sh::Interp in(p.world, p.net, shared, borrow(*out), borrow(p.err));
  if (parent) {
    for (auto& [k, v] : parent->exported_vars()) in.set_var(k, v, true);
    in.set_cwd(sh::shell_cwd());
  } else {
    in.import_environ();
  }
  in.set_src_name(command ? arg0 : arg0);
  in.set_positional(arg0, std::move(args));
  in.set_dash(dash);
  if (command && !dash) in.set_dash_c_mode();
  if (command) in.set_stdin(std::string(p.in));
  for (auto [c, on] : opts) {
    std::vector<std::string> set = {"set", std::string(1, on ? '-' : '+') + c};
    (void)set;
    std::string s = std::string("set ") + (on ? "-" : "+") + c + "\n";
    in.run_text(s, false);
  }
  for (auto& [o, on] : long_opts) in.run_text(std::string("set ") + (on ? "-o " : "+o ") + o + "\n", false);
  if (parent && parent->shared().fuzz && parent->shared().step_limit) {
    // the parent's budget covers nested shells too
  }
  CurrentGuard g(&in);
  if (parent) {
    // A nested shell's steps count against the same budget.
    in.shared().steps = parent->shared().steps;
  }
  int st = run_to_end(in, text);
  if (parent) parent->shared().steps = in.shared().steps;
  return st;
}

}  // namespace

int cmd_sh(Proc& p, std::span<const std::string> argv) { return shell_command(p, argv, true); }
int cmd_bash(Proc& p, std::span<const std::string> argv) { return shell_command(p, argv, false); }

}  // namespace skbox
