// The event loop: virtual clock, timers and softirqs. Softirqs raised while
// handling an event run at the same virtual instant, before time moves on,
// as Linux runs pending softirqs on local_bh_enable()/irq exit.
#pragma once
#include <vector>

#include "core/time.h"
#include "core/timer.h"

namespace skbox {

// Work deferred to softirq context (NET_RX's net_rx_action per CPU, ...).
class Softirq {
 public:
  virtual ~Softirq() = default;
  virtual void run() = 0;

 private:
  friend class EventLoop;
  bool queued_ = false;
};

class EventLoop {
 public:
  Time now() const { return now_; }

  void mod_timer(Timer& t, Time expires) { timers_.mod_timer(t, expires); }
  bool del_timer(Timer& t) { return timers_.del_timer(t); }
  Time next_expiry() const { return timers_.next_expiry(); }

  // Schedules s to run once before virtual time advances (no-op if queued).
  void raise_softirq(Softirq& s);
  // Runs softirqs until none is pending.
  void do_softirq();

  // Runs the earliest timer if it is due at or before `limit` (advancing the
  // clock to it) plus the softirqs it raised. False if nothing was due.
  bool run_next(Time limit);
  // Runs everything due up to `t`, then sets the clock to t.
  void run_until(Time t);

 private:
  Time now_ = 0;
  TimerQueue timers_;
  std::vector<Softirq*> pending_;
  std::vector<Softirq*> running_;
};

}  // namespace skbox
