#include "wire/icmpv6.h"

#include <fmt/format.h>

#include <algorithm>

#include "wire/ipv6.h"

namespace skbox::wire {

Result<Icmpv6Repr> Icmpv6Repr::parse(Icmpv6Packet<const uint8_t> p, const Ipv6Addr& src, const Ipv6Addr& dst) {
  if (Error e = p.check_len(); e != Error::Ok) return e;
  if (!p.verify_checksum(src, dst)) return Error::BadChecksum;
  return Icmpv6Repr{p.type(), p.code(), p.rest(), p.data()};
}

void Icmpv6Repr::emit(Icmpv6Packet<uint8_t> p, const Ipv6Addr& src, const Ipv6Addr& dst) const {
  Icmpv6Packet<uint8_t> q(p.buffer().first(buffer_len()));
  q.set_type(type);
  q.set_code(code);
  q.set_rest(rest);
  if (!data.empty() && data.data() != q.data().data()) std::memmove(q.data().data(), data.data(), data.size());
  q.fill_checksum(src, dst);
}

bool Icmpv6Repr::operator==(const Icmpv6Repr& o) const {
  return type == o.type && code == o.code && rest == o.rest && std::ranges::equal(data, o.data);
}

// ---- Neighbour Discovery ----

namespace {
// Where a message's options start (RFC 4861 section 4).
size_t ndisc_opt_offset(uint8_t type) {
  switch (type) {
    case NDISC_ROUTER_SOLICITATION: return 8;
    case NDISC_ROUTER_ADVERTISEMENT: return 16;
    case NDISC_NEIGHBOUR_SOLICITATION:
    case NDISC_NEIGHBOUR_ADVERTISEMENT: return 24;
  }
  return 0;
}

Ipv6Addr addr_at(const uint8_t* p) {
  Ipv6Addr a;
  std::memcpy(a.b.data(), p, 16);
  return a;
}

Result<NdiscRepr> ndisc_parse_body(std::span<const uint8_t> b) {
  NdiscRepr r;
  r.type = b[0];
  size_t off = ndisc_opt_offset(r.type);
  if (off == 0) return Error::Unsupported;
  if (b.size() < off) return Error::Truncated;
  const uint8_t* p = b.data();
  if (r.type == NDISC_ROUTER_ADVERTISEMENT) {
    r.cur_hop_limit = p[4];
    r.flags = p[5];
    r.router_lifetime = load_be16(p + 6);
    r.reachable_time = load_be32(p + 8);
    r.retrans_timer = load_be32(p + 12);
  } else if (off == 24) {
    if (r.type == NDISC_NEIGHBOUR_ADVERTISEMENT) r.flags = p[4];
    r.target = addr_at(p + 8);
  }
  while (off < b.size()) {
    if (b.size() - off < 2) return Error::BadHeader;
    size_t len = size_t(p[off + 1]) * 8;
    if (len == 0 || len > b.size() - off) return Error::BadHeader;
    const uint8_t* o = p + off;
    switch (o[0]) {
      case ND_OPT_SOURCE_LL_ADDR:
      case ND_OPT_TARGET_LL_ADDR: {
        if (len != 8) return Error::BadHeader;
        auto& slot = o[0] == ND_OPT_SOURCE_LL_ADDR ? r.source_ll : r.target_ll;
        if (!slot) {
          MacAddr m;
          std::memcpy(m.b.data(), o + 2, 6);
          slot = m;
        }
        break;
      }
      case ND_OPT_NONCE:
        if (len == 8 && !r.nonce) {
          std::array<uint8_t, 6> n;
          std::memcpy(n.data(), o + 2, 6);
          r.nonce = n;
        }
        break;
      case ND_OPT_MTU:
        if (len == 8 && !r.mtu) r.mtu = load_be32(o + 4);
        break;
      case ND_OPT_PREFIX_INFO:
        if (len == 32 && !r.prefix)
          r.prefix = NdiscPrefixInfo{o[2], o[3], load_be32(o + 4), load_be32(o + 8), addr_at(o + 16)};
        break;
    }
    off += len;
  }
  return r;
}
}  // namespace

Result<NdiscRepr> NdiscRepr::parse(Icmpv6Packet<const uint8_t> p, const Ipv6Addr& src, const Ipv6Addr& dst) {
  if (Error e = p.check_len(); e != Error::Ok) return e;
  if (!p.verify_checksum(src, dst)) return Error::BadChecksum;
  return ndisc_parse_body(p.buffer());
}

size_t NdiscRepr::buffer_len() const {
  return ndisc_opt_offset(type) + 8 * (source_ll.has_value() + target_ll.has_value() + nonce.has_value() +
                                       mtu.has_value()) +
         (prefix ? 32 : 0);
}

void NdiscRepr::emit(Icmpv6Packet<uint8_t> p, const Ipv6Addr& src, const Ipv6Addr& dst) const {
  std::span<uint8_t> b = p.buffer().first(buffer_len());
  std::fill(b.begin(), b.end(), 0);
  uint8_t* o = b.data();
  o[0] = type;
  if (type == NDISC_ROUTER_ADVERTISEMENT) {
    o[4] = cur_hop_limit;
    o[5] = flags;
    store_be16(o + 6, router_lifetime);
    store_be32(o + 8, reachable_time);
    store_be32(o + 12, retrans_timer);
  } else if (type == NDISC_NEIGHBOUR_SOLICITATION || type == NDISC_NEIGHBOUR_ADVERTISEMENT) {
    if (type == NDISC_NEIGHBOUR_ADVERTISEMENT) o[4] = flags;
    std::memcpy(o + 8, target.b.data(), 16);
  }
  o += ndisc_opt_offset(type);
  auto ll = [&](uint8_t t, const MacAddr& m) {  // ndisc_fill_addr_option
    o[0] = t, o[1] = 1;
    std::memcpy(o + 2, m.b.data(), 6);
    o += 8;
  };
  if (source_ll) ll(ND_OPT_SOURCE_LL_ADDR, *source_ll);
  if (target_ll) ll(ND_OPT_TARGET_LL_ADDR, *target_ll);
  if (nonce) {
    o[0] = ND_OPT_NONCE, o[1] = 1;
    std::memcpy(o + 2, nonce->data(), 6);
    o += 8;
  }
  if (mtu) {
    o[0] = ND_OPT_MTU, o[1] = 1;
    store_be32(o + 4, *mtu);
    o += 8;
  }
  if (prefix) {
    o[0] = ND_OPT_PREFIX_INFO, o[1] = 4, o[2] = prefix->prefix_len, o[3] = prefix->flags;
    store_be32(o + 4, prefix->valid_lft);
    store_be32(o + 8, prefix->preferred_lft);
    std::memcpy(o + 16, prefix->prefix.b.data(), 16);
  }
  Icmpv6Packet<uint8_t>(b).fill_checksum(src, dst);
}

// ---- MLDv2 ----

size_t Mld2ReportRepr::buffer_len() const {
  size_t n = 8;
  for (const auto& r : records) n += r.buffer_len();
  return n;
}

void Mld2ReportRepr::emit(Icmpv6Packet<uint8_t> p, const Ipv6Addr& src, const Ipv6Addr& dst) const {
  std::span<uint8_t> b = p.buffer().first(buffer_len());
  uint8_t* o = b.data();
  o[0] = ICMPV6_MLD2_REPORT, o[1] = 0;
  store_be16(o + 4, 0);
  store_be16(o + 6, uint16_t(records.size()));
  o += 8;
  for (const auto& r : records) {
    o[0] = r.type, o[1] = 0;
    store_be16(o + 2, uint16_t(r.sources.size()));
    std::memcpy(o + 4, r.group.b.data(), 16);
    o += 20;
    for (const auto& s : r.sources) std::memcpy(o, s.b.data(), 16), o += 16;
  }
  Icmpv6Packet<uint8_t>(b).fill_checksum(src, dst);
}

size_t emit_mld2_report_packet(std::span<uint8_t> out, const Ipv6Addr& src, std::span<const Mld2RecordRepr> records) {
  Mld2ReportRepr mld{records};
  size_t mld_len = mld.buffer_len();
  size_t total = Ipv6Packet<>::kHeaderLen + kHopByHopRouterAlertLen + mld_len;
  if (out.size() < total) return 0;
  Ipv6Repr ip{src, kIn6AddrMld2AllMcr, NEXTHDR_HOP, uint16_t(kHopByHopRouterAlertLen + mld_len), 1};
  ip.emit(Ipv6Packet<uint8_t>(out));
  emit_hbh_router_alert(out.subspan(Ipv6Packet<>::kHeaderLen), IPPROTO_ICMPV6);
  mld.emit(Icmpv6Packet<uint8_t>(out.subspan(Ipv6Packet<>::kHeaderLen + kHopByHopRouterAlertLen, mld_len)), src,
           kIn6AddrMld2AllMcr);
  return total;
}

size_t emit_ndisc_packet(std::span<uint8_t> out, const Ipv6Addr& src, const Ipv6Addr& dst, const NdiscRepr& nd) {
  size_t len = nd.buffer_len();
  size_t total = Ipv6Packet<>::kHeaderLen + len;
  if (out.size() < total) return 0;
  Ipv6Repr ip{src, dst, IPPROTO_ICMPV6, uint16_t(len), 255};
  ip.emit(Ipv6Packet<uint8_t>(out));
  nd.emit(Icmpv6Packet<uint8_t>(out.subspan(Ipv6Packet<>::kHeaderLen, len)), src, dst);
  return total;
}

// ---- pretty ----

namespace {
const char* mld2_record_name(uint8_t t) {
  static constexpr const char* names[] = {"?", "is_in", "is_ex", "to_in", "to_ex", "allow", "block"};
  return t < std::size(names) ? names[t] : "?";
}
}  // namespace

std::string icmpv6_pretty(std::span<const uint8_t> msg) {
  Icmpv6Packet p(msg);
  if (Error e = p.check_len(); e != Error::Ok) return fmt::format("ICMPv6 {} len={}", error_name(e), msg.size());
  switch (p.type()) {
    case ICMPV6_ECHO_REQUEST:
    case ICMPV6_ECHO_REPLY:
      return fmt::format("ICMPv6 echo {} id={} seq={} len={}", p.type() == ICMPV6_ECHO_REQUEST ? "request" : "reply",
                         p.echo_ident(), p.echo_seq(), msg.size());
    case ICMPV6_DEST_UNREACH: return fmt::format("ICMPv6 dest-unreach code={}", p.code());
    case ICMPV6_PKT_TOOBIG: return fmt::format("ICMPv6 packet-too-big mtu={}", p.rest());
    case ICMPV6_TIME_EXCEED: return fmt::format("ICMPv6 time-exceeded code={}", p.code());
    case ICMPV6_PARAMPROB: return fmt::format("ICMPv6 parameter-problem code={} pointer={}", p.code(), p.rest());
    case ICMPV6_MGM_QUERY: return "ICMPv6 multicast listener query";
    case ICMPV6_MGM_REPORT: return "ICMPv6 multicast listener report";
    case ICMPV6_MGM_REDUCTION: return "ICMPv6 multicast listener done";
    case ICMPV6_MLD2_REPORT: {
      Mld2Report m(msg);
      if (m.check_len() != Error::Ok) return "ICMPv6 MLDv2 report truncated";
      std::string s = fmt::format("ICMPv6 MLDv2 report {} record(s) [", m.num_records());
      bool first = true;
      m.for_each_record([&](const Mld2Record<const uint8_t>& r) {
        s += fmt::format("{}{} {}", first ? "" : ", ", mld2_record_name(r.type()), r.mcaddr().str());
        if (r.num_sources()) s += fmt::format(" {} source(s)", r.num_sources());
        first = false;
      });
      return s + "]";
    }
  }
  auto nd = ndisc_parse_body(msg);
  if (!nd) return fmt::format("ICMPv6 type={} code={} len={}", p.type(), p.code(), msg.size());
  std::string s;
  switch (nd->type) {
    case NDISC_ROUTER_SOLICITATION: s = "ICMPv6 router solicitation"; break;
    case NDISC_ROUTER_ADVERTISEMENT:
      s = fmt::format("ICMPv6 router advertisement hlim={} lifetime={}", nd->cur_hop_limit, nd->router_lifetime);
      break;
    case NDISC_NEIGHBOUR_SOLICITATION: s = "ICMPv6 neighbor solicitation who-has " + nd->target.str(); break;
    case NDISC_NEIGHBOUR_ADVERTISEMENT:
      s = "ICMPv6 neighbor advertisement tgt " + nd->target.str();
      if (nd->flags & NDISC_NA_ROUTER) s += " R";
      if (nd->flags & NDISC_NA_SOLICITED) s += " S";
      if (nd->flags & NDISC_NA_OVERRIDE) s += " O";
      break;
  }
  if (nd->source_ll) s += " sll=" + nd->source_ll->str();
  if (nd->target_ll) s += " tll=" + nd->target_ll->str();
  if (nd->nonce) s += " nonce";
  if (nd->mtu) s += fmt::format(" mtu={}", *nd->mtu);
  if (nd->prefix) s += fmt::format(" prefix={}/{}", nd->prefix->prefix.str(), nd->prefix->prefix_len);
  return s;
}

}  // namespace skbox::wire
