// ls over the virtual file system (vfs_stat / vfs_list_dir): GNU ls's
// output for a pipe, headers and blank lines, errors and exit statuses, as
// captured from coreutils 9.1 in the oracle's sandbox.
#include <gtest/gtest.h>

#include "shell_test_util.h"

namespace skbox {
namespace {

using shtest::run;
using shtest::run_merged;

TEST(CliLs, ProcSysDirectory) {
  auto r = run("ip link add veth0 type veth peer name veth1\nls /proc/sys/net/ipv4/conf\n");
  EXPECT_EQ(r.out, "all\ndefault\nlo\nveth0\nveth1\n");
  EXPECT_EQ(r.status, 0);
  r = run("ls -a /proc/sys/net/ipv4/neigh\nls -A -r /proc/sys/net/ipv4/neigh\n");
  EXPECT_EQ(r.out, ".\n..\nlo\nlo\n");
}

TEST(CliLs, OperandsFilesFirstThenHeaders) {
  auto r = run_merged(
      "ls /proc/sys/net/unix nope /proc/sys/net/ipv4/ip_forward /proc/sys/net/ipv4/neigh\necho rc=$?\n");
  EXPECT_EQ(r.out,
            "ls: cannot access 'nope': No such file or directory\n"
            "/proc/sys/net/ipv4/ip_forward\n"
            "\n"
            "/proc/sys/net/ipv4/neigh:\n"
            "lo\n"
            "\n"
            "/proc/sys/net/unix:\n"
            "max_dgram_qlen\n"
            "rc=2\n");
  // A missing operand still makes a lone directory get its header.
  r = run_merged("ls nope /proc/sys/net/ipv4/neigh\n");
  EXPECT_EQ(r.out, "ls: cannot access 'nope': No such file or directory\n/proc/sys/net/ipv4/neigh:\nlo\n");
  EXPECT_EQ(r.status, 2);
}

TEST(CliLs, PathWalkErrors) {
  auto r = run_merged("ls /proc/sys/net/ipv4/ip_forward/x /sys/class/net/lo/mtu/\ncat /proc/net/dev/x\n");
  EXPECT_EQ(r.out,
            "ls: cannot access '/proc/sys/net/ipv4/ip_forward/x': Not a directory\n"
            "ls: cannot access '/sys/class/net/lo/mtu/': Not a directory\n"
            "cat: /proc/net/dev/x: Not a directory\n");
  r = run("[ -e /proc/sys/net/ipv4/ip_forward/x ] || echo no\n[ -d /sys/class/net/lo ] && echo dir\n");
  EXPECT_EQ(r.out, "no\ndir\n");
}

TEST(CliLs, RunNetnsAndDirectoryItself) {
  auto r = run("ls /run/netns\nip netns add b\nip netns add a\nls /run/netns\nls -d /run/netns /run/netns/a\n"
               "ip netns del a\nip netns del b\nip -j netns\n");
  EXPECT_EQ(r.out, "a\nb\n/run/netns\n/run/netns/a\n[]\n");
  EXPECT_EQ(r.status, 0);
}

TEST(CliLs, WorldFilesAreListed) {
  auto r = run("echo x > /tmp/skbox-ls-test-f\nls /tmp | grep -c '^skbox-ls-test-f$'\n");
  EXPECT_EQ(r.out, "1\n");
}

TEST(CliLs, Options) {
  auto r = run_merged("ls --al /run/netns\necho rc=$?\nls --rev --all=1 /run/netns\necho rc=$?\n");
  EXPECT_EQ(r.out,
            "ls: option '--al' is ambiguous; possibilities: '--all' '--almost-all'\n"
            "Try 'ls --help' for more information.\n"
            "rc=2\n"
            "ls: option '--all' doesn't allow an argument\n"
            "Try 'ls --help' for more information.\n"
            "rc=2\n");
  r = run_merged("ls -y\n");
  EXPECT_EQ(r.out, "ls: invalid option -- 'y'\nTry 'ls --help' for more information.\n");
  EXPECT_EQ(r.status, 2);
}

}  // namespace
}  // namespace skbox
