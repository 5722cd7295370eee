// `ip link` address lengths, the short AF_INET6 link header of `ip -6 addr`
// and addrgenmode: outputs and exit statuses pinned from iproute2 6.1 on
// Linux 6.18 (captured in a private netns).
#include <gtest/gtest.h>

#include "shell_test_util.h"

namespace skbox {
namespace {

using shtest::run_merged;

constexpr std::string_view k34 =
    "1:2:3:4:5:6:7:8:9:a:b:c:d:e:f:10:11:12:13:14:15:16:17:18:19:1a:1b:1c:1d:1e:1f:20:21:22";

TEST(IpLinkLladdr, LengthChecks) {
  std::string s =
      "ip link add v0 type veth peer name v1\n"
      "ip link set v0 address 02:00; echo rc=$?\n"
      "ip link set v0 address 02:00:00:00:00:01:07; echo rc=$?\n"
      "ip link set v0 address K34; echo rc=$?\n"
      "ip link set v0 address zz; echo rc=$?\n"
      "ip link set v0 address 02::01; echo rc=$?\n"
      "ip link set nope address 02:00; echo rc=$?\n"
      "ip link set v0 broadcast K34; echo rc=$?\n"
      "ip link set v0 address 0x1:2:3:4:5:6; echo rc=$?\n"
      "ip link add vx address 02:01 type veth; echo rc=$?\n"
      "ip link add v0 address 02:00:00:00:00:01:07 type veth; echo rc=$?\n"
      "ip link add vx type veth peer name v0 address 02:01; echo rc=$?\n"
      "ip link add vx address K34 type veth; echo rc=$?\n"
      "ip link show vx; echo rc=$?\n"
      "ip link set v0 address 0x02:0:0:0:0:aa; echo rc=$?\n"
      "ip -br link show v0\n";
  for (size_t p; (p = s.find("K34")) != std::string::npos;) s.replace(p, 3, k34);
  EXPECT_EQ(run_merged(s).out,
            "Invalid address length 2 - must be 6 bytes\nrc=1\n"
            "Invalid address length 7 - must be 6 bytes\nrc=1\n"
            "Invalid address length 33 - must be 6 bytes\nrc=1\n"
            "\"zz\" is invalid lladdr.\nrc=1\n"
            "\"\" is invalid lladdr.\nrc=1\n"
            "Cannot find device \"nope\"\nrc=1\n"
            "Error: Attribute failed policy validation.\nrc=2\n"
            "RTNETLINK answers: Cannot assign requested address\nrc=2\n"
            "RTNETLINK answers: Invalid argument\nrc=2\n"
            "RTNETLINK answers: Invalid argument\nrc=2\n"
            "RTNETLINK answers: Invalid argument\nrc=2\n"
            "Error: Attribute failed policy validation.\nrc=2\n"
            "Device \"vx\" does not exist.\nrc=1\n"
            "rc=0\n"
            "v0@v1            DOWN           02:00:00:00:00:aa <BROADCAST,MULTICAST,M-DOWN> \n");
}

TEST(IpLinkLladdr, Inet6DumpShortHeader) {
  auto out = run_merged(
                 "ip link set lo up\n"
                 "ip -6 addr\n"
                 "ip -6 -d addr\n"
                 "ip -6 addr show dev lo\n"
                 "ip -6 -s -s addr\n")
                 .out;
  const std::string addr =
      "    inet6 ::1/128 scope host \n"
      "       valid_lft forever preferred_lft forever\n";
  EXPECT_EQ(out,
            "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 state UNKNOWN qlen 1000\n" + addr +
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 state UNKNOWN qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00\n" +
                addr +
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n" +
                addr +
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 state UNKNOWN qlen 1000\n" + addr +
                "    RX:  bytes packets errors dropped  missed   mcast           \n"
                "             0       0      0       0       0       0 \n"
                "    RX errors:  length    crc   frame    fifo overrun\n"
                "                     0      0       0       0       0 \n"
                "    TX:  bytes packets errors dropped carrier collsns           \n"
                "             0       0      0       0       0       0 \n"
                "    TX errors: aborted   fifo  window heartbt        \n"
                "                     0      0       0       0 \n");
}

TEST(IpLinkLladdr, AddrGenMode) {
  auto out = run_merged(
                 "sysctl -qw net.ipv6.conf.lo.addr_gen_mode=3\n"
                 "ip -d link show lo\n"
                 "sysctl -qw net.ipv6.conf.lo.addr_gen_mode=1\n"
                 "ip -d -j link show lo\n")
                 .out;
  EXPECT_NE(out.find(" maxmtu 0 addrgenmode random numtxqueues 1 "), std::string::npos) << out;
  EXPECT_NE(out.find("\"inet6_addr_gen_mode\":\"none\""), std::string::npos) << out;
}

}  // namespace
}  // namespace skbox
