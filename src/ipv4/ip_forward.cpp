// ip_forward (net/ipv4/ip_forward.c): TTL check and decrement, MTU check
// with DF, then the FORWARD hook and ip_output.
// Not modelled yet: ICMP redirects, IP options (source routing, router alert).
#include "ipv4/icmp.h"
#include "ipv4/ip.h"
#include "wire/ipv4.h"
#include "net/net.h"
#include "trace/trace.h"

namespace skbox {

void ip_forward(SkbPtr skb) {
  skb_trace(*skb, "ip_forward");
  Net& net = *skb->dev->net;
  if (skb->pkt_type != PktType::Host) {
    kfree_skb_reason(std::move(skb), DropReason::OTHERHOST);
    return;
  }
  auto iph = ip_hdr(*skb);
  if (iph.ttl() <= 1) {
    // The packet dies here; tell its sender.
    net.mib.ip.inc(IpMib::InHdrErrors);
    icmp_send(*skb, ICMP_TIME_EXCEEDED, ICMP_EXC_TTL, 0);
    kfree_skb_reason(std::move(skb), DropReason::IP_INHDR);
    return;
  }
  const uint32_t mtu = skb->dst.mtu ? skb->dst.mtu : skb->dst.dev->mtu;
  if (skb->network_len() > mtu && (iph.frag_off() & IP_DF)) {
    net.mib.ip.inc(IpMib::FragFails);
    icmp_send(*skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, mtu);
    kfree_skb_reason(std::move(skb), DropReason::PKT_TOO_BIG);
    return;
  }
  iph.decrease_ttl();
  // NF_INET_FORWARD would run here; then ip_forward_finish.
  net.mib.ip.inc(IpMib::ForwDatagrams);
  skb->data_off = skb->network_header;
  skb->len = skb->network_len();
  ip_output(net, std::move(skb));
}

}  // namespace skbox
