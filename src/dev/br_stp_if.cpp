// The port state machine as it runs with STP off (br_stp_if.c, br_stp.c):
// an enabled port passes through blocking straight to forwarding, and the
// bridge has carrier while at least one port forwards. Also the bridge id
// (and so the bridge's MAC), which follows the lowest port address.
#include "dev/bridge.h"
#include "net/dev.h"
#include "net/net.h"
#include "net/world.h"

namespace skbox {

bool br_port_oper_up(const NetDevice* dev);

void br_set_state(NetBridgePort* p, uint8_t state) { p->state = state; }

// br_port_state_selection: every designated port that is blocking forwards
// (br_make_forwarding with BR_NO_STP).
void br_port_state_selection(NetBridge* br) {
  unsigned liveports = 0;
  for (auto& p : br->port_list) {
    if (p->state == BR_STATE_DISABLED) continue;
    if (p->state == BR_STATE_BLOCKING) {
      // br_make_forwarding with BR_NO_STP: forwarding at once, yet the
      // forward_delay timer is still armed (and shown by `ip -d link`).
      br_set_state(p.get(), BR_STATE_FORWARDING);
      if (br->forward_delay_cs) p->forward_delay_until = br->net->world.now() + Duration(br->forward_delay_cs) * (kSec / 100);
    }
    if (p->state == BR_STATE_FORWARDING) ++liveports;
  }
  if (liveports == 0)
    netif_carrier_off(br);
  else
    netif_carrier_on(br);
}

void br_stp_enable_port(NetBridgePort* p) {
  br_set_state(p, BR_STATE_BLOCKING);  // br_init_port
  br_port_state_selection(p->br);
}

// br_stp_disable_port: learned addresses behind the port are forgotten.
void br_stp_disable_port(NetBridgePort* p) {
  br_set_state(p, BR_STATE_DISABLED);
  br_fdb_delete_by_port(p->br, p, false);
  br_port_state_selection(p->br);
}

void br_stp_enable_bridge(NetBridge* br) {
  for (auto& p : br->port_list)
    if (br_port_oper_up(p->dev)) br_stp_enable_port(p.get());
}

void br_stp_disable_bridge(NetBridge* br) {
  for (auto& p : br->port_list)
    if (p->state != BR_STATE_DISABLED) br_stp_disable_port(p.get());
}

void br_port_carrier_check(NetBridgePort* p) {
  if (!p->br->is_up()) return;
  if (br_port_oper_up(p->dev)) {
    if (p->state == BR_STATE_DISABLED) br_stp_enable_port(p);
  } else if (p->state != BR_STATE_DISABLED) {
    br_stp_disable_port(p);
  }
}

// br_stp_recalculate_bridge_id: unless the admin set the bridge's address,
// it is the lowest of its ports' (all zeros without ports).
bool br_stp_recalculate_bridge_id(NetBridge* br) {
  if (br->addr_assign_type == NET_ADDR_SET) return false;
  const MacAddr* addr = nullptr;
  for (auto& p : br->port_list)
    if (!addr || p->dev->dev_addr < *addr) addr = &p->dev->dev_addr;
  const MacAddr a = addr ? *addr : MacAddr{};
  if (a == br->bridge_id_addr) return false;
  // br_stp_change_bridge_id
  br_fdb_change_mac_address(br, a);
  br->bridge_id_addr = a;
  br->dev_addr = a;
  return true;
}

}  // namespace skbox
