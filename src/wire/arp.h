// ARP packet view (struct arphdr + the Ethernet/IPv4 address block) and value
// struct for the only form Linux's arp.c handles on Ethernet: hlen 6, plen 4.
// Not modelled: RARP/InARP processing, non-Ethernet hardware types.
#pragma once
#include <cstdint>
#include <cstring>
#include <span>
#include <string>

#include "wire/addr.h"
#include "wire/be.h"
#include "wire/error.h"

namespace skbox::wire {

#ifndef ARPOP_REQUEST
inline constexpr uint16_t ARPOP_REQUEST = 1;
inline constexpr uint16_t ARPOP_REPLY = 2;
inline constexpr uint16_t ARPOP_RREQUEST = 3;
inline constexpr uint16_t ARPOP_RREPLY = 4;
inline constexpr uint16_t ARPOP_InREQUEST = 8;
inline constexpr uint16_t ARPOP_InREPLY = 9;
inline constexpr uint16_t ARPOP_NAK = 10;
#endif
#ifndef ARPHRD_ETHER
inline constexpr uint16_t ARPHRD_ETHER = 1;
inline constexpr uint16_t ARPHRD_IEEE802 = 6;
#endif

template <class B = uint8_t>
class ArpPacket {
 public:
  static constexpr size_t kFixedLen = 8;    // struct arphdr
  static constexpr size_t kEthIpLen = 28;   // arp_hdr_len() for Ethernet

  constexpr ArpPacket() = default;
  constexpr explicit ArpPacket(std::span<B> buf) : b_(buf) {}
  template <class O>
    requires std::is_same_v<B, const O>
  constexpr ArpPacket(ArpPacket<O> o) : b_(o.buffer()) {}

  // arp_rcv pulls arp_hdr_len(dev) = 28 bytes on Ethernet before looking at
  // any field; shorter packets are dropped (PKT_TOO_SMALL). The address
  // accessors assume hlen 6 / plen 4, which ArpRepr::parse checks.
  constexpr Error check_len() const { return b_.size() < kEthIpLen ? Error::Truncated : Error::Ok; }
  static constexpr Result<ArpPacket> checked(std::span<B> buf) {
    ArpPacket a(buf);
    if (Error e = a.check_len(); e != Error::Ok) return e;
    return a;
  }

  constexpr std::span<B> buffer() const { return b_; }
  constexpr uint16_t htype() const { return load_be16(p()); }
  constexpr uint16_t ptype() const { return load_be16(p() + 2); }
  constexpr uint8_t hlen() const { return p()[4]; }
  constexpr uint8_t plen() const { return p()[5]; }
  constexpr uint16_t op() const { return load_be16(p() + 6); }
  MacAddr sha() const { return mac_at(8); }
  constexpr Ipv4Addr spa() const { return Ipv4Addr(load_be32(p() + 14)); }
  MacAddr tha() const { return mac_at(18); }
  constexpr Ipv4Addr tpa() const { return Ipv4Addr(load_be32(p() + 24)); }

  constexpr void set_htype(uint16_t v) requires Mutable<B> { store_be16(p(), v); }
  constexpr void set_ptype(uint16_t v) requires Mutable<B> { store_be16(p() + 2, v); }
  constexpr void set_hlen(uint8_t v) requires Mutable<B> { p()[4] = v; }
  constexpr void set_plen(uint8_t v) requires Mutable<B> { p()[5] = v; }
  constexpr void set_op(uint16_t v) requires Mutable<B> { store_be16(p() + 6, v); }
  void set_sha(const MacAddr& m) requires Mutable<B> { std::memcpy(p() + 8, m.b.data(), 6); }
  constexpr void set_spa(Ipv4Addr a) requires Mutable<B> { store_be32(p() + 14, a.v); }
  void set_tha(const MacAddr& m) requires Mutable<B> { std::memcpy(p() + 18, m.b.data(), 6); }
  constexpr void set_tpa(Ipv4Addr a) requires Mutable<B> { store_be32(p() + 24, a.v); }

 private:
  constexpr B* p() const { return b_.data(); }
  MacAddr mac_at(size_t off) const {
    MacAddr m;
    std::memcpy(m.b.data(), p() + off, 6);
    return m;
  }
  std::span<B> b_;
};

struct ArpRepr {
  uint16_t op = ARPOP_REQUEST;
  MacAddr sha;
  Ipv4Addr spa;
  MacAddr tha;
  Ipv4Addr tpa;

  // Truncated when short; Unsupported unless Ethernet (or IEEE802, which
  // arp_process accepts on Ethernet devices) / IPv4 with hlen 6, plen 4 —
  // arp_rcv and arp_process drop those silently.
  static Result<ArpRepr> parse(ArpPacket<const uint8_t> a);
  static constexpr size_t buffer_len() { return ArpPacket<>::kEthIpLen; }
  void emit(ArpPacket<uint8_t> a) const;
  bool operator==(const ArpRepr&) const = default;
};

// tcpdump-style: "ARP, Request who-has 10.0.0.2 tell 10.0.0.1" /
// "ARP, Reply 10.0.0.2 is-at 02:00:00:00:00:02".
std::string arp_pretty(std::span<const uint8_t> pkt);

}  // namespace skbox::wire
