// Net: one network namespace (struct net). It owns its devices, sysctls,
// routing tables, neighbour tables, sockets and counters. Cross-namespace
// references (veth peers) are by pointer and are cut when either side goes.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/expected.h"
#include "core/snmp.h"
#include "core/drop_reason.h"
#include "ipv4/devinet.h"
#include "ipv4/fib.h"
#include "ipv4/inet_peer.h"
#include "ipv4/ip_fragment.h"
#include "neigh/neighbour.h"
#include "net/netdevice.h"
#include "netfilter/nf_hook.h"
#include "netfilter/x_tables.h"

namespace skbox {

class World;
class NeighTable;
struct NeighParms;
class PingSockets;
class UdpTable;
struct Ipv6NetState;

// net.core.* sysctls that exist per namespace (netdev_max_backlog and
// friends are global: see World::core).
struct NetCoreSysctl {
  int somaxconn = 4096;
  // rmem_max/wmem_max: the oracle host's values, as the sysctl table shows them.
  int rmem_default = 212992, rmem_max = 4194304, wmem_default = 212992, wmem_max = 4194304;
};

// net.ipv4.* globals that the datapath reads.
struct NetIpv4Sysctl {
  int ip_default_ttl = 64;
  int ip_no_pmtu_disc = 0;
  int ip_nonlocal_bind = 0;
  int ip_forward_use_pmtu = 0;
  int ip_rt_min_pmtu = 552;      // net.ipv4.route.min_pmtu
  int ip_rt_mtu_expires = 600;   // net.ipv4.route.mtu_expires, seconds
  int ipfrag_time = 30;          // seconds a reassembly queue lives
  unsigned long ipfrag_high_thresh = 4 * 1024 * 1024;  // fqdir->high_thresh (bytes)
  unsigned long ipfrag_low_thresh = 3 * 1024 * 1024;   // fqdir->low_thresh (only bounds high_thresh)
  int ipfrag_max_dist = 64;      // fqdir->max_dist (0: off)
  int icmp_echo_ignore_all = 0;
  int icmp_echo_enable_probe = 0;
  int icmp_echo_ignore_broadcasts = 1;
  int icmp_ignore_bogus_error_responses = 1;
  int icmp_errors_use_inbound_ifaddr = 0;
  int icmp_ratelimit = 1000;   // ms (stored as jiffies in the kernel, shown in ms)
  int icmp_ratemask = 6168;
  int icmp_msgs_per_sec = 1000;
  int icmp_msgs_burst = 50;
  int ping_group_range[2] = {1, 0};
  int ip_local_port_range[2] = {32768, 60999};
  int fib_multipath_hash_policy = 0;
  int fib_multipath_hash_fields = 7;
  int fib_multipath_use_neigh = 0;
  int fib_multipath_hash_seed = 0;  // a u32 (0: the per-namespace random seed)
};

// net.netfilter.nf_conntrack_* (nf_conntrack_standalone.c), per namespace
// as Linux keeps them (nf_ct_pernet); timeouts in seconds.
struct NetNfConntrackSysctl {
  int count = 0;      // nf_conntrack_count: cnet->count, live (read-only)
  int buckets = 262144;
  int checksum = 1;
  int log_invalid = 0;
  int generic_timeout = 600;
  int icmp_timeout = 30;
  int udp_timeout = 30;
  int udp_timeout_stream = 120;
  int tcp_timeout_syn_sent = 120, tcp_timeout_syn_recv = 60, tcp_timeout_established = 432000,
      tcp_timeout_fin_wait = 120, tcp_timeout_close_wait = 60, tcp_timeout_last_ack = 30,
      tcp_timeout_time_wait = 120, tcp_timeout_close = 10, tcp_timeout_max_retrans = 300,
      tcp_timeout_unacknowledged = 300;
  int tcp_loose = 1, tcp_be_liberal = 0, tcp_max_retrans = 3, tcp_ignore_invalid_rst = 0;
};

// br_netfilter's per-namespace state (struct brnf_net): the
// net.bridge.bridge-nf-* sysctls (per namespace since Linux 5.3) and
// whether its hooks are registered here (dev/br_netfilter_hooks.cpp).
struct NetBrnf {
  int call_arptables = 1, call_iptables = 1, call_ip6tables = 1;
  int filter_vlan_tagged = 0, filter_pppoe_tagged = 0, pass_vlan_indev = 0;
  bool enabled = false;
};

struct NfConntrackNet;
// Owner of a namespace's conntrack state (netfilter/nf_conntrack.h).
struct NfConntrackNetDeleter {
  void operator()(NfConntrackNet* c) const;
};

class Net {
 public:
  Net(World& world, uint32_t id);
  ~Net();
  Net(const Net&) = delete;
  Net& operator=(const Net&) = delete;

  World& world;
  const uint32_t id;    // skbox-internal, stable
  std::string name;     // /run/netns name, empty for the root namespace or unnamed ones

  // --- devices ---
  NetDevice* dev_get_by_index(int ifindex) const;
  NetDevice* dev_get_by_name(std::string_view name) const;
  // All devices ordered by ifindex.
  std::vector<NetDevice*> devices() const;
  NetDevice* loopback() const { return loopback_; }
  // Registers dev in this namespace with a fresh ifindex (or `ifindex` when
  // non-zero and free). EEXIST on a duplicate name.
  Expected<NetDevice*> register_netdevice(std::unique_ptr<NetDevice> dev, int ifindex = 0);
  // Unregisters and destroys dev (and what depends on it: addresses, routes,
  // neighbours, queued packets). Deleting a veth deletes its peer too.
  void unregister_netdevice(NetDevice* dev);
  // Moves dev into `to` (dev_change_net_namespace): it goes down, keeps its
  // ifindex unless taken there, and loses its addresses and routes.
  Expected<void> dev_change_net_namespace(NetDevice* dev, Net& to, const std::string& new_name = {});
  // Renames dev (dev_change_name): EEXIST if the name is taken; the
  // notifiers see NETDEV_CHANGENAME.
  Expected<void> dev_change_name(NetDevice* dev, const std::string& new_name);

  // Peer namespace ids (peernet2id_alloc): assigned on first use, in order.
  int peernet2id(const Net* peer) const;  // -1 if none
  int peernet2id_alloc(Net* peer);
  // An explicit id (`ip netns set NAME ID`): false when id is already used.
  bool peernet2id_set(Net* peer, int id);
  const std::map<int, Net*>& nsids() const { return nsid_to_net_; }

  // --- sysctls ---
  NetCoreSysctl core;
  NetIpv4Sysctl ipv4;
  Ipv4DevConf devconf_all;
  Ipv4DevConf devconf_dflt;
  bool ip_forward() const { return devconf_all[Ipv4DevConf::FORWARDING] != 0; }

  // --- protocol state ---
  Fib fib;
  std::unique_ptr<NeighTable, NeighTableDeleter> arp_tbl;
  std::unique_ptr<PingSockets> ping_socks;
  // UDP sockets (udp_table), created with the first socket.
  std::unique_ptr<UdpTable> udp;
  NetMibs mib;
  InetPeerBase peers;
  // inet_addr_lst: how many in_ifaddrs in this namespace have each local
  // address (host order), for the per-packet martian check.
  std::unordered_map<uint32_t, uint32_t> inet_addr_lst;
  std::array<uint64_t, kDropReasonCount> drops{};  // kfree_skb_reason() per reason
  std::unique_ptr<Ipv6NetState> ipv6_state;  // net->ipv6: use ipv6_net() (ipv6/addrconf.h)
  // Netfilter hook lists (net->nf.hooks_*): empty until something registers.
  NfHooks nf_hooks;
  // x_tables (iptables) state, created by the first iptables command.
  std::unique_ptr<XtTables> xt;
  // Connection tracking (net->ct), created when something first needs it.
  NetNfConntrackSysctl nf_ct_sysctl;
  NetBrnf brnf;
  std::unique_ptr<NfConntrackNet, NfConntrackNetDeleter> ct;
  // Packet taps bound to no device (tcpdump -i any): every device of the
  // namespace (ptype_all with a socket of this namespace).
  std::vector<PacketTap*> ptype_all;
  // IPv4 reassembly queues (ip_fragment.h), created on the first fragment.
  std::unique_ptr<Ipv4Frags, Ipv4FragsDeleter> ipv4_frags;


 private:
  friend class World;
  int alloc_ifindex();
  void detach_device(NetDevice* dev);  // remove from maps without destroying

  std::map<int, std::unique_ptr<NetDevice>> devs_;
  std::unordered_map<std::string, NetDevice*> by_name_;
  NetDevice* loopback_ = nullptr;
  int ifindex_cursor_ = 0;  // last allocated ifindex (cyclic allocation)
  std::map<const Net*, int> net_to_nsid_;
  std::map<int, Net*> nsid_to_net_;
};

}  // namespace skbox
