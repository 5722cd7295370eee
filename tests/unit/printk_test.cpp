// The kernel log (core/printk.h): records with the virtual time and level,
// the bounded ring dropping the oldest records, clear, and ___ratelimit's
// burst and "callbacks suppressed" line.
#include <gtest/gtest.h>

#include <string>

#include "core/printk.h"
#include "core/timer_wheel.h"
#include "net/world.h"

namespace skbox {
namespace {

TEST(Printk, RecordsTimeLevelAndText) {
  World w;
  w.loop.run_until(1234567 * kUsec);
  printk(w, LOGLEVEL_WARNING, "hello\n");
  const auto& r = w.printk_log.records();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].ts, 1234567 * kUsec);
  EXPECT_EQ(r[0].level, LOGLEVEL_WARNING);
  EXPECT_EQ(r[0].facility, LOG_FAC_KERN);
  EXPECT_EQ(r[0].text, "hello");  // the newline is not part of the record
}

TEST(Printk, OldRecordsDropOff) {
  World w;
  const std::string line(100, 'x');  // 8 + 100 -> a 112-byte block
  for (int i = 0; i < 2000; ++i) printk(w, LOGLEVEL_INFO, line + std::to_string(i));
  const auto& r = w.printk_log.records();
  // 131072 / (8 + 103 rounded to 112 or 8 + 104 = 112) = 1170 blocks.
  EXPECT_EQ(r.size(), 1170u);
  EXPECT_EQ(r.back().text, line + "1999");
  EXPECT_EQ(r.front().seq, 2000u - 1170u);
}

TEST(Printk, DescriptorsBoundSmallRecords) {
  World w;
  for (int i = 0; i < 5000; ++i) printk(w, LOGLEVEL_INFO, "a");
  EXPECT_EQ(w.printk_log.records().size(), PrintkLog::kDescs);
}

TEST(Printk, ClearMovesTheReadersStart) {
  World w;
  printk(w, LOGLEVEL_INFO, "one");
  w.printk_log.clear();
  printk(w, LOGLEVEL_INFO, "two");
  EXPECT_EQ(w.printk_log.clear_seq(), 1u);
  EXPECT_EQ(w.printk_log.records().back().seq, 1u);
}

TEST(Printk, NetRatelimitBurstThenSuppressed) {
  World w;
  int printed = 0;
  for (int i = 0; i < 15; ++i)
    if (net_ratelimit(w)) ++printed;
  EXPECT_EQ(printed, 10);
  EXPECT_TRUE(w.printk_log.records().empty());
  // Within the interval: still suppressed.
  w.loop.run_until(5 * kSec);
  EXPECT_FALSE(net_ratelimit(w));
  // After it (time_after in jiffies: the tick after begin + 5 s): a new
  // interval starts, reporting the 6 suppressed first.
  w.loop.run_until(5 * kSec + kJiffyNs - 1);
  EXPECT_FALSE(net_ratelimit(w));
  w.loop.run_until(5 * kSec + kJiffyNs);
  EXPECT_TRUE(net_ratelimit(w));
  ASSERT_EQ(w.printk_log.records().size(), 1u);
  EXPECT_EQ(w.printk_log.records()[0].text, "net_ratelimit: 7 callbacks suppressed");
  EXPECT_EQ(w.printk_log.records()[0].level, LOGLEVEL_WARNING);
}

TEST(Printk, RatelimitedSitesAreIndependent) {
  World w;
  static constexpr PrintkSite a{"site_a"}, b{"site_b"};
  for (int i = 0; i < 12; ++i) printk_ratelimited(w, a, LOGLEVEL_INFO, "a");
  printk_ratelimited(w, b, LOGLEVEL_INFO, "b");
  EXPECT_EQ(w.printk_log.records().size(), 11u);
  w.loop.run_until(6 * kSec);
  printk_ratelimited(w, a, LOGLEVEL_INFO, "a");
  const auto& r = w.printk_log.records();
  ASSERT_EQ(r.size(), 13u);
  EXPECT_EQ(r[11].text, "site_a: 2 callbacks suppressed");
  EXPECT_EQ(r[12].text, "a");
}

// Linux 6.18's ___ratelimit starts a new interval at any call past the
// old one, not only once the burst is used up.
TEST(Printk, RatelimitIntervalRestartsBeforeTheBurstIsUsed) {
  World w;
  static constexpr PrintkSite s{"site"};
  for (int i = 0; i < 3; ++i) printk_ratelimited(w, s, LOGLEVEL_INFO, "x");
  w.loop.run_until(6 * kSec);
  // A fresh burst of 10 from 6 s on: 10 more pass, the 11th does not.
  int printed = 0;
  for (int i = 0; i < 11; ++i) printed += ratelimit(w, w.printk_log.sites[&s], "site");
  EXPECT_EQ(printed, 10);
}

TEST(Printk, RatelimitBurstZeroSuppressesSilently) {
  World w;
  RatelimitState rs;
  rs.burst = 0;
  EXPECT_FALSE(ratelimit(w, rs, "f"));
  w.loop.run_until(10 * kSec);
  EXPECT_FALSE(ratelimit(w, rs, "f"));
  EXPECT_TRUE(w.printk_log.records().empty());
  rs.interval = 0;
  EXPECT_TRUE(ratelimit(w, rs, "f"));
}

}  // namespace
}  // namespace skbox
