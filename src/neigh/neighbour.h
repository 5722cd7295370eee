// The neighbour subsystem (net/core/neighbour.c) with ARP as its IPv4
// protocol (net/ipv4/arp.c): resolution of next-hop addresses to link
// addresses, the NUD state machine and its timers, the per-device parameters
// (net.ipv4.neigh.<dev>.*), garbage collection and the proxy/unresolved queues.
//
// Not modelled: the app_probes path (no arpd/netlink listener: app probes are
// skipped), NTF_MANAGED entries, hardware offload flags, per-CPU statistics
// (one set per table), RCU/refcount races. Linux has one global ARP table;
// skbox has one per namespace, each with its own gc thresholds and default
// parms (what net.ipv4.neigh.default holds in the initial namespace).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/skbuff.h"
#include "core/time.h"
#include "net/notifier.h"
#include "wire/addr.h"

namespace skbox {

class Net;
class NetDevice;
class NeighTable;

// Lets Net own a NeighTable without seeing its definition.
struct NeighTableDeleter {
  void operator()(NeighTable* t) const;
};

// NUD_* bits (include/uapi/linux/neighbour.h); a neighbour is in exactly one.
enum class NudState : uint8_t {
  None = 0x00,
  Incomplete = 0x01,
  Reachable = 0x02,
  Stale = 0x04,
  Delay = 0x08,
  Probe = 0x10,
  Failed = 0x20,
  Noarp = 0x40,
  Permanent = 0x80,
};
// The same bits as plain integers, for masks (NUD_IN_TIMER, NUD_VALID, ...).
enum : uint8_t {
  NUD_NONE = 0x00, NUD_INCOMPLETE = 0x01, NUD_REACHABLE = 0x02, NUD_STALE = 0x04,
  NUD_DELAY = 0x08, NUD_PROBE = 0x10, NUD_FAILED = 0x20, NUD_NOARP = 0x40, NUD_PERMANENT = 0x80,
  NUD_IN_TIMER = NUD_INCOMPLETE | NUD_REACHABLE | NUD_DELAY | NUD_PROBE,
  NUD_VALID = NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE | NUD_PROBE | NUD_STALE | NUD_DELAY,
  NUD_CONNECTED = NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE,
};
// ndm_flags (NTF_*).
enum : uint8_t {
  NTF_USE = 0x01, NTF_SELF = 0x02, NTF_MASTER = 0x04, NTF_PROXY = 0x08,
  NTF_EXT_LEARNED = 0x10, NTF_OFFLOADED = 0x20, NTF_STICKY = 0x40, NTF_ROUTER = 0x80,
};
// neigh_update() flags (NEIGH_UPDATE_F_*).
enum : uint32_t {
  NEIGH_UPDATE_F_OVERRIDE = 1u << 0,
  NEIGH_UPDATE_F_WEAK_OVERRIDE = 1u << 1,
  NEIGH_UPDATE_F_OVERRIDE_ISROUTER = 1u << 2,
  NEIGH_UPDATE_F_USE = 1u << 3,
  NEIGH_UPDATE_F_EXT_LEARNED = 1u << 4,
  NEIGH_UPDATE_F_ISROUTER = 1u << 5,
  NEIGH_UPDATE_F_ADMIN = 1u << 6,
};

// Per-device neighbour parameters (struct neigh_parms), times in ns.
struct NeighParms {
  Duration base_reachable_time = 30 * kSec;
  Duration retrans_time = 1 * kSec;
  Duration delay_probe_time = 5 * kSec;
  Duration gc_staletime = 60 * kSec;
  Duration locktime = 1 * kSec;
  Duration anycast_delay = 1 * kSec;
  Duration proxy_delay = 800 * kMsec;
  Duration interval_probe_time = 5 * kSec;
  int ucast_probes = 3;
  int mcast_probes = 3;
  int app_probes = 0;
  int mcast_reprobes = 0;
  int queue_len_bytes = 212992;  // unres_qlen_bytes
  int proxy_qlen = 64;
  // Randomised from base_reachable_time (neigh_rand_reach_time) the first
  // time it is needed after base_reachable_time changed, and again every
  // 300 s as neigh_periodic_work does; read it through neigh_reachable_time().
  Duration reachable_time = 30 * kSec;
  Duration rand_base = -1;  // base_reachable_time that reachable_time was drawn from
  Time rand_at = 0;         // when it was drawn
};

// SKB_TRUESIZE(ETH_FRAME_LEN): unres_qlen (packets) = unres_qlen_bytes / this.
constexpr int kNeighTruesizeEthFrame = 2090;

struct Neighbour;
struct ArpTap;

// The namespace's ARP table.
NeighTable& arp_table(Net& net);

// ip_finish_output2's neighbour step for IPv4: resolve `nexthop` on dev and
// transmit skb (which starts at its IP header), queueing it while the
// neighbour is INCOMPLETE. Consumes skb in every case.
// Returns what the transmit returned (0 when queued; NET_XMIT_DROP, -errno).
int neigh_output_ipv4(NetDevice* dev, Ipv4Addr nexthop, SkbPtr skb);

// ETH_P_ARP receive handler (arp_rcv); consumes skb.
void arp_rcv(SkbPtr skb);

// Sets up the namespace's ARP table (called when a Net is created).
void neigh_net_init(Net& net);
// Per-device set-up when a device is registered (its neigh_parms, copied
// from the namespace defaults).
void neigh_dev_init(NetDevice* dev);
// The netdevice notifier (arp_netdev_event, plus the arp_ifdown that
// fib_disable_ip/inetdev_destroy do on DOWN and UNREGISTER).
void arp_netdev_event(NetdevEvent ev, NetDevice* dev);
// arp_ifdown: every ARP entry of dev goes, PERMANENT ones and proxies too.
void arp_ifdown(NetDevice* dev);

// __neigh_update: the single place a neighbour changes state or address.
// lladdr nullptr = none given. Returns 0 or -errno; *extack gets the
// netlink error message when there is one.
int neigh_update(Neighbour* n, const MacAddr* lladdr, uint8_t new_state, uint32_t flags,
                 std::string* extack = nullptr);
// neigh_event_send: marks the entry used, starts resolution (INCOMPLETE,
// STALE -> DELAY). Returns 0 when skb may be sent now; otherwise skb was
// queued or dropped. skb may be null (a bare "use").
int neigh_event_send(Neighbour* n, SkbPtr* skb);
// neigh_event_ns: an ARP request from (sip, sha) for one of our addresses.
Neighbour* neigh_event_ns(NeighTable& tbl, const MacAddr& sha, Ipv4Addr sip, NetDevice* dev);

// Netlink-style control (RTM_NEWNEIGH / RTM_DELNEIGH / RTM_GETNEIGH) for
// `ip neigh`: errors are -errno with the extack message, as the kernel
// returns them.
struct NeighRequest {
  Ipv4Addr dst;
  NetDevice* dev = nullptr;
  uint8_t state = NUD_PERMANENT;  // ndm_state
  uint8_t flags = 0;              // ndm_flags (NTF_PROXY, NTF_ROUTER, NTF_USE, ...)
  bool has_lladdr = false;
  std::vector<uint8_t> lladdr;    // as given (any length; short ones are refused)
  bool create = false, excl = false, replace = false;  // NLM_F_*
};
int neigh_add(Net& net, const NeighRequest& req, std::string* extack);
int neigh_delete(Net& net, const NeighRequest& req, std::string* extack);
// neigh_get: *out set on success; -ENOENT with "Neighbour entry not found".
int neigh_get(Net& net, const NeighRequest& req, Neighbour** out, std::string* extack);

// Cache info as neigh_fill_info reports it, in USER_HZ ticks.
struct NeighCacheInfo {
  uint32_t used = 0, confirmed = 0, updated = 0, refcnt = 0;
};
NeighCacheInfo neigh_cacheinfo(const Neighbour& n);

// reachable_time of p, re-randomised when due (neigh_rand_reach_time).
Duration neigh_reachable_time(Net& net, NeighParms& p);

// /proc/net/arp.
std::string neigh_proc_arp(Net& net);
// /proc/net/stat/arp_cache.
std::string neigh_proc_stat(Net& net);

// arp_error_report's ICMP: host unreachable to the sender of skb, which is
// then freed with NEIGH_FAILED (defined in src/ipv4/icmp.cpp).
void icmp_send_host_unreach(SkbPtr skb);

// Builds and transmits one ARP packet (arp_send_dst): dest_hw nullptr means
// the device broadcast; target_hw nullptr means zeros in the payload.
void arp_send(uint16_t op, Ipv4Addr dest_ip, NetDevice* dev, Ipv4Addr src_ip, const MacAddr* dest_hw,
              const MacAddr& src_hw, const MacAddr* target_hw);

}  // namespace skbox
