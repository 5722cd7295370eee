// MASQUERADE's core (net/netfilter/nf_nat_masquerade.c): source NAT to
// the address the out device would pick for the route's next hop, and the
// device and address notifiers that forget such bindings when the device
// goes down or loses the address (a dial-up link's new address must not
// inherit connections bound to the old one).
//
// Not modelled: the deferred work item (the flush runs at the event), the
// IPv6 half.
#include <fmt/format.h>

#include "core/printk.h"
#include "ipv4/devinet.h"
#include "ipv4/ip.h"
#include "net/net.h"
#include "net/netdevice.h"
#include "net/world.h"
#include "netfilter/nf_nat.h"

namespace skbox {

NfVerdict nf_nat_masquerade_ipv4(SkBuff& skb, uint8_t hooknum, const NfNatRange2& range, const NetDevice* out) {
  (void)hooknum;  // POST_ROUTING: the target's hook mask guarantees it
  uint8_t ctinfo;
  NfConn* ct = nf_ct_get(skb, &ctinfo);
  if (!ct) return NfVerdict::Accept;
  // A locally generated packet with no source yet is not masqueraded.
  if (ct->tuple[IP_CT_DIR_ORIGINAL].src.is_any()) return NfVerdict::Accept;
  // rt_nexthop: the gateway, or the destination itself on a link route.
  const Ipv4Addr nh = skb.dst.has_gateway ? skb.dst.gateway : ip_hdr(skb).dst();
  const Ipv4Addr newsrc = inet_select_addr(out, nh, RT_SCOPE_UNIVERSE);
  if (newsrc.is_any()) {
    printk(out->net->world, LOGLEVEL_INFO, fmt::format("{} ate my IP address", out->name));
    return NfVerdict::Drop;
  }
  ct->masq_ifindex = out->ifindex;
  NfNatRange2 r;
  r.flags = range.flags | NF_NAT_RANGE_MAP_IPS;
  r.min_addr = r.max_addr = newsrc;
  r.min_proto = range.min_proto;
  r.max_proto = range.max_proto;
  return nf_nat_setup_info(*ct, r, NF_NAT_MANIP_SRC);
}

namespace {

template <class Pred>
void masq_flush(NetDevice* dev, Pred pred) {
  NfConntrackNet* cn = nf_ct_net_maybe(*dev->net);
  if (!cn || cn->confirmed == 0) return;
  const int ifindex = dev->ifindex;
  nf_ct_iterate_cleanup(*cn, [&](const NfConn& ct) {
    return (ct.status & IPS_SRC_NAT) && ct.masq_ifindex == ifindex && pred(ct);
  });
}

}  // namespace

void masq_device_event(NetdevEvent ev, NetDevice* dev) {
  if (ev == NetdevEvent::Down) masq_flush(dev, [](const NfConn&) { return true; });
}

void nf_nat_masq_inet_down(NetDevice* dev, Ipv4Addr addr) {
  // inet_cmp: the binding was to that address.
  masq_flush(dev, [&](const NfConn& ct) { return ct.tuple[IP_CT_DIR_REPLY].dst.v == addr.v; });
}

}  // namespace skbox
