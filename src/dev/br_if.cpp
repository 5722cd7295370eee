// Adding and removing bridge ports (br_if.c) and the bridge's reaction to
// its ports' device events (br_device_event in br.c).
#include <algorithm>

#include "dev/bridge.h"
#include "ipv6/addrconf.h"
#include "net/dev.h"
#include "net/net.h"

namespace skbox {

namespace {

// port_cost: from the link speed; veth reports 10 Gb/s.
uint32_t port_cost(const NetDevice* dev) { return dev->kind() == "veth" ? 2 : 100; }

// find_portno: the lowest free port number, from 1.
uint16_t find_portno(const NetBridge* br) {
  for (uint16_t n = 1;; ++n) {
    bool used = false;
    for (auto& p : br->port_list) used |= p->port_no == n;
    if (!used) return n;
  }
}

bool netif_oper_up(const NetDevice* dev) {
  return dev->operstate == OperState::Up || dev->operstate == OperState::Unknown;
}

// del_nbp: the port stops forwarding, loses its fdb entries and its
// rx_handler; the bridge-wide consequences are the caller's.
void del_nbp(NetBridgePort* p) {
  NetBridge* br = p->br;
  NetDevice* dev = p->dev;
  if (p->state != BR_STATE_DISABLED) br_stp_disable_port(p);
  br_fdb_delete_by_port(br, p, true);
  dev->rx_handler = nullptr;
  dev->rx_handler_data = nullptr;
  dev->master = nullptr;
  --dev->promiscuity;
  --dev->allmulti;
  auto it = std::find_if(br->port_list.begin(), br->port_list.end(), [p](auto& q) { return q.get() == p; });
  br->port_list.erase(it);
}

thread_local bool in_mtu_adjust = false;

}  // namespace

bool br_port_oper_up(const NetDevice* dev) { return dev->is_up() && netif_oper_up(dev); }

// br_mtu_auto_adjust: the bridge follows its smallest port unless the
// admin set its MTU (a bridge without ports goes back to 1500).
void br_mtu_auto_adjust(NetBridge* br) {
  if (br->mtu_set_by_user) return;
  uint32_t mtu = 0;
  for (auto& p : br->port_list)
    if (!mtu || p->dev->mtu < mtu) mtu = p->dev->mtu;
  if (!mtu) mtu = 1500;
  in_mtu_adjust = true;
  (void)dev_set_mtu(br, mtu);
  in_mtu_adjust = false;
}

Expected<void> br_add_if(NetBridge* br, NetDevice* dev, std::string& extack) {
  // Only Ethernet-like devices with a valid address can be ports.
  if (dev->is_loopback() || dev->type != ARPHRD_ETHER || !dev->dev_addr.is_valid_unicast()) return Errno(EINVAL);
  if (netif_is_bridge_master(dev)) {
    extack = "Can not enslave a bridge to a bridge";
    return Errno(ELOOP);
  }
  if (dev->master) return Errno(EBUSY);
  auto owned = std::make_unique<NetBridgePort>();
  NetBridgePort* p = owned.get();
  p->br = br;
  p->dev = dev;
  p->port_no = find_portno(br);
  p->path_cost = port_cost(dev);
  dev->rx_handler = &br_handle_frame;
  dev->rx_handler_data = p;
  dev->master = br;
  // br_add_if takes allmulti; without VLAN filtering br_manage_promisc
  // makes every port promiscuous.
  ++dev->promiscuity;
  ++dev->allmulti;
  br->port_list.insert(br->port_list.begin(), std::move(owned));
  br_fdb_add_local(br, p, dev->dev_addr, 0);
  if (br_port_oper_up(dev) && br->is_up()) br_stp_enable_port(p);
  const bool changed_addr = br_stp_recalculate_bridge_id(br);
  br_mtu_auto_adjust(br);
  if (changed_addr) call_netdevice_notifiers(NetdevEvent::ChangeAddr, br);
  return {};
}

Expected<void> br_del_if(NetBridge* br, NetDevice* dev) {
  NetBridgePort* p = br_port_get(dev);
  if (!p || p->br != br) return Errno(EINVAL);
  del_nbp(p);
  br_mtu_auto_adjust(br);
  if (br_stp_recalculate_bridge_id(br)) call_netdevice_notifiers(NetdevEvent::ChangeAddr, br);
  return {};
}

void br_device_event(NetdevEvent ev, NetDevice* dev) {
  // The address lists `bridge fdb show` prints for every device.
  if (ev == NetdevEvent::Unregister) dev_addr_lists_forget(dev);
  if (ev == NetdevEvent::GoingDown && dev->ip6_ptr && (dev->ip6_ptr->if_flags & IF_READY))
    dev_addr_lists(dev).mc6_dropped = true;
  if (netif_is_bridge_master(dev)) {
    auto* br = static_cast<NetBridge*>(dev);
    if (ev == NetdevEvent::ChangeMtu && !in_mtu_adjust) br->mtu_set_by_user = true;
    // br_set_mac_address: an address the admin gives becomes the bridge id
    // and a local fdb entry.
    if (ev == NetdevEvent::ChangeAddr && br->dev_addr != br->fdb_dev_addr) {
      br_fdb_change_mac_address(br, br->dev_addr);
      br->bridge_id_addr = br->dev_addr;
    }
    // br_dev_delete: a bridge going away releases its ports first.
    if (ev == NetdevEvent::Unregister)
      while (!br->port_list.empty()) del_nbp(br->port_list.front().get());
    return;
  }
  NetBridgePort* p = br_port_get(dev);
  if (!p) return;
  NetBridge* br = p->br;
  switch (ev) {
    case NetdevEvent::ChangeMtu:
      br_mtu_auto_adjust(br);
      break;
    case NetdevEvent::ChangeAddr:
      br_fdb_changeaddr(p, dev->dev_addr);
      if (br_stp_recalculate_bridge_id(br)) call_netdevice_notifiers(NetdevEvent::ChangeAddr, br);
      break;
    case NetdevEvent::Change:
      br_port_carrier_check(p);
      break;
    case NetdevEvent::Down:
      if (br->is_up()) br_stp_disable_port(p);
      break;
    case NetdevEvent::Up:
      if (br->is_up() && netif_oper_up(dev)) br_stp_enable_port(p);
      break;
    case NetdevEvent::Unregister:
      (void)br_del_if(br, dev);
      break;
    default:
      break;
  }
}

}  // namespace skbox
