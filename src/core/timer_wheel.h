// Linux's timer wheel (kernel/time/timer.c) seen from outside: when a
// timer_list armed for jiffy `expires` really fires. The wheel files a timer
// in a level chosen by its distance from the base clock (calc_wheel_index)
// and rounds the expiry up to that level's granularity (calc_index), so a
// 1 s timer fires up to ~28 ms late at HZ=250. skbox keeps its ordered
// TimerQueue and only arms timer_list users at the rounded instant; hrtimer
// users (user-space sleeps, poll, ping intervals) keep arming exact times.
#pragma once
#include <cstdint>

#include "core/event_loop.h"
#include "core/time.h"
#include "core/timer.h"

namespace skbox {

inline constexpr int64_t kTimerHz = 250;  // CONFIG_HZ of the oracle kernel
inline constexpr Duration kJiffyNs = kSec / kTimerHz;

// The jiffies counter at virtual time t (ticks since the world started).
inline int64_t jiffies_at(Time t) { return t / kJiffyNs; }

// msecs_to_jiffies: rounds up, as the kernel's callers get it.
inline int64_t msecs_to_jiffies(int64_t ms) {
  constexpr int64_t ms_per_jiffy = 1000 / kTimerHz;
  return ms <= 0 ? 0 : (ms + ms_per_jiffy - 1) / ms_per_jiffy;
}

// calc_wheel_index + calc_index: the jiffy of the bucket a timer for
// `expires` lands in when the base clock is `clk` (strictly after expires,
// so a timer never fires early; clk itself for an expiry in the past).
int64_t wheel_bucket_expiry(int64_t expires, int64_t clk);

// A timer_list: a Timer that also remembers the expiry it was armed with
// (timer->expires, in jiffies), which callers compare against.
class TimerList : public Timer {
 public:
  using Timer::Timer;
  int64_t expires_jiffies() const { return jexpires_; }

 private:
  friend bool mod_timer(EventLoop& loop, TimerList& t, int64_t expires);
  int64_t jexpires_ = 0;
};

// mod_timer(t, expires): arms t for jiffy `expires` on loop's wheel; it runs
// at the boundary of the bucket's jiffy. Re-arming into the same bucket keeps
// the timer's place, as the kernel's same-bucket shortcut does. Returns
// whether t was pending.
bool mod_timer(EventLoop& loop, TimerList& t, int64_t expires);

// mod_timer(t, jiffies + delay) for a delay in jiffies.
inline bool mod_timer_in(EventLoop& loop, TimerList& t, int64_t delay) {
  return mod_timer(loop, t, jiffies_at(loop.now()) + delay);
}

}  // namespace skbox
