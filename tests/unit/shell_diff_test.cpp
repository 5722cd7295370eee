// Differential checks: small scripts using only shell features run through
// both /bin/bash and skbox's interpreter; stdout+stderr and the exit status
// must be identical. Skipped when /bin/bash is missing.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "shell_test_util.h"

namespace skbox {
namespace {

struct BashResult {
  std::string out;
  int status = -1;
};

BashResult run_bash(const std::string& script) {
  char dir_tmpl[] = "/tmp/skbox_shdiff_XXXXXX";
  char* dir = ::mkdtemp(dir_tmpl);
  if (!dir) return {};
  std::string path = std::string(dir) + "/t.sh";
  {
    std::ofstream f(path);
    f << script;
  }
  std::string cmd = "cd " + std::string(dir) + " && env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 /bin/bash t.sh 2>&1";
  BashResult r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int st = ::pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  std::remove(path.c_str());
  ::rmdir(dir);
  return r;
}

const char* const kScripts[] = {
    // quoting and expansion
    R"SH(x="a  b"; echo $x "$x" '$x' \$x "\$x \"q\"")SH",
    R"SH(v=hello; echo ${v} ${#v} ${v:-d} ${u:-d} ${u-e} ${v:+alt} ${u:+alt}x ${v%l*} ${v%%l*} ${v#*l} ${v##*l})SH",
    R"SH(p=/usr/local/bin/tool.tar.gz; echo ${p##*/} ${p%/*} ${p%.*} ${p%%.*} ${p/local/LOCAL} ${p//o/0})SH",
    R"SH(s=abcdef; echo ${s:2} ${s:1:3} ${s: -2} ${s:0:-1} ${s^^} ${s^})SH",
    R"SH(echo ${u:=set}; echo $u; unset u; echo ${u=again} $u)SH",
    R"SH(set -- a "b c" d; echo $#; for i in "$@"; do echo "[$i]"; done; for i in $*; do echo "<$i>"; done; echo "$*")SH",
    R"SH(set -- x y; IFS=:; echo "$*"; IFS=; echo "$*"; unset IFS; echo "$*")SH",
    R"SH(x='a:b::c'; IFS=:; for f in $x; do echo "[$f]"; done)SH",
    R"SH(x="  lead trail  "; for f in $x; do echo "[$f]"; done; echo "[$x]")SH",
    R"SH(e=; for f in $e "" "$e"; do echo "[$f]"; done; set --; for f in "$@"; do echo no; done; echo done)SH",
    R"SH(echo $((1+2*3)) $((10/3)) $((10%3)) $((2**10)) $((1<<4)) $((7&3)) $((5|2)) $((5^1)) $((!0)) $((~0)))SH",
    R"SH(i=5; echo $((i++)) $i $((++i)) $((i--)) $((i+=10)) $((i*=2)) $((i>30?1:0)) $((0x1f)) $((010)) $((2#101)))SH",
    R"SH(a=3; b=4; echo $(( a*a + b*b )) $((a==3 && b==4)) $((a>b || 0)); x=; echo $((x+1)))SH",
    R"SH(echo $(echo inner $(echo nested)) `echo back` "$(printf '%s\n' a b)")SH",
    R"SH(x=$(printf 'a\n\n\n'); echo "[$x]"; echo "$(false; echo st=$?)")SH",
    R"SH(echo $'tab\there' $'nl\\n' $'\x41\101')SH",
    R"SH(echo ~ ~/x a~ "~"; x=~/y; echo $x)SH",
    R"SH(echo {a,b} a{b}c "{x,y}")SH",
    // control flow
    R"SH(for i in 1 2 3; do if [ $i = 2 ]; then continue; fi; echo $i; done; for i in a b; do for j in 1 2; do [ $j = 2 ] && break 2; echo $i$j; done; done)SH",
    R"SH(i=0; while [ $i -lt 3 ]; do echo w$i; i=$((i+1)); done; until [ $i -eq 0 ]; do echo u$i; i=$((i-1)); done)SH",
    R"SH(for x in apple b.txt 7 Zed; do case $x in a*) echo A;; *.txt) echo T;; [0-9]) echo D;; *) echo other;; esac; done)SH",
    R"SH(case foo in f|g) echo one;& h) echo two;; *) echo three;; esac; case bar in b*) echo x;;& *r) echo y;; esac)SH",
    R"SH(if false; then echo a; elif true; then echo b; else echo c; fi; if ! false; then echo neg; fi)SH",
    R"SH(true && echo and1; false && echo and2; false || echo or1; true || echo or2; ! true; echo $?)SH",
    R"SH(for ((i=0; i<3; i++)); do echo $i; done; ((x=5*2)); echo $x; (( 0 )); echo $?)SH",
    R"SH(f() { echo "f:$1:$#"; return 3; }; f a b; echo $?; g() { local v=in; echo $v; }; v=out; g; echo $v)SH",
    R"SH(f() { echo $1; shift; echo $@; }; f 1 2 3; fact() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(($1-1))) )); fi; }; fact 6)SH",
    R"SH(x=1; (x=2; echo in $x); echo out $x; { x=3; echo grp $x; }; echo $x)SH",
    R"SH(echo a | cat; printf 'x\ny\n' | while read l; do echo "got $l"; done; echo z | { read v; echo "v=$v"; })SH",
    R"SH(echo hi | grep -q h && echo found; false | true; echo $?; true | false; echo $?)SH",
    R"SH(set -o pipefail; false | true; echo $?; ! false | false; echo $?)SH",
    // redirections and here-documents
    R"SH(echo one > f; echo two >> f; cat f; cat < f; echo err 1>&2; echo both > g 2>&1; cat g)SH",
    R"SH(cat <<EOF
a $((1+1)) ${x:-d}
  indented \$HOME
EOF
cat <<'EOF'
$literal `x`
EOF
cat <<-EOF
	tabbed
	EOF
)SH",
    R"SH(read a b c <<< "1 2 3 4"; echo "$a|$b|$c"; IFS=, read x y <<< "p,q,r"; echo "$x|$y")SH",
    R"SH({ echo a; echo b; } > out; cat out; while read l; do echo "<$l>"; done < out)SH",
    R"SH(exec 3>&1; echo to3 >&3; echo x 2>/dev/null; ls_missing 2>/dev/null; echo $?)SH",
    // set -e / -u / -x
    R"SH(set -e; echo a; false || echo ok; if false; then :; fi; false && echo no; echo b; false; echo never)SH",
    R"SH(set -e; f() { false; echo notreached; }; f; echo after)SH",
    R"SH(set -e; x=$(false); echo notreached)SH",
    R"SH(set -x; x=1; echo "a b" $x; y=$(echo in); for i in 1; do :; done; [[ $x == 1 ]]; (( x + 1 )); set +x)SH",
    R"SH(set -u; echo ${unset_var:-ok}; echo $unset_var; echo never)SH",
    // errors and messages
    R"SH(echo a; nosuchcmd; echo $?; nosuch2 arg; echo b)SH",
    R"SH(echo before
if true; then
  echo x
fi fi
echo never)SH",
    R"SH(echo $((1/0)); echo same line
echo next line)SH",
    R"SH(echo ${x!}; echo bad)SH",
    R"SH(echo "unterminated)SH",
    R"SH(cd /nonexistent_dir; echo $?; echo x > /nonexistent/f; echo $?; cat /nonexistent_file; echo $?)SH",
    R"SH(readonly r=1; r=2
echo $r; unset r; echo $?)SH",
    R"SH(x=5; let x+=2 y=x*2; echo $x $y; let 0; echo $?)SH",
    R"SH(exit 3)SH",
    R"SH(f() { return 7; }; f; echo $?; (exit 4); echo $?; trap 'echo bye $?' EXIT; exit 5)SH",
    R"SH(echo $((1+)); echo notreached
echo reached)SH",
    // builtins
    R"SH(printf '%s-%s\n' a b c; printf '%5d|%-5s|%05.1f|%x|%o|%c|%%\n' 42 ab 3.14159 255 8 xyz; printf '%b\n' 'a\tb')SH",
    R"SH(printf '%d\n' abc 2>&1; printf '%q\n' "a b"; printf -v var '%03d' 7; echo $var)SH",
    R"SH(echo -n a; echo -e 'b\tc'; echo -E 'd\te'; echo -- -n; echo -ne 'x\n')SH",
    R"SH([ -z "" ] && echo z; [ -n x ] && echo n; [ 1 -lt 2 ] && echo lt; [ a = a -a b != c ] && echo and; test ! -e /nonexistent && echo ne; [ 1 -eq x ]; echo $?)SH",
    R"SH([[ abc == a* ]] && echo glob; [[ abc =~ ^a(b)c$ ]] && echo re; [[ -n $undefined_x ]] || echo empty; [[ 2 -gt 10 ]] || echo num; [[ b > a ]] && echo gt)SH",
    R"SH(type cd; type nosuchthing; command -v cd; echo $?)SH",
    R"SH(x=1; eval 'x=$((x+1)); echo $x'; eval "if"; echo $?)SH",
    R"SH(set -- a b c; shift; echo $1 $#; shift 5; echo $?; set -- ; echo $#)SH",
    R"SH(getopts_test() { while getopts "ab:c" o; do echo "$o:${OPTARG:-}"; done; shift $((OPTIND-1)); echo "rest $*"; }; getopts_test -a -b val -c x y)SH",
    R"SH(export A=1; B=2 sh -c 'echo $A $B'; echo ${B:-unset})SH",
    R"SH(bash -c 'echo inner $0 $1; exit 4' name arg; echo $?; sh -c 'exit 9'; echo $?)SH",
    R"SH(local x=1; echo $?; break; echo $?; return 2>&1; echo $?)SH",
    R"SH(seq 3; seq 2 2 7; seq -s, 1 4; echo a b c | tr a-z A-Z; echo hello | tr -d l; echo aaabbb | tr -s ab)SH",
    R"SH(printf '3\n1\n2\n10\n' | sort; printf '3\n1\n2\n10\n' | sort -n; printf '3\n1\n2\n10\n' | sort -rn; printf 'b\na\nb\n' | sort -u)SH",
    R"SH(printf 'a 3\nb 1\nc 2\n' | sort -k2 -n; printf 'x:3\ny:1\n' | sort -t: -k2)SH",
    R"SH(printf 'a\na\nb\nc\nc\nc\n' | uniq -c; printf 'a\na\nb\n' | uniq -d; printf 'a\na\nb\n' | uniq -u)SH",
    R"SH(seq 10 | head -n 3; seq 10 | head -2; seq 10 | tail -n 2; seq 5 | tail -n +4; seq 5 | head -n -3)SH",
    R"SH(printf 'one two\nthree\n' | wc -l; printf 'one two\nthree\n' | wc -w; printf 'abc' | wc -c; printf 'a b\nc\n' | wc)SH",
    R"SH(echo 'a:b:c' | cut -d: -f2; echo 'a:b:c' | cut -d: -f1,3; echo abcdef | cut -c2-4; echo 'x y' | cut -f1)SH",
    R"SH(printf 'apple\nbanana\ncherry\n' | grep an; printf 'apple\nbanana\n' | grep -v an; printf 'a1\nb2\nc3\n' | grep -c '[0-9]')SH",
    R"SH(printf 'foo bar\nfoobar\n' | grep -w foo; printf 'Ab\nab\n' | grep -i AB; printf 'a1b22\n' | grep -o '[0-9]*'; printf 'x\ny\n' | grep -n y)SH",
    R"SH(printf 'abc\nxyz\n' | grep -E 'b|y'; printf 'aaa\n' | grep -x 'a*'; printf 'a.c\nabc\n' | grep -F a.c; grep -q nomatch /dev/null; echo $?)SH",
    R"SH(printf 'k=v\n' | grep -e k -e z; grep pat /nonexistent_file; echo $?; echo x | grep '\(x\)'; echo ab | grep 'a\|z')SH",
    R"SH(basename /a/b/c.txt; basename /a/b/c.txt .txt; dirname /a/b/c; dirname c; basename /; dirname /)SH",
    R"SH(echo hello | tee t1 t2 >/dev/null; cat t1 t2)SH",
};

TEST(ShellDiff, MatchesBash) {
  if (::access("/bin/bash", X_OK) != 0) GTEST_SKIP() << "no /bin/bash";
  for (const char* script : kScripts) {
    SCOPED_TRACE(script);
    BashResult b = run_bash(script);
    if (b.status < 0) GTEST_SKIP() << "cannot run bash";
    shtest::Result s = shtest::run_merged(script);
    EXPECT_EQ(s.out, b.out);
    EXPECT_EQ(s.status, b.status);
  }
}

}  // namespace
}  // namespace skbox
