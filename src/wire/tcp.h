// TCP header view (struct tcphdr), option walker and value struct.
// The view's buffer is the whole segment (the IP payload): TCP has no length
// field of its own.
// tcp_v4_rcv drops, all counted as PKT_TOO_SMALL: shorter than 20 bytes or
// than doff*4 (Truncated), doff < 5 (BadHeader, also TCP_MIB_INERRS).
// Options are parsed as tcp_parse_options() reads them, without its
// SYN-only / state checks (those belong to the TCP code, not the wire).
// Not modelled: MD5, TCP-AO, MPTCP and Fast Open options (skipped on parse).
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "wire/addr.h"
#include "wire/be.h"
#include "wire/checksum.h"
#include "wire/error.h"
#include "wire/ip_proto.h"

namespace skbox::wire {

// TCP flag bits as in tcp_flag_byte(): include/net/tcp.h TCPHDR_*.
inline constexpr uint16_t TCPHDR_FIN = 0x01;
inline constexpr uint16_t TCPHDR_SYN = 0x02;
inline constexpr uint16_t TCPHDR_RST = 0x04;
inline constexpr uint16_t TCPHDR_PSH = 0x08;
inline constexpr uint16_t TCPHDR_ACK = 0x10;
inline constexpr uint16_t TCPHDR_URG = 0x20;
inline constexpr uint16_t TCPHDR_ECE = 0x40;
inline constexpr uint16_t TCPHDR_CWR = 0x80;
inline constexpr uint16_t TCPHDR_AE = 0x100;  // accurate-ECN bit (was NS)

// Option kinds (include/net/tcp.h). The first group are also <netinet/tcp.h>
// macros with the same values.
#ifndef TCPOPT_EOL
inline constexpr uint8_t TCPOPT_EOL = 0;
inline constexpr uint8_t TCPOPT_NOP = 1;
inline constexpr uint8_t TCPOPT_WINDOW = 3;
inline constexpr uint8_t TCPOPT_SACK = 5;
inline constexpr uint8_t TCPOPT_TIMESTAMP = 8;
#endif
inline constexpr uint8_t TCPOPT_MSS = 2;
inline constexpr uint8_t TCPOPT_SACK_PERM = 4;
inline constexpr uint8_t TCPOPT_MD5SIG = 19;
inline constexpr uint8_t TCPOPT_MPTCP = 30;
inline constexpr uint8_t TCPOPT_FASTOPEN = 34;
inline constexpr uint8_t TCP_MAX_WSCALE = 14;
inline constexpr size_t TCP_NUM_SACKS = 4;

// Walks options like tcp_parse_options: EOL ends, NOP is one byte, anything
// else needs a length byte >= 2 that fits, else the walk stops (partial or
// silly options are ignored, not errors). f(kind, body) gets the bytes after
// the length byte.
template <class F>
constexpr void tcp_for_each_option(std::span<const uint8_t> opts, F&& f) {
  size_t i = 0, n = opts.size();
  while (i < n) {
    uint8_t kind = opts[i];
    if (kind == TCPOPT_EOL) return;
    if (kind == TCPOPT_NOP) {
      ++i;
      continue;
    }
    if (n - i < 2) return;
    uint8_t size = opts[i + 1];
    if (size < 2 || size > n - i) return;
    f(kind, opts.subspan(i + 2, size - 2));
    i += size;
  }
}

template <class B = uint8_t>
class TcpPacket {
 public:
  static constexpr size_t kHeaderLen = 20;

  constexpr TcpPacket() = default;
  constexpr explicit TcpPacket(std::span<B> buf) : b_(buf) {}
  template <class O>
    requires std::is_same_v<B, const O>
  constexpr TcpPacket(TcpPacket<O> o) : b_(o.buffer()) {}

  constexpr Error check_len() const {
    if (b_.size() < kHeaderLen) return Error::Truncated;
    if (doff() < 5) return Error::BadHeader;
    if (b_.size() < header_len()) return Error::Truncated;
    return Error::Ok;
  }
  static constexpr Result<TcpPacket> checked(std::span<B> buf) {
    TcpPacket v(buf);
    if (Error e = v.check_len(); e != Error::Ok) return e;
    return v;
  }

  constexpr std::span<B> buffer() const { return b_; }
  constexpr uint16_t src_port() const { return load_be16(p()); }
  constexpr uint16_t dst_port() const { return load_be16(p() + 2); }
  constexpr uint32_t seq() const { return load_be32(p() + 4); }
  constexpr uint32_t ack_seq() const { return load_be32(p() + 8); }
  constexpr uint8_t doff() const { return p()[12] >> 4; }
  constexpr size_t header_len() const { return size_t(doff()) * 4; }
  constexpr uint16_t flags() const { return uint16_t(((p()[12] & 1) << 8) | p()[13]); }  // TCPHDR_*
  constexpr bool fin() const { return flags() & TCPHDR_FIN; }
  constexpr bool syn() const { return flags() & TCPHDR_SYN; }
  constexpr bool rst() const { return flags() & TCPHDR_RST; }
  constexpr bool psh() const { return flags() & TCPHDR_PSH; }
  constexpr bool ack() const { return flags() & TCPHDR_ACK; }
  constexpr bool urg() const { return flags() & TCPHDR_URG; }
  constexpr bool ece() const { return flags() & TCPHDR_ECE; }
  constexpr bool cwr() const { return flags() & TCPHDR_CWR; }
  constexpr uint16_t window() const { return load_be16(p() + 14); }
  constexpr uint16_t checksum() const { return load_be16(p() + 16); }
  constexpr uint16_t urg_ptr() const { return load_be16(p() + 18); }
  constexpr std::span<B> options() const { return b_.subspan(kHeaderLen, header_len() - kHeaderLen); }
  constexpr std::span<B> payload() const { return b_.subspan(header_len()); }

  template <class Addr>
  bool verify_checksum(const Addr& src, const Addr& dst) const { return compute(src, dst) == 0; }

  constexpr void set_src_port(uint16_t v) requires Mutable<B> { store_be16(p(), v); }
  constexpr void set_dst_port(uint16_t v) requires Mutable<B> { store_be16(p() + 2, v); }
  constexpr void set_seq(uint32_t v) requires Mutable<B> { store_be32(p() + 4, v); }
  constexpr void set_ack_seq(uint32_t v) requires Mutable<B> { store_be32(p() + 8, v); }
  // Header length in bytes (multiple of 4, 20..60); keeps the AE bit.
  constexpr void set_header_len(size_t len) requires Mutable<B> {
    p()[12] = uint8_t(((len / 4) << 4) | (p()[12] & 0x0f));
  }
  constexpr void set_flags(uint16_t f) requires Mutable<B> {
    p()[12] = uint8_t((p()[12] & 0xf0) | ((f >> 8) & 1));
    p()[13] = uint8_t(f);
  }
  constexpr void set_window(uint16_t v) requires Mutable<B> { store_be16(p() + 14, v); }
  constexpr void set_checksum(uint16_t v) requires Mutable<B> { store_be16(p() + 16, v); }
  constexpr void set_urg_ptr(uint16_t v) requires Mutable<B> { store_be16(p() + 18, v); }
  template <class Addr>
  void fill_checksum(const Addr& src, const Addr& dst) requires Mutable<B> {
    set_checksum(0);
    set_checksum(compute(src, dst));
  }

 private:
  constexpr B* p() const { return b_.data(); }
  template <class Addr>
  uint16_t compute(const Addr& src, const Addr& dst) const {
    return csum_fold(csum_partial(b_, pseudo_header_sum(src, dst, IPPROTO_TCP, uint32_t(b_.size()))));
  }
  std::span<B> b_;
};

struct TcpSackBlock {
  uint32_t start = 0, end = 0;
  bool operator==(const TcpSackBlock&) const = default;
};
struct TcpTimestamp {
  uint32_t tsval = 0, tsecr = 0;
  bool operator==(const TcpTimestamp&) const = default;
};

struct TcpRepr {
  uint16_t src_port = 0;
  uint16_t dst_port = 0;
  uint32_t seq = 0;
  uint32_t ack_seq = 0;
  uint16_t flags = 0;  // TCPHDR_*
  uint16_t window = 0;
  uint16_t urg_ptr = 0;
  // Options (absent when empty / zero / false).
  uint16_t mss = 0;
  std::optional<uint8_t> wscale;
  bool sack_perm = false;
  std::optional<TcpTimestamp> ts;
  uint8_t num_sacks = 0;
  std::array<TcpSackBlock, TCP_NUM_SACKS> sacks{};
  std::span<const uint8_t> payload;

  // check_len(), checksum, then fields and the options above.
  static Result<TcpRepr> parse(TcpPacket<const uint8_t> p, Ipv4Addr src, Ipv4Addr dst);
  static Result<TcpRepr> parse(TcpPacket<const uint8_t> p, const Ipv6Addr& src, const Ipv6Addr& dst);
  // Option bytes emit() writes: Linux's tcp_options_write() layout, SACK
  // blocks clipped to what fits in 40 bytes (as tcp_established_options does).
  size_t options_len() const;
  uint8_t emitted_sacks() const;
  size_t header_len() const { return TcpPacket<>::kHeaderLen + options_len(); }
  size_t buffer_len() const { return header_len() + payload.size(); }
  // Header, options, payload (may already be in place) and checksum into the
  // first buffer_len() bytes of `p`'s buffer.
  void emit(TcpPacket<uint8_t> p, Ipv4Addr src, Ipv4Addr dst) const;
  void emit(TcpPacket<uint8_t> p, const Ipv6Addr& src, const Ipv6Addr& dst) const;
  bool operator==(const TcpRepr& o) const;
};

// "TCP 45534 > 80 [S] seq=84417203 win=64240 len=0 mss=1460 sackOK ts=... wscale=10"
std::string tcp_pretty(std::span<const uint8_t> seg);

}  // namespace skbox::wire
