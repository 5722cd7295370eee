#include "core/timer.h"

namespace skbox {

Timer::~Timer() {
  if (queue_ && pending()) queue_->del_timer(*this);
}

TimerQueue::~TimerQueue() {
  for (Timer* t : heap_) {
    t->heap_index_ = -1;
    t->queue_ = nullptr;
  }
}

void TimerQueue::mod_timer(Timer& t, Time expires) {
  if (t.pending()) remove_at(static_cast<size_t>(t.heap_index_));
  t.expires_ = expires;
  t.seq_ = seq_++;
  t.queue_ = this;
  heap_.push_back(&t);
  t.heap_index_ = static_cast<int32_t>(heap_.size() - 1);
  sift_up(heap_.size() - 1);
}

bool TimerQueue::del_timer(Timer& t) {
  if (!t.pending()) return false;
  remove_at(static_cast<size_t>(t.heap_index_));
  return true;
}

Timer* TimerQueue::pop() {
  if (heap_.empty()) return nullptr;
  Timer* t = heap_[0];
  remove_at(0);
  return t;
}

void TimerQueue::remove_at(size_t i) {
  Timer* t = heap_[i];
  Timer* last = heap_.back();
  heap_.pop_back();
  t->heap_index_ = -1;
  if (i < heap_.size()) {
    place(i, last);
    sift_up(i);
    sift_down(static_cast<size_t>(last->heap_index_));
  }
}

void TimerQueue::sift_up(size_t i) {
  Timer* t = heap_[i];
  while (i > 0) {
    size_t parent = (i - 1) / 2;
    if (!less(t, heap_[parent])) break;
    place(i, heap_[parent]);
    i = parent;
  }
  place(i, t);
}

void TimerQueue::sift_down(size_t i) {
  Timer* t = heap_[i];
  const size_t n = heap_.size();
  for (;;) {
    size_t c = 2 * i + 1;
    if (c >= n) break;
    if (c + 1 < n && less(heap_[c + 1], heap_[c])) ++c;
    if (!less(heap_[c], t)) break;
    place(i, heap_[c]);
    i = c;
  }
  place(i, t);
}

}  // namespace skbox
