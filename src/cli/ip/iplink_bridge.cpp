// `ip link add NAME type bridge [OPTIONS]` and `ip -d link show` of a
// bridge and of its ports (iproute2's iplink_bridge.c and
// iplink_bridge_slave.c, talking to the kernel's br_netlink.c).
// Not modelled: STP (stp_state 1), VLAN filtering (the kernel here is built
// without it, so vlan_filtering 1 fails there too), multicast snooping knobs.
#include <fmt/format.h>

#include "cli/ip/iplink_kind.h"
#include "dev/bridge.h"
#include "net/dev.h"
#include "net/net.h"
#include "net/world.h"

namespace skbox {

namespace {

struct BridgeArgs : LinkKindArgs {
  std::optional<uint32_t> forward_delay, hello_time, max_age, ageing_time, stp_state, priority, vlan_filtering;
};

const char kBridgeUsage[] =
    "Usage: ... bridge [ fdb_flush ]\n"
    "\t\t  [ forward_delay FORWARD_DELAY ]\n"
    "\t\t  [ hello_time HELLO_TIME ]\n"
    "\t\t  [ max_age MAX_AGE ]\n"
    "\t\t  [ ageing_time AGEING_TIME ]\n"
    "\t\t  [ stp_state STP_STATE ]\n"
    "\t\t  [ priority PRIORITY ]\n"
    "\t\t  [ group_fwd_mask MASK ]\n"
    "\t\t  [ group_address ADDRESS ]\n"
    "\t\t  [ no_linklocal_learn NO_LINKLOCAL_LEARN ]\n"
    "\t\t  [ vlan_filtering VLAN_FILTERING ]\n"
    "\t\t  [ vlan_protocol VLAN_PROTOCOL ]\n"
    "\t\t  [ vlan_default_pvid VLAN_DEFAULT_PVID ]\n"
    "\t\t  [ vlan_stats_enabled VLAN_STATS_ENABLED ]\n"
    "\t\t  [ vlan_stats_per_port VLAN_STATS_PER_PORT ]\n"
    "\t\t  [ mcast_snooping MULTICAST_SNOOPING ]\n"
    "\t\t  [ mcast_vlan_snooping MULTICAST_VLAN_SNOOPING ]\n"
    "\t\t  [ mcast_router MULTICAST_ROUTER ]\n"
    "\t\t  [ mcast_query_use_ifaddr MCAST_QUERY_USE_IFADDR ]\n"
    "\t\t  [ mcast_querier MULTICAST_QUERIER ]\n"
    "\t\t  [ mcast_hash_elasticity HASH_ELASTICITY ]\n"
    "\t\t  [ mcast_hash_max HASH_MAX ]\n"
    "\t\t  [ mcast_last_member_count LAST_MEMBER_COUNT ]\n"
    "\t\t  [ mcast_startup_query_count STARTUP_QUERY_COUNT ]\n"
    "\t\t  [ mcast_last_member_interval LAST_MEMBER_INTERVAL ]\n"
    "\t\t  [ mcast_membership_interval MEMBERSHIP_INTERVAL ]\n"
    "\t\t  [ mcast_querier_interval QUERIER_INTERVAL ]\n"
    "\t\t  [ mcast_query_interval QUERY_INTERVAL ]\n"
    "\t\t  [ mcast_query_response_interval QUERY_RESPONSE_INTERVAL ]\n"
    "\t\t  [ mcast_startup_query_interval STARTUP_QUERY_INTERVAL ]\n"
    "\t\t  [ mcast_stats_enabled MCAST_STATS_ENABLED ]\n"
    "\t\t  [ mcast_igmp_version IGMP_VERSION ]\n"
    "\t\t  [ mcast_mld_version MLD_VERSION ]\n"
    "\t\t  [ nf_call_iptables NF_CALL_IPTABLES ]\n"
    "\t\t  [ nf_call_ip6tables NF_CALL_IP6TABLES ]\n"
    "\t\t  [ nf_call_arptables NF_CALL_ARPTABLES ]\n"
    "\n"
    "Where: VLAN_PROTOCOL := { 802.1Q | 802.1ad }\n"
;

int bridge_parse_opt(Proc& p, std::span<const std::string> a, bool, std::unique_ptr<LinkKindArgs>& out) {
  auto args = std::make_unique<BridgeArgs>();
  struct Opt {
    const char* name;
    std::optional<uint32_t> BridgeArgs::*field;
    uint32_t max;
  };
  static const Opt kOpts[] = {
      {"forward_delay", &BridgeArgs::forward_delay, UINT32_MAX}, {"hello_time", &BridgeArgs::hello_time, UINT32_MAX},
      {"max_age", &BridgeArgs::max_age, UINT32_MAX},             {"ageing_time", &BridgeArgs::ageing_time, UINT32_MAX},
      {"stp_state", &BridgeArgs::stp_state, UINT32_MAX},         {"priority", &BridgeArgs::priority, 0xffff},
      {"vlan_filtering", &BridgeArgs::vlan_filtering, 0xff},
  };
  for (size_t i = 0; i < a.size(); ++i) {
    const Opt* o = nullptr;
    for (const Opt& c : kOpts)
      if (a[i] == c.name) o = &c;
    if (!o) {
      p.err.print("bridge: unknown command \"{}\"?\n", a[i]);
      p.err.write(kBridgeUsage);
      return 1;
    }
    if (i + 1 >= a.size()) {
      p.err.print("Command line is not complete. Try option \"help\"\n");
      return 255;
    }
    auto v = parse_u32(a[++i]);
    if (!v || *v > o->max) {
      p.err.print("Error: argument \"{}\" is wrong: invalid {}\n", a[i], o->name);
      return 255;
    }
    (*args).*(o->field) = *v;
  }
  out = std::move(args);
  return -1;
}

// br_changelink: the attributes in the kernel's order.
Expected<void> bridge_changelink(NetDevice* dev, const LinkKindArgs* la, std::string& extack) {
  (void)extack;
  auto* br = static_cast<NetBridge*>(dev);
  const auto* a = static_cast<const BridgeArgs*>(la);
  if (!a) return {};
  if (a->stp_state && *a->stp_state) return Errno(EOPNOTSUPP);  // STP is not modelled
  if (a->vlan_filtering && *a->vlan_filtering) return Errno(EOPNOTSUPP);
  if (a->forward_delay) br->forward_delay_cs = *a->forward_delay;
  if (a->hello_time) br->hello_time_cs = *a->hello_time;
  if (a->max_age) br->max_age_cs = *a->max_age;
  if (a->ageing_time) {
    // br_set_ageing_time: the gc runs at once with the new time.
    br->ageing_time_cs = *a->ageing_time;
    br->net->world.loop.mod_timer(br->gc_work, br->net->world.now());
  }
  if (a->priority) br->bridge_priority = static_cast<uint16_t>(*a->priority);
  return {};
}

Expected<NetDevice*> bridge_newlink(Net& net, const std::string& name, const LinkKindArgs* la, std::string& extack) {
  const auto* a = static_cast<const BridgeArgs*>(la);
  if (a && ((a->stp_state && *a->stp_state) || (a->vlan_filtering && *a->vlan_filtering))) return Errno(EOPNOTSUPP);
  auto d = br_dev_newlink(net, name);
  if (!d) return d;
  (void)bridge_changelink(*d, la, extack);
  return d;
}

// "8000.0:0:0:0:0:0": priority, then the address with %x per byte.
std::string bridge_id_str(uint16_t prio, const MacAddr& m) {
  return fmt::format("{:02x}{:02x}.{:x}:{:x}:{:x}:{:x}:{:x}:{:x}", prio >> 8, prio & 0xff, m.b[0], m.b[1], m.b[2], m.b[3],
                     m.b[4], m.b[5]);
}

std::string timer_str(Duration d) {
  const int64_t cs = d > 0 ? d / (kSec / 100) : 0;
  return fmt::format("{:4}.{:02}", cs / 100, cs % 100);
}

void bridge_print_opt(IpPrinter& pr, const IpOptions&, NetDevice* dev) {
  auto* br = static_cast<NetBridge*>(dev);
  const World& w = br->net->world;
  pr.uint(PrintKind::Any, "forward_delay", "forward_delay {} ", br->forward_delay_cs);
  pr.uint(PrintKind::Any, "hello_time", "hello_time {} ", br->hello_time_cs);
  pr.uint(PrintKind::Any, "max_age", "max_age {} ", br->max_age_cs);
  pr.uint(PrintKind::Any, "ageing_time", "ageing_time {} ", br->ageing_time_cs);
  pr.uint(PrintKind::Any, "stp_state", "stp_state {} ", 0);
  pr.uint(PrintKind::Any, "priority", "priority {} ", br->bridge_priority);
  pr.uint(PrintKind::Any, "vlan_filtering", "vlan_filtering {} ", br->vlan_filtering);
  const std::string id = bridge_id_str(br->bridge_priority, br->bridge_id_addr);
  pr.str(PrintKind::Any, "bridge_id", "bridge_id {} ", id);
  pr.str(PrintKind::Any, "root_id", "designated_root {} ", id);
  pr.uint(PrintKind::Any, "root_port", "root_port {} ", 0);
  pr.uint(PrintKind::Any, "root_path_cost", "root_path_cost {} ", 0);
  pr.uint(PrintKind::Any, "topology_change", "topology_change {} ", 0);
  pr.uint(PrintKind::Any, "topology_change_detected", "topology_change_detected {} ", 0);
  pr.str(PrintKind::Any, "hello_timer", "hello_timer {} ", timer_str(0));
  pr.str(PrintKind::Any, "tcn_timer", "tcn_timer {} ", timer_str(0));
  pr.str(PrintKind::Any, "topology_change_timer", "topology_change_timer {} ", timer_str(0));
  pr.str(PrintKind::Any, "gc_timer", "gc_timer {} ",
         timer_str(br->gc_work.pending() ? br->gc_work.expires() - w.now() : 0));
  pr.uint(PrintKind::Any, "group_fwd_mask", "group_fwd_mask {} ", 0);
  pr.str(PrintKind::Any, "group_addr", "group_address {} ", "01:80:c2:00:00:00");
  static const std::pair<const char*, int> kMcast[] = {
      {"mcast_snooping", 1}, {"no_linklocal_learn", 0}, {"mcast_vlan_snooping", 0}, {"mcast_router", 1},
      {"mcast_query_use_ifaddr", 0}, {"mcast_querier", 0}, {"mcast_hash_elasticity", 16}, {"mcast_hash_max", 4096},
      {"mcast_last_member_count", 2}, {"mcast_startup_query_count", 2}, {"mcast_last_member_interval", 100},
      {"mcast_membership_interval", 26000}, {"mcast_querier_interval", 25500}, {"mcast_query_interval", 12500},
      {"mcast_query_response_interval", 1000}, {"mcast_startup_query_interval", 3124}, {"mcast_stats_enabled", 0},
      {"mcast_igmp_version", 2}, {"mcast_mld_version", 1}, {"nf_call_iptables", 0}, {"nf_call_ip6tables", 0},
      {"nf_call_arptables", 0},
  };
  for (auto& [k, v] : kMcast) pr.uint(PrintKind::Any, k, std::string(k) + " {} ", v);
}

struct BridgeSlaveArgs : LinkKindArgs {
  BrPortChanges c;
};

const char kBridgeSlaveUsage[] =
    "Usage: ... bridge_slave [ fdb_flush ]\n"
    "\t\t\t[ state STATE ]\n"
    "\t\t\t[ priority PRIO ]\n"
    "\t\t\t[ cost COST ]\n"
    "\t\t\t[ guard {on | off} ]\n"
    "\t\t\t[ hairpin {on | off} ]\n"
    "\t\t\t[ fastleave {on | off} ]\n"
    "\t\t\t[ root_block {on | off} ]\n"
    "\t\t\t[ learning {on | off} ]\n"
    "\t\t\t[ flood {on | off} ]\n"
    "\t\t\t[ proxy_arp {on | off} ]\n"
    "\t\t\t[ proxy_arp_wifi {on | off} ]\n"
    "\t\t\t[ mcast_router MULTICAST_ROUTER ]\n"
    "\t\t\t[ mcast_fast_leave {on | off} ]\n"
    "\t\t\t[ mcast_flood {on | off} ]\n"
    "\t\t\t[ bcast_flood {on | off} ]\n"
    "\t\t\t[ mcast_to_unicast {on | off} ]\n"
    "\t\t\t[ group_fwd_mask MASK ]\n"
    "\t\t\t[ neigh_suppress {on | off} ]\n"
    "\t\t\t[ vlan_tunnel {on | off} ]\n"
    "\t\t\t[ isolated {on | off} ]\n"
    "\t\t\t[ locked {on | off} ]\n"
    "\t\t\t[ backup_port DEVICE ] [ nobackup_port ]\n"
;

// iplink_bridge_slave.c's parse_opt: numbers for state/priority/cost,
// on|off for the flags.
int bridge_slave_parse_opt(Proc& p, std::span<const std::string> a, bool, std::unique_ptr<LinkKindArgs>& out) {
  auto args = std::make_unique<BridgeSlaveArgs>();
  BrPortChanges& c = args->c;
  const std::pair<const char*, std::optional<bool>*> kFlags[] = {
      {"hairpin", &c.hairpin}, {"learning", &c.learning}, {"flood", &c.flood},
      {"mcast_flood", &c.mcast_flood}, {"bcast_flood", &c.bcast_flood}};
  for (size_t i = 0; i < a.size(); ++i) {
    const std::string& w = a[i];
    std::optional<bool>* flag = nullptr;
    for (auto& [n, f] : kFlags)
      if (w == n) flag = f;
    const bool num = w == "state" || w == "priority" || w == "cost";
    if (!flag && !num) {
      p.err.print("bridge_slave: unknown option \"{}\"?\n", w);
      p.err.write(kBridgeSlaveUsage);
      return 1;
    }
    if (i + 1 >= a.size()) {
      p.err.print("Command line is not complete. Try option \"help\"\n");
      return 255;
    }
    const std::string& v = a[++i];
    if (flag) {
      if (v != "on" && v != "off") {
        p.err.print("Error: argument of \"{}\" must be one of \"off\", \"on\", not \"{}\"\n", w, v);
        return 1;
      }
      *flag = v == "on";
      continue;
    }
    const uint32_t max = w == "state" ? 0xff : w == "priority" ? 0xffff : UINT32_MAX;
    auto n = parse_u32(v);
    if (!n || *n > max) {
      p.err.print("Error: argument \"{}\" is wrong: invalid {}\n", v, w);
      return 255;
    }
    if (w == "state") c.state = static_cast<uint8_t>(*n);
    else if (w == "priority") c.priority = *n;
    else c.cost = *n;
  }
  out = std::move(args);
  return -1;
}

Expected<void> bridge_slave_changelink(NetDevice* dev, const LinkKindArgs* la, std::string&) {
  NetBridgePort* p = br_port_get(dev);
  if (!p) return Errno(EOPNOTSUPP);
  if (!la) return {};
  if (const int err = br_setport(p, static_cast<const BridgeSlaveArgs*>(la)->c)) return Errno(err);
  return {};
}

void bridge_slave_print_opt(IpPrinter& pr, const IpOptions&, NetDevice* dev) {
  NetBridgePort* p = br_port_get(dev);
  if (!p) return;
  NetBridge* br = p->br;
  auto onoff = [&](const char* key, const char* name, bool v) {
    if (pr.json)
      pr.boolean(PrintKind::Json, key, "", v);
    else
      pr.fp(fmt::format("{} {} ", name, v ? "on" : "off"));
  };
  pr.str(PrintKind::Any, "state", "state {} ", br_port_state_name(p->state));
  pr.uint(PrintKind::Any, "priority", "priority {} ", p->priority);
  pr.uint(PrintKind::Any, "cost", "cost {} ", p->path_cost);
  onoff("hairpin", "hairpin", p->flags & BR_HAIRPIN_MODE);
  onoff("guard", "guard", false);
  onoff("root_block", "root_block", false);
  onoff("fastleave", "fastleave", false);
  onoff("learning", "learning", p->flags & BR_LEARNING);
  onoff("flood", "flood", p->flags & BR_FLOOD);
  pr.str(PrintKind::Any, "id", "port_id {} ", fmt::format("{:#x}", (p->priority << 10) | p->port_no));
  pr.str(PrintKind::Any, "no", "port_no {} ", fmt::format("{:#x}", p->port_no));
  pr.uint(PrintKind::Any, "designated_port", "designated_port {} ", (p->priority << 10) | p->port_no);
  pr.uint(PrintKind::Any, "designated_cost", "designated_cost {} ", 0);
  const std::string id = bridge_id_str(br->bridge_priority, br->bridge_id_addr);
  pr.str(PrintKind::Any, "bridge_id", "designated_bridge {} ", id);
  pr.str(PrintKind::Any, "root_id", "designated_root {} ", id);
  const Time now = br->net->world.now();
  pr.str(PrintKind::Any, "hold_timer", "hold_timer {} ", timer_str(0));
  pr.str(PrintKind::Any, "message_age_timer", "message_age_timer {} ", timer_str(0));
  pr.str(PrintKind::Any, "forward_delay_timer", "forward_delay_timer {} ", timer_str(p->forward_delay_until - now));
  pr.uint(PrintKind::Any, "topology_change_ack", "topology_change_ack {} ", 0);
  pr.uint(PrintKind::Any, "config_pending", "config_pending {} ", 0);
  onoff("proxy_arp", "proxy_arp", false);
  onoff("proxy_arp_wifi", "proxy_arp_wifi", false);
  pr.uint(PrintKind::Any, "multicast_router", "mcast_router {} ", 1);
  onoff("mcast_fast_leave", "mcast_fast_leave", false);
  onoff("mcast_flood", "mcast_flood", p->flags & BR_MCAST_FLOOD);
  onoff("bcast_flood", "bcast_flood", p->flags & BR_BCAST_FLOOD);
  onoff("mcast_to_unicast", "mcast_to_unicast", false);
  onoff("neigh_suppress", "neigh_suppress", false);
  pr.uint(PrintKind::Any, "group_fwd_mask", "group_fwd_mask {} ", 0);
  pr.str(PrintKind::Any, "group_fwd_mask_str", "group_fwd_mask_str {} ", "0x0");
  onoff("vlan_tunnel", "vlan_tunnel", false);
  onoff("isolated", "isolated", false);
  onoff("locked", "locked", false);
}

}  // namespace

extern const LinkKind bridge_link_kind = {"bridge", bridge_parse_opt, bridge_newlink, bridge_changelink, bridge_print_opt};
extern const LinkKind bridge_slave_link_kind = {"bridge_slave", bridge_slave_parse_opt, nullptr,
                                                  bridge_slave_changelink, bridge_slave_print_opt};

}  // namespace skbox
