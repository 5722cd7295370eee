// Control-path results: a value or a Linux errno, so commands can print the
// real tool's message ("RTNETLINK answers: File exists") and exit status.
#pragma once
#include <cassert>
#include <cerrno>
#include <utility>
#include <variant>

namespace skbox {

struct Errno {
  int value;
  constexpr explicit Errno(int v) : value(v) {}
  friend bool operator==(Errno a, Errno b) { return a.value == b.value; }
};

template <class T>
class [[nodiscard]] Expected {
 public:
  Expected(T v) : v_(std::move(v)) {}
  Expected(Errno e) : v_(e) {}
  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& value() { assert(has_value()); return std::get<0>(v_); }
  const T& value() const { assert(has_value()); return std::get<0>(v_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  int error() const { assert(!has_value()); return std::get<1>(v_).value; }

 private:
  std::variant<T, Errno> v_;
};

template <>
class [[nodiscard]] Expected<void> {
 public:
  Expected() = default;
  Expected(Errno e) : err_(e.value) {}
  bool has_value() const { return err_ == 0; }
  explicit operator bool() const { return has_value(); }
  int error() const { assert(err_ != 0); return err_; }

 private:
  int err_ = 0;
};

}  // namespace skbox
