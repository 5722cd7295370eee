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

}  // namespace skbox
