// ICMPv6 view (struct icmp6hdr), generic value struct, Neighbour Discovery
// (RS/RA/NS/NA with their options) and MLDv2 reports, plus builders for the
// whole IPv6 packets Linux sends on link-up (DAD NS, RS, MLDv2 report), laid
// out byte for byte as ndisc_send_ns/ndisc_send_rs/mld_newpack do.
// Not modelled: Redirect bodies, MLD queries beyond the generic view, route
// information / RDNSS options (skipped on parse).
#pragma once
#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>

#include "wire/addr.h"
#include "wire/be.h"
#include "wire/checksum.h"
#include "wire/error.h"
#include "wire/ip_proto.h"

namespace skbox::wire {

// include/uapi/linux/icmpv6.h (macros of the same values when included).
#ifndef ICMPV6_ECHO_REQUEST
inline constexpr uint8_t ICMPV6_DEST_UNREACH = 1;
inline constexpr uint8_t ICMPV6_PKT_TOOBIG = 2;
inline constexpr uint8_t ICMPV6_TIME_EXCEED = 3;
inline constexpr uint8_t ICMPV6_PARAMPROB = 4;
inline constexpr uint8_t ICMPV6_ECHO_REQUEST = 128;
inline constexpr uint8_t ICMPV6_ECHO_REPLY = 129;
inline constexpr uint8_t ICMPV6_MGM_QUERY = 130;
inline constexpr uint8_t ICMPV6_MGM_REPORT = 131;
inline constexpr uint8_t ICMPV6_MGM_REDUCTION = 132;
inline constexpr uint8_t ICMPV6_MLD2_REPORT = 143;
// DEST_UNREACH codes.
inline constexpr uint8_t ICMPV6_NOROUTE = 0;
inline constexpr uint8_t ICMPV6_ADM_PROHIBITED = 1;
inline constexpr uint8_t ICMPV6_NOT_NEIGHBOUR = 2;
inline constexpr uint8_t ICMPV6_ADDR_UNREACH = 3;
inline constexpr uint8_t ICMPV6_PORT_UNREACH = 4;
inline constexpr uint8_t ICMPV6_POLICY_FAIL = 5;
inline constexpr uint8_t ICMPV6_REJECT_ROUTE = 6;
// TIME_EXCEED codes.
inline constexpr uint8_t ICMPV6_EXC_HOPLIMIT = 0;
inline constexpr uint8_t ICMPV6_EXC_FRAGTIME = 1;
// PARAMPROB codes.
inline constexpr uint8_t ICMPV6_HDR_FIELD = 0;
inline constexpr uint8_t ICMPV6_UNK_NEXTHDR = 1;
inline constexpr uint8_t ICMPV6_UNK_OPTION = 2;
// MLDv2 multicast address record types.
inline constexpr uint8_t MLD2_MODE_IS_INCLUDE = 1;
inline constexpr uint8_t MLD2_MODE_IS_EXCLUDE = 2;
inline constexpr uint8_t MLD2_CHANGE_TO_INCLUDE = 3;
inline constexpr uint8_t MLD2_CHANGE_TO_EXCLUDE = 4;
inline constexpr uint8_t MLD2_ALLOW_NEW_SOURCES = 5;
inline constexpr uint8_t MLD2_BLOCK_OLD_SOURCES = 6;
#endif

// include/net/ndisc.h
inline constexpr uint8_t NDISC_ROUTER_SOLICITATION = 133;
inline constexpr uint8_t NDISC_ROUTER_ADVERTISEMENT = 134;
inline constexpr uint8_t NDISC_NEIGHBOUR_SOLICITATION = 135;
inline constexpr uint8_t NDISC_NEIGHBOUR_ADVERTISEMENT = 136;
inline constexpr uint8_t NDISC_REDIRECT = 137;
inline constexpr uint8_t ND_OPT_SOURCE_LL_ADDR = 1;
inline constexpr uint8_t ND_OPT_TARGET_LL_ADDR = 2;
inline constexpr uint8_t ND_OPT_PREFIX_INFO = 3;
inline constexpr uint8_t ND_OPT_REDIRECT_HDR = 4;
inline constexpr uint8_t ND_OPT_MTU = 5;
inline constexpr uint8_t ND_OPT_NONCE = 14;
inline constexpr uint8_t ND_OPT_ROUTE_INFO = 24;
inline constexpr uint8_t ND_OPT_RDNSS = 25;
// NA flags (first byte after the checksum) and RA flags.
inline constexpr uint8_t NDISC_NA_ROUTER = 0x80;
inline constexpr uint8_t NDISC_NA_SOLICITED = 0x40;
inline constexpr uint8_t NDISC_NA_OVERRIDE = 0x20;
inline constexpr uint8_t NDISC_RA_MANAGED = 0x80;
inline constexpr uint8_t NDISC_RA_OTHER = 0x40;
// Prefix information flags.
inline constexpr uint8_t NDISC_PREFIX_ONLINK = 0x80;
inline constexpr uint8_t NDISC_PREFIX_AUTOCONF = 0x40;

template <class B = uint8_t>
class Icmpv6Packet {
 public:
  static constexpr size_t kHeaderLen = 8;

  constexpr Icmpv6Packet() = default;
  constexpr explicit Icmpv6Packet(std::span<B> buf) : b_(buf) {}
  template <class O>
    requires std::is_same_v<B, const O>
  constexpr Icmpv6Packet(Icmpv6Packet<O> o) : b_(o.buffer()) {}

  // icmpv6_rcv: checksum over the whole message first (ICMP6_MIB_CSUMERRORS),
  // then a pull of the 8-byte header (ICMP6_MIB_INERRORS).
  constexpr Error check_len() const { return b_.size() < kHeaderLen ? Error::Truncated : Error::Ok; }
  static constexpr Result<Icmpv6Packet> checked(std::span<B> buf) {
    Icmpv6Packet v(buf);
    if (Error e = v.check_len(); e != Error::Ok) return e;
    return v;
  }

  constexpr std::span<B> buffer() const { return b_; }
  constexpr uint8_t type() const { return p()[0]; }
  constexpr uint8_t code() const { return p()[1]; }
  constexpr uint16_t checksum() const { return load_be16(p() + 2); }
  constexpr uint32_t rest() const { return load_be32(p() + 4); }  // mtu, pointer, id/seq, flags
  constexpr uint16_t echo_ident() const { return load_be16(p() + 4); }
  constexpr uint16_t echo_seq() const { return load_be16(p() + 6); }
  constexpr std::span<B> data() const { return b_.subspan(kHeaderLen); }

  // Safe at any length: the sum covers whatever the buffer holds.
  bool verify_checksum(const Ipv6Addr& src, const Ipv6Addr& dst) const { return compute(src, dst) == 0; }

  constexpr void set_type(uint8_t v) requires Mutable<B> { p()[0] = v; }
  constexpr void set_code(uint8_t v) requires Mutable<B> { p()[1] = v; }
  constexpr void set_checksum(uint16_t v) requires Mutable<B> { store_be16(p() + 2, v); }
  constexpr void set_rest(uint32_t v) requires Mutable<B> { store_be32(p() + 4, v); }
  void fill_checksum(const Ipv6Addr& src, const Ipv6Addr& dst) requires Mutable<B> {
    set_checksum(0);
    set_checksum(compute(src, dst));
  }

 private:
  constexpr B* p() const { return b_.data(); }
  uint16_t compute(const Ipv6Addr& src, const Ipv6Addr& dst) const {
    return csum_fold(csum_partial(b_, pseudo_header_sum(src, dst, IPPROTO_ICMPV6, uint32_t(b_.size()))));
  }
  std::span<B> b_;
};

// Any ICMPv6 message as type, code, the 4 bytes after the checksum and the rest.
struct Icmpv6Repr {
  uint8_t type = ICMPV6_ECHO_REQUEST;
  uint8_t code = 0;
  uint32_t rest = 0;
  std::span<const uint8_t> data;

  static Result<Icmpv6Repr> parse(Icmpv6Packet<const uint8_t> p, const Ipv6Addr& src, const Ipv6Addr& dst);
  constexpr size_t buffer_len() const { return Icmpv6Packet<>::kHeaderLen + data.size(); }
  // Into the first buffer_len() bytes of `p`'s buffer; data may be in place.
  void emit(Icmpv6Packet<uint8_t> p, const Ipv6Addr& src, const Ipv6Addr& dst) const;
  bool operator==(const Icmpv6Repr& o) const;
};

struct NdiscPrefixInfo {
  uint8_t prefix_len = 0;
  uint8_t flags = 0;  // NDISC_PREFIX_*
  uint32_t valid_lft = 0;
  uint32_t preferred_lft = 0;
  Ipv6Addr prefix;
  bool operator==(const NdiscPrefixInfo&) const = default;
};

// RS, RA, NS and NA. Options follow ndisc_parse_options: a zero or overlong
// option length rejects the message (BadHeader); a repeated option keeps the
// first; link-layer address options must be 8 bytes (Ethernet, as
// ndisc_opt_addr_data requires) or the message is rejected; a nonce option
// not exactly 8 bytes is ignored; unknown options are skipped.
struct NdiscRepr {
  uint8_t type = NDISC_NEIGHBOUR_SOLICITATION;
  Ipv6Addr target;              // NS, NA
  uint8_t flags = 0;            // NA: NDISC_NA_*; RA: NDISC_RA_* (+ preference bits)
  uint8_t cur_hop_limit = 0;    // RA
  uint16_t router_lifetime = 0; // RA, seconds
  uint32_t reachable_time = 0;  // RA, ms
  uint32_t retrans_timer = 0;   // RA, ms
  std::optional<MacAddr> source_ll;
  std::optional<MacAddr> target_ll;
  std::optional<std::array<uint8_t, 6>> nonce;  // RFC 7527 enhanced DAD
  std::optional<uint32_t> mtu;                  // RA
  std::optional<NdiscPrefixInfo> prefix;        // RA: the first prefix option

  // Truncated if shorter than the fixed body, BadChecksum, BadHeader for bad
  // options, Unsupported for other ICMPv6 types.
  static Result<NdiscRepr> parse(Icmpv6Packet<const uint8_t> p, const Ipv6Addr& src, const Ipv6Addr& dst);
  size_t buffer_len() const;
  // Options go in the order Linux writes them (NS: source LL then nonce).
  void emit(Icmpv6Packet<uint8_t> p, const Ipv6Addr& src, const Ipv6Addr& dst) const;
  bool operator==(const NdiscRepr&) const = default;
};

// One multicast address record of an MLDv2 report (struct mld2_grec).
template <class B = uint8_t>
class Mld2Record {
 public:
  static constexpr size_t kFixedLen = 20;
  constexpr Mld2Record() = default;
  // `buf` must start at a record that Mld2Report::check_len() has walked.
  constexpr explicit Mld2Record(std::span<B> buf) : b_(buf) {}
  constexpr uint8_t type() const { return b_[0]; }
  constexpr uint8_t aux_len() const { return b_[1]; }  // in 32-bit words
  constexpr uint16_t num_sources() const { return load_be16(b_.data() + 2); }
  Ipv6Addr mcaddr() const { return addr_at(4); }
  Ipv6Addr source(size_t i) const { return addr_at(20 + 16 * i); }
  constexpr size_t len() const { return kFixedLen + 16 * size_t(num_sources()) + 4 * size_t(aux_len()); }

 private:
  Ipv6Addr addr_at(size_t off) const {
    Ipv6Addr a;
    std::memcpy(a.b.data(), b_.data() + off, 16);
    return a;
  }
  std::span<B> b_;
};

// An MLDv2 report (struct mld2_report): the whole ICMPv6 message.
template <class B = uint8_t>
class Mld2Report {
 public:
  constexpr Mld2Report() = default;
  constexpr explicit Mld2Report(std::span<B> buf) : b_(buf) {}

  // Every record, with its sources and aux data, lies inside the buffer.
  constexpr Error check_len() const {
    if (b_.size() < 8) return Error::Truncated;
    size_t off = 8;
    for (size_t i = 0; i < num_records(); ++i) {
      if (b_.size() - off < Mld2Record<B>::kFixedLen) return Error::Truncated;
      size_t len = Mld2Record<B>(b_.subspan(off)).len();
      if (b_.size() - off < len) return Error::Truncated;
      off += len;
    }
    return Error::Ok;
  }
  constexpr uint16_t num_records() const { return load_be16(b_.data() + 6); }
  template <class F>
  constexpr void for_each_record(F&& f) const {
    size_t off = 8;
    for (size_t i = 0; i < num_records(); ++i) {
      Mld2Record<B> r(b_.subspan(off));
      f(r);
      off += r.len();
    }
  }

 private:
  std::span<B> b_;
};

struct Mld2RecordRepr {
  uint8_t type = MLD2_CHANGE_TO_EXCLUDE;
  Ipv6Addr group;
  std::span<const Ipv6Addr> sources;
  constexpr size_t buffer_len() const { return Mld2Record<>::kFixedLen + 16 * sources.size(); }
};

struct Mld2ReportRepr {
  std::span<const Mld2RecordRepr> records;
  size_t buffer_len() const;
  // Type 143, code 0, reserved 0, record count, records (aux_len 0), checksum.
  void emit(Icmpv6Packet<uint8_t> p, const Ipv6Addr& src, const Ipv6Addr& dst) const;
};

// Whole IPv6 packets as Linux sends them; return bytes written, 0 if `out`
// is too small. Add the Ethernet header in front (ipv6_eth_mc_map for dst).
//
// MLDv2 report (mld_newpack/mld_sendpack): hop limit 1, tclass 0, flow 0,
// next header Hop-by-Hop with Router Alert (MLD), to ff02::16. `src` is the
// link-local address, or :: before one passes DAD.
size_t emit_mld2_report_packet(std::span<uint8_t> out, const Ipv6Addr& src,
                               std::span<const Mld2RecordRepr> records);
// ND message (ndisc_send_skb): hop limit 255, next header ICMPv6. For DAD,
// src is :: and dst the solicited-node group, with no source LL option.
size_t emit_ndisc_packet(std::span<uint8_t> out, const Ipv6Addr& src, const Ipv6Addr& dst, const NdiscRepr& nd);

// "ICMPv6 neighbor solicitation who-has fe80::ff:fe00:1 nonce",
// "ICMPv6 MLDv2 report 1 record(s) [to_ex ff02::1:ff00:1]"
std::string icmpv6_pretty(std::span<const uint8_t> msg);

}  // namespace skbox::wire
