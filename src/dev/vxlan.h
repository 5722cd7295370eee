// VXLAN (drivers/net/vxlan/): an Ethernet device whose frames travel
// inside UDP/IPv4 datagrams to remote tunnel endpoints (RFC 7348). The
// forwarding database maps inner MAC addresses to remote endpoints; the
// all-zeros MAC is the default destination list (head-end replication).
// Not modelled: IPv6 underlay, multicast groups on receive (no IGMP join:
// a `group` device sends to the group but only unicast is received),
// collect_metadata/external mode, GBP/GPE, route short-circuit (rsc),
// nexthop groups, vnifilter, GRO, the encap-bypass for local endpoints,
// tunnel PMTU discovery (skb_tunnel_check_pmtu), l2miss/l3miss netlink
// notifications (nothing in skbox listens to RTM_GETNEIGH events).
#pragma once
#include <cstdint>
#include <list>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/expected.h"
#include "core/timer.h"
#include "net/netdevice.h"
#include "net/notifier.h"
#include "wire/addr.h"

namespace skbox {

// IANA port and the kernel's historical default (IANA_VXLAN_UDP_PORT,
// VXLAN default dst_port 8472, the value Linux used before the IANA one).
constexpr uint16_t kVxlanIanaPort = 4789;
constexpr uint16_t kVxlanDefaultPort = 8472;
// Outer headers: IPv4 20 + UDP 8 + VXLAN 8 + inner Ethernet 14 (VXLAN_HEADROOM).
constexpr uint32_t kVxlanHeadroom = 50;
constexpr uint32_t kVxlanHlen = 16;  // UDP + VXLAN header (VXLAN_HLEN)

// struct vxlan_rdst: one remote endpoint of an fdb entry.
struct VxlanRdst {
  Ipv4Addr remote_ip;
  uint16_t remote_port = 0;  // host order
  uint32_t remote_vni = 0;
  int remote_ifindex = 0;
  bool operator==(const VxlanRdst&) const = default;
};

// struct vxlan_fdb
struct VxlanFdb {
  MacAddr eth_addr;
  std::vector<VxlanRdst> remotes;  // in append order (list_add_tail)
  uint16_t state = 0;              // NUD_*
  uint8_t flags = 0;               // NTF_*
  Time updated = 0, used = 0;
};

// struct vxlan_config
struct VxlanConfig {
  uint32_t vni = 0;
  Ipv4Addr remote_ip;   // remote or group; any = none
  Ipv4Addr saddr;       // local
  int remote_ifindex = 0;  // dev
  uint16_t dst_port = kVxlanDefaultPort;
  uint16_t port_min = 0, port_max = 0;
  uint8_t ttl = 0;          // 0 = auto
  bool ttl_inherit = false;
  uint8_t tos = 0;          // 1 = inherit
  bool learn = true, proxy = false, l2miss = false, l3miss = false;
  bool udp_csum = true;     // !VXLAN_F_UDP_ZERO_CSUM_TX
  uint32_t age_interval = 300;  // seconds
};

class VxlanDev final : public NetDevice {
 public:
  VxlanDev(Net& net, std::string name);
  ~VxlanDev() override;
  std::string_view kind() const override { return "vxlan"; }
  NetdevTx start_xmit(SkbPtr skb) override;  // vxlan_xmit
  int open() override;                      // vxlan_open
  void stop() override;                      // vxlan_stop
  uint32_t max_mtu() const override { return 65535; }

  VxlanConfig cfg;
  VxlanRdst default_dst;
  // The fdb, newest first (hlist_add_head), indexed by MAC.
  std::list<VxlanFdb> fdb_list;
  std::map<MacAddr, std::list<VxlanFdb>::iterator> fdb_hash;
  Timer age_timer;
};

bool netif_is_vxlan(const NetDevice* dev);

// vxlan_core.cpp: `ip link add NAME type vxlan ...` (vxlan_newlink). On
// failure the errno, with the kernel's extack message in extack.
Expected<NetDevice*> vxlan_newlink(Net& net, const std::string& name, const VxlanConfig& cfg, std::string& extack);
// The UDP encapsulation receive for a VXLAN socket (vxlan_rcv). skb data
// starts at the UDP header. Always takes the packet.
void vxlan_rcv(uint16_t port, SkbPtr skb);
// The netdevice notifier: a vxlan device goes with its lower device.
void vxlan_netdevice_event(NetdevEvent ev, NetDevice* dev);

// vxlan_fdb.cpp
VxlanFdb* vxlan_find_mac(VxlanDev* vx, const MacAddr& mac);
// RTM_NEWNEIGH / RTM_DELNEIGH on a vxlan device (vxlan_fdb_add /
// vxlan_fdb_delete). Attributes not given (NDA_PORT, NDA_VNI) take the
// device's dstport and VNI. 0 or the errno, extack the kernel's message.
struct VxlanFdbReq {
  MacAddr mac;
  std::optional<Ipv4Addr> ip;
  std::optional<uint16_t> port;
  std::optional<uint32_t> vni;
  int ifindex = 0;
  uint16_t state = 0;
  uint16_t nlflags = 0;
};
int vxlan_fdb_add(VxlanDev* vx, const VxlanFdbReq& req, std::string& extack);
int vxlan_fdb_delete(VxlanDev* vx, const VxlanFdbReq& req);
// Creates or updates a learned entry (vxlan_snoop). True when the packet
// must be dropped: its source is a static entry elsewhere.
bool vxlan_snoop(VxlanDev* vx, Ipv4Addr src_ip, const MacAddr& src_mac);
void vxlan_fdb_cleanup(VxlanDev* vx);  // the age timer
void vxlan_fdb_flush(VxlanDev* vx, bool do_all);
int vxlan_fdb_create_default(VxlanDev* vx);

}  // namespace skbox
