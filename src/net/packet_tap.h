// A packet tap: what an AF_PACKET socket with ETH_P_ALL hooks into the
// device layer (struct packet_type on ptype_all). It sees each frame a
// device transmits (dev_queue_xmit_nit, before the driver) and receives
// (__netif_receive_skb_core, before the bridge's rx_handler and protocol
// delivery), starting at the link-layer header, as tcpdump does.
#pragma once
#include <cstdint>
#include <span>

#include "core/skbuff.h"

namespace skbox {

class Net;
class NetDevice;

class PacketTap {
 public:
  virtual ~PacketTap() = default;
  // frame: the bytes from the link header on; dev: the device it crosses;
  // outgoing: PACKET_OUTGOING (sent by dev) rather than received on it.
  // The skb stays the caller's: a tap that keeps the packet copies it.
  virtual void tap(const SkBuff& skb, std::span<const uint8_t> frame, NetDevice* dev, bool outgoing) = 0;
};

// Adds or removes a tap on one device, or on all of net's (dev null).
void dev_add_pack(Net& net, NetDevice* dev, PacketTap* tap);
void dev_remove_pack(Net& net, NetDevice* dev, PacketTap* tap);

}  // namespace skbox
