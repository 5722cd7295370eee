// Device layer and drivers (net/dev, dev/veth, dev/loopback) as `ip link`
// and /sys show them; the expected values were checked on Linux 6.18.
#include <gtest/gtest.h>

#include <string>

#include "shell_test_util.h"

namespace skbox {
namespace {

using shtest::run;

TEST(DevLink, OperstateOfSameNamespacePairIsLowerLayerDown) {
  // Each end's iflink names the other end in the same namespace, whose
  // carrier is off: LOWERLAYERDOWN once the end is admin-up.
  auto r = run(
      "ip link add va type veth peer name vb\n"
      "ip link set va up\n"
      "cat /sys/class/net/va/operstate /sys/class/net/vb/operstate\n"
      "ip link set vb up\nip link set vb down\n"
      "cat /sys/class/net/va/operstate\n");
  EXPECT_EQ(r.out, "lowerlayerdown\ndown\nlowerlayerdown\n");
}

TEST(DevLink, OperstateOfPeerInOtherNamespaceWithSameIfindexIsDown) {
  // default_operstate: iflink == ifindex gives DOWN, whatever the peer.
  auto r = run(
      "ip netns add n1\nip netns add n2\n"
      "ip -n n1 link add va type veth peer name vb netns n2\n"
      "ip -n n1 link set va up\n"
      "ip netns exec n1 cat /sys/class/net/va/operstate /sys/class/net/va/ifindex /sys/class/net/va/iflink\n");
  EXPECT_EQ(r.out, "down\n2\n2\n");
}

TEST(DevLink, CarrierCountersStartWithOneDown) {
  auto r = run(
      "ip link add va type veth peer name vb\n"
      "cd /sys/class/net/va\n"
      "echo $(cat carrier_changes carrier_up_count carrier_down_count)\n"
      "ip link set va up\nip link set vb up\n"
      "echo $(cat carrier_changes carrier_up_count carrier_down_count)\n");
  EXPECT_EQ(r.out, "1 0 1\n2 1 1\n");
}

TEST(DevLink, FailedVethAddConsumesAnIfindexOnlyAfterThePeerRegistered) {
  // The peer registers first; a clash of the first device's name is found
  // only after the peer took ifindex 4 (then unregistered again).
  auto r = run(
      "ip link add v0 type veth peer name v1\n"
      "ip link add v2 type veth peer name v1\n"
      "ip link add v3 type veth peer name v3\n"
      "ip link add v4 type veth peer name v5\n"
      "cat /sys/class/net/v5/ifindex\n");
  EXPECT_EQ(r.out, "5\n");
}

TEST(DevLink, VethDetails) {
  auto r = run("ip link add va type veth peer name vb\nip -d link show va\n");
  EXPECT_NE(r.out.find("minmtu 68 maxmtu 65535 "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("numtxqueues 2 numrxqueues 2 "), std::string::npos) << r.out;
}

TEST(DevLink, LoopbackBytesExcludeTheLinkHeader) {
  auto r = run(
      "ip link set lo up\nping -c 2 -q 127.0.0.1 >/dev/null\n"
      "cat /sys/class/net/lo/statistics/rx_bytes /sys/class/net/lo/statistics/tx_bytes\n");
  EXPECT_EQ(r.out, "336\n336\n");  // 2 requests + 2 replies, 84 bytes each
}

TEST(DevLink, RxErrorsLineHasNoPaddingWithoutOptionalColumns) {
  auto r = run("ip -s -s link show lo\n");
  EXPECT_NE(r.out.find("    RX errors:  length    crc   frame    fifo overrun\n"), std::string::npos) << r.out;
}

TEST(DevLink, MoveIntoNamespaceWithNameClash) {
  auto r = shtest::run_merged(
      "ip netns add a\nip -n a link add d0 type veth peer name d1\n"
      "ip link add d0 type veth peer name d2\n"
      "ip link set d0 netns a\necho rc=$?\n"
      "ip link set d0 netns a name d1\necho rc=$?\n"
      "ip link set d0 netns a name 'd%d'\necho rc=$?\n"
      "ip netns exec a ls /sys/class/net\n");
  EXPECT_EQ(r.out,
            "Error: An interface with the same name exists in the target netns.\nrc=2\n"
            "Error: Unable to use 'd1' for the new interface name in the target netns.\nrc=2\n"
            "rc=0\nd0\nd1\nd3\nlo\n");
}

TEST(DevLink, LsOfRunNetns) {
  auto r = shtest::run_merged(
      "ls /run/netns\necho rc=$?\nip netns add red\nip netns add blue\n"
      "ls /run/netns\n[ -e /run/netns/red ] && echo yes\nls /run/netns/red /nope\n");
  EXPECT_EQ(r.out,
            "rc=0\n"  // the directory exists before any namespace, as in the oracle's sandbox
            "blue\nred\nyes\nls: cannot access '/nope': No such file or directory\n/run/netns/red\n");
}

}  // namespace
}  // namespace skbox
