// IPv4 header view (struct iphdr) and value struct.
//
// check_len() validates in the order of Linux's ip_rcv_core() and returns a
// distinct error for each of its drop paths:
//   BadHeader   -> IPSTATS_MIB_INHDRERRORS, SKB_DROP_REASON_IP_INHDR
//                  (short of 20 bytes or of ihl*4, version != 4, ihl < 5,
//                   tot_len < ihl*4: ip_rcv_core sends all to inhdr_error)
//   Truncated   -> IPSTATS_MIB_INTRUNCATEDPKTS, SKB_DROP_REASON_PKT_TOO_SMALL
//                  (buffer shorter than tot_len)
//   BadChecksum -> IPSTATS_MIB_CSUMERRORS *and* INHDRERRORS, SKB_DROP_REASON_IP_CSUM
//                  (only from check_rcv(), which puts the checksum test where
//                   ip_rcv_core does: after the header is pulled, before tot_len)
// Not modelled: GSO packets with tot_len 0, option semantics (ip_options.c).
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

// iph->frag_off bits (include/net/ip.h). IP_DF/IP_MF are also <netinet/ip.h>
// macros with the same values.
inline constexpr uint16_t IP_CE = 0x8000;
#ifndef IP_DF
inline constexpr uint16_t IP_DF = 0x4000;
inline constexpr uint16_t IP_MF = 0x2000;
#endif
inline constexpr uint16_t IP_OFFSET = 0x1FFF;
inline constexpr uint8_t INET_ECN_MASK = 3;

template <class B = uint8_t>
class Ipv4Packet {
 public:
  static constexpr size_t kMinHeaderLen = 20;
  static constexpr size_t kMaxHeaderLen = 60;

  constexpr Ipv4Packet() = default;
  constexpr explicit Ipv4Packet(std::span<B> buf) : b_(buf) {}
  template <class O>
    requires std::is_same_v<B, const O>
  constexpr Ipv4Packet(Ipv4Packet<O> o) : b_(o.buffer()) {}

  // The one gate: after Ok every accessor is in bounds and payload() holds
  // exactly tot_len - ihl*4 bytes (the buffer may be longer: link padding).
  constexpr Error check_len() const { return check(false); }
  // check_len() plus the header checksum, in ip_rcv_core's order.
  constexpr Error check_rcv() const { return check(true); }
  static constexpr Result<Ipv4Packet> checked(std::span<B> buf) {
    Ipv4Packet v(buf);
    if (Error e = v.check_len(); e != Error::Ok) return e;
    return v;
  }

  constexpr std::span<B> buffer() const { return b_; }
  constexpr uint8_t version() const { return p()[0] >> 4; }
  constexpr uint8_t ihl() const { return p()[0] & 0x0f; }
  constexpr size_t header_len() const { return size_t(ihl()) * 4; }
  constexpr uint8_t tos() const { return p()[1]; }
  constexpr uint8_t dscp() const { return p()[1] >> 2; }
  constexpr uint8_t ecn() const { return p()[1] & INET_ECN_MASK; }
  constexpr uint16_t total_len() const { return load_be16(p() + 2); }
  constexpr uint16_t ident() const { return load_be16(p() + 4); }
  // Flags and offset as one field, like iph->frag_off in host order.
  constexpr uint16_t frag_off() const { return load_be16(p() + 6); }
  constexpr bool dont_frag() const { return frag_off() & IP_DF; }
  constexpr bool more_frags() const { return frag_off() & IP_MF; }
  constexpr size_t frag_offset() const { return size_t(frag_off() & IP_OFFSET) * 8; }  // bytes
  constexpr bool is_fragment() const { return frag_off() & (IP_MF | IP_OFFSET); }       // ip_is_fragment
  constexpr uint8_t ttl() const { return p()[8]; }
  constexpr uint8_t protocol() const { return p()[9]; }
  constexpr uint16_t checksum() const { return load_be16(p() + 10); }
  constexpr Ipv4Addr src() const { return Ipv4Addr(load_be32(p() + 12)); }
  constexpr Ipv4Addr dst() const { return Ipv4Addr(load_be32(p() + 16)); }
  constexpr std::span<B> header() const { return b_.first(header_len()); }
  constexpr std::span<B> options() const { return b_.subspan(kMinHeaderLen, header_len() - kMinHeaderLen); }
  constexpr std::span<B> payload() const { return b_.subspan(header_len(), total_len() - header_len()); }

  constexpr bool verify_checksum() const { return ip_fast_csum(header()) == 0; }

  // version 4 and the header length in bytes (a multiple of 4, 20..60).
  constexpr void set_header_len(size_t len) requires Mutable<B> { p()[0] = uint8_t(0x40 | (len / 4)); }
  constexpr void set_tos(uint8_t v) requires Mutable<B> { p()[1] = v; }
  constexpr void set_total_len(uint16_t v) requires Mutable<B> { store_be16(p() + 2, v); }
  constexpr void set_ident(uint16_t v) requires Mutable<B> { store_be16(p() + 4, v); }
  constexpr void set_frag_off(uint16_t v) requires Mutable<B> { store_be16(p() + 6, v); }
  constexpr void set_ttl(uint8_t v) requires Mutable<B> { p()[8] = v; }
  constexpr void set_protocol(uint8_t v) requires Mutable<B> { p()[9] = v; }
  constexpr void set_checksum(uint16_t v) requires Mutable<B> { store_be16(p() + 10, v); }
  constexpr void set_src(Ipv4Addr a) requires Mutable<B> { store_be32(p() + 12, a.v); }
  constexpr void set_dst(Ipv4Addr a) requires Mutable<B> { store_be32(p() + 16, a.v); }

  // ip_send_check.
  constexpr void fill_checksum() requires Mutable<B> {
    set_checksum(0);
    set_checksum(ip_fast_csum(header()));
  }
  // ip_decrease_ttl: the TTL byte is the high half of its 16-bit word, so the
  // sum drops by 0x0100 and the stored checksum rises by 0x0100. Linux's
  // end-around carry turns a would-be 0xffff into 0x0000; we do the same so
  // forwarded headers are bit-identical. Returns the new TTL.
  constexpr uint8_t decrease_ttl() requires Mutable<B> {
    uint32_t check = uint32_t(checksum()) + 0x0100;
    set_checksum(uint16_t(check + (check >= 0xffff)));
    set_ttl(uint8_t(ttl() - 1));
    return ttl();
  }
  // Rewrites an address keeping the checksum valid (NAT: csum_replace4).
  constexpr void set_src_csum(Ipv4Addr a) requires Mutable<B> { replace_addr(12, a); }
  constexpr void set_dst_csum(Ipv4Addr a) requires Mutable<B> { replace_addr(16, a); }

 private:
  constexpr B* p() const { return b_.data(); }
  constexpr Error check(bool csum) const {
    if (b_.size() < kMinHeaderLen) return Error::BadHeader;
    if (version() != 4 || ihl() < 5) return Error::BadHeader;
    if (b_.size() < header_len()) return Error::BadHeader;
    if (csum && !verify_checksum()) return Error::BadChecksum;
    if (b_.size() < total_len()) return Error::Truncated;
    if (total_len() < header_len()) return Error::BadHeader;
    return Error::Ok;
  }
  constexpr void replace_addr(size_t off, Ipv4Addr a) {
    uint16_t c = checksum();
    csum_replace4(c, load_be32(p() + off), a.v);
    store_be32(p() + off, a.v);
    set_checksum(c);
  }
  std::span<B> b_;
};

struct Ipv4Repr {
  Ipv4Addr src;
  Ipv4Addr dst;
  uint8_t protocol = 0;
  uint16_t payload_len = 0;  // bytes after the header (and options)
  uint8_t ttl = 64;
  uint8_t tos = 0;
  uint16_t id = 0;
  uint16_t frag_off = 0;                // IP_DF | IP_MF | offset/8, as iph->frag_off
  std::span<const uint8_t> options;     // raw option bytes, a multiple of 4, <= 40

  // check_rcv() (so the checksum is verified, in Linux's order), then fields.
  static Result<Ipv4Repr> parse(Ipv4Packet<const uint8_t> p);
  constexpr size_t buffer_len() const { return Ipv4Packet<>::kMinHeaderLen + options.size(); }
  // Writes the header (tot_len = buffer_len() + payload_len) and its checksum;
  // the payload is the caller's. `p` must hold at least buffer_len() bytes.
  void emit(Ipv4Packet<uint8_t> p) const;
  bool operator==(const Ipv4Repr& o) const;
};

// "IPv4 src=10.0.0.1 dst=10.0.0.2 proto=ICMP ttl=64 len=84" (+ " DF", " MF",
// " off=1480", or " bad-checksum" when they apply).
std::string ipv4_pretty(std::span<const uint8_t> pkt);

}  // namespace skbox::wire
