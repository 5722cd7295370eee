// ICMPv6 receive (net/ipv6/icmp.c: icmpv6_rcv): counters, checksum, and
// dispatch of Neighbour Discovery to ndisc_rcv.
// Not modelled: echo (ping6) replies, error messages to upper layers, MLD
// queries and reports from others (counted and consumed), sending errors.
#include "ipv6/addrconf.h"
#include "ipv6/ipv6.h"
#include "net/net.h"
#include "trace/trace.h"
#include "wire/checksum.h"
#include "wire/icmpv6.h"
#include "wire/ipv6.h"

namespace skbox {

void icmpv6_rcv(SkbPtr skb) {
  skb_trace(*skb, "icmpv6_rcv");
  NetDevice* dev = skb->dev;
  icmp6_inc_stats(dev, Icmp6Mib::InMsgs);
  wire::Ipv6Packet<const uint8_t> ip({skb->network_ptr(), skb->network_len()});
  wire::Icmpv6Packet<const uint8_t> icmp({skb->data(), skb->len});
  if (!icmp.verify_checksum(ip.src(), ip.dst())) {
    icmp6_inc_stats(dev, Icmp6Mib::InCsumErrors);
    icmp6_inc_stats(dev, Icmp6Mib::InErrors);
    kfree_skb_reason(std::move(skb), DropReason::ICMP_CSUM);
    return;
  }
  if (icmp.check_len() != wire::Error::Ok) {
    icmp6_inc_stats(dev, Icmp6Mib::InErrors);
    kfree_skb_reason(std::move(skb), DropReason::PKT_TOO_SMALL);
    return;
  }
  const uint8_t type = icmp.type();
  icmp6msg_in_inc(dev, type);
  switch (type) {
    case wire::NDISC_ROUTER_SOLICITATION:
    case wire::NDISC_ROUTER_ADVERTISEMENT:
    case wire::NDISC_NEIGHBOUR_SOLICITATION:
    case wire::NDISC_NEIGHBOUR_ADVERTISEMENT:
    case wire::NDISC_REDIRECT:
      ndisc_rcv(std::move(skb));
      return;
    default:
      consume_skb(std::move(skb));
  }
}

}  // namespace skbox
