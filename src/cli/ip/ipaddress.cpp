// `ip address` (iproute2 6.1 ip/ipaddress.c): add/change/replace/del, and
// show/flush with iproute2's filters (dev, scope, to, label, up, type, flag
// list), in the text, -o, -br and -j/-p formats.
//
// The "dump" is built straight from the kernel-side state: per device, the
// IPv4 in_ifaddr list then the IPv6 inet6_ifaddr list, which is the order a
// RTM_GETADDR dump of AF_UNSPEC delivers them in.
//
// Not modelled: `ip -6 addr add/del` (addrconf has no netlink-side entry
// yet; answered with EOPNOTSUPP), IPv6 addresses in `ip addr flush`,
// save/restore/showdump, master/vrf filters (no device is ever enslaved).
#include <fmt/format.h>
#include <fnmatch.h>

#include <algorithm>
#include <cstring>

#include "cli/ip/ip_common.h"
#include "cli/ip/iplink_kind.h"
#include "ipv4/devinet.h"
#include "ipv4/fib.h"
#include "ipv6/addrconf.h"
#include "net/net.h"
#include "net/netdevice.h"
#include "net/world.h"

namespace skbox {

namespace {

constexpr int kAfInet = 2, kAfInet6 = 10, kAfPacket = 17;
constexpr uint32_t kForever = 0xffffffffu;

void ipaddr_usage(Proc& p) {
  p.err.print(
      "Usage: ip address {{add|change|replace}} IFADDR dev IFNAME [ LIFETIME ]\n"
      "                                                      [ CONFFLAG-LIST ]\n"
      "       ip address del IFADDR dev IFNAME [mngtmpaddr]\n"
      "       ip address {{save|flush}} [ dev IFNAME ] [ scope SCOPE-ID ]\n"
      "                            [ to PREFIX ] [ FLAG-LIST ] [ label LABEL ] [up]\n"
      "       ip address [ show [ dev IFNAME ] [ scope SCOPE-ID ] [ master DEVICE ]\n"
      "                         [ nomaster ]\n"
      "                         [ type TYPE ] [ to PREFIX ] [ FLAG-LIST ]\n"
      "                         [ label LABEL ] [up] [ vrf NAME ] ]\n"
      "       ip address {{showdump|restore}}\n"
      "IFADDR := PREFIX | ADDR peer PREFIX\n"
      "          [ broadcast ADDR ] [ anycast ADDR ]\n"
      "          [ label IFNAME ] [ scope SCOPE-ID ] [ metric METRIC ]\n"
      "SCOPE-ID := [ host | link | global | NUMBER ]\n"
      "FLAG-LIST := [ FLAG-LIST ] FLAG\n"
      "FLAG  := [ permanent | dynamic | secondary | primary |\n"
      "           [-]tentative | [-]deprecated | [-]dadfailed | temporary |\n"
      "           CONFFLAG-LIST ]\n"
      "CONFFLAG-LIST := [ CONFFLAG-LIST ] CONFFLAG\n"
      "CONFFLAG  := [ home | nodad | mngtmpaddr | noprefixroute | autojoin ]\n"
      "LIFETIME := [ valid_lft LFT ] [ preferred_lft LFT ]\n"
      "LFT := forever | SECONDS\n"
      "TYPE := {{ amt | bareudp | bond | bond_slave | bridge | bridge_slave |\n"
      "          dsa | dummy | erspan | geneve | gre | gretap | gtp | ifb |\n"
      "          ip6erspan | ip6gre | ip6gretap | ip6tnl |\n"
      "          ipip | ipoib | ipvlan | ipvtap |\n"
      "          macsec | macvlan | macvtap |\n"
      "          netdevsim | nlmon | rmnet | sit | team | team_slave |\n"
      "          vcan | veth | vlan | vrf | vti | vxcan | vxlan | wwan |\n"
      "          xfrm | virt_wifi }}\n");
}

// Thrown-away parse results become these exit statuses (iproute2's exit(-1)
// inside NEXT_ARG/invarg/duparg is 255, a returned -1 is 1, -2 is 2).
constexpr int kExitUsage = 255;

int incomplete(Proc& p) {
  p.err.print("Command line is not complete. Try option \"help\"\n");
  return kExitUsage;
}
int invarg(Proc& p, std::string_view msg, std::string_view arg) {
  p.err.print("Error: argument \"{}\" is wrong: {}\n", arg, msg);
  return kExitUsage;
}
int duparg(Proc& p, std::string_view key, std::string_view arg) {
  p.err.print("Error: duplicate \"{}\": \"{}\" is the second value.\n", key, arg);
  return kExitUsage;
}
int duparg2(Proc& p, std::string_view key, std::string_view arg) {
  p.err.print("Error: either \"{}\" is duplicate, or \"{}\" is a garbage.\n", key, arg);
  return kExitUsage;
}

const char* family_name_verbose(int family) {
  switch (family) {
    case kAfInet: return "inet";
    case kAfInet6: return "inet6";
    case kAfPacket: return "link";
    default: return "any valid";
  }
}

// iproute2's inet_prefix for the two families we know.
struct AnyPrefix {
  int family = 0;
  Ipv4Addr v4;
  Ipv6Addr v6{};
  int bitlen = 0;
  bool has_len = false;
  int bytelen() const { return family == kAfInet6 ? 16 : 4; }
  bool same_addr(const AnyPrefix& o) const {
    return family == o.family && (family == kAfInet6 ? v6 == o.v6 : v4 == o.v4);
  }
};

// get_prefix_1 / get_addr_1: an IPv4 or IPv6 address (family 0 guesses from
// a ':'), with "/N" when want_len.
std::optional<AnyPrefix> parse_any(std::string_view s, int family, bool want_len) {
  AnyPrefix r;
  std::string_view a = s, len;
  if (want_len) {
    auto slash = s.find('/');
    if (slash != std::string_view::npos) {
      a = s.substr(0, slash);
      len = s.substr(slash + 1);
      r.has_len = true;
    }
  }
  const bool v6 = family == kAfInet6 || (family == 0 && a.find(':') != std::string_view::npos);
  if (v6) {
    if (family == kAfInet) return std::nullopt;
    auto x = Ipv6Addr::parse(a);
    if (!x) return std::nullopt;
    r.family = kAfInet6;
    r.v6 = *x;
    r.bitlen = 128;
  } else {
    if (family == kAfInet6) return std::nullopt;
    auto x = parse_ipv4_loose(a);
    if (!x) return std::nullopt;
    r.family = kAfInet;
    r.v4 = *x;
    r.bitlen = 32;
  }
  if (r.has_len) {
    auto n = parse_u32(len, 0);
    if (!n || static_cast<int>(*n) > r.bitlen) return std::nullopt;
    r.bitlen = static_cast<int>(*n);
  }
  return r;
}

bool prefix_match_v6(const Ipv6Addr& a, const Ipv6Addr& b, int bits) {
  for (int i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    const uint8_t m = bits >= 8 ? 0xff : static_cast<uint8_t>(0xff00 >> bits);
    if ((a.b[i] ^ b.b[i]) & m) return false;
  }
  return true;
}

// Flag names of `ip addr` (ifa_flag_names), in print order.
struct FlagName {
  const char* name;
  uint32_t value;
};
constexpr FlagName kFlagNames[] = {
    {"secondary", IFA_F_SECONDARY},   {"temporary", IFA_F_SECONDARY},     {"nodad", IFA_F_NODAD},
    {"optimistic", IFA_F_OPTIMISTIC}, {"dadfailed", IFA_F_DADFAILED},     {"home", IFA_F_HOMEADDRESS},
    {"deprecated", IFA_F_DEPRECATED}, {"tentative", IFA_F_TENTATIVE},     {"permanent", IFA_F_PERMANENT},
    {"mngtmpaddr", IFA_F_MANAGETEMPADDR}, {"noprefixroute", IFA_F_NOPREFIXROUTE},
    {"autojoin", IFA_F_MCAUTOJOIN},   {"stable-privacy", IFA_F_STABLE_PRIVACY},
};

// One address as RTM_NEWADDR carries it (inet_fill_ifaddr / inet6_fill_ifaddr).
struct AddrMsg {
  int family = 0;
  int ifindex = 0;
  uint8_t prefixlen = 0;
  uint8_t scope = 0;
  uint32_t flags = 0;
  AnyPrefix local;           // IFA_LOCAL (IFA_ADDRESS when absent)
  std::string local_s;
  std::string address_s;     // IFA_ADDRESS when it differs from local (peer)
  std::string broadcast_s;   // IFA_BROADCAST, empty when none
  std::optional<std::string> label;  // IFA_LABEL (IPv4 only)
  uint32_t valid = kForever, preferred = kForever;
  // Keys of the matching RTM_DELADDR (flush).
  Ipv4Addr v4_local, v4_address;
};

std::vector<AddrMsg> dump_addrs(NetDevice* dev, int family) {
  std::vector<AddrMsg> out;
  const Time now = dev->net->world.now();
  if ((family == 0 || family == kAfInet) && dev->ip_ptr) {
    for (const InIfaddr& ifa : dev->ip_ptr->ifa_list) {
      AddrMsg m;
      m.family = kAfInet;
      m.ifindex = dev->ifindex;
      m.prefixlen = ifa.prefixlen;
      m.scope = ifa.scope;
      m.flags = ifa.flags;
      m.local.family = kAfInet;
      m.local.v4 = ifa.local.is_any() ? ifa.address : ifa.local;
      m.local.bitlen = 32;
      m.local_s = m.local.v4.str();
      if (!ifa.local.is_any() && ifa.address != ifa.local) m.address_s = ifa.address.str();
      if (!ifa.broadcast.is_any()) m.broadcast_s = ifa.broadcast.str();
      m.label = ifa.label;
      if (!(ifa.flags & IFA_F_PERMANENT)) {
        m.valid = ifa_valid_left(ifa, now);
        m.preferred = ifa_preferred_left(ifa, now);
      }
      m.v4_local = ifa.local;
      m.v4_address = ifa.address;
      out.push_back(std::move(m));
    }
  }
  if ((family == 0 || family == kAfInet6) && dev->ip6_ptr) {
    for (const auto& ifp : dev->ip6_ptr->addrs) {
      if (!ifp) continue;
      AddrMsg m;
      m.family = kAfInet6;
      m.ifindex = dev->ifindex;
      m.prefixlen = ifp->prefixlen;
      m.scope = ifp->scope;
      m.flags = ifp->flags;
      m.local.family = kAfInet6;
      m.local.v6 = ifp->addr;
      m.local.bitlen = 128;
      m.local_s = ifp->addr.str();
      if (!((ifp->flags & IFA_F_PERMANENT) && ifp->prefered_lft == kForever)) {
        uint32_t pref = ifp->prefered_lft, valid = ifp->valid_lft;
        if (pref != kForever) {
          const int64_t tval = (now - ifp->tstamp) / kSec;
          pref = tval < pref ? static_cast<uint32_t>(pref - tval) : 0;
          if (valid != kForever) valid = tval < valid ? static_cast<uint32_t>(valid - tval) : 0;
        }
        m.valid = valid;
        m.preferred = pref;
      }
      out.push_back(std::move(m));
    }
  }
  return out;
}

struct AddrFilter {
  int family = 0;
  int ifindex = 0;
  bool up = false;
  bool oneline = false;
  std::optional<std::string> label;
  uint32_t flags = 0, flagmask = 0;
  uint8_t scope = 0;
  uint8_t scopemask = 0;
  std::optional<AnyPrefix> pfx;
  std::string kind;
  int64_t group = -1;
  const NetDevice* master = nullptr;  // "master DEV": only its ports
  bool nomaster = false;
};

bool addr_passes(const AddrFilter& f, const AddrMsg& m, const NetDevice* dev) {
  if (f.ifindex && f.ifindex != m.ifindex) return false;
  if ((f.scope ^ m.scope) & f.scopemask) return false;
  if ((f.flags ^ m.flags) & f.flagmask) return false;
  if (f.label) {
    const std::string& l = m.label ? *m.label : dev->name;
    if (fnmatch(f.label->c_str(), l.c_str(), 0) != 0) return false;
  }
  if (f.pfx && f.pfx->family) {
    if (m.local.family != f.pfx->family) return false;
    const bool ok = m.family == kAfInet6
                        ? prefix_match_v6(m.local.v6, f.pfx->v6, f.pfx->bitlen)
                        : ((m.local.v4.v ^ f.pfx->v4.v) & inet_make_mask(f.pfx->bitlen)) == 0;
    if (!ok) return false;
  }
  if (f.family && f.family != m.family) return false;
  return true;
}

void print_ifa_flags(IpPrinter& pr, const AddrMsg& m) {
  uint32_t flags = m.flags;
  for (const FlagName& fn : kFlagNames) {
    const uint32_t mask = fn.value;
    if (mask == IFA_F_PERMANENT) {
      if (!(flags & mask)) pr.boolean(PrintKind::Any, "dynamic", "dynamic ", true);
    } else if (flags & mask) {
      if (mask == IFA_F_SECONDARY && m.family == kAfInet6) {
        pr.boolean(PrintKind::Any, "temporary", "temporary ", true);
      } else {
        pr.fp(fmt::format("{} ", fn.name));
        pr.boolean(PrintKind::Json, fn.name, "", true);
      }
    }
    flags &= ~mask;
  }
  if (flags) {
    if (pr.json)
      pr.str(PrintKind::Json, "ifa_flags", "", fmt::format("{:02x}", flags));
    else
      pr.fp(fmt::format("flags {:02x} ", flags));
  }
}

// print_addrinfo for one address that passed the filter.
void print_addrinfo(IpPrinter& pr, const IpOptions& o, const AddrFilter& f, const AddrMsg& m, NetDevice* dev,
                    bool flushing) {
  const char* sl = o.oneline ? "\\" : "\n";
  if (!o.brief) {
    if (f.oneline || flushing) {
      if (pr.json) {
        pr.sint(PrintKind::Json, "index", "", m.ifindex);
        pr.str(PrintKind::Json, "dev", "", dev->name);
      } else {
        pr.fp(fmt::format("{}: {}", m.ifindex, dev->name));
      }
    }
    pr.str(PrintKind::Any, "family", "    {} ", m.family == kAfInet6 ? "inet6" : "inet");
  }
  pr.str(PrintKind::Any, "local", "{}", m.local_s);
  if (!m.address_s.empty()) {
    pr.fp(" peer ");
    pr.str(PrintKind::Any, "address", "{}", m.address_s);
  }
  pr.sint(PrintKind::Any, "prefixlen", "/{} ", m.prefixlen);
  if (o.brief) return;
  if (!m.broadcast_s.empty()) {
    pr.fp("brd ");
    pr.str(PrintKind::Any, "broadcast", "{} ", m.broadcast_s);
  }
  pr.str(PrintKind::Any, "scope", "scope {} ", rtscope_n2a(m.scope));
  print_ifa_flags(pr, m);
  if (m.label) pr.str(PrintKind::Any, "label", "{}", *m.label);
  pr.fp(sl);
  pr.fp("       valid_lft ");
  if (m.valid == kForever) {
    pr.uint(PrintKind::Json, "valid_life_time", "", kForever);
    pr.fp("forever");
  } else {
    pr.uint(PrintKind::Any, "valid_life_time", "{}sec", m.valid);
  }
  pr.fp(" preferred_lft ");
  if (m.preferred == kForever) {
    pr.uint(PrintKind::Json, "preferred_life_time", "", kForever);
    pr.fp("forever");
  } else if (m.flags & IFA_F_DEPRECATED) {
    pr.sint(PrintKind::Any, "preferred_life_time", "{}sec", static_cast<int32_t>(m.preferred));
  } else {
    pr.uint(PrintKind::Any, "preferred_life_time", "{}sec", m.preferred);
  }
  pr.fp("\n");
}

// get_filter: one FLAG-LIST word.
bool get_filter(AddrFilter& f, std::string_view arg) {
  if (arg == "dynamic") {
    f.flags &= ~IFA_F_PERMANENT;
    f.flagmask |= IFA_F_PERMANENT;
    return true;
  }
  if (arg == "primary") {
    f.flags &= ~IFA_F_SECONDARY;
    f.flagmask |= IFA_F_SECONDARY;
    return true;
  }
  const bool neg = !arg.empty() && arg[0] == '-';
  if (neg) arg.remove_prefix(1);
  for (const FlagName& fn : kFlagNames) {
    if (arg != fn.name) continue;
    if (neg)
      f.flags &= fn.value;  // as iproute2 does (clears every other wanted bit)
    else
      f.flags |= fn.value;
    f.flagmask |= fn.value;
    return true;
  }
  return false;
}

enum class Action { List, Flush };

// Deletes one address the way a flush's RTM_DELADDR does (keys: local,
// address+prefixlen, label). False when it was already gone.
bool flush_one(NetDevice* dev, const AddrMsg& m) {
  if (m.family != kAfInet) return false;
  InIfaddrMatch k;
  k.local = m.v4_local;
  k.address = m.v4_address;
  k.prefixlen = m.prefixlen;
  if (m.label) k.label = *m.label;
  return inet_addr_del(dev, k).has_value();
}

int ipaddr_flush(Proc& p, const IpOptions& o, const AddrFilter& f) {
  int round = 0;
  for (;;) {
    // One dump, then the deletes it asked for (in dump order).
    std::vector<std::pair<NetDevice*, AddrMsg>> todo;
    for (NetDevice* dev : o.net->devices()) {
      for (AddrMsg& m : dump_addrs(dev, f.family)) {
        if (m.family != kAfInet) continue;
        if (addr_passes(f, m, dev)) todo.emplace_back(dev, std::move(m));
      }
    }
    if (todo.empty()) break;
    int flushed = 0;
    std::string shown;
    for (auto& [dev, m] : todo) {
      ++flushed;
      if (o.stats >= 2) {
        IpOptions oo = o;
        oo.json = false;
        IpPrinter pr(oo);
        print_addrinfo(pr, oo, f, m, dev, true);
        shown += pr.finish();
      }
      (void)flush_one(dev, m);
    }
    ++round;
    if (!shown.empty()) p.out.write(shown);
    if (o.stats) p.out.print("\n*** Round {}, deleting {} addresses ***\n", round, flushed);
    // Flushing "primary" is one round, or promoted secondaries would follow.
    if (!(f.flags & IFA_F_SECONDARY) && (f.flagmask & IFA_F_SECONDARY)) break;
  }
  if (o.stats) print_flush_done(p, round);
  return 0;
}

int ipaddr_list_or_flush(Proc& p, const IpOptions& o, std::span<const std::string> a, Action action) {
  AddrFilter f;
  f.family = o.family;
  f.oneline = o.oneline;
  if (action == Action::Flush) {
    if (a.empty()) {
      p.err.print("Flush requires arguments.\n");
      return 1;
    }
    if (f.family == kAfPacket) {
      p.err.print("Cannot flush link addresses.\n");
      return 1;
    }
  }
  std::optional<std::string> filter_dev;
  for (size_t i = 0; i < a.size(); ++i) {
    const std::string& w = a[i];
    auto next = [&]() -> const std::string* { return i + 1 < a.size() ? &a[++i] : nullptr; };
    if (w == "to") {
      auto v = next();
      if (!v) return incomplete(p);
      auto px = parse_any(*v, f.family, true);
      if (!px) {
        p.err.print("Error: {} prefix is expected rather than \"{}\".\n", family_name_verbose(f.family), *v);
        return 1;
      }
      if (*v == "default" || *v == "any" || *v == "all") px->bitlen = 0;
      f.pfx = *px;
      if (f.family == 0) f.family = px->family;
    } else if (w == "scope") {
      auto v = next();
      if (!v) return incomplete(p);
      f.scopemask = 0xff;
      auto s = rtscope_a2n(*v);
      if (!s) {
        if (*v != "all") {
          invarg(p, "invalid \"scope\"\n", *v);
          return kExitUsage;
        }
        s = 255;
        f.scopemask = 0;
      }
      f.scope = *s;
    } else if (w == "up") {
      f.up = true;
    } else if (get_filter(f, w)) {
    } else if (w == "label") {
      auto v = next();
      if (!v) return incomplete(p);
      f.label = *v;
    } else if (w == "group") {
      auto v = next();
      if (!v) return incomplete(p);
      auto g = *v == "default" ? std::optional<uint32_t>(0) : parse_u32(*v, 0);
      if (!g) return invarg(p, "Invalid \"group\" value\n", *v);
      f.group = *g;
    } else if (w == "master" || w == "vrf") {
      auto v = next();
      if (!v) return incomplete(p);
      f.master = o.net->dev_get_by_name(*v);
      if (!f.master) return invarg(p, w == "master" ? "Device does not exist\n" : "Not a valid VRF name\n", *v);
      if (w == "vrf") return invarg(p, "Not a valid VRF name\n", *v);
    } else if (w == "nomaster") {
      f.nomaster = true;
    } else if (w == "type") {
      auto v = next();
      if (!v) return incomplete(p);
      f.kind = *v;
    } else {
      std::string_view d = w;
      if (w == "dev") {
        auto v = next();
        if (!v) return incomplete(p);
        d = *v;
      } else if (matches(w, "help")) {
        ipaddr_usage(p);
        return kExitUsage;
      }
      if (filter_dev) return duparg2(p, "dev", d);
      filter_dev = std::string(d);
    }
  }
  if (filter_dev) {
    NetDevice* d = o.net->dev_get_by_name(*filter_dev);
    if (!d) {
      p.err.print("Device \"{}\" does not exist.\n", *filter_dev);
      return 1;
    }
    if (f.ifindex != -1) f.ifindex = d->ifindex;
  }
  if (action == Action::Flush) return ipaddr_flush(p, o, f);

  // The link dump (the kernel filters by kind; a named device is fetched alone).
  std::vector<NetDevice*> links;
  for (NetDevice* d : o.net->devices()) {
    if (!f.kind.empty() && !link_kind_matches(d, f.kind)) continue;
    if ((f.master && d->master != f.master) || (f.nomaster && d->master)) continue;
    if (filter_dev && d->ifindex != f.ifindex) continue;
    links.push_back(d);
  }
  // ipaddr_filter: a link stays when one of its addresses passes the
  // filter, or when it has no address at all and no family was asked for.
  std::vector<std::pair<NetDevice*, std::vector<AddrMsg>>> rows;
  for (NetDevice* d : links) {
    std::vector<AddrMsg> all = f.family == kAfPacket ? std::vector<AddrMsg>{} : dump_addrs(d, 0);
    if (f.family != kAfPacket) {
      bool ok = all.empty() && (f.family == 0);
      for (const AddrMsg& m : all) {
        AddrFilter lf = f;
        lf.ifindex = 0;  // ipaddr_filter does not look at the device
        if (addr_passes(lf, m, d)) {
          ok = true;
          break;
        }
      }
      if (!ok) continue;
    }
    rows.emplace_back(d, std::move(all));
  }

  IpPrinter pr(o);
  const bool no_link = f.family != kAfPacket && f.oneline;
  pr.open_array();
  for (auto& [d, addrs] : rows) {
    pr.open_object();
    // print_linkinfo: 0 (print nothing, still list addresses) for a device
    // that is filtered out, or always when a label is asked for.
    bool res_ok = true;
    bool printed_link = false;
    const bool link_filtered = (f.ifindex && d->ifindex != f.ifindex) || (f.up && !(d->flags & IFF_UP)) ||
                               f.label.has_value();
    // Without a device, `ip -6 addr` dumps links with family AF_INET6: the
    // kernel answers from inet6_dump_ifinfo (no IFLA_GROUP, so no group filter).
    const bool inet6_dump = f.family == kAfInet6 && !filter_dev;
    const bool group_out = !inet6_dump && f.group >= 0 && static_cast<int64_t>(d->group) != f.group;
    // A device that is down under `up` is refused (-1): no addresses either.
    if (group_out || (f.up && !(d->flags & IFF_UP))) res_ok = false;
    // The device's addresses that pass the filter, as one addr_info array.
    auto print_addr_array = [&, d = d, &addrs = addrs] {
      pr.open_array("addr_info");
      for (const AddrMsg& m : addrs) {
        if (f.family && f.family != m.family) continue;
        if (f.up && !(d->flags & IFF_UP)) continue;
        if (!addr_passes(f, m, d)) continue;
        pr.open_object();
        print_addrinfo(pr, o, f, m, d, false);
        pr.close_object();
      }
      pr.close_array();
    };
    if (o.brief) {
      if (!link_filtered && !group_out) {
        IpOptions bo = o;
        bo.family = f.family;
        print_linkinfo_brief(pr, bo, d, f.family == kAfPacket);
      }
      // brief: nothing at all for a device print_linkinfo_brief refused
      // (up/ifindex), but a label filter still lists the addresses.
      const bool refused = group_out || (f.ifindex && d->ifindex != f.ifindex) || (f.up && !(d->flags & IFF_UP));
      if (!refused && f.family != kAfPacket) {
        print_addr_array();
        pr.fp("\n");
      }
    } else {
      if (!no_link && !link_filtered && res_ok) {
        IpOptions lo = o;
        lo.family = f.family;
        print_linkinfo(pr, lo, d, false, inet6_dump);
        printed_link = true;
      }
      if ((no_link || res_ok) && f.family != kAfPacket) {
        print_addr_array();
      }
      if (printed_link && o.stats) print_link_stats(pr, o, d, inet6_dump);
    }
    pr.close_object();
  }
  pr.close_array();
  ip_emit(p, pr.finish());
  return 0;
}

// set_lifetime: "forever" or a u32.
std::optional<uint32_t> parse_lifetime(std::string_view s) {
  if (s == "forever") return kForever;
  return parse_u32(s, 0);
}

enum class Modify { Add, Change, Replace, Del };

int ipaddr_modify(Proc& p, const IpOptions& o, std::span<const std::string> a, Modify cmd) {
  int family = o.family == kAfPacket ? 0 : o.family;
  std::optional<std::string> d, l, lcl_arg, valid_arg, pref_arg;
  std::optional<AnyPrefix> lcl, peer, brd_addr;
  int brd_mode = 0;  // 0 none, 1 address, -1 "+", -2 "-"
  bool anycast = false;
  std::optional<uint8_t> scope;
  uint32_t valid_lft = kForever, preferred_lft = kForever;
  uint32_t ifa_flags = 0;
  std::optional<uint32_t> metric;
  uint8_t prefixlen = 0;

  auto bad_prefix = [&](const std::string& v) {
    p.err.print("Error: {} prefix is expected rather than \"{}\".\n", family_name_verbose(family), v);
    return 1;
  };
  auto bad_addr = [&](const std::string& v) {
    p.err.print("Error: {} address is expected rather than \"{}\".\n", family_name_verbose(family), v);
    return 1;
  };

  for (size_t i = 0; i < a.size(); ++i) {
    const std::string& w = a[i];
    auto next = [&]() -> const std::string* { return i + 1 < a.size() ? &a[++i] : nullptr; };
    if (w == "peer" || w == "remote") {
      auto v = next();
      if (!v) return incomplete(p);
      if (peer) return duparg(p, "peer", *v);
      auto px = parse_any(*v, family, true);
      if (!px) return bad_prefix(*v);
      peer = px;
      if (family == 0) family = px->family;
      prefixlen = static_cast<uint8_t>(px->bitlen);
    } else if (matches(w, "broadcast") || w == "brd") {
      auto v = next();
      if (!v) return incomplete(p);
      if (brd_mode) return duparg(p, "broadcast", *v);
      if (*v == "+") {
        brd_mode = -1;
      } else if (*v == "-") {
        brd_mode = -2;
      } else {
        auto x = parse_any(*v, family, false);
        if (!x) return bad_addr(*v);
        if (family == 0) family = x->family;
        brd_addr = x;
        brd_mode = 1;
      }
    } else if (w == "anycast") {
      auto v = next();
      if (!v) return incomplete(p);
      if (anycast) return duparg(p, "anycast", *v);
      auto x = parse_any(*v, family, false);
      if (!x) return bad_addr(*v);
      if (family == 0) family = x->family;
      anycast = true;
    } else if (w == "scope") {
      auto v = next();
      if (!v) return incomplete(p);
      auto s = rtscope_a2n(*v);
      if (!s) return invarg(p, "invalid scope value.", *v);
      scope = *s;
    } else if (w == "dev") {
      auto v = next();
      if (!v) return incomplete(p);
      d = *v;
    } else if (w == "label") {
      auto v = next();
      if (!v) return incomplete(p);
      l = *v;
    } else if (w == "metric" || w == "priority" || w == "preference") {
      auto v = next();
      if (!v) return incomplete(p);
      if (metric) return duparg(p, "metric", *v);
      auto n = parse_u32(*v, 0);
      if (!n) return invarg(p, "\"metric\" value is invalid\n", *v);
      metric = *n;
    } else if (matches(w, "valid_lft")) {
      if (valid_arg) return duparg(p, "valid_lft", w);
      auto v = next();
      if (!v) return incomplete(p);
      valid_arg = *v;
      auto n = parse_lifetime(*v);
      if (!n) return invarg(p, "valid_lft value", *v);
      valid_lft = *n;
    } else if (matches(w, "preferred_lft")) {
      if (pref_arg) return duparg(p, "preferred_lft", w);
      auto v = next();
      if (!v) return incomplete(p);
      pref_arg = *v;
      auto n = parse_lifetime(*v);
      if (!n) return invarg(p, "preferred_lft value", *v);
      preferred_lft = *n;
    } else if (w == "home" || w == "nodad" || w == "mngtmpaddr") {
      if (family == kAfInet6)
        ifa_flags |= w == "home" ? IFA_F_HOMEADDRESS : w == "nodad" ? IFA_F_NODAD : IFA_F_MANAGETEMPADDR;
      else
        p.err.print("Warning: {} option can be set only for IPv6 addresses\n", w);
    } else if (w == "noprefixroute") {
      ifa_flags |= IFA_F_NOPREFIXROUTE;
    } else if (w == "autojoin") {
      ifa_flags |= IFA_F_MCAUTOJOIN;
    } else {
      const std::string* v = &w;
      if (w == "local") {
        v = next();
        if (!v) return incomplete(p);
      }
      if (matches(*v, "help")) {
        ipaddr_usage(p);
        return kExitUsage;
      }
      if (lcl) return duparg2(p, "local", *v);
      auto px = parse_any(*v, family, true);
      if (!px) return bad_prefix(*v);
      lcl_arg = *v;
      lcl = px;
      if (family == 0) family = px->family;
    }
  }
  if (!d) {
    p.err.print("Not enough information: \"dev\" argument is required.\n");
    return 1;
  }
  // iproute2 6.1 no longer insists that the label starts with the device name.
  // IFA_ADDRESS: the peer, or the local address itself unless this is the
  // old-style delete by address only.
  std::optional<AnyPrefix> address = peer;
  if (!peer && lcl) {
    if (cmd == Modify::Del && lcl->family == kAfInet && !lcl->has_len) {
      p.err.print(
          "Warning: Executing wildcard deletion to stay compatible with old scripts.\n"
          "         Explicitly specify the prefix length ({}/{}) to avoid this warning.\n"
          "         This special behaviour is likely to disappear in further releases,\n"
          "         fix your scripts!\n",
          *lcl_arg, lcl->bytelen() * 8);
    } else {
      address = lcl;
    }
  }
  if (prefixlen == 0 && lcl) prefixlen = static_cast<uint8_t>(lcl->bitlen);
  std::optional<Ipv4Addr> brd;
  if (brd_mode == 1 && brd_addr && brd_addr->family == kAfInet) brd = brd_addr->v4;
  if (brd_mode < 0 && cmd != Modify::Del) {
    if (family != kAfInet) {
      p.err.print("Broadcast can be set only for IPv4 addresses\n");
      return 1;
    }
    // From the peer (which is the local address without one).
    const AnyPrefix base = address ? *address : AnyPrefix{kAfInet, Ipv4Addr{}, {}, 0, false};
    if (base.bitlen <= 30) {
      const uint32_t host = ~inet_make_mask(base.bitlen);
      Ipv4Addr b = base.v4;
      b.v = brd_mode == -1 ? (b.v | host) : (b.v & ~host);
      brd = b;
    }
  }
  uint8_t ifa_scope = scope.value_or(0);
  if (!scope && cmd != Modify::Del)
    ifa_scope = (lcl && lcl->family == kAfInet && (lcl->v4.v >> 24) == 127) ? RT_SCOPE_HOST : 0;

  NetDevice* dev = o.net->dev_get_by_name(*d);
  if (!dev) {
    p.err.print("Cannot find device \"{}\"\n", *d);
    return 1;
  }
  const bool has_cacheinfo = valid_arg || pref_arg;
  if (has_cacheinfo) {
    if (!valid_lft) {
      p.err.print("valid_lft is zero\n");
      return 1;
    }
    if (valid_lft < preferred_lft) {
      p.err.print("preferred_lft is greater than valid_lft\n");
      return 1;
    }
  }
  if ((ifa_flags & IFA_F_MCAUTOJOIN) && !(lcl && (lcl->family == kAfInet ? lcl->v4.is_multicast() : lcl->v6.is_multicast()))) {
    p.err.print("autojoin needs multicast address\n");
    return 1;
  }

  // --- the kernel side (rtnetlink dispatch by family) ---
  if (family != kAfInet) {
    // AF_UNSPEC has no RTM_NEWADDR/RTM_DELADDR handler; IPv6 addresses are
    // not configurable through this path in skbox yet.
    print_rtnl_error(p, EOPNOTSUPP, "");
    return 2;
  }
  if (l && l->size() > 15) {
    print_rtnl_error(p, EINVAL, "Attribute failed policy validation");
    return 2;
  }
  Extack ext;
  if (cmd == Modify::Del) {
    InIfaddrMatch m;
    if (lcl) m.local = lcl->v4;
    if (address) m.address = address->v4;
    m.prefixlen = prefixlen;
    if (l) m.label = *l;
    auto r = inet_addr_del(dev, m, &ext);
    if (!r) {
      print_rtnl_error(p, r.error(), ext);
      return 2;
    }
    return 0;
  }
  if (!lcl) {
    // rtm_to_ifaddr wants IFA_LOCAL.
    print_rtnl_error(p, EINVAL, "ipv4: Local address is not supplied");
    return 2;
  }
  if (!dev->ip_ptr) {
    print_rtnl_error(p, ENOBUFS, "");
    return 2;
  }
  InIfaddr ifa;
  ifa.local = lcl->v4;
  ifa.address = address ? address->v4 : lcl->v4;
  if (brd) ifa.broadcast = *brd;
  ifa.prefixlen = prefixlen;
  ifa.scope = ifa_scope;
  ifa.flags = ifa_flags;
  ifa.label = l.value_or(dev->name);
  ifa.valid_lft = valid_lft;
  ifa.preferred_lft = preferred_lft;
  ifa.metric = metric.value_or(0);
  uint32_t nlflags = cmd == Modify::Add       ? (NLM_F_CREATE | NLM_F_EXCL)
                     : cmd == Modify::Replace ? (NLM_F_CREATE | NLM_F_REPLACE)
                                              : NLM_F_REPLACE;
  auto r = inet_addr_add(dev, std::move(ifa), nlflags, &ext);
  if (!r) {
    print_rtnl_error(p, r.error(), ext);
    return 2;
  }
  return 0;
}

}  // namespace

int do_ipaddr(Proc& p, const IpOptions& o, std::span<const std::string> a) {
  if (a.empty()) return ipaddr_list_or_flush(p, o, a, Action::List);
  const std::string& c = a[0];
  auto rest = a.subspan(1);
  if (matches(c, "add")) return ipaddr_modify(p, o, rest, Modify::Add);
  if (matches(c, "change") || c == "chg") return ipaddr_modify(p, o, rest, Modify::Change);
  if (matches(c, "replace")) return ipaddr_modify(p, o, rest, Modify::Replace);
  if (matches(c, "delete")) return ipaddr_modify(p, o, rest, Modify::Del);
  if (matches(c, "list") || matches(c, "show") || matches(c, "lst"))
    return ipaddr_list_or_flush(p, o, rest, Action::List);
  if (matches(c, "flush")) return ipaddr_list_or_flush(p, o, rest, Action::Flush);
  if (matches(c, "save") || matches(c, "showdump") || matches(c, "restore")) {
    p.err.print("skbox: ip address {} is not supported\n", c);
    return 1;
  }
  if (matches(c, "help")) {
    ipaddr_usage(p);
    return kExitUsage;
  }
  p.err.print("Command \"{}\" is unknown, try \"ip address help\".\n", c);
  return kExitUsage;
}

}  // namespace skbox
