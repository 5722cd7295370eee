// net-tools 2.10 `ifconfig`: listing (long and -s), and the configuration
// words, each one ioctl as the real tool sends them. The ioctls are
// reproduced against the kernel-side state the way net/ipv4/devinet.c
// (devinet_ioctl: SIOCSIFADDR/NETMASK/BRDADDR/DSTADDR, alias labels
// "dev:N") and net/core/dev_ioctl.c (flags, mtu, hwaddr, txqlen, name) do.
//
// Not modelled: host name resolution beyond "localhost"/"default" (other
// names get the resolver's "Unknown host"), IPv6 address add/del/tunnel,
// the media/mem_start/io_addr/irq/keepalive/outfill device-map words
// (answered as the kernel does for virtual devices: EOPNOTSUPP), the order
// of IPv6 lines (the kernel's /proc/net/if_inet6 hash order; skbox prints
// them in the device's address-list order).
#include <fmt/format.h>

#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/ip/ip_common.h"
#include "ipv4/devinet.h"
#include "ipv4/fib.h"
#include "ipv6/addrconf.h"
#include "net/dev.h"
#include "net/net.h"
#include "net/netdevice.h"
#include "net/notifier.h"
#include "net/world.h"

namespace skbox {

namespace {

constexpr int kExitUsage = 3;  // E_USAGE

void ifconfig_usage(Proc& p) {
  p.err.print(
      "Usage:\n"
      "  ifconfig [-a] [-v] [-s] <interface> [[<AF>] <address>]\n"
      "  [add <address>[/<prefixlen>]]\n"
      "  [del <address>[/<prefixlen>]]\n"
      "  [[-]broadcast [<address>]]  [[-]pointopoint [<address>]]\n"
      "  [netmask <address>]  [dstaddr <address>]  [tunnel <address>]\n"
      "  [outfill <NN>] [keepalive <NN>]\n"
      "  [hw <HW> <address>]  [mtu <NN>]\n"
      "  [[-]trailers]  [[-]arp]  [[-]allmulti]\n"
      "  [multicast]  [[-]promisc]\n"
      "  [mem_start <NN>]  [io_addr <NN>]  [irq <NN>]  [media <type>]\n"
      "  [txqueuelen <NN>]\n"
      "  [name <newname>]\n"
      "  [[-]dynamic]\n"
      "  [up|down] ...\n"
      "\n"
      "  <HW>=Hardware Type.\n"
      "  List of possible hardware types:\n"
      "    loop (Local Loopback) slip (Serial Line IP) cslip (VJ Serial Line IP) \n"
      "    slip6 (6-bit Serial Line IP) cslip6 (VJ 6-bit Serial Line IP) adaptive (Adaptive Serial Line IP) \n"
      "    ash (Ash) ether (Ethernet) ax25 (AMPR AX.25) \n"
      "    netrom (AMPR NET/ROM) rose (AMPR ROSE) tunnel (IPIP Tunnel) \n"
      "    ppp (Point-to-Point Protocol) hdlc ((Cisco)-HDLC) lapb (LAPB) \n"
      "    arcnet (ARCnet) dlci (Frame Relay DLCI) frad (Frame Relay Access Device) \n"
      "    sit (IPv6-in-IPv4) fddi (Fiber Distributed Data Interface) hippi (HIPPI) \n"
      "    irda (IrLAP) ec (Econet) x25 (generic X.25) \n"
      "    eui64 (Generic EUI-64) \n"
      "  <AF>=Address family. Default: inet\n"
      "  List of possible address families:\n"
      "    unix (UNIX Domain) inet (DARPA Internet) inet6 (IPv6) \n"
      "    ax25 (AMPR AX.25) netrom (AMPR NET/ROM) rose (AMPR ROSE) \n"
      "    ipx (Novell IPX) ddp (Appletalk DDP) ec (Econet) \n"
      "    ash (Ash) x25 (CCITT X.25) \n");
}

// --- the kernel side of the ioctls ---

// "veth0:1" -> device "veth0" (dev_ioctl/devinet_ioctl cut at the colon).
NetDevice* ioctl_dev(Net& net, std::string_view name) {
  auto colon = name.find(':');
  return net.dev_get_by_name(name.substr(0, colon));
}

// The in_ifaddr whose label is the ioctl's name (devinet_ioctl's lookup).
std::optional<size_t> ifa_by_label(NetDevice* dev, std::string_view label) {
  if (!dev->ip_ptr) return std::nullopt;
  auto& l = dev->ip_ptr->ifa_list;
  for (size_t i = 0; i < l.size(); ++i)
    if (l[i].label == label) return i;
  return std::nullopt;
}

// SIOCGIFFLAGS: dev_get_flags truncated to the short ifr_flags.
Expected<uint16_t> siocgifflags(Net& net, std::string_view name) {
  NetDevice* dev = ioctl_dev(net, name);
  if (!dev) return Errno(ENODEV);
  return static_cast<uint16_t>(dev_get_flags(dev) & 0xffff);
}

// SIOCSIFFLAGS (dev_change_flags; an alias name only deletes its address
// when IFF_UP is cleared).
Expected<void> siocsifflags(Net& net, std::string_view name, uint32_t flags) {
  NetDevice* dev = ioctl_dev(net, name);
  if (!dev) return Errno(ENODEV);
  if (name.find(':') != std::string_view::npos) {
    auto idx = ifa_by_label(dev, name);
    if (!idx) return Errno(EADDRNOTAVAIL);
    if (!(flags & IFF_UP)) (void)inet_del_ifa(dev, *idx);
    return {};
  }
  constexpr uint32_t kChangeable = IFF_DEBUG | IFF_NOTRAILERS | IFF_NOARP | IFF_DYNAMIC | IFF_MULTICAST |
                                   IFF_PORTSEL | IFF_AUTOMEDIA | IFF_PROMISC | IFF_ALLMULTI;
  dev->flags = (dev->flags & ~kChangeable) | (flags & kChangeable);
  if ((flags & IFF_UP) && !dev->is_up()) return dev_open(dev);
  if (!(flags & IFF_UP) && dev->is_up()) return dev_close(dev);
  return {};
}

// bad_mask: a netmask must be contiguous and not cover bits of addr.
bool bad_mask(uint32_t mask, uint32_t addr) {
  const uint32_t inv = ~mask;
  if (addr & inv) return true;
  return (inv & (inv + 1)) != 0;
}

int mask_len(uint32_t mask) { return mask ? 32 - __builtin_ctz(mask) : 0; }

enum class SetCmd { Addr, Netmask, Brdaddr, Dstaddr };

// devinet_ioctl for the four SIOCSIF* address ioctls.
Expected<void> devinet_ioctl_set(Net& net, std::string_view name, SetCmd cmd, Ipv4Addr sin) {
  NetDevice* dev = ioctl_dev(net, name);
  if (!dev) return Errno(ENODEV);
  InDevice* in_dev = dev->ip_ptr.get();
  auto idx = in_dev ? ifa_by_label(dev, name) : std::nullopt;
  if (!idx && cmd != SetCmd::Addr) return Errno(EADDRNOTAVAIL);
  const bool colon = name.find(':') != std::string_view::npos;

  if (cmd == SetCmd::Addr) {
    if (inet_abc_len(sin) < 0) return Errno(EINVAL);
    InIfaddr ifa;
    if (!idx) {
      if (!in_dev) return Errno(ENOBUFS);
      ifa.label = colon ? std::string(name) : dev->name;
    } else {
      if (in_dev->ifa_list[*idx].local == sin) return {};
      ifa = inet_del_ifa(dev, *idx);
      ifa.broadcast = Ipv4Addr{};
      ifa.scope = 0;
    }
    ifa.address = ifa.local = sin;
    if (!(dev->flags & IFF_POINTOPOINT)) {
      ifa.prefixlen = static_cast<uint8_t>(inet_abc_len(sin));
      if ((dev->flags & IFF_BROADCAST) && ifa.prefixlen < 31) ifa.broadcast.v = sin.v | ~ifa.mask();
    } else {
      ifa.prefixlen = 32;
    }
    ifa.valid_lft = ifa.preferred_lft = 0xffffffffu;
    ifa.flags = (ifa.flags & ~(IFA_F_DEPRECATED | IFA_F_SECONDARY)) | IFA_F_PERMANENT;
    ifa.created = net.world.now();
    // inet_set_ifa: 0.0.0.0 only removes; loopback addresses get host scope.
    if (ifa.local.is_any()) return {};
    if (ifa.local.is_loopback()) ifa.scope = RT_SCOPE_HOST;
    return inet_insert_ifa(dev, ifa);
  }

  InIfaddr& cur = in_dev->ifa_list[*idx];
  switch (cmd) {
    case SetCmd::Netmask: {
      if (bad_mask(sin.v, 0)) return Errno(EINVAL);
      if (cur.mask() == sin.v) return {};
      const uint32_t old_mask = cur.mask();
      InIfaddr ifa = inet_del_ifa(dev, *idx);
      ifa.prefixlen = static_cast<uint8_t>(mask_len(sin.v));
      // A broadcast that followed the old mask follows the new one.
      if ((dev->flags & IFF_BROADCAST) && ifa.prefixlen < 31 && ifa.broadcast.v == (ifa.local.v | ~old_mask))
        ifa.broadcast.v = ifa.local.v | ~sin.v;
      return inet_insert_ifa(dev, ifa);
    }
    case SetCmd::Brdaddr: {
      if (cur.broadcast == sin) return {};
      InIfaddr ifa = inet_del_ifa(dev, *idx);
      ifa.broadcast = sin;
      return inet_insert_ifa(dev, ifa);
    }
    case SetCmd::Dstaddr: {
      if (cur.address == sin) return {};
      if (inet_abc_len(sin) < 0) return Errno(EINVAL);
      InIfaddr ifa = inet_del_ifa(dev, *idx);
      ifa.address = sin;
      return inet_insert_ifa(dev, ifa);
    }
    case SetCmd::Addr: break;
  }
  return {};
}

// --- what `ifconfig` reads back (if_fetch) ---

struct Iface {
  std::string name;
  bool in_proc = false;  // listed in /proc/net/dev (statistics_valid)
};

// net-tools nstrcmp: compares the numeric tail and ":N" alias numerically.
int nstrcmp(const std::string& ap, const std::string& bp) {
  auto cutalias = [](std::string& s) -> std::optional<std::string> {
    bool digit = false;
    for (size_t pos = s.size(); pos > 0; --pos) {
      if (s[pos - 1] == ':' && digit) {
        std::string tail = s.substr(pos);
        s.resize(pos - 1);
        return tail;
      }
      if (!isdigit(static_cast<unsigned char>(s[pos - 1]))) break;
      digit = true;
    }
    return std::nullopt;
  };
  auto rindex_nondigit = [](const std::string& s) -> size_t {
    for (size_t pos = s.size(); pos > 0; --pos)
      if (!isdigit(static_cast<unsigned char>(s[pos - 1]))) return pos;
    return 0;
  };
  auto sgn = [](int v) { return v < 0 ? -1 : v > 0 ? 1 : 0; };
  std::string a = ap, b = bp;
  auto aalias = cutalias(a), balias = cutalias(b);
  const size_t ai = rindex_nondigit(a), bi = rindex_nondigit(b);
  const size_t cl = std::min(ai, bi);
  if (int r = sgn(a.compare(0, cl, b, 0, cl))) return r;
  if (ai != bi) return ai > bi ? 1 : -1;
  const long av = std::atol(a.c_str() + ai), bv = std::atol(b.c_str() + bi);
  if (av != bv) return av < bv ? -1 : 1;
  if (int r = sgn(a.compare(b))) return r;
  const long xa = aalias ? std::atol(aalias->c_str()) : -1, xb = balias ? std::atol(balias->c_str()) : -1;
  if (xa != xb) return xa < xb ? -1 : 1;
  if (aalias && balias) return sgn(aalias->compare(*balias));
  return 0;
}

// if_cache_add: the list is kept sorted by walking back from its end.
void if_cache_add(std::vector<Iface>& l, const std::string& name, bool in_proc) {
  size_t i = l.size();
  while (i > 0) {
    const int n = nstrcmp(l[i - 1].name, name);
    if (n == 0) {
      l[i - 1].in_proc |= in_proc;
      return;
    }
    if (n < 0) break;
    --i;
  }
  l.insert(l.begin() + static_cast<long>(i), Iface{name, in_proc});
}

// if_readlist: /proc/net/dev, then the SIOCGIFCONF labels.
std::vector<Iface> if_readlist(Net& net) {
  std::vector<Iface> l;
  for (NetDevice* d : net.devices()) if_cache_add(l, d->name, true);
  for (NetDevice* d : net.devices()) {
    if (!d->ip_ptr) continue;
    for (const InIfaddr& ifa : d->ip_ptr->ifa_list) if_cache_add(l, ifa.label, false);
  }
  return l;
}

// ipv6_addr_scope bits as /proc/net/if_inet6 shows them.
unsigned if_inet6_scope(const Inet6Ifaddr& a) {
  if (a.addr.is_link_local()) return 0x20;
  bool loop = true;
  for (int i = 0; i < 15; ++i) loop &= a.addr.b[i] == 0;
  if (loop && a.addr.b[15] == 1) return 0x10;
  if (a.addr.b[0] == 0xfe && (a.addr.b[1] & 0xc0) == 0xc0) return 0x40;
  return 0;
}

std::string human_bytes(uint64_t v) {
  uint64_t s = v * 10;
  const char* ext = "B";
  struct U {
    uint64_t lim;
    const char* n;
  };
  static constexpr U kUnits[] = {{1152921504606846976ull, "EiB"}, {1125899906842624ull, "PiB"},
                                 {1099511627776ull, "TiB"},       {1073741824ull, "GiB"},
                                 {1048576ull, "MiB"},             {1024ull, "KiB"}};
  for (const U& u : kUnits) {
    if (v > u.lim) {
      s = u.lim == 1152921504606846976ull ? v / 115292150460684697ull : s / u.lim;
      ext = u.n;
      break;
    }
  }
  return fmt::format("{}.{} {}", s / 10, s % 10, ext);
}

struct RxTx {
  uint64_t rx_packets, rx_bytes, rx_errs, rx_drop, rx_fifo, rx_frame;
  uint64_t tx_packets, tx_bytes, tx_errs, tx_drop, tx_fifo, tx_colls, tx_carrier;
};
// The counters as /proc/net/dev folds them (dev_seq_printf_stats).
RxTx proc_stats(const NetDevice* d) {
  const NetDeviceStats& s = d->stats;
  return RxTx{s.rx_packets,
              s.rx_bytes,
              s.rx_errors,
              s.rx_dropped + s.rx_missed_errors,
              s.rx_fifo_errors,
              s.rx_length_errors + s.rx_over_errors + s.rx_crc_errors + s.rx_frame_errors,
              s.tx_packets,
              s.tx_bytes,
              s.tx_errors,
              s.tx_dropped,
              s.tx_fifo_errors,
              s.collisions,
              s.tx_carrier_errors + s.tx_aborted_errors + s.tx_window_errors + s.tx_heartbeat_errors};
}

// ife_print_long / ife_print_short for one fetched interface.
void ife_print(std::string& out, NetDevice* dev, const Iface& ife, uint16_t flags, bool short_fmt) {
  const bool stats_valid = ife.in_proc;
  const RxTx st = proc_stats(dev);
  if (short_fmt) {
    out += fmt::format("{:<15.15} {:>5} ", ife.name, dev->mtu);
    if (stats_valid) {
      out += fmt::format("{:>8} {:>6} {:>6} {:<6} ", st.rx_packets, st.rx_errs, st.rx_drop, st.rx_fifo);
      out += fmt::format("{:>8} {:>6} {:>6} {:>6} ", st.tx_packets, st.tx_errs, st.tx_drop, st.tx_fifo);
    } else {
      out += fmt::format("{:<56}", "     - no statistics available -");
    }
    if (flags == 0) out += "[NO FLAGS]";
    static constexpr std::pair<uint32_t, char> kShort[] = {
        {IFF_ALLMULTI, 'A'}, {IFF_BROADCAST, 'B'}, {IFF_DEBUG, 'D'},      {IFF_LOOPBACK, 'L'},
        {IFF_MULTICAST, 'M'}, {IFF_DYNAMIC, 'd'},  {IFF_PROMISC, 'P'},    {IFF_NOTRAILERS, 'N'},
        {IFF_NOARP, 'O'},    {IFF_POINTOPOINT, 'P'}, {IFF_SLAVE, 's'},    {IFF_MASTER, 'm'},
        {IFF_RUNNING, 'R'},  {IFF_UP, 'U'},
    };
    for (auto& [bit, c] : kShort)
      if (flags & bit) out += c;
    out += '\n';
    return;
  }
  std::string f = fmt::format("flags={}<", flags);
  if (flags == 0) f += '>';
  static constexpr std::pair<uint32_t, const char*> kLong[] = {
      {IFF_UP, "UP"},           {IFF_BROADCAST, "BROADCAST"}, {IFF_DEBUG, "DEBUG"},     {IFF_LOOPBACK, "LOOPBACK"},
      {IFF_POINTOPOINT, "POINTOPOINT"}, {IFF_NOTRAILERS, "NOTRAILERS"}, {IFF_RUNNING, "RUNNING"},
      {IFF_NOARP, "NOARP"},     {IFF_PROMISC, "PROMISC"},     {IFF_ALLMULTI, "ALLMULTI"}, {IFF_SLAVE, "SLAVE"},
      {IFF_MASTER, "MASTER"},   {IFF_MULTICAST, "MULTICAST"}, {IFF_DYNAMIC, "DYNAMIC"},
  };
  for (auto& [bit, n] : kLong) {
    if (flags & bit) {
      f += n;
      f += ',';
    }
  }
  if (f.back() == ',')
    f.back() = '>';
  else
    f.pop_back();
  out += fmt::format("{}: {}  mtu {}\n", ife.name, f, dev->mtu);

  // SIOCGIFADDR & co: the address whose label is this name.
  if (auto idx = ifa_by_label(dev, ife.name)) {
    const InIfaddr& ifa = dev->ip_ptr->ifa_list[*idx];
    out += fmt::format("        inet {}  netmask {}", ifa.local.str(), Ipv4Addr{ifa.mask()}.str());
    if (flags & IFF_BROADCAST) out += fmt::format("  broadcast {}", ifa.broadcast.str());
    if (flags & IFF_POINTOPOINT) out += fmt::format("  destination {}", ifa.address.str());
    out += '\n';
  }
  if (ife.name == dev->name && dev->ip6_ptr) {
    for (const auto& a : dev->ip6_ptr->addrs) {
      if (!a) continue;
      unsigned scope = if_inet6_scope(*a);
      out += fmt::format("        inet6 {}  prefixlen {}  scopeid 0x{:x}", a->addr.str(), a->prefixlen, scope);
      std::string s = "<";
      if (scope == 0) s += "global,";
      if (scope & 0x20) s += "link,";
      if (scope & 0x40) s += "site,";
      if (scope & 0x10) s += "host,";
      if (s.back() == ',')
        s.back() = '>';
      else
        s.pop_back();
      out += s + "\n";
    }
  }
  if (dev->type == ARPHRD_LOOPBACK)
    out += fmt::format("        loop  txqueuelen {}  (Local Loopback)\n", dev->tx_queue_len);
  else if (dev->type == ARPHRD_ETHER)
    out += fmt::format("        ether {}  txqueuelen {}  (Ethernet)\n", dev->dev_addr.str(), dev->tx_queue_len);
  else
    out += fmt::format("        unspec 00-00-00-00-00-00-00-00-00-00-00-00-00-00-00-00  txqueuelen {}  (UNSPEC)\n",
                       dev->tx_queue_len);
  if (stats_valid) {
    out += fmt::format("        RX packets {}  bytes {} ({})\n", st.rx_packets, st.rx_bytes, human_bytes(st.rx_bytes));
    out += fmt::format("        RX errors {}  dropped {}  overruns {}  frame {}\n", st.rx_errs, st.rx_drop, st.rx_fifo,
                       st.rx_frame);
    out += fmt::format("        TX packets {}  bytes {} ({})\n", st.tx_packets, st.tx_bytes, human_bytes(st.tx_bytes));
    out += fmt::format("        TX errors {}  dropped {} overruns {}  carrier {}  collisions {}\n", st.tx_errs,
                       st.tx_drop, st.tx_fifo, st.tx_carrier, st.tx_colls);
  }
  out += '\n';
}

// do_if_fetch failing: the message net-tools prints.
void fetch_error(Proc& p, std::string_view name) {
  p.err.print("{}: error fetching interface information: Device not found\n", name);
}

// if_print: all interfaces (UP ones unless -a), or one.
int if_print(Proc& p, const char* ifname, bool opt_a, bool short_fmt) {
  std::string out;
  if (short_fmt) out += "Iface      MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n";
  int res = 0;
  if (!ifname) {
    for (const Iface& ife : if_readlist(*p.net)) {
      NetDevice* dev = ioctl_dev(*p.net, ife.name);
      if (!dev) continue;
      const uint16_t flags = static_cast<uint16_t>(dev_get_flags(dev) & 0xffff);
      if ((flags & IFF_UP) || opt_a) ife_print(out, dev, ife, flags, short_fmt);
    }
  } else {
    NetDevice* dev = ioctl_dev(*p.net, ifname);
    if (!dev) {
      if (!out.empty()) p.out.write(out);
      fetch_error(p, ifname);
      return -1;
    }
    Iface ife{ifname, false};
    for (NetDevice* d : p.net->devices())
      if (d->name == ifname) ife.in_proc = true;
    ife_print(out, dev, ife, static_cast<uint16_t>(dev_get_flags(dev) & 0xffff), short_fmt);
  }
  if (!out.empty()) p.out.write(out);
  return res;
}

// INET_resolve: "default", dotted numbers as inet_aton takes them, names.
std::optional<Ipv4Addr> inet_aton_loose(std::string_view s) {
  if (s.empty()) return std::nullopt;
  uint32_t parts[4];
  int n = 0;
  std::string t(s);
  const char* cp = t.c_str();
  for (;;) {
    if (!isdigit(static_cast<unsigned char>(*cp))) return std::nullopt;
    char* end = nullptr;
    errno = 0;
    unsigned long v = std::strtoul(cp, &end, 0);
    if (errno || v > 0xffffffffUL) return std::nullopt;
    if (n == 4) return std::nullopt;
    parts[n++] = static_cast<uint32_t>(v);
    if (*end == '.') {
      cp = end + 1;
      continue;
    }
    if (*end != '\0' && !isspace(static_cast<unsigned char>(*end))) return std::nullopt;
    break;
  }
  uint32_t val = parts[n - 1];
  const uint32_t max_last[] = {0xffffffffu, 0xffffffu, 0xffffu, 0xffu};
  if (val > max_last[n - 1]) return std::nullopt;
  for (int i = 0; i < n - 1; ++i) {
    if (parts[i] > 0xff) return std::nullopt;
    val |= parts[i] << (24 - 8 * i);
  }
  return Ipv4Addr{val};
}

std::optional<Ipv4Addr> inet_resolve(Proc& p, const std::string& host) {
  if (host == "default") return Ipv4Addr{};
  if (auto a = inet_aton_loose(host)) return a;
  if (host == "localhost") return Ipv4Addr::of(127, 0, 0, 1);
  p.err.print("{}: Unknown host\n", host);
  return std::nullopt;
}

// INET_getnetmask: "ADDR/N" -> the mask, and ADDR left in host.
int inet_getmask(std::string& host, Ipv4Addr& mask) {
  auto slash = host.find('/');
  if (slash == std::string::npos) return 0;
  std::string len = host.substr(slash + 1);
  host.resize(slash);
  char* end = nullptr;
  long n = std::strtol(len.c_str(), &end, 0);
  if (*end || n < 0 || n > 32) return -1;
  mask = Ipv4Addr{inet_make_mask(static_cast<int>(n))};
  return 1;
}

struct Ifconfig {
  Proc& p;
  std::string name;
  int goterr = 0;

  Net& net() { return *p.net; }

  void perror_ioctl(const char* what, int err) { p.err.print("{}: {}\n", what, errno_str(err)); }

  int set_flag(uint32_t flag) {
    auto f = siocgifflags(net(), name);
    if (!f) {
      p.err.print("{}: ERROR while getting interface flags: {}\n", name, errno_str(f.error()));
      return -1;
    }
    auto r = siocsifflags(net(), name, *f | flag);
    if (!r) {
      perror_ioctl("SIOCSIFFLAGS", r.error());
      return -1;
    }
    return 0;
  }
  int clr_flag(uint32_t flag) {
    auto f = siocgifflags(net(), name);
    if (!f) {
      p.err.print("{}: ERROR while getting interface flags: {}\n", name, errno_str(f.error()));
      return -1;
    }
    auto r = siocsifflags(net(), name, *f & ~flag);
    if (!r) {
      perror_ioctl("SIOCSIFFLAGS", r.error());
      return -1;
    }
    return 0;
  }
  int test_flag(uint32_t flag) {
    auto f = siocgifflags(net(), name);
    if (!f) {
      p.err.print("{}: ERROR while testing interface flags: {}\n", name, errno_str(f.error()));
      return -1;
    }
    return *f & flag;
  }
  int set_addr(const char* what, SetCmd cmd, Ipv4Addr a, std::string_view target) {
    auto r = devinet_ioctl_set(net(), target, cmd, a);
    if (!r) {
      perror_ioctl(what, r.error());
      return 1;
    }
    return 0;
  }
};

int cmd_ifconfig_impl(Proc& p, std::span<const std::string> argv) {
  bool opt_a = false, short_fmt = false;
  size_t i = 1;
  while (i < argv.size() && !argv[i].empty() && argv[i][0] == '-') {
    const std::string& o = argv[i];
    if (o == "-a") {
      opt_a = true;
    } else if (o == "-s") {
      short_fmt = true;
    } else if (o == "-v") {
    } else if (o == "-V" || o == "-version" || o == "--version") {
      p.out.print("net-tools 2.10\n");
      return 0;
    } else if (o == "-?" || o == "-h" || o == "-help" || o == "--help") {
      ifconfig_usage(p);
      return kExitUsage;
    } else {
      p.err.print("ifconfig: option `{}' not recognised.\n", o);
      p.err.print("ifconfig: `--help' gives usage information.\n");
      return 1;
    }
    ++i;
  }
  if (i >= argv.size()) return if_print(p, nullptr, opt_a, short_fmt) < 0 ? 1 : 0;
  Ifconfig c{p, argv[i].substr(0, 15)};
  ++i;
  if (i >= argv.size()) return if_print(p, c.name.c_str(), opt_a, short_fmt) < 0 ? 1 : 0;

  // An address family name may come first; only inet is configurable here.
  bool inet6 = false;
  if (argv[i] == "inet") {
    ++i;
  } else if (argv[i] == "inet6") {
    inet6 = true;
    ++i;
  }
  bool didnetmask = false, neednetmask = false;
  Ipv4Addr samask;
  auto need = [&](size_t& k) -> const std::string* {
    if (k + 1 >= argv.size()) return nullptr;
    return &argv[++k];
  };
  for (; i < argv.size(); ++i) {
    const std::string& w = argv[i];
    if (w == "arp") {
      c.goterr |= c.clr_flag(IFF_NOARP);
    } else if (w == "-arp") {
      c.goterr |= c.set_flag(IFF_NOARP);
    } else if (w == "trailers") {
      c.goterr |= c.clr_flag(IFF_NOTRAILERS);
    } else if (w == "-trailers") {
      c.goterr |= c.set_flag(IFF_NOTRAILERS);
    } else if (w == "promisc" || w == "multicast" || w == "allmulti" || w == "dynamic") {
      const uint32_t f = w == "promisc" ? IFF_PROMISC : w == "multicast" ? IFF_MULTICAST
                         : w == "allmulti" ? IFF_ALLMULTI : IFF_DYNAMIC;
      c.goterr |= c.set_flag(f);
    } else if (w == "-promisc" || w == "-multicast" || w == "-allmulti" || w == "-dynamic") {
      const uint32_t f = w == "-promisc" ? IFF_PROMISC : w == "-multicast" ? IFF_MULTICAST
                         : w == "-allmulti" ? IFF_ALLMULTI : IFF_DYNAMIC;
      c.goterr |= c.clr_flag(f);
      if (c.test_flag(f) > 0) {
        if (f == IFF_PROMISC)
          p.err.print("Warning: Interface {} still in promisc mode... maybe other application is running?\n", c.name);
        else
          p.err.print("Warning: Interface {} still in {} mode.\n", c.name,
                      f == IFF_MULTICAST ? "MULTICAST" : f == IFF_ALLMULTI ? "ALLMULTI" : "DYNAMIC");
      }
    } else if (w == "up") {
      c.goterr |= c.set_flag(IFF_UP | IFF_RUNNING);
    } else if (w == "down") {
      c.goterr |= c.clr_flag(IFF_UP);
    } else if (w == "mtu") {
      auto v = need(i);
      if (!v) return ifconfig_usage(p), kExitUsage;
      const long mtu = std::atol(v->c_str());
      NetDevice* dev = ioctl_dev(c.net(), c.name);
      int err = 0;
      if (!dev) {
        err = ENODEV;
      } else if (dev->is_loopback()) {
        if (mtu < 0) err = EINVAL;
        else if (static_cast<uint32_t>(mtu) != dev->mtu) {
          dev->mtu = static_cast<uint32_t>(mtu);
          call_netdevice_notifiers(NetdevEvent::ChangeMtu, dev);
        }
      } else if (mtu < 0) {
        err = EINVAL;
      } else if (auto r = dev_set_mtu(dev, static_cast<uint32_t>(mtu)); !r) {
        err = r.error();
      }
      if (err) {
        c.perror_ioctl("SIOCSIFMTU", err);
        c.goterr = 1;
      }
    } else if (w == "keepalive" || w == "outfill") {
      auto v = need(i);
      if (!v) return ifconfig_usage(p), kExitUsage;
      c.perror_ioctl(w == "keepalive" ? "SIOCSKEEPALIVE" : "SIOCSOUTFILL",
                     ioctl_dev(c.net(), c.name) ? EOPNOTSUPP : ENODEV);
      c.goterr = 1;
    } else if (w == "-broadcast") {
      c.goterr |= c.clr_flag(IFF_BROADCAST);
      if (c.test_flag(IFF_BROADCAST) > 0) p.err.print("Warning: Interface {} still in BROADCAST mode.\n", c.name);
    } else if (w == "broadcast") {
      if (i + 1 < argv.size()) {
        std::string host = argv[++i];
        if (auto a = inet_resolve(p, host)) {
          c.goterr |= c.set_addr("SIOCSIFBRDADDR", SetCmd::Brdaddr, *a, c.name);
        } else {
          c.goterr = 1;
          continue;
        }
      }
      c.goterr |= c.set_flag(IFF_BROADCAST);
    } else if (w == "dstaddr") {
      auto v = need(i);
      if (!v) return ifconfig_usage(p), kExitUsage;
      if (auto a = inet_resolve(p, *v))
        c.goterr |= c.set_addr("SIOCSIFDSTADDR", SetCmd::Dstaddr, *a, c.name);
      else
        c.goterr = 1;
    } else if (w == "netmask") {
      auto v = need(i);
      if (!v || didnetmask) return ifconfig_usage(p), kExitUsage;
      if (auto a = inet_resolve(p, *v)) {
        didnetmask = true;
        c.goterr |= c.set_addr("SIOCSIFNETMASK", SetCmd::Netmask, *a, c.name);
      } else {
        c.goterr = 1;
      }
    } else if (w == "txqueuelen") {
      auto v = need(i);
      if (!v) return ifconfig_usage(p), kExitUsage;
      const long q = static_cast<long>(std::strtol(v->c_str(), nullptr, 0));
      NetDevice* dev = ioctl_dev(c.net(), c.name);
      if (!dev || q < 0) {
        c.perror_ioctl("SIOCSIFTXQLEN", dev ? EINVAL : ENODEV);
        c.goterr = 1;
      } else {
        dev->tx_queue_len = static_cast<uint32_t>(q);
      }
    } else if (w == "name") {
      auto v = need(i);
      if (!v) return ifconfig_usage(p), kExitUsage;
      NetDevice* dev = ioctl_dev(c.net(), c.name);
      int err = !dev ? ENODEV : c.net().dev_get_by_name(*v) ? EEXIST : 0;
      if (!err) {
        if (auto r = ip_dev_change_name(dev, *v); !r) err = r.error();
      }
      if (err) {
        c.perror_ioctl("SIOCSIFNAME", err);
        c.goterr = 1;
      }
    } else if (w == "mem_start" || w == "io_addr" || w == "irq" || w == "media" || w == "port") {
      auto v = need(i);
      if (!v) return ifconfig_usage(p), kExitUsage;
      p.err.print("{}: SIOCGIFMAP: {}\n", w == "port" ? "port" : w.c_str(),
                  errno_str(ioctl_dev(c.net(), c.name) ? EOPNOTSUPP : ENODEV));
      c.goterr = 1;
    } else if (w == "-pointopoint") {
      c.goterr |= c.clr_flag(IFF_POINTOPOINT);
      if (c.test_flag(IFF_POINTOPOINT) > 0) p.err.print("Warning: Interface {} still in POINTOPOINT mode.\n", c.name);
    } else if (w == "pointopoint") {
      if (i + 1 < argv.size()) {
        std::string host = argv[++i];
        if (auto a = inet_resolve(p, host)) {
          c.goterr |= c.set_addr("SIOCSIFDSTADDR", SetCmd::Dstaddr, *a, c.name);
        } else {
          c.goterr = 1;
          continue;
        }
      }
      c.goterr |= c.set_flag(IFF_POINTOPOINT);
    } else if (w == "hw") {
      auto type = need(i);
      if (!type) return ifconfig_usage(p), kExitUsage;
      if (*type != "ether") return ifconfig_usage(p), kExitUsage;
      auto v = need(i);
      if (!v) return ifconfig_usage(p), kExitUsage;
      auto mac = MacAddr::parse(*v);
      if (!mac) {
        p.err.print("{}: invalid ether address.\n", *v);
        c.goterr = 1;
        continue;
      }
      NetDevice* dev = ioctl_dev(c.net(), c.name);
      int err = dev ? 0 : ENODEV;
      if (dev) {
        if (auto r = dev_set_mac_address(dev, *mac); !r) err = r.error();
      }
      if (err == EBUSY)
        p.err.print("SIOCSIFHWADDR: {} - you may need to down the interface\n", errno_str(err));
      else if (err)
        c.perror_ioctl("SIOCSIFHWADDR", err);
      if (err) c.goterr = 1;
    } else if (w == "add" || w == "del") {
      auto v = need(i);
      if (!v) return ifconfig_usage(p), kExitUsage;
      if (v->find(':') != std::string::npos) {
        // IPv6 through SIOCSIFADDR/SIOCDIFADDR on an inet6 socket.
        NetDevice* dev = ioctl_dev(c.net(), c.name);
        c.perror_ioctl(w == "add" ? "SIOCSIFADDR" : "SIOCDIFADDR", dev ? EOPNOTSUPP : ENODEV);
        c.goterr = 1;
        continue;
      }
      auto ip = inet_resolve(p, *v);
      if (!ip) {
        c.goterr = 1;
        continue;
      }
      // get_nmbc_parent: the parent's netmask and broadcast.
      NetDevice* dev = ioctl_dev(c.net(), c.name);
      if (!dev) {
        fetch_error(p, c.name);
        continue;
      }
      Ipv4Addr nm, bc;
      if (auto idx = ifa_by_label(dev, c.name)) {
        nm = Ipv4Addr{dev->ip_ptr->ifa_list[*idx].mask()};
        bc = dev->ip_ptr->ifa_list[*idx].broadcast;
      }
      // set_ifstate: an alias "NAME:N" holding that address goes up or
      // down; otherwise the first free ":N" is created with it.
      bool used[256] = {};
      bool done = false;
      for (const Iface& ife : if_readlist(c.net())) {
        if (ife.name.compare(0, c.name.size(), c.name) != 0) continue;
        auto colon = ife.name.find(':');
        if (colon == std::string::npos) continue;
        const std::string suffix = ife.name.substr(colon + 1);
        if (suffix.find('-') != std::string::npos) continue;
        const int n = std::atoi(suffix.c_str());
        if (n < 0 || n > 255) continue;
        used[n] = true;
        NetDevice* d2 = ioctl_dev(c.net(), ife.name);
        auto idx = d2 ? ifa_by_label(d2, ife.name) : std::nullopt;
        if (!idx || d2->ip_ptr->ifa_list[*idx].address != *ip) continue;
        Ifconfig alias{p, ife.name};
        if (w == "add")
          (void)alias.set_flag(IFF_UP | IFF_RUNNING);
        else
          (void)alias.clr_flag(IFF_UP);
        done = true;
        break;
      }
      if (!done) {
        int n = 0;
        while (n < 256 && used[n]) ++n;
        if (n < 256) {
          const std::string alias = fmt::format("{}:{}", c.name, n);
          if (devinet_ioctl_set(c.net(), alias, SetCmd::Addr, *ip) &&
              devinet_ioctl_set(c.net(), alias, SetCmd::Netmask, nm) &&
              devinet_ioctl_set(c.net(), alias, SetCmd::Brdaddr, bc)) {
            Ifconfig a{p, alias};
            (void)a.set_flag(IFF_BROADCAST);
          }
        }
      }
    } else if (w == "tunnel") {
      auto v = need(i);
      if (!v) return ifconfig_usage(p), kExitUsage;
      c.perror_ioctl("SIOCSIFDSTADDR", ioctl_dev(c.net(), c.name) ? EOPNOTSUPP : ENODEV);
      c.goterr = 1;
    } else {
      // The address itself (with an optional /N that sets the netmask last).
      std::string host = w;
      if (inet6) {
        p.err.print("ifconfig: Cannot set address for this protocol family.\n");
        return 1;
      }
      switch (inet_getmask(host, samask)) {
        case -1: return ifconfig_usage(p), kExitUsage;
        case 1:
          if (didnetmask) return ifconfig_usage(p), kExitUsage;
          neednetmask = true;
          break;
        default: break;
      }
      auto a = inet_resolve(p, host);
      if (!a) {
        p.err.print("ifconfig: `--help' gives usage information.\n");
        return 1;
      }
      c.goterr |= c.set_addr("SIOCSIFADDR", SetCmd::Addr, *a, c.name);
      // An alias name ending in '-' was just deleted: nothing to bring up.
      if (!(c.name.find(':') != std::string::npos && c.name.back() == '-'))
        c.goterr |= c.set_flag(IFF_UP | IFF_RUNNING);
    }
  }
  if (neednetmask) c.goterr |= c.set_addr("SIOCSIFNETMASK", SetCmd::Netmask, samask, c.name);
  return c.goterr & 0xff;
}

}  // namespace

int cmd_ifconfig(Proc& p, std::span<const std::string> argv) { return cmd_ifconfig_impl(p, argv); }

}  // namespace skbox
