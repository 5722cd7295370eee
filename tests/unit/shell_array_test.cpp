// Indexed arrays and PIPESTATUS in the interpreter (expected values are bash 5.2's).
#include <gtest/gtest.h>

#include "shell_test_util.h"

namespace skbox {
namespace {

using shtest::run;

TEST(ShellArray, AssignAndExpand) {
  auto r = run("a=(one two three)\necho \"${a[1]} ${#a[@]} $a ${a[-1]} ${#a[0]}\"\n");
  EXPECT_EQ(r.out, "two 3 one three 3\n");
  r = run("a=(x)\na[4]=y\na+=(z)\necho \"${a[*]} ${#a[@]} ${!a[@]}\"\n");
  EXPECT_EQ(r.out, "x y z 3 0 4 5\n");
  r = run("i=1\na=(p q r)\na[$i]=Q\na[i+1]+=R\necho \"${a[@]}\"\n");
  EXPECT_EQ(r.out, "p Q rR\n");
  r = run("b=([2]=x y)\necho \"${b[@]} ${b[3]} ${!b[@]}\"\n");
  EXPECT_EQ(r.out, "x y y 2 3\n");
}

TEST(ShellArray, QuotedElementsStayWhole) {
  auto r = run("a=(\"b c\" d)\nfor x in \"${a[@]}\"; do echo \"<$x>\"; done\ne=()\nfor x in \"${e[@]}\"; do echo no; done\n");
  EXPECT_EQ(r.out, "<b c>\n<d>\n");
}

TEST(ShellArray, OperatorsApplyPerElement) {
  auto r = run("a=(one two three)\necho \"${a[@]:1:2}\" \"${a[@]/e/E}\" \"${a[@]^}\"\n");
  EXPECT_EQ(r.out, "two three onE two thrEe One Two Three\n");
  r = run("set -- a b c\necho \"${@:2}\" \"${@/b/B}\"\n");
  EXPECT_EQ(r.out, "b c a B c\n");
}

TEST(ShellArray, Pipestatus) {
  auto r = run("false | true\necho \"${PIPESTATUS[0]} ${PIPESTATUS[1]} ${#PIPESTATUS[@]}\"\n(exit 3)\necho \"${PIPESTATUS[@]}\"\n");
  EXPECT_EQ(r.out, "1 0 2\n3\n");
}

}  // namespace
}  // namespace skbox
