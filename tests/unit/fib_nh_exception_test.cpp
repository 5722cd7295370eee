// Next-hop exceptions (learned PMTU) and IPv4 fragmentation/reassembly.
#include <gtest/gtest.h>

#include <cstring>

#include "bench/topologies.h"
#include "cli/shell/shell.h"
#include "cli/sink.h"
#include "ipv4/fib_nh_exception.h"
#include "ipv4/icmp.h"
#include "ipv4/ip.h"
#include "ipv4/ip_fragment.h"
#include "net/net.h"
#include "net/world.h"
#include "transport/ping.h"

namespace skbox {
namespace {

Ipv4Addr A(const char* s) { return *Ipv4Addr::parse(s); }

TEST(FnheHash, CreateUpdateExpire) {
  FnheHash h;
  EXPECT_EQ(h.find(A("10.0.0.1"), 0), nullptr);
  h.update_or_create(A("10.0.0.1"), 1400, false, 600 * kSec, 0, 0, 0);
  FibNhException* e = h.find(A("10.0.0.1"), kSec);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->pmtu, 1400u);
  EXPECT_FALSE(e->mtu_locked);
  // An update without a new MTU keeps the old one but takes the new expiry.
  h.update_or_create(A("10.0.0.1"), 0, true, 700 * kSec, 0, 2 * kSec, 0);
  e = h.find(A("10.0.0.1"), 2 * kSec);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->pmtu, 1400u);
  EXPECT_EQ(e->expires, 700 * kSec);
  // Past its expiry the entry is deleted by the lookup.
  EXPECT_EQ(h.find(A("10.0.0.1"), 701 * kSec), nullptr);
  EXPECT_EQ(h.size(), 0u);
}

TEST(FnheHash, ChainsAreBounded) {
  FnheHash h;
  for (uint32_t i = 0; i < 100000; ++i)
    h.update_or_create(Ipv4Addr(0x0a000000u + i), 1400, false, 600 * kSec, 0, Time(i), 0);
  // At most FNHE_RECLAIM_DEPTH + 1 entries per bucket.
  EXPECT_LE(h.size(), size_t(FnheHash::kHashSize) * (FnheHash::kReclaimDepth + 1));
  // The newest survive.
  EXPECT_NE(h.find(Ipv4Addr(0x0a000000u + 99999), 0), nullptr);
}

TEST(FnheSlot, CopiesStartEmpty) {
  FibNh a;
  a.exceptions.hash = std::make_unique<FnheHash>();
  FibNh b = a;
  EXPECT_EQ(b.exceptions.hash, nullptr);
  EXPECT_NE(a.exceptions.hash, nullptr);
}

struct Router : ::testing::Test {
  World w{1};
  StringSink out, err;
  Net* a = nullptr;
  Net* b = nullptr;
  void SetUp() override {
    std::string script = bench::kRouterScript;
    script += "ip -n r link set e2 mtu 1400\nip -n b link set eth0 mtu 1400\n";
    ASSERT_EQ(run_script(w, script, "setup", out, err), 0) << out.data << err.data;
    a = w.netns_find("a");
    b = w.netns_find("b");
    ASSERT_TRUE(a && b);
  }
  int run(const std::string& s) {
    out.data.clear();
    err.data.clear();
    return run_script(w, s, "t", out, err);
  }
  uint32_t route_mtu(Net& n, const char* dst) {
    Flowi4 fl;
    fl.daddr = A(dst);
    RouteOut rt;
    EXPECT_EQ(ip_route_output(n, fl, rt), 0);
    return rt.dst.mtu;
  }
};

TEST_F(Router, FragNeededTeachesThePathMtu) {
  EXPECT_EQ(route_mtu(*a, "10.0.2.2"), 1500u);
  EXPECT_EQ(run("ip netns exec a ping -c 1 -M do -s 1400 10.0.2.2"), 1);
  EXPECT_NE(out.data.find("Frag needed and DF set (mtu = 1400)"), std::string::npos) << out.data;
  EXPECT_EQ(route_mtu(*a, "10.0.2.2"), 1400u);
  EXPECT_EQ(route_mtu(*a, "10.0.2.1"), 1500u);  // per destination
  run("ip -n a route get 10.0.2.2");
  EXPECT_NE(out.data.find("cache expires 600sec mtu 1400 "), std::string::npos) << out.data;
  // The exception expires after net.ipv4.route.mtu_expires.
  run("sleep 601");
  EXPECT_EQ(route_mtu(*a, "10.0.2.2"), 1500u);
}

TEST_F(Router, FlushCacheAndRouteChangesForget) {
  run("ip netns exec a ping -c 1 -M do -s 1400 10.0.2.2");
  EXPECT_EQ(route_mtu(*a, "10.0.2.2"), 1400u);
  run("ip -n a route flush cache");
  EXPECT_EQ(route_mtu(*a, "10.0.2.2"), 1500u);
  run("ip netns exec a ping -c 1 -M do -s 1400 10.0.2.2");
  EXPECT_EQ(route_mtu(*a, "10.0.2.2"), 1400u);
  run("ip -n a route del default\nip -n a route add default via 10.0.1.1");
  EXPECT_EQ(route_mtu(*a, "10.0.2.2"), 1500u);
}

TEST_F(Router, SmallMtuIsLockedAtMinPmtu) {
  run("ip -n r link set e2 mtu 400\nip -n b link set eth0 mtu 400\n"
      "ip netns exec a ping -c 1 -M do -s 1000 10.0.2.2");
  EXPECT_EQ(route_mtu(*a, "10.0.2.2"), 552u);
  run("ip -n a route get 10.0.2.2");
  EXPECT_NE(out.data.find("mtu lock 552"), std::string::npos) << out.data;
  // A locked PMTU clears DF for "want": the datagram is fragmented and
  // reassembled along the way.
  EXPECT_EQ(run("ip netns exec a ping -c 1 -M want -s 1000 10.0.2.2"), 0) << out.data;
}

TEST_F(Router, FragmentsAreReassembled) {
  EXPECT_EQ(run("ip netns exec a ping -c 2 -M dont -s 3000 10.0.2.2"), 0) << out.data;
  EXPECT_EQ(b->mib.ip[IpMib::ReasmOKs], 2u);
  // 1500 + 1500 + 68 bytes from a; the router cuts each 1500 again for its
  // 1400-byte link: 5 pieces per datagram arrive.
  EXPECT_EQ(b->mib.ip[IpMib::ReasmReqds], 10u);
  EXPECT_EQ(a->mib.ip[IpMib::FragOKs], 2u);
  EXPECT_EQ(a->mib.ip[IpMib::FragCreates], 6u);
}

// Hand-made fragments delivered straight to ip_defrag.
struct Defrag : Router {
  SkbPtr frag(uint16_t id, uint32_t offset, uint32_t len, bool mf) {
    SkbPtr s = w.pool.alloc(kIpHlen + len);
    uint8_t* p = s->put(kIpHlen + len);
    std::memset(p + kIpHlen, 0xab, len);
    ip_build_header(p, len, 0, id, static_cast<uint16_t>((offset >> 3) | (mf ? IP_MF : 0)), 64, IPPROTO_UDP,
                    A("10.0.2.1"), A("10.0.2.2"));
    s->reset_network_header();
    s->dev = b->dev_get_by_name("eth0");
    s->skb_iif = s->dev->ifindex;
    return s;
  }
};

TEST_F(Defrag, DuplicatesAndOverlaps) {
  EXPECT_FALSE(ip_defrag(*b, frag(1, 0, 16, true)));
  EXPECT_FALSE(ip_defrag(*b, frag(1, 0, 8, true)));  // inside held data: duplicate
  EXPECT_EQ(b->mib.ip[IpMib::ReasmFails], 0u);
  SkbPtr whole = ip_defrag(*b, frag(1, 16, 8, false));
  ASSERT_TRUE(whole);
  EXPECT_EQ(whole->len, kIpHlen + 24);
  EXPECT_FALSE(ip_hdr(*whole).is_fragment());
  consume_skb(std::move(whole));
  // A partial overlap kills the queue.
  EXPECT_FALSE(ip_defrag(*b, frag(2, 0, 16, true)));
  EXPECT_FALSE(ip_defrag(*b, frag(2, 8, 16, true)));
  EXPECT_EQ(b->mib.ip[IpMib::ReasmFails], 1u);
  EXPECT_EQ(b->mib.ipext[IpExtMib::ReasmOverlaps], 1u);
}

TEST_F(Defrag, TimeoutAnswersWhenTheFirstPieceArrived) {
  const uint64_t te = b->mib.icmpmsg.out[ICMP_TIME_EXCEEDED];
  EXPECT_FALSE(ip_defrag(*b, frag(3, 0, 16, true)));
  EXPECT_FALSE(ip_defrag(*b, frag(4, 16, 16, false)));  // no first piece
  run("sleep 31");
  EXPECT_EQ(b->mib.ip[IpMib::ReasmTimeout], 2u);
  EXPECT_EQ(b->mib.ip[IpMib::ReasmFails], 2u);
  EXPECT_EQ(b->mib.icmpmsg.out[ICMP_TIME_EXCEEDED], te + 1);
}

}  // namespace
}  // namespace skbox
