// Command-line option scanning as glibc's getopt_long(3) does it, for the
// commands whose real tools use it (nc, ss, nstat, ping, arping, tcpdump):
// clustered short options (-nvu), arguments attached (-p5000) or separate
// (-p 5000), "::" optional arguments (attached only), "--" ending options,
// long options ("--name=value" or "--name value") with unique abbreviations,
// operands permuted to the end, and glibc's error messages, printed as
// "PROG: invalid option -- 'c'" before next() returns '?'.
//
// Optstring prefixes as glibc: '+' stops at the first operand (REQUIRE_ORDER),
// '-' returns each operand as option 1 with the operand as arg()
// (RETURN_IN_ORDER); a ':' after those silences the messages and makes a
// missing argument return ':'.
//
// Not modelled: POSIXLY_CORRECT, getopt_long_only, "W;" and long options'
// `flag` pointers (a long option always returns its val).
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace skbox {

class Sink;

// has_arg of glibc's struct option.
enum class ArgKind { None, Required, Optional };

struct LongOption {
  std::string_view name;
  ArgKind arg;
  int val;
};

class Getopt {
 public:
  // argv[0] is the command name; `prog` is what messages start with (glibc
  // prints argv[0]; the commands print their fixed name). Messages go to
  // `err`, none when it is null (opterr = 0).
  Getopt(std::string_view prog, Sink* err, std::span<const std::string> argv, std::string_view optstring,
         std::span<const LongOption> longopts = {});

  // Flushed before each message: for commands whose error path flushes
  // stdout first, so what they printed already stays in front.
  void flush_before_errors(Sink& out) { flush_ = &out; }
  // Long options must be spelled out: for commands that list only part of
  // the real tool's table, where an abbreviation could match wrongly.
  void exact_long_names() { abbreviations_ = false; }

  // The next option's character (or long option's val), '?' after an error
  // (':' for a missing argument under a leading ':'), 1 for an operand in
  // '-' mode, -1 when the options end.
  int next();
  // The current option's argument ("" when none).
  const std::string& arg() const { return arg_; }
  // Whether the current option has an argument (for ArgKind::Optional/"::").
  bool has_arg() const { return has_arg_; }
  // The option character an error was about (glibc's optopt); 0 for an
  // unknown or ambiguous long option.
  int optopt() const { return optopt_; }
  // Index in the long option table of the last long option, -1 if none.
  int long_index() const { return long_index_; }
  // After next() returned -1: the operands in order (argv[optind...] once
  // glibc has permuted them).
  const std::vector<std::string>& operands() const { return operands_; }

 private:
  enum class Order { Permute, RequireOrder, ReturnInOrder };

  int finish();
  int short_option();
  int long_option();
  void report(const std::string& msg);

  std::string prog_;
  Sink* err_;
  Sink* flush_ = nullptr;
  std::span<const std::string> argv_;
  std::string_view shorts_;  // optstring without its prefix characters
  std::span<const LongOption> longs_;
  Order order_ = Order::Permute;
  bool colon_ = false;  // leading ':': silent, missing argument returns ':'
  bool abbreviations_ = true;
  bool done_ = false;

  size_t ind_ = 1;  // argv element being scanned (glibc's optind)
  size_t pos_ = 0;  // next character inside a short cluster, 0 when none
  std::string arg_;
  bool has_arg_ = false;
  int optopt_ = 0;
  int long_index_ = -1;
  std::vector<std::string> operands_;
};

}  // namespace skbox
