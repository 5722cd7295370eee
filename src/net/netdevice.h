// NetDevice: one network interface (struct net_device). Device kinds
// (loopback, veth, ...) derive from it and implement start_xmit
// (ndo_start_xmit). The generic device layer lives in dev.cpp.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.h"
#include "core/skbuff.h"
#include "wire/addr.h"

namespace skbox {

class Net;
struct InDevice;
struct Inet6Dev;
struct NeighParms;
class PacketTap;

// What an rx_handler (a bridge port's br_handle_frame) did with a frame
// (enum rx_handler_result): Consumed: it took the skb; Another: skb->dev
// changed, run receive again for the new device; Exact/Pass: go on with
// protocol delivery on this device.
enum class RxHandlerResult : uint8_t { Consumed, Another, Exact, Pass };
using RxHandler = RxHandlerResult (*)(SkbPtr& skb);

// include/uapi/linux/if.h
enum : uint32_t {
  IFF_UP = 0x1, IFF_BROADCAST = 0x2, IFF_DEBUG = 0x4, IFF_LOOPBACK = 0x8,
  IFF_POINTOPOINT = 0x10, IFF_NOTRAILERS = 0x20, IFF_RUNNING = 0x40, IFF_NOARP = 0x80,
  IFF_PROMISC = 0x100, IFF_ALLMULTI = 0x200, IFF_MASTER = 0x400, IFF_SLAVE = 0x800,
  IFF_MULTICAST = 0x1000, IFF_PORTSEL = 0x2000, IFF_AUTOMEDIA = 0x4000, IFF_DYNAMIC = 0x8000,
  IFF_LOWER_UP = 0x10000, IFF_DORMANT = 0x20000, IFF_ECHO = 0x40000,
};

// RFC 2863 operational state (IF_OPER_*), as `ip link` prints it.
enum class OperState : uint8_t { Unknown = 0, NotPresent, Down, LowerLayerDown, Testing, Dormant, Up };
std::string_view operstate_name(OperState s);  // "UNKNOWN", "DOWN", "UP", ...

// ARPHRD_* link types.
enum : uint16_t { ARPHRD_ETHER = 1, ARPHRD_LOOPBACK = 772, ARPHRD_NONE = 0xfffe };

// dev->addr_assign_type
enum : uint8_t { NET_ADDR_PERM = 0, NET_ADDR_RANDOM = 1, NET_ADDR_STOLEN = 2, NET_ADDR_SET = 3 };

// struct rtnl_link_stats64
struct NetDeviceStats {
  uint64_t rx_packets = 0, tx_packets = 0, rx_bytes = 0, tx_bytes = 0;
  uint64_t rx_errors = 0, tx_errors = 0, rx_dropped = 0, tx_dropped = 0;
  uint64_t multicast = 0, collisions = 0;
  uint64_t rx_length_errors = 0, rx_over_errors = 0, rx_crc_errors = 0, rx_frame_errors = 0;
  uint64_t rx_fifo_errors = 0, rx_missed_errors = 0;
  uint64_t tx_aborted_errors = 0, tx_carrier_errors = 0, tx_fifo_errors = 0;
  uint64_t tx_heartbeat_errors = 0, tx_window_errors = 0;
  uint64_t rx_compressed = 0, tx_compressed = 0, rx_nohandler = 0;
  uint64_t rx_otherhost_dropped = 0;  // frames for another MAC, dropped by ip_rcv/ipv6_rcv
};

// What ndo_start_xmit reports: taken (NETDEV_TX_OK), busy, or taken but
// dropped by the driver (veth_xmit's NET_XMIT_DROP, seen by the sender).
enum class NetdevTx { Ok, Busy, Drop };

class NetDevice {
 public:
  NetDevice(Net& net, std::string name);
  virtual ~NetDevice();
  NetDevice(const NetDevice&) = delete;
  NetDevice& operator=(const NetDevice&) = delete;

  // rtnl_link_ops->kind ("veth"); empty for devices without one (loopback).
  virtual std::string_view kind() const = 0;
  // ndo_start_xmit: takes ownership of a frame starting at its link header.
  virtual NetdevTx start_xmit(SkbPtr skb) = 0;
  // ndo_open / ndo_stop.
  // ndo_open: 0 or -errno (the device stays down).
  virtual int open() { return 0; }
  virtual void stop() {}
  // The device this one is linked to (veth peer), for "veth1@if2".
  virtual NetDevice* link_peer() const { return nullptr; }
  // Allowed MTU range (dev->min_mtu, dev->max_mtu).
  virtual uint32_t min_mtu() const { return 68; }
  virtual uint32_t max_mtu() const { return 65535; }
  // ndo_add_slave / ndo_del_slave: a master (bridge) takes or releases a
  // port. extack gets the kernel's message for a refusal.
  virtual Expected<void> add_slave(NetDevice* port, std::string& extack) {
    (void)port, (void)extack;
    return Errno(EOPNOTSUPP);
  }
  virtual Expected<void> del_slave(NetDevice* port) {
    (void)port;
    return Errno(EOPNOTSUPP);
  }

  bool is_up() const { return flags & IFF_UP; }
  bool running() const { return is_up() && carrier; }  // netif_running && netif_carrier_ok
  bool is_loopback() const { return flags & IFF_LOOPBACK; }
  // Hard header length (ETH_HLEN for Ethernet-like devices).
  uint32_t hard_header_len = 14;

  Net* net;
  int ifindex = 0;
  std::string name;
  std::string alias;
  uint32_t flags = 0;       // IFF_* as set by the admin (UP, NOARP, PROMISC, ...)
  uint32_t mtu = 1500;
  uint16_t type = ARPHRD_ETHER;
  MacAddr dev_addr;
  MacAddr broadcast = MacAddr::broadcast();
  uint8_t addr_assign_type = NET_ADDR_PERM;
  bool carrier = true;      // netif_carrier_ok
  OperState operstate = OperState::Down;
  uint8_t link_mode = 0;
  uint32_t tx_queue_len = 1000;
  uint32_t group = 0;
  uint32_t gso_max_size = 65536, gso_max_segs = 65535;
  uint32_t tso_max_size = 524280;  // netif_set_tso_max_size (a vxlan takes its lower device's)
  std::string qdisc = "noqueue";
  NetDeviceStats stats;
  uint64_t carrier_changes = 0;  // carrier_up_count + carrier_down_count
  uint64_t carrier_up_count = 0, carrier_down_count = 0;
  uint32_t num_tx_queues = 1, num_rx_queues = 1;

  // dev->promiscuity / dev->allmulti beyond the admin's own IFF_PROMISC /
  // IFF_ALLMULTI: references taken by kernel users (a bridge port holds one
  // of each). `ip -d link` prints the sum; the flags line shows only the
  // admin's (dev_get_flags reports gflags).
  uint32_t promiscuity = 0, allmulti = 0;
  // The master this device is a port of (netdev_master_upper_dev_get).
  NetDevice* master = nullptr;
  // netdev_rx_handler_register: run on every received frame before
  // protocol delivery; rx_handler_data is the handler's per-port state.
  RxHandler rx_handler = nullptr;
  void* rx_handler_data = nullptr;
  // dev->ptype_all: packet taps bound to this device (tcpdump -i DEV).
  std::vector<PacketTap*> ptype_all;

  std::unique_ptr<InDevice> ip_ptr;    // IPv4 per-device state (addresses, conf)
  std::unique_ptr<Inet6Dev> ip6_ptr;   // IPv6 per-device state
  std::unique_ptr<NeighParms> arp_parms;  // neigh/<dev>/ sysctls for ARP
};

}  // namespace skbox
