// IPv6 fixed header view (struct ipv6hdr), value struct, extension-header
// skipping (ipv6_skip_exthdr) and the Hop-by-Hop / Destination options header
// that MLD needs for its Router Alert.
//
// check_len() follows ip6_rcv_core():
//   BadHeader -> IPSTATS_MIB_INHDRERRORS, IP_INHDR (short of 40 bytes, version != 6)
//   Truncated -> IPSTATS_MIB_INTRUNCATEDPKTS, PKT_TOO_SMALL (40 + payload_len > buffer)
// Not modelled: jumbograms (payload_len 0 + Jumbo option: treated as empty),
// routing-header processing, the padding rules of ip6_parse_tlv.
#pragma once
#include <cstdint>
#include <cstring>
#include <span>
#include <string>

#include "wire/addr.h"
#include "wire/be.h"
#include "wire/error.h"
#include "wire/ip_proto.h"

namespace skbox::wire {

// TLV option types (include/uapi/linux/in6.h) and Router Alert values.
inline constexpr uint8_t IPV6_TLV_PAD1 = 0;
inline constexpr uint8_t IPV6_TLV_PADN = 1;
inline constexpr uint8_t IPV6_TLV_ROUTERALERT = 5;
inline constexpr uint8_t IPV6_TLV_JUMBO = 0xC2;
inline constexpr uint16_t IPV6_OPT_ROUTERALERT_MLD = 0;

// Well-known groups (include/net/addrconf.h): ff02::1, ff02::2, ff02::16.
inline constexpr Ipv6Addr kIn6AddrLinkLocalAllNodes{{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}};
inline constexpr Ipv6Addr kIn6AddrLinkLocalAllRouters{{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2}};
inline constexpr Ipv6Addr kIn6AddrMld2AllMcr{{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x16}};

// addrconf_addr_solict_mult: ff02::1:ffXX:XXXX from the low 24 bits.
constexpr Ipv6Addr addrconf_addr_solict_mult(const Ipv6Addr& a) {
  return Ipv6Addr{{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xff, a.b[13], a.b[14], a.b[15]}};
}

template <class B = uint8_t>
class Ipv6Packet {
 public:
  static constexpr size_t kHeaderLen = 40;

  constexpr Ipv6Packet() = default;
  constexpr explicit Ipv6Packet(std::span<B> buf) : b_(buf) {}
  template <class O>
    requires std::is_same_v<B, const O>
  constexpr Ipv6Packet(Ipv6Packet<O> o) : b_(o.buffer()) {}

  // After Ok, payload() is exactly payload_len bytes (the buffer may be longer).
  constexpr Error check_len() const {
    if (b_.size() < kHeaderLen || version() != 6) return Error::BadHeader;
    if (kHeaderLen + payload_len() > b_.size()) return Error::Truncated;
    return Error::Ok;
  }
  static constexpr Result<Ipv6Packet> checked(std::span<B> buf) {
    Ipv6Packet v(buf);
    if (Error e = v.check_len(); e != Error::Ok) return e;
    return v;
  }

  constexpr std::span<B> buffer() const { return b_; }
  constexpr uint8_t version() const { return p()[0] >> 4; }
  constexpr uint8_t traffic_class() const { return uint8_t((load_be16(p()) >> 4) & 0xff); }
  constexpr uint32_t flow_label() const { return load_be32(p()) & 0xfffff; }
  constexpr uint16_t payload_len() const { return load_be16(p() + 4); }
  constexpr uint8_t next_header() const { return p()[6]; }
  constexpr uint8_t hop_limit() const { return p()[7]; }
  Ipv6Addr src() const { return addr_at(8); }
  Ipv6Addr dst() const { return addr_at(24); }
  constexpr std::span<B> payload() const { return b_.subspan(kHeaderLen, payload_len()); }

  // Version 6, traffic class and flow label: the first word (ip6_flow_hdr).
  constexpr void set_version_tc_flow(uint8_t tc, uint32_t flow) requires Mutable<B> {
    store_be32(p(), (6u << 28) | (uint32_t(tc) << 20) | (flow & 0xfffff));
  }
  constexpr void set_payload_len(uint16_t v) requires Mutable<B> { store_be16(p() + 4, v); }
  constexpr void set_next_header(uint8_t v) requires Mutable<B> { p()[6] = v; }
  constexpr void set_hop_limit(uint8_t v) requires Mutable<B> { p()[7] = v; }
  void set_src(const Ipv6Addr& a) requires Mutable<B> { std::memcpy(p() + 8, a.b.data(), 16); }
  void set_dst(const Ipv6Addr& a) requires Mutable<B> { std::memcpy(p() + 24, a.b.data(), 16); }

 private:
  constexpr B* p() const { return b_.data(); }
  Ipv6Addr addr_at(size_t off) const {
    Ipv6Addr a;
    std::memcpy(a.b.data(), p() + off, 16);
    return a;
  }
  std::span<B> b_;
};

struct Ipv6Repr {
  Ipv6Addr src;
  Ipv6Addr dst;
  uint8_t next_header = 0;
  uint16_t payload_len = 0;
  uint8_t hop_limit = 64;
  uint8_t traffic_class = 0;
  uint32_t flow_label = 0;

  static Result<Ipv6Repr> parse(Ipv6Packet<const uint8_t> p);
  static constexpr size_t buffer_len() { return Ipv6Packet<>::kHeaderLen; }
  void emit(Ipv6Packet<uint8_t> p) const;
  bool operator==(const Ipv6Repr&) const = default;
};

// Hop-by-Hop or Destination Options header (struct ipv6_opt_hdr).
template <class B = uint8_t>
class Ipv6OptHeader {
 public:
  constexpr Ipv6OptHeader() = default;
  constexpr explicit Ipv6OptHeader(std::span<B> buf) : b_(buf) {}

  constexpr Error check_len() const {
    return b_.size() < 2 || b_.size() < header_len() ? Error::Truncated : Error::Ok;
  }
  constexpr std::span<B> buffer() const { return b_; }
  constexpr uint8_t next_header() const { return b_[0]; }
  constexpr size_t header_len() const { return (size_t(b_[1]) + 1) * 8; }  // ipv6_optlen
  constexpr std::span<B> options() const { return b_.subspan(2, header_len() - 2); }

 private:
  std::span<B> b_;
};

// Walks TLV options as ip6_parse_tlv does: Pad1 is one byte, others carry a
// length. f(type, data). Returns false if an option runs past the end.
template <class F>
constexpr bool ipv6_for_each_tlv(std::span<const uint8_t> opts, F&& f) {
  size_t i = 0, n = opts.size();
  while (i < n) {
    uint8_t type = opts[i];
    if (type == IPV6_TLV_PAD1) {
      ++i;
      continue;
    }
    if (n - i < 2 || size_t(opts[i + 1]) > n - i - 2) return false;
    f(type, opts.subspan(i + 2, opts[i + 1]));
    i += 2 + size_t(opts[i + 1]);
  }
  return true;
}

// The 8-byte Hop-by-Hop header Linux puts before every MLD message
// (mld_newpack): Router Alert (value 0 = MLD) padded with a 2-byte PadN.
inline constexpr size_t kHopByHopRouterAlertLen = 8;
void emit_hbh_router_alert(std::span<uint8_t> out, uint8_t next_header, uint16_t value = IPV6_OPT_ROUTERALERT_MLD);

// ipv6_skip_exthdr: from next header `nexthdr` at `offset` of `pkt` (usually
// the IPv6 payload), skip Hop-by-Hop, Routing, Fragment, AH and Destination
// headers. A non-first fragment stops the walk at its fragment header
// (nexthdr NEXTHDR_FRAGMENT); NEXTHDR_NONE means no upper layer. Truncated if a header
// runs past the buffer.
struct Ipv6ExtSkip {
  uint8_t nexthdr = 0;
  size_t offset = 0;      // of the upper-layer header
  uint16_t frag_off = 0;  // fragment header's offset+flags field in host order, 0 if none
};
Result<Ipv6ExtSkip> ipv6_skip_exthdr(std::span<const uint8_t> pkt, size_t offset, uint8_t nexthdr);
constexpr bool ipv6_ext_hdr(uint8_t nh) {
  return nh == NEXTHDR_HOP || nh == NEXTHDR_ROUTING || nh == NEXTHDR_FRAGMENT || nh == NEXTHDR_AUTH ||
         nh == NEXTHDR_NONE || nh == NEXTHDR_DEST;
}

// "IPv6 src=fe80::ff:fe00:1 dst=ff02::2 next=ICMPv6 hlim=255 len=16"
std::string ipv6_pretty(std::span<const uint8_t> pkt);

}  // namespace skbox::wire
