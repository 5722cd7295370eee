// fib_lookup over the merged local+main trie (no custom rules): a longer
// main prefix beats a local /8, a local alias wins within one prefix, and a
// throw route falls through to the (absent) default table. Outputs pinned
// from Linux 6.18 + iproute2 6.1 in a private netns.
#include <gtest/gtest.h>

#include "shell_test_util.h"

namespace skbox {
namespace {

TEST(FibMergedLookup, LongestPrefixSpansLocalAndMain) {
  auto out = shtest::run_merged(
                 "sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1\n"
                 "ip link set lo up\n"
                 "ip link add veth0 type veth peer name veth1\n"
                 "ip link set veth0 up\n"
                 "ip link set veth1 up\n"
                 "ip addr add 10.0.0.1/24 dev veth0\n"
                 "ip route add 127.0.0.2/32 via 10.0.0.5\n"
                 "ip route add 10.0.0.1/32 via 10.0.0.5\n"
                 "ip route get 127.0.0.2\n"
                 "ip route get 127.0.0.3\n"
                 "ip route get 10.0.0.1\n"
                 "ip route add throw 10.7.0.0/16\n"
                 "ip route get 10.7.0.1\n"
                 "echo rc=$?\n")
                 .out;
  EXPECT_EQ(out,
            "127.0.0.2 via 10.0.0.5 dev veth0 src 10.0.0.1 uid 0 \n"
            "    cache \n"
            "local 127.0.0.3 dev lo src 127.0.0.1 uid 0 \n"
            "    cache <local> \n"
            "local 10.0.0.1 dev lo src 10.0.0.1 uid 0 \n"
            "    cache <local> \n"
            "RTNETLINK answers: Network is unreachable\n"
            "rc=2\n");
}

}  // namespace
}  // namespace skbox
