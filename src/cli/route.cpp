// net-tools `route` (2.10) for IPv4: the table read from /proc/net/route
// (rprint_fib) and add/del through the SIOCADDRT/SIOCDELRT ioctls, whose
// kernel side (ip_rt_ioctl, rtentry_to_fib_config) is reproduced here on
// top of the fib control path.
//
// Not modelled: name resolution (names other than "default" fail as in a
// sandbox without DNS), the route cache (-C), IPv6 (-A inet6), `flush`.
#include <cstring>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/command.h"
#include "cli/vfs.h"
#include "ipv4/devinet.h"
#include "ipv4/fib.h"
#include "ipv4/ip.h"
#include "net/net.h"
#include "net/netdevice.h"

namespace skbox {

namespace {

// net-tools exit codes (lib/net-support.h).
constexpr int E_OPTERR = 3, E_LOOKUP = 6, E_SOCK = 7;

// struct rtentry rt_flags
constexpr unsigned RTF_UP = 0x1, RTF_GATEWAY = 0x2, RTF_HOST = 0x4, RTF_REINSTATE = 0x8, RTF_DYNAMIC = 0x10,
                   RTF_MODIFIED = 0x20, RTF_MTU = 0x40, RTF_WINDOW = 0x80, RTF_IRTT = 0x100, RTF_REJECT = 0x200;

int inet_usage(Proc& p, int rc) {
  (rc ? p.err : p.out).print(
      "Usage: inet_route [-vF] del {{-host|-net}} Target[/prefix] [gw Gw] [metric M] [[dev] If]\n"
      "       inet_route [-vF] add {{-host|-net}} Target[/prefix] [gw Gw] [metric M]\n"
      "                              [netmask N] [mss Mss] [window W] [irtt I]\n"
      "                              [mod] [dyn] [reinstate] [[dev] If]\n"
      "       inet_route [-vF] add {{-host|-net}} Target[/prefix] [metric M] reject\n"
      "       inet_route [-FC] flush      NOT supported\n");
  return rc;
}

constexpr const char* kAfList =
    "    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) \n"
    "    netrom (AMPR NET/ROM) rose (AMPR ROSE) ipx (Novell IPX) \n"
    "    ddp (Appletalk DDP) x25 (CCITT X.25) \n";

// usage(rc): help asked for (rc 0) goes to stdout, an error to stderr; the
// family list always goes to stderr.
int route_usage(Proc& p, int rc) {
  (rc ? p.err : p.out).print(
      "Usage: route [-nNvee] [-FC] [<AF>]           List kernel routing tables\n"
      "       route [-v] [-FC] {{add|del|flush}} ...  Modify routing table for AF.\n"
      "\n"
      "       route {{-h|--help}} [<AF>]              Detailed usage syntax for specified AF.\n"
      "       route {{-V|--version}}                  Display version/author and exit.\n"
      "\n"
      "        -v, --verbose            be verbose\n"
      "        -n, --numeric            don't resolve names\n"
      "        -e, --extend             display other/more information\n"
      "        -F, --fib                display Forwarding Information Base (default)\n"
      "        -C, --cache              display routing cache instead of FIB\n"
      "\n"
      "  <AF>=Use -4, -6, '-A <af>' or '--<af>'; default: inet\n"
      "  List of possible address families (which support routing):\n");
  p.err.write(kAfList);
  return rc;
}

// INET_resolve: 1 for "default" (a network), 0 for a dotted quad, -1 when
// the name would need a lookup.
int inet_resolve(std::string_view name, Ipv4Addr& out) {
  if (name == "default") {
    out = Ipv4Addr();
    return 1;
  }
  // inet_aton: a, a.b, a.b.c or a.b.c.d with C-style numbers.
  std::string s(name);
  uint32_t parts[4] = {0, 0, 0, 0};
  int n = 0;
  const char* cp = s.c_str();
  for (;;) {
    if (!(*cp >= '0' && *cp <= '9')) return -1;
    char* end = nullptr;
    errno = 0;
    unsigned long v = std::strtoul(cp, &end, 0);
    if (errno || v > 0xffffffffUL) return -1;
    if (n >= 4) return -1;
    parts[n++] = static_cast<uint32_t>(v);
    cp = end;
    if (*cp == '.') {
      ++cp;
      continue;
    }
    if (*cp) return -1;
    break;
  }
  uint32_t a = 0;
  switch (n) {
    case 1: a = parts[0]; break;
    case 2:
      if (parts[0] > 255 || parts[1] > 0xffffff) return -1;
      a = parts[0] << 24 | parts[1];
      break;
    case 3:
      if (parts[0] > 255 || parts[1] > 255 || parts[2] > 0xffff) return -1;
      a = parts[0] << 24 | parts[1] << 16 | parts[2];
      break;
    case 4:
      for (uint32_t x : parts)
        if (x > 255) return -1;
      a = parts[0] << 24 | parts[1] << 16 | parts[2] << 8 | parts[3];
      break;
  }
  out = Ipv4Addr(a);
  return 0;
}

// herror after the failed lookup: a target is tried as a network name
// first (the resolver then gives up with TRY_AGAIN), a gateway or netmask
// only as a host name (HOST_NOT_FOUND).
void herror(Proc& p, std::string_view name, bool target) {
  p.err.print("{}: {}\n", name, target ? "Host name lookup failure" : "Unknown host");
}

// /etc/hosts is the only name source in a sandbox.
int inet_resolve_host(std::string_view name, Ipv4Addr& out) {
  if (name == "localhost") {
    out = Ipv4Addr::of(127, 0, 0, 1);
    return 0;
  }
  return -1;
}

struct RtEntry {
  Ipv4Addr dst, gateway, genmask;
  bool has_genmask = false;
  unsigned flags = 0;
  int metric = 0;  // rt_metric: user metric + 1, 0 = unset
  std::string dev;
  bool has_dev = false;
  unsigned mss = 0;
};

// ip_rt_ioctl + rtentry_to_fib_config.
int ip_rt_ioctl(Net& net, bool del, const RtEntry& rt) {
  FibConfig cfg;
  cfg.protocol = RTPROT_UNSPEC;
  int plen = 32;
  Ipv4Addr addr = rt.dst;
  if (!(rt.flags & RTF_HOST)) {
    uint32_t mask = rt.genmask.v;
    // bad_mask: not contiguous, or host bits set in the destination.
    if ((addr.v & ~mask) || (~mask & (~mask + 1))) return EINVAL;
    plen = __builtin_popcount(mask);
  }
  cfg.dst = addr;
  cfg.dst_len = static_cast<uint8_t>(plen);
  cfg.table = 0;
  if (!del) {
    cfg.nlflags = NLM_F_CREATE;
    cfg.protocol = RTPROT_BOOT;
  }
  if (rt.metric) cfg.priority = static_cast<uint32_t>(rt.metric - 1);
  if (rt.flags & RTF_REJECT) {
    cfg.scope = RT_SCOPE_HOST;
    cfg.type = RTN_UNREACHABLE;
  } else {
    cfg.scope = RT_SCOPE_NOWHERE;
    cfg.type = RTN_UNICAST;
    if (rt.has_dev) {
      std::string name = rt.dev.substr(0, 15);
      if (auto c = name.find(':'); c != std::string::npos) name.resize(c);
      NetDevice* dev = net.dev_get_by_name(name);
      if (!dev) return ENODEV;
      cfg.oif = dev->ifindex;
    }
    if (!rt.gateway.is_any()) {
      cfg.gw = rt.gateway;
      if ((rt.flags & RTF_GATEWAY) && inet_addr_type(net, rt.gateway) == RTN_UNICAST) cfg.scope = RT_SCOPE_UNIVERSE;
    }
  }
  if (!cfg.table) cfg.table = RT_TABLE_MAIN;
  if (del) {
    FibTable* t = net.fib.get_table(cfg.table);
    if (!t) return ESRCH;
    auto r = t->remove(cfg);
    return r ? 0 : r.error();
  }
  if (!(rt.flags & RTF_REJECT)) {
    if ((rt.flags & RTF_GATEWAY) && rt.gateway.is_any()) return EINVAL;
    if (cfg.scope == RT_SCOPE_NOWHERE) cfg.scope = RT_SCOPE_LINK;
    if ((rt.flags & RTF_MTU) && rt.mss > 40) cfg.advmss = rt.mss - 40;
  }
  auto r = fib_route_add(net, cfg);
  return r ? 0 : r.error();
}

// INET_setroute
int inet_setroute(Proc& p, bool del, std::span<const std::string> args) {
  size_t i = 0;
  int xflag = 0;
  if (i < args.size() && args[i] == "-net") {
    xflag = 1;
    ++i;
  } else if (i < args.size() && args[i] == "-host") {
    xflag = 2;
    ++i;
  }
  if (i >= args.size()) return inet_usage(p, i == 0 ? 0 : E_OPTERR);
  std::string target = args[i++];
  RtEntry rt;
  // The /prefix form sets the netmask.
  if (auto slash = target.find('/'); slash != std::string::npos) {
    std::string len = target.substr(slash + 1);
    target.resize(slash);
    int plen = std::atoi(len.c_str());
    if (plen < 0 || plen > 32) return inet_usage(p, E_OPTERR);
    rt.genmask = Ipv4Addr(inet_make_mask(plen));
    rt.has_genmask = true;
  }
  int isnet = inet_resolve(target, rt.dst);
  if (isnet < 0) isnet = inet_resolve_host(target, rt.dst);
  if (isnet < 0) {
    herror(p, target, true);
    return E_LOOKUP;
  }
  if (xflag == 1) isnet = 1;
  if (xflag == 2) isnet = 0;
  rt.flags = RTF_UP | RTF_HOST;
  if (isnet) rt.flags &= ~RTF_HOST;
  std::string netmask;
  while (i < args.size()) {
    const std::string& a = args[i];
    if (a == "metric") {
      ++i;
      if (i >= args.size() || !(args[i][0] >= '0' && args[i][0] <= '9')) return inet_usage(p, E_OPTERR);
      rt.metric = std::atoi(args[i].c_str()) + 1;
      ++i;
      continue;
    }
    if (a == "netmask") {
      ++i;
      if (i >= args.size() || !rt.genmask.is_any()) return inet_usage(p, E_OPTERR);
      netmask = args[i];
      Ipv4Addr m;
      if (inet_resolve(netmask, m) < 0 && inet_resolve_host(netmask, m) < 0) {
        herror(p, netmask, false);
        return E_LOOKUP;
      }
      rt.genmask = m;
      rt.has_genmask = true;
      ++i;
      continue;
    }
    if (a == "gw" || a == "gateway") {
      ++i;
      if (i >= args.size()) return inet_usage(p, E_OPTERR);
      if (rt.flags & RTF_GATEWAY) return inet_usage(p, E_OPTERR);
      const std::string& gw = args[i];
      int r = inet_resolve(gw, rt.gateway);
      if (r < 0) r = inet_resolve_host(gw, rt.gateway);
      if (r < 0) {
        herror(p, gw, false);
        return E_LOOKUP;
      }
      if (r) {
        p.err.print("route: {}: cannot use a NETWORK as gateway!\n", gw);
        return inet_usage(p, E_OPTERR);
      }
      rt.flags |= RTF_GATEWAY;
      ++i;
      continue;
    }
    if (a == "mss" || a == "mtu") {
      ++i;
      if (i >= args.size()) return inet_usage(p, E_OPTERR);
      char* end = nullptr;
      long v = std::strtol(args[i].c_str(), &end, 0);
      if (*end || v < 64 || v > 65536) {
        p.err.print("route: Invalid MSS/MTU.\n");
        return inet_usage(p, E_OPTERR);
      }
      rt.mss = static_cast<unsigned>(v);
      rt.flags |= RTF_MTU;
      ++i;
      continue;
    }
    if (a == "window" || a == "irtt") {
      ++i;
      if (i >= args.size()) return inet_usage(p, E_OPTERR);
      char* end = nullptr;
      long v = std::strtol(args[i].c_str(), &end, 0);
      if (*end || v < 0) {
        p.err.write(a == "window" ? "route: Invalid window.\n" : "route: Invalid initial rtt.\n");
        return inet_usage(p, E_OPTERR);
      }
      rt.flags |= a == "window" ? RTF_WINDOW : RTF_IRTT;
      ++i;
      continue;
    }
    if (a == "reject") {
      rt.flags |= RTF_REJECT;
      ++i;
      continue;
    }
    if (a == "mod" || a == "dyn" || a == "reinstate") {
      rt.flags |= a == "mod" ? RTF_MODIFIED : a == "dyn" ? RTF_DYNAMIC : RTF_REINSTATE;
      ++i;
      continue;
    }
    if (a == "device" || a == "dev") {
      ++i;
      if (rt.has_dev || i >= args.size()) return inet_usage(p, E_OPTERR);
      rt.dev = args[i++];
      rt.has_dev = true;
      continue;
    }
    // A bare word is the device, and must be last.
    if (rt.has_dev) return inet_usage(p, E_OPTERR);
    rt.dev = args[i++];
    rt.has_dev = true;
    if (i < args.size()) return inet_usage(p, E_OPTERR);
  }
  if ((rt.flags & RTF_REJECT) && !rt.has_dev) {
    rt.dev = "lo";
    rt.has_dev = true;
  }
  if (!rt.genmask.is_any()) {
    uint32_t inv = ~rt.genmask.v;
    if ((rt.flags & RTF_HOST) && inv != 0xffffffffu) {
      p.err.print("route: netmask {:08x} doesn't make sense with host route\n", inv);
      return inet_usage(p, E_OPTERR);
    }
    if (inv & (inv + 1)) {
      p.err.print("route: bogus netmask {}\n", netmask);
      return inet_usage(p, E_OPTERR);
    }
    if (rt.dst.v & ~rt.genmask.v) {
      p.err.print("route: netmask doesn't match route address\n");
      return inet_usage(p, E_OPTERR);
    }
  }
  if (!del && (rt.flags & RTF_HOST)) rt.genmask = Ipv4Addr(0xffffffffu);
  int err = ip_rt_ioctl(*p.net, del, rt);
  if (err) {
    p.err.print("{}: {}\n", del ? "SIOCDELRT" : "SIOCADDRT", std::strerror(err));
    return E_SOCK;
  }
  return 0;
}

std::string addr_str(uint32_t be) { return Ipv4Addr(__builtin_bswap32(be)).str(); }

// rprint_fib: /proc/net/route as a table.
int rprint_fib(Proc& p, bool numeric, int ext) {
  auto text = vfs_read(p, "/proc/net/route");
  std::string out = "Kernel IP routing table\n";
  if (ext == 1)
    out += "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n";
  else if (ext == 2)
    out += "Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n";
  else
    out +=
        "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface    MSS   Window irtt\n";
  if (!text) {
    p.out.write(out);
    return 0;
  }
  std::istringstream in(*text);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    char iface[64];
    unsigned long dst, gw, mask;
    unsigned flags;
    int ref, use, metric, mss, window, irtt;
    if (std::sscanf(line.c_str(), "%63s %lX %lX %X %d %d %d %lX %d %d %d", iface, &dst, &gw, &flags, &ref, &use,
                    &metric, &mask, &mss, &window, &irtt) < 10)
      continue;
    if (!(flags & RTF_UP)) continue;
    std::string net_addr = dst == 0 && !numeric ? "default" : addr_str(static_cast<uint32_t>(dst));
    std::string gate = addr_str(static_cast<uint32_t>(gw));
    std::string mask_s = addr_str(static_cast<uint32_t>(mask));
    std::string fl;
    if (flags & RTF_UP) fl += 'U';
    if (flags & RTF_GATEWAY) fl += 'G';
    if (flags & RTF_REJECT) fl = "!";
    if (flags & RTF_HOST) fl += 'H';
    if (flags & RTF_REINSTATE) fl += 'R';
    if (flags & RTF_DYNAMIC) fl += 'D';
    if (flags & RTF_MODIFIED) fl += 'M';
    if (ext == 1) {
      if (flags & RTF_REJECT)
        out += fmt::format("{:<15} -               {:<15} {:<5} {:<6} {:<3} {:>6} -\n", net_addr, mask_s, fl, metric,
                           "-", use);
      else
        out += fmt::format("{:<15} {:<15} {:<15} {:<5} {:<6} {:<3} {:>6} {}\n", net_addr, gate, mask_s, fl, metric,
                           ref, use, iface);
    } else if (ext == 2) {
      out += fmt::format("{:<15} {:<15} {:<15} {:<5} {:5} {:<6} {:3} {}\n", net_addr, gate, mask_s, fl, mss, window,
                         irtt, iface);
    } else {
      out += fmt::format("{:<15} {:<15} {:<15} {:<5} {:<6} {:<3} {:>6} {:<6} {:<5} {:<6} {}\n", net_addr, gate,
                         mask_s, fl, metric, ref, use, iface, mss, window, irtt);
    }
  }
  p.out.write(out);
  return 0;
}

}  // namespace

int cmd_route(Proc& p, std::span<const std::string> argv) {
  bool numeric = false;
  int ext = 0;
  bool cache = false;
  size_t i = 1;
  for (; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.size() < 2 || a[0] != '-') break;
    if (a == "-net" || a == "-host") break;
    if (a == "--numeric") {
      numeric = true;
    } else if (a == "--extend") {
      ++ext;
    } else if (a == "--verbose" || a == "--fib" || a == "--inet") {
    } else if (a == "--cache") {
      cache = true;
    } else if (a == "--help") {
      return route_usage(p, 0);
    } else if (a == "-A") {
      if (++i >= argv.size()) return route_usage(p, E_OPTERR);
      if (argv[i] != "inet") {
        p.err.print("route: {}: address family not supported\n", argv[i]);
        return E_OPTERR;
      }
    } else if (a[1] != '-') {
      for (size_t k = 1; k < a.size(); ++k) {
        switch (a[k]) {
          case 'n': numeric = true; break;
          case 'N': numeric = true; break;
          case 'e': ++ext; break;
          case 'v': case 'F': case '4': break;
          case 'C': cache = true; break;
          case 'h': return route_usage(p, 0);
          default:
            p.err.print("route: invalid option -- '{}'\n", a[k]);
            return route_usage(p, 0);
        }
      }
    } else {
      p.err.print("route: unrecognized option '{}'\n", a);
      return route_usage(p, 0);
    }
  }
  if (i >= argv.size()) {
    if (cache) {
      p.out.print("Kernel IP routing cache\n");
      p.out.print("Source          Destination     Gateway         Flags Metric Ref    Use Iface\n");
      return 0;
    }
    return rprint_fib(p, numeric, ext == 0 ? 1 : ext >= 2 ? 3 : 2);
  }
  const std::string& verb = argv[i];
  auto rest = argv.subspan(i + 1);
  if (verb == "add") return inet_setroute(p, false, rest);
  if (verb == "del") return inet_setroute(p, true, rest);
  if (verb == "flush") {
    p.err.print("Flushing `inet' routing table not supported\n");
    return inet_usage(p, E_OPTERR);
  }
  return route_usage(p, E_OPTERR);
}

}  // namespace skbox
