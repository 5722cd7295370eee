// REDIRECT's core (net/netfilter/nf_nat_redirect.c): destination NAT to
// this host, its incoming device's first address (or 127.0.0.1 for a
// locally generated packet), keeping or remapping the port.
//
// Not modelled: the IPv6 half.
#include "ipv4/devinet.h"
#include "net/netdevice.h"
#include "netfilter/nf_nat.h"

namespace skbox {

NfVerdict nf_nat_redirect_ipv4(SkBuff& skb, const NfNatRange2& range, uint8_t hooknum) {
  uint8_t ctinfo;
  NfConn* ct = nf_ct_get(skb, &ctinfo);
  if (!ct) return NfVerdict::Accept;
  Ipv4Addr newdst;
  if (hooknum == NF_INET_LOCAL_OUT) {
    newdst = Ipv4Addr(0x7f000001);  // INADDR_LOOPBACK
  } else {
    if (skb.dev && skb.dev->ip_ptr && !skb.dev->ip_ptr->ifa_list.empty())
      newdst = skb.dev->ip_ptr->ifa_list.front().local;
    if (newdst.is_any()) return NfVerdict::Drop;
  }
  NfNatRange2 r;
  r.flags = range.flags | NF_NAT_RANGE_MAP_IPS;
  r.min_addr = r.max_addr = newdst;
  r.min_proto = range.min_proto;
  r.max_proto = range.max_proto;
  return nf_nat_setup_info(*ct, r, NF_NAT_MANIP_DST);
}

}  // namespace skbox
