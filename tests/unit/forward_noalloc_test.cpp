// Forwarding a stream of pings through a router namespace allocates nothing
// per packet once neighbours are resolved and the packet pool is warm.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "bench/topologies.h"
#include "cli/shell/shell.h"
#include "net/net.h"
#include "net/world.h"
#include "transport/ping.h"

namespace {
std::atomic<long> g_allocs{0};
}

// ASan owns operator new/delete and reports a replacement as a mismatch, so
// the allocation count is only taken in ordinary builds.
#if defined(__SANITIZE_ADDRESS__)
#define SKBOX_COUNT_ALLOCS 0
#else
#define SKBOX_COUNT_ALLOCS 1
void* operator new(std::size_t n) {
  g_allocs.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
#endif

namespace skbox {

TEST(ForwardNoAlloc, PingThroughRouterAllocatesNothingAfterWarmup) {
  if (!SKBOX_COUNT_ALLOCS) GTEST_SKIP() << "allocation counting is off under AddressSanitizer";
  World w(1);
  StringSink out, err;
  ASSERT_EQ(run_script(w, bench::kRouterScript, "setup", out, err), 0) << out.data << err.data;
  Net* a = w.netns_find("a");
  Net* r = w.netns_find("r");
  ASSERT_TRUE(a && r);
  PingSock* s = a->ping_socks->open();
  const Ipv4Addr dst = *Ipv4Addr::parse(bench::kRouterTarget);
  uint8_t payload[56] = {};
  PingMessage m;
  auto round_trip = [&](uint16_t seq) {
    if (a->ping_socks->sendto(s, dst, seq, payload, sizeof payload) < 0) return false;
    w.loop.do_softirq();
    return a->ping_socks->recv(s, m) && m.kind == PingMessage::Kind::EchoReply && m.seq == seq;
  };
  for (uint16_t i = 0; i < 100; ++i) ASSERT_TRUE(round_trip(i)) << "warm-up " << i;
  const uint64_t fwd_before = r->mib.ip[IpMib::ForwDatagrams];
  const long before = g_allocs.load();
  for (uint16_t i = 100; i < 5100; ++i) ASSERT_TRUE(round_trip(i)) << "ping " << i;
  const long allocs = g_allocs.load() - before;
  EXPECT_EQ(r->mib.ip[IpMib::ForwDatagrams] - fwd_before, 10000u);  // both directions
  EXPECT_EQ(allocs, 0) << "heap allocations while forwarding 5000 round trips";
  a->ping_socks->close(s);
}

namespace {
// Two flannel hosts (as examples/flannel-vxlan.sh builds them, one pod
// each): pod1 -> cni0 bridge -> route via flannel.1 (VXLAN over the eth0
// underlay, through the underlay switch bridge sw0) -> host 2 -> cni0 -> pod2.
constexpr const char* kFlannelScript = R"(
ip netns add u
ip -n u link add sw0 type bridge
ip -n u link set sw0 up
for i in 1 2; do
  ip netns add h$i
  ip netns add pod$i
  ip -n h$i link set lo up
  ip -n h$i link add eth0 type veth peer name p$i netns u
  ip -n u link set p$i master sw0
  ip -n u link set p$i up
  ip -n h$i addr add 192.168.0.$i/24 dev eth0
  ip -n h$i link set eth0 up
  ip -n h$i link add flannel.1 address 02:f1:00:00:00:0$i type vxlan id 1 local 192.168.0.$i dev eth0 dstport 8472 nolearning
  ip -n h$i addr add 10.244.$i.0/32 dev flannel.1
  ip -n h$i link set flannel.1 up
  ip -n h$i link add cni0 type bridge
  ip -n h$i addr add 10.244.$i.1/24 dev cni0
  ip -n h$i link set cni0 up
  ip -n h$i link add veth$i type veth peer name eth0 netns pod$i
  ip -n h$i link set veth$i master cni0
  ip -n h$i link set veth$i up
  ip -n pod$i addr add 10.244.$i.2/24 dev eth0
  ip -n pod$i link set eth0 up
  ip -n pod$i route add default via 10.244.$i.1
  ip netns exec h$i sysctl -qw net.ipv4.ip_forward=1
done
for i in 1 2; do
  j=$((3 - i))
  ip -n h$i route add 10.244.$j.0/24 via 10.244.$j.0 dev flannel.1 onlink
  ip -n h$i neigh add 10.244.$j.0 lladdr 02:f1:00:00:00:0$j dev flannel.1 nud permanent
  ip netns exec h$i bridge fdb append 02:f1:00:00:00:0$j dev flannel.1 dst 192.168.0.$j
done
)";
}  // namespace

TEST(ForwardNoAlloc, PingAcrossFlannelVxlanAllocatesNothingAfterWarmup) {
  if (!SKBOX_COUNT_ALLOCS) GTEST_SKIP() << "allocation counting is off under AddressSanitizer";
  World w(1);
  StringSink out, err;
  ASSERT_EQ(run_script(w, kFlannelScript, "setup", out, err), 0) << out.data << err.data;
  Net* pod1 = w.netns_find("pod1");
  Net* h2 = w.netns_find("h2");
  ASSERT_TRUE(pod1 && h2);
  if (!pod1->ping_socks) pod1->ping_socks = std::make_unique<PingSockets>(*pod1);
  PingSock* s = pod1->ping_socks->open();
  const Ipv4Addr dst = *Ipv4Addr::parse("10.244.2.2");
  uint8_t payload[56] = {};
  PingMessage m;
  auto round_trip = [&](uint16_t seq) {
    if (pod1->ping_socks->sendto(s, dst, seq, payload, sizeof payload) < 0) return false;
    w.loop.do_softirq();
    return pod1->ping_socks->recv(s, m) && m.kind == PingMessage::Kind::EchoReply && m.seq == seq;
  };
  for (uint16_t i = 0; i < 100; ++i) ASSERT_TRUE(round_trip(i)) << "warm-up " << i;
  const uint64_t fwd_before = h2->mib.ip[IpMib::ForwDatagrams];
  const long before = g_allocs.load();
  for (uint16_t i = 100; i < 2100; ++i) ASSERT_TRUE(round_trip(i)) << "ping " << i;
  const long allocs = g_allocs.load() - before;
  EXPECT_EQ(h2->mib.ip[IpMib::ForwDatagrams] - fwd_before, 4000u);  // both directions
  EXPECT_EQ(allocs, 0) << "heap allocations while pinging 2000 times across bridges and VXLAN";
  pod1->ping_socks->close(s);
}

}  // namespace skbox
