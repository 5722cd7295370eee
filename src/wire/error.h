// Parse errors shared by every wire view, and a small value-or-error result.
// The values are distinct so the receive path can map each to the counter and
// drop reason Linux uses at that layer; each view documents its mapping
// (e.g. ipv4.h: Truncated -> InTruncatedPkts / PKT_TOO_SMALL).
#pragma once
#include <cassert>
#include <cstdint>
#include <type_traits>

namespace skbox::wire {

enum class Error : uint8_t {
  Ok = 0,
  Truncated,    // buffer shorter than the header needs or a length field claims
  BadHeader,    // fields inconsistent: wrong version, header length below minimum, ...
  BadChecksum,  // checksum does not verify
  Unsupported,  // well formed but not a form we model (e.g. ARP over non-Ethernet)
};

constexpr const char* error_name(Error e) {
  switch (e) {
    case Error::Ok: return "ok";
    case Error::Truncated: return "truncated";
    case Error::BadHeader: return "bad header";
    case Error::BadChecksum: return "bad checksum";
    case Error::Unsupported: return "unsupported";
  }
  return "?";
}

// Value or Error, without exceptions or allocation. T is a small value type
// (a Repr or a view), so it is stored inline and default-constructed on error.
template <class T>
class [[nodiscard]] Result {
  static_assert(std::is_default_constructible_v<T>);

 public:
  constexpr Result(T v) : v_(v) {}
  constexpr Result(Error e) : e_(e) { assert(e != Error::Ok); }
  constexpr bool has_value() const { return e_ == Error::Ok; }
  constexpr explicit operator bool() const { return has_value(); }
  constexpr Error error() const { return e_; }
  constexpr T& value() { assert(has_value()); return v_; }
  constexpr const T& value() const { assert(has_value()); return v_; }
  constexpr T& operator*() { return value(); }
  constexpr const T& operator*() const { return value(); }
  constexpr T* operator->() { return &value(); }
  constexpr const T* operator->() const { return &value(); }

 private:
  T v_{};
  Error e_ = Error::Ok;
};

// Views are templates over the byte type: View<uint8_t> can read and write,
// View<const uint8_t> can only read. Setters carry `requires Mutable<B>`.
template <class B>
concept Mutable = !std::is_const_v<B>;

}  // namespace skbox::wire
