// VXLAN (dev/vxlan_*.cpp, transport/udp_tunnel.cpp, cli/ip/iplink_vxlan.cpp)
// and its fdb through `bridge fdb`; expected values were checked on Linux
// 6.18 with iproute2 6.1.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "cli/shell/shell.h"
#include "cli/sink.h"
#include "dev/vxlan.h"
#include "net/net.h"
#include "net/world.h"
#include "shell_test_util.h"

namespace skbox {
namespace {

using shtest::run;

// Two namespaces joined by a veth underlay (192.168.0.0/24), each with a
// vxlan0 (VNI 42 unless vni2 says otherwise) pointing at the other.
const char kNoV6[] = "sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1\n";
const char kTopo[] =
    "sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1\n"
    "ip netns add h1\nip netns add h2\n"
    "ip netns exec h1 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1\n"
    "ip netns exec h2 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1\n"
    "ip -n h1 link add u1 type veth peer name u2 netns h2\n"
    "ip -n h1 addr add 192.168.0.1/24 dev u1\nip -n h2 addr add 192.168.0.2/24 dev u2\n"
    "ip -n h1 link set u1 up\nip -n h2 link set u2 up\n"
    "ip -n h1 link add vxlan0 type vxlan id 42 remote 192.168.0.2 dstport 4789 dev u1\n"
    "ip -n h1 addr add 10.0.0.1/24 dev vxlan0\nip -n h1 link set vxlan0 up\n";

std::string topo(uint32_t vni2) {
  return std::string(kTopo) + "ip -n h2 link add vxlan0 type vxlan id " + std::to_string(vni2) +
         " remote 192.168.0.1 dstport 4789 dev u2\n"
         "ip -n h2 addr add 10.0.0.2/24 dev vxlan0\nip -n h2 link set vxlan0 up\n";
}

struct VxWorld {
  World w{1};
  StringSink out, err;
  int status = 0;
  explicit VxWorld(const std::string& script) { status = run_script(w, script, "t.sh", out, err, {}); }
  Net& ns(const char* n) { return *w.netns_find(n); }
  VxlanDev* vx(const char* n) { return static_cast<VxlanDev*>(ns(n).dev_get_by_name("vxlan0")); }
  uint64_t drops(const char* n, DropReason r) { return ns(n).drops[static_cast<size_t>(r)]; }
};

TEST(Vxlan, DefaultsAndMtu) {
  VxWorld r(topo(42));
  VxlanDev* v = r.vx("h1");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->mtu, 1450u);  // lower MTU - VXLAN_HEADROOM
  EXPECT_EQ(v->cfg.dst_port, 4789);
  EXPECT_TRUE(v->cfg.learn);
  EXPECT_TRUE(v->cfg.udp_csum);
  EXPECT_EQ(v->cfg.age_interval, 300u);
  EXPECT_EQ(v->dev_addr.b[0] & 0x03, 0x02);  // random, locally administered
  // The default remote is the all-zeros entry, shown "via" the lower device.
  VxlanFdb* f = vxlan_find_mac(v, MacAddr{});
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(f->remotes.size(), 1u);
  EXPECT_EQ(f->remotes[0].remote_ip, Ipv4Addr::of(192, 168, 0, 2));
  VxWorld r2("ip link add vx0 type vxlan id 1 dstport 0 2>/dev/null\n");
  auto* v2 = static_cast<VxlanDev*>(r2.w.init_net().dev_get_by_name("vx0"));
  ASSERT_NE(v2, nullptr);
  EXPECT_EQ(v2->mtu, 1500u);  // no lower device: ETH_DATA_LEN stays
  EXPECT_EQ(v2->cfg.dst_port, kVxlanDefaultPort);
}

TEST(Vxlan, PingThroughTunnelCountsAndLearns) {
  VxWorld r(topo(42) + "ip netns exec h1 ping -c 2 10.0.0.2 >/dev/null; echo rc=$?\n");
  EXPECT_EQ(r.out.data, "rc=0\n");
  VxlanDev* v1 = r.vx("h1");
  VxlanDev* v2 = r.vx("h2");
  // ARP request + 2 echo requests; bytes from the inner network header.
  EXPECT_EQ(v1->stats.tx_packets, 3u);
  EXPECT_EQ(v1->stats.tx_bytes, 28u + 84 + 84);
  EXPECT_EQ(v2->stats.rx_packets, 3u);
  EXPECT_EQ(v2->stats.rx_bytes, 28u + 84 + 84);
  // Each side learned the other's MAC at the outer source address.
  VxlanFdb* f = vxlan_find_mac(v2, v1->dev_addr);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->remotes[0].remote_ip, Ipv4Addr::of(192, 168, 0, 1));
  EXPECT_EQ(f->state, NUD_REACHABLE);
  // Delivered to the tunnel socket: UDP InDatagrams, never NoPorts.
  EXPECT_EQ(r.ns("h2").mib.udp[UdpMib::InDatagrams], 3u);
  EXPECT_EQ(r.ns("h2").mib.udp[UdpMib::NoPorts], 0u);
}

TEST(Vxlan, UnknownVniIsDroppedNotAnswered) {
  VxWorld r(topo(43) + "ip netns exec h2 ping -c 1 -W 1 10.0.0.1 >/dev/null\nsleep 3\n");
  EXPECT_EQ(r.drops("h1", DropReason::VXLAN_VNI_NOT_FOUND), 3u);  // three ARP probes
  EXPECT_EQ(r.ns("h1").mib.udp[UdpMib::NoPorts], 0u);
  EXPECT_EQ(r.vx("h1")->stats.rx_packets, 0u);
}

TEST(Vxlan, ClosedPortAfterDownAnswersPortUnreachable) {
  VxWorld r(topo(42) + "ip -n h1 link set vxlan0 down\nip netns exec h2 ping -c 1 -W 1 10.0.0.1 >/dev/null\nsleep 3\n");
  EXPECT_EQ(r.ns("h1").mib.udp[UdpMib::NoPorts], 3u);
  EXPECT_EQ(r.drops("h1", DropReason::NO_SOCKET), 3u);
}

TEST(Vxlan, NoRemoteIsATxDrop) {
  VxWorld r(std::string(kNoV6) +
      "ip link add vx0 type vxlan id 1 dstport 4789\nip addr add 10.0.0.1/24 dev vx0\nip link set vx0 up\n"
      "ping -c 1 -W 1 10.0.0.2 >/dev/null\nsleep 3\n");
  auto* v = static_cast<VxlanDev*>(r.w.init_net().dev_get_by_name("vx0"));
  EXPECT_EQ(v->stats.tx_dropped, 3u);
  EXPECT_EQ(r.w.init_net().drops[static_cast<size_t>(DropReason::NO_TX_TARGET)], 3u);
}

TEST(Vxlan, FdbAppendReplaceDelete) {
  auto r = run(
      "ip link add vx0 type vxlan id 1 dstport 4789\n"
      "bridge fdb append 00:00:00:00:00:00 dev vx0 dst 10.1.1.1\n"
      "bridge fdb append 00:00:00:00:00:00 dev vx0 dst 10.1.1.2\n"
      "bridge fdb append 00:00:00:00:00:00 dev vx0 dst 10.1.1.2\n"
      "bridge fdb add 00:00:00:00:00:00 dev vx0 dst 10.1.1.3; echo rc=$?\n"
      "bridge fdb replace 00:00:00:00:00:00 dev vx0 dst 10.1.1.3; echo rc=$?\n"
      "bridge fdb add 02:00:00:00:00:01 dev vx0 dst 10.1.1.4 port 99 vni 5 static\n"
      "bridge fdb replace 02:00:00:00:00:01 dev vx0 dst 10.1.1.5 port 98\n"
      "bridge fdb del 00:00:00:00:00:00 dev vx0 dst 10.1.1.1\n"
      "bridge fdb show dev vx0\n");
  EXPECT_EQ(r.out,
            "rc=255\nrc=255\n"
            "02:00:00:00:00:01 dst 10.1.1.5 port 98 self permanent\n"  // replace sets the state too
            "00:00:00:00:00:00 dst 10.1.1.2 self permanent\n");
  EXPECT_EQ(r.err,
            "RTNETLINK answers: File exists\n"
            "Error: Cannot replace non-unicast fdb entries.\n");
}

TEST(Vxlan, ParseErrors) {
  auto r = run(
      "ip link add vx0 type vxlan dstport 4789; echo rc=$?\n"
      "ip link add vx0 type vxlan id 1 remote 1.1.1.1 group 239.1.1.1 dev lo dstport 1; echo rc=$?\n"
      "ip link add vx0 type vxlan id 1 dstport 4789 srcport 10 5; echo rc=$?\n"
      "ip link add vx0 type vxlan; echo rc=$?\n");
  EXPECT_EQ(r.out, "rc=1\nrc=1\nrc=2\nrc=2\n");
  EXPECT_EQ(r.err,
            "vxlan: missing virtual network identifier\n"
            "vxlan: both group and remote cannot be specified\n"
            "Error: Invalid source port range.\n"
            "Error: Required attributes not provided to perform the operation.\n");
}

// The bytes on the underlay, from a pcap (tcpdump -w): values as the real
// kernel wrote them for the same frame (an ARP request, VNI 1000).
TEST(Vxlan, OuterHeadersOnTheWire) {
  VxWorld r(std::string(kTopo) +
            "ip -n h1 link add va type vxlan id 1000 remote 192.168.0.2 dstport 4789\n"
            "ip -n h1 addr add 10.0.1.1/24 dev va\nip -n h1 link set va up\n"
            "ip netns exec h2 tcpdump -i u2 -w /tmp/v.pcap -c 1 udp 2>/dev/null &\nsleep 1\n"
            "ip netns exec h1 ping -c 1 -W 1 10.0.1.2 >/dev/null\nwait\n");
  const std::string& f = r.w.files["/tmp/v.pcap"];
  ASSERT_GE(f.size(), 24u + 16 + 14 + 36);
  const auto* p = reinterpret_cast<const uint8_t*>(f.data()) + 24 + 16 + 14;  // the outer IP header
  EXPECT_EQ(p[1], 0);              // tos
  EXPECT_EQ(p[6] & 0x40, 0);       // no DF
  EXPECT_EQ(p[8], 64);             // ttl auto: ip_default_ttl
  EXPECT_EQ(p[9], 17);
  const uint8_t* u = p + 20;
  EXPECT_EQ((u[2] << 8) | u[3], 4789);
  EXPECT_EQ((u[4] << 8) | u[5], 8 + 8 + 14 + 28);
  EXPECT_EQ((u[6] << 8) | u[7], 0x819f);  // the partial (pseudo-header) checksum
  const uint32_t src_port = (u[0] << 8) | u[1];
  EXPECT_GE(src_port, 32768u);
  EXPECT_LT(src_port, 60999u);
  const uint8_t vh[8] = {0x08, 0, 0, 0, 0x00, 0x03, 0xe8, 0x00};
  EXPECT_EQ(std::memcmp(u + 8, vh, 8), 0);
}

// Deleting the device closes its tunnel port: later datagrams get the
// ordinary closed-port treatment.
TEST(Vxlan, DeleteReleasesTheSocket) {
  VxWorld r(topo(42) + "ip -n h1 link del vxlan0\nip netns exec h2 ping -c 1 -W 1 10.0.0.1 >/dev/null\nsleep 3\n");
  EXPECT_EQ(r.ns("h1").mib.udp[UdpMib::NoPorts], 3u);
}

}  // namespace
}  // namespace skbox
