// `bridge fdb show|add|del|replace` (iproute2's bridge/fdb.c; the kernel
// side is rtnl_fdb_dump/rtnl_fdb_add/rtnl_fdb_del in rtnetlink.c, with
// br_fdb_dump/br_fdb_add/br_fdb_delete for bridges and their ports and the
// default handlers for a device's own address lists ("self" entries).
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>

#include "cli/bridge/bridge.h"
#include "cli/ip/ip_common.h"
#include "dev/bridge.h"
#include "dev/vxlan.h"
#include "ipv4/devinet.h"
#include "ipv6/addrconf.h"
#include "net/net.h"
#include "net/world.h"

namespace skbox {

namespace {

MacAddr ipv6_mc_map(const Ipv6Addr& a) { return MacAddr{{0x33, 0x33, a.b[12], a.b[13], a.b[14], a.b[15]}}; }

bool is_all_nodes_or_routers(const Ipv6Addr& a) {
  // ff01::1, ff02::1, ff02::2: joined when the inet6_dev is created.
  for (int i = 2; i < 15; ++i)
    if (a.b[i]) return false;
  return a.b[0] == 0xff && (a.b[1] == 0x01 || a.b[1] == 0x02) && (a.b[15] == 1 || a.b[15] == 2);
}

// The device's multicast address list (dev->mc) in the order the groups
// were joined: IPv6 all-nodes at registration, the bridge's multicast
// router discovery groups when it opens, IGMP all-hosts when IPv4 comes up,
// then the other IPv6 groups (solicited-node, ...).
std::vector<MacAddr> dev_mc_list(NetDevice* dev) {
  std::vector<MacAddr> mc;
  auto add = [&](const MacAddr& m) {
    if (std::find(mc.begin(), mc.end(), m) == mc.end()) mc.push_back(m);
  };
  std::vector<Ipv6Addr> v6;
  const bool dropped = dev_addr_lists(dev).mc6_dropped;
  if (dev->ip6_ptr && (!dropped || (dev->ip6_ptr->if_flags & IF_READY)))
    for (auto it = dev->ip6_ptr->mc_list.rbegin(); it != dev->ip6_ptr->mc_list.rend(); ++it) v6.push_back(it->addr);
  // Joined at registration (and never dropped): ahead of everything else.
  if (!dropped)
    for (const Ipv6Addr& a : v6)
      if (is_all_nodes_or_routers(a)) add(ipv6_mc_map(a));
  if (netif_is_bridge_master(dev) && dev->is_up()) {
    add(MacAddr{{0x01, 0x00, 0x5e, 0x00, 0x00, 0x6a}});
    add(MacAddr{{0x33, 0x33, 0x00, 0x00, 0x00, 0x6a}});
  }
  if (dev->is_up() && dev->ip_ptr) add(MacAddr{{0x01, 0x00, 0x5e, 0x00, 0x00, 0x01}});
  for (const Ipv6Addr& a : v6)
    if (dropped || !is_all_nodes_or_routers(a)) add(ipv6_mc_map(a));
  return mc;
}

const char* state_n2a(uint16_t s) {
  switch (s) {
    case NUD_PERMANENT: return "permanent";
    case NUD_NOARP: return "static";
    case NUD_STALE: return "stale";
    case NUD_REACHABLE: return "";
  }
  return "";
}

// used: seconds since the entry was last used/updated (NDA_CACHEINFO, -s).
void print_entry(std::string& out, const MacAddr& a, NetDevice* dev, bool show_dev, const char* flags_master,
                 uint16_t vid, const char* state, const std::string& used = {}) {
  out += a.str() + " ";
  if (show_dev) out += fmt::format("dev {} ", dev->name);
  if (vid) out += fmt::format("vlan {} ", vid);
  out += used;
  out += flags_master;
  out += state;
  out += "\n";
}

// br_fdb_dump for a port (entries behind it) or the bridge (its own,
// port-less entries).
void dump_bridge_entries(std::string& out, const BridgeOptions& o, NetBridge* br, NetDevice* dev, bool show_dev) {
  NetBridgePort* port = dev == br ? nullptr : br_port_get(dev);
  const std::string master = fmt::format("master {} ", br->name);
  for (const FdbEntry& f : br->fdb_list) {
    if (f.dst != port) continue;
    std::string used;
    if (o.stats) {
      // jiffies_to_clock_t, then iproute2 divides by its hz (100).
      const Time now = br->net->world.now();
      used = fmt::format("used {}/{} ", (now - f.used) / kSec, (now - f.updated) / kSec);
    }
    print_entry(out, f.addr, dev, show_dev, master.c_str(), f.vid, state_n2a(fdb_to_nud(br, f)), used);
  }
}

// ndo_dflt_fdb_dump: the unicast then the multicast address list.
void dump_self(std::string& out, NetDevice* dev, bool show_dev) {
  for (const MacAddr& m : dev_addr_lists(dev).uc) print_entry(out, m, dev, show_dev, "self ", 0, "permanent");
  for (const MacAddr& m : dev_mc_list(dev)) print_entry(out, m, dev, show_dev, "self ", 0, "permanent");
}

// iproute2's state_n2a over a full ndm_state.
const char* vxlan_state_n2a(uint16_t s) {
  if (s & NUD_PERMANENT) return "permanent";
  if (s & NUD_NOARP) return "static";
  if (s & NUD_STALE) return "stale";
  return "";
}

// vxlan_fdb_dump: one line per remote of each entry, newest entry first.
// Port, VNI and "via" appear only where they differ from the device's.
void dump_vxlan(std::string& out, const BridgeOptions& o, VxlanDev* vx, bool show_dev) {
  const Time now = vx->net->world.now();
  for (const VxlanFdb& f : vx->fdb_list) {
    for (const VxlanRdst& rd : f.remotes) {
      out += f.eth_addr.str() + " ";
      if (show_dev) out += fmt::format("dev {} ", vx->name);
      out += fmt::format("dst {} ", rd.remote_ip.str());
      if (rd.remote_port && rd.remote_port != vx->cfg.dst_port) out += fmt::format("port {} ", rd.remote_port);
      if (rd.remote_vni != vx->default_dst.remote_vni) out += fmt::format("vni {} ", rd.remote_vni);
      if (rd.remote_ifindex) {
        NetDevice* via = vx->net->dev_get_by_index(rd.remote_ifindex);
        out += fmt::format("via {} ", via ? via->name : fmt::format("if{}", rd.remote_ifindex));
      }
      if (o.stats) out += fmt::format("used {}/{} ", (now - f.used) / kSec, (now - f.updated) / kSec);
      out += "self ";
      out += vxlan_state_n2a(f.state);
      out += "\n";
    }
  }
}

int fdb_show(Proc& p, const BridgeOptions& o, std::span<const std::string> a) {
  NetDevice* br = nullptr;
  NetDevice* port = nullptr;
  for (size_t i = 0; i < a.size(); ++i) {
    const std::string& w = a[i];
    if (w == "dev" || w == "brport" || w == "br") {
      if (i + 1 >= a.size()) {
        p.err.print("Command line is not complete. Try option \"help\"\n");
        return 255;
      }
      NetDevice* d = o.net->dev_get_by_name(a[++i]);
      if (!d) {
        if (w == "br")
          p.err.print("Cannot find bridge device \"{}\"\n", a[i]);
        else
          p.err.print("Cannot find device \"{}\"\n", a[i]);
        return 255;
      }
      (w == "br" ? br : port) = d;
    } else {
      p.err.print("Error: argument \"{}\" is wrong: Invalid argument\n", w);
      return 255;
    }
  }
  std::string out;
  for (NetDevice* d : o.net->devices()) {
    if (d->type != ARPHRD_ETHER) continue;
    if (port && d != port) continue;
    if (br && d != br && d->master != br) continue;
    if (NetBridgePort* bp = br_port_get(d)) dump_bridge_entries(out, o, bp->br, d, !port);
    if (netif_is_bridge_master(d)) {
      dump_self(out, d, !port);
      dump_bridge_entries(out, o, static_cast<NetBridge*>(d), d, !port);
    } else if (netif_is_vxlan(d)) {
      dump_vxlan(out, o, static_cast<VxlanDev*>(d), !port);  // its ndo_fdb_dump replaces the default one
    } else {
      dump_self(out, d, !port);
    }
  }
  p.out.write(out);
  return 0;
}

// ndo_dflt_fdb_add / ndo_dflt_fdb_del on the device's own lists. A device
// takes extra unicast addresses only when promiscuous (a bridge port is).
int dflt_fdb_add(NetDevice* dev, const MacAddr& addr, uint16_t state, uint16_t nlflags, bool del) {
  if (!br_port_get(dev) && !(dev->flags & IFF_PROMISC)) return EOPNOTSUPP;
  if (state && !(state & NUD_PERMANENT)) return EINVAL;
  auto& uc = dev_addr_lists(dev).uc;
  auto it = std::find(uc.begin(), uc.end(), addr);
  if (del) {
    if (it == uc.end()) return ENOENT;
    uc.erase(it);
    return 0;
  }
  if (it != uc.end()) return (nlflags & NLM_F_EXCL) ? EEXIST : 0;
  uc.push_back(addr);
  return 0;
}

int fdb_modify(Proc& p, const BridgeOptions& o, std::span<const std::string> a, uint16_t nlflags, bool del) {
  std::string d, addr;
  bool self = false, master = false;
  uint16_t state = NUD_NOARP;
  int vid = -1;
  VxlanFdbReq vreq;
  std::string via;
  for (size_t i = 0; i < a.size(); ++i) {
    const std::string& w = a[i];
    auto need = [&]() {
      if (i + 1 >= a.size()) {
        p.err.print("Command line is not complete. Try option \"help\"\n");
        return false;
      }
      ++i;
      return true;
    };
    if (w == "dst") {
      if (!need()) return 255;
      if (vreq.ip) {
        p.err.print("Error: duplicate \"dst\": \"{}\" is the second value.\n", a[i]);
        return 255;
      }
      auto ip = parse_ipv4_loose(a[i]);
      if (!ip) {
        p.err.print("Error: any valid address is expected rather than \"{}\".\n", a[i]);
        return 1;
      }
      vreq.ip = *ip;
      continue;
    }
    if (w == "port") {
      if (!need()) return 255;
      char* end = nullptr;
      const unsigned long v = std::strtoul(a[i].c_str(), &end, 0);
      if (a[i].empty() || *end || v > 0xffff) {
        p.err.print("Error: argument \"{}\" is wrong: invalid port\n\n", a[i]);
        return 255;
      }
      if (v) vreq.port = static_cast<uint16_t>(v);  // 0 is not sent
      continue;
    }
    if (w == "vni") {
      if (!need()) return 255;
      char* end = nullptr;
      const unsigned long v = std::strtoul(a[i].c_str(), &end, 0);
      if (a[i].empty() || *end || (v >> 24)) {
        p.err.print("Error: argument \"{}\" is wrong: invalid VNI\n\n", a[i]);
        return 255;
      }
      vreq.vni = static_cast<uint32_t>(v);
      continue;
    }
    if (w == "via") {
      if (!need()) return 255;
      via = a[i];
      NetDevice* vd = o.net->dev_get_by_name(via);
      if (!vd) {
        p.err.print("Cannot find device \"{}\"\n", via);
        return 255;
      }
      vreq.ifindex = vd->ifindex;
      continue;
    }
    if (w == "dev") {
      if (i + 1 >= a.size()) {
        p.err.print("Command line is not complete. Try option \"help\"\n");
        return 255;
      }
      d = a[++i];
    } else if (w == "self") {
      self = true;
    } else if (matches(w, "master")) {
      master = true;
    } else if (matches(w, "local") || matches(w, "permanent")) {
      state |= NUD_PERMANENT;
    } else if (matches(w, "temp") || matches(w, "static")) {
      state |= NUD_REACHABLE;
    } else if (matches(w, "dynamic")) {
      state |= NUD_REACHABLE;
      state &= ~NUD_NOARP;
    } else if (matches(w, "vlan")) {
      if (vid >= 0) {
        p.err.print("Error: duplicate \"vlan\": \"{}\" is the second value.\n", i + 1 < a.size() ? a[i + 1] : w);
        return 255;
      }
      if (i + 1 >= a.size()) {
        p.err.print("Command line is not complete. Try option \"help\"\n");
        return 255;
      }
      vid = atoi(a[++i].c_str());
    } else {
      std::string v = w;
      if (w == "to") {
        if (i + 1 >= a.size()) {
          p.err.print("Command line is not complete. Try option \"help\"\n");
          return 255;
        }
        v = a[++i];
      }
      if (!addr.empty()) {
        p.err.print("Error: either \"to\" is duplicate, or \"{}\" is a garbage.\n", v);
        return 255;
      }
      addr = v;
    }
  }
  if (d.empty() || addr.empty()) {
    p.err.print("Device and address are required arguments.\n");
    return 255;
  }
  if (!self && !master) self = true;
  if (!(state & (NUD_PERMANENT | NUD_REACHABLE))) state |= NUD_PERMANENT;
  unsigned b[6];
  char tail;
  if (std::sscanf(addr.c_str(), "%x:%x:%x:%x:%x:%x%c", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5], &tail) < 6) {
    p.err.print("Invalid mac address {}\n", addr);
    return 255;
  }
  MacAddr mac;
  for (int i = 0; i < 6; ++i) mac.b[i] = static_cast<uint8_t>(b[i]);
  NetDevice* dev = o.net->dev_get_by_name(d);
  if (!dev) {
    p.err.print("Cannot find device \"{}\"\n", d);
    return 255;
  }
  auto fail = [&](int err, const std::string& ext = {}) {
    print_rtnl_error(p, err, ext);
    return 255;
  };
  if (dev->type != ARPHRD_ETHER) return fail(EINVAL, del ? "" : "FDB add only supported for Ethernet devices");
  const uint16_t v = vid > 0 ? static_cast<uint16_t>(vid) : 0;
  if (vid >= 4095 || vid == 0) return fail(EINVAL, "Invalid vlan id");
  int err = EOPNOTSUPP;
  if (master && !self) {
    if (NetBridgePort* bp = br_port_get(dev)) {
      if (!del && mac.is_zero()) return fail(EINVAL);
      err = del ? br_fdb_delete(bp->br, bp, mac, v) : br_fdb_add(bp->br, bp, mac, v, state, nlflags);
      if (err) return fail(err);
    }
  }
  if (self) {
    if (netif_is_vxlan(dev)) {
      auto* vx = static_cast<VxlanDev*>(dev);
      vreq.mac = mac;
      vreq.state = state;
      vreq.nlflags = nlflags;
      std::string ext;
      err = del ? vxlan_fdb_delete(vx, vreq) : vxlan_fdb_add(vx, vreq, ext);
      if (err) return fail(err, ext);
      return 0;
    }
    if (netif_is_bridge_master(dev)) {
      auto* br = static_cast<NetBridge*>(dev);
      if (!del && mac.is_zero()) return fail(EINVAL);
      err = del ? br_fdb_delete(br, nullptr, mac, v) : br_fdb_add(br, nullptr, mac, v, state, nlflags);
    } else {
      err = v ? EINVAL : dflt_fdb_add(dev, mac, state, nlflags, del);
    }
  }
  if (err) return fail(err);
  return 0;
}

}  // namespace

int do_bridge_fdb(Proc& p, const BridgeOptions& o, std::span<const std::string> a) {
  if (a.empty() || matches(a[0], "show") || matches(a[0], "lst") || matches(a[0], "list"))
    return fdb_show(p, o, a.empty() ? a : a.subspan(1));
  auto rest = a.subspan(1);
  if (matches(a[0], "add")) return fdb_modify(p, o, rest, NLM_F_CREATE | NLM_F_EXCL, false);
  if (matches(a[0], "append")) return fdb_modify(p, o, rest, NLM_F_CREATE | NLM_F_APPEND, false);
  if (matches(a[0], "replace")) return fdb_modify(p, o, rest, NLM_F_CREATE | NLM_F_REPLACE, false);
  if (matches(a[0], "delete")) return fdb_modify(p, o, rest, 0, true);
  p.err.print("Command \"{}\" is unknown, try \"bridge fdb help\".\n", a[0]);
  return 255;
}

}  // namespace skbox
