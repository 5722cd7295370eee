// iptables-restore (iptables 1.8.9, legacy: iptables/iptables-restore.c):
// reads tables in iptables-save's format from stdin or a file. Each
// "*table" block edits a staged copy of the table (flushed, its user
// chains deleted, unless --noflush); ":CHAIN POLICY [p:b]" lines declare
// chains and policies; other lines are iptables commands run against the
// copy; COMMIT checks the copy as the kernel checks a replace and swaps it
// in whole. Errors print the real tool's messages: a command-line problem
// "Error occurred at line: N" (exit 2), a refused command or commit "line
// N failed" (exit 1), a block left open "COMMIT expected at line N".
//
// Not modelled: -M, -w/-W (no lock to wait for), -b.
#include <cstdint>
#include <cstring>

#include "cli/getopt.h"
#include "cli/iptables.h"
#include "cli/vfs.h"
#include "net/net.h"
#include "netfilter/xtables.h"

namespace skbox {

namespace {

constexpr std::string_view kProg = "iptables-restore";

struct RestoreParamError {
  std::string msg;
};
struct LineFailed {};

// add_param_to_argv: words split at blanks, "double quotes" group them,
// a backslash inside quotes takes the next character literally.
std::vector<std::string> split_line(std::string_view s) {
  std::vector<std::string> words;
  std::string cur;
  bool quoted = false, escaped = false, have = false;
  auto flush = [&] {
    if (!have) return;
    // A -t in a rule would name another table than the block's.
    if ((cur.size() > 1 && cur[0] == '-' && cur[1] != '-' && cur.find('t') != std::string::npos) ||
        (cur.size() >= 3 && cur.compare(0, 3, "--t") == 0 && std::string_view("--table").substr(0, cur.size()) == cur))
      throw RestoreParamError{fmt::format("The -t option cannot be used in {}.\n", kProg)};
    words.push_back(std::move(cur));
    cur.clear();
    have = false;
  };
  for (char c : s) {
    if (quoted) {
      if (escaped) cur += c, escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') quoted = false;
      else cur += c;
      continue;
    }
    if (c == '"') {
      quoted = have = true;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n') {
      flush();
      continue;
    }
    cur += c;
    have = true;
  }
  flush();
  return words;
}

struct Restore {
  Proc& p;
  bool counters = false, noflush = false, testing = false, verbose = false;
  std::string only_table;

  XtTable* live = nullptr;
  std::unique_ptr<XtTable> staged;
  std::string curtable;
  bool in_table = false;

  // One line; false: "line N failed".
  bool line(std::string_view buf, unsigned n) {
    if (buf.empty()) return true;
    if (buf[0] == '#') {
      if (verbose) p.out.print("{}\n", buf);
      return true;
    }
    if (buf == "COMMIT" && in_table) {
      in_table = false;
      if (!staged) return true;  // a block -T skipped
      bool ok = true;
      if (!testing) {
        ok = staged->check() == 0;
        if (ok) live->replace(*staged);
      }
      staged.reset();
      return ok;
    }
    if (buf[0] == '*' && !in_table) {
      auto words = split_line(buf.substr(1));
      if (words.empty()) throw RestoreParamError{fmt::format("{}: line {} table name invalid", kProg, n)};
      curtable = words[0];
      in_table = true;
      staged.reset();
      if (!only_table.empty() && only_table != curtable) return true;
      live = xt_table_init(*p.net, curtable);
      if (!live) throw RestoreParamError{fmt::format("{}: unable to initialize table '{}'", kProg, curtable)};
      staged = live->clone();
      // The commit sets the built-in policies' counters to what the block
      // says: [0:0] unless -c gives them.
      for (auto& c : staged->chains) c->pcnt = c->bcnt = 0;
      if (!noflush) {
        for (auto& c : staged->chains) c->rules.clear();
        std::erase_if(staged->chains, [](const auto& c) { return !c->builtin(); });
      }
      return true;
    }
    if (!in_table) return false;
    if (!staged) return true;
    if (buf[0] == ':') return chain_line(buf.substr(1), n);
    return rule_line(buf, n);
  }

  bool chain_line(std::string_view buf, unsigned n) {
    auto words = split_line(buf);
    if (words.empty()) throw RestoreParamError{fmt::format("{}: line {} chain name invalid", kProg, n)};
    const std::string& name = words[0];
    if (name.size() >= 29)
      throw RestoreParamError{fmt::format("Invalid chain name `{}' (28 chars max)", name)};
    XtChain* c = staged->find_chain(name);
    if (!c || !c->builtin()) {
      if (c && noflush) c->rules.clear();
      else if (c) throw RestoreParamError{fmt::format("error creating chain '{}':{}", name, std::strerror(EEXIST))};
      else c = staged->add_user_chain(name);
    }
    if (words.size() < 2) throw RestoreParamError{fmt::format("{}: line {} policy invalid", kProg, n)};
    const std::string& policy = words[1];
    if (policy == "-") return true;
    uint64_t pc = 0, bc = 0;
    if (counters) {
      if (words.size() < 3 || !parse_counters(words[2], pc, bc))
        throw RestoreParamError{fmt::format("invalid policy counters for chain '{}'", name)};
    }
    const char* why = nullptr;
    if (!c->builtin()) why = "Bad built-in chain name";
    else if (policy != "ACCEPT" && policy != "DROP") why = "Bad policy name";
    if (why) {
      p.err.print("{} {}: Can't set policy `{}' on `{}' line {}: {}\n", kProg, kIptablesVersion, policy, name, n, why);
      throw LineFailed{};
    }
    c->policy = policy == "DROP" ? XtVerdict::Drop : XtVerdict::Accept;
    c->pcnt = pc;
    c->bcnt = bc;
    return true;
  }

  static bool parse_counters(std::string_view s, uint64_t& pc, uint64_t& bc) {
    if (s.size() < 5 || s.front() != '[' || s.back() != ']') return false;
    s = s.substr(1, s.size() - 2);
    size_t colon = s.find(':');
    if (colon == std::string_view::npos) return false;
    auto a = xt_strtoul0(s.substr(0, colon), UINT64_MAX), b = xt_strtoul0(s.substr(colon + 1), UINT64_MAX);
    if (!a || !b) return false;
    pc = *a;
    bc = *b;
    return true;
  }

  bool rule_line(std::string_view buf, unsigned n) {
    std::string pcnt, bcnt;
    if (buf[0] == '[') {
      size_t close = buf.find(']');
      if (close == std::string_view::npos) throw RestoreParamError{fmt::format("Bad line {}: need ]", n)};
      std::string_view inner = buf.substr(1, close - 1);
      size_t colon = inner.find(':');
      if (colon == std::string_view::npos) throw RestoreParamError{fmt::format("Bad line {}: need :", n)};
      pcnt = inner.substr(0, colon);
      bcnt = inner.substr(colon + 1);
      buf = buf.substr(close + 1);
    }
    std::vector<std::string> argv{"iptables", "-t", curtable};
    for (auto& w : split_line(buf)) argv.push_back(std::move(w));
    if (counters && !pcnt.empty()) {
      argv.push_back("--set-counters");
      argv.push_back(pcnt);
      argv.push_back(bcnt);
    }
    try {
      iptables_do_command(p, argv, staged.get());
    } catch (const IptcError&) {
      return false;
    }
    return true;
  }
};

}  // namespace

int cmd_iptables_restore(Proc& p, std::span<const std::string> argv) {
  static constexpr LongOption kLong[] = {
      {"counters", ArgKind::None, 'c'},     {"verbose", ArgKind::None, 'v'},   {"version", ArgKind::None, 'V'},
      {"test", ArgKind::None, 't'},         {"help", ArgKind::None, 'h'},      {"noflush", ArgKind::None, 'n'},
      {"modprobe", ArgKind::Required, 'M'}, {"table", ArgKind::Required, 'T'}, {"wait", ArgKind::Optional, 'w'},
      {"wait-interval", ArgKind::Optional, 'W'}};
  Getopt g(kProg, &p.err, argv, "bcvVthnwWM:T:", kLong);
  Restore r{p};
  for (int c; (c = g.next()) != -1;) {
    switch (c) {
      case 'b': p.err.print("-b/--binary option is not implemented\n"); break;
      case 'c': r.counters = true; break;
      case 'v': r.verbose = true; break;
      case 'V': p.out.print("{} {}\n", kProg, kIptablesVersion); return 0;
      case 't': r.testing = true; break;
      case 'h':
        p.out.print("Usage: {} [-c] [-v] [-V] [-t] [-h] [-n] [-w secs] [-W usecs] [-T table] [-M command] [file]\n"
                    "\t   [ --counters ]\n\t   [ --verbose ]\n\t   [ --version]\n\t   [ --test ]\n\t   [ --help ]\n"
                    "\t   [ --noflush ]\n\t   [ --wait=<seconds>\n\t   [ --wait-interval=<usecs>\n"
                    "\t   [ --table=<TABLE> ]\n\t   [ --modprobe=<command> ]\n", kProg);
        return 0;
      case 'n': r.noflush = true; break;
      case 'w': case 'W': case 'M': break;
      case 'T': r.only_table = g.arg(); break;
      default: p.err.print("Try `{} -h' for more information.\n", kProg); return 1;
    }
  }
  std::string input;
  if (g.operands().size() == 1) {
    auto data = vfs_read(p, g.operands()[0]);
    if (!data) {
      p.err.print("Can't open {}: {}\n", g.operands()[0], std::strerror(data.error()));
      return 1;
    }
    input = std::move(*data);
  } else if (g.operands().size() > 1) {
    p.err.print("Unknown arguments found on commandline\n");
    return 1;
  } else {
    input = std::string(p.in);
  }

  unsigned n = 0;
  try {
    for (size_t pos = 0; pos < input.size();) {
      size_t nl = input.find('\n', pos);
      std::string_view l(input.data() + pos, (nl == std::string::npos ? input.size() : nl) - pos);
      pos = nl == std::string::npos ? input.size() : nl + 1;
      ++n;
      if (!r.line(l, n)) {
        p.err.print("{}: line {} failed\n", kProg, n);
        return 1;
      }
    }
  } catch (const RestoreParamError& e) {
    p.err.print("{} {}: {}\nError occurred at line: {}\nTry `{} -h' or '{} --help' for more information.\n", kProg,
                kIptablesVersion, e.msg, n, kProg, kProg);
    return 2;
  } catch (const XtParamError& e) {
    p.err.print("{} {}: {}\nError occurred at line: {}\nTry `{} -h' or '{} --help' for more information.\n", kProg,
                kIptablesVersion, e.msg, n, kProg, kProg);
    return 2;
  } catch (const LineFailed&) {
    return 1;
  }
  if (r.in_table) {
    p.err.print("{}: COMMIT expected at line {}\n", kProg, n + 1);
    return 1;
  }
  return 0;
}

}  // namespace skbox
