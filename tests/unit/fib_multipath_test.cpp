// Multipath next-hop selection (fib_rebalance / fib_select_multipath) and
// the flow hash (flow_hash_from_keys_seed). Hash values are pinned from the
// choices Linux 6.18 makes with net.ipv4.fib_multipath_hash_seed set (see
// tests/scenario/route_multipath_hash.sh); bounds follow fib_rebalance.
#include <gtest/gtest.h>

#include "ipv4/fib.h"
#include "ipv4/fib_multipath.h"
#include "net/net.h"
#include "net/sysctl.h"
#include "net/world.h"

namespace skbox {
namespace {

FibRoute route_with_weights(std::initializer_list<int> weights) {
  FibRoute r;
  for (int w : weights) {
    FibNh nh;
    nh.weight = w;
    nh.gw = Ipv4Addr::of(10, 0, 0, uint8_t(r.nhs.size() + 1));
    r.nhs.push_back(nh);
  }
  return r;
}

TEST(FibRebalance, UpperBoundsSplitTheHashSpaceByWeight) {
  FibRoute r = route_with_weights({1, 2, 1});
  fib_rebalance(r);
  EXPECT_EQ(r.nhs[0].upper_bound, (1 << 29) - 1);
  EXPECT_EQ(r.nhs[1].upper_bound, 3 * (1 << 29) - 1);
  EXPECT_EQ(r.nhs[2].upper_bound, 0x7fffffff);
}

TEST(FibRebalance, DeadNextHopsGetMinusOneAndNoShare) {
  FibRoute r = route_with_weights({1, 5, 1});
  r.nhs[1].flags |= RTNH_F_DEAD;
  fib_rebalance(r);
  EXPECT_EQ(r.nhs[0].upper_bound, (1 << 30) - 1);
  EXPECT_EQ(r.nhs[1].upper_bound, -1);
  EXPECT_EQ(r.nhs[2].upper_bound, 0x7fffffff);
}

TEST(FibRebalance, RoundsToClosest) {
  FibRoute r = route_with_weights({1, 1, 1});
  fib_rebalance(r);
  // DIV_ROUND_CLOSEST(2^31, 3) = 715827883, DIV_ROUND_CLOSEST(2^32, 3) = 1431655765
  EXPECT_EQ(r.nhs[0].upper_bound, 715827882);
  EXPECT_EQ(r.nhs[1].upper_bound, 1431655764);
  EXPECT_EQ(r.nhs[2].upper_bound, 0x7fffffff);
}

TEST(FibRebalance, SinglePathIsLeftAlone) {
  FibRoute r = route_with_weights({7});
  r.nhs[0].upper_bound = 42;
  fib_rebalance(r);
  EXPECT_EQ(r.nhs[0].upper_bound, 42);
}

struct Select : ::testing::Test {
  World w{1};
  int pick(const FibRoute& r, int hash) {
    FibResult res;
    res.route = &r;
    res.nh = &r.nhs[0];
    fib_select_multipath(w.init_net(), res, hash, nullptr);
    return int(res.nh - r.nhs.data());
  }
};

TEST_F(Select, FirstBoundCoveringTheHashWins) {
  FibRoute r = route_with_weights({1, 2, 1});
  fib_rebalance(r);
  EXPECT_EQ(pick(r, 0), 0);
  EXPECT_EQ(pick(r, (1 << 29) - 1), 0);
  EXPECT_EQ(pick(r, 1 << 29), 1);
  EXPECT_EQ(pick(r, 3 * (1 << 29) - 1), 1);
  EXPECT_EQ(pick(r, 3 * (1 << 29)), 2);
  EXPECT_EQ(pick(r, 0x7fffffff), 2);
}

TEST_F(Select, DeadPathsAreSkipped) {
  FibRoute r = route_with_weights({1, 1});
  r.nhs[0].flags |= RTNH_F_DEAD;
  fib_rebalance(r);
  EXPECT_EQ(pick(r, 0), 1);
  EXPECT_EQ(pick(r, 0x7fffffff), 1);
}

TEST(FlowHash, SymmetricInAddressesAndPorts) {
  MultipathKeys a;
  a.saddr = Ipv4Addr::of(10, 1, 0, 1);
  a.daddr = Ipv4Addr::of(192, 168, 1, 7);
  a.sport = 1000;
  a.dport = 2001;
  a.ip_proto = 17;
  MultipathKeys b = a;
  std::swap(b.saddr, b.daddr);
  std::swap(b.sport, b.dport);
  EXPECT_EQ(flow_hash_from_keys_seed(a, 12345), flow_hash_from_keys_seed(b, 12345));
  EXPECT_NE(flow_hash_from_keys_seed(a, 12345), flow_hash_from_keys_seed(a, 12346));
}

TEST_F(Select, PolicyZeroMatchesLinuxChoices) {
  // 192.168.0.0/16 over three paths of weight 1, 2, 1 with seed 12345:
  // Linux picks b, a, b, a, b, a, c, c, c, b, b, c for 192.168.N.7 (N=1..12).
  ASSERT_TRUE(sysctl_write(w.init_net(), "net.ipv4.fib_multipath_hash_seed", "12345"));
  FibRoute r = route_with_weights({1, 2, 1});
  fib_rebalance(r);
  const int want[] = {1, 0, 1, 0, 1, 0, 2, 2, 2, 1, 1, 2};
  for (int n = 1; n <= 12; ++n) {
    Flowi4 fl;
    fl.daddr = Ipv4Addr::of(192, 168, uint8_t(n), 7);
    EXPECT_EQ(pick(r, fib_multipath_hash(w.init_net(), &fl, nullptr)), want[n - 1]) << n;
  }
}

}  // namespace
}  // namespace skbox
