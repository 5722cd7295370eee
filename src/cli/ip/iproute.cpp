// `ip route` (iproute2 6.1 ip/iproute.c) for IPv4: add/del/replace/change/
// append/prepend/test build a route request for the kernel side
// (fib_route_add/fib_route_del); show/flush dump the tables through
// iproute2's filter_nlmsg; get asks ip_route_output/ip_route_input and
// prints the answer as rt_fill_info would build it.
//
// IPv6 routes (those addrconf installs) are listed and flushed, not added.
// Multipath routes take `nexthop via A dev D weight W onlink` clauses and
// print as iproute2's print_rta_multipath does.
// Not modelled: nexthop objects (nhid), encap,
// `save`/`restore`, cached input routes (`show cached` lists the output
// routes cached in next-hop exceptions).
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "cli/ip/ip_common.h"
#include "ipv4/devinet.h"
#include "ipv4/fib.h"
#include "ipv4/ip.h"
#include "ipv6/route.h"
#include "net/net.h"
#include "net/netdevice.h"
#include "net/world.h"

namespace skbox {

namespace {

// rt_flags of a cached route (RTCF_*), as rt_fill_info puts them in rtm_flags.
constexpr uint32_t RTCF_NOTIFY = 0x00010000, RTCF_REDIRECTED = 0x00040000, RTCF_DOREDIRECT = 0x01000000,
                   RTCF_BROADCAST = 0x10000000, RTCF_MULTICAST = 0x20000000, RTCF_LOCAL = 0x80000000;
constexpr uint32_t RTM_F_CLONED = 0x200, RTM_F_OFFLOAD_FAILED = 0x20000000;

void usage(Proc& p) {
  p.err.print(
      "Usage: ip route {{ list | flush }} SELECTOR\n"
      "       ip route save SELECTOR\n"
      "       ip route restore\n"
      "       ip route showdump\n"
      "       ip route get [ ROUTE_GET_FLAGS ] ADDRESS\n"
      "                            [ from ADDRESS iif STRING ]\n"
      "                            [ oif STRING ] [ tos TOS ]\n"
      "                            [ mark NUMBER ] [ vrf NAME ]\n"
      "                            [ uid NUMBER ] [ ipproto PROTOCOL ]\n"
      "                            [ sport NUMBER ] [ dport NUMBER ]\n"
      "       ip route {{ add | del | change | append | replace }} ROUTE\n"
      "SELECTOR := [ root PREFIX ] [ match PREFIX ] [ exact PREFIX ]\n"
      "            [ table TABLE_ID ] [ vrf NAME ] [ proto RTPROTO ]\n"
      "            [ type TYPE ] [ scope SCOPE ]\n"
      "ROUTE := NODE_SPEC [ INFO_SPEC ]\n"
      "NODE_SPEC := [ TYPE ] PREFIX [ tos TOS ]\n"
      "             [ table TABLE_ID ] [ proto RTPROTO ]\n"
      "             [ scope SCOPE ] [ metric METRIC ]\n"
      "             [ ttl-propagate {{ enabled | disabled }} ]\n"
      "INFO_SPEC := {{ NH | nhid ID }} OPTIONS FLAGS [ nexthop NH ]...\n"
      "NH := [ encap ENCAPTYPE ENCAPHDR ] [ via [ FAMILY ] ADDRESS ]\n"
      "      [ dev STRING ] [ weight NUMBER ] NHFLAGS\n"
      "FAMILY := [ inet | inet6 | mpls | bridge | link ]\n"
      "OPTIONS := FLAGS [ mtu NUMBER ] [ advmss NUMBER ] [ as [ to ] ADDRESS ]\n"
      "           [ rtt TIME ] [ rttvar TIME ] [ reordering NUMBER ]\n"
      "           [ window NUMBER ] [ cwnd NUMBER ] [ initcwnd NUMBER ]\n"
      "           [ ssthresh NUMBER ] [ realms REALM ] [ src ADDRESS ]\n"
      "           [ rto_min TIME ] [ hoplimit NUMBER ] [ initrwnd NUMBER ]\n"
      "           [ features FEATURES ] [ quickack BOOL ] [ congctl NAME ]\n"
      "           [ pref PREF ] [ expires TIME ] [ fastopen_no_cookie BOOL ]\n"
      "TYPE := {{ unicast | local | broadcast | multicast | throw |\n"
      "          unreachable | prohibit | blackhole | nat }}\n"
      "TABLE_ID := [ local | main | default | all | NUMBER ]\n"
      "SCOPE := [ host | link | global | NUMBER ]\n"
      "NHFLAGS := [ onlink | pervasive ]\n"
      "RTPROTO := [ kernel | boot | static | NUMBER ]\n"
      "PREF := [ low | medium | high ]\n"
      "TIME := NUMBER[s|ms]\n"
      "BOOL := [1|0]\n"
      "FEATURES := ecn\n"
      "ENCAPTYPE := [ mpls | ip | ip6 | seg6 | seg6local | rpl | ioam6 | xfrm ]\n"
      "ENCAPHDR := [ MPLSLABEL | SEG6HDR | SEG6LOCAL | IOAM6HDR | XFRMINFO ]\n"
      "SEG6HDR := [ mode SEGMODE ] segs ADDR1,ADDRi,ADDRn [hmac HMACKEYID] [cleanup]\n"
      "SEGMODE := [ encap | encap.red | inline | l2encap | l2encap.red ]\n"
      "SEG6LOCAL := action ACTION [ OPTIONS ] [ count ]\n"
      "ACTION := {{ End | End.X | End.T | End.DX2 | End.DX6 | End.DX4 |\n"
      "            End.DT6 | End.DT4 | End.DT46 | End.B6 | End.B6.Encaps |\n"
      "            End.BM | End.S | End.AS | End.AM | End.BPF }}\n"
      "OPTIONS := OPTION [ OPTIONS ]\n"
      "OPTION := {{ flavors FLAVORS | srh SEG6HDR | nh4 ADDR | nh6 ADDR | iif DEV | oif DEV |\n"
      "            table TABLEID | vrftable TABLEID | endpoint PROGNAME }}\n"
      "FLAVORS := {{ FLAVOR[,FLAVOR] }}\n"
      "FLAVOR := {{ psp | usp | usd | next-csid }}\n"
      "IOAM6HDR := trace prealloc type IOAM6_TRACE_TYPE ns IOAM6_NAMESPACE size IOAM6_TRACE_SIZE\n"
      "XFRMINFO := if_id IF_ID [ link_dev LINK ]\n"
      "ROUTE_GET_FLAGS := [ fibmatch ]\n");
  throw IpExit{255};
}

// --- iproute2's argument helpers (utils.c) ---
using Args = IpArgs;

// inet_prefix for AF_INET (get_prefix_1 / get_addr_1).
struct Prefix {
  int family = 0;  // 0 (default/any given without -4/-6), 2 or 10
  Ipv4Addr addr;
  Ipv6Addr addr6;
  int bitlen = -1;
  int bytelen = 0;
  bool len_specified = false;  // PREFIXLEN_SPECIFIED
};

const char* family_verbose(int family) { return family == 2 ? "inet" : family == 10 ? "inet6" : "any valid"; }

// get_netmask: a length, or a contiguous dotted mask.
std::optional<int> get_netmask(std::string_view s) {
  if (auto v = parse_u32(s, 0)) return static_cast<int>(*v);
  if (s.find('.') == std::string_view::npos) return std::nullopt;
  auto m = parse_ipv4_loose(s);
  if (!m) return std::nullopt;
  uint32_t mask = m->v;
  int bits = 0;
  while (bits < 32 && (mask & (0x80000000u >> bits))) ++bits;
  if (inet_make_mask(bits) != mask) return std::nullopt;
  return bits;
}

std::optional<Prefix> get_addr_1(std::string_view s, int family) {
  Prefix r;
  if (s == "default" || s == "all" || s == "any") {
    r.family = family;
    r.bitlen = -2;
    r.len_specified = s == "default";
    return r;
  }
  if (family == 10 || (family == 0 && s.find(':') != std::string_view::npos)) {
    auto a6 = Ipv6Addr::parse(s);
    if (!a6) return std::nullopt;
    r.family = 10;
    r.addr6 = *a6;
    r.bitlen = 128;
    r.bytelen = 16;
    return r;
  }
  auto a = parse_ipv4_loose(s);
  if (!a) return std::nullopt;
  r.family = 2;
  r.addr = *a;
  r.bitlen = 32;
  r.bytelen = 4;
  return r;
}

std::optional<Prefix> get_prefix_1(std::string_view s, int family) {
  auto slash = s.find('/');
  auto r = get_addr_1(s.substr(0, slash), family);
  if (!r) return std::nullopt;
  if (slash != std::string_view::npos) {
    if (r->bitlen == -2) return std::nullopt;
    auto plen = get_netmask(s.substr(slash + 1));
    if (!plen || *plen > (r->family == 10 ? 128 : 32)) return std::nullopt;
    r->len_specified = true;
    r->bitlen = *plen;
  } else if (r->bitlen == -2) {
    r->bitlen = 0;
  }
  return r;
}

Prefix get_prefix(Proc& p, std::string_view s, int family) {
  auto r = get_prefix_1(s, family);
  if (!r) {
    p.err.print("Error: {} prefix is expected rather than \"{}\".\n", family_verbose(family), s);
    throw IpExit{1};
  }
  return *r;
}

Prefix get_addr(Proc& p, std::string_view s, int family) {
  auto r = get_addr_1(s, family);
  if (!r) {
    p.err.print("Error: {} address is expected rather than \"{}\".\n", family_verbose(family), s);
    throw IpExit{1};
  }
  return *r;
}

int nodev(Proc& p, std::string_view name) {
  p.err.print("Cannot find device \"{}\"\n", name);
  return 1;
}

// inet_addr_match over the first bits.
bool addr_match(Ipv4Addr a, Ipv4Addr b, int bits) {
  if (bits <= 0) return true;
  return ((a.v ^ b.v) & inet_make_mask(std::min(bits, 32))) == 0;
}
bool addr_match6(const Ipv6Addr& a, const Ipv6Addr& b, int bits) {
  for (int i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    uint8_t m = bits >= 8 ? 0xff : static_cast<uint8_t>(0xff << (8 - bits));
    if ((a.b[i] ^ b.b[i]) & m) return false;
  }
  return true;
}

// The prefix of a route: the kernel keys fib6 nodes by masked address.
Ipv6Addr masked6(Ipv6Addr a, int bits) {
  for (int i = 0; i < 16; ++i, bits -= 8) {
    if (bits >= 8) continue;
    a.b[i] &= bits <= 0 ? 0 : static_cast<uint8_t>(0xff << (8 - bits));
  }
  return a;
}

// IPv6 routes are listed (from addrconf's table) but not configured here.
[[noreturn]] void ipv6_not_modelled(Proc& p) {
  p.err.print("skbox: IPv6 routes can only be listed, not changed or looked up\n");
  throw IpExit{2};
}

// parse_one_nh: one `nexthop` clause up to the next unknown word.
// Returns false when a device does not exist (nodev already printed).
bool parse_one_nh(Proc& p, Args& g, int& family, Net& net, FibNhConfig& nh) {
  for (; g.more(); ++g.i) {
    const std::string& a = g.cur();
    if (a == "via") {
      const std::string* v = &g.next();
      if (*v == "inet") v = &g.next();
      Prefix x = get_addr(p, *v, family);
      if (family == 0) family = x.family;
      nh.gw = x.addr;
    } else if (a == "dev") {
      const std::string& v = g.next();
      NetDevice* d = net.dev_get_by_name(v);
      if (!d) {
        nodev(p, v);
        return false;
      }
      nh.oif = d->ifindex;
    } else if (a == "weight") {
      const std::string& v = g.next();
      auto w = parse_u32(v, 0);
      if (!w || *w == 0 || *w > 256) ip_invarg(p, "\"weight\" is invalid\n", v);
      nh.weight = static_cast<int>(*w);
    } else if (a == "onlink") {
      nh.flags |= RTNH_F_ONLINK;
    } else if (matches(a, "realms") || a == "encap" || a == "as") {
      p.err.print("skbox: nexthop {} is not modelled\n", a);
      throw IpExit{2};
    } else {
      break;
    }
  }
  return true;
}

// parse_nexthops: everything after the first `nexthop` is next hops.
void parse_nexthops(Proc& p, Args& g, int& family, Net& net, std::vector<FibNhConfig>& out) {
  while (g.more()) {
    if (g.cur() != "nexthop") {
      p.err.print("Error: \"nexthop\" or end of line is expected instead of \"{}\"\n", g.cur());
      throw IpExit{255};
    }
    if (g.i + 1 >= g.a.size()) {
      p.err.print("Error: unexpected end of line after \"nexthop\"\n");
      throw IpExit{255};
    }
    ++g.i;
    FibNhConfig nh;
    if (!parse_one_nh(p, g, family, net, nh)) {
      p.err.print("Error: cannot parse nexthop\n");
      throw IpExit{255};
    }
    out.push_back(nh);
  }
}

// --- iproute_modify ---
int iproute_modify(Proc& p, const IpOptions& o, bool del, uint32_t nlflags, std::span<const std::string> av) {
  Net& net = *o.net;
  FibConfig cfg;
  int family = o.family == 2 || o.family == 0 ? o.family : o.family;
  if (del) cfg = FibConfig::for_delete();
  cfg.table = RT_TABLE_MAIN;
  bool dst_ok = false, gw_ok = false, scope_ok = false, table_ok = false, proto_ok = false, nhs_ok = false;
  std::string dev;
  Args g{p, av};
  for (; g.more(); ++g.i) {
    const std::string& a = g.cur();
    if (a == "src") {
      const std::string& v = g.next();
      Prefix x = get_addr(p, v, family);
      if (family == 0) family = x.family;
      cfg.prefsrc = x.addr;
    } else if (a == "as") {
      const std::string* v = &g.next();
      if (*v == "to") v = &g.next();
      get_addr(p, *v, family);
      p.err.print("skbox: route NAT (as) is not modelled\n");
      return 2;
    } else if (a == "via") {
      if (gw_ok) ip_invarg(p, "use nexthop syntax to specify multiple via\n", a);
      gw_ok = true;
      const std::string* v = &g.next();
      if (*v == "inet") v = &g.next();
      Prefix x = get_addr(p, *v, family);
      if (family == 0) family = x.family;
      cfg.gw = x.addr;
    } else if (a == "from") {
      const std::string& v = g.next();
      get_prefix(p, v, family);
      // IPv4 has no source-specific routes: the kernel rejects rtm_src_len.
      p.err.print("Error: Invalid prefix for given prefix length.\n");
      return 2;
    } else if (a == "tos" || matches(a, "dsfield")) {
      const std::string& v = g.next();
      auto t = parse_u32(v, 16);
      if (!t || *t > 255) ip_invarg(p, "\"tos\" value is invalid\n", v);
      cfg.tos = static_cast<uint8_t>(*t);
    } else if (a == "expires") {
      g.next();
    } else if (matches(a, "metric") || matches(a, "priority") || a == "preference") {
      const std::string& v = g.next();
      auto m = parse_u32(v, 0);
      if (!m) ip_invarg(p, "\"metric\" value is invalid\n", v);
      cfg.priority = *m;
    } else if (a == "onlink") {
      cfg.flags |= RTNH_F_ONLINK;
    } else if (a == "pervasive") {
      cfg.flags |= RTNH_F_PERVASIVE;
    } else if (matches(a, "protocol")) {
      const std::string& v = g.next();
      auto pr = rtproto_a2n(v);
      if (!pr) ip_invarg(p, "\"protocol\" value is invalid\n", v);
      cfg.protocol = *pr;
      proto_ok = true;
    } else if (matches(a, "table")) {
      const std::string& v = g.next();
      auto t = rttable_a2n(v);
      if (!t) ip_invarg(p, "\"table\" value is invalid\n", v);
      cfg.table = *t;
      table_ok = true;
    } else if (a == "dev" || a == "oif") {
      dev = g.next();  // a second dev wins, as in iproute2
    } else if (matches(a, "mtu")) {
      const std::string* v = &g.next();
      if (*v == "lock") {
        cfg.mtu_lock = true;
        v = &g.next();
      }
      auto m = parse_u32(*v, 0);
      if (!m) ip_invarg(p, "\"mtu\" value is invalid\n", *v);
      cfg.mtu = *m;
    } else if (matches(a, "advmss")) {
      const std::string* v = &g.next();
      if (*v == "lock") {
        cfg.advmss_lock = true;
        v = &g.next();
      }
      auto m = parse_u32(*v, 0);
      if (!m) ip_invarg(p, "\"mss\" value is invalid\n", *v);
      cfg.advmss = *m;
    } else if (matches(a, "scope")) {
      const std::string& v = g.next();
      auto s = rtscope_a2n(v);
      if (!s) ip_invarg(p, "invalid \"scope\" value\n", v);
      cfg.scope = *s;
      scope_ok = true;
    } else if (a == "nexthop") {
      nhs_ok = true;
      break;
    } else if (a == "nhid" || a == "encap") {
      p.err.print("skbox: ip route {} is not modelled\n", a);
      return 2;
    } else if (a == "hoplimit" || a == "reordering" || a == "window" || matches(a, "cwnd") ||
               matches(a, "initcwnd") || matches(a, "initrwnd") || matches(a, "features") ||
               matches(a, "quickack") || matches(a, "congctl") || matches(a, "rtt") || matches(a, "rttvar") ||
               matches(a, "rto_min") || matches(a, "ssthresh") || matches(a, "realms") || a == "pref" ||
               a == "ttl-propagate" || a == "fastopen_no_cookie") {
      // Metrics the datapath does not use: accepted and not kept.
      const std::string* v = &g.next();
      if (*v == "lock") v = &g.next();
    } else {
      const std::string* v = &a;
      if (*v == "to") v = &g.next();
      if ((*v)[0] < '0' || (*v)[0] > '9') {
        if (auto t = rtntype_a2n(*v); t && (*v != "none")) {
          cfg.type = *t;
          v = &g.next();
        }
      }
      if (matches(*v, "help")) usage(p);
      if (dst_ok) {
        p.err.print("Error: either \"to\" is duplicate, or \"{}\" is a garbage.\n", *v);
        throw IpExit{255};
      }
      Prefix x = get_prefix(p, *v, family);
      if (family == 0) family = x.family;
      cfg.dst = x.addr;
      cfg.dst_len = static_cast<uint8_t>(std::max(x.bitlen, 0));
      dst_ok = true;
    }
  }
  (void)proto_ok;
  if (nhs_ok) parse_nexthops(p, g, family, net, cfg.mp);
  if (!dst_ok) usage(p);
  if (family == 10) ipv6_not_modelled(p);
  if (!dev.empty()) {
    NetDevice* d = net.dev_get_by_name(dev);
    if (!d) return nodev(p, dev);
    cfg.oif = d->ifindex;
  }
  if (!table_ok && (cfg.type == RTN_LOCAL || cfg.type == RTN_BROADCAST || cfg.type == RTN_NAT ||
                    cfg.type == RTN_ANYCAST))
    cfg.table = RT_TABLE_LOCAL;
  if (!scope_ok) {
    if (cfg.type == RTN_LOCAL || cfg.type == RTN_NAT)
      cfg.scope = RT_SCOPE_HOST;
    else if (cfg.type == RTN_BROADCAST || cfg.type == RTN_MULTICAST || cfg.type == RTN_ANYCAST)
      cfg.scope = RT_SCOPE_LINK;
    else if (cfg.type == RTN_UNICAST || cfg.type == RTN_UNSPEC) {
      if (del)
        cfg.scope = RT_SCOPE_NOWHERE;
      else if (!gw_ok && !nhs_ok)
        cfg.scope = RT_SCOPE_LINK;
    }
  }
  cfg.nlflags = nlflags;
  std::string extack;
  auto r = del ? fib_route_del(net, cfg, &extack) : fib_route_add(net, cfg, &extack);
  if (!r) {
    print_rtnl_error(p, r.error(), extack);
    return 2;
  }
  return 0;
}

// --- dump filter (struct filter in iproute.c) ---
struct Filter {
  uint32_t tb = RT_TABLE_MAIN;  // 0 = all
  bool cloned = false;
  int tos = 0, tosmask = 0;
  int protocol = 0, protocolmask = 0;
  int scope = 0, scopemask = 0;
  uint32_t typemask = 0;
  int oif = 0, oifmask = 0;
  int iif = 0, iifmask = 0;
  uint32_t metric = 0;
  bool metricmask = false;
  Prefix rdst, mdst, rsrc, msrc, rvia, rprefsrc;
  bool has_rdst = false, has_mdst = false, has_rvia = false, has_rprefsrc = false;
  bool has_src = false;
};

// The single next hop whose RTA_GATEWAY/RTA_OIF a dump carries, or null.
const FibNh* single_nh(const FibRoute& r) { return r.nhs.size() == 1 ? &r.nhs[0] : nullptr; }

bool filter_route(const Filter& f, const FibRoute& r) {
  if (f.tb > 0 && f.tb != r.table) return false;
  if ((f.protocol ^ r.protocol) & f.protocolmask) return false;
  if ((f.scope ^ r.scope) & f.scopemask) return false;
  if (f.typemask && !(f.typemask & (1u << r.type))) return false;
  if ((f.tos ^ r.tos) & f.tosmask) return false;
  if (f.has_src) return false;  // IPv4 routes carry no source prefix (src_len 0 never matches a /N>0 filter)
  if (f.has_rdst) {
    if ((f.rdst.family && f.rdst.family != 2) || f.rdst.bitlen > r.plen) return false;
    if (!addr_match(r.dst, f.rdst.addr, f.rdst.bitlen)) return false;
  }
  if (f.has_mdst) {
    if (f.mdst.family && f.mdst.family != 2) return false;
    if (f.mdst.bitlen >= 0 && f.mdst.bitlen < r.plen) return false;
    if (!addr_match(r.dst, f.mdst.addr, r.plen)) return false;
  }
  const FibNh* nh = single_nh(r);
  if (f.has_rvia) {
    if (f.rvia.family && f.rvia.family != 2) return false;
    Ipv4Addr gw = nh ? nh->gw : Ipv4Addr();
    if (!addr_match(gw, f.rvia.addr, f.rvia.bitlen)) return false;
  }
  if (f.has_rprefsrc) {
    if (f.rprefsrc.family && f.rprefsrc.family != 2) return false;
    if (!addr_match(r.prefsrc, f.rprefsrc.addr, f.rprefsrc.bitlen)) return false;
  }
  if (f.oifmask) {
    int oif = nh && nh->dev ? nh->dev->ifindex : 0;
    if (oif != f.oif) return false;
  }
  if (f.iifmask) return false;  // IPv4 fib routes carry no iif
  if (f.metricmask && r.priority != f.metric) return false;
  return true;
}

bool filter_route6(const Filter& f, const Ipv6Route& route) {
  Ipv6Route r = route;
  r.dst = masked6(r.dst, r.dst_len);
  if (f.tb > 0 && f.tb != r.table) return false;
  if ((f.protocol ^ r.protocol) & f.protocolmask) return false;
  if ((f.scope ^ RT_SCOPE_UNIVERSE) & f.scopemask) return false;
  if (f.typemask && !(f.typemask & (1u << r.type))) return false;
  if (f.tosmask) return false;
  if (f.has_src) return false;
  if (f.has_rdst) {
    if ((f.rdst.family && f.rdst.family != 10) || f.rdst.bitlen > r.dst_len) return false;
    if (!addr_match6(r.dst, f.rdst.addr6, f.rdst.bitlen)) return false;
  }
  if (f.has_mdst) {
    if (f.mdst.family && f.mdst.family != 10) return false;
    if (f.mdst.bitlen >= 0 && f.mdst.bitlen < r.dst_len) return false;
    if (!addr_match6(r.dst, f.mdst.addr6, r.dst_len)) return false;
  }
  if (f.has_rvia || f.has_rprefsrc) return false;  // addrconf routes have neither
  if (f.oifmask && (!r.dev || r.dev->ifindex != f.oif)) return false;
  if (f.iifmask) return false;
  if (f.metricmask && r.metric != f.metric) return false;
  return true;
}

// fib_nexthop_info: a next hop's flags as dumped. A link without carrier
// also counts as dead where ignore_routes_with_linkdown is set.
uint32_t nh_flags(const FibNh& nh) {
  uint32_t fl = nh.flags & (RTNH_F_ONLINK | RTNH_F_PERVASIVE | RTNH_F_DEAD);
  if (fib_nh_linkdown(nh)) {
    fl |= RTNH_F_LINKDOWN;
    const NetDevice* d = nh.dev;
    if (d->ip_ptr && (d->net->devconf_all[Ipv4DevConf::IGNORE_ROUTES_WITH_LINKDOWN] ||
                      d->ip_ptr->cnf[Ipv4DevConf::IGNORE_ROUTES_WITH_LINKDOWN]))
      fl |= RTNH_F_DEAD;
  }
  return fl;
}

// rtm_flags of a dumped route (fib_dump_info): the next hop's for a single
// path, fib_flags for a multipath route.
uint32_t route_flags(const FibRoute& r) {
  if (r.nhs.size() == 1) return nh_flags(r.nhs[0]);
  return r.fib_flags;
}

void print_rt_flags(IpPrinter& pr, uint32_t flags) {
  pr.open_array("flags");
  auto f = [&](uint32_t bit, const char* name) {
    if (flags & bit) pr.str(PrintKind::Any, nullptr, "{} ", name);
  };
  f(RTNH_F_DEAD, "dead");
  f(RTNH_F_ONLINK, "onlink");
  f(RTNH_F_PERVASIVE, "pervasive");
  f(RTNH_F_OFFLOAD, "offload");
  f(64, "trap");
  f(0x100, "notify");
  f(RTNH_F_LINKDOWN, "linkdown");
  f(32, "unresolved");
  f(0x2000, "rt_offload");
  f(0x4000, "rt_trap");
  f(RTM_F_OFFLOAD_FAILED, "rt_offload_failed");
  pr.close_array();
}

void print_metrics(IpPrinter& pr, uint32_t mtu, uint32_t advmss, bool mtu_lock = false, bool advmss_lock = false) {
  if (!mtu && !advmss) return;
  pr.open_array("metrics");
  pr.open_object();
  if (mtu) {
    pr.fp("mtu ");
    if (mtu_lock) pr.fp("lock ");  // RTAX_LOCK bit of RTAX_MTU
    pr.uint(PrintKind::Any, "mtu", "{} ", mtu);
  }
  if (advmss) {
    pr.fp("advmss ");
    if (advmss_lock) pr.fp("lock ");
    pr.uint(PrintKind::Any, "advmss", "{} ", advmss);
  }
  pr.close_object();
  pr.close_array();
}

void print_route(IpPrinter& pr, const IpOptions& o, const Filter& f, const FibRoute& r) {
  pr.open_object();
  if ((r.type != RTN_UNICAST || o.details > 0) && (!f.typemask || (f.typemask & (1u << r.type))))
    pr.str(PrintKind::Any, "type", "{} ", rtntype_n2a(r.type));
  if (r.plen) {
    if (r.plen != 32)
      pr.str(PrintKind::Any, "dst", "{} ", r.dst.str() + "/" + std::to_string(r.plen));
    else
      pr.str(PrintKind::Any, "dst", "{} ", r.dst.str());
  } else {
    pr.str(PrintKind::Any, "dst", "{} ", "default");
  }
  if (r.tos && f.tosmask != -1) pr.str(PrintKind::Any, "tos", "tos {} ", fmt::format("0x{:02x}", r.tos));
  const FibNh* nh = single_nh(r);
  if (nh && !nh->gw.is_any() && f.rvia.bitlen != 32) pr.str(PrintKind::Any, "gateway", "via {} ", nh->gw.str());
  if (nh && nh->dev && f.oifmask != -1) pr.str(PrintKind::Any, "dev", "dev {} ", nh->dev->name);
  if (r.table && (r.table != RT_TABLE_MAIN || o.details > 0) && !f.tb)
    pr.str(PrintKind::Any, "table", "table {} ", rttable_n2a(r.table));
  if ((r.protocol != RTPROT_BOOT || o.details > 0) && f.protocolmask != -1)
    pr.str(PrintKind::Any, "protocol", "proto {} ", rtproto_n2a(r.protocol));
  if ((r.scope != RT_SCOPE_UNIVERSE || o.details > 0) && f.scopemask != -1)
    pr.str(PrintKind::Any, "scope", "scope {} ", rtscope_n2a(r.scope));
  if (!r.prefsrc.is_any() && f.rprefsrc.bitlen != 32) {
    if (pr.json)
      pr.str(PrintKind::Json, "prefsrc", "", r.prefsrc.str());
    else
      pr.fp("src " + r.prefsrc.str() + " ");
  }
  if (r.priority && !f.metricmask) pr.uint(PrintKind::Any, "metric", "metric {} ", r.priority);
  print_rt_flags(pr, route_flags(r));
  print_metrics(pr, r.mtu, r.advmss, r.mtu_lock, r.advmss_lock);
  if (r.nhs.size() > 1) {
    // print_rta_multipath
    pr.open_array("nexthops");
    for (const FibNh& m : r.nhs) {
      pr.open_object();
      pr.fp(o.oneline ? "\\\t" : "\n\t");
      pr.fp("nexthop ");
      if (!m.gw.is_any()) pr.str(PrintKind::Any, "gateway", "via {} ", m.gw.str());
      if (m.dev) pr.str(PrintKind::Any, "dev", "dev {} ", m.dev->name);
      pr.sint(PrintKind::Any, "weight", "weight {} ", m.weight);
      print_rt_flags(pr, nh_flags(m));
      pr.close_object();
    }
    pr.close_array();
  }
  pr.fp("\n");
  pr.close_object();
}

void print_route6(IpPrinter& pr, const IpOptions& o, const Filter& f, const Ipv6Route& route) {
  Ipv6Route r = route;
  r.dst = masked6(r.dst, r.dst_len);
  pr.open_object();
  if ((r.type != RTN_UNICAST || o.details > 0) && (!f.typemask || (f.typemask & (1u << r.type))))
    pr.str(PrintKind::Any, "type", "{} ", rtntype_n2a(r.type));
  if (r.dst_len == 0)
    pr.str(PrintKind::Any, "dst", "{} ", "default");
  else if (r.dst_len != 128)
    pr.str(PrintKind::Any, "dst", "{} ", r.dst.str() + "/" + std::to_string(r.dst_len));
  else
    pr.str(PrintKind::Any, "dst", "{} ", r.dst.str());
  if (r.dev && f.oifmask != -1) pr.str(PrintKind::Any, "dev", "dev {} ", r.dev->name);
  if (r.table && (r.table != RT_TABLE_MAIN || o.details > 0) && !f.tb)
    pr.str(PrintKind::Any, "table", "table {} ", rttable_n2a(r.table));
  if ((r.protocol != RTPROT_BOOT || o.details > 0) && f.protocolmask != -1)
    pr.str(PrintKind::Any, "protocol", "proto {} ", rtproto_n2a(r.protocol));
  if (o.details > 0 && f.scopemask != -1) pr.str(PrintKind::Any, "scope", "scope {} ", rtscope_n2a(RT_SCOPE_UNIVERSE));
  if (!f.metricmask) pr.uint(PrintKind::Any, "metric", "metric {} ", r.metric);
  print_rt_flags(pr, r.nh_flags);
  static constexpr const char* kPref[] = {"medium", "high", "2", "low"};
  pr.str(PrintKind::Any, "pref", "pref {}", kPref[r.pref & 3]);
  pr.fp("\n");
  pr.close_object();
}

// The tables in the order inet_dump_fib walks its hash (id & 255).
std::vector<FibTable*> dump_tables(Net& net) {
  std::vector<FibTable*> v;
  for (auto& [id, t] : net.fib.tables()) v.push_back(t.get());
  std::stable_sort(v.begin(), v.end(), [](FibTable* a, FibTable* b) {
    if ((a->id() & 255) != (b->id() & 255)) return (a->id() & 255) < (b->id() & 255);
    return a->id() > b->id();
  });
  return v;
}

// The local table comes into being with the first local route (fib_new_table).
bool table_exists(Net& net, uint32_t id) {
  FibTable* t = net.fib.get_table(id);
  if (!t) return false;
  if (id == RT_TABLE_LOCAL && t->size() == 0) return false;
  return true;
}

// `ip route show cache`: the kernel dumps the routes cached in next-hop
// exceptions (fib_dump_info_fnhe), each as rt_fill_info builds a cached
// route: no source, protocol or scope, RTM_F_CLONED.
void print_fnhe_routes(IpPrinter& pr, const IpOptions& o, const Filter& f, Net& net) {
  const Time now = net.world.now();
  for (FibTable* t : dump_tables(net)) {
    for (const FibRoute* r : t->dump()) {
      for (const FibNh& nh : r->nhs) {
        if (!nh.exceptions.hash) continue;
        nh.exceptions.hash->for_each([&](const FibNhException& e) {
          if (e.genid != net.fib.fnhe_genid || !e.rth_output) return;
          if (e.expires && now > e.expires) return;
          // What iproute2's filter sees: a /32 unicast route of table t.
          FibRoute msg;
          msg.dst = e.daddr;
          msg.plen = 32;
          msg.table = t->id();
          msg.protocol = RTPROT_UNSPEC;
          msg.type = RTN_UNICAST;
          FibNh mnh;
          mnh.dev = nh.dev;
          mnh.gw = nh.gw;
          msg.nhs.push_back(mnh);
          if (!filter_route(f, msg)) return;
          pr.open_object();
          if (o.details > 0) pr.str(PrintKind::Any, "type", "{} ", rtntype_n2a(RTN_UNICAST));
          pr.str(PrintKind::Any, "dst", "{} ", e.daddr.str());
          if (!nh.gw.is_any()) pr.str(PrintKind::Any, "gateway", "via {} ", nh.gw.str());
          if (nh.dev) pr.str(PrintKind::Any, "dev", "dev {} ", nh.dev->name);
          print_rt_flags(pr, 0);
          if (pr.json) {
            pr.jw.name("cache");
            pr.jw.start_array();
            pr.jw.end_array();
          } else {
            pr.fp(o.oneline ? "\\    cache " : "\n    cache ");
          }
          const Duration left = e.expires ? e.expires - now : 0;
          if (left > 0) {
            const int64_t ticks = (left + kSec / kUserHz - 1) / (kSec / kUserHz);
            pr.sint(PrintKind::Any, "expires", "expires {}sec ", ticks / kUserHz);
            print_metrics(pr, e.pmtu, 0, e.mtu_locked);
          }
          pr.fp("\n");
          pr.close_object();
        });
      }
    }
  }
}

int iproute_list_flush(Proc& p, const IpOptions& o, std::span<const std::string> av, bool flush) {
  Net& net = *o.net;
  Filter f;
  int family = o.family;
  if (flush && av.empty()) {
    p.err.print("\"ip route flush\" requires arguments.\n");
    return 1;
  }
  std::string od, id;
  Args g{p, av};
  for (; g.more(); ++g.i) {
    const std::string& a = g.cur();
    if (matches(a, "table")) {
      const std::string& v = g.next();
      if (auto t = rttable_a2n(v)) {
        f.tb = *t;
      } else if (v == "all") {
        f.tb = 0;
      } else if (v == "cache") {
        f.cloned = true;
      } else if (v == "help") {
        usage(p);
      } else {
        ip_invarg(p, "table id value is invalid\n", v);
      }
    } else if (matches(a, "vrf")) {
      const std::string& v = g.next();
      ip_invarg(p, "Not a valid VRF name\n", v);
    } else if (matches(a, "cached") || matches(a, "cloned")) {
      f.cloned = true;
    } else if (a == "tos" || matches(a, "dsfield")) {
      const std::string& v = g.next();
      auto t = parse_u32(v, 16);
      if (!t || *t > 255) ip_invarg(p, "TOS value is invalid\n", v);
      f.tos = static_cast<int>(*t);
      f.tosmask = -1;
    } else if (matches(a, "protocol")) {
      const std::string& v = g.next();
      f.protocolmask = -1;
      if (auto pr = rtproto_a2n(v)) {
        f.protocol = *pr;
      } else {
        if (v != "all") ip_invarg(p, "invalid \"protocol\"\n", v);
        f.protocol = 0;
        f.protocolmask = 0;
      }
    } else if (matches(a, "scope")) {
      const std::string& v = g.next();
      f.scopemask = -1;
      if (auto s = rtscope_a2n(v)) {
        f.scope = *s;
      } else {
        if (v != "all") ip_invarg(p, "invalid \"scope\"\n", v);
        f.scope = RT_SCOPE_NOWHERE;
        f.scopemask = 0;
      }
    } else if (matches(a, "type")) {
      const std::string& v = g.next();
      auto t = rtntype_a2n(v);
      if (!t || *t > 31) ip_invarg(p, "node type value is invalid\n", v);
      f.typemask = 1u << *t;
    } else if (a == "dev" || a == "oif") {
      od = g.next();
    } else if (a == "iif") {
      id = g.next();
    } else if (a == "mark") {
      const std::string& v = g.next();
      if (!parse_u32(v, 0)) ip_invarg(p, "invalid mark value", v);
    } else if (matches(a, "metric") || matches(a, "priority") || a == "preference") {
      const std::string& v = g.next();
      auto m = parse_u32(v, 0);
      if (!m) ip_invarg(p, "\"metric\" value is invalid\n", v);
      f.metric = *m;
      f.metricmask = true;
    } else if (a == "via") {
      const std::string* v = &g.next();
      if (*v == "inet") v = &g.next();
      f.rvia = get_prefix(p, *v, family);
      f.has_rvia = true;
    } else if (a == "src") {
      f.rprefsrc = get_prefix(p, g.next(), family);
      f.has_rprefsrc = true;
    } else if (matches(a, "realms")) {
      g.next();
    } else if (matches(a, "from")) {
      const std::string* v = &g.next();
      if (matches(*v, "root") || matches(*v, "match") || matches(*v, "exact")) v = &g.next();
      Prefix x = get_prefix(p, *v, family);
      // A source prefix of length 0 matches every IPv4 route.
      if (x.bitlen > 0) f.has_src = true;
    } else {
      const std::string* v = &a;
      if (matches(*v, "to")) v = &g.next();
      if (matches(*v, "root")) {
        f.rdst = get_prefix(p, g.next(), family);
        f.has_rdst = true;
      } else if (matches(*v, "match")) {
        f.mdst = get_prefix(p, g.next(), family);
        f.has_mdst = true;
      } else {
        if (matches(*v, "exact")) v = &g.next();
        f.mdst = get_prefix(p, *v, family);
        f.rdst = f.mdst;
        f.has_mdst = f.has_rdst = true;
      }
    }
  }
  // A filter prefix without a family (plain "all"/"any") selects nothing by address.
  if (f.has_rdst && !f.rdst.family && !f.rdst.len_specified) f.has_rdst = false;
  if (f.has_mdst && !f.mdst.family && !f.mdst.len_specified) f.has_mdst = false;
  if (f.has_rdst && f.rdst.bitlen < 0) f.rdst.bitlen = 0;
  if (!id.empty()) {
    NetDevice* d = net.dev_get_by_name(id);
    if (!d) return nodev(p, id);
    f.iif = d->ifindex;
    f.iifmask = -1;
  }
  if (!od.empty()) {
    NetDevice* d = net.dev_get_by_name(od);
    if (!d) return nodev(p, od);
    f.oif = d->ifindex;
    f.oifmask = -1;
  }
  // iproute2 dumps IPv4 only, unless -6 or `table all` without a family.
  const bool dump_v4 = family != 10 && family != 17;
  const bool dump_v6 = family == 10 || (family == 0 && f.tb == 0);
  if (dump_v4 && f.tb && !table_exists(net, f.tb)) {
    if (o.json && !flush) p.out.write("[");
    p.err.print("Error: ipv4: FIB table does not exist.\n{} terminated\n", flush ? "Flush" : "Dump");
    return 2;
  }

  if (flush && dump_v6 && !f.cloned) {
    for (const Ipv6Route& r : ipv6_routes(net))
      if (filter_route6(f, r)) fib6_del_route(net, r.table, r.dst, r.dst_len, r.dev, r.type);
  }
  if (flush && !dump_v4) return 0;
  if (flush) {
    if (f.cloned) {  // iproute_flush_cache: echo -1 > /proc/sys/net/ipv4/route/flush
      rt_cache_flush(net);
      if (o.stats) p.out.print("*** IPv4 routing cache is flushed.\n");
      return 0;
    }
    int round = 0;
    for (;;) {
      std::vector<FibConfig> doomed;
      for (FibTable* t : dump_tables(net)) {
        for (const FibRoute* r : t->dump()) {
          if (!filter_route(f, *r)) continue;
          FibConfig c;
          c.dst = r->dst;
          c.dst_len = r->plen;
          c.tos = r->tos;
          c.table = r->table;
          c.protocol = r->protocol;
          c.scope = r->scope;
          c.type = r->type;
          c.priority = r->priority;
          c.prefsrc = r->prefsrc;
          if (const FibNh* nh = single_nh(*r)) {
            c.gw = nh->gw;
            c.oif = nh->dev ? nh->dev->ifindex : 0;
          } else {
            for (const FibNh& nh : r->nhs) {
              FibNhConfig m;
              m.gw = nh.gw;
              m.oif = nh.dev ? nh.dev->ifindex : 0;
              m.flags = nh.flags;
              m.weight = nh.weight;
              c.mp.push_back(m);
            }
          }
          c.mtu = r->mtu;
          doomed.push_back(c);
        }
      }
      if (doomed.empty()) {
        if (o.stats) print_flush_done(p, round);
        return 0;
      }
      ++round;
      for (const FibConfig& c : doomed) {
        std::string extack;
        auto r = fib_route_del(net, c, &extack);
        if (!r) {
          print_rtnl_error(p, r.error(), extack);
          return 2;
        }
      }
      if (o.stats) p.out.print("\n*** Round {}, deleting {} entries ***\n", round, doomed.size());
      if (round >= 10) return 0;
    }
  }

  IpPrinter pr(o);
  pr.open_array();
  if (!f.cloned && dump_v4) {
    for (FibTable* t : dump_tables(net)) {
      if (f.tb && t->id() != f.tb) continue;
      for (const FibRoute* r : t->dump())
        if (filter_route(f, *r)) print_route(pr, o, f, *r);
    }
  }
  if (f.cloned && dump_v4) print_fnhe_routes(pr, o, f, net);
  if (!f.cloned && dump_v6)
    for (const Ipv6Route& r : ipv6_routes(net))
      if (filter_route6(f, r)) print_route6(pr, o, f, r);
  pr.close_array();
  ip_emit(p, pr.finish());
  return 0;
}

// --- ip route get ---
int iproute_get(Proc& p, const IpOptions& o, std::span<const std::string> av) {
  Net& net = *o.net;
  int family = o.family;
  std::string idev, odev;
  bool from_ok = false, have_dst = false, fibmatch = false, connected = false;
  Ipv4Addr dst, src;
  uint8_t tos = 0;
  uint32_t mark = 0;
  uint32_t req_flags = 0;
  uint16_t sport = 0, dport = 0;
  // inet_rtm_getroute: without RTA_IP_PROTO the request stands for UDP.
  uint8_t ipproto = 17;
  bool have_ipproto = false;
  Args g{p, av};
  for (; g.more(); ++g.i) {
    const std::string& a = g.cur();
    if (a == "tos" || matches(a, "dsfield")) {
      const std::string& v = g.next();
      auto t = parse_u32(v, 16);
      if (!t || *t > 255) ip_invarg(p, "TOS value is invalid\n", v);
      tos = static_cast<uint8_t>(*t);
    } else if (matches(a, "from")) {
      const std::string& v = g.next();
      if (matches(v, "help")) usage(p);
      from_ok = true;
      Prefix x = get_prefix(p, v, family);
      if (family == 0) family = x.family;
      src = x.addr;
    } else if (matches(a, "iif")) {
      idev = g.next();
    } else if (matches(a, "mark")) {
      const std::string& v = g.next();
      auto m = parse_u32(v, 0);
      if (!m) ip_invarg(p, "invalid mark value", v);
      mark = *m;
    } else if (matches(a, "oif") || a == "dev") {
      odev = g.next();
    } else if (matches(a, "notify")) {
      req_flags |= RTCF_NOTIFY;
    } else if (matches(a, "connected")) {
      connected = true;
    } else if (matches(a, "vrf")) {
      ip_invarg(p, "Invalid VRF\n", g.next());
    } else if (matches(a, "fibmatch")) {
      fibmatch = true;
    } else if (a == "sport" || a == "dport") {
      const std::string& v = g.next();
      auto port = parse_u32(v, 0);
      if (!port || *port > 0xffff) ip_invarg(p, a == "sport" ? "invalid sport\n" : "invalid dport\n", v);
      (a == "sport" ? sport : dport) = static_cast<uint16_t>(*port);
    } else if (a == "ipproto") {
      const std::string& v = g.next();
      // inet_proto_a2n
      std::optional<uint32_t> pr = v == "tcp" ? 6u : v == "udp" ? 17u : v == "icmp" ? 1u : v == "ipv6-icmp" ? 58u
                                                                                               : parse_u32(v, 0);
      if (!pr || *pr > 255) ip_invarg(p, "Invalid \"ipproto\" value\n", v);
      ipproto = static_cast<uint8_t>(*pr);
      have_ipproto = true;
    } else if (a == "uid") {
      g.next();
    } else if (a == "as") {
      const std::string* v = &g.next();
      if (*v == "to") v = &g.next();
      get_addr(p, *v, family);
    } else {
      const std::string* v = &a;
      if (*v == "to") v = &g.next();
      if (matches(*v, "help")) usage(p);
      Prefix x = get_prefix(p, *v, family);
      if (family == 0) family = x.family;
      dst = x.addr;
      if ((family == 2 || family == 0) && x.bitlen != 32)
        p.err.print("Warning: /{} as prefix is invalid, only /32 (or none) is supported.\n", x.bitlen);
      have_dst = true;
    }
  }
  if (!have_dst) {
    p.err.print("need at least a destination address\n");
    return 1;
  }
  if (family == 10) ipv6_not_modelled(p);
  // rtm_getroute_parse_ip_proto
  if (have_ipproto && ipproto != 6 && ipproto != 17 && ipproto != 1) {
    p.err.print("Error: Unsupported ip proto.\n");
    return 2;
  }
  NetDevice* in_dev = nullptr;
  NetDevice* out_dev = nullptr;
  if (!idev.empty()) {
    in_dev = net.dev_get_by_name(idev);
    if (!in_dev) return nodev(p, idev);
  }
  if (!odev.empty()) {
    out_dev = net.dev_get_by_name(odev);
    if (!out_dev) return nodev(p, odev);
  }

  // What rt_fill_info reports.
  uint8_t type = RTN_UNICAST;
  NetDevice* dev = nullptr;
  Ipv4Addr gw, prefsrc;
  bool has_gw = false, has_prefsrc = false, input = false;
  uint32_t rt_flags = req_flags;
  const FibRoute* fib_route = nullptr;    // metrics of the answer
  const FibRoute* match_route = nullptr;  // what `fibmatch` prints
  uint32_t table_id = 0;                   // RTA_TABLE: res.table, 0 without a lookup
  // rt_fill_info: time left on a bound next-hop exception (0: none), and
  // its PMTU, which overrides the mtu metric while it lasts.
  Duration expires = 0;
  uint32_t rt_pmtu = 0;
  bool pmtu_locked = false;

  if (in_dev) {
    input = true;
    SkBuff skb{};
    skb.mark = mark;
    skb.dev = in_dev;
    // inet_rtm_getroute_build_skb: an IPv4 header and the L4 header of
    // ipproto, which the multipath hash of a forwarded packet reads.
    uint8_t hdr[40] = {};
    hdr[0] = 0x45;
    hdr[8] = 64;
    hdr[9] = ipproto;
    for (int i = 0; i < 4; ++i) {
      hdr[12 + i] = uint8_t(src.v >> (24 - 8 * i));
      hdr[16 + i] = uint8_t(dst.v >> (24 - 8 * i));
    }
    uint32_t l4len = 0;
    if (ipproto == 17 || ipproto == 6) {
      hdr[20] = uint8_t(sport >> 8);
      hdr[21] = uint8_t(sport);
      hdr[22] = uint8_t(dport >> 8);
      hdr[23] = uint8_t(dport);
      l4len = ipproto == 6 ? 20 : 8;
      if (ipproto == 6) hdr[32] = 5 << 4;  // doff
    } else if (ipproto == 1) {
      hdr[20] = 8;  // ICMP_ECHO
      l4len = 8;
    }
    const uint16_t tot = uint16_t(20 + l4len);
    hdr[2] = uint8_t(tot >> 8);
    hdr[3] = uint8_t(tot);
    skb.head = hdr;
    skb.end = sizeof hdr;
    skb.len = tot;
    skb.network_header = 0;
    skb.transport_header = 20;
    DropReason reason = DropReason::NOT_SPECIFIED;
    // inet_rtm_getroute: a refused input route (martian, rp_filter) is
    // EINVAL whatever the reason; a route to nowhere reports its error.
    int err = ip_route_input(skb, dst, src, tos, in_dev, &reason) ? -EINVAL : 0;
    if (err == 0 && skb.dst.input == SkbDst::Input::Error) err = -skb.dst.error;
    if (err) {
      print_rtnl_error(p, -err, {});
      return 2;
    }
    type = skb.dst.rt_type;
    dev = skb.dst.dev;
    if (skb.dst.has_gateway) {
      has_gw = true;
      gw = skb.dst.gateway;
    }
    if (type == RTN_LOCAL) rt_flags |= RTCF_LOCAL;
    if (type == RTN_BROADCAST) rt_flags |= RTCF_BROADCAST | RTCF_LOCAL;
    if (skb.dst.do_redirect) rt_flags |= RTCF_DOREDIRECT;
    // The fib result behind the answer: its table, and for forwarding its
    // metrics. Limited broadcasts are answered before any lookup.
    if (!dst.is_lbcast() && !(src.is_any() && dst.is_any())) {
      Flowi4 fl;
      fl.daddr = dst;
      fl.saddr = src;
      fl.iif = in_dev->ifindex;
      fl.mark = mark;
      fl.tos = tos;
      fl.proto = ipproto;
      fl.sport = sport;
      fl.dport = dport;
      FibResult res;
      if (fib_lookup(net, fl, res) == 0) {
        table_id = res.table;
        if (skb.dst.input == SkbDst::Input::Forward) fib_route = match_route = res.route;
      }
    }
  } else {
    Flowi4 fl;
    fl.daddr = dst;
    fl.saddr = src;
    fl.tos = tos;
    fl.mark = mark;
    fl.oif = out_dev ? out_dev->ifindex : 0;
    fl.iif = net.loopback()->ifindex;
    fl.proto = ipproto;
    fl.getroute = true;
    fl.sport = sport;
    fl.dport = dport;
    RouteOut out;
    int err = ip_route_output(net, fl, out);
    if (err) {
      print_rtnl_error(p, -err, {});
      return 2;
    }
    type = out.rt_type;
    dev = out.dst.dev;
    if (out.expires && net.world.now() < out.expires) {
      expires = out.expires - net.world.now();
      rt_pmtu = out.pmtu;
      pmtu_locked = out.mtu_locked;
    }
    if (out.dst.has_gateway && type != RTN_BROADCAST && type != RTN_MULTICAST) {
      has_gw = true;
      gw = out.dst.gateway;
    }
    if (fl.saddr != src) {
      has_prefsrc = true;
      prefsrc = fl.saddr;
    }
    if (type == RTN_LOCAL) rt_flags |= RTCF_LOCAL;
    if (type == RTN_BROADCAST) rt_flags |= RTCF_BROADCAST | RTCF_LOCAL;
    if (type == RTN_MULTICAST) {
      rt_flags |= RTCF_MULTICAST;
      // ip_check_mc_rcu: every IPv4 device has joined the all-hosts group.
      if (dst == Ipv4Addr::of(224, 0, 0, 1) && dev && dev->ip_ptr) rt_flags |= RTCF_LOCAL;
    }
    // The fib entry behind the answer (`fibmatch`, and its metrics, which
    // broadcast and multicast answers lack: __mkroute_output drops fi).
    Flowi4 f2;
    f2.daddr = dst;
    f2.saddr = src;
    f2.oif = out_dev ? out_dev->ifindex : 0;  // ip_route_output rewrote fl.oif
    f2.mark = mark;
    f2.tos = tos;
    f2.iif = net.loopback()->ifindex;
    f2.proto = ipproto;
    f2.sport = sport;
    f2.dport = dport;
    FibResult res;
    if (fib_lookup(net, f2, res) == 0) {
      match_route = res.route;
      // ip_route_output answers limited broadcasts without a lookup.
      if (!dst.is_lbcast()) table_id = res.table;
    }
    if (type != RTN_BROADCAST && type != RTN_MULTICAST) fib_route = match_route;
  }

  IpPrinter pr(o);
  pr.open_array();
  auto print_answer = [&] {
    if (fibmatch && match_route) {
      Filter f;
      f.tb = 0;
      // Without policy rules the local table lives in main's trie, and the
      // lookup reports main.
      FibRoute r = *match_route;
      if (r.table == RT_TABLE_LOCAL) r.table = RT_TABLE_MAIN;
      print_route(pr, o, f, r);
    } else {
      pr.open_object();
      if (type != RTN_UNICAST || o.details > 0) pr.str(PrintKind::Any, "type", "{} ", rtntype_n2a(type));
      pr.str(PrintKind::Any, "dst", "{} ", dst.str());
      if (!src.is_any()) pr.str(PrintKind::Any, "from", "from {} ", src.str());
      if (has_gw) pr.str(PrintKind::Any, "gateway", "via {} ", gw.str());
      if (dev) pr.str(PrintKind::Any, "dev", "dev {} ", dev->name);
      // Cloned routes show no proto/scope; main only with -d. Without policy
      // rules the local table lives in main's trie, and the lookup says main.
      uint32_t tb = table_id;
      if (tb == RT_TABLE_LOCAL && !net.fib.has_custom_rules) tb = RT_TABLE_MAIN;
      if (tb && (tb != RT_TABLE_MAIN || o.details > 0))
        pr.str(PrintKind::Any, "table", "table {} ", rttable_n2a(tb));
      if (has_prefsrc) {
        if (pr.json)
          pr.str(PrintKind::Json, "prefsrc", "", prefsrc.str());
        else
          pr.fp("src " + prefsrc.str() + " ");
      }
      uint32_t rtm_flags = (rt_flags & ~0xFFFFu) | RTM_F_CLONED;
      if (rt_flags & RTCF_NOTIFY) rtm_flags |= 0x100;  // RTM_F_NOTIFY
      print_rt_flags(pr, rtm_flags);
      if (mark) {
        if (pr.json)
          pr.uint(PrintKind::Json, "mark", "", mark);
        else if (mark >= 16)
          pr.fp(fmt::format("mark 0x{:x} ", mark));
        else
          pr.fp(fmt::format("mark {} ", mark));
      }
      if (!input) pr.uint(PrintKind::Any, "uid", "uid {} ", 0);
      // print_cache_flags
      uint32_t cf = rtm_flags & ~0xFFFFu;
      if (pr.json) {
        pr.jw.name("cache");
        pr.jw.start_array();
      } else {
        pr.fp(o.oneline ? "\\    cache " : "\n    cache ");
      }
      if (cf) {
        struct Fl {
          uint32_t bit;
          const char* name;
        };
        static constexpr Fl kFl[] = {{RTCF_LOCAL, "local"},         {0x40000000, "reject"},
                                     {RTCF_MULTICAST, "mc"},        {RTCF_BROADCAST, "brd"},
                                     {0x08000000, "dst-nat"},       {0x00800000, "snat"},
                                     {0x00400000, "masq"},          {0x00020000, "dst-direct"},
                                     {0x04000000, "src-direct"},    {RTCF_REDIRECTED, "redirected"},
                                     {RTCF_DOREDIRECT, "redirect"}, {0x00200000, "fastroute"},
                                     {RTCF_NOTIFY, "notify"},       {0x00080000, "tproxy"}};
        pr.fp("<");
        for (const Fl& x : kFl) {
          if (!(cf & x.bit)) continue;
          cf &= ~x.bit;
          if (pr.json)
            pr.jw.string(x.name);
          else
            pr.fp(std::string(x.name) + (cf ? "," : "> "));
        }
        if (cf) pr.str(PrintKind::Any, nullptr, "{}> ", fmt::format("{:x}", cf));
      }
      if (pr.json) pr.jw.end_array();
      // print_rta_cacheinfo: rta_expires is in USER_HZ ticks, shown in seconds.
      if (expires > 0) {
        const int64_t ticks = (expires + kSec / kUserHz - 1) / (kSec / kUserHz);
        pr.sint(PrintKind::Any, "expires", "expires {}sec ", ticks / kUserHz);
      }
      if (fib_route || rt_pmtu)
        print_metrics(pr, rt_pmtu ? rt_pmtu : fib_route->mtu, fib_route ? fib_route->advmss : 0,
                      pmtu_locked || (!rt_pmtu && fib_route->mtu_lock), fib_route && fib_route->advmss_lock);
      if (input) pr.str(PrintKind::Any, "iif", "iif {} ", in_dev->name);
      pr.fp("\n");
      pr.close_object();
    }
  };
  print_answer();
  if (connected && !from_ok) {
    // iproute2 rewrites the answer's attributes into a "connected" request
    // but then sends its original request again: the same answer, twice.
    const bool has_src = fibmatch && match_route ? !match_route->prefsrc.is_any() : has_prefsrc || !src.is_any();
    if (!has_src) {
      ip_emit(p, pr.json ? pr.jw.str() : pr.text);
      p.err.print("Failed to connect the route\n");
      return 1;
    }
    if (pr.json) {
      // The JSON document ends with the first answer; the second is text.
      pr.close_array();
      ip_emit(p, pr.finish());
      pr.json = false;
      pr.text.clear();
      print_answer();
      ip_emit(p, pr.text);
      return 0;
    }
    print_answer();
  }
  pr.close_array();
  ip_emit(p, pr.finish());
  return 0;
}

int do_iproute_inner(Proc& p, const IpOptions& o, std::span<const std::string> a) {
  if (a.empty()) return iproute_list_flush(p, o, a, false);
  const std::string& c = a[0];
  auto rest = a.subspan(1);
  if (matches(c, "add")) return iproute_modify(p, o, false, NLM_F_CREATE | NLM_F_EXCL, rest);
  if (matches(c, "change") || c == "chg") return iproute_modify(p, o, false, NLM_F_REPLACE, rest);
  if (matches(c, "replace")) return iproute_modify(p, o, false, NLM_F_CREATE | NLM_F_REPLACE, rest);
  if (matches(c, "prepend")) return iproute_modify(p, o, false, NLM_F_CREATE, rest);
  if (matches(c, "append")) return iproute_modify(p, o, false, NLM_F_CREATE | NLM_F_APPEND, rest);
  if (matches(c, "test")) return iproute_modify(p, o, false, NLM_F_EXCL, rest);
  if (matches(c, "delete")) return iproute_modify(p, o, true, 0, rest);
  if (matches(c, "list") || matches(c, "show") || matches(c, "lst")) return iproute_list_flush(p, o, rest, false);
  if (matches(c, "get")) return iproute_get(p, o, rest);
  if (matches(c, "flush")) return iproute_list_flush(p, o, rest, true);
  if (matches(c, "save") || matches(c, "restore") || matches(c, "showdump")) {
    p.err.print("skbox: ip route {} is not modelled\n", c);
    return 1;
  }
  if (matches(c, "help")) usage(p);
  p.err.print("Command \"{}\" is unknown, try \"ip route help\".\n", c);
  return 255;
}

}  // namespace

int do_iproute(Proc& p, const IpOptions& o, std::span<const std::string> a) {
  try {
    return do_iproute_inner(p, o, a);
  } catch (const IpExit& e) {
    return e.status;
  }
}

}  // namespace skbox
