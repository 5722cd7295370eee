// `ip route`, `ip netns` and net-tools `route`: outputs and exit statuses
// pinned from iproute2 6.1 / net-tools 2.10 on Linux (captured in a private
// netns).
#include <gtest/gtest.h>

#include "shell_test_util.h"

namespace skbox {
namespace {

using shtest::run_merged;

constexpr std::string_view kSetup =
    "sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1\n"
    "ip link set lo up\n"
    "ip link add veth0 type veth peer name veth1\n"
    "ip link set veth0 up\n"
    "ip link set veth1 up\n"
    "ip addr add 10.0.0.1/24 dev veth0\n";

std::string run_after_setup(std::string_view body) { return run_merged(std::string(kSetup) + std::string(body)).out; }

TEST(IpRoute, MetricsShowAndGet) {
  auto out = run_after_setup(
      "ip route add 10.9.0.0/16 dev veth0 mtu 1400 advmss 1300\n"
      "ip r get 10.9.1.1\n"
      "ip -j r get 10.9.1.1\n"
      "ip -d r\n");
  EXPECT_EQ(out,
            "10.9.1.1 dev veth0 src 10.0.0.1 uid 0 \n"
            "    cache mtu 1400 advmss 1300 \n"
            "[{\"dst\":\"10.9.1.1\",\"dev\":\"veth0\",\"prefsrc\":\"10.0.0.1\",\"flags\":[],\"uid\":0,\"cache\":[],"
            "\"metrics\":[{\"mtu\":1400,\"advmss\":1300}]}]\n"
            "unicast 10.0.0.0/24 dev veth0 proto kernel scope link src 10.0.0.1 \n"
            "unicast 10.9.0.0/16 dev veth0 proto boot scope link mtu 1400 advmss 1300 \n");
}

TEST(IpRoute, TablesAndFilters) {
  auto out = run_after_setup(
      "ip route add 10.8.0.0/16 via 10.0.0.5 metric 3 table 7\n"
      "ip route add local 10.6.6.6 dev veth0\n"
      "ip r show table 7\n"
      "ip r show src 10.0.0.1\n"
      "ip r show via 10.0.0.5 table all\n"
      "ip r show type local table all\n"
      "ip -s r flush table 7\n"
      "ip -s r flush table 7\n"
      "ip r show table 8; echo rc=$?\n");
  EXPECT_EQ(out,
            "10.8.0.0/16 via 10.0.0.5 dev veth0 metric 3 \n"
            "10.0.0.0/24 dev veth0 proto kernel scope link \n"
            "10.8.0.0/16 dev veth0 table 7 metric 3 \n"
            "local 10.0.0.1 dev veth0 table local proto kernel scope host src 10.0.0.1 \n"
            "local 10.6.6.6 dev veth0 table local scope host \n"
            "local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1 \n"
            "local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1 \n"
            "\n*** Round 1, deleting 1 entries ***\n"
            "*** Flush is complete after 1 round ***\n"
            "Nothing to flush.\n"
            "Error: ipv4: FIB table does not exist.\n"
            "Dump terminated\n"
            "rc=2\n");
}

TEST(IpRoute, InputRouteGet) {
  auto out = run_after_setup(
      "sysctl -qw net.ipv4.ip_forward=1\n"
      "ip r get 10.0.0.9 from 10.0.0.5 iif veth0\n"
      "ip r get 10.0.0.1 from 10.0.0.5 iif veth0\n"
      "ip r get 10.0.0.1 iif veth0; echo rc=$?\n");
  EXPECT_EQ(out,
            "10.0.0.9 from 10.0.0.5 dev veth0 \n"
            "    cache <redirect> iif veth0 \n"
            "local 10.0.0.1 from 10.0.0.5 dev lo \n"
            "    cache <local> iif veth0 \n"
            "RTNETLINK answers: Invalid argument\n"
            "rc=2\n");
}

TEST(IpRoute, ParseErrors) {
  auto out = run_after_setup(
      "ip route add 10.0.0.0/8 via 1.2.3.4 via 1.2.3.5; echo rc=$?\n"
      "ip route add 1.2.3.0/24 1.2.4.0/24; echo rc=$?\n"
      "ip route add 1.2.3.0/24 dev lo src 1.2.3.x; echo rc=$?\n"
      "ip route bogus; echo rc=$?\n"
      "ip route flush; echo rc=$?\n");
  EXPECT_EQ(out,
            "Error: argument \"via\" is wrong: use nexthop syntax to specify multiple via\n\n"
            "rc=255\n"
            "Error: either \"to\" is duplicate, or \"1.2.4.0/24\" is a garbage.\n"
            "rc=255\n"
            "Error: inet address is expected rather than \"1.2.3.x\".\n"
            "rc=1\n"
            "Command \"bogus\" is unknown, try \"ip route help\".\n"
            "rc=255\n"
            "\"ip route flush\" requires arguments.\n"
            "rc=1\n");
}

TEST(IpNetns, ListOrderIdsAndExec) {
  auto out = run_merged(
                 "ip netns add a\n"
                 "ip netns add b\n"
                 "ip -j netns\n"
                 "ip link add v0 netns a type veth peer name v1 netns b\n"
                 "ip netns\n"
                 "ip -n b netns list-id\n"
                 "ip netns exec a ip netns identify\n"
                 "ip netns exec a sh -c 'exit 3'; echo rc=$?\n"
                 "ip netns exec a /nonexist; echo rc=$?\n"
                 "ip netns exec nope true; echo rc=$?\n"
                 "ip netns add a/b; echo rc=$?\n"
                 "ip netns add a; echo rc=$?\n")
                 .out;
  EXPECT_EQ(out,
            "[{\"name\":\"b\"},{\"name\":\"a\"}]\n"
            "b\n"
            "a\n"
            "a\n"
            "rc=3\n"
            "exec of \"/nonexist\" failed: No such file or directory\n"
            "rc=1\n"
            "Cannot open network namespace \"nope\": No such file or directory\n"
            "rc=255\n"
            "Invalid netns name \"a/b\"\n"
            "rc=255\n"
            "Cannot create namespace file \"/run/netns/a\": File exists\n"
            "rc=1\n");
}

TEST(NetToolsRoute, AddShowDel) {
  auto out = run_after_setup(
      "route add -net 10.99.0.0 netmask 255.255.0.0 metric 3 dev veth0\n"
      "route add -net 10.20.0.0/16 reject\n"
      "route -n\n"
      "route del -net 10.99.0.0 netmask 255.255.0.0; echo rc=$?\n"
      "route add -host 10.99.1.1 netmask 255.255.0.0 dev veth0; echo rc=$?\n"
      "route add -net 1.2.3.0/24 gw bad_name; echo rc=$?\n");
  EXPECT_EQ(out,
            "Kernel IP routing table\n"
            "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n"
            "10.0.0.0        0.0.0.0         255.255.255.0   U     0      0        0 veth0\n"
            "10.20.0.0       -               255.255.0.0     !     0      -        0 -\n"
            "10.99.0.0       0.0.0.0         255.255.0.0     U     3      0        0 veth0\n"
            "rc=0\n"
            "route: netmask 0000ffff doesn't make sense with host route\n"
            "Usage: inet_route [-vF] del {-host|-net} Target[/prefix] [gw Gw] [metric M] [[dev] If]\n"
            "       inet_route [-vF] add {-host|-net} Target[/prefix] [gw Gw] [metric M]\n"
            "                              [netmask N] [mss Mss] [window W] [irtt I]\n"
            "                              [mod] [dyn] [reinstate] [[dev] If]\n"
            "       inet_route [-vF] add {-host|-net} Target[/prefix] [metric M] reject\n"
            "       inet_route [-FC] flush      NOT supported\n"
            "rc=3\n"
            "bad_name: Unknown host\n"
            "rc=6\n");
}

}  // namespace
}  // namespace skbox
