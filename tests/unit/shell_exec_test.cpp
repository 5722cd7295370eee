// The interpreter: control flow, pipes, redirections into the World's files,
// set -e, background jobs in virtual time, determinism, error messages.
#include <gtest/gtest.h>
#include <unistd.h>

#include "core/time.h"
#include "shell_test_util.h"

namespace skbox {
namespace {

using shtest::run;
using shtest::run_merged;

TEST(ShellExec, EchoAndStatus) {
  auto r = run("echo hello world\nfalse\n");
  EXPECT_EQ(r.out, "hello world\n");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(run("exit 42").status, 42);
  EXPECT_EQ(run("true; exit").status, 0);
}

TEST(ShellExec, CommandNotFound) {
  auto r = run("echo a\nfoo bar\necho $?\n");
  EXPECT_EQ(r.out, "a\n127\n");
  EXPECT_EQ(r.err, "t.sh: line 2: foo: command not found\n");
}

TEST(ShellExec, SyntaxErrors) {
  auto r = run("echo a\nfi\necho b\n");
  EXPECT_EQ(r.out, "a\n");
  EXPECT_EQ(r.err, "t.sh: line 2: syntax error near unexpected token `fi'\nt.sh: line 2: `fi'\n");
  EXPECT_EQ(r.status, 2);
  r = run("if true; then\n  echo a\n");
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "t.sh: line 3: syntax error: unexpected end of file\n");
  EXPECT_EQ(r.status, 2);
  r = run("echo \"abc\n");
  EXPECT_EQ(r.err, "t.sh: line 1: unexpected EOF while looking for matching `\"'\n");
  r = run("echo $(echo a; fi)\n");
  EXPECT_EQ(r.err, "t.sh: line 1: syntax error near unexpected token `fi'\nt.sh: line 1: `echo $(echo a; fi)'\n");
  r = run("echo a >\n");
  EXPECT_EQ(r.err, "t.sh: line 1: syntax error near unexpected token `newline'\nt.sh: line 1: `echo a >'\n");
}

TEST(ShellExec, PipesRunInOrder) {
  auto r = run("printf 'b\\na\\nc\\n' | sort | head -n 2 | tr a-z A-Z");
  EXPECT_EQ(r.out, "A\nB\n");
  r = run("x=1; echo 5 | read x; echo $x");  // pipeline stages are subshells
  EXPECT_EQ(r.out, "1\n");
}

TEST(ShellExec, RedirectionsUseTheWorldFiles) {
  World w(1);
  StringSink out, err;
  int st = run_script(w, "echo one > /tmp/skbox_t_f\necho two >> /tmp/skbox_t_f\ncat /tmp/skbox_t_f\n", "t.sh", out,
                      err);
  EXPECT_EQ(st, 0);
  EXPECT_EQ(out.data, "one\ntwo\n");
  EXPECT_EQ(w.files["/tmp/skbox_t_f"], "one\ntwo\n");
  EXPECT_EQ(::access("/tmp/skbox_t_f", F_OK), -1);  // never written to the host
}

TEST(ShellExec, RedirectionErrors) {
  auto r = run("echo x > /nonexistent/f\necho $?\ncat /nonexistent_zz\n");
  EXPECT_EQ(r.out, "1\n");
  EXPECT_EQ(r.err,
            "t.sh: line 1: /nonexistent/f: No such file or directory\n"
            "cat: /nonexistent_zz: No such file or directory\n");
}

TEST(ShellExec, SetE) {
  auto r = run("set -e\necho a\nfalse || true\nif false; then :; fi\nfalse\necho never\n");
  EXPECT_EQ(r.out, "a\n");
  EXPECT_EQ(r.status, 1);
}

TEST(ShellExec, SetX) {
  auto r = run_merged("set -x\nx=1\necho \"a b\" $x\n");
  EXPECT_EQ(r.out, "+ x=1\n+ echo 'a b' 1\na b 1\n");
}

TEST(ShellExec, BackgroundJobsInVirtualTime) {
  auto r = run("(sleep 2; echo b) &\nsleep 1\necho a\nwait\necho done\n");
  EXPECT_EQ(r.out, "a\nb\ndone\n");
  EXPECT_EQ(r.end_time, 2 * kSec);
  r = run("sleep 3 & id=$!\nwait $id\necho $?\n");
  EXPECT_EQ(r.out, "0\n");
  EXPECT_EQ(r.end_time, 3 * kSec);
  r = run("(sleep 1; exit 5) &\nwait $!\necho $?\n");
  EXPECT_EQ(r.out, "5\n");
  r = run("wait 99\necho $?\n");
  EXPECT_EQ(r.err, "t.sh: line 1: wait: pid 99 is not a child of this shell\n");
  EXPECT_EQ(r.out, "127\n");
}

TEST(ShellExec, JobsInterleaveBySleep) {
  auto r = run("for i in 3 1 2; do (sleep $i; echo $i) & done\nwait\n");
  EXPECT_EQ(r.out, "1\n2\n3\n");
  EXPECT_EQ(r.end_time, 3 * kSec);
}

TEST(ShellExec, SleepArguments) {
  auto r = run("sleep 0.5\nsleep 1m\nsleep 1 2s\n");
  EXPECT_EQ(r.end_time, kSec / 2 + 60 * kSec + 3 * kSec);
  r = run("sleep x\necho $?\nsleep\n");
  EXPECT_NE(r.err.find("sleep: invalid time interval"), std::string::npos);
  EXPECT_NE(r.err.find("sleep: missing operand"), std::string::npos);
  EXPECT_EQ(r.out, "1\n");
}

TEST(ShellExec, RandomIsDeterministic) {
  auto a = run("echo $RANDOM $RANDOM $$", 7);
  auto b = run("echo $RANDOM $RANDOM $$", 7);
  auto c = run("echo $RANDOM $RANDOM $$", 8);
  EXPECT_EQ(a.out, b.out);
  EXPECT_NE(a.out, c.out);
  auto d = run("RANDOM=3; a=$RANDOM; RANDOM=3; b=$RANDOM; [ $a = $b ] && echo same");
  EXPECT_EQ(d.out, "same\n");
}

TEST(ShellExec, Functions) {
  auto r = run("f() { echo \"$1-$2\"; return 3; }\nf x y\necho $?\n");
  EXPECT_EQ(r.out, "x-y\n3\n");
  r = run("f() { f; }\nf\necho after $?\n");
  EXPECT_NE(r.err.find("maximum function nesting level exceeded"), std::string::npos);
  EXPECT_EQ(r.out, "after 1\n");
}

TEST(ShellExec, RecursionIsBounded) {
  auto r = run("x() { echo $(x); }\nx\necho ok\n");
  EXPECT_NE(r.out.find("ok"), std::string::npos);
  r = run("e='eval \"$e\"'\neval \"$e\"\necho ok\n");
  EXPECT_NE(r.out.find("ok"), std::string::npos);
}

TEST(ShellExec, NestedShells) {
  auto r = run("sh -c 'echo $0 $1' a b\nbash -c 'exit 3'\necho $?\nexport V=9\nbash -c 'echo $V'\n");
  EXPECT_EQ(r.out, "a b\n3\n9\n");
  r = run("sh -c 'nosuch'\nbash -c 'nosuch'\n");
  EXPECT_EQ(r.err, "sh: 1: nosuch: not found\nbash: line 1: nosuch: command not found\n");
}

TEST(ShellExec, ScriptArgs) {
  auto r = run("echo $0 $# $1 \"$2\"", 1, {"a", "b c"});
  EXPECT_EQ(r.out, "t.sh 2 a b c\n");
}

TEST(ShellExec, ExitTrap) {
  auto r = run("trap 'echo bye' EXIT\necho hi\nexit 3\n");
  EXPECT_EQ(r.out, "hi\nbye\n");
  EXPECT_EQ(r.status, 3);
}

TEST(ShellExec, ReadLoop) {
  auto r = run("printf '1 a\\n2 b\\n' > /tmp/x\nwhile read n l; do echo \"$l$n\"; done < /tmp/x\n");
  EXPECT_EQ(r.out, "a1\nb2\n");
}

}  // namespace
}  // namespace skbox
