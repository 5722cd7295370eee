#include "core/event_loop.h"

#include <cassert>

namespace skbox {

void EventLoop::raise_softirq(Softirq& s) {
  if (s.queued_) return;
  s.queued_ = true;
  pending_.push_back(&s);
}

void EventLoop::do_softirq() {
  while (!pending_.empty()) {
    running_.swap(pending_);
    for (Softirq* s : running_) {
      s->queued_ = false;
      s->run();
    }
    running_.clear();
  }
}

bool EventLoop::run_next(Time limit) {
  // Softirqs left pending by the caller (a send) run first, and count as an
  // event: what they deliver may be what a waiter waits for.
  if (!pending_.empty()) {
    do_softirq();
    return true;
  }
  // Nothing pending at all: even an unbounded wait (kTimeNever) ends here.
  const Time next = timers_.next_expiry();
  if (next == kTimeNever || next > limit) return false;
  Timer* t = timers_.pop();
  if (t->expires() > now_) now_ = t->expires();
  if (t->fn_) t->fn_();
  do_softirq();
  return true;
}

void EventLoop::run_until(Time t) {
  while (run_next(t)) {
  }
  if (t > now_) now_ = t;
}

}  // namespace skbox
