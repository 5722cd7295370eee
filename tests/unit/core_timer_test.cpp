#include <gtest/gtest.h>

#include <vector>

#include "core/event_loop.h"
#include "core/rng.h"
#include "core/task.h"

namespace skbox {

TEST(TimerQueue, FiresInTimeThenArmOrder) {
  EventLoop loop;
  std::vector<int> order;
  Timer a([&] { order.push_back(1); }), b([&] { order.push_back(2); }), c([&] { order.push_back(3); });
  loop.mod_timer(a, 5 * kSec);
  loop.mod_timer(b, 1 * kSec);
  loop.mod_timer(c, 5 * kSec);
  loop.run_until(10 * kSec);
  EXPECT_EQ(order, (std::vector<int>{2, 1, 3}));
  EXPECT_EQ(loop.now(), 10 * kSec);
}

TEST(TimerQueue, ReArmAndCancel) {
  EventLoop loop;
  int fired = 0;
  Timer a([&] { ++fired; });
  loop.mod_timer(a, 1 * kSec);
  loop.mod_timer(a, 3 * kSec);
  loop.run_until(2 * kSec);
  EXPECT_EQ(fired, 0);
  EXPECT_TRUE(loop.del_timer(a));
  loop.run_until(5 * kSec);
  EXPECT_EQ(fired, 0);
}

TEST(Rng, SameSeedSameStream) {
  Rng a(42), b(42), c(43);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a.next_u64(), b.next_u64());
  EXPECT_NE(Rng(42).next_u64(), c.next_u64());
  Rng r(1);
  for (int i = 0; i < 1000; ++i) EXPECT_LT(r.below(7), 7u);
}

TEST(Tasks, BackgroundJobsInterleaveInVirtualTime) {
  EventLoop loop;
  Tasks tasks(loop);
  std::vector<std::pair<int, Time>> log;
  int job = tasks.spawn([&] {
    tasks.sleep_for(2 * kSec);
    log.push_back({2, loop.now()});
    return 7;
  });
  tasks.sleep_for(1 * kSec);
  log.push_back({1, loop.now()});
  EXPECT_EQ(tasks.wait(job), 7);
  log.push_back({3, loop.now()});
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[0], (std::pair<int, Time>{1, 1 * kSec}));
  EXPECT_EQ(log[1], (std::pair<int, Time>{2, 2 * kSec}));
  EXPECT_EQ(log[2], (std::pair<int, Time>{3, 2 * kSec}));
}

TEST(Tasks, CancelUnwindsBlockedJobs) {
  EventLoop loop;
  bool unwound = false;
  {
    Tasks tasks(loop);
    tasks.spawn([&] {
      struct Guard {
        bool& f;
        ~Guard() { f = true; }
      } g{unwound};
      tasks.sleep_for(1000 * kSec);
      return 0;
    });
    tasks.sleep_for(1 * kSec);
  }
  EXPECT_TRUE(unwound);
}

}  // namespace skbox

namespace skbox {
namespace {

// A wait without a deadline on an empty loop returns instead of running a
// timer that does not exist (a task blocked forever with nothing pending).
TEST(EventLoop, RunNextWithoutTimersOrDeadline) {
  EventLoop loop;
  EXPECT_FALSE(loop.run_next(kTimeNever));
  EXPECT_EQ(loop.now(), 0);
}

}  // namespace
}  // namespace skbox
