// Getopt: glibc getopt_long's scanning and messages, pinned by hand and
// compared with the C library's own getopt_long on the same command lines.
#include "cli/getopt.h"

#include <getopt.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "cli/sink.h"

namespace skbox {
namespace {

struct Scan {
  std::string seq;  // "c" or "c=arg" per option, space-separated
  std::vector<std::string> operands;
  std::string err;
};

constexpr LongOption kLong[] = {
    {"numeric", ArgKind::None, 'n'},    {"family", ArgKind::Required, 'f'}, {"color", ArgKind::Optional, 'C'},
    {"query", ArgKind::Required, 'A'},  {"socket", ArgKind::Required, 'A'}, {"no-header", ArgKind::None, 'H'},
    {"nosync", ArgKind::None, 'S'},
};

std::string item(int c, bool has_arg, const std::string& arg) {
  std::string s = c == -1 ? "END" : c < 32 ? std::to_string(c) : std::string(1, static_cast<char>(c));
  if (has_arg) s += "=" + arg;
  return s;
}

Scan run(std::vector<std::string> args, std::string_view optstring, bool longs = false, bool exact = false) {
  args.insert(args.begin(), "prog");
  StringSink err;
  Getopt g("prog", &err, args, optstring, longs ? std::span<const LongOption>(kLong) : std::span<const LongOption>());
  if (exact) g.exact_long_names();
  Scan r;
  for (int c; (c = g.next()) != -1;) {
    if (!r.seq.empty()) r.seq += ' ';
    r.seq += item(c, g.has_arg(), g.arg());
  }
  r.operands = g.operands();
  r.err = err.data;
  return r;
}

using V = std::vector<std::string>;

TEST(Getopt, ClustersAndArguments) {
  auto r = run({"-nvu", "-p5000", "-p", "6000", "-vq", "1"}, "nvup:q:");
  EXPECT_EQ(r.seq, "n v u p=5000 p=6000 v q=1");
  EXPECT_TRUE(r.operands.empty());
  // A separate argument is taken even when it looks like an option.
  EXPECT_EQ(run({"-p", "-n"}, "np:").seq, "p=-n");
  EXPECT_EQ(run({"-p", "--"}, "np:").seq, "p=--");
}

TEST(Getopt, OptionalArgumentIsAttachedOnly) {
  auto r = run({"-o", "x", "-oy"}, "o::");
  EXPECT_EQ(r.seq, "o o=y");
  EXPECT_EQ(r.operands, V{"x"});
}

TEST(Getopt, MissingArgumentAndUnknownOption) {
  auto r = run({"-n", "-p"}, "np:");
  EXPECT_EQ(r.seq, "n ?");
  EXPECT_EQ(r.err, "prog: option requires an argument -- 'p'\n");
  r = run({"-nxz"}, "n");
  EXPECT_EQ(r.seq, "n ? ?");
  EXPECT_EQ(r.err, "prog: invalid option -- 'x'\nprog: invalid option -- 'z'\n");
  // ':' is never an option letter.
  EXPECT_EQ(run({"-:"}, "p:").err, "prog: invalid option -- ':'\n");
  // A leading ':' silences the messages and tells a missing argument apart.
  r = run({"-x", "-p"}, ":p:");
  EXPECT_EQ(r.seq, "? :");
  EXPECT_EQ(r.err, "");
}

TEST(Getopt, OptoptNamesTheLetter) {
  std::vector<std::string> args{"prog", "-x"};
  Getopt g("prog", nullptr, args, "n");
  EXPECT_EQ(g.next(), '?');
  EXPECT_EQ(g.optopt(), 'x');
  EXPECT_EQ(g.next(), -1);
  EXPECT_EQ(g.next(), -1);
}

TEST(Getopt, DoubleDashEndsOptions) {
  auto r = run({"a", "-n", "--", "-v", "b"}, "nv");
  EXPECT_EQ(r.seq, "n");
  EXPECT_EQ(r.operands, (V{"a", "-v", "b"}));
  // "-" alone is an operand.
  r = run({"-", "-n"}, "n");
  EXPECT_EQ(r.seq, "n");
  EXPECT_EQ(r.operands, V{"-"});
}

TEST(Getopt, PermutationOnAndOff) {
  auto r = run({"host", "-n", "port", "-v"}, "nv");
  EXPECT_EQ(r.seq, "n v");
  EXPECT_EQ(r.operands, (V{"host", "port"}));
  r = run({"-n", "host", "-v", "port"}, "+nv");
  EXPECT_EQ(r.seq, "n");
  EXPECT_EQ(r.operands, (V{"host", "-v", "port"}));
  r = run({"-n", "host", "-v", "port", "--", "-n"}, "-nv");
  EXPECT_EQ(r.seq, "n 1=host v 1=port");
  EXPECT_EQ(r.operands, V{"-n"});
}

TEST(Getopt, LongOptions) {
  auto r = run({"--numeric", "--family=inet", "--family", "link", "--color", "x", "--color=always"}, "nf:", true);
  EXPECT_EQ(r.seq, "n f=inet f=link C C=always");
  EXPECT_EQ(r.operands, V{"x"});
  r = run({"--bogus=1", "--numeric=1", "--family"}, "nf:", true);
  EXPECT_EQ(r.seq, "? ? ?");
  EXPECT_EQ(r.err,
            "prog: unrecognized option '--bogus=1'\n"
            "prog: option '--numeric' doesn't allow an argument\n"
            "prog: option '--family' requires an argument\n");
  // Without a long table, "--x" is a cluster of short options.
  EXPECT_EQ(run({"--n"}, "n").seq, "? n");
}

TEST(Getopt, Abbreviations) {
  auto r = run({"--num", "--fam", "inet", "--q=x", "--so", "y"}, "", true);
  EXPECT_EQ(r.seq, "n f=inet A=x A=y");
  // Prefixes of options that mean the same thing are not ambiguous.
  EXPECT_EQ(run({"--no"}, "", true).err, "prog: option '--no' is ambiguous; possibilities: '--no-header' '--nosync'\n");
  EXPECT_EQ(run({"--n=1"}, "", true).err,
            "prog: option '--n=1' is ambiguous; possibilities: '--numeric' '--no-header' '--nosync'\n");
  // An exact name wins over longer ones it is a prefix of.
  r = run({"--num"}, "", true, true);
  EXPECT_EQ(r.seq, "?");
  EXPECT_EQ(r.err, "prog: unrecognized option '--num'\n");
}

#ifdef __GLIBC__
// The same scan through the C library (messages captured from stderr).
Scan run_libc(std::vector<std::string> args, const char* optstring, bool longs) {
  args.insert(args.begin(), "prog");
  std::vector<char*> av;
  for (std::string& a : args) av.push_back(a.data());
  av.push_back(nullptr);
  std::vector<option> lo;
  std::vector<std::string> names;
  for (const LongOption& l : kLong) names.emplace_back(l.name);
  for (size_t i = 0; i < std::size(kLong); ++i)
    lo.push_back({names[i].c_str(), static_cast<int>(kLong[i].arg), nullptr, kLong[i].val});
  lo.push_back({nullptr, 0, nullptr, 0});

  std::FILE* tmp = std::tmpfile();
  std::fflush(stderr);
  const int saved = dup(2);
  dup2(fileno(tmp), 2);
  Scan r;
  optind = 0;  // re-initialise glibc's scanner
  opterr = 1;
  for (int c; (c = getopt_long(static_cast<int>(args.size()), av.data(), optstring, longs ? lo.data() : nullptr,
                               nullptr)) != -1;) {
    if (!r.seq.empty()) r.seq += ' ';
    r.seq += item(c, optarg != nullptr, optarg ? optarg : "");
  }
  for (int i = optind; i < static_cast<int>(args.size()); ++i) r.operands.emplace_back(av[i]);
  std::fflush(stderr);
  dup2(saved, 2);
  close(saved);
  std::rewind(tmp);
  char buf[512];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, tmp)) > 0;) r.err.append(buf, n);
  std::fclose(tmp);
  return r;
}

TEST(Getopt, MatchesGlibc) {
  struct Case {
    std::vector<std::string> args;
    const char* optstring;
    bool longs;
  };
  const Case cases[] = {
      {{"-nvu", "x", "-p5000", "y", "-p", "6000", "--", "-n", "z"}, "nvup:", false},
      {{"a", "-x", "-n", "-p"}, "np:", false},
      {{"-o", "x", "-oy", "-:"}, "o::", false},
      {{"a", "-n", "b", "-v", "c"}, "+nv", false},
      {{"a", "-n", "b", "--", "-v"}, "-nv", false},
      {{"-x", "-p"}, ":p:", false},
      {{"x", "--numeric", "--family=inet", "y", "--family", "link", "--color", "--color=z"}, "nf:", true},
      {{"--num", "--fam", "inet", "--q=x", "--so", "y", "--no", "--n=1", "--bogus=2", "--numeric=1"}, "n", true},
      {{"--nosync", "-", "--family"}, "", true},
      {{"--=x", "--", "--numeric"}, "", true},
      {{"--n"}, "n", false},
  };
  for (const Case& c : cases) {
    const Scan want = run_libc(c.args, c.optstring, c.longs);
    const Scan got = run(c.args, c.optstring, c.longs);
    EXPECT_EQ(got.seq, want.seq) << c.optstring;
    EXPECT_EQ(got.operands, want.operands) << c.optstring;
    EXPECT_EQ(got.err, want.err) << c.optstring;
  }
}
#endif

}  // namespace
}  // namespace skbox
