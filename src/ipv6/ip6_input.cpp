// IPv6 receive (net/ipv6/ip6_input.c): ipv6_rcv with the checks and counters
// of ip6_rcv_core, Hop-by-Hop options, input routing (ip6_route_input) to
// local delivery, multicast delivery (ip6_mc_input) or the forwarding path,
// and delivery to ICMPv6 (ip6_protocol_deliver_rcu).
// Not modelled: netfilter hooks, forwarding (ip6_forward is reached only
// with forwarding off: InAddrErrors), UDP/TCP over IPv6 (counted as unknown
// protocols), ICMPv6 errors sent back (parameter problem, unreachable),
// routing headers, fragments, jumbograms, raw sockets.
#include "ipv4/fib.h"
#include "ipv6/addrconf.h"
#include "ipv6/ipv6.h"
#include "net/net.h"
#include "trace/trace.h"
#include "wire/ip_proto.h"
#include "wire/ipv6.h"

namespace skbox {

namespace {

int mc_scope(const Ipv6Addr& a) { return a.b[1] & 0x0f; }
bool is_loopback(const Ipv6Addr& a) {
  static const Ipv6Addr lo{{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}};
  return a == lo;
}

void hdr_error(SkbPtr skb, NetDevice* dev) {
  ip6_inc_stats(dev, Ip6Mib::InHdrErrors);
  kfree_skb_reason(std::move(skb), DropReason::IP_INHDR);
}

// ip6_parse_tlv for the Hop-by-Hop header: Pad1/PadN and Router Alert are
// known; an unknown option is skipped or discards the packet as its two high
// bits say.
bool parse_hopopts(std::span<const uint8_t> pkt) {
  if (pkt.size() < 48) return false;
  size_t len = (size_t(pkt[41]) + 1) * 8;
  if (pkt.size() < 40 + len) return false;
  auto opts = pkt.subspan(42, len - 2);
  bool ok = true;
  bool well_formed = wire::ipv6_for_each_tlv(opts, [&](uint8_t type, std::span<const uint8_t> data) {
    if (type == wire::IPV6_TLV_PADN || type == wire::IPV6_TLV_ROUTERALERT) return;
    if (type == wire::IPV6_TLV_JUMBO && data.size() == 4) return;
    if ((type >> 6) != 0) ok = false;  // discard (with or without ICMP)
  });
  return ok && well_formed;
}

// ip6_protocol_deliver_rcu, for the first upper-layer header.
void ip6_input(SkbPtr skb) {
  NetDevice* dev = skb->dev;
  skb_trace(*skb, "ip6_input");
  std::span<const uint8_t> pkt{skb->network_ptr(), skb->network_len()};
  wire::Ipv6Packet<const uint8_t> ip(pkt);
  auto ext = wire::ipv6_skip_exthdr(pkt, 40, ip.next_header());
  if (!ext) {
    ip6_inc_stats(dev, Ip6Mib::InDiscards);
    kfree_skb_reason(std::move(skb), DropReason::NOT_SPECIFIED);
    return;
  }
  if (ext->nexthdr != wire::IPPROTO_ICMPV6) {
    ip6_inc_stats(dev, Ip6Mib::InUnknownProtos);
    kfree_skb_reason(std::move(skb), DropReason::IP_NOPROTO);
    return;
  }
  skb->pull(uint32_t(ext->offset));
  skb->reset_transport_header();
  icmpv6_rcv(std::move(skb));
  ip6_inc_stats(dev, Ip6Mib::InDelivers);
}

// ip6_mc_input: delivered only for groups joined on the receiving device.
void ip6_mc_input(SkbPtr skb, const Ipv6Addr& daddr) {
  NetDevice* dev = skb->dev;
  skb_trace(*skb, "ip6_mc_input");
  ip6_upd_po_stats(dev, Ip6Mib::InMcastPkts, Ip6Mib::InMcastOctets, skb->len);
  if (!ipv6_chk_mcast_addr(dev, daddr)) {
    kfree_skb_reason(std::move(skb), DropReason::NOT_SPECIFIED);
    return;
  }
  ip6_input(std::move(skb));
}

// ip6_rcv_finish: route the packet (ip6_route_input) and hand it on.
void ip6_rcv_finish(SkbPtr skb) {
  NetDevice* dev = skb->dev;
  wire::Ipv6Packet<const uint8_t> ip({skb->network_ptr(), skb->network_len()});
  const Ipv6Addr daddr = ip.dst();
  const Ipv6Route* rt = fib6_lookup(*dev->net, daddr, dev);
  if (!rt) {  // ip6_pkt_discard
    ip6_inc_stats(dev, Ip6Mib::InNoRoutes);
    kfree_skb_reason(std::move(skb), DropReason::IP_INNOROUTES);
    return;
  }
  if (rt->type == RTN_MULTICAST && daddr.is_multicast()) {
    ip6_mc_input(std::move(skb), daddr);
    return;
  }
  if (rt->type == RTN_LOCAL) {
    ip6_input(std::move(skb));
    return;
  }
  // ip6_forward with forwarding disabled.
  skb_trace(*skb, "ip6_forward");
  ip6_inc_stats(dev, Ip6Mib::InAddrErrors);
  kfree_skb_reason(std::move(skb), DropReason::IP_INADDRERRORS);
}

}  // namespace

// ipv6_rcv → ip6_rcv_core
void ipv6_rcv(SkbPtr skb) {
  NetDevice* dev = skb->dev;
  skb_trace(*skb, "ipv6_rcv");
  if (skb->pkt_type == PktType::OtherHost) {
    ++dev->stats.rx_otherhost_dropped;  // dev_core_stats_rx_otherhost_dropped_inc
    kfree_skb_reason(std::move(skb), DropReason::OTHERHOST);
    return;
  }
  ip6_upd_po_stats(dev, Ip6Mib::InReceives, Ip6Mib::InOctets, skb->len);
  Inet6Dev* idev = dev->ip6_ptr.get();
  if (!idev || idev->cnf.disable_ipv6) {
    ip6_inc_stats(dev, Ip6Mib::InDiscards);
    kfree_skb_reason(std::move(skb), DropReason::IPV6DISABLED);
    return;
  }
  if (skb->len < 40) return hdr_error(std::move(skb), dev);
  std::span<const uint8_t> pkt{skb->data(), skb->len};
  wire::Ipv6Packet<const uint8_t> ip(pkt);
  if (ip.version() != 6) return hdr_error(std::move(skb), dev);
  // ECN codepoint counters (InNoECTPkts + tclass & INET_ECN_MASK).
  ip6_inc_stats(dev, Ip6Mib::Field(Ip6Mib::InNoECTPkts + (ip.traffic_class() & 3)));
  const Ipv6Addr saddr = ip.src(), daddr = ip.dst();
  const bool via_lo = dev->is_loopback();
  // RFC 4291 2.5.3: ::1 never arrives from outside.
  if (!via_lo && (is_loopback(saddr) || is_loopback(daddr))) return hdr_error(std::move(skb), dev);
  // RFC 4291 2.7: interface-local multicast stays on its host; scope 0 is reserved.
  if (!via_lo && daddr.is_multicast() && mc_scope(daddr) == 1) return hdr_error(std::move(skb), dev);
  if (daddr.is_multicast() && mc_scope(daddr) == 0) return hdr_error(std::move(skb), dev);
  if (saddr.is_multicast()) return hdr_error(std::move(skb), dev);
  const uint32_t pkt_len = ip.payload_len();
  if (pkt_len || ip.next_header() != wire::NEXTHDR_HOP) {
    if (pkt_len + 40 > skb->len) {
      ip6_inc_stats(dev, Ip6Mib::InTruncatedPkts);
      kfree_skb_reason(std::move(skb), DropReason::PKT_TOO_SMALL);
      return;
    }
    skb->trim(pkt_len + 40);
  }
  if (ip.next_header() == wire::NEXTHDR_HOP && !parse_hopopts({skb->data(), skb->len})) {
    return hdr_error(std::move(skb), dev);
  }
  ip6_rcv_finish(std::move(skb));
}

}  // namespace skbox
