// A vector that keeps its first element inside the owner and moves to the
// heap from the second on. Route next hops use it: almost every route has
// one, and a lookup then reads it from the route's own cache lines instead
// of chasing another allocation (struct fib_info embeds fib_nh likewise).
#pragma once
#include <cstddef>
#include <new>
#include <utility>
#include <vector>

namespace skbox {

template <class T>
class InlineVec1 {
 public:
  InlineVec1() {}
  ~InlineVec1() { clear(); }
  InlineVec1(const InlineVec1& o) { copy_from(o); }
  InlineVec1(InlineVec1&& o) noexcept { move_from(std::move(o)); }
  InlineVec1& operator=(const InlineVec1& o) {
    if (this != &o) {
      clear();
      copy_from(o);
    }
    return *this;
  }
  InlineVec1& operator=(InlineVec1&& o) noexcept {
    if (this != &o) {
      clear();
      move_from(std::move(o));
    }
    return *this;
  }

  size_t size() const { return one_ ? 1 : many_.size(); }
  bool empty() const { return size() == 0; }
  T* data() { return one_ ? &slot_.v : many_.data(); }
  const T* data() const { return one_ ? &slot_.v : many_.data(); }
  T* begin() { return data(); }
  T* end() { return data() + size(); }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size(); }
  T& operator[](size_t i) { return data()[i]; }
  const T& operator[](size_t i) const { return data()[i]; }
  T& front() { return data()[0]; }
  T& back() { return data()[size() - 1]; }

  void push_back(T v) { emplace_back(std::move(v)); }
  template <class... A>
  T& emplace_back(A&&... a) {
    if (!one_ && many_.empty()) {
      new (&slot_.v) T(std::forward<A>(a)...);
      one_ = true;
      return slot_.v;
    }
    if (one_) {  // second element: both go to the heap
      many_.reserve(2);
      many_.push_back(std::move(slot_.v));
      slot_.v.~T();
      one_ = false;
    }
    return many_.emplace_back(std::forward<A>(a)...);
  }
  void clear() {
    if (one_) slot_.v.~T();
    one_ = false;
    many_.clear();
  }

 private:
  union Slot {
    Slot() {}
    ~Slot() {}
    T v;
  } slot_;
  bool one_ = false;
  std::vector<T> many_;

  void copy_from(const InlineVec1& o) {
    if (o.one_) {
      new (&slot_.v) T(o.slot_.v);
      one_ = true;
    } else {
      many_ = o.many_;
    }
  }
  void move_from(InlineVec1&& o) {
    if (o.one_) {
      new (&slot_.v) T(std::move(o.slot_.v));
      one_ = true;
      o.clear();
    } else {
      many_ = std::move(o.many_);
    }
  }
};

}  // namespace skbox
