#include "core/timer_wheel.h"

#include <algorithm>

namespace skbox {

namespace {

// Wheel geometry for HZ > 100: 9 levels of 64 buckets, each level 8 times
// coarser than the one below.
constexpr int kLvlClkShift = 3;
constexpr int kLvlBits = 6;
constexpr int kLvlDepth = 9;
constexpr int64_t kLvlSize = int64_t(1) << kLvlBits;

constexpr int lvl_shift(int lvl) { return lvl * kLvlClkShift; }
// The smallest distance filed in level lvl (LVL_START).
constexpr int64_t lvl_start(int lvl) { return (kLvlSize - 1) << ((lvl - 1) * kLvlClkShift); }
// Farther timers are clamped to what the last level can hold.
constexpr int64_t kTimeoutCutoff = lvl_start(kLvlDepth);
constexpr int64_t kTimeoutMax = kTimeoutCutoff - (int64_t(1) << lvl_shift(kLvlDepth - 1));

// calc_index: the next multiple of the level's granularity after expires.
int64_t bucket_of(int64_t expires, int lvl) { return ((expires >> lvl_shift(lvl)) + 1) << lvl_shift(lvl); }

}  // namespace

int64_t wheel_bucket_expiry(int64_t expires, int64_t clk) {
  const int64_t delta = expires - clk;
  if (delta < 0) return clk;
  for (int lvl = 0; lvl < kLvlDepth - 1; ++lvl)
    if (delta < lvl_start(lvl + 1)) return bucket_of(expires, lvl);
  if (delta >= kTimeoutCutoff) expires = clk + kTimeoutMax;
  return bucket_of(expires, kLvlDepth - 1);
}

bool mod_timer(EventLoop& loop, TimerList& t, int64_t expires) {
  const bool was_pending = t.pending();
  const Time now = loop.now();
  const Time fire = std::max(now, wheel_bucket_expiry(expires, jiffies_at(now)) * kJiffyNs);
  t.jexpires_ = expires;
  if (was_pending && t.expires() == fire) return true;
  loop.mod_timer(t, fire);
  return was_pending;
}

}  // namespace skbox
