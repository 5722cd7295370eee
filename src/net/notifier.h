// Netdevice notifier chain (register_netdevice_notifier): subsystems react to
// device events in a fixed order, as their notifiers are registered in Linux.
#pragma once

namespace skbox {

class NetDevice;

enum class NetdevEvent {
  Register,
  Up,
  GoingDown,
  Down,
  Change,          // flags/carrier/operstate changed
  ChangeMtu,
  ChangeAddr,
  ChangeName,
  Unregister,      // still attached to its Net; subsystems drop their references
};

// Calls every subsystem's handler, in order (see notifier.cpp).
void call_netdevice_notifiers(NetdevEvent ev, NetDevice* dev);

}  // namespace skbox
