// The NAT core (netfilter/nf_nat*.cpp): packet rewriting keeps every
// checksum what a full recomputation gives (and a CHECKSUM_PARTIAL
// packet's pseudo-header sum), the address chosen in a range is the one
// Linux's hash picks (values measured on Linux 6.18), and bindings seen
// through a router: null bindings, port reuse, by-source reuse, cleanup.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "cli/shell/shell.h"
#include "cli/sink.h"
#include "ipv4/ip.h"
#include "net/net.h"
#include "net/world.h"
#include "netfilter/nf_nat.h"
#include "wire/be.h"
#include "wire/checksum.h"
#include "wire/ipv4.h"
#include "wire/udp.h"

namespace skbox {
namespace {

constexpr uint8_t kUdp = 17;

Ipv4Addr ip(const char* s) { return *Ipv4Addr::parse(s); }

// A UDP datagram with a full checksum, network header at data.
SkbPtr udp_packet(SkbPool& pool, Ipv4Addr src, Ipv4Addr dst, uint16_t sport, uint16_t dport) {
  static const uint8_t payload[] = {'h', 'e', 'l', 'l', 'o'};
  SkbPtr skb = pool.alloc(128);
  uint8_t* p = skb->put(20 + 8 + sizeof payload);
  ip_build_header(p, 8 + sizeof payload, 0, 1, 0, 64, kUdp, src, dst);
  std::memcpy(p + 28, payload, sizeof payload);
  wire::UdpRepr u;
  u.src_port = sport;
  u.dst_port = dport;
  u.payload = {p + 28, sizeof payload};
  u.emit(wire::UdpPacket<uint8_t>({p + 20, 8 + sizeof payload}), src, dst);
  skb->reset_network_header();
  skb->transport_header = static_cast<uint16_t>(skb->network_header + 20);
  return skb;
}

bool udp_checksum_ok(SkBuff& skb) {
  const uint8_t* p = skb.network_ptr();
  const Ipv4Addr src(wire::load_be32(p + 12)), dst(wire::load_be32(p + 16));
  const uint32_t len = skb.network_len() - 20;
  return wire::csum_tcpudp_magic(src, dst, len, kUdp, wire::csum_partial({p + 20, len})) == 0;
}

TEST(NfNat, SourceRewriteKeepsChecksumsValid) {
  SkbPool pool;
  SkbPtr skb = udp_packet(pool, ip("10.0.1.2"), ip("10.0.2.2"), 4000, 53);
  NfConntrackTuple t;
  t.src = ip("192.0.2.7");
  t.src_port = 61234;
  t.protonum = kUdp;
  ASSERT_TRUE(nf_nat_ipv4_manip_pkt(*skb, 0, t, NF_NAT_MANIP_SRC));
  auto iph = ip_hdr(*skb);
  EXPECT_EQ(iph.src().str(), "192.0.2.7");
  EXPECT_EQ(wire::load_be16(skb->network_ptr() + 20), 61234);
  EXPECT_EQ(wire::ip_fast_csum({skb->network_ptr(), 20}), 0);
  EXPECT_TRUE(udp_checksum_ok(*skb));
  consume_skb(std::move(skb));
}

TEST(NfNat, DestinationRewriteOfAZeroChecksumLeavesItZero) {
  SkbPool pool;
  SkbPtr skb = udp_packet(pool, ip("10.0.1.2"), ip("10.0.2.2"), 4000, 53);
  wire::store_be16(skb->network_ptr() + 26, 0);  // sent without a checksum
  NfConntrackTuple t;
  t.dst = ip("10.244.1.2");
  t.dst_port = 5353;
  t.protonum = kUdp;
  ASSERT_TRUE(nf_nat_ipv4_manip_pkt(*skb, 0, t, NF_NAT_MANIP_DST));
  EXPECT_EQ(ip_hdr(*skb).dst().str(), "10.244.1.2");
  EXPECT_EQ(wire::load_be16(skb->network_ptr() + 22), 5353);
  EXPECT_EQ(wire::load_be16(skb->network_ptr() + 26), 0);
  EXPECT_EQ(wire::ip_fast_csum({skb->network_ptr(), 20}), 0);
  consume_skb(std::move(skb));
}

TEST(NfNat, PartialChecksumKeepsOnlyThePseudoHeaderSum) {
  SkbPool pool;
  SkbPtr skb = udp_packet(pool, ip("10.0.1.2"), ip("10.0.2.2"), 4000, 53);
  skb->ip_summed = CHECKSUM_PARTIAL;
  auto pseudo = [&](SkBuff& s) {
    const uint8_t* p = s.network_ptr();
    return static_cast<uint16_t>(
        ~wire::csum_tcpudp_magic(Ipv4Addr(wire::load_be32(p + 12)), Ipv4Addr(wire::load_be32(p + 16)), 13, kUdp, 0));
  };
  wire::store_be16(skb->network_ptr() + 26, pseudo(*skb));
  NfConntrackTuple t;
  t.src = ip("172.16.9.1");
  t.src_port = 1024;
  t.protonum = kUdp;
  ASSERT_TRUE(nf_nat_ipv4_manip_pkt(*skb, 0, t, NF_NAT_MANIP_SRC));
  EXPECT_EQ(wire::load_be16(skb->network_ptr() + 26), pseudo(*skb));
  consume_skb(std::move(skb));
}

TEST(NfNat, TooShortToRewrite) {
  SkbPool pool;
  SkbPtr skb = udp_packet(pool, ip("10.0.1.2"), ip("10.0.2.2"), 4000, 53);
  skb->trim(24);  // half a UDP header
  NfConntrackTuple t;
  t.protonum = kUdp;
  EXPECT_FALSE(nf_nat_ipv4_manip_pkt(*skb, 0, t, NF_NAT_MANIP_SRC));
  consume_skb(std::move(skb));
}

constexpr const char* kRouter = R"(
ip netns add h1
ip netns add r
ip netns add h2
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip link add eth0 netns h1 type veth peer name r0 netns r
ip link add eth0 netns h2 type veth peer name r1 netns r
ip -n h1 addr add 10.0.1.2/24 dev eth0
ip -n r addr add 10.0.1.1/24 dev r0
ip -n r addr add 10.0.2.1/24 dev r1
ip -n h2 addr add 10.0.2.2/24 dev eth0
for d in "h1 eth0" "h2 eth0" "r r0" "r r1"; do set -- $d; ip -n $1 link set $2 up; done
ip -n h1 route add default via 10.0.1.1
ip -n h2 route add default via 10.0.2.1
)";

struct Rig {
  World w{1};
  Net* r = nullptr;
  Rig() {
    run(kRouter);
    r = w.netns_find("r");
  }
  std::string run(const std::string& script) {
    StringSink out, err;
    run_script(w, script, "t.sh", out, err);
    return out.data + err.data;
  }
  std::string ct() { return nf_conntrack_proc_show(*r); }
};

TEST(NfNat, RangeAddressIsTheKernelsHashChoice) {
  Rig rig;
  rig.run("ip -n h1 addr add 10.0.1.12/24 dev eth0\n"
          "ip -n h1 addr add 10.0.1.19/24 dev eth0\n"
          "for i in 0 1 2 3 4 5 6 7 8 9; do ip -n r addr add 10.0.2.10$i/24 dev r1; done\n"
          "ip netns exec r iptables -t nat -A POSTROUTING -o r1 -j SNAT --to-source 10.0.2.100-10.0.2.109\n"
          "ip netns exec h1 ping -c 1 -I 10.0.1.12 10.0.2.2\n"
          "ip netns exec h1 ping -c 1 -I 10.0.1.19 10.0.2.2\n");
  // What Linux 6.18 chose for these sources towards 10.0.2.2.
  EXPECT_NE(rig.ct().find("src=10.0.2.2 dst=10.0.2.104 type=0"), std::string::npos) << rig.ct();
  EXPECT_NE(rig.ct().find("src=10.0.2.2 dst=10.0.2.109 type=0"), std::string::npos) << rig.ct();
}

TEST(NfNat, NullBindingMovesAPortTakenByAMasqueradedFlow) {
  Rig rig;
  rig.run("ip netns exec r iptables -t nat -A POSTROUTING -o r1 -s 10.0.1.0/24 -j MASQUERADE\n"
          "echo a | ip netns exec h1 nc -u -q0 -p 4000 10.0.2.2 7000\n"
          // The router's own datagram from the port the masqueraded flow uses.
          "echo b | ip netns exec r nc -u -q0 -p 4000 10.0.2.2 7000\n");
  const std::string p = rig.ct();
  EXPECT_NE(p.find("src=10.0.1.2 dst=10.0.2.2 sport=4000 dport=7000 [UNREPLIED] src=10.0.2.2 dst=10.0.2.1 "
                   "sport=7000 dport=4000 "),
            std::string::npos)
      << p;
  const size_t own = p.find("src=10.0.2.1 dst=10.0.2.2 sport=4000 dport=7000 [UNREPLIED] src=10.0.2.2 dst=10.0.2.1 "
                            "sport=7000 dport=");
  ASSERT_NE(own, std::string::npos) << p;
  EXPECT_EQ(p.find("dport=4000 ", own + 80), std::string::npos) << p;  // remapped
}

TEST(NfNat, SameSourceReusesItsMapping) {
  Rig rig;
  // Two flows of one source through a port range: the second flow gets
  // the first one's port (find_appropriate_src), as it is free towards
  // another destination.
  rig.run("ip netns exec r iptables -t nat -A POSTROUTING -o r1 -p udp -j SNAT --to-source 10.0.2.1:20000-20100\n"
          "echo a | ip netns exec h1 nc -u -q0 -p 4000 10.0.2.2 7000\n"
          "echo b | ip netns exec h1 nc -u -q0 -p 4000 10.0.2.2 7001\n");
  const std::string p = rig.ct();
  const size_t a = p.find("sport=7000 dport=");
  const size_t b = p.find("sport=7001 dport=");
  ASSERT_NE(a, std::string::npos) << p;
  ASSERT_NE(b, std::string::npos) << p;
  EXPECT_EQ(p.substr(a + 17, 5), p.substr(b + 17, 5)) << p;
  EXPECT_EQ(rig.r->ct->nat.bysource_count, 2u);
  rig.run("ip netns exec r conntrack -F\n");
  EXPECT_EQ(rig.r->ct->nat.bysource_count, 0u);
}

}  // namespace
}  // namespace skbox
