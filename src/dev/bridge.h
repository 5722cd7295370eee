// The Linux bridge (net/bridge/): a NetBridge device with ports, a
// forwarding database learned from source addresses, and the port state
// machine as it runs with STP off.
// Not modelled: STP (BPDUs, stp_state 1), VLAN filtering, multicast snooping
// (multicast is flooded), proxy ARP, switchdev offload. br_netfilter is
// br_netfilter_hooks.cpp.
#pragma once
#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/expected.h"
#include "core/timer.h"
#include "ipv4/devinet.h"
#include "neigh/neighbour.h"
#include "net/netdevice.h"
#include "net/notifier.h"

namespace skbox {

class NetBridge;

// enum br_port_state (BR_STATE_*)
enum : uint8_t {
  BR_STATE_DISABLED = 0, BR_STATE_LISTENING = 1, BR_STATE_LEARNING = 2,
  BR_STATE_FORWARDING = 3, BR_STATE_BLOCKING = 4,
};
const char* br_port_state_name(uint8_t s);  // "disabled", "forwarding", ...

// Port flags (BR_*), the ones `bridge link set` changes.
enum : uint32_t {
  BR_HAIRPIN_MODE = 1u << 0, BR_LEARNING = 1u << 5, BR_FLOOD = 1u << 6,
  BR_MCAST_FLOOD = 1u << 14, BR_BCAST_FLOOD = 1u << 18,
};

// struct net_bridge_port
struct NetBridgePort {
  NetBridge* br = nullptr;
  NetDevice* dev = nullptr;
  uint16_t port_no = 0;
  uint16_t priority = 0x20;
  uint32_t path_cost = 2;
  uint8_t state = BR_STATE_DISABLED;
  uint32_t flags = BR_LEARNING | BR_FLOOD | BR_MCAST_FLOOD | BR_BCAST_FLOOD;
  Time forward_delay_until = 0;  // forward_delay_timer: armed even with STP off
};

// struct net_bridge_fdb_entry. dst == nullptr: the bridge's own address.
struct FdbEntry {
  MacAddr addr;
  uint16_t vid = 0;
  NetBridgePort* dst = nullptr;
  bool local = false;          // BR_FDB_LOCAL: delivered up, shown "permanent"
  bool is_static = false;      // BR_FDB_STATIC: never ages
  bool added_by_user = false;  // BR_FDB_ADDED_BY_USER
  Time updated = 0, used = 0;
};


// struct net_bridge
class NetBridge final : public NetDevice {
 public:
  NetBridge(Net& net, std::string name);
  ~NetBridge() override;
  std::string_view kind() const override { return "bridge"; }
  NetdevTx start_xmit(SkbPtr skb) override;  // br_dev_xmit
  int open() override;                      // br_dev_open
  void stop() override;                      // br_dev_stop
  uint32_t max_mtu() const override { return 65535; }
  Expected<void> add_slave(NetDevice* port, std::string& extack) override;  // br_add_if
  Expected<void> del_slave(NetDevice* port) override;                       // br_del_if

  // Ports, newest first (br->port_list: list_add_rcu puts a port at the head).
  std::vector<std::unique_ptr<NetBridgePort>> port_list;
  MacAddr bridge_id_addr;           // bridge_id.addr: zero until a port joins
  MacAddr fdb_dev_addr;             // the bridge address its local fdb entry was made for
  uint16_t bridge_priority = 0x8000;
  uint32_t ageing_time_cs = 30000;  // centiseconds (ageing_time)
  uint32_t forward_delay_cs = 1500, hello_time_cs = 200, max_age_cs = 2000;
  uint8_t vlan_filtering = 0;
  bool mtu_set_by_user = false;     // BROPT_MTU_SET_BY_USER

  // The fdb in fdb_list order (newest first), indexed by (addr, vid).
  std::list<FdbEntry> fdb_list;
  std::map<std::pair<MacAddr, uint16_t>, std::list<FdbEntry>::iterator> fdb_hash;
  Timer gc_work;

  Duration ageing_time() const { return Duration(ageing_time_cs) * (kSec / 100); }
  NetBridgePort* find_port(const NetDevice* dev) const;
};

NetBridgePort* br_port_get(const NetDevice* dev);  // null unless dev is a bridge port
bool netif_is_bridge_master(const NetDevice* dev);

// br_if.cpp
Expected<void> br_add_if(NetBridge* br, NetDevice* dev, std::string& extack);
Expected<void> br_del_if(NetBridge* br, NetDevice* dev);
void br_mtu_auto_adjust(NetBridge* br);
void br_device_event(NetdevEvent ev, NetDevice* dev);  // the netdevice notifier

// br_stp_if.cpp
void br_stp_enable_bridge(NetBridge* br);
void br_stp_disable_bridge(NetBridge* br);
void br_stp_enable_port(NetBridgePort* p);
void br_stp_disable_port(NetBridgePort* p);
void br_port_state_selection(NetBridge* br);
void br_port_carrier_check(NetBridgePort* p);
bool br_stp_recalculate_bridge_id(NetBridge* br);
void br_set_state(NetBridgePort* p, uint8_t state);

// br_fdb.cpp
FdbEntry* br_fdb_find(NetBridge* br, const MacAddr& addr, uint16_t vid);
void br_fdb_update(NetBridge* br, NetBridgePort* source, const MacAddr& addr, uint16_t vid);
int br_fdb_add_local(NetBridge* br, NetBridgePort* source, const MacAddr& addr, uint16_t vid);
void br_fdb_change_mac_address(NetBridge* br, const MacAddr& newaddr);
void br_fdb_changeaddr(NetBridgePort* p, const MacAddr& newaddr);
void br_fdb_delete_by_port(NetBridge* br, NetBridgePort* p, bool do_all);
void br_fdb_cleanup(NetBridge* br);
void br_fdb_flush(NetBridge* br);
uint16_t fdb_to_nud(const NetBridge* br, const FdbEntry& f);
// RTM_NEWNEIGH / RTM_DELNEIGH with NTF_MASTER on a port (br_fdb_add /
// br_fdb_delete): the errno on failure.
int br_fdb_add(NetBridge* br, NetBridgePort* p, const MacAddr& addr, uint16_t vid, uint16_t state, uint16_t nlflags);
int br_fdb_delete(NetBridge* br, NetBridgePort* p, const MacAddr& addr, uint16_t vid);

// br_input.cpp / br_forward.cpp
RxHandlerResult br_handle_frame(SkbPtr& skb);
// br_handle_frame_finish for a frame whose skb->dev is the port it came in
// on: Another means it goes up the bridge (skb->dev is the bridge now).
// The _rcv form, for br_netfilter's continuations, receives it there itself.
RxHandlerResult br_handle_frame_finish(SkbPtr& skb);
void br_handle_frame_finish_rcv(SkbPtr skb);
// br_forward_finish (NF_BR_POST_ROUTING, then out) and
// br_dev_queue_push_xmit, for a frame whose skb->dev is its output port.
void br_forward_finish(Net& net, SkbPtr skb);
void br_dev_queue_push_xmit(SkbPtr skb);
enum class BrPktType : uint8_t { Unicast, Multicast, Broadcast };
// Both take the frame (pulled to its network header) and drop it when no
// port should get it. The _clone forms are for a frame that also goes up
// the bridge (local_rcv): each port gets a copy, and nothing is dropped.
void br_forward(NetBridgePort* to, SkbPtr skb);
void br_flood(NetBridge* br, SkbPtr skb, BrPktType type);
void br_forward_clone(NetBridgePort* to, const SkBuff& skb);
void br_flood_clone(NetBridge* br, const SkBuff& skb, BrPktType type);
// What `bridge fdb show` lists as a device's own ("self") addresses and
// skbox keeps nowhere else: the unicast addresses added with `bridge fdb
// add ... self` (dev->uc, filled by ndo_dflt_fdb_add), and whether
// ipv6_mc_down ever took the IPv6 groups off dev->mc (an IPv6-ready device
// went down): they are back only while the device is IPv6-ready again,
// and then after the groups joined when it came up.
struct DevAddrLists {
  std::vector<MacAddr> uc;
  bool mc6_dropped = false;
};
DevAddrLists& dev_addr_lists(const NetDevice* dev);
void dev_addr_lists_forget(const NetDevice* dev);

// br_netlink.cpp: port attributes of IFLA_PROTINFO / bridge_slave data.
struct BrPortChanges {
  std::optional<bool> hairpin, learning, flood, mcast_flood, bcast_flood;
  std::optional<uint32_t> cost, priority;
  std::optional<uint8_t> state;
};
int br_setport(NetBridgePort* p, const BrPortChanges& c);  // 0 or the errno

// iplink_bridge.cpp: `ip link add NAME type bridge`
Expected<NetDevice*> br_dev_newlink(Net& net, const std::string& name);

}  // namespace skbox
