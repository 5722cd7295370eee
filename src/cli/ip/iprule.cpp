// `ip rule` (iproute2 6.1 ip/iprule.c): add, del, list/show with selectors,
// flush. Requests go to fib_newrule/fib_delrule as the netlink messages
// iproute2 builds would; the listing prints what fib_nl_fill_rule reports.
//
// Not modelled: `ip rule save|restore` (a binary netlink stream), IPv6
// rules beyond listing the kernel's two defaults, and `ip mrule`.
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "cli/ip/ip_common.h"
#include "ipv4/devinet.h"
#include "ipv4/fib_rules.h"
#include "net/net.h"

namespace skbox {

namespace {

using Args = IpArgs;

// `tun_id N` (get_be64: any base, no sign).
uint64_t parse_tun_id(Proc& p, const std::string& v) {
  char* end = nullptr;
  const unsigned long long x = std::strtoull(v.c_str(), &end, 0);
  if (v.empty() || *end || v[0] == '-') ip_invarg(p, "\"tun_id\" value is invalid\n", v);
  return x;
}

// `fwmark MARK[/MASK]` as iprule_modify and the show filter parse it.
template <class T>
void parse_fwmark(Proc& p, std::string v, T& mark, T& mask) {
  const auto slash = v.find('/');
  const std::string m = slash == std::string::npos ? "" : v.substr(slash + 1);
  if (slash != std::string::npos) v.resize(slash);
  auto x = parse_u32(v, 0);
  if (!x) ip_invarg(p, "fwmark value is invalid\n", v);
  mark = *x;
  if (slash == std::string::npos) return;
  auto k = parse_u32(m, 0);
  if (!k) ip_invarg(p, "fwmask value is invalid\n", m);
  mask = *k;
}

[[noreturn]] void usage(Proc& p) {
  p.err.print(
      "Usage: ip rule {{ add | del }} SELECTOR ACTION\n"
      "       ip rule {{ flush | save | restore }}\n"
      "       ip rule [ list [ SELECTOR ]]\n"
      "SELECTOR := [ not ] [ from PREFIX ] [ to PREFIX ] [ tos TOS ]\n"
      "            [ fwmark FWMARK[/MASK] ]\n"
      "            [ iif STRING ] [ oif STRING ] [ pref NUMBER ] [ l3mdev ]\n"
      "            [ uidrange NUMBER-NUMBER ]\n"
      "            [ ipproto PROTOCOL ]\n"
      "            [ sport [ NUMBER | NUMBER-NUMBER ]\n"
      "            [ dport [ NUMBER | NUMBER-NUMBER ] ]\n"
      "ACTION := [ table TABLE_ID ]\n"
      "          [ protocol PROTO ]\n"
      "          [ nat ADDRESS ]\n"
      "          [ realms [SRCREALM/]DSTREALM ]\n"
      "          [ goto NUMBER ]\n"
      "          SUPPRESSOR\n"
      "SUPPRESSOR := [ suppress_prefixlength NUMBER ]\n"
      "              [ suppress_ifgroup DEVGROUP ]\n"
      "TABLE_ID := [ local | main | default | NUMBER ]\n");
  throw IpExit{255};
}

// /etc/protocols as Debian 12 ships it (getprotobyname/getprotobynumber).
struct Proto {
  int num;
  const char* name;
  const char* alias;
};
constexpr Proto kProtocols[] = {
    {0, "ip", "IP"}, {0, "hopopt", "HOPOPT"}, {1, "icmp", "ICMP"}, {2, "igmp", "IGMP"}, {3, "ggp", "GGP"},
    {4, "ipencap", "IP-ENCAP"}, {5, "st", "ST"}, {6, "tcp", "TCP"}, {8, "egp", "EGP"}, {9, "igp", "IGP"},
    {12, "pup", "PUP"}, {17, "udp", "UDP"}, {20, "hmp", "HMP"}, {22, "xns-idp", "XNS-IDP"}, {27, "rdp", "RDP"},
    {29, "iso-tp4", "ISO-TP4"}, {33, "dccp", "DCCP"}, {36, "xtp", "XTP"}, {37, "ddp", "DDP"},
    {38, "idpr-cmtp", "IDPR-CMTP"}, {41, "ipv6", "IPv6"}, {43, "ipv6-route", "IPv6-Route"},
    {44, "ipv6-frag", "IPv6-Frag"}, {45, "idrp", "IDRP"}, {46, "rsvp", "RSVP"}, {47, "gre", "GRE"},
    {50, "esp", "IPSEC-ESP"}, {51, "ah", "IPSEC-AH"}, {57, "skip", "SKIP"}, {58, "ipv6-icmp", "IPv6-ICMP"},
    {59, "ipv6-nonxt", "IPv6-NoNxt"}, {60, "ipv6-opts", "IPv6-Opts"}, {73, "rspf", "RSPF"}, {81, "vmtp", "VMTP"},
    {88, "eigrp", "EIGRP"}, {89, "ospf", "OSPFIGP"}, {93, "ax.25", "AX.25"}, {94, "ipip", "IPIP"},
    {97, "etherip", "ETHERIP"}, {98, "encap", "ENCAP"}, {103, "pim", "PIM"}, {108, "ipcomp", "IPCOMP"},
    {112, "vrrp", "VRRP"}, {115, "l2tp", "L2TP"}, {124, "isis", "ISIS"}, {132, "sctp", "SCTP"}, {133, "fc", "FC"},
    {135, "mobility-header", "Mobility-Header"}, {136, "udplite", "UDPLite"}, {137, "mpls-in-ip", "MPLS-in-IP"},
    {138, "manet", nullptr}, {139, "hip", "HIP"}, {140, "shim6", "Shim6"}, {141, "wesp", "WESP"},
    {142, "rohc", "ROHC"}, {143, "ethernet", "Ethernet"}, {262, "mptcp", "MPTCP"},
};

// inet_proto_a2n: a decimal byte, else a protocol name or alias.
int inet_proto_a2n(std::string_view s) {
  if (auto v = parse_u32(s, 10); v && *v <= 255) return static_cast<int>(*v);
  for (const Proto& p : kProtocols)
    if (s == p.name || (p.alias && s == p.alias)) return p.num;
  return -1;
}
std::string inet_proto_n2a(int proto, bool numeric) {
  if (!numeric)
    for (const Proto& p : kProtocols)
      if (p.num == proto) return p.name;
  return "ipproto-" + std::to_string(proto);
}

// rtnl_dsfield_a2n: a name from rt_dsfield, else hexadecimal.
std::optional<uint32_t> dsfield_a2n(std::string_view s) {
  static constexpr std::pair<const char*, uint32_t> kNames[] = {
      {"default", 0x0}, {"AF11", 0x28}, {"AF12", 0x30}, {"AF13", 0x38}, {"AF21", 0x48}, {"AF22", 0x50},
      {"AF23", 0x58},   {"AF31", 0x68}, {"AF32", 0x70}, {"AF33", 0x78}, {"AF41", 0x88}, {"AF42", 0x90},
      {"AF43", 0x98},   {"CS1", 0x20},  {"CS2", 0x40},  {"CS3", 0x60},  {"CS4", 0x80},  {"CS5", 0xA0},
      {"CS6", 0xC0},    {"CS7", 0xE0},  {"EF", 0xB8},
  };
  for (auto& [n, v] : kNames)
    if (s == n) return v;
  auto v = parse_u32(s, 16);
  if (!v || *v > 255) return std::nullopt;
  return v;
}
std::string dsfield_n2a(uint32_t v) {
  // Rule tos values never reach the named (DSCP class) codes.
  char b[8];
  std::snprintf(b, sizeof b, "0x%02x", v);
  return b;
}

// rtnl_rtntype_a2n (prefixes allowed for most names).
std::optional<uint8_t> rtntype_a2n_abbrev(std::string_view s) {
  if (s == "local") return RTN_LOCAL;
  if (s == "nat") return RTN_NAT;
  if (matches(s, "broadcast") || s == "brd") return RTN_BROADCAST;
  if (matches(s, "anycast")) return RTN_ANYCAST;
  if (matches(s, "multicast")) return RTN_MULTICAST;
  if (matches(s, "prohibit")) return RTN_PROHIBIT;
  if (matches(s, "unreachable")) return RTN_UNREACHABLE;
  if (matches(s, "blackhole")) return RTN_BLACKHOLE;
  if (matches(s, "xresolve")) return RTN_XRESOLVE;
  if (matches(s, "unicast")) return RTN_UNICAST;
  if (s == "throw") return RTN_THROW;
  auto v = parse_u32(s, 0);
  if (!v || *v > 255) return std::nullopt;
  return static_cast<uint8_t>(*v);
}

// rtnl_group_a2n / n2a over /etc/iproute2/group ("0 default").
std::optional<int32_t> group_a2n(std::string_view s) {
  if (s == "default") return 0;
  std::string t(s);
  char* end = nullptr;
  long v = std::strtol(t.c_str(), &end, 0);
  if (t.empty() || *end || v < 0 || v > 0x7FFFFFFF) return std::nullopt;
  return static_cast<int32_t>(v);
}
std::string group_n2a(int32_t g) { return g == 0 ? "default" : std::to_string(g); }
std::string realm_n2a(uint32_t r) { return r == 0 ? "cosmos" : std::to_string(r); }

// get_rt_realms_or_raw: [SRC/]DST, names or numbers, or one raw u32.
std::optional<uint32_t> realms_a2n(std::string_view s) {
  auto one = [](std::string_view x) -> std::optional<uint32_t> {
    if (x == "cosmos") return 0;
    auto v = parse_u32(x, 0);
    if (!v || *v > 0xFFFF) return std::nullopt;
    return v;
  };
  if (auto slash = s.find('/'); slash != std::string_view::npos) {
    auto f = one(s.substr(0, slash)), t = one(s.substr(slash + 1));
    if (!f || !t) return std::nullopt;
    return (*f << 16) | *t;
  }
  if (auto t = one(s)) return *t;
  return parse_u32(s, 0);
}

// "%#llx": 0 prints without the prefix.
std::string hex0x(uint64_t v) {
  if (!v) return "0";
  char b[24];
  std::snprintf(b, sizeof b, "0x%llx", static_cast<unsigned long long>(v));
  return b;
}

// check_ifname
bool valid_ifname(std::string_view s) {
  if (s.empty() || s.size() >= 16) return false;
  for (char c : s)
    if (c == '/' || std::isspace(static_cast<unsigned char>(c))) return false;
  return true;
}

// get_prefix for AF_INET or AF_UNSPEC: exits 1 with iproute2's message.
struct RulePrefix {
  int family = 0;  // 0 for default/all/any without -4, 2, or 10
  Ipv4Addr addr;
  int bitlen = 0;
};
RulePrefix get_prefix(Proc& p, std::string_view s, int family) {
  auto bad = [&]() -> RulePrefix {
    p.err.print("Error: {} prefix is expected rather than \"{}\".\n", family == 2 ? "inet" : "any valid", s);
    throw IpExit{1};
  };
  RulePrefix r;
  auto slash = s.find('/');
  std::string_view a = s.substr(0, slash);
  if (a == "default" || a == "all" || a == "any") {
    if (slash != std::string_view::npos) bad();
    r.family = family;
    return r;
  }
  int maxlen = 32;
  if (family != 2 && a.find(':') != std::string_view::npos) {
    if (!Ipv6Addr::parse(a)) bad();
    r.family = 10;
    maxlen = 128;
    r.bitlen = 128;
  } else {
    auto v = parse_ipv4_loose(a);
    if (!v) bad();
    r.family = 2;
    r.addr = *v;
    r.bitlen = 32;
  }
  if (slash != std::string_view::npos) {
    std::string_view m = s.substr(slash + 1);
    std::optional<uint32_t> len = parse_u32(m, 0);
    if (!len && m.find('.') != std::string_view::npos && r.family == 2) {
      // A dotted netmask must be contiguous.
      if (auto mk = parse_ipv4_loose(m)) {
        int bits = 0;
        while (bits < 32 && (mk->v & (0x80000000u >> bits))) ++bits;
        if (inet_make_mask(bits) == mk->v) len = bits;
      }
    }
    if (!len || static_cast<int>(*len) > maxlen) bad();
    r.bitlen = static_cast<int>(*len);
  }
  return r;
}

void parse_port_range(Proc& p, const std::string& s, FibRulePortRange& r, const char* msg) {
  unsigned a = 0, b = 0;
  int n = std::sscanf(s.c_str(), "%u-%u", &a, &b);
  if (n == 1) b = a;
  else if (n != 2) ip_invarg(p, msg, s);
  r.start = static_cast<uint16_t>(a);
  r.end = static_cast<uint16_t>(b);
}

// iprule_modify
int iprule_modify(Proc& p, const IpOptions& o, bool add, Args& g) {
  Net& net = *o.net;
  if (!g.more()) {
    p.err.print("\"ip rule {}\" requires arguments.\n", add ? "add" : "del");
    return 1;
  }
  if (o.family == 10) {
    p.err.print("skbox: IPv6 policy rules are not modelled\n");
    return 2;
  }
  FibRuleConfig c;
  c.action = add ? FR_ACT_TO_TBL : FR_ACT_UNSPEC;
  bool table_ok = false, l3mdev_rule = false;
  uint32_t tid = 0;
  const int family = o.family;
  auto set_prefix = [&](const RulePrefix& x, std::optional<Ipv4Addr>& addr, uint8_t& len) {
    // An IPv6 prefix reaches the kernel with the wrong address size.
    len = static_cast<uint8_t>(x.bitlen);
    if (x.family == 10) addr.reset();
    else addr = x.addr;
  };
  for (; g.more(); ++g.i) {
    const std::string& a = g.cur();
    if (a == "not") {
      c.flags |= FIB_RULE_INVERT;
    } else if (a == "from") {
      set_prefix(get_prefix(p, g.next(), family), c.src, c.src_len);
    } else if (a == "to") {
      set_prefix(get_prefix(p, g.next(), family), c.dst, c.dst_len);
    } else if (matches(a, "preference") || matches(a, "order") || matches(a, "priority")) {
      const std::string& v = g.next();
      auto x = parse_u32(v, 0);
      if (!x) ip_invarg(p, "preference value is invalid\n", v);
      c.priority = *x;
    } else if (a == "tos" || matches(a, "dsfield")) {
      const std::string& v = g.next();
      auto x = dsfield_a2n(v);
      if (!x) ip_invarg(p, "TOS value is invalid\n", v);
      c.tos = static_cast<uint8_t>(*x);
    } else if (a == "fwmark") {
      parse_fwmark(p, g.next(), c.fwmark, c.fwmask);
    } else if (matches(a, "realms")) {
      const std::string& v = g.next();
      auto x = realms_a2n(v);
      if (!x) ip_invarg(p, "invalid realms\n", v);
      c.flow = *x;
    } else if (matches(a, "protocol")) {
      const std::string& v = g.next();
      auto x = rtproto_a2n(v);
      if (!x) ip_invarg(p, "\"protocol\" value is invalid\n", v);
      c.protocol = *x;
    } else if (matches(a, "tun_id")) {
      c.tun_id = parse_tun_id(p, g.next());
    } else if (matches(a, "table") || a == "lookup") {
      const std::string& v = g.next();
      auto x = rttable_a2n(v);
      if (!x) ip_invarg(p, "invalid table ID\n", v);
      tid = *x;
      c.table = tid;
      table_ok = true;
    } else if (matches(a, "suppress_prefixlength") || a == "sup_pl") {
      const std::string& v = g.next();
      std::string t(v);
      char* end = nullptr;
      long x = std::strtol(t.c_str(), &end, 0);
      if (t.empty() || *end || x < 0 || x > 0x7FFFFFFF) ip_invarg(p, "suppress_prefixlength value is invalid\n", v);
      c.suppress_prefixlen = static_cast<int32_t>(x);
    } else if (matches(a, "suppress_ifgroup") || a == "sup_group") {
      const std::string& v = g.next();
      auto x = group_a2n(v);
      if (!x) ip_invarg(p, "Invalid \"suppress_ifgroup\" value\n", v);
      c.suppress_ifgroup = *x;
    } else if (a == "dev" || a == "iif") {
      const std::string& v = g.next();
      if (!valid_ifname(v)) ip_invarg(p, "\"iif\"/\"dev\" not a valid ifname", v);
      c.iifname = v;
    } else if (a == "oif") {
      const std::string& v = g.next();
      if (!valid_ifname(v)) ip_invarg(p, "\"oif\" not a valid ifname", v);
      c.oifname = v;
    } else if (a == "l3mdev") {
      c.l3mdev = 1;
      table_ok = true;
      l3mdev_rule = true;
    } else if (a == "uidrange") {
      const std::string& v = g.next();
      unsigned s = 0, e = 0;
      if (std::sscanf(v.c_str(), "%u-%u", &s, &e) != 2) ip_invarg(p, "invalid UID range\n", v);
      c.uid_range = std::pair<uint32_t, uint32_t>{s, e};
    } else if (a == "nat" || matches(a, "map-to")) {
      const std::string& v = g.next();
      p.err.print("Warning: route NAT is deprecated\n");
      if (!parse_ipv4_loose(v)) ip_invarg(p, "invalid address\n", v);
      c.action = RTN_NAT;  // the gateway attribute is ignored by the kernel
    } else if (a == "ipproto") {
      const std::string& v = g.next();
      int x = inet_proto_a2n(v);
      if (x < 0) ip_invarg(p, "Invalid \"ipproto\" value\n", v);
      c.ip_proto = static_cast<uint8_t>(x);
    } else if (a == "sport") {
      FibRulePortRange r;
      parse_port_range(p, g.next(), r, "invalid port range\n");
      c.sport = r;
    } else if (a == "dport") {
      FibRulePortRange r;
      parse_port_range(p, g.next(), r, "invalid dport range\n");
      c.dport = r;
    } else {
      const std::string* v = &a;
      if (*v == "type") v = &g.next();
      if (matches(*v, "help")) usage(p);
      if (matches(*v, "goto")) {
        c.action = FR_ACT_GOTO;
        const std::string& t = g.next();
        auto x = parse_u32(t, 0);
        if (!x) ip_invarg(p, "invalid target\n", t);
        c.goto_target = *x;
      } else if (matches(*v, "nop")) {
        c.action = FR_ACT_NOP;
      } else {
        auto x = rtntype_a2n_abbrev(*v);
        if (!x) ip_invarg(p, "Failed to parse rule type", *v);
        c.action = *x;
      }
      table_ok = true;
    }
  }
  if (l3mdev_rule && tid != 0) {
    p.err.print("table can not be specified for l3mdev rules\n");
    return 22;  // -EINVAL as the exit status
  }
  if (!table_ok && add) c.table = RT_TABLE_MAIN;

  std::string extack;
  auto r = add ? fib_newrule(net, c, NLM_F_CREATE | NLM_F_EXCL, &extack) : fib_delrule(net, c, &extack);
  if (!r) {
    print_rtnl_error(p, r.error(), extack);
    return 2;
  }
  return 0;
}

// The selectors `ip rule list|flush` filter the dump with (filter_nlmsg).
struct RuleFilter {
  bool not_ = false, l3mdev = false, iifmask = false, oifmask = false, uidrange = false;
  uint32_t tb = 0;
  bool tosmask = false;
  uint32_t tos = 0;
  bool prefmask = false;
  uint32_t pref = 0;
  uint32_t fwmark = 0, fwmask = 0;
  uint64_t tun_id = 0;
  std::string iif, oif;
  uint32_t uid_start = 0, uid_end = 0;
  std::optional<RulePrefix> src, dst;
  uint32_t protocol = 0, protocolmask = 0;
  FibRulePortRange sport, dport;
  uint8_t ipproto = 0;
};

bool prefix_filter(const RulePrefix& f, Ipv4Addr addr, uint8_t len) {
  if (f.family != 2 || f.bitlen > len) return false;
  if (len == 0 || f.bitlen <= 0) return true;  // no address attribute, or a /0 filter
  return ((addr.v ^ f.addr.v) & inet_make_mask(f.bitlen)) == 0;
}

bool filter_rule(const RuleFilter& f, const Net& net, const FibRule& r) {
  if (f.prefmask && f.pref != r.pref) return false;
  if (f.not_ && !(fib_rule_dump_flags(net, r) & FIB_RULE_INVERT)) return false;
  if (f.src && !prefix_filter(*f.src, r.src, r.src_len)) return false;
  if (f.dst && !prefix_filter(*f.dst, r.dst, r.dst_len)) return false;
  if (f.tosmask && f.tos != r.tos) return false;
  if (f.fwmark && f.fwmark != r.mark) return false;
  if (f.fwmask && f.fwmask != ((r.mark || r.mark_mask) ? r.mark_mask : 0)) return false;
  if (f.iifmask && (!r.has_iif() || f.iif != r.iif())) return false;
  if (f.oifmask && (!r.has_oif() || f.oif != r.oif())) return false;
  if (f.l3mdev && !r.l3mdev) return false;
  if (f.uidrange) {
    const bool set = !(r.uid_start == 0 && r.uid_end == 0xFFFFFFFF);
    if (!set || r.uid_start != f.uid_start || r.uid_end != f.uid_end) return false;
  }
  if (f.ipproto && f.ipproto != r.ip_proto) return false;
  if (f.sport.start && (!r.sport.set() || !(r.sport == f.sport))) return false;
  if (f.dport.start && (!r.dport.set() || !(r.dport == f.dport))) return false;
  if (f.tun_id && f.tun_id != r.tun_id) return false;
  if (f.tb > 0 && f.tb != r.table) return false;
  return true;
}

// print_rule
void print_rule(IpPrinter& pr, const IpOptions& o, const Net& net, const FibRule& r) {
  const uint32_t flags = fib_rule_dump_flags(net, r);
  pr.open_object();
  pr.uint(PrintKind::Any, "priority", "{}:\t", r.pref);
  if (flags & FIB_RULE_INVERT) pr.null(PrintKind::Any, "not", "not ", "");
  if (r.src_len) {
    pr.fp("from ");
    pr.str(PrintKind::Any, "src", "{}", r.src.str());
    if (r.src_len != 32) pr.uint(PrintKind::Any, "srclen", "/{}", r.src_len);
  } else {
    pr.str(PrintKind::Any, "src", "from {}", "all");
  }
  if (r.dst_len) {
    pr.fp(" to ");
    pr.str(PrintKind::Any, "dst", "{}", r.dst.str());
    if (r.dst_len != 32) pr.uint(PrintKind::Any, "dstlen", "/{}", r.dst_len);
  }
  if (r.tos) pr.str(PrintKind::Any, "tos", " tos {}", dsfield_n2a(r.tos));
  if (r.mark || r.mark_mask) {
    pr.str(PrintKind::Any, "fwmark", " fwmark {}", hex0x(r.mark));
    if (r.mark_mask != 0xFFFFFFFF) pr.str(PrintKind::Any, "fwmask", "/{}", hex0x(r.mark_mask));
  }
  if (r.has_iif()) {
    pr.fp(" iif ");
    pr.str(PrintKind::Any, "iif", "{}", r.iif());
    if (flags & FIB_RULE_IIF_DETACHED) pr.null(PrintKind::Any, "iif_detached", " [detached]", "");
  }
  if (r.has_oif()) {
    pr.fp(" oif ");
    pr.str(PrintKind::Any, "oif", "{}", r.oif());
    if (flags & FIB_RULE_OIF_DETACHED) pr.null(PrintKind::Any, "oif_detached", " [detached]", "");
  }
  if (r.l3mdev) pr.null(PrintKind::Any, "l3mdev", " lookup [l3mdev-table]", "");
  if (!(r.uid_start == 0 && r.uid_end == 0xFFFFFFFF)) {
    pr.uint(PrintKind::Any, "uid_start", " uidrange {}", r.uid_start);
    pr.uint(PrintKind::Any, "uid_end", "-{}", r.uid_end);
  }
  if (r.ip_proto) pr.str(PrintKind::Any, "ipproto", " ipproto {}", inet_proto_n2a(r.ip_proto, o.numeric));
  auto ports = [&](const FibRulePortRange& pr_, const char* one, const char* s, const char* e, const char* word) {
    if (!pr_.set()) return;
    if (pr_.start == pr_.end) {
      pr.uint(PrintKind::Any, one, std::string(" ") + word + " {}", pr_.start);
    } else {
      pr.uint(PrintKind::Any, s, std::string(" ") + word + " {}", pr_.start);
      pr.uint(PrintKind::Any, e, "-{}", pr_.end);
    }
  };
  ports(r.sport, "sport", "sport_start", "sport_end", "sport");
  ports(r.dport, "dport", "dport_start", "dport_end", "dport");
  if (r.tun_id) pr.uint(PrintKind::Any, "tun_id", " tun_id {}", r.tun_id);
  if (r.table) {
    pr.str(PrintKind::Any, "table", " lookup {}", rttable_n2a(r.table));
    if (r.suppress_prefixlen != -1)
      pr.sint(PrintKind::Any, "suppress_prefixlen", " suppress_prefixlength {}", r.suppress_prefixlen);
    if (r.suppress_ifgroup != -1)
      pr.str(PrintKind::Any, "suppress_ifgroup", " suppress_ifgroup {}", group_n2a(r.suppress_ifgroup));
  }
  if (r.tclassid) {
    const uint32_t from = r.tclassid >> 16, to = r.tclassid & 0xFFFF;
    if (from) pr.str(PrintKind::Any, "flow_from", " realms {}/", realm_n2a(from));
    else pr.fp(" realms ");
    pr.str(PrintKind::Any, "flow_to", "{}", realm_n2a(to));
  }
  if (r.action == RTN_NAT) {
    pr.null(PrintKind::Any, "masquerade", " masquerade", "");
  } else if (r.action == FR_ACT_GOTO) {
    if (r.target) pr.uint(PrintKind::Any, "goto", " goto {}", r.target);
    else pr.str(PrintKind::Any, "goto", " goto {}", "none");
    if (flags & FIB_RULE_UNRESOLVED) pr.null(PrintKind::Any, "unresolved", " [unresolved]", "");
  } else if (r.action == FR_ACT_NOP) {
    pr.null(PrintKind::Any, "nop", " nop", "");
  } else if (r.action != FR_ACT_TO_TBL) {
    pr.str(PrintKind::Any, "action", " {}", rtntype_n2a(r.action));
  }
  if ((r.proto && r.proto != RTPROT_KERNEL) || o.details > 0)
    pr.str(PrintKind::Any, "protocol", " proto {}", rtproto_n2a(r.proto));
  pr.fp("\n");
  pr.close_object();
}

// The request flush_rule sends back for a dumped rule: every attribute
// fib_nl_fill_rule put in it.
FibRuleConfig rule_to_config(const FibRule& r) {
  FibRuleConfig c;
  c.action = r.action;
  c.table = r.table;
  c.flags = r.flags;
  c.priority = r.pref;
  if (r.has_iif()) c.iifname = std::string(r.iif());
  if (r.has_oif()) c.oifname = std::string(r.oif());
  if (r.mark) c.fwmark = r.mark;
  if (r.mark || r.mark_mask) c.fwmask = r.mark_mask;
  if (r.target) c.goto_target = r.target;
  c.suppress_prefixlen = r.suppress_prefixlen;
  if (r.suppress_ifgroup != -1) c.suppress_ifgroup = r.suppress_ifgroup;
  c.protocol = r.proto;
  if (r.l3mdev) c.l3mdev = r.l3mdev;
  if (r.tun_id) c.tun_id = r.tun_id;
  if (!(r.uid_start == 0 && r.uid_end == 0xFFFFFFFF)) c.uid_range = std::pair<uint32_t, uint32_t>{r.uid_start, r.uid_end};
  if (r.ip_proto) c.ip_proto = r.ip_proto;
  if (r.sport.set()) c.sport = r.sport;
  if (r.dport.set()) c.dport = r.dport;
  c.src_len = r.src_len;
  c.dst_len = r.dst_len;
  if (r.src_len) c.src = r.src;
  if (r.dst_len) c.dst = r.dst;
  c.tos = r.tos;
  if (r.tclassid) c.flow = r.tclassid;
  return c;
}

// iprule_list_flush_or_save
int iprule_list_flush(Proc& p, const IpOptions& o, Args& g, bool flush) {
  RuleFilter f;
  const int af = o.family ? o.family : 2;
  for (; g.more(); ++g.i) {
    const std::string& a = g.cur();
    if (matches(a, "preference") || matches(a, "order") || matches(a, "priority")) {
      const std::string& v = g.next();
      auto x = parse_u32(v, 0);
      if (!x) ip_invarg(p, "preference value is invalid\n", v);
      f.pref = *x;
      f.prefmask = true;
    } else if (a == "not") {
      f.not_ = true;
    } else if (a == "tos") {
      const std::string& v = g.next();
      auto x = dsfield_a2n(v);
      if (!x) ip_invarg(p, "TOS value is invalid\n", v);
      f.tos = *x;
      f.tosmask = true;
    } else if (a == "fwmark") {
      parse_fwmark(p, g.next(), f.fwmark, f.fwmask);
    } else if (a == "dev" || a == "iif") {
      const std::string& v = g.next();
      if (v.size() >= 16) ip_invarg(p, "\"iif\"/\"dev\" not a valid ifname", v);
      f.iif = v;
      f.iifmask = true;
    } else if (a == "oif") {
      const std::string& v = g.next();
      if (v.size() >= 16) ip_invarg(p, "\"oif\" not a valid ifname", v);
      f.oif = v;
      f.oifmask = true;
    } else if (a == "l3mdev") {
      f.l3mdev = true;
    } else if (a == "uidrange") {
      const std::string& v = g.next();
      f.uidrange = true;
      if (std::sscanf(v.c_str(), "%u-%u", &f.uid_start, &f.uid_end) != 2) ip_invarg(p, "invalid UID range\n", v);
    } else if (matches(a, "tun_id")) {
      f.tun_id = parse_tun_id(p, g.next());
    } else if (matches(a, "lookup") || matches(a, "table")) {
      const std::string& v = g.next();
      auto x = rttable_a2n(v);
      if (!x) ip_invarg(p, "table id value is invalid\n", v);
      f.tb = *x;
    } else if (matches(a, "from") || matches(a, "src")) {
      f.src = get_prefix(p, g.next(), af);
    } else if (matches(a, "protocol")) {
      const std::string& v = g.next();
      f.protocolmask = 0xFFFFFFFF;
      auto x = rtproto_a2n(v);
      if (!x) {
        if (v != "all") ip_invarg(p, "invalid \"protocol\"\n", v);
        f.protocolmask = 0;
        x = 0;
      }
      f.protocol = *x;
    } else if (a == "ipproto") {
      const std::string& v = g.next();
      int x = inet_proto_a2n(v);
      if (x < 0) ip_invarg(p, "Invalid \"ipproto\" value\n", v);
      f.ipproto = static_cast<uint8_t>(x);
    } else if (a == "sport") {
      parse_port_range(p, g.next(), f.sport, "invalid port range\n");
    } else if (a == "dport") {
      parse_port_range(p, g.next(), f.dport, "invalid dport range\n");
    } else {
      const std::string* v = &a;
      if (matches(*v, "dst") || matches(*v, "to")) v = &g.next();
      f.dst = get_prefix(p, *v, af);
    }
  }

  IpPrinter pr(o);
  if (o.family == 10) {
    // The IPv6 rule list is not modelled; a namespace holds its defaults.
    if (flush) return 0;
    pr.open_array();
    for (auto [pref, table] : {std::pair<uint32_t, const char*>{0, "local"}, {32766, "main"}}) {
      pr.open_object();
      pr.uint(PrintKind::Any, "priority", "{}:\t", pref);
      pr.str(PrintKind::Any, "src", "from {}", "all");
      pr.str(PrintKind::Any, "table", " lookup {}", table);
      if (o.details > 0) pr.str(PrintKind::Any, "protocol", " proto {}", "kernel");
      pr.fp("\n");
      pr.close_object();
    }
    pr.close_array();
    ip_emit(p, pr.finish());
    return 0;
  }
  Net& net = *o.net;
  if (flush) {
    std::vector<FibRuleConfig> victims;
    for (const auto& r : net.fib.rules->rules) {
      if (!filter_rule(f, net, *r)) continue;
      if ((f.protocol ^ r->proto) & f.protocolmask) continue;
      if (r->pref) victims.push_back(rule_to_config(*r));  // no FRA_PRIORITY: kept
    }
    for (const FibRuleConfig& c : victims) {
      std::string extack;
      if (auto e = fib_delrule(net, c, &extack); !e) {
        print_rtnl_error(p, e.error(), extack);
        p.err.print("Dump terminated\n");
        return 1;
      }
    }
    return 0;
  }
  pr.open_array();
  for (const auto& r : net.fib.rules->rules)
    if (filter_rule(f, net, *r)) print_rule(pr, o, net, *r);
  pr.close_array();
  ip_emit(p, pr.finish());
  return 0;
}

}  // namespace

int do_iprule(Proc& p, const IpOptions& o, std::span<const std::string> args) {
  try {
    Args a{p, args, 1};
    if (args.empty()) {
      Args none{p, args, 0};
      return iprule_list_flush(p, o, none, false);
    }
    const std::string& c = args[0];
    if (matches(c, "list") || matches(c, "lst") || matches(c, "show")) return iprule_list_flush(p, o, a, false);
    if (matches(c, "save")) {
      if (a.more()) {
        p.err.print("\"ip rule save\" does not take any arguments.\n");
        return 1;
      }
      p.err.print("skbox: ip rule save is not modelled\n");
      return 1;
    }
    if (matches(c, "restore")) {
      p.err.print("skbox: ip rule restore is not modelled\n");
      return 255;
    }
    if (matches(c, "add")) return iprule_modify(p, o, true, a);
    if (matches(c, "delete")) return iprule_modify(p, o, false, a);
    if (matches(c, "flush")) return iprule_list_flush(p, o, a, true);
    if (matches(c, "help")) usage(p);
    p.err.print("Command \"{}\" is unknown, try \"ip rule help\".\n", c);
    return 255;
  } catch (const IpExit& e) {
    return e.status;
  }
}

}  // namespace skbox
