// `ip neigh` (iproute2 ip/ipneigh.c): add | replace | change | del | flush
// | show | get over the namespace's ARP table, through the same requests the
// kernel's RTM_NEWNEIGH / RTM_DELNEIGH / RTM_GETNEIGH handlers take, and the
// dump filtering iproute2 does on its side (NOARP entries hidden from show,
// PERMANENT and NOARP ones kept by flush).
//
// Not modelled: IPv6 neighbours (no ND table yet), `protocol`, `master` /
// `vrf` filters, NTF_MANAGED. An IPv6 address is refused like a bad address.
#include <cstdio>
#include <optional>
#include <string>

#include "cli/ip/ip_common.h"
#include "neigh/neigh_table.h"
#include "net/net.h"
#include "net/netdevice.h"

namespace skbox {

namespace {

[[noreturn]] void usage(Proc& p) {
  p.err.print(
      "Usage: ip neigh {{ add | del | change | replace }}\n"
      "                {{ ADDR [ lladdr LLADDR ] [ nud STATE ] proxy ADDR }}\n"
      "                [ dev DEV ] [ router ] [ use ] [ managed ] [ extern_learn ]\n"
      "                [ protocol PROTO ]\n"
      "\n"
      "\tip neigh {{ show | flush }} [ proxy ] [ to PREFIX ] [ dev DEV ] [ nud STATE ]\n"
      "\t\t\t\t  [ vrf NAME ] [ nomaster ]\n"
      "\tip neigh get {{ ADDR | proxy ADDR }} dev DEV\n"
      "\n"
      "STATE := {{ delay | failed | incomplete | noarp | none |\n"
      "           permanent | probe | reachable | stale }}\n");
  throw IpExit{255};
}


[[noreturn]] void duparg(Proc& p, std::string_view key, std::string_view arg) {
  p.err.print("Error: duplicate \"{}\": \"{}\" is the second value.\n", key, arg);
  throw IpExit{255};
}

[[noreturn]] void duparg2(Proc& p, std::string_view key, std::string_view arg) {
  p.err.print("Error: either \"{}\" is duplicate, or \"{}\" is a garbage.\n", key, arg);
  throw IpExit{255};
}

using Args = IpArgs;

// nud_state_a2n
std::optional<unsigned> nud_state_a2n(std::string_view s) {
  if (matches(s, "permanent")) return NUD_PERMANENT;
  if (matches(s, "reachable")) return NUD_REACHABLE;
  if (s == "noarp") return NUD_NOARP;
  if (s == "none") return NUD_NONE;
  if (s == "stale") return NUD_STALE;
  if (s == "incomplete") return NUD_INCOMPLETE;
  if (s == "delay") return NUD_DELAY;
  if (s == "probe") return NUD_PROBE;
  if (matches(s, "failed")) return NUD_FAILED;
  auto v = parse_u32(s, 0);
  if (!v || *v >= 0x100 || (*v & (*v - 1))) return std::nullopt;
  return *v;
}

// get_addr for AF_UNSPEC/AF_INET: "Error: any valid address is expected ...".
Ipv4Addr get_addr(Proc& p, const IpOptions& o, std::string_view s) {
  auto a = parse_ipv4_loose(s);
  if (!a || o.family == 10) {
    p.err.print("Error: {} address is expected rather than \"{}\".\n", o.family == 2 ? "inet" : "any valid", s);
    throw IpExit{1};
  }
  return *a;
}

// ll_addr_a2n: colon-separated hex bytes, or a dotted IPv4 address.
std::optional<std::vector<uint8_t>> ll_addr_a2n(Proc& p, const std::string& arg) {
  std::vector<uint8_t> out;
  if (arg.find('.') != std::string::npos) {
    auto a = parse_ipv4_loose(arg);
    if (!a) {
      p.err.print("\"{}\" is invalid lladdr.\n", arg);
      return std::nullopt;
    }
    for (int s = 24; s >= 0; s -= 8) out.push_back(uint8_t(a->v >> s));
    return out;
  }
  std::string_view rest = arg;
  for (int i = 0; i < 20; ++i) {
    auto colon = rest.find(':');
    std::string part(rest.substr(0, colon));
    unsigned v = 0;
    if (std::sscanf(part.c_str(), "%x", &v) != 1 || v > 255) {
      p.err.print("\"{}\" is invalid lladdr.\n", part);
      return std::nullopt;
    }
    out.push_back(uint8_t(v));
    if (colon == std::string_view::npos) break;
    rest = rest.substr(colon + 1);
  }
  return out;
}

std::string mac_str(const MacAddr& m) { return m.str(); }

// What neigh_fill_info / pneigh_fill_info put in one message.
struct NeighMsg {
  Ipv4Addr dst;
  int ifindex = 0;
  std::string devname;
  uint8_t state = 0;
  uint8_t flags = 0;
  bool has_lladdr = false;
  MacAddr lladdr;
  bool has_cacheinfo = false;
  NeighCacheInfo ci;
  bool has_probes = false;
  uint32_t probes = 0;
};

NeighMsg neigh_fill_info(const Neighbour& n) {
  NeighMsg m;
  m.dst = n.key;
  m.ifindex = n.dev->ifindex;
  m.devname = n.dev->name;
  m.state = n.nud_state;
  m.flags = n.flags;
  if (n.nud_state & NUD_VALID) {
    m.has_lladdr = true;
    m.lladdr = n.ha;
  }
  m.has_cacheinfo = true;
  m.ci = neigh_cacheinfo(n);
  m.has_probes = true;
  m.probes = uint32_t(n.probes);
  return m;
}

NeighMsg pneigh_fill_info(const PneighEntry& e) {
  NeighMsg m;
  m.dst = e.key;
  m.ifindex = e.dev ? e.dev->ifindex : 0;
  m.devname = e.dev ? e.dev->name : "";
  m.state = NUD_NONE;
  m.flags = e.flags | NTF_PROXY;
  return m;
}

struct Filter {
  int index = 0;
  unsigned state = ~0u;
  bool unused_only = false;
  bool has_pfx = false;
  Ipv4Addr pfx;
  int bitlen = 0;
  bool proxy = false;
};

// The filtering half of print_neigh.
bool filter_match(const Filter& f, const NeighMsg& m) {
  if (f.index && f.index != m.ifindex) return false;
  if (!(f.state & m.state) && !(m.flags & NTF_PROXY) && !(m.flags & NTF_EXT_LEARNED) &&
      (m.state || !(f.state & 0x100)))
    return false;
  if (f.has_pfx && f.bitlen > 0) {
    const uint32_t mask = f.bitlen >= 32 ? 0xffffffffu : ~(0xffffffffu >> f.bitlen);
    if ((m.dst.v ^ f.pfx.v) & mask) return false;
  }
  if (f.unused_only && m.has_cacheinfo && m.ci.refcnt) return false;
  return true;
}

// The printing half of print_neigh.
void print_neigh(IpPrinter& pr, const IpOptions& o, const Filter& f, const NeighMsg& m) {
  pr.open_object();
  if (o.brief) {
    // print_neigh_brief: fixed-width columns, no state.
    pr.str(PrintKind::Json, "dst", "", m.dst.str());
    pr.fp(fmt::format("{:<39} ", m.dst.str()));
    if (!f.index && m.ifindex) {
      pr.str(PrintKind::Json, "dev", "", m.devname);
      pr.fp(fmt::format("{:<16} ", m.devname));
    }
    if (m.has_lladdr) pr.str(PrintKind::Any, "lladdr", "{}", mac_str(m.lladdr));
    pr.fp("\n");
    pr.close_object();
    return;
  }
  pr.str(PrintKind::Any, "dst", "{} ", m.dst.str());
  if (!f.index && m.ifindex) {
    pr.fp("dev ");
    pr.str(PrintKind::Any, "dev", "{} ", m.devname);
  }
  if (m.has_lladdr) {
    pr.fp("lladdr ");
    pr.str(PrintKind::Any, "lladdr", "{} ", mac_str(m.lladdr));
  }
  if (m.flags & NTF_ROUTER) pr.null(PrintKind::Any, "router", "{} ", "router");
  if (m.flags & NTF_PROXY) pr.null(PrintKind::Any, "proxy", "{} ", "proxy");
  if (m.flags & NTF_EXT_LEARNED) pr.null(PrintKind::Any, "extern_learn", "{} ", "extern_learn");
  if (m.flags & NTF_OFFLOADED) pr.null(PrintKind::Any, "offload", "{} ", "offload");
  if (o.stats) {
    if (m.has_cacheinfo) {
      constexpr uint32_t hz = 100;  // get_user_hz()
      if (m.ci.refcnt) pr.uint(PrintKind::Any, "refcnt", " ref {}", m.ci.refcnt);
      pr.uint(PrintKind::Any, "used", " used {}", m.ci.used / hz);
      pr.uint(PrintKind::Any, "confirmed", "/{}", m.ci.confirmed / hz);
      pr.uint(PrintKind::Any, "updated", "/{}", m.ci.updated / hz);
    }
    if (m.has_probes) pr.uint(PrintKind::Any, "probes", "probes {} ", m.probes);
  }
  if (m.state) {
    pr.open_array("state");
    static constexpr struct {
      uint8_t bit;
      const char* name;
    } kStates[] = {{NUD_INCOMPLETE, "INCOMPLETE"}, {NUD_REACHABLE, "REACHABLE"}, {NUD_STALE, "STALE"},
                   {NUD_DELAY, "DELAY"},           {NUD_PROBE, "PROBE"},         {NUD_FAILED, "FAILED"},
                   {NUD_NOARP, "NOARP"},           {NUD_PERMANENT, "PERMANENT"}};
    for (const auto& s : kStates)
      if (m.state & s.bit) pr.str(PrintKind::Any, nullptr, "{} ", s.name);
    pr.close_array();
  }
  pr.fp("\n");
  pr.close_object();
}

// The kernel's dump (neigh_dump_info): proxies only when asked for.
std::vector<NeighMsg> neigh_dump(Net& net, const Filter& f) {
  std::vector<NeighMsg> v;
  NeighTable& tbl = arp_table(net);
  if (f.proxy) {
    for (const PneighEntry& e : tbl.pneighs())
      if (!f.index || (e.dev && e.dev->ifindex == f.index)) v.push_back(pneigh_fill_info(e));
    return v;
  }
  for (const Neighbour* n = tbl.first(); n; n = n->next)
    if (!f.index || n->dev->ifindex == f.index) v.push_back(neigh_fill_info(*n));
  return v;
}

// ipneigh_modify
int ipneigh_modify(Proc& p, const IpOptions& o, Args& a, bool del, bool create, bool excl, bool replace) {
  NeighRequest req;
  req.state = NUD_PERMANENT;
  req.create = create;
  req.excl = excl;
  req.replace = replace;
  const std::string* dev = nullptr;
  const std::string* lla = nullptr;
  bool dst_ok = false, dev_ok = false;
  for (; a.more(); ++a.i) {
    const std::string& s = a.cur();
    if (matches(s, "lladdr")) {
      const std::string& v = a.next();
      if (lla) duparg(p, "lladdr", v);
      lla = &v;
    } else if (s == "nud") {
      const std::string& v = a.next();
      auto st = nud_state_a2n(v);
      if (!st) ip_invarg(p, "nud state is bad", v);
      req.state = uint8_t(*st);
    } else if (matches(s, "proxy")) {
      const std::string& v = a.next();
      if (matches(v, "help")) usage(p);
      if (dst_ok) duparg(p, "address", v);
      req.dst = get_addr(p, o, v);
      dst_ok = dev_ok = true;
      req.flags |= NTF_PROXY;
    } else if (s == "router") {
      req.flags |= NTF_ROUTER;
    } else if (s == "use") {
      req.flags |= NTF_USE;
    } else if (matches(s, "extern_learn")) {
      req.flags |= NTF_EXT_LEARNED;
    } else if (s == "dev") {
      dev = &a.next();
      dev_ok = true;
    } else {
      const std::string* v = &s;
      if (s == "to") v = &a.next();
      if (matches(*v, "help")) v = &a.next();
      if (dst_ok) duparg2(p, "to", *v);
      req.dst = get_addr(p, o, *v);
      dst_ok = true;
    }
  }
  if (!dev_ok || !dst_ok) {
    p.err.print("Device and destination are required arguments.\n");
    throw IpExit{255};
  }
  if (lla && *lla != "null") {
    auto ll = ll_addr_a2n(p, *lla);
    if (!ll) return 1;
    req.has_lladdr = true;
    req.lladdr = *ll;
  }
  if (dev) {
    req.dev = o.net->dev_get_by_name(*dev);
    if (!req.dev) {
      p.err.print("Cannot find device \"{}\"\n", *dev);
      return 1;
    }
  }
  std::string extack;
  const int err = del ? neigh_delete(*o.net, req, &extack) : neigh_add(*o.net, req, &extack);
  if (err < 0) {
    print_rtnl_error(p, -err, extack);
    return 2;
  }
  return 0;
}

// do_show_or_flush
int do_show_or_flush(Proc& p, const IpOptions& o, Args& a, bool flush) {
  Filter f;
  const std::string* filter_dev = nullptr;
  bool state_given = false;
  if (flush) {
    if (!a.more()) {
      p.err.print("Flush requires arguments.\n");
      return 1;
    }
    f.state = ~unsigned(NUD_PERMANENT | NUD_NOARP);
  } else {
    f.state = 0xFF & ~unsigned(NUD_NOARP);
  }
  for (; a.more(); ++a.i) {
    const std::string& s = a.cur();
    if (s == "dev") {
      const std::string& v = a.next();
      if (filter_dev) duparg(p, "dev", v);
      filter_dev = &v;
    } else if (s == "unused") {
      f.unused_only = true;
    } else if (s == "nud") {
      const std::string& v = a.next();
      if (!state_given) {
        state_given = true;
        f.state = 0;
      }
      unsigned st;
      if (auto r = nud_state_a2n(v)) {
        st = *r;
      } else {
        if (v != "all") ip_invarg(p, "nud state is bad", v);
        st = ~0u;
        if (flush) st &= ~unsigned(NUD_NOARP);
      }
      if (st == 0) st = 0x100;
      f.state |= st;
    } else if (s == "proxy") {
      f.proxy = true;
    } else {
      const std::string* v = &s;
      if (s == "to") v = &a.next();
      if (matches(*v, "help")) usage(p);
      auto pf = parse_inet_prefix(*v);
      if (!pf || o.family == 10) ip_invarg(p, "to value is invalid\n", *v);
      f.has_pfx = !pf->is_default;
      f.pfx = pf->addr;
      f.bitlen = pf->bitlen;
    }
  }
  if (filter_dev) {
    NetDevice* d = o.net->dev_get_by_name(*filter_dev);
    if (!d) {
      p.err.print("Cannot find device \"{}\"\n", *filter_dev);
      return 1;
    }
    f.index = d->ifindex;
  }
  if (o.family == 10) {
    // No IPv6 neighbours are modelled: an inet6 dump is empty.
    if (!flush && o.json) ip_emit(p, "[]\n");
    return 0;
  }

  if (flush) {
    std::string out;
    for (int round = 0; round < 10;) {
      int flushed = 0;
      for (const NeighMsg& m : neigh_dump(*o.net, f)) {
        if (!filter_match(f, m)) continue;
        NeighRequest req;
        req.dst = m.dst;
        req.dev = o.net->dev_get_by_index(m.ifindex);
        req.flags = m.flags & NTF_PROXY;
        std::string extack;
        neigh_delete(*o.net, req, &extack);
        ++flushed;
        if (o.stats >= 2) {
          IpPrinter pr(o);
          pr.json = false;
          print_neigh(pr, o, f, m);
          out += pr.finish();
        }
      }
      if (flushed == 0) {
        if (o.stats) {
          if (round == 0)
            out += "Nothing to flush.\n";
          else
            out += "*** Flush is complete after " + std::to_string(round) + " round" + (round > 1 ? "s" : "") +
                   " ***\n";
        }
        ip_emit(p, out);
        return 0;
      }
      ++round;
      if (o.stats) out += "\n*** Round " + std::to_string(round) + ", deleting " + std::to_string(flushed) + " entries ***\n";
      f.state &= ~unsigned(NUD_FAILED);
    }
    out += "*** Flush not complete bailing out after 10 rounds\n";
    ip_emit(p, out);
    return 1;
  }

  IpPrinter pr(o);
  pr.open_array();
  for (const NeighMsg& m : neigh_dump(*o.net, f))
    if (filter_match(f, m)) print_neigh(pr, o, f, m);
  pr.close_array();
  ip_emit(p, pr.finish());
  return 0;
}

// ipneigh_get
int ipneigh_get(Proc& p, const IpOptions& o, Args& a) {
  NeighRequest req;
  const std::string* dev = nullptr;
  bool dst_ok = false, dev_ok = false;
  for (; a.more(); ++a.i) {
    const std::string& s = a.cur();
    if (s == "dev") {
      dev = &a.next();
      dev_ok = true;
    } else if (matches(s, "proxy")) {
      const std::string& v = a.next();
      if (matches(v, "help")) usage(p);
      if (dst_ok) duparg(p, "address", v);
      req.dst = get_addr(p, o, v);
      dst_ok = dev_ok = true;
      req.flags |= NTF_PROXY;
    } else {
      const std::string* v = &s;
      if (s == "to") v = &a.next();
      if (matches(*v, "help")) usage(p);
      if (dst_ok) duparg2(p, "to", *v);
      req.dst = get_addr(p, o, *v);
      dst_ok = true;
    }
  }
  if (!dev_ok || !dst_ok) {
    p.err.print("Device and address are required arguments.\n");
    return 1;
  }
  if (dev) {
    req.dev = o.net->dev_get_by_name(*dev);
    if (!req.dev) {
      p.err.print("Cannot find device \"{}\"\n", *dev);
      return 1;
    }
  }
  NeighMsg m;
  std::string extack;
  if (req.flags & NTF_PROXY) {
    // neigh_get for a proxy: an exact (key, dev) entry.
    const PneighEntry* found = nullptr;
    for (const PneighEntry& e : arp_table(*o.net).pneighs())
      if (e.key == req.dst && e.dev == req.dev) found = &e;
    if (!found) {
      print_rtnl_error(p, ENOENT, "Proxy neighbour entry not found");
      return 2;
    }
    m = pneigh_fill_info(*found);
  } else {
    Neighbour* n = nullptr;
    const int err = neigh_get(*o.net, req, &n, &extack);
    if (err < 0) {
      print_rtnl_error(p, -err, extack);
      return 2;
    }
    m = neigh_fill_info(*n);
    ++m.ci.refcnt;  // the lookup's own reference, held while the reply is filled
  }
  Filter f;  // ipneigh_reset_filter(0): everything shows
  // iproute2 6.1 prints the answer outside any JSON context: text even with -j.
  IpOptions text = o;
  text.json = false;
  IpPrinter pr(text);
  print_neigh(pr, o, f, m);
  ip_emit(p, pr.finish());
  return 0;
}

}  // namespace

int do_ipneigh(Proc& p, const IpOptions& o, std::span<const std::string> args) {
  try {
    Args a{p, args, 1};
    if (args.empty()) {
      Args none{p, args, 0};
      return do_show_or_flush(p, o, none, false);
    }
    const std::string& c = args[0];
    if (matches(c, "add")) return ipneigh_modify(p, o, a, false, true, true, false);
    if (matches(c, "change") || c == "chg") return ipneigh_modify(p, o, a, false, false, false, true);
    if (matches(c, "replace")) return ipneigh_modify(p, o, a, false, true, false, true);
    if (matches(c, "delete")) return ipneigh_modify(p, o, a, true, false, false, false);
    if (matches(c, "get")) return ipneigh_get(p, o, a);
    if (matches(c, "show") || matches(c, "lst") || matches(c, "list")) return do_show_or_flush(p, o, a, false);
    if (matches(c, "flush")) return do_show_or_flush(p, o, a, true);
    if (matches(c, "help")) usage(p);
    p.err.print("Command \"{}\" is unknown, try \"ip neigh help\".\n", c);
    return 255;
  } catch (const IpExit& e) {
    return e.status;
  }
}

}  // namespace skbox
