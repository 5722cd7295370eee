#include "wire/ipv6.h"

#include <fmt/format.h>

namespace skbox::wire {

Result<Ipv6Repr> Ipv6Repr::parse(Ipv6Packet<const uint8_t> p) {
  if (Error e = p.check_len(); e != Error::Ok) return e;
  return Ipv6Repr{p.src(), p.dst(), p.next_header(), p.payload_len(), p.hop_limit(), p.traffic_class(),
                  p.flow_label()};
}

void Ipv6Repr::emit(Ipv6Packet<uint8_t> p) const {
  p.set_version_tc_flow(traffic_class, flow_label);
  p.set_payload_len(payload_len);
  p.set_next_header(next_header);
  p.set_hop_limit(hop_limit);
  p.set_src(src);
  p.set_dst(dst);
}

void emit_hbh_router_alert(std::span<uint8_t> out, uint8_t next_header, uint16_t value) {
  uint8_t* o = out.first(kHopByHopRouterAlertLen).data();
  o[0] = next_header;
  o[1] = 0;  // (0 + 1) * 8 bytes
  o[2] = IPV6_TLV_ROUTERALERT;
  o[3] = 2;
  store_be16(o + 4, value);
  o[6] = IPV6_TLV_PADN;
  o[7] = 0;
}

Result<Ipv6ExtSkip> ipv6_skip_exthdr(std::span<const uint8_t> pkt, size_t offset, uint8_t nexthdr) {
  Ipv6ExtSkip r{nexthdr, offset, 0};
  while (ipv6_ext_hdr(r.nexthdr)) {
    if (r.nexthdr == NEXTHDR_NONE) return r;
    if (r.offset > pkt.size() || pkt.size() - r.offset < 8) return Error::Truncated;
    const uint8_t* h = pkt.data() + r.offset;
    size_t len;
    if (r.nexthdr == NEXTHDR_FRAGMENT) {
      r.frag_off = load_be16(h + 2);
      len = 8;
      // A later fragment has no upper-layer header: stop at the fragment
      // header itself, as Linux does (nexthdr stays NEXTHDR_FRAGMENT).
      if (r.frag_off & ~7u) return r;
    } else if (r.nexthdr == NEXTHDR_AUTH) {
      len = (size_t(h[1]) + 2) * 4;
    } else {
      len = (size_t(h[1]) + 1) * 8;
    }
    if (pkt.size() - r.offset < len) return Error::Truncated;
    r.nexthdr = h[0];
    r.offset += len;
  }
  return r;
}

std::string ipv6_pretty(std::span<const uint8_t> pkt) {
  Ipv6Packet p(pkt);
  if (Error e = p.check_len(); e != Error::Ok) return fmt::format("IPv6 {} len={}", error_name(e), pkt.size());
  const char* name = ip_proto_name(p.next_header());
  std::string next = p.next_header() == NEXTHDR_HOP ? "HBH" : name ? name : std::to_string(p.next_header());
  return fmt::format("IPv6 src={} dst={} next={} hlim={} len={}", p.src().str(), p.dst().str(), next,
                     p.hop_limit(), p.payload_len());
}

}  // namespace skbox::wire
