// br_netfilter (net/bridge/br_netfilter_hooks.c, include/linux/
// netfilter_bridge.h): bridged IPv4 frames walk the IPv4 netfilter hooks
// (iptables, conntrack, NAT) while net.bridge.bridge-nf-call-iptables is 1,
// with the bridge as in/out device and the ports as physindev/physoutdev
// (what -m physdev and LOG's PHYSIN=/PHYSOUT= read).
//
// Loaded or not: the oracle kernel has CONFIG_BRIDGE_NETFILTER=y, so the
// module is always there. Its sysctls (net.bridge.bridge-nf-*) exist in
// every namespace from its creation, at 1/1/1/0/0/0 (`unshare -n sysctl -a
// | grep bridge` shows them with no bridge anywhere), and its hooks are
// registered in a namespace when the first bridge device is registered
// there (brnf_device_event), as the kernel does since 5.3. A modular
// kernel without `modprobe br_netfilter` would have neither: skbox models
// the built-in one. `-m physdev`'s request_module is a no-op here.
//
// Not modelled: IPv6 (ip6tables is not modelled: bridged IPv6 is never
// handed to IPv6 hooks), arptables (bridge-nf-call-arptables is only a
// sysctl), VLAN/PPPoE encapsulated frames (filter-vlan-tagged,
// filter-pppoe-tagged, pass-vlan-input-dev), the per-bridge nf_call_*
// options, promiscuous local_rcv's conntrack reset, the neighbour's
// hh_len (a connected neighbour is taken to have its header cached).
#pragma once

#include "core/skbuff.h"
#include "net/notifier.h"

namespace skbox {

class Net;
class NetDevice;

// nf_bridge_info_exists / nf_bridge_get_physindev / physoutdev: the ports
// of a bridged packet (nullptr when none, or when the port is gone).
inline bool nf_bridge_info_exists(const SkBuff& skb) { return skb.nf_bridge.present; }
const NetDevice* nf_bridge_get_physindev(const SkBuff& skb);
inline const NetDevice* nf_bridge_get_physoutdev(const SkBuff& skb) {
  return skb.nf_bridge.present ? skb.nf_bridge.physoutdev : nullptr;
}

// br_nf_dev_xmit (nf_br_ops.br_dev_xmit_hook), first thing in br_dev_xmit:
// a bridged-and-DNAT'ed frame back from the bridge's neighbour output is
// bridged from its input port again. True when it took the frame.
bool br_nf_dev_xmit(SkbPtr& skb);

// The netdevice notifier: the first bridge of a namespace registers the hooks.
void brnf_device_event(NetdevEvent ev, NetDevice* dev);

}  // namespace skbox
