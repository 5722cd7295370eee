#include <gtest/gtest.h>

#include "core/event_loop.h"
#include "core/timer_wheel.h"

namespace skbox {

// Expected buckets worked out by hand from calc_wheel_index/calc_index
// (LVL_CLK_SHIFT 3, LVL_BITS 6, LVL_DEPTH 9): level n holds distances from
// 63 << 3(n-1) and rounds up to the next multiple of 8^n strictly after.
TEST(TimerWheel, BucketRounding) {
  EXPECT_EQ(wheel_bucket_expiry(1, 0), 2);      // level 0: one tick after
  EXPECT_EQ(wheel_bucket_expiry(62, 0), 63);    // last distance of level 0
  EXPECT_EQ(wheel_bucket_expiry(63, 0), 64);    // level 1, granularity 8
  EXPECT_EQ(wheel_bucket_expiry(250, 0), 256);  // 1 s: (250 >> 3) + 1 = 32 -> 256
  EXPECT_EQ(wheel_bucket_expiry(256, 0), 264);  // a multiple still moves on
  EXPECT_EQ(wheel_bucket_expiry(503, 0), 504);
  EXPECT_EQ(wheel_bucket_expiry(504, 0), 512);           // level 2, granularity 64
  EXPECT_EQ(wheel_bucket_expiry(1000 + 3750, 1000), 4800);  // 15 s gc: (4750 >> 6) + 1 = 75
  EXPECT_EQ(wheel_bucket_expiry(4032, 0), 4096);          // level 3, granularity 512
  EXPECT_EQ(wheel_bucket_expiry(5000 + 4032, 5000), 9216);  // (9032 >> 9) + 1 = 18
  EXPECT_EQ(wheel_bucket_expiry(5, 10), 10);              // already due: the current clk
  EXPECT_EQ(wheel_bucket_expiry(int64_t(1) << 40, 0), int64_t(63) << 24);  // clamped to the cap
}

TEST(TimerWheel, MsecsToJiffiesRoundsUp) {
  EXPECT_EQ(msecs_to_jiffies(0), 0);
  EXPECT_EQ(msecs_to_jiffies(1), 1);
  EXPECT_EQ(msecs_to_jiffies(4), 1);
  EXPECT_EQ(msecs_to_jiffies(5), 2);
  EXPECT_EQ(msecs_to_jiffies(1000), 250);
  EXPECT_EQ(jiffies_at(7 * kMsec), 1);
}

TEST(TimerWheel, FiresAtBucketBoundary) {
  EventLoop loop;
  Time fired = -1;
  TimerList t([&] { fired = loop.now(); });
  loop.run_until(kMsec);  // mid-jiffy 0
  mod_timer_in(loop, t, 250);
  EXPECT_EQ(t.expires_jiffies(), 250);
  loop.run_until(2 * kSec);
  EXPECT_EQ(fired, 256 * kJiffyNs);  // 1.024 s, not 1.001 s
}

TEST(TimerWheel, SameBucketKeepsPlace) {
  EventLoop loop;
  std::vector<int> order;
  TimerList a([&] { order.push_back(1); }), b([&] { order.push_back(2); });
  mod_timer(loop, a, 250);
  mod_timer(loop, b, 250);
  EXPECT_TRUE(mod_timer(loop, a, 251));  // same bucket (256): not moved behind b
  EXPECT_EQ(a.expires_jiffies(), 251);
  loop.run_until(2 * kSec);
  EXPECT_EQ(order, (std::vector<int>{1, 2}));
}

}  // namespace skbox
