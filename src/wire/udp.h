// UDP header view (struct udphdr) and value struct; checksums over either
// address family's pseudo header.
// __udp4_lib_rcv drops both a length field past the buffer (Truncated) and
// one below 8 (BadHeader) as "short packet": UDP_MIB_INERRORS, PKT_TOO_SMALL.
// Not modelled: UDP-Lite checksum coverage.
#pragma once
#include <cstdint>
#include <span>
#include <string>

#include "wire/addr.h"
#include "wire/be.h"
#include "wire/checksum.h"
#include "wire/error.h"
#include "wire/ip_proto.h"

namespace skbox::wire {

template <class B = uint8_t>
class UdpPacket {
 public:
  static constexpr size_t kHeaderLen = 8;

  constexpr UdpPacket() = default;
  constexpr explicit UdpPacket(std::span<B> buf) : b_(buf) {}
  template <class O>
    requires std::is_same_v<B, const O>
  constexpr UdpPacket(UdpPacket<O> o) : b_(o.buffer()) {}

  // After Ok, payload() is exactly len - 8 bytes (the buffer may be longer).
  constexpr Error check_len() const {
    if (b_.size() < kHeaderLen || b_.size() < length()) return Error::Truncated;
    if (length() < kHeaderLen) return Error::BadHeader;
    return Error::Ok;
  }
  static constexpr Result<UdpPacket> checked(std::span<B> buf) {
    UdpPacket v(buf);
    if (Error e = v.check_len(); e != Error::Ok) return e;
    return v;
  }

  constexpr std::span<B> buffer() const { return b_; }
  constexpr uint16_t src_port() const { return load_be16(p()); }
  constexpr uint16_t dst_port() const { return load_be16(p() + 2); }
  constexpr uint16_t length() const { return load_be16(p() + 4); }
  constexpr uint16_t checksum() const { return load_be16(p() + 6); }
  constexpr std::span<B> payload() const { return b_.subspan(kHeaderLen, length() - kHeaderLen); }

  // A zero checksum means "none" over IPv4 but is invalid over IPv6
  // (RFC 8200 8.1; udp6_csum_init drops it).
  template <class Addr>
  bool verify_checksum(const Addr& src, const Addr& dst) const {
    if (checksum() == 0) return std::is_same_v<Addr, Ipv4Addr>;
    return compute(src, dst) == 0;
  }

  constexpr void set_src_port(uint16_t v) requires Mutable<B> { store_be16(p(), v); }
  constexpr void set_dst_port(uint16_t v) requires Mutable<B> { store_be16(p() + 2, v); }
  constexpr void set_length(uint16_t v) requires Mutable<B> { store_be16(p() + 4, v); }
  constexpr void set_checksum(uint16_t v) requires Mutable<B> { store_be16(p() + 6, v); }
  // A computed 0 is sent as 0xffff (CSUM_MANGLED_0), since 0 means "none".
  template <class Addr>
  void fill_checksum(const Addr& src, const Addr& dst) requires Mutable<B> {
    set_checksum(0);
    uint16_t c = compute(src, dst);
    set_checksum(c == 0 ? 0xffff : c);
  }

 private:
  constexpr B* p() const { return b_.data(); }
  template <class Addr>
  uint16_t compute(const Addr& src, const Addr& dst) const {
    auto seg = b_.first(length());
    return csum_fold(csum_partial(seg, pseudo_header_sum(src, dst, IPPROTO_UDP, length())));
  }
  std::span<B> b_;
};

struct UdpRepr {
  uint16_t src_port = 0;
  uint16_t dst_port = 0;
  std::span<const uint8_t> payload;

  // check_len(), then the checksum against the pseudo header.
  static Result<UdpRepr> parse(UdpPacket<const uint8_t> p, Ipv4Addr src, Ipv4Addr dst);
  static Result<UdpRepr> parse(UdpPacket<const uint8_t> p, const Ipv6Addr& src, const Ipv6Addr& dst);
  constexpr size_t buffer_len() const { return UdpPacket<>::kHeaderLen + payload.size(); }
  // Header, payload (may already be in place) and checksum into the first
  // buffer_len() bytes of `p`'s buffer.
  void emit(UdpPacket<uint8_t> p, Ipv4Addr src, Ipv4Addr dst) const;
  void emit(UdpPacket<uint8_t> p, const Ipv6Addr& src, const Ipv6Addr& dst) const;
  bool operator==(const UdpRepr& o) const;
};

// "UDP 48056 > 9999 len=5"
std::string udp_pretty(std::span<const uint8_t> seg);

}  // namespace skbox::wire
