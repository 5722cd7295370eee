// `ip address` and `ifconfig`: outputs and exit statuses pinned from
// iproute2 6.1 / net-tools 2.10 on Linux (captured in a private netns).
#include <gtest/gtest.h>

#include "shell_test_util.h"

namespace skbox {
namespace {

using shtest::run_merged;

constexpr std::string_view kSetup =
    "sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1\n"
    "ip link add veth0 type veth peer name veth1\n";

std::string run_after_setup(std::string_view body) {
  return run_merged(std::string(kSetup) + std::string(body)).out;
}

TEST(IpAddr, PrimarySecondaryAndPeer) {
  auto out = run_after_setup(
      "ip addr add 10.0.0.1/24 dev veth0\n"
      "ip addr add 10.0.0.2/24 brd + dev veth0 label veth0:1\n"
      "ip addr add 192.168.7.1/32 peer 192.168.7.2 dev veth0\n"
      "ip -4 -o addr show dev veth0\n");
  EXPECT_EQ(out,
            "3: veth0    inet 10.0.0.1/24 scope global veth0\\       valid_lft forever preferred_lft forever\n"
            "3: veth0    inet 192.168.7.1 peer 192.168.7.2/32 scope global veth0\\       valid_lft forever "
            "preferred_lft forever\n"
            "3: veth0    inet 10.0.0.2/24 brd 10.0.0.255 scope global secondary veth0:1\\       valid_lft forever "
            "preferred_lft forever\n");
}

TEST(IpAddr, ErrorsAndExitCodes) {
  auto out = run_after_setup(
      "ip addr add 10.0.0.0/33 dev veth0; echo rc=$?\n"
      "ip addr add 10.0.0.1/24 dev nope; echo rc=$?\n"
      "ip addr add 10.0.0.1/24 dev veth0\n"
      "ip addr add 10.0.0.1/24 dev veth0; echo rc=$?\n"
      "ip addr del 10.0.0.9/24 dev veth0; echo rc=$?\n"
      "ip addr del dev veth0; echo rc=$?\n"
      "ip addr add 10.0.0.7/24 dev veth0 scope bogus; echo rc=$?\n"
      "ip addr flush; echo rc=$?\n");
  EXPECT_EQ(out,
            "Error: any valid prefix is expected rather than \"10.0.0.0/33\".\nrc=1\n"
            "Cannot find device \"nope\"\nrc=1\n"
            "Error: ipv4: Address already assigned.\nrc=2\n"
            "Error: ipv4: Address not found.\nrc=2\n"
            "RTNETLINK answers: Operation not supported\nrc=2\n"
            "Error: argument \"bogus\" is wrong: invalid scope value.\nrc=255\n"
            "Flush requires arguments.\nrc=1\n");
}

TEST(IpAddr, LabelFilterHidesLinkAndLifetimesCountDown) {
  auto out = run_after_setup(
      "ip addr add 10.0.0.1/24 dev veth0 valid_lft 100 preferred_lft 50\n"
      "ip addr add 10.0.0.2/24 dev veth0 label veth0:x\n"
      "sleep 3\n"
      "ip addr show label 'veth0*'\n");
  EXPECT_EQ(out,
            "    inet 10.0.0.1/24 scope global dynamic veth0\n"
            "       valid_lft 97sec preferred_lft 47sec\n"
            "    inet 10.0.0.2/24 scope global secondary veth0:x\n"
            "       valid_lft forever preferred_lft forever\n");
}

TEST(IpAddr, BriefJson) {
  auto out = run_after_setup("ip addr add 10.0.0.1/24 dev veth0\nip -br -j addr show dev veth0\n");
  EXPECT_EQ(out,
            "[{\"link\":\"veth1\",\"ifname\":\"veth0\",\"operstate\":\"DOWN\",\"addr_info\":[{\"local\":\"10.0.0.1\","
            "\"prefixlen\":24}]}]\n");
}

TEST(Ifconfig, SetAddressNetmaskAndAlias) {
  auto out = run_after_setup(
      "ifconfig veth1 10.0.0.1 netmask 255.255.0.0\n"
      "ifconfig veth1:3 10.6.6.6\n"
      "ip -4 -o addr show dev veth1\n"
      "ifconfig veth1:3\n"
      "ifconfig -s veth1\n");
  const std::string head =
      "2: veth1    inet 10.0.0.1/16 brd 10.0.255.255 scope global veth1\\       valid_lft forever preferred_lft "
      "forever\n"
      "2: veth1    inet 10.6.6.6/8 brd 10.255.255.255 scope global veth1:3\\       valid_lft forever "
      "preferred_lft forever\n"
      "veth1:3: flags=4099<UP,BROADCAST,MULTICAST>  mtu 1500\n"
      "        inet 10.6.6.6  netmask 255.0.0.0  broadcast 10.255.255.255\n"
      "        ether ";
  EXPECT_EQ(out.substr(0, head.size()), head);
  // An alias has no /proc/net/dev line, so no counters.
  EXPECT_EQ(out.find("RX packets"), std::string::npos);
  EXPECT_NE(out.find("Iface      MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n"
                     "veth1            1500        0      0      0 0             0      0      0      0 BMU\n"),
            std::string::npos);
}

TEST(Ifconfig, Errors) {
  auto out = run_after_setup(
      "ifconfig nope; echo rc=$?\n"
      "ifconfig nope up; echo rc=$?\n"
      "ifconfig veth1 300.1.1.1; echo rc=$?\n"
      "ifconfig veth1 mtu 20; echo rc=$?\n"
      "ifconfig -x; echo rc=$?\n");
  EXPECT_EQ(out,
            "nope: error fetching interface information: Device not found\nrc=1\n"
            "nope: ERROR while getting interface flags: No such device\nrc=255\n"
            "300.1.1.1: Unknown host\nifconfig: `--help' gives usage information.\nrc=1\n"
            "SIOCSIFMTU: Invalid argument\nrc=1\n"
            "ifconfig: option `-x' not recognised.\nifconfig: `--help' gives usage information.\nrc=1\n");
}

}  // namespace
}  // namespace skbox
