// ICMPv4 view (struct icmphdr) and value struct, with Linux's type/code names.
// The 4 bytes after the checksum ("rest") mean different things per type:
// echo id/seq, redirect gateway, frag-needed next-hop MTU, param-problem
// pointer; the view names each.
// Not modelled: RFC 4884 extensions, timestamp/address-mask bodies.
#pragma once
#include <algorithm>
#include <cstdint>
#include <span>
#include <string>

#include "wire/addr.h"
#include "wire/be.h"
#include "wire/checksum.h"
#include "wire/error.h"

namespace skbox::wire {

// include/uapi/linux/icmp.h (also <netinet/ip_icmp.h>, same values).
#ifndef ICMP_ECHOREPLY
inline constexpr uint8_t ICMP_ECHOREPLY = 0;
inline constexpr uint8_t ICMP_DEST_UNREACH = 3;
inline constexpr uint8_t ICMP_SOURCE_QUENCH = 4;
inline constexpr uint8_t ICMP_REDIRECT = 5;
inline constexpr uint8_t ICMP_ECHO = 8;
inline constexpr uint8_t ICMP_TIME_EXCEEDED = 11;
inline constexpr uint8_t ICMP_PARAMETERPROB = 12;
inline constexpr uint8_t ICMP_TIMESTAMP = 13;
inline constexpr uint8_t ICMP_TIMESTAMPREPLY = 14;
inline constexpr uint8_t ICMP_INFO_REQUEST = 15;
inline constexpr uint8_t ICMP_INFO_REPLY = 16;
inline constexpr uint8_t ICMP_ADDRESS = 17;
inline constexpr uint8_t ICMP_ADDRESSREPLY = 18;
inline constexpr uint8_t ICMP_EXT_ECHO = 42;
inline constexpr uint8_t ICMP_EXT_ECHOREPLY = 43;
// Codes for DEST_UNREACH.
inline constexpr uint8_t ICMP_NET_UNREACH = 0;
inline constexpr uint8_t ICMP_HOST_UNREACH = 1;
inline constexpr uint8_t ICMP_PROT_UNREACH = 2;
inline constexpr uint8_t ICMP_PORT_UNREACH = 3;
inline constexpr uint8_t ICMP_FRAG_NEEDED = 4;
inline constexpr uint8_t ICMP_SR_FAILED = 5;
inline constexpr uint8_t ICMP_NET_UNKNOWN = 6;
inline constexpr uint8_t ICMP_HOST_UNKNOWN = 7;
inline constexpr uint8_t ICMP_HOST_ISOLATED = 8;
inline constexpr uint8_t ICMP_NET_ANO = 9;
inline constexpr uint8_t ICMP_HOST_ANO = 10;
inline constexpr uint8_t ICMP_NET_UNR_TOS = 11;
inline constexpr uint8_t ICMP_HOST_UNR_TOS = 12;
inline constexpr uint8_t ICMP_PKT_FILTERED = 13;
inline constexpr uint8_t ICMP_PREC_VIOLATION = 14;
inline constexpr uint8_t ICMP_PREC_CUTOFF = 15;
// Codes for REDIRECT.
inline constexpr uint8_t ICMP_REDIR_NET = 0;
inline constexpr uint8_t ICMP_REDIR_HOST = 1;
inline constexpr uint8_t ICMP_REDIR_NETTOS = 2;
inline constexpr uint8_t ICMP_REDIR_HOSTTOS = 3;
// Codes for TIME_EXCEEDED.
inline constexpr uint8_t ICMP_EXC_TTL = 0;
inline constexpr uint8_t ICMP_EXC_FRAGTIME = 1;
#endif
inline constexpr uint8_t NR_ICMP_TYPES = 18;
inline constexpr uint8_t NR_ICMP_UNREACH = 15;

// icmp_is_err(): types that quote an offending datagram.
constexpr bool icmp_is_err(uint8_t type) {
  return type == ICMP_DEST_UNREACH || type == ICMP_SOURCE_QUENCH || type == ICMP_REDIRECT ||
         type == ICMP_TIME_EXCEEDED || type == ICMP_PARAMETERPROB;
}

// How many bytes of the offending datagram an ICMP error quotes. Linux's
// __icmp_send quotes as much as fits in a 576-byte reply (RFC 1812 4.3.2.3),
// not just header + 8: room = min(mtu, 576) - 20 - reply IP options - 8.
constexpr size_t icmp_quote_len(size_t orig_len, size_t route_mtu = 576, size_t reply_opt_len = 0) {
  size_t room = std::min<size_t>(route_mtu, 576);
  size_t used = 20 + reply_opt_len + 8;
  room = room > used ? room - used : 0;
  return std::min(orig_len, room);
}

template <class B = uint8_t>
class IcmpPacket {
 public:
  static constexpr size_t kHeaderLen = 8;

  constexpr IcmpPacket() = default;
  constexpr explicit IcmpPacket(std::span<B> buf) : b_(buf) {}
  template <class O>
    requires std::is_same_v<B, const O>
  constexpr IcmpPacket(IcmpPacket<O> o) : b_(o.buffer()) {}

  // icmp_rcv: shorter than 8 -> ICMP_MIB_INERRORS. Note Linux validates the
  // checksum over the whole message first (csum_error -> InCsumErrors too).
  constexpr Error check_len() const { return b_.size() < kHeaderLen ? Error::Truncated : Error::Ok; }
  static constexpr Result<IcmpPacket> checked(std::span<B> buf) {
    IcmpPacket v(buf);
    if (Error e = v.check_len(); e != Error::Ok) return e;
    return v;
  }

  constexpr std::span<B> buffer() const { return b_; }
  constexpr uint8_t type() const { return p()[0]; }
  constexpr uint8_t code() const { return p()[1]; }
  constexpr uint16_t checksum() const { return load_be16(p() + 2); }
  constexpr uint32_t rest() const { return load_be32(p() + 4); }
  constexpr uint16_t echo_ident() const { return load_be16(p() + 4); }
  constexpr uint16_t echo_seq() const { return load_be16(p() + 6); }
  constexpr Ipv4Addr gateway() const { return Ipv4Addr(rest()); }          // REDIRECT
  constexpr uint16_t frag_mtu() const { return load_be16(p() + 6); }       // FRAG_NEEDED
  constexpr uint8_t param_pointer() const { return p()[4]; }               // PARAMETERPROB
  // Echo data, or for errors the quoted IP header and data.
  constexpr std::span<B> data() const { return b_.subspan(kHeaderLen); }

  // Any length is safe here: the sum covers whatever the buffer holds.
  constexpr bool verify_checksum() const { return csum_fold(csum_partial(b_)) == 0; }

  constexpr void set_type(uint8_t v) requires Mutable<B> { p()[0] = v; }
  constexpr void set_code(uint8_t v) requires Mutable<B> { p()[1] = v; }
  constexpr void set_checksum(uint16_t v) requires Mutable<B> { store_be16(p() + 2, v); }
  constexpr void set_rest(uint32_t v) requires Mutable<B> { store_be32(p() + 4, v); }
  constexpr void set_echo_ident(uint16_t v) requires Mutable<B> { store_be16(p() + 4, v); }
  constexpr void set_echo_seq(uint16_t v) requires Mutable<B> { store_be16(p() + 6, v); }
  constexpr void fill_checksum() requires Mutable<B> {
    set_checksum(0);
    set_checksum(csum_fold(csum_partial(b_)));
  }

 private:
  constexpr B* p() const { return b_.data(); }
  std::span<B> b_;
};

struct IcmpRepr {
  uint8_t type = ICMP_ECHO;
  uint8_t code = 0;
  uint32_t rest = 0;               // bytes 4..7, see IcmpPacket
  std::span<const uint8_t> data;   // echo payload or quoted datagram

  static constexpr IcmpRepr echo(uint16_t id, uint16_t seq, std::span<const uint8_t> d) {
    return {ICMP_ECHO, 0, (uint32_t(id) << 16) | seq, d};
  }
  static constexpr IcmpRepr echo_reply(uint16_t id, uint16_t seq, std::span<const uint8_t> d) {
    return {ICMP_ECHOREPLY, 0, (uint32_t(id) << 16) | seq, d};
  }
  // DEST_UNREACH; `mtu` is the next-hop MTU for ICMP_FRAG_NEEDED.
  static constexpr IcmpRepr dest_unreach(uint8_t code, std::span<const uint8_t> quoted, uint16_t mtu = 0) {
    return {ICMP_DEST_UNREACH, code, code == ICMP_FRAG_NEEDED ? mtu : 0u, quoted};
  }
  static constexpr IcmpRepr time_exceeded(uint8_t code, std::span<const uint8_t> quoted) {
    return {ICMP_TIME_EXCEEDED, code, 0, quoted};
  }
  static constexpr IcmpRepr redirect(uint8_t code, Ipv4Addr gw, std::span<const uint8_t> quoted) {
    return {ICMP_REDIRECT, code, gw.v, quoted};
  }
  static constexpr IcmpRepr param_problem(uint8_t pointer, std::span<const uint8_t> quoted) {
    return {ICMP_PARAMETERPROB, 0, uint32_t(pointer) << 24, quoted};
  }
  constexpr uint16_t echo_ident() const { return uint16_t(rest >> 16); }
  constexpr uint16_t echo_seq() const { return uint16_t(rest); }

  // Truncated, then BadChecksum (sum over the whole message).
  static Result<IcmpRepr> parse(IcmpPacket<const uint8_t> p);
  constexpr size_t buffer_len() const { return IcmpPacket<>::kHeaderLen + data.size(); }
  // Writes header, data (which may already sit in place) and checksum into
  // the first buffer_len() bytes of `p`'s buffer.
  void emit(IcmpPacket<uint8_t> p) const;
  bool operator==(const IcmpRepr& o) const;
};

// "ICMP echo request id=2439 seq=1 len=64",
// "ICMP dest-unreach port-unreachable quoting UDP 10.0.0.1:48056 > 10.0.0.2:9999"
std::string icmp_pretty(std::span<const uint8_t> msg);
const char* icmp_type_name(uint8_t type);  // "echo request", ... or nullptr

}  // namespace skbox::wire
