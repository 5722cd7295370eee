// `bridge link [show] [dev DEV]` and `bridge link set dev DEV ...`
// (iproute2's bridge/link.c; the kernel side is br_getlink/br_setlink).
#include <fmt/format.h>

#include "cli/bridge/bridge.h"
#include "cli/ip/ip_common.h"
#include "dev/bridge.h"
#include "net/net.h"

namespace skbox {

namespace {

// print_link_flags, as bridge/link.c prints it.
std::string link_flags(uint32_t flags, bool mdown) {
  std::string s = "<";
  std::vector<std::string> items;
  if ((flags & IFF_UP) && !(flags & IFF_RUNNING)) items.push_back("NO-CARRIER");
  flags &= ~IFF_RUNNING;
  static constexpr std::pair<uint32_t, const char*> kFlags[] = {
      {IFF_LOOPBACK, "LOOPBACK"}, {IFF_BROADCAST, "BROADCAST"}, {IFF_POINTOPOINT, "POINTOPOINT"},
      {IFF_MULTICAST, "MULTICAST"}, {IFF_NOARP, "NOARP"}, {IFF_ALLMULTI, "ALLMULTI"},
      {IFF_PROMISC, "PROMISC"}, {IFF_MASTER, "MASTER"}, {IFF_SLAVE, "SLAVE"},
      {IFF_DEBUG, "DEBUG"}, {IFF_DYNAMIC, "DYNAMIC"}, {IFF_AUTOMEDIA, "AUTOMEDIA"},
      {IFF_PORTSEL, "PORTSEL"}, {IFF_NOTRAILERS, "NOTRAILERS"}, {IFF_UP, "UP"},
      {IFF_LOWER_UP, "LOWER_UP"}, {IFF_DORMANT, "DORMANT"}, {IFF_ECHO, "ECHO"},
  };
  for (auto& [bit, name] : kFlags)
    if (flags & bit) flags &= ~bit, items.push_back(name);
  if (flags) items.push_back(fmt::format("{:x}", flags));
  for (size_t i = 0; i < items.size(); ++i) s += (i ? "," : "") + items[i];
  if (mdown) s += ",M-DOWN";
  return s + "> ";
}

// One port as br_fill_ifinfo describes it. The link (veth peer) is named by
// its index looked up in the viewing namespace, as no netnsid comes along.
std::string print_port(const BridgeOptions& o, NetDevice* dev, NetBridgePort* p) {
  std::string name = dev->name;
  bool mflag = false;
  if (NetDevice* peer = dev->link_peer()) {
    NetDevice* l = o.net->dev_get_by_index(peer->ifindex);
    name += "@" + (l ? l->name : fmt::format("if{}", peer->ifindex));
    mflag = !(l && (dev_get_flags(l) & IFF_UP));
  }
  std::string s = fmt::format("{}: {}: ", dev->ifindex, name);
  s += link_flags(dev_get_flags(dev), mflag);
  s += fmt::format("mtu {} master {} state {} priority {} cost {} ", dev->mtu, p->br->name,
                   br_port_state_name(p->state), p->priority, p->path_cost);
  s += "\n";
  if (o.details) {
    auto onoff = [](bool v) { return v ? "on" : "off"; };
    s += fmt::format(
        "    hairpin {} guard off root_block off fastleave off learning {} flood {} mcast_flood {} bcast_flood {} "
        "mcast_router 1 mcast_to_unicast off neigh_suppress off vlan_tunnel off isolated off locked off \n",
        onoff(p->flags & BR_HAIRPIN_MODE), onoff(p->flags & BR_LEARNING), onoff(p->flags & BR_FLOOD),
        onoff(p->flags & BR_MCAST_FLOOD), onoff(p->flags & BR_BCAST_FLOOD));
  }
  return s;
}

int link_show(Proc& p, const BridgeOptions& o, std::span<const std::string> a) {
  NetDevice* filter = nullptr;
  NetDevice* master = nullptr;
  for (size_t i = 0; i < a.size(); ++i) {
    const bool is_dev = a[i] == "dev", is_master = a[i] == "master";
    if ((is_dev || is_master) && i + 1 >= a.size()) {
      p.err.print("Command line is not complete. Try option \"help\"\n");
      return 255;
    }
    const std::string& name = (is_dev || is_master) ? a[++i] : a[i];
    NetDevice* d = o.net->dev_get_by_name(name);
    if (!d) {
      p.err.print("Cannot find device \"{}\"\n", name);
      return 255;
    }
    (is_master ? master : filter) = d;
  }
  std::string out;
  for (NetDevice* d : o.net->devices()) {
    NetBridgePort* port = br_port_get(d);
    if (!port || (filter && d != filter) || (master && d->master != master)) continue;
    out += print_port(o, d, port);
  }
  p.out.write(out);
  return 0;
}

int link_set(Proc& p, const BridgeOptions& o, std::span<const std::string> a) {
  std::string dev_name;
  BrPortChanges c;
  auto need = [&](size_t& i) -> bool {
    if (i + 1 >= a.size()) {
      p.err.print("Command line is not complete. Try option \"help\"\n");
      return false;
    }
    ++i;
    return true;
  };
  struct Flag {
    const char* name;
    std::optional<bool>* v;
  };
  const Flag kFlags[] = {{"hairpin", &c.hairpin}, {"learning", &c.learning}, {"flood", &c.flood},
                         {"mcast_flood", &c.mcast_flood}, {"bcast_flood", &c.bcast_flood}};
  for (size_t i = 0; i < a.size(); ++i) {
    const std::string& w = a[i];
    const Flag* f = nullptr;
    for (const Flag& c : kFlags)
      if (w == c.name) f = &c;
    if (w == "dev") {
      if (!need(i)) return 255;
      dev_name = a[i];
    } else if (f) {
      if (!need(i)) return 255;
      if (a[i] != "on" && a[i] != "off") {
        p.err.print("Error: argument of \"{}\" must be one of \"off\", \"on\", not \"{}\"\n", w, a[i]);
        return 234;
      }
      *f->v = a[i] == "on";
    } else if (w == "cost" || w == "priority") {
      if (!need(i)) return 255;
      auto v = parse_u32(a[i]);
      if (!v || (w == "priority" && *v > 0xffff)) {
        p.err.print("Error: argument \"{}\" is wrong: Invalid \"{}\" value\n", a[i], w);
        return 255;
      }
      // A cost of 0 is not sent: the port keeps its cost.
      if (w == "cost") {
        if (*v) c.cost = *v;
      } else {
        c.priority = *v;
      }
    } else if (w == "state") {
      if (!need(i)) return 255;
      auto v = parse_u32(a[i]);
      if (!v || *v > 255) {
        static const char* const kNames[] = {"disabled", "listening", "learning", "forwarding", "blocking"};
        uint8_t s = 0;
        for (; s < 5; ++s)
          if (strcasecmp(kNames[s], a[i].c_str()) == 0) break;
        if (s == 5) {
          p.err.print("Error: invalid STP port state\n");
          return 255;
        }
        v = s;
      }
      c.state = static_cast<uint8_t>(*v);
    } else {
      p.err.print("Error: argument \"{}\" is wrong: Invalid argument\n", w);
      return 255;
    }
  }
  if (dev_name.empty()) {
    p.err.print("Device is a required argument.\n");
    return 255;
  }
  NetDevice* dev = o.net->dev_get_by_name(dev_name);
  if (!dev) {
    p.err.print("Cannot find bridge device \"{}\"\n", dev_name);
    return 255;
  }
  NetBridgePort* port = br_port_get(dev);
  auto fail = [&](int err) {
    print_rtnl_error(p, err, "");
    return 255;
  };
  if (!port) return fail(EOPNOTSUPP);
  if (const int err = br_setport(port, c)) return fail(err);
  return 0;
}

}  // namespace

int do_bridge_link(Proc& p, const BridgeOptions& o, std::span<const std::string> a) {
  if (a.empty() || matches(a[0], "show") || matches(a[0], "lst") || matches(a[0], "list"))
    return link_show(p, o, a.empty() ? a : a.subspan(1));
  if (matches(a[0], "set") || matches(a[0], "change")) return link_set(p, o, a.subspan(1));
  if (matches(a[0], "help")) {
    p.err.write(
        "Usage: bridge link set dev DEV [ cost COST ] [ priority PRIO ] [ state STATE ]\n"
        "                               [ guard {on | off} ]\n"
        "                               [ hairpin {on | off} ]\n"
        "                               [ fastleave {on | off} ]\n"
        "                               [ root_block {on | off} ]\n"
        "                               [ learning {on | off} ]\n"
        "                               [ learning_sync {on | off} ]\n"
        "                               [ flood {on | off} ]\n"
        "                               [ mcast_router MULTICAST_ROUTER ]\n"
        "                               [ mcast_flood {on | off} ]\n"
        "                               [ bcast_flood {on | off} ]\n"
        "                               [ mcast_to_unicast {on | off} ]\n"
        "                               [ neigh_suppress {on | off} ]\n"
        "                               [ vlan_tunnel {on | off} ]\n"
        "                               [ isolated {on | off} ]\n"
        "                               [ locked {on | off} ]\n"
        "                               [ hwmode {vepa | veb} ]\n"
        "                               [ backup_port DEVICE ] [ nobackup_port ]\n"
        "                               [ self ] [ master ]\n"
        "       bridge link show [dev DEV]\n");
    return 255;
  }
  p.err.print("Command \"{}\" is unknown, try \"bridge link help\".\n", a[0]);
  return 255;
}

}  // namespace skbox
