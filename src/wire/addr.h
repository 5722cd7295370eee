// Address value types. Ipv4Addr holds host byte order; the wire views convert
// at the buffer boundary, so no other code swaps bytes.
#pragma once
#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace skbox {

struct MacAddr {
  std::array<uint8_t, 6> b{};

  static constexpr MacAddr broadcast() { return MacAddr{{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}}; }
  // "aa:bb:cc:dd:ee:ff" (hex digits, one or two per byte, as iproute2's ll_addr_a2n).
  static std::optional<MacAddr> parse(std::string_view s);
  std::string str() const;  // lower-case, two digits per byte
  bool is_zero() const { return (b[0] | b[1] | b[2] | b[3] | b[4] | b[5]) == 0; }
  bool is_multicast() const { return b[0] & 1; }
  bool is_broadcast() const { return *this == broadcast(); }
  bool is_valid_unicast() const { return !is_zero() && !is_multicast(); }
  auto operator<=>(const MacAddr&) const = default;
};

struct Ipv4Addr {
  uint32_t v = 0;  // host byte order

  constexpr Ipv4Addr() = default;
  constexpr explicit Ipv4Addr(uint32_t host) : v(host) {}
  static constexpr Ipv4Addr of(uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
    return Ipv4Addr((uint32_t(a) << 24) | (uint32_t(b) << 16) | (uint32_t(c) << 8) | d);
  }
  static constexpr Ipv4Addr any() { return Ipv4Addr(0); }
  static constexpr Ipv4Addr limited_broadcast() { return Ipv4Addr(0xffffffffu); }
  // Strict dotted quad "a.b.c.d".
  static std::optional<Ipv4Addr> parse(std::string_view s);
  std::string str() const;

  bool is_any() const { return v == 0; }
  bool is_loopback() const { return (v >> 24) == 127; }
  bool is_multicast() const { return (v & 0xf0000000u) == 0xe0000000u; }
  bool is_lbcast() const { return v == 0xffffffffu; }
  bool is_zeronet() const { return (v >> 24) == 0; }
  bool is_local_multicast() const { return (v & 0xffffff00u) == 0xe0000000u; }
  auto operator<=>(const Ipv4Addr&) const = default;
};

// Prefix length -> netmask (host order). 0 -> 0.
constexpr uint32_t inet_make_mask(int plen) { return plen <= 0 ? 0 : ~uint32_t(0) << (32 - plen); }

struct Ipv6Addr {
  std::array<uint8_t, 16> b{};
  static std::optional<Ipv6Addr> parse(std::string_view s);
  std::string str() const;  // RFC 5952 compressed form, as inet_ntop prints it
  bool is_link_local() const { return b[0] == 0xfe && (b[1] & 0xc0) == 0x80; }
  bool is_multicast() const { return b[0] == 0xff; }
  auto operator<=>(const Ipv6Addr&) const = default;
};

}  // namespace skbox
