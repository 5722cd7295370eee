// Kernel-style timers (timer_list): an object owned by whoever needs it
// (a neighbour entry, a socket), armed with mod_timer() and disarmed with
// del_timer(). Arming never allocates; expiry order is (time, arm order), so
// runs are deterministic.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "core/time.h"

namespace skbox {

class TimerQueue;

class Timer {
 public:
  Timer() = default;
  explicit Timer(std::function<void()> fn) : fn_(std::move(fn)) {}
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;
  ~Timer();

  void set_function(std::function<void()> fn) { fn_ = std::move(fn); }
  bool pending() const { return heap_index_ >= 0; }
  Time expires() const { return expires_; }

 private:
  friend class TimerQueue;
  friend class EventLoop;
  std::function<void()> fn_;
  Time expires_ = 0;
  uint64_t seq_ = 0;
  int32_t heap_index_ = -1;
  TimerQueue* queue_ = nullptr;
};

// A binary min-heap of armed timers with intrusive indices (O(log n) arm,
// cancel and re-arm; storage grows only when more timers are armed at once
// than ever before).
class TimerQueue {
 public:
  ~TimerQueue();
  void mod_timer(Timer& t, Time expires);
  bool del_timer(Timer& t);
  Time next_expiry() const { return heap_.empty() ? kTimeNever : heap_[0]->expires_; }
  // Removes and returns the earliest timer (caller runs it).
  Timer* pop();
  size_t size() const { return heap_.size(); }

 private:
  bool less(const Timer* a, const Timer* b) const {
    return a->expires_ != b->expires_ ? a->expires_ < b->expires_ : a->seq_ < b->seq_;
  }
  void sift_up(size_t i);
  void sift_down(size_t i);
  void place(size_t i, Timer* t) {
    heap_[i] = t;
    t->heap_index_ = static_cast<int32_t>(i);
  }
  void remove_at(size_t i);

  std::vector<Timer*> heap_;
  uint64_t seq_ = 0;
};

}  // namespace skbox
