// br_setport (br_netlink.c): the port attributes `bridge link set` and
// `ip link set DEV type bridge_slave` change, applied in the kernel's order
// (flags, then cost, priority and state); an error leaves what came
// before it applied.
#include "dev/bridge.h"

namespace skbox {

int br_setport(NetBridgePort* p, const BrPortChanges& c) {
  auto setf = [&](const std::optional<bool>& v, uint32_t bit) {
    if (v) p->flags = *v ? p->flags | bit : p->flags & ~bit;
  };
  setf(c.hairpin, BR_HAIRPIN_MODE);
  setf(c.learning, BR_LEARNING);
  setf(c.flood, BR_FLOOD);
  setf(c.mcast_flood, BR_MCAST_FLOOD);
  setf(c.bcast_flood, BR_BCAST_FLOOD);
  if (c.cost) {
    if (*c.cost < 1 || *c.cost > 65535) return ERANGE;  // br_stp_set_path_cost
    p->path_cost = *c.cost;
  }
  if (c.priority) {
    if (*c.priority > 63) return ERANGE;  // BR_MAX_PORT_PRIORITY
    p->priority = static_cast<uint16_t>(*c.priority);
  }
  if (c.state) {
    // br_set_port_state: a port that is down takes no state; one without
    // carrier only "disabled".
    if (*c.state > BR_STATE_BLOCKING) return EINVAL;
    const NetDevice* dev = p->dev;
    const bool oper_up = dev->operstate == OperState::Up || dev->operstate == OperState::Unknown;
    if (!dev->is_up() || (!oper_up && *c.state != BR_STATE_DISABLED)) return ENETDOWN;
    br_set_state(p, *c.state);
    br_port_state_selection(p->br);
  }
  return 0;
}

}  // namespace skbox
