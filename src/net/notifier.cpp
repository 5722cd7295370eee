#include "net/notifier.h"

namespace skbox {

// Subsystem handlers, in the order Linux runs them: IPv4 addresses
// (inetdev_event), then routes (fib_netdev_event), neighbours
// (neigh/arp_netdev_event), IPv6 (addrconf_notify), then the bridge, br_netfilter, VXLAN and MASQUERADE's flush.
#define SKBOX_NOTIFIERS(X) \
  X(inetdev_event) \
  X(fib_netdev_event) \
  X(arp_netdev_event) \
  X(addrconf_notify) \
  X(br_device_event) \
  X(brnf_device_event) \
  X(vxlan_netdevice_event) \
  X(masq_device_event) \
  /* end */

#define SKBOX_NOTIFIER_DECL(fn) void fn(NetdevEvent, NetDevice*);
SKBOX_NOTIFIERS(SKBOX_NOTIFIER_DECL)
#undef SKBOX_NOTIFIER_DECL

void call_netdevice_notifiers(NetdevEvent ev, NetDevice* dev) {
#define SKBOX_NOTIFIER_CALL(fn) fn(ev, dev);
  SKBOX_NOTIFIERS(SKBOX_NOTIFIER_CALL)
#undef SKBOX_NOTIFIER_CALL
  (void)ev;
  (void)dev;
}

}  // namespace skbox
