// `ip link` (iproute2 6.1 ip/iplink.c, ip/ipaddress.c print_linkinfo):
// show/list, add (veth), set, delete.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "cli/ip/ip_common.h"
#include "cli/ip/iplink_kind.h"
#include "dev/veth.h"
#include "ipv4/devinet.h"
#include "ipv6/addrconf.h"
#include "net/dev.h"
#include "net/net.h"
#include "net/world.h"

namespace skbox {

// ---------------------------------------------------------------------------
// printing

uint32_t dev_get_flags(const NetDevice* dev) {
  uint32_t f = dev->flags & ~(IFF_RUNNING | IFF_LOWER_UP | IFF_DORMANT);
  if (dev->is_up()) {
    if (dev->operstate == OperState::Up || dev->operstate == OperState::Unknown) f |= IFF_RUNNING;
    if (dev->carrier) f |= IFF_LOWER_UP;
  }
  return f;
}

std::string dev_qdisc_name(const NetDevice* dev) {
  if (dev->qdisc != "noqueue") return dev->qdisc;
  if (!dev->ip_ptr || !dev->ip_ptr->activated) return "noop";
  return dev->qdisc;
}

NetDevice* ip_dev_lookup(const IpOptions& o, std::string_view name) { return o.net->dev_get_by_name(name); }

void ip_emit(Proc& p, const std::string& s) {
  if (!s.empty()) p.out.write(s);
}

namespace {

const char* sl(const IpOptions& o) { return o.oneline ? "\\" : "\n"; }

void print_link_flags(IpPrinter& pr, uint32_t flags, bool mdown) {
  pr.open_array("flags");
  pr.fp("<");
  auto item = [&](const char* name, uint32_t rest) {
    if (pr.json)
      pr.jw.string(name);
    else {
      pr.text += name;
      if (rest) pr.text += ",";
    }
  };
  if ((flags & IFF_UP) && !(flags & IFF_RUNNING)) item("NO-CARRIER", flags);
  flags &= ~IFF_RUNNING;
  static constexpr std::pair<uint32_t, const char*> kFlags[] = {
      {IFF_LOOPBACK, "LOOPBACK"}, {IFF_BROADCAST, "BROADCAST"}, {IFF_POINTOPOINT, "POINTOPOINT"},
      {IFF_MULTICAST, "MULTICAST"}, {IFF_NOARP, "NOARP"}, {IFF_ALLMULTI, "ALLMULTI"},
      {IFF_PROMISC, "PROMISC"}, {IFF_MASTER, "MASTER"}, {IFF_SLAVE, "SLAVE"},
      {IFF_DEBUG, "DEBUG"}, {IFF_DYNAMIC, "DYNAMIC"}, {IFF_AUTOMEDIA, "AUTOMEDIA"},
      {IFF_PORTSEL, "PORTSEL"}, {IFF_NOTRAILERS, "NOTRAILERS"}, {IFF_UP, "UP"},
      {IFF_LOWER_UP, "LOWER_UP"}, {IFF_DORMANT, "DORMANT"}, {IFF_ECHO, "ECHO"},
  };
  for (auto& [bit, name] : kFlags) {
    if (flags & bit) {
      flags &= ~bit;
      item(name, flags);
    }
  }
  if (flags) {
    if (pr.json)
      pr.jw.string(fmt::format("{:x}", flags));
    else
      pr.text += fmt::format("{:x}", flags);
  }
  if (mdown) {
    if (pr.json)
      pr.jw.string("M-DOWN");
    else
      pr.text += ",M-DOWN";
  }
  pr.close_array();
  pr.fp("> ");
}

// The network namespace a device's link (veth peer) lives in, when not the
// device's own (rtnl_fill_link_netnsid). -1 when none.
int link_netnsid(NetDevice* dev) {
  NetDevice* peer = dev->link_peer();
  if (!peer || peer->net == dev->net) return -1;
  return dev->net->peernet2id_alloc(peer->net);
}

// get_name_from_nsid: the /run/netns name whose nsid (seen from this
// namespace) is id.
const std::string* name_from_nsid(World& w, Net* viewer, int id) {
  for (auto& [name, n] : w.netns_named())
    if (viewer->peernet2id(n) == id) return &name;
  return nullptr;
}

// print_name_and_link; returns m_flag (M-DOWN).
bool print_name_and_link(IpPrinter& pr, const IpOptions& o, NetDevice* dev, std::string_view fmt_s, int nsid) {
  std::string name = dev->name;
  bool mflag = false;
  NetDevice* peer = dev->link_peer();
  if (peer) {
    if (nsid >= 0) {
      if (pr.json)
        pr.sint(PrintKind::Json, "link_index", "", peer->ifindex);
      else
        name = fmt::format("{}@if{}", name, peer->ifindex);
    } else {
      // ll_index_to_name in the viewing namespace (the same as the device's).
      NetDevice* l = o.net->dev_get_by_index(peer->ifindex);
      std::string lname = l ? l->name : fmt::format("if{}", peer->ifindex);
      if (pr.json)
        pr.str(PrintKind::Json, "link", "", lname);
      else
        name = fmt::format("{}@{}", name, lname);
      mflag = !(l && (dev_get_flags(l) & IFF_UP));
    }
  }
  if (pr.json || fmt_s == "{}: ")
    pr.str(PrintKind::Any, "ifname", fmt_s, name);
  else
    pr.str(PrintKind::Any, "ifname", "{} ", fmt::format("{:<16}", name));
  return mflag;
}

OperState reported_operstate(const NetDevice* dev) {
  return dev->is_up() ? dev->operstate : OperState::Down;
}

void print_num(std::string& t, unsigned width, uint64_t v) { t += fmt::format("{:>{}} ", v, width); }

void size_col(unsigned& col, uint64_t val) {
  unsigned len = 1;
  for (uint64_t powi = 10; powi < val; powi *= 10) ++len;
  col = std::max(col, len);
}

// has_cc: IFLA_CARRIER_CHANGES was in the message (not in the AF_INET6 dump).
void print_stats64(IpPrinter& pr, const IpOptions& o, const NetDeviceStats& s, uint64_t cc, bool has_cc) {
  if (pr.json) {
    pr.open_object("stats64");
    pr.open_object("rx");
    pr.uint(PrintKind::Json, "bytes", "", s.rx_bytes);
    pr.uint(PrintKind::Json, "packets", "", s.rx_packets);
    pr.uint(PrintKind::Json, "errors", "", s.rx_errors);
    pr.uint(PrintKind::Json, "dropped", "", s.rx_dropped);
    pr.uint(PrintKind::Json, "over_errors", "", s.rx_over_errors);
    pr.uint(PrintKind::Json, "multicast", "", s.multicast);
    if (s.rx_compressed) pr.uint(PrintKind::Json, "compressed", "", s.rx_compressed);
    if (o.stats > 1) {
      pr.uint(PrintKind::Json, "length_errors", "", s.rx_length_errors);
      pr.uint(PrintKind::Json, "crc_errors", "", s.rx_crc_errors);
      pr.uint(PrintKind::Json, "frame_errors", "", s.rx_frame_errors);
      pr.uint(PrintKind::Json, "fifo_errors", "", s.rx_fifo_errors);
      pr.uint(PrintKind::Json, "missed_errors", "", s.rx_missed_errors);
      if (s.rx_nohandler) pr.uint(PrintKind::Json, "nohandler", "", s.rx_nohandler);
      if (s.rx_otherhost_dropped) pr.uint(PrintKind::Json, "otherhost", "", s.rx_otherhost_dropped);
    }
    pr.close_object();
    pr.open_object("tx");
    pr.uint(PrintKind::Json, "bytes", "", s.tx_bytes);
    pr.uint(PrintKind::Json, "packets", "", s.tx_packets);
    pr.uint(PrintKind::Json, "errors", "", s.tx_errors);
    pr.uint(PrintKind::Json, "dropped", "", s.tx_dropped);
    pr.uint(PrintKind::Json, "carrier_errors", "", s.tx_carrier_errors);
    pr.uint(PrintKind::Json, "collisions", "", s.collisions);
    if (s.tx_compressed) pr.uint(PrintKind::Json, "compressed", "", s.tx_compressed);
    if (o.stats > 1) {
      pr.uint(PrintKind::Json, "aborted_errors", "", s.tx_aborted_errors);
      pr.uint(PrintKind::Json, "fifo_errors", "", s.tx_fifo_errors);
      pr.uint(PrintKind::Json, "window_errors", "", s.tx_window_errors);
      pr.uint(PrintKind::Json, "heartbeat_errors", "", s.tx_heartbeat_errors);
      if (has_cc) pr.uint(PrintKind::Json, "carrier_changes", "", cc);
    }
    pr.close_object();
    pr.close_object();
    return;
  }
  // "*X errors:", packets, errors, dropped, heartbt, overrun, compressed, otherhost
  unsigned cols[] = {10, 7, 6, 7, 7, 7, 10, 9};
  auto size = [&](std::initializer_list<uint64_t> v) {
    unsigned i = 0;
    for (uint64_t x : v) size_col(cols[i++], x);
  };
  size({s.rx_bytes, s.rx_packets, s.rx_errors, s.rx_dropped, s.rx_missed_errors, s.multicast, s.rx_compressed});
  if (o.stats > 1)
    size({0, s.rx_length_errors, s.rx_crc_errors, s.rx_frame_errors, s.rx_fifo_errors, s.rx_over_errors,
          s.rx_nohandler, s.rx_otherhost_dropped});
  size({s.tx_bytes, s.tx_packets, s.tx_errors, s.tx_dropped, s.tx_carrier_errors, s.collisions, s.tx_compressed});
  if (o.stats > 1)
    size({0, s.tx_aborted_errors, s.tx_fifo_errors, s.tx_window_errors, s.tx_heartbeat_errors, cc});
  std::string& t = pr.text;
  const char* nl = sl(o);
  t += fmt::format("    RX: {:>{}} {:>{}} {:>{}} {:>{}} {:>{}} {:>{}} {:>{}}{}", "bytes", cols[0] - 4, "packets",
                   cols[1], "errors", cols[2], "dropped", cols[3], "missed", cols[4], "mcast", cols[5],
                   s.rx_compressed ? "compressed" : "", cols[6], nl);
  t += "    ";
  print_num(t, cols[0], s.rx_bytes);
  print_num(t, cols[1], s.rx_packets);
  print_num(t, cols[2], s.rx_errors);
  print_num(t, cols[3], s.rx_dropped);
  print_num(t, cols[4], s.rx_missed_errors);
  print_num(t, cols[5], s.multicast);
  if (s.rx_compressed) print_num(t, cols[6], s.rx_compressed);
  if (o.stats > 1) {
    t += nl;
    // The optional columns take no room at all when their counter is zero.
    t += fmt::format("    RX errors:{:>{}} {:>{}} {:>{}} {:>{}} {:>{}} {:>{}}{:>{}}{:>{}}{}", "", cols[0] - 10, "length",
                     cols[1], "crc", cols[2], "frame", cols[3], "fifo", cols[4], "overrun", cols[5],
                     s.rx_nohandler ? " nohandler" : "", s.rx_nohandler ? cols[6] + 1 : 0,
                     s.rx_otherhost_dropped ? " otherhost" : "", s.rx_otherhost_dropped ? cols[7] + 1 : 0, nl);
    t += std::string(cols[0] + 5, ' ');
    print_num(t, cols[1], s.rx_length_errors);
    print_num(t, cols[2], s.rx_crc_errors);
    print_num(t, cols[3], s.rx_frame_errors);
    print_num(t, cols[4], s.rx_fifo_errors);
    print_num(t, cols[5], s.rx_over_errors);
    if (s.rx_nohandler) print_num(t, cols[6], s.rx_nohandler);
    if (s.rx_otherhost_dropped) print_num(t, cols[7], s.rx_otherhost_dropped);
  }
  t += nl;
  t += fmt::format("    TX: {:>{}} {:>{}} {:>{}} {:>{}} {:>{}} {:>{}} {:>{}}{}", "bytes", cols[0] - 4, "packets",
                   cols[1], "errors", cols[2], "dropped", cols[3], "carrier", cols[4], "collsns", cols[5],
                   s.tx_compressed ? "compressed" : "", cols[6], nl);
  t += "    ";
  print_num(t, cols[0], s.tx_bytes);
  print_num(t, cols[1], s.tx_packets);
  print_num(t, cols[2], s.tx_errors);
  print_num(t, cols[3], s.tx_dropped);
  print_num(t, cols[4], s.tx_carrier_errors);
  print_num(t, cols[5], s.collisions);
  if (s.tx_compressed) print_num(t, cols[6], s.tx_compressed);
  if (o.stats > 1) {
    t += nl;
    t += fmt::format("    TX errors:{:>{}} {:>{}} {:>{}} {:>{}} {:>{}} {:>{}}{}", "", cols[0] - 10, "aborted", cols[1],
                     "fifo", cols[2], "window", cols[3], "heartbt", cols[4], has_cc ? "transns" : "", cols[5], nl);
    t += std::string(cols[0] + 5, ' ');
    print_num(t, cols[1], s.tx_aborted_errors);
    print_num(t, cols[2], s.tx_fifo_errors);
    print_num(t, cols[3], s.tx_window_errors);
    print_num(t, cols[4], s.tx_heartbeat_errors);
    if (has_cc) print_num(t, cols[5], cc);
  }
}

const char* addr_gen_mode_name(int mode) {
  switch (mode) {
    case IN6_ADDR_GEN_MODE_EUI64: return "eui64";
    case IN6_ADDR_GEN_MODE_NONE: return "none";
    case IN6_ADDR_GEN_MODE_STABLE_PRIVACY: return "stable_secret";
    case IN6_ADDR_GEN_MODE_RANDOM: return "random";
  }
  return "unknown";
}

void print_details(IpPrinter& pr, const IpOptions& o, NetDevice* dev, bool do_link) {
  const bool lo = dev->is_loopback();
  pr.uint(PrintKind::Any, "promiscuity", " promiscuity {} ", ((dev->flags & IFF_PROMISC) ? 1 : 0) + dev->promiscuity);
  pr.uint(PrintKind::Any, "allmulti", " allmulti {} ", ((dev->flags & IFF_ALLMULTI) ? 1 : 0) + dev->allmulti);
  pr.uint(PrintKind::Any, "min_mtu", "minmtu {} ", lo ? 0 : dev->min_mtu());
  pr.uint(PrintKind::Any, "max_mtu", "maxmtu {} ", lo ? 0 : dev->max_mtu());
  // print_linktype: the kind and its data, then the port's slave kind and
  // its data under the master.
  const LinkKind* slave = get_slave_kind(dev);
  if (!dev->kind().empty() || dev->master) {
    pr.open_object("linkinfo");
    if (!dev->kind().empty()) {
      pr.fp(sl(o));
      pr.str(PrintKind::Any, "info_kind", "    {} ", dev->kind());
      const LinkKind* k = get_link_kind(dev->kind());
      if (k && k->print_opt) {
        pr.open_object("info_data");
        k->print_opt(pr, o, dev);
        pr.close_object();
      }
    }
    if (dev->master) {
      pr.fp(sl(o));
      pr.str(PrintKind::Any, "info_slave_kind", "    {}_slave ", dev->master->kind());
      if (slave && slave->print_opt) {
        pr.open_object("info_slave_data");
        slave->print_opt(pr, o, dev);
        pr.close_object();
      }
    }
    pr.close_object();
  }
  // IFLA_AF_SPEC/AF_INET6 (inet6_fill_link_af) exists only with an inet6_dev.
  if (do_link && dev->ip6_ptr) pr.str(PrintKind::Any, "inet6_addr_gen_mode", "addrgenmode {} ", addr_gen_mode_name(dev->ip6_ptr->cnf.addr_gen_mode));
  pr.uint(PrintKind::Any, "num_tx_queues", "numtxqueues {} ", dev->num_tx_queues);
  pr.uint(PrintKind::Any, "num_rx_queues", "numrxqueues {} ", dev->num_rx_queues);
  pr.uint(PrintKind::Any, "gso_max_size", "gso_max_size {} ", dev->gso_max_size);
  pr.uint(PrintKind::Any, "gso_max_segs", "gso_max_segs {} ", dev->gso_max_segs);
  pr.uint(PrintKind::Any, "tso_max_size", "tso_max_size {} ", dev->tso_max_size);
  pr.uint(PrintKind::Any, "tso_max_segs", "tso_max_segs {} ", 65535);
  pr.uint(PrintKind::Any, "gro_max_size", "gro_max_size {} ", 65536);
}

}  // namespace

void print_linkinfo(IpPrinter& pr, const IpOptions& o, NetDevice* dev, bool do_link, bool inet6_dump) {
  // inet6_fill_ifinfo sends no IFLA_LINK_NETNSID, so the peer's index is
  // then looked up in the viewing namespace.
  const int nsid = inet6_dump ? -1 : link_netnsid(dev);
  const uint32_t flags = dev_get_flags(dev);
  pr.sint(PrintKind::Any, "ifindex", "{}: ", dev->ifindex);
  bool mflag = print_name_and_link(pr, o, dev, "{}: ", nsid);
  print_link_flags(pr, flags, mflag);
  pr.uint(PrintKind::Any, "mtu", "mtu {} ", dev->mtu);
  // No IFLA_QDISC, IFLA_GROUP, IFLA_BROADCAST, IFLA_IFALIAS nor the detail
  // attributes in the AF_INET6 dump.
  if (!inet6_dump) pr.str(PrintKind::Any, "qdisc", "qdisc {} ", dev_qdisc_name(dev));
  if (dev->master && !inet6_dump) pr.str(PrintKind::Any, "master", "master {} ", dev->master->name);
  pr.str(PrintKind::Any, "operstate", "state {} ", operstate_name(reported_operstate(dev)));
  if (do_link) pr.str(PrintKind::Any, "linkmode", "mode {} ", dev->link_mode ? "DORMANT" : "DEFAULT");
  if (!inet6_dump) pr.str(PrintKind::Any, "group", "group {} ", dev->group ? std::to_string(dev->group) : "default");
  if (dev->tx_queue_len) pr.sint(PrintKind::Any, "txqlen", "qlen {}", static_cast<int32_t>(dev->tx_queue_len));
  if (!o.family || o.family == 17 || o.details) {
    pr.fp(sl(o));
    const bool loop = dev->type == ARPHRD_LOOPBACK;
    pr.str(PrintKind::Any, "link_type", "    link/{} ", loop ? "loopback" : dev->type == ARPHRD_NONE ? "none" : "ether");
    if (dev->type != ARPHRD_NONE) {
      pr.str(PrintKind::Any, "address", "{}", dev->dev_addr.str());
      if (!inet6_dump) {
        pr.fp(" brd ");
        pr.str(PrintKind::Any, "broadcast", "{}", dev->broadcast.str());
      }
    }
  }
  if (nsid >= 0) {
    if (pr.json) {
      pr.sint(PrintKind::Json, "link_netnsid", "", nsid);
    } else if (const std::string* nm = name_from_nsid(dev->net->world, o.net, nsid)) {
      pr.fp(" link-netns " + *nm);
    } else {
      pr.fp(fmt::format(" link-netnsid {}", nsid));
    }
  }
  if (o.details && !inet6_dump) print_details(pr, o, dev, do_link);
  if ((do_link || o.details) && !dev->alias.empty() && !inet6_dump) {
    pr.fp(std::string(sl(o)) + "    ");
    pr.str(PrintKind::Any, "ifalias", "alias {}", dev->alias);
  }
  if (do_link && o.stats) {
    pr.fp(sl(o));
    print_stats64(pr, o, dev->stats, dev->carrier_changes, true);
  }
  pr.fp("\n");
}

// get_snmp_counters: with no IFLA_STATS64 (the AF_INET6 dump), iproute2 6.1
// reads IFLA_INET6_STATS with its own (pre-6.15) IPSTATS_MIB_* indexes, while
// the kernel fills the array in its current order. So "tx_packets" is index
// 5 of the kernel's array (InECT1Pkts), and so on, as `ip -6 -s addr` shows.
static NetDeviceStats inet6_stats_as_iproute2(const NetDevice* dev) {
  NetDeviceStats st{};
  if (!dev->ip6_ptr) return st;
  const auto& m = dev->ip6_ptr->stats.ip.v;
  st.rx_packets = m[Ip6Mib::InReceives];     // [1] INPKTS
  st.rx_bytes = m[Ip6Mib::InOctets];         // [2] INOCTETS
  st.tx_packets = m[Ip6Mib::InECT1Pkts];     // [5] read as OUTPKTS
  st.tx_bytes = m[Ip6Mib::InECT0Pkts];       // [6] read as OUTOCTETS
  st.rx_errors = m[Ip6Mib::InTooBigErrors];  // [13] read as INDISCARDS
  st.tx_errors = m[Ip6Mib::InNoRoutes];      // [14] read as OUTDISCARDS
  st.multicast = m[Ip6Mib::ReasmOKs];        // [23] read as INMCASTPKTS
  // [31] read as CSUMERRORS is OutBcastPkts, always 0 for IPv6.
  return st;
}

void print_link_stats(IpPrinter& pr, const IpOptions& o, const NetDevice* dev, bool inet6_dump) {
  if (inet6_dump)
    print_stats64(pr, o, inet6_stats_as_iproute2(dev), 0, false);
  else
    print_stats64(pr, o, dev->stats, dev->carrier_changes, true);
  pr.fp(o.oneline ? "\\" : "\n");
}

void print_linkinfo_brief(IpPrinter& pr, const IpOptions& o, NetDevice* dev, bool do_link) {
  const int nsid = link_netnsid(dev);
  bool mflag = print_name_and_link(pr, o, dev, "{:<16} ", nsid);
  // "%-14s " pads the text only; the JSON value is the bare name.
  const std::string_view opst = operstate_name(reported_operstate(dev));
  pr.str(PrintKind::Any, "operstate", "{} ", pr.json ? std::string(opst) : fmt::format("{:<14}", opst));
  if (do_link) {
    if (dev->type != ARPHRD_NONE) pr.str(PrintKind::Any, "address", "{} ", dev->dev_addr.str());
    print_link_flags(pr, dev_get_flags(dev), mflag);
    pr.fp("\n");
  }
}

// ---------------------------------------------------------------------------
// commands

namespace {

void iplink_usage(Proc& p) {
  p.err.print(
      "Usage: ip link add [link DEV | parentdev NAME] [ name ] NAME\n"
      "\t\t    [ txqueuelen PACKETS ]\n"
      "\t\t    [ address LLADDR ]\n"
      "\t\t    [ broadcast LLADDR ]\n"
      "\t\t    [ mtu MTU ] [index IDX ]\n"
      "\t\t    [ numtxqueues QUEUE_COUNT ]\n"
      "\t\t    [ numrxqueues QUEUE_COUNT ]\n"
      "\t\t    [ netns {{ PID | NETNSNAME | NETNSFILE }} ]\n"
      "\t\t    type TYPE [ ARGS ]\n"
      "\n"
      "\tip link delete {{ DEVICE | dev DEVICE | group DEVGROUP }} type TYPE [ ARGS ]\n"
      "\n"
      "\tip link set {{ DEVICE | dev DEVICE | group DEVGROUP }}\n"
      "\t\t\t[ {{ up | down }} ]\n"
      "\t\t\t[ type TYPE ARGS ]\n"
      "\t\t[ arp {{ on | off }} ]\n"
      "\t\t[ dynamic {{ on | off }} ]\n"
      "\t\t[ multicast {{ on | off }} ]\n"
      "\t\t[ allmulticast {{ on | off }} ]\n"
      "\t\t[ promisc {{ on | off }} ]\n"
      "\t\t[ trailers {{ on | off }} ]\n"
      "\t\t[ carrier {{ on | off }} ]\n"
      "\t\t[ txqueuelen PACKETS ]\n"
      "\t\t[ name NEWNAME ]\n"
      "\t\t[ address LLADDR ]\n"
      "\t\t[ broadcast LLADDR ]\n"
      "\t\t[ mtu MTU ]\n"
      "\t\t[ netns {{ PID | NETNSNAME | NETNSFILE }} ]\n"
      "\t\t[ alias NAME ]\n"
      "\n"
      "\tip link show [ DEVICE | group GROUP ] [up] [master DEV] [vrf NAME] [type TYPE]\n"
      "\t\t[nomaster]\n"
      "\n"
      "\tip link xstats type TYPE [ ARGS ]\n"
      "\n"
      "\tip link afstats [ dev DEVICE ]\n"
      "\tip link property add dev DEVICE [ altname NAME .. ]\n"
      "\tip link property del dev DEVICE [ altname NAME .. ]\n"
      "\n"
      "\tip link help [ TYPE ]\n"
      "\n"
      "TYPE := {{ amt | bareudp | bond | bond_slave | bridge | bridge_slave |\n"
      "\t  dsa | dummy | erspan | geneve | gre | gretap | gtp | ifb |\n"
      "\t  ip6erspan | ip6gre | ip6gretap | ip6tnl |\n"
      "\t  ipip | ipoib | ipvlan | ipvtap |\n"
      "\t  macsec | macvlan | macvtap |\n"
      "\t  netdevsim | nlmon | rmnet | sit | team | team_slave |\n"
      "\t  vcan | veth | vlan | vrf | vti | vxcan | vxlan | wwan |\n"
      "\t  xfrm }}\n");
}

int invarg(Proc& p, std::string_view msg, std::string_view arg) {
  p.err.print("Error: argument \"{}\" is wrong: {}\n", arg, msg);
  return 255;
}

// iproute2's check_altifname: what `dev NAME` (or a bare NAME) accepts;
// the length is left to the kernel.
bool valid_altifname(std::string_view n) {
  if (n.empty()) return false;
  for (char c : n)
    if (c == '/' || std::isspace(static_cast<unsigned char>(c))) return false;
  return true;
}

// iproute2's check_ifname: `name NAME` must also fit IFNAMSIZ.
bool valid_ifname(std::string_view n) { return n.size() < 16 && valid_altifname(n); }

// The kernel's dev_valid_name, checked when a device is registered or renamed.
bool dev_valid_name(std::string_view n) {
  if (n.empty() || n.size() >= 16 || n == "." || n == "..") return false;
  for (char c : n)
    if (c == '/' || c == ':' || std::isspace(static_cast<unsigned char>(c))) return false;
  return true;
}

// One byte of ll_addr_a2n, read the way sscanf("%x") reads it: leading
// blanks, a sign and a 0x prefix are accepted, trailing garbage is ignored;
// no digit, a negative value or one above 0xff is refused.
std::optional<uint8_t> lladdr_byte(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  auto hex = [](char c) {
    return (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
  };
  if (i + 2 < s.size() && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X') && hex(s[i + 2]) >= 0) i += 2;
  uint64_t v = 0;
  size_t start = i;
  for (; i < s.size() && hex(s[i]) >= 0; ++i) v = std::min<uint64_t>(v * 16 + static_cast<uint64_t>(hex(s[i])), 1ull << 32);
  if (i == start || v > 255 || (neg && v)) return std::nullopt;
  return static_cast<uint8_t>(v);
}

// ll_addr_a2n: hex bytes separated by ':' into a 32-byte buffer; the count
// or -1 (with iproute2's message). Like iproute2, more than 32 bytes count
// as 33 (only 32 are kept), which the kernel's policy then refuses.
int ll_addr_a2n(Proc& p, std::string_view s, std::vector<uint8_t>& out) {
  out.clear();
  for (;;) {
    size_t colon = s.find(':');
    std::string_view part = s.substr(0, colon);
    auto b = lladdr_byte(part);
    if (!b) {
      p.err.print("\"{}\" is invalid lladdr.\n", part);
      return -1;
    }
    out.push_back(*b);
    if (colon == std::string_view::npos) break;
    if (out.size() == 32) return 33;
    s.remove_prefix(colon + 1);
  }
  return static_cast<int>(out.size());
}

struct LinkReq {
  std::string dev;      // "dev X" or the bare name
  std::string name;     // "name X"
  std::string type;
  std::optional<uint32_t> mtu, txqlen, numtx, numrx;
  std::optional<MacAddr> address, broadcast;
  int address_len = 0, peer_address_len = 0;  // IFLA_ADDRESS as ll_addr_a2n counted it
  bool bad_broadcast = false;  // IFLA_BROADCAST shorter than the device address
  bool policy_fail = false;    // an lladdr longer than MAX_ADDR_LEN (ifla_policy)
  std::optional<std::string> alias;
  Net* netns = nullptr;
  bool netns_esrch = false, peer_netns_esrch = false;  // netns PID named no process
  int up = -1;          // 1 up, 0 down
  std::optional<bool> promisc, arp, multicast, allmulti;
  std::optional<uint32_t> group;
  std::optional<std::string> master;  // "master DEV"; "" for nomaster
  // A kind other than veth: its table entry and parsed arguments.
  const LinkKind* kind = nullptr;
  std::shared_ptr<LinkKindArgs> kind_args;
  // veth peer
  bool has_peer = false;
  std::string peer_name;
  Net* peer_netns = nullptr;
  std::optional<MacAddr> peer_address, peer_broadcast;
  std::optional<uint32_t> peer_mtu, peer_txqlen;
};

// iplink_parse. Returns -1 on success, else the exit status to return.
int iplink_parse(Proc& p, Net& net, std::span<const std::string> a, size_t& i, LinkReq& r, bool peer, bool is_add) {
  for (; i < a.size(); ++i) {
    const std::string& w = a[i];
    auto next = [&]() -> const std::string* {
      if (i + 1 >= a.size()) {
        p.err.print("Command line is not complete. Try option \"help\"\n");
        return nullptr;
      }
      return &a[++i];
    };
    if (w == "up") {
      r.up = 1;
    } else if (w == "down") {
      r.up = 0;
    } else if (w == "name") {
      auto v = next();
      if (!v) return 255;
      if (!valid_ifname(*v)) return invarg(p, "\"name\" not a valid ifname", *v);
      (peer ? r.peer_name : r.name) = *v;
    } else if (matches(w, "link")) {
      auto v = next();
      if (!v) return 255;
    } else if (matches(w, "address")) {
      auto v = next();
      if (!v) return 255;
      std::vector<uint8_t> b;
      const int n = ll_addr_a2n(p, *v, b);
      if (n < 0) return 1;
      // The length is judged later: by iproute2 for `set`, by the kernel for `add`.
      (peer ? r.peer_address_len : r.address_len) = n;
      if (n == 6) {
        MacAddr m;
        std::copy_n(b.begin(), 6, m.b.begin());
        (peer ? r.peer_address : r.address) = m;
      }
    } else if (matches(w, "broadcast") || w == "brd") {
      auto v = next();
      if (!v) return 255;
      std::vector<uint8_t> b;
      const int n = ll_addr_a2n(p, *v, b);
      if (n < 0) return 1;
      // validate_linkmsg: shorter than the device's address is EINVAL; longer
      // is cut to addr_len.
      if (n > 32) {
        r.policy_fail = true;
      } else if (b.size() < 6) {
        r.bad_broadcast = true;
      } else {
        MacAddr m;
        for (size_t k = 0; k < 6; ++k) m.b[k] = b[k];
        (peer ? r.peer_broadcast : r.broadcast) = m;
      }
    } else if (matches(w, "txqueuelen") || w == "qlen" || matches(w, "txqlen")) {
      auto v = next();
      if (!v) return 255;
      // get_integer: a negative count wraps to the u32 the kernel stores.
      auto n = parse_i64(*v, 0);
      if (!n || *n < INT32_MIN || *n > INT32_MAX) return invarg(p, "Invalid \"txqueuelen\" value\n", *v);
      (peer ? r.peer_txqlen : r.txqlen) = static_cast<uint32_t>(*n);
    } else if (w == "mtu") {
      auto v = next();
      if (!v) return 255;
      auto n = parse_u32(*v, 0);
      if (!n) return invarg(p, "Invalid \"mtu\" value\n", *v);
      (peer ? r.peer_mtu : r.mtu) = *n;
    } else if (w == "netns") {
      auto v = next();
      if (!v) return 255;
      Net* n = p.world.netns_find(*v);
      if (!n) {
        // Not a name: an integer is a pid (IFLA_NET_NS_PID). Pid 1 is the
        // sandbox's init, in init_net; no other process holds a namespace.
        auto pid = parse_i64(*v, 0);
        if (!pid || *pid < INT32_MIN || *pid > INT32_MAX) return invarg(p, "Invalid \"netns\" value\n", *v);
        if (*pid != 1) {
          (peer ? r.peer_netns_esrch : r.netns_esrch) = true;
          continue;
        }
        n = &p.world.init_net();
      }
      (peer ? r.peer_netns : r.netns) = n;
    } else if (w == "multicast" || w == "allmulticast" || w == "promisc" || w == "arp" || w == "trailers" ||
               w == "dynamic" || w == "carrier") {
      auto v = next();
      if (!v) return 255;
      bool on;
      if (*v == "on") on = true;
      else if (*v == "off") on = false;
      else {
        p.err.print("Error: argument of \"{}\" must be \"on\" or \"off\", not \"{}\"\n", w, *v);
        return 255;
      }
      if (w == "multicast") r.multicast = on;
      else if (w == "allmulticast") r.allmulti = on;
      else if (w == "promisc") r.promisc = on;
      else if (w == "arp") r.arp = on;
    } else if (w == "numtxqueues" || w == "numrxqueues") {
      auto v = next();
      if (!v) return 255;
      auto n = parse_u32(*v, 0);
      if (!n) return invarg(p, w == "numtxqueues" ? "Invalid \"numtxqueues\" value\n" : "Invalid \"numrxqueues\" value\n", *v);
      (w == "numtxqueues" ? r.numtx : r.numrx) = *n;
    } else if (w == "group") {
      auto v = next();
      if (!v) return 255;
      auto n = *v == "default" ? std::optional<uint32_t>(0) : parse_u32(*v, 0);
      if (!n) return invarg(p, "Invalid \"group\" value\n", *v);
      r.group = *n;
    } else if (matches(w, "alias")) {
      auto v = next();
      if (!v) return 255;
      r.alias = *v;
    } else if (w == "master" && !peer) {
      auto v = next();
      if (!v) return 255;
      if (!net.dev_get_by_name(*v)) return invarg(p, "Device does not exist\n", *v);
      r.master = *v;
    } else if (w == "nomaster" && !peer) {
      r.master = std::string();
    } else if (w == "type" && !peer) {
      auto v = next();
      if (!v) return 255;
      r.type = *v;
      ++i;
      if (r.type != "veth") {
        // The rest belongs to the kind (iproute2's lu->parse_opt).
        r.kind = get_link_kind(r.type);
        if (r.kind && r.kind->parse_opt) {
          std::unique_ptr<LinkKindArgs> args;
          // `ip -n NS` runs in NS (setns): names the kind resolves are NS's.
          Net* const caller_net = p.net;
          p.net = &net;
          const int rc = r.kind->parse_opt(p, a.subspan(i), is_add, args);
          p.net = caller_net;
          if (rc >= 0) return rc;
          r.kind_args = std::move(args);
        }
        i = a.size();
        return -1;
      }
      if (r.type == "veth" && i < a.size()) {
        if (a[i] == "peer") {
          r.has_peer = true;
          ++i;
          int rc = iplink_parse(p, net, a, i, r, true, is_add);
          if (rc >= 0) return rc;
        } else {
          p.err.print("Error: either \"dev\" is duplicate, or \"{}\" is a garbage.\n", a[i]);
          return 255;
        }
      } else {
        // The rest belongs to the type (ignored for types without options).
        i = a.size();
      }
      return -1;
    } else if (peer && w == "type") {
      return -1;
    } else {
      if (w == "dev") {
        auto v = next();
        if (!v) return 255;
        if (!r.dev.empty() && !peer) {
          p.err.print("Error: either \"dev\" is duplicate, or \"{}\" is a garbage.\n", *v);
          return 255;
        }
        if (peer) r.peer_name = *v; else r.dev = *v;
        continue;
      }
      if (matches(w, "help")) {
        iplink_usage(p);
        return 255;
      }
      std::string& target = peer ? r.peer_name : r.dev;
      if (!target.empty() || (!peer && !is_add && !r.name.empty() && false)) {
        p.err.print("Error: either \"dev\" is duplicate, or \"{}\" is a garbage.\n", w);
        return 255;
      }
      if (!valid_altifname(w)) return invarg(p, "\"dev\" not a valid ifname", w);
      target = w;
    }
  }
  return -1;
}

std::string alloc_veth_name(Net& net, const std::string& avoid = {}) {
  for (int n = 0;; ++n) {
    std::string s = fmt::format("veth{}", n);
    if (!net.dev_get_by_name(s) && s != avoid) return s;
  }
}

// __dev_alloc_name: "name%d" becomes the lowest unit no device of net
// uses; a name without the pattern is returned as is.
std::string dev_alloc_name(const Net& net, const std::string& pat) {
  const size_t pc = pat.find("%d");
  if (pc == std::string::npos) return pat;
  for (int n = 0;; ++n) {
    std::string s = pat.substr(0, pc) + std::to_string(n) + pat.substr(pc + 2);
    if (!net.dev_get_by_name(s)) return s;
  }
}

int fail(Proc& p, int err, const std::string& ext) {
  print_rtnl_error(p, err, ext);
  return 2;
}

// do_set_master: leave the current master (ndo_del_slave), then join the
// new one (ndo_add_slave); nomaster only leaves.
int do_set_master(Proc& p, NetDevice* dev, const std::string& name) {
  NetDevice* upper = name.empty() ? nullptr : dev->net->dev_get_by_name(name);
  if (!name.empty() && !upper) return fail(p, EINVAL, "");
  if (NetDevice* cur = dev->master) {
    if (cur == upper) return 0;
    auto e = cur->del_slave(dev);
    if (!e) return fail(p, e.error(), "");
  }
  if (upper) {
    std::string ext;
    auto e = upper->add_slave(dev, ext);
    if (!e) return fail(p, e.error(), ext);
  }
  return 0;
}

// rtnl_changelink's kind part, before do_setlink: the kind's own data
// (changelink) or, for a "_slave" kind, the port's data on its master.
int apply_kind_change(Proc& p, NetDevice* dev, const LinkReq& r) {
  if (!r.kind) return 0;
  const std::string_view id = r.kind->id;
  const bool slave = id.size() > 6 && id.substr(id.size() - 6) == "_slave";
  const bool mine = slave ? get_slave_kind(dev) == r.kind : dev->kind() == id;
  if (!mine || !r.kind->changelink) return fail(p, EOPNOTSUPP, "");
  std::string ext;
  auto e = r.kind->changelink(dev, r.kind_args.get(), ext);
  if (!e) return fail(p, e.error(), ext);
  return 0;
}

// do_setlink, in the kernel's order: netns, address, mtu, group, name,
// alias, flags (up/down), master, txqlen.
int apply_set(Proc& p, NetDevice* dev, const LinkReq& r) {
  LinkwatchBatch lw;  // operstates follow once the whole request is applied
  if (r.policy_fail) return fail(p, EINVAL, "Attribute failed policy validation");
  if (r.bad_broadcast) return fail(p, EINVAL, "");
  if (r.netns_esrch) return fail(p, ESRCH, "");
  if (r.netns) {
    if (dev->is_loopback()) return fail(p, EINVAL, "The interface netns is immutable");
    Net* from = dev->net;
    if (r.netns != from) {
      // __dev_change_net_namespace: the current name must be free in the
      // target; only then is the requested new name (IFLA_IFNAME) tried.
      std::string new_name;
      if (r.netns->dev_get_by_name(dev->name)) {
        if (r.name.empty()) return fail(p, EEXIST, "An interface with the same name exists in the target netns");
        // dev_prep_valid_name: a "%d" pattern takes the lowest free unit.
        new_name = dev_alloc_name(*r.netns, r.name);
        if (r.netns->dev_get_by_name(new_name))
          return fail(p, EEXIST,
                      fmt::format("Unable to use '{}' for the new interface name in the target netns", r.name));
      }
      // The old namespace names the new one in its RTM_DELLINK (IFLA_TARGET_NETNSID).
      from->peernet2id_alloc(r.netns);
      auto e = from->dev_change_net_namespace(dev, *r.netns, new_name);
      if (!e) return fail(p, e.error(), "");
      // The RTM_NEWLINK in the new namespace names the peer's namespace.
      if (NetDevice* pe = dev->link_peer(); pe && pe->net != dev->net) dev->net->peernet2id_alloc(pe->net);
    }
  }
  if (r.address) {
    auto e = dev_set_mac_address(dev, *r.address);
    if (!e) return fail(p, e.error(), "");
  }
  if (r.mtu) {
    const bool lo = dev->is_loopback();
    const uint32_t mn = lo ? 0 : dev->min_mtu(), mx = lo ? 0x7fffffff : dev->max_mtu();
    if (*r.mtu < mn) return fail(p, EINVAL, "mtu less than device minimum");
    if (*r.mtu > mx) return fail(p, EINVAL, "mtu greater than device maximum");
    if (*r.mtu != dev->mtu) {
      if (lo) {
        dev->mtu = *r.mtu;
        call_netdevice_notifiers(NetdevEvent::ChangeMtu, dev);
      } else {
        auto e = dev_set_mtu(dev, *r.mtu);
        if (!e) return fail(p, e.error(), "");
      }
    }
  }
  if (r.group) dev->group = *r.group;
  if (!r.name.empty() && r.name != dev->name) {
    // dev_get_valid_name: a "%d" pattern takes the lowest unit not in use
    // (the device's own current name counts as in use).
    if (!dev_valid_name(r.name)) return fail(p, EINVAL, "");
    const std::string nm = dev_alloc_name(*dev->net, r.name);
    if (dev->net->dev_get_by_name(nm)) return fail(p, EEXIST, "");
    // Re-register under the new name: Net keeps a name index.
    auto e = ip_dev_change_name(dev, nm);
    if (!e) return fail(p, e.error(), "");
  }
  if (r.alias) dev->alias = *r.alias;
  // IFLA_BROADCAST: the link-layer broadcast address (where ARP requests go).
  if (r.broadcast) {
    dev->broadcast = *r.broadcast;
    call_netdevice_notifiers(NetdevEvent::ChangeAddr, dev);
  }
  if (r.promisc) dev->flags = *r.promisc ? dev->flags | IFF_PROMISC : dev->flags & ~IFF_PROMISC;
  if (r.allmulti) dev->flags = *r.allmulti ? dev->flags | IFF_ALLMULTI : dev->flags & ~IFF_ALLMULTI;
  if (r.multicast) dev->flags = *r.multicast ? dev->flags | IFF_MULTICAST : dev->flags & ~IFF_MULTICAST;
  if (r.arp) dev->flags = *r.arp ? dev->flags & ~IFF_NOARP : dev->flags | IFF_NOARP;
  if (r.up == 1) {
    auto e = dev_open(dev);
    if (!e) return fail(p, e.error(), "");
  } else if (r.up == 0) {
    auto e = dev_close(dev);
    if (!e) return fail(p, e.error(), "");
  }
  if (r.master) {
    const int rc = do_set_master(p, dev, *r.master);
    if (rc) return rc;
  }
  if (r.txqlen) dev->tx_queue_len = *r.txqlen;
  return 0;
}

// rtnl_newlink_create for a kind other than veth: the kind makes the
// device (named "KIND%d" when no name was given), then the generic
// attributes apply as for `set`, then the master; a failure after the
// device exists unregisters it again.
int kind_newlink(Proc& p, Net& net, const std::string& name, const LinkReq& r) {
  if (!r.kind || !r.kind->newlink) return fail(p, EOPNOTSUPP, "Unknown device type");
  const std::string nm = dev_alloc_name(net, name.empty() ? std::string(r.kind->id) + "%d" : name);
  if (!dev_valid_name(nm)) return fail(p, EINVAL, "");
  std::string ext;
  auto d = r.kind->newlink(net, nm, r.kind_args.get(), ext);
  if (!d) return fail(p, d.error(), ext);
  NetDevice* dev = *d;
  if (r.numtx) dev->num_tx_queues = *r.numtx;
  if (r.numrx) dev->num_rx_queues = *r.numrx;
  LinkReq rest = r;
  rest.netns = nullptr;
  rest.name.clear();
  if (const int rc = apply_set(p, dev, rest)) {
    net.unregister_netdevice(dev);
    return rc;
  }
  if (r.address) dev->addr_assign_type = NET_ADDR_SET;
  return 0;
}

int iplink_add(Proc& p, const IpOptions& o, std::span<const std::string> a) {
  LinkReq r;
  size_t i = 0;
  int rc = iplink_parse(p, *o.net, a, i, r, false, true);
  if (rc >= 0) return rc;
  std::string name = !r.name.empty() ? r.name : r.dev;
  if (r.type.empty()) {
    p.err.print("Not enough information: \"type\" argument is required\n");
    return 255;
  }
  // ifla_policy: IFLA_IFNAME holds at most IFNAMSIZ-1 characters.
  if (name.size() >= 16 || r.peer_name.size() >= 16 || r.policy_fail || r.address_len > 32 ||
      r.peer_address_len > 32)
    return fail(p, EINVAL, "Attribute failed policy validation");
  if (r.netns_esrch || r.peer_netns_esrch) return fail(p, ESRCH, "");
  // An IFLA_ADDRESS whose length is not the device's (6) is refused before
  // the names are looked at, for the device as for the peer.
  if ((r.address_len && r.address_len != 6) || (r.peer_address_len && r.peer_address_len != 6))
    return fail(p, EINVAL, "");
  Net& net = r.netns ? *r.netns : *o.net;
  if (!name.empty() && net.dev_get_by_name(name)) return fail(p, EEXIST, "");
  if (r.type != "veth") return kind_newlink(p, net, name, r);
  Net& peer_net = r.peer_netns ? *r.peer_netns : *o.net;
  std::string peer = r.peer_name.empty() ? alloc_veth_name(peer_net) : r.peer_name;
  // register_netdevice -> dev_get_valid_name, for the peer and then the device.
  if (!dev_valid_name(peer) || (!name.empty() && !dev_valid_name(name))) return fail(p, EINVAL, "");
  if (name.empty()) name = alloc_veth_name(net, &net == &peer_net ? peer : std::string());
  if (r.bad_broadcast) return fail(p, EINVAL, "");  // validate_linkmsg, before anything is created
  auto d = veth_newlink(net, name, peer_net, peer);
  if (!d) return fail(p, d.error(), "");
  NetDevice* dev = *d;
  NetDevice* pdev = dev->link_peer();
  // rtnl_configure_link of the first device announces it with its peer's nsid.
  if (pdev && pdev->net != dev->net) dev->net->peernet2id_alloc(pdev->net);
  if (pdev) {
    if (r.peer_address) (void)dev_set_mac_address(pdev, *r.peer_address), pdev->addr_assign_type = NET_ADDR_SET;
    if (r.peer_broadcast) pdev->broadcast = *r.peer_broadcast;
    if (r.peer_mtu) (void)dev_set_mtu(pdev, *r.peer_mtu);
    if (r.peer_txqlen) pdev->tx_queue_len = *r.peer_txqlen;
  }
  if (r.numtx) dev->num_tx_queues = *r.numtx;
  if (r.numrx) dev->num_rx_queues = *r.numrx;
  LinkReq rest = r;
  rest.netns = nullptr;
  rest.name.clear();
  rc = apply_set(p, dev, rest);
  if (rc) return rc;
  if (r.address) dev->addr_assign_type = NET_ADDR_SET;
  return 0;
}

int iplink_set(Proc& p, const IpOptions& o, std::span<const std::string> a) {
  LinkReq r;
  size_t i = 0;
  int rc = iplink_parse(p, *o.net, a, i, r, false, false);
  if (rc >= 0) return rc;
  if (r.dev.empty()) {
    p.err.print("Not enough information: \"dev\" argument is required.\n");
    return 255;
  }
  NetDevice* dev = o.net->dev_get_by_name(r.dev);
  if (!dev) {
    p.err.print("Cannot find device \"{}\"\n", r.dev);
    return 1;
  }
  // iplink_parse compares the address with the device's length itself.
  if (r.address_len && r.address_len != 6 && dev->type != ARPHRD_NONE) {
    p.err.print("Invalid address length {} - must be {} bytes\n", r.address_len, 6);
    return 1;
  }
  if (const int rc = apply_kind_change(p, dev, r)) return rc;
  return apply_set(p, dev, r);
}

int iplink_del(Proc& p, const IpOptions& o, std::span<const std::string> a) {
  std::string name;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] == "dev") {
      if (i + 1 >= a.size()) {
        p.err.print("Command line is not complete. Try option \"help\"\n");
        return 255;
      }
      name = a[++i];
    } else if (a[i] == "type") {
      break;
    } else if (name.empty()) {
      name = a[i];
    } else {
      p.err.print("Error: either \"dev\" is duplicate, or \"{}\" is a garbage.\n", a[i]);
      return 255;
    }
  }
  if (name.empty()) {
    p.err.print("Not enough information: \"dev\" argument is required.\n");
    return 255;
  }
  NetDevice* dev = o.net->dev_get_by_name(name);
  if (!dev) {
    p.err.print("Cannot find device \"{}\"\n", name);
    return 1;
  }
  if (dev->is_loopback() || dev->kind().empty()) return fail(p, EOPNOTSUPP, "");
  o.net->unregister_netdevice(dev);
  return 0;
}

}  // namespace

// ip link show / list, also the device half of `ip addr show`.
int iplink_show(Proc& p, const IpOptions& o, std::span<const std::string> a) {
  std::string dev_name, kind;
  bool up = false, nomaster = false;
  NetDevice* master = nullptr;  // "master DEV": only its ports
  int64_t group = -1;
  for (size_t i = 0; i < a.size(); ++i) {
    const std::string& w = a[i];
    if (w == "up") {
      up = true;
    } else if (w == "type") {
      if (i + 1 >= a.size()) {
        p.err.print("Command line is not complete. Try option \"help\"\n");
        return 255;
      }
      kind = a[++i];
    } else if (w == "group") {
      if (i + 1 >= a.size()) {
        p.err.print("Command line is not complete. Try option \"help\"\n");
        return 255;
      }
      const std::string& v = a[++i];
      auto g = v == "default" ? std::optional<uint32_t>(0) : parse_u32(v, 0);
      if (!g) return invarg(p, "Invalid \"group\" value\n", v);
      group = *g;
    } else if (w == "master" || w == "vrf") {
      if (i + 1 >= a.size()) {
        p.err.print("Command line is not complete. Try option \"help\"\n");
        return 255;
      }
      const std::string& v = a[++i];
      master = o.net->dev_get_by_name(v);
      if (!master || w == "vrf")
        return invarg(p, w == "master" ? "Device does not exist\n" : "Not a valid VRF name\n", v);
    } else if (w == "nomaster") {
      nomaster = true;
    } else {
      if (w == "dev") {
        if (i + 1 >= a.size()) {
          p.err.print("Command line is not complete. Try option \"help\"\n");
          return 255;
        }
        ++i;
      } else if (matches(w, "help")) {
        iplink_usage(p);
        return 255;
      }
      if (!dev_name.empty()) {
        p.err.print("Error: either \"dev\" is duplicate, or \"{}\" is a garbage.\n", a[i]);
        return 255;
      }
      dev_name = a[i];
    }
  }
  std::vector<NetDevice*> devs;
  if (!dev_name.empty()) {
    NetDevice* d = o.net->dev_get_by_name(dev_name);
    if (!d) {
      p.err.print("Device \"{}\" does not exist.\n", dev_name);
      return 1;
    }
    devs.push_back(d);
  } else {
    devs = o.net->devices();
  }
  IpPrinter pr(o);
  // ipaddr_list_link: `ip link` always asks for AF_PACKET, whatever -4/-6.
  IpOptions lo = o;
  lo.family = 17;
  pr.open_array();
  for (NetDevice* d : devs) {
    if (up && !(d->flags & IFF_UP)) continue;
    if (!kind.empty() && !link_kind_matches(d, kind)) continue;
    if (group >= 0 && static_cast<int64_t>(d->group) != group) continue;
    if ((master && d->master != master) || (nomaster && d->master)) continue;
    pr.open_object();
    if (o.brief)
      print_linkinfo_brief(pr, lo, d, true);
    else
      print_linkinfo(pr, lo, d, true);
    pr.close_object();
  }
  pr.close_array();
  ip_emit(p, pr.finish());
  return 0;
}

int do_iplink(Proc& p, const IpOptions& o, std::span<const std::string> a) {
  if (a.empty()) return iplink_show(p, o, a);
  const std::string& c = a[0];
  auto rest = a.subspan(1);
  if (matches(c, "add")) return iplink_add(p, o, rest);
  if (matches(c, "set") || matches(c, "change")) return iplink_set(p, o, rest);
  if (matches(c, "replace")) return iplink_set(p, o, rest);
  if (matches(c, "delete")) return iplink_del(p, o, rest);
  if (matches(c, "show") || matches(c, "lst") || matches(c, "list")) return iplink_show(p, o, rest);
  if (matches(c, "help")) {
    iplink_usage(p);
    return 255;
  }
  p.err.print("Command \"{}\" is unknown, try \"ip link help\".\n", c);
  return 255;
}

}  // namespace skbox
