// The generic device layer (net/core/dev.c): transmit entry, receive entry
// through the per-CPU backlog and NET_RX softirq, protocol dispatch, and
// device state changes (up/down, carrier, mtu).
#pragma once
#include <cerrno>
#include <cstdint>

#include "core/expected.h"
#include "core/skbuff.h"
#include "wire/addr.h"

namespace skbox {

class Net;
class NetDevice;
class World;
enum class OperState : uint8_t;

// dev_queue_xmit's return codes (include/linux/netdevice.h).
enum : int { NET_XMIT_SUCCESS = 0, NET_XMIT_DROP = 1, NET_XMIT_CN = 2 };
// net_xmit_errno: the errno a sender sees for a positive code.
inline int net_xmit_errno(int e) { return e != NET_XMIT_CN ? -ENOBUFS : 0; }

// Queues skb (starting at its link-layer header) for transmission on skb->dev.
// Consumes it: transmits, or drops with a reason (device down, ...).
// Returns NET_XMIT_SUCCESS, NET_XMIT_DROP (the driver dropped it) or
// NET_XMIT_CN (a device that is down), as __dev_queue_xmit does.
int dev_queue_xmit(SkbPtr skb);

// Builds the Ethernet header (dev_hard_header / eth_header) in front of the
// network header. dst may be broadcast.
void eth_header(SkBuff& skb, NetDevice* dev, uint16_t ethertype, const MacAddr& dst, const MacAddr& src);

// Sets skb->protocol and pkt_type from the Ethernet header and pulls it
// (eth_type_trans). Needs at least ETH_HLEN bytes; returns the protocol.
uint16_t eth_type_trans(SkBuff& skb, NetDevice* dev);

// Receive entry from a driver: enqueues to the CPU backlog (drops when the
// backlog holds netdev_max_backlog packets) and raises NET_RX. True when
// queued (NET_RX_SUCCESS), false when dropped.
bool netif_rx(SkbPtr skb);

// Protocol dispatch after the backlog (__netif_receive_skb_core).
void netif_receive_skb(SkbPtr skb);

// Admin state changes, as `ip link set DEV up|down` (dev_change_flags).
Expected<void> dev_open(NetDevice* dev);
Expected<void> dev_close(NetDevice* dev);
Expected<void> dev_set_mtu(NetDevice* dev, uint32_t mtu);
Expected<void> dev_set_mac_address(NetDevice* dev, const MacAddr& addr);
// eth_hw_addr_random: a random unicast, locally administered address from
// the world's seeded RNG, marked NET_ADDR_RANDOM.
void eth_hw_addr_random(NetDevice* dev);
// Carrier changes from the driver (netif_carrier_on/off) and the resulting
// operstate (linkwatch, applied at once in virtual time).
void netif_carrier_on(NetDevice* dev);
void netif_carrier_off(NetDevice* dev);
void dev_update_operstate(NetDevice* dev);
// linkwatch: operstate is derived from carrier after the control operation
// that changed it is over (Linux runs the linkwatch work after RTNL is
// released), so it sees the final topology, e.g. a veth peer already moved
// to another namespace. While a LinkwatchBatch is alive, carrier events
// queue up; the outermost one's end applies them in order. No device may be
// unregistered while a batch is open.
class LinkwatchBatch {
 public:
  LinkwatchBatch();
  ~LinkwatchBatch();
  LinkwatchBatch(const LinkwatchBatch&) = delete;
  LinkwatchBatch& operator=(const LinkwatchBatch&) = delete;
};
// Queues dev's operstate update (applied at once outside any batch).
void linkwatch_fire_event(NetDevice* dev);
// dev_get_iflink: the ifindex of the device this one sits on (a veth's
// peer, in whatever namespace), else its own.
int dev_get_iflink(const NetDevice* dev);
// The operstate linkwatch derives from carrier (default_operstate).
OperState default_operstate(const NetDevice* dev);

// Per-CPU receive state (struct softnet_data).
struct SoftnetStats {
  uint64_t processed = 0, dropped = 0, time_squeeze = 0, received_rps = 0, flow_limit_count = 0;
};

}  // namespace skbox

namespace skbox {
// Drops packets of dev still waiting in a CPU backlog (flush_backlog on
// unregister), so nothing refers to it afterwards.
void dev_purge_backlog(World& world, NetDevice* dev);
}  // namespace skbox
