// Receive side of IPv4 (net/ipv4/ip_input.c): ip_rcv validation with its
// counters and drop reasons, the routing decision, and local delivery to the
// transport protocols.
// Not modelled yet: IP options processing beyond skipping them, raw sockets
// (reassembly is ip_defrag.cpp).
#include "ipv4/icmp.h"
#include "ipv4/ip.h"
#include "ipv4/ip_fragment.h"
#include "wire/ipv4.h"
#include "transport/udp.h"
#include "net/net.h"
#include "netfilter/nf_hook.h"
#include "trace/trace.h"
#include "wire/checksum.h"

namespace skbox {

namespace {
void ip_error(SkbPtr skb);
}  // namespace

void ip_rcv_finish(SkbPtr skb) {
  skb_trace(*skb, "ip_rcv_finish");
  NetDevice* dev = skb->dev;
  Net& net = *dev->net;
  auto iph = ip_hdr(*skb);
  // Packets looped back locally keep the output route (its input is
  // ip_local_deliver); everything else is routed here.
  if (skb->dst.input == SkbDst::Input::None) {
    DropReason reason = DropReason::NOT_SPECIFIED;
    int err = ip_route_input(*skb, iph.dst(), iph.src(), iph.tos(), dev, &reason);
    if (err) {
      if (err == -EXDEV) net.mib.linux.inc(LinuxMib::IPReversePathFilter);
      kfree_skb_reason(std::move(skb), reason);
      return;
    }
  }
  if (skb->dst.rt_type == RTN_BROADCAST) {
    net.mib.ipext.inc(IpExtMib::InBcastPkts);
    net.mib.ipext.inc(IpExtMib::InBcastOctets, skb->len);
  } else if (skb->dst.rt_type == RTN_MULTICAST) {
    net.mib.ipext.inc(IpExtMib::InMcastPkts);
    net.mib.ipext.inc(IpExtMib::InMcastOctets, skb->len);
  } else if (skb->pkt_type == PktType::Broadcast || skb->pkt_type == PktType::Multicast) {
    // Unicast IP in a link-layer broadcast/multicast frame.
    const bool drop_l2 = net.devconf_all[Ipv4DevConf::DROP_UNICAST_IN_L2_MULTICAST] ||
                         (dev->ip_ptr && dev->ip_ptr->cnf[Ipv4DevConf::DROP_UNICAST_IN_L2_MULTICAST]);
    if (drop_l2) {
      kfree_skb_reason(std::move(skb), DropReason::UNICAST_IN_L2_MULTICAST);
      return;
    }
  }
  switch (skb->dst.input) {
    case SkbDst::Input::LocalDeliver:
      ip_local_deliver(std::move(skb));
      return;
    case SkbDst::Input::Forward:
      ip_forward(std::move(skb));
      return;
    case SkbDst::Input::Error:
      ip_error(std::move(skb));
      return;
    case SkbDst::Input::None:
      kfree_skb_reason(std::move(skb), DropReason::NOT_SPECIFIED);
      return;
  }
}

namespace {

// ip_error: the input route said "unreachable". Without forwarding the packet
// only counts; with it the sender gets an ICMP error (rate limited per source
// by the same inet_peer token bucket icmp uses).
void ip_error(SkbPtr skb) {
  skb_trace(*skb, "ip_error");
  NetDevice* dev = skb->dev;
  Net& net = *dev->net;
  const int e = skb->dst.error;
  DropReason reason = DropReason::NOT_SPECIFIED;
  const bool fwd = dev->ip_ptr && dev->ip_ptr->cnf[Ipv4DevConf::FORWARDING];
  if (!fwd) {
    if (e == EHOSTUNREACH) {
      reason = DropReason::IP_INADDRERRORS;
      net.mib.ip.inc(IpMib::InAddrErrors);
    } else if (e == ENETUNREACH) {
      reason = DropReason::IP_INNOROUTES;
      net.mib.ipext.inc(IpExtMib::InNoRoutes);
    }
    kfree_skb_reason(std::move(skb), reason);
    return;
  }
  int code;
  switch (e) {
    case EHOSTUNREACH: code = ICMP_HOST_UNREACH; break;
    case ENETUNREACH:
      code = ICMP_NET_UNREACH;
      reason = DropReason::IP_INNOROUTES;
      net.mib.ipext.inc(IpExtMib::InNoRoutes);
      break;
    case EACCES: code = ICMP_PKT_FILTERED; break;
    default:
      kfree_skb_reason(std::move(skb), reason);
      return;
  }
  auto iph = ip_hdr(*skb);
  if (ip_error_ratelimit_allow(net, iph.src())) icmp_send(*skb, ICMP_DEST_UNREACH, static_cast<uint8_t>(code), 0);
  kfree_skb_reason(std::move(skb), reason);
}

}  // namespace

// ip_rcv + ip_rcv_core
void ip_rcv(SkbPtr skb) {
  skb_trace(*skb, "ip_rcv");
  NetDevice* dev = skb->dev;
  Net& net = *dev->net;
  if (skb->pkt_type == PktType::OtherHost) {
    ++dev->stats.rx_otherhost_dropped;  // dev_core_stats_rx_otherhost_dropped_inc
    kfree_skb_reason(std::move(skb), DropReason::OTHERHOST);
    return;
  }
  net.mib.ip.inc(IpMib::InReceives);
  net.mib.ipext.inc(IpExtMib::InOctets, skb->len);
  auto inhdr_error = [&](DropReason r) {
    net.mib.ip.inc(IpMib::InHdrErrors);
    kfree_skb_reason(std::move(skb), r);
  };
  if (skb->len < kIpHlen) return inhdr_error(DropReason::IP_INHDR);
  wire::Ipv4Packet<uint8_t> iph({skb->data(), skb->len});
  if (iph.ihl() < 5 || iph.version() != 4) return inhdr_error(DropReason::IP_INHDR);
  static constexpr IpExtMib::Field kEcn[] = {IpExtMib::InNoECTPkts, IpExtMib::InECT1Pkts,
                                              IpExtMib::InECT0Pkts, IpExtMib::InCEPkts};
  net.mib.ipext.inc(kEcn[iph.tos() & 3]);
  const uint32_t hlen = iph.ihl() * 4u;
  if (skb->len < hlen) return inhdr_error(DropReason::IP_INHDR);
  if (wire::ip_fast_csum({skb->data(), hlen}) != 0) {
    net.mib.ipext.inc(IpExtMib::InCsumErrors);
    return inhdr_error(DropReason::IP_CSUM);
  }
  const uint32_t len = iph.total_len();
  if (skb->len < len) {
    net.mib.ipext.inc(IpExtMib::InTruncatedPkts);
    kfree_skb_reason(std::move(skb), DropReason::PKT_TOO_SMALL);
    return;
  }
  if (len < hlen) return inhdr_error(DropReason::IP_INHDR);
  skb->trim(len);  // drop link-layer padding (pskb_trim_rcsum)
  skb->reset_network_header();
  skb->transport_header = static_cast<uint16_t>(skb->network_header + hlen);
  if (!nf_hook(NFPROTO_IPV4, NF_INET_PRE_ROUTING, *skb->dev->net, skb, skb->dev, nullptr)) return;
  ip_rcv_finish(std::move(skb));
}

// ip_local_deliver + ip_local_deliver_finish + ip_protocol_deliver_rcu
void ip_local_deliver(SkbPtr skb) {
  skb_trace(*skb, "ip_local_deliver");
  Net& net = *skb->dev->net;
  if (ip_hdr(*skb).is_fragment()) {
    skb = ip_defrag(net, std::move(skb));
    if (!skb) return;  // queued, or dropped
  }
  if (!nf_hook(NFPROTO_IPV4, NF_INET_LOCAL_IN, net, skb, skb->dev, nullptr)) return;
  auto iph = ip_hdr(*skb);
  skb->pull(iph.ihl() * 4u);  // data now at the transport header
  switch (iph.protocol()) {
    case IPPROTO_ICMP:
      net.mib.ip.inc(IpMib::InDelivers);
      icmp_rcv(std::move(skb));
      return;
    case IPPROTO_UDP:
      net.mib.ip.inc(IpMib::InDelivers);
      udp_rcv(std::move(skb));
      return;
    default:
      // No handler and no raw socket: protocol unreachable.
      net.mib.ip.inc(IpMib::InUnknownProtos);
      skb->push(iph.ihl() * 4u);
      icmp_send(*skb, ICMP_DEST_UNREACH, ICMP_PROT_UNREACH, 0);
      kfree_skb_reason(std::move(skb), DropReason::IP_NOPROTO);
      return;
  }
}

}  // namespace skbox
