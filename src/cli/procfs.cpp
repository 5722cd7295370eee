// /proc and /sys of the Proc's network namespace, in Linux 6.18's formats:
// /proc/sys/net/** through the sysctl registry, /proc/net/{snmp,netstat,dev,
// route,softnet_stat,arp,snmp6,if_inet6,dev_snmp6/DEV}, /sys/class/net/DEV/...
// (net-sysfs.c), and the /run/netns mount points of named namespaces.
//
// Not modelled: /proc/net files other than those (dev_mcast, ipv6_route, tcp,
// ...), /sys/devices, the per-queue sysfs directories, phys_port_* (absent
// for virtual devices anyway), ethtool-backed speed/duplex beyond veth's.
#include "cli/procfs.h"
#include "ipv4/fib_trie.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <optional>

#include "core/snmp.h"
#include "ipv6/addrconf.h"
#include "ipv6/snmp6.h"
#include "net/dev.h"
#include "neigh/neighbour.h"
#include "net/net.h"
#include "transport/udp.h"
#include "net/netdevice.h"
#include "net/softnet.h"
#include "net/sysctl.h"
#include "net/world.h"
#include "netfilter/nf_conntrack.h"

namespace skbox {

namespace {

bool under(std::string_view path, std::string_view root) {
  return path.substr(0, root.size()) == root && (path.size() == root.size() || path[root.size()] == '/');
}

std::string_view trim_slashes(std::string_view p) {
  while (p.size() > 1 && p.back() == '/') p.remove_suffix(1);
  return p;
}

// ---------- /proc/net/snmp ----------
template <class Mib>
void mib_lines(std::string& out, std::string_view tag, const Mib& m, std::string_view pre_names = {},
               std::string_view pre_vals = {}) {
  out += fmt::format("{}:{}", tag, pre_names);
  for (auto n : Mib::kNames) out += fmt::format(" {}", n);
  out += fmt::format("\n{}:{}", tag, pre_vals);
  for (auto v : m.v) out += fmt::format(" {}", v);
  out += '\n';
}

std::string proc_net_snmp(Net& net) {
  const NetMibs& m = net.mib;
  std::string out;
  mib_lines(out, "Ip", m.ip, " Forwarding DefaultTTL",
            fmt::format(" {} {}", net.ip_forward() ? 1 : 2, net.ipv4.ip_default_ttl));
  // icmp_put: the per-type columns come from the IcmpMsg counters.
  static constexpr int kInTypes[] = {3, 11, 12, 4, 5, 8, 0, 13, 14, 17, 18};
  static constexpr int kOutTypes[] = {3, 11, 12, 4, 5, 8, 0, 13, 14, 17, 18};
  out += "Icmp: InMsgs InErrors InCsumErrors InDestUnreachs InTimeExcds InParmProbs InSrcQuenchs InRedirects "
         "InEchos InEchoReps InTimestamps InTimestampReps InAddrMasks InAddrMaskReps OutMsgs OutErrors "
         "OutRateLimitGlobal OutRateLimitHost OutDestUnreachs OutTimeExcds OutParmProbs OutSrcQuenchs "
         "OutRedirects OutEchos OutEchoReps OutTimestamps OutTimestampReps OutAddrMasks OutAddrMaskReps\n";
  out += fmt::format("Icmp: {} {} {}", m.icmp[IcmpMib::InMsgs], m.icmp[IcmpMib::InErrors],
                     m.icmp[IcmpMib::InCsumErrors]);
  for (int t : kInTypes) out += fmt::format(" {}", m.icmpmsg.in[size_t(t)]);
  out += fmt::format(" {} {} {} {}", m.icmp[IcmpMib::OutMsgs], m.icmp[IcmpMib::OutErrors],
                     m.icmp[IcmpMib::OutRateLimitGlobal], m.icmp[IcmpMib::OutRateLimitHost]);
  for (int t : kOutTypes) out += fmt::format(" {}", m.icmpmsg.out[size_t(t)]);
  out += '\n';
  // icmpmsg_put: nonzero types only, In before Out, 16 per line pair.
  std::vector<std::pair<std::string, uint64_t>> msgs;
  for (int i = 0; i < 256; ++i)
    if (m.icmpmsg.in[size_t(i)]) msgs.push_back({fmt::format("InType{}", i), m.icmpmsg.in[size_t(i)]});
  for (int i = 0; i < 256; ++i)
    if (m.icmpmsg.out[size_t(i)]) msgs.push_back({fmt::format("OutType{}", i), m.icmpmsg.out[size_t(i)]});
  for (size_t i = 0; i < msgs.size(); i += 16) {
    size_t e = std::min(msgs.size(), i + 16);
    out += "IcmpMsg:";
    for (size_t k = i; k < e; ++k) out += " " + msgs[k].first;
    out += "\nIcmpMsg:";
    for (size_t k = i; k < e; ++k) out += fmt::format(" {}", msgs[k].second);
    out += '\n';
  }
  mib_lines(out, "Tcp", m.tcp, " RtoAlgorithm RtoMin RtoMax MaxConn", " 1 200 120000 -1");
  mib_lines(out, "Udp", m.udp);
  mib_lines(out, "UdpLite", m.udplite);
  return out;
}

// ---------- /proc/net/netstat ----------
constexpr std::string_view kMptcpExt =
    "MPCapableSYNRX MPCapableSYNTX MPCapableSYNACKRX MPCapableACKRX MPCapableFallbackACK MPCapableFallbackSYNACK "
    "MPCapableSYNTXDrop MPCapableSYNTXDisabled MPCapableEndpAttempt MPFallbackTokenInit MPTCPRetrans "
    "MPJoinNoTokenFound MPJoinSynRx MPJoinSynBackupRx MPJoinSynAckRx MPJoinSynAckBackupRx MPJoinSynAckHMacFailure "
    "MPJoinAckRx MPJoinAckHMacFailure MPJoinRejected MPJoinSynTx MPJoinSynTxCreatSkErr MPJoinSynTxBindErr "
    "MPJoinSynTxConnectErr DSSNotMatching DSSCorruptionFallback DSSCorruptionReset InfiniteMapTx InfiniteMapRx "
    "DSSNoMatchTCP DataCsumErr OFOQueueTail OFOQueue OFOMerge NoDSSInWindow DuplicateData AddAddr AddAddrTx "
    "AddAddrTxDrop EchoAdd EchoAddTx EchoAddTxDrop PortAdd AddAddrDrop MPJoinPortSynRx MPJoinPortSynAckRx "
    "MPJoinPortAckRx MismatchPortSynRx MismatchPortAckRx RmAddr RmAddrDrop RmAddrTx RmAddrTxDrop RmSubflow "
    "MPPrioTx MPPrioRx MPFailTx MPFailRx MPFastcloseTx MPFastcloseRx MPRstTx MPRstRx SubflowStale SubflowRecover "
    "SndWndShared RcvWndShared RcvWndConflictUpdate RcvWndConflict MPCurrEstab Blackhole MPCapableDataFallback "
    "MD5SigFallback DssFallback SimultConnectFallback FallbackFailed WinProbe";

std::string proc_net_netstat(Net& net) {
  std::string out;
  mib_lines(out, "TcpExt", net.mib.linux);
  mib_lines(out, "IpExt", net.mib.ipext);
  out += fmt::format("MPTcpExt: {}\nMPTcpExt:", kMptcpExt);
  for (size_t i = 0, n = size_t(std::count(kMptcpExt.begin(), kMptcpExt.end(), ' ')) + 1; i < n; ++i) out += " 0";
  out += '\n';
  return out;
}

// ---------- /proc/net/dev ----------
std::string proc_net_dev(Net& net) {
  std::string out =
      "Inter-|   Receive                                                |  Transmit\n"
      " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls "
      "carrier compressed\n";
  for (NetDevice* d : net.devices()) {
    const NetDeviceStats& s = d->stats;
    out += fmt::format("{:>6}: {:>7} {:>7} {:>4} {:>4} {:>4} {:>5} {:>10} {:>9} {:>8} {:>7} {:>4} {:>4} {:>4} {:>5} {:>7} {:>10}\n",
                       d->name, s.rx_bytes, s.rx_packets, s.rx_errors, s.rx_dropped + s.rx_missed_errors,
                       s.rx_fifo_errors, s.rx_length_errors + s.rx_over_errors + s.rx_crc_errors + s.rx_frame_errors,
                       s.rx_compressed, s.multicast, s.tx_bytes, s.tx_packets, s.tx_errors, s.tx_dropped,
                       s.tx_fifo_errors, s.collisions,
                       s.tx_carrier_errors + s.tx_aborted_errors + s.tx_window_errors + s.tx_heartbeat_errors,
                       s.tx_compressed);
  }
  return out;
}

// ---------- /proc/net/route (fib_route_seq_show) ----------
uint32_t to_be(uint32_t host) { return __builtin_bswap32(host); }

std::string proc_net_route(Net& net) {
  std::string out = fmt::format("{:<127}\n", "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT");
  FibTable* t = net.fib.get_table(RT_TABLE_MAIN);
  if (!t) return out;
  constexpr unsigned kRtfUp = 0x1, kRtfGateway = 0x2, kRtfHost = 0x4, kRtfReject = 0x200;
  for (const FibRoute* r : t->dump()) {
    if (r->type == RTN_BROADCAST || r->type == RTN_MULTICAST) continue;
    uint32_t mask = inet_make_mask(r->plen);
    unsigned flags = kRtfUp;
    if (r->type == RTN_UNREACHABLE || r->type == RTN_PROHIBIT) flags |= kRtfReject;
    const FibNh* nh = r->nh();
    if (nh && !nh->gw.is_any()) flags |= kRtfGateway;
    if (mask == 0xffffffffu) flags |= kRtfHost;
    std::string line = fmt::format("{}\t{:08X}\t{:08X}\t{:04X}\t0\t0\t{}\t{:08X}\t{}\t0\t0", nh && nh->dev ? nh->dev->name : "*",
                                   to_be(r->dst.v), to_be(nh ? nh->gw.v : 0), flags, r->priority, to_be(mask),
                                   r->advmss ? r->advmss + 40 : 0);
    out += fmt::format("{:<127}\n", line);
  }
  return out;
}

// ---------- /proc/net/softnet_stat ----------
// One line per online CPU; CPUs of the simulated machine that run no
// softirq work (skbox processes everything on CPU 0) show zeros.
std::string proc_net_softnet(World& w) {
  std::string out;
  const size_t ncpu = std::max(w.softnet.size(), size_t(std::max(w.num_possible_cpus, 1)));
  for (size_t i = 0; i < ncpu; ++i) {
    const SoftnetStats st = i < w.softnet.size() ? w.softnet[i]->stats : SoftnetStats{};
    const uint32_t qlen = i < w.softnet.size() ? w.softnet[i]->input_pkt_queue.size() : 0;
    out += fmt::format("{:08x} {:08x} {:08x} {:08x} {:08x} {:08x} {:08x} {:08x} {:08x} {:08x} {:08x} {:08x} {:08x} {:08x} {:08x}\n",
                       uint32_t(st.processed), uint32_t(st.dropped), uint32_t(st.time_squeeze), 0, 0, 0, 0, 0, 0,
                       uint32_t(st.received_rps), uint32_t(st.flow_limit_count), qlen, uint32_t(i), qlen, 0);
  }
  return out;
}

// ---------- /sys/class/net ----------
constexpr std::string_view kSysDevAttrs[] = {
    "addr_assign_type", "addr_len", "address", "broadcast", "carrier", "carrier_changes", "carrier_down_count",
    "carrier_up_count", "dev_id", "dev_port", "dormant", "duplex", "flags", "gro_flush_timeout", "ifalias",
    "ifindex", "iflink", "link_mode", "mtu", "name_assign_type", "napi_defer_hard_irqs", "netdev_group",
    "operstate", "power", "proto_down", "queues", "speed", "statistics", "subsystem", "testing", "threaded",
    "tx_queue_len", "type", "uevent"};
constexpr std::string_view kSysStats[] = {
    "collisions",       "multicast",         "rx_bytes",         "rx_compressed",      "rx_crc_errors",
    "rx_dropped",       "rx_errors",         "rx_fifo_errors",   "rx_frame_errors",    "rx_length_errors",
    "rx_missed_errors", "rx_nohandler",      "rx_over_errors",   "rx_packets",         "tx_aborted_errors",
    "tx_bytes",         "tx_carrier_errors", "tx_compressed",    "tx_dropped",         "tx_errors",
    "tx_fifo_errors",   "tx_heartbeat_errors", "tx_packets",     "tx_window_errors"};

Expected<uint64_t> dev_stat(const NetDevice* d, std::string_view n) {
  const NetDeviceStats& s = d->stats;
  static const std::pair<std::string_view, uint64_t NetDeviceStats::*> kMap[] = {
      {"collisions", &NetDeviceStats::collisions}, {"multicast", &NetDeviceStats::multicast},
      {"rx_bytes", &NetDeviceStats::rx_bytes}, {"rx_compressed", &NetDeviceStats::rx_compressed},
      {"rx_crc_errors", &NetDeviceStats::rx_crc_errors}, {"rx_dropped", &NetDeviceStats::rx_dropped},
      {"rx_errors", &NetDeviceStats::rx_errors}, {"rx_fifo_errors", &NetDeviceStats::rx_fifo_errors},
      {"rx_frame_errors", &NetDeviceStats::rx_frame_errors}, {"rx_length_errors", &NetDeviceStats::rx_length_errors},
      {"rx_missed_errors", &NetDeviceStats::rx_missed_errors}, {"rx_nohandler", &NetDeviceStats::rx_nohandler},
      {"rx_over_errors", &NetDeviceStats::rx_over_errors}, {"rx_packets", &NetDeviceStats::rx_packets},
      {"tx_aborted_errors", &NetDeviceStats::tx_aborted_errors}, {"tx_bytes", &NetDeviceStats::tx_bytes},
      {"tx_carrier_errors", &NetDeviceStats::tx_carrier_errors}, {"tx_compressed", &NetDeviceStats::tx_compressed},
      {"tx_dropped", &NetDeviceStats::tx_dropped}, {"tx_errors", &NetDeviceStats::tx_errors},
      {"tx_fifo_errors", &NetDeviceStats::tx_fifo_errors}, {"tx_heartbeat_errors", &NetDeviceStats::tx_heartbeat_errors},
      {"tx_packets", &NetDeviceStats::tx_packets}, {"tx_window_errors", &NetDeviceStats::tx_window_errors}};
  for (auto& [k, mp] : kMap)
    if (k == n) return s.*mp;
  return Errno(ENOENT);
}

std::string lower(std::string_view s) {
  std::string o(s);
  for (char& c : o) c = char(std::tolower(static_cast<unsigned char>(c)));
  return o;
}

Expected<std::string> sys_dev_read(NetDevice* d, std::string_view a) {
  bool running = d->is_up();  // netif_running
  auto dec = [](auto v) { return fmt::format("{}\n", v); };
  if (a == "address") return d->dev_addr.str() + "\n";
  if (a == "broadcast") return d->broadcast.str() + "\n";
  if (a == "addr_assign_type") return dec(int(d->addr_assign_type));
  if (a == "addr_len") return dec(6);
  if (a == "carrier") {
    if (!running) return Errno(EINVAL);
    return dec(d->carrier ? 1 : 0);
  }
  if (a == "carrier_changes") return dec(d->carrier_changes);
  if (a == "carrier_up_count") return dec(d->carrier_up_count);
  if (a == "carrier_down_count") return dec(d->carrier_down_count);
  if (a == "dev_id") return std::string("0x0\n");
  if (a == "dev_port" || a == "gro_flush_timeout" || a == "napi_defer_hard_irqs" || a == "proto_down" ||
      a == "threaded")
    return dec(0);
  if (a == "dormant" || a == "testing") {
    if (!running) return Errno(EINVAL);
    return dec(0);
  }
  if (a == "speed" || a == "duplex") {
    if (!running || d->kind() != "veth") return Errno(EINVAL);
    return std::string(a == "speed" ? "10000\n" : "full\n");
  }
  if (a == "flags") return fmt::format("{:#x}\n", d->flags);
  if (a == "ifalias") return d->alias + "\n";
  if (a == "ifindex") return dec(d->ifindex);
  if (a == "iflink") return dec(d->link_peer() ? d->link_peer()->ifindex : d->ifindex);
  if (a == "link_mode") return dec(int(d->link_mode));
  if (a == "mtu") return dec(d->mtu);
  if (a == "name_assign_type") {
    if (d->is_loopback()) return Errno(EINVAL);
    return dec(3);  // NET_NAME_USER
  }
  if (a == "netdev_group") return dec(d->group);
  if (a == "operstate") return lower(operstate_name(running ? d->operstate : OperState::Down)) + "\n";
  if (a == "tx_queue_len") return dec(d->tx_queue_len);
  if (a == "type") return dec(d->type);
  if (a == "uevent") return fmt::format("INTERFACE={}\nIFINDEX={}\n", d->name, d->ifindex);
  if (a == "power" || a == "queues" || a == "statistics" || a == "subsystem") return Errno(EISDIR);
  return Errno(ENOENT);
}

// kstrtoul(buf, 0): optional trailing newline.
std::optional<uint64_t> parse_ul(std::string_view s) {
  if (!s.empty() && s.back() == '\n') s.remove_suffix(1);
  if (s.empty()) return std::nullopt;
  int base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    s.remove_prefix(2);
  } else if (s.size() > 1 && s[0] == '0') {
    base = 8;
    s.remove_prefix(1);
  }
  uint64_t v = 0;
  for (char c : s) {
    int dg = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
             : (base == 16 && std::isxdigit(static_cast<unsigned char>(c))) ? std::tolower(c) - 'a' + 10
                                                                             : 99;
    if (dg >= base) return std::nullopt;
    if (v > (UINT64_MAX - uint64_t(dg)) / uint64_t(base)) return std::nullopt;
    v = v * uint64_t(base) + uint64_t(dg);
  }
  return v;
}

Expected<void> sys_dev_write(NetDevice* d, std::string_view a, std::string_view data) {
  if (a == "mtu") {
    auto v = parse_ul(data);
    if (!v || *v > UINT32_MAX) return Errno(EINVAL);
    return dev_set_mtu(d, uint32_t(*v));
  }
  if (a == "tx_queue_len") {
    auto v = parse_ul(data);
    if (!v || *v > UINT32_MAX) return Errno(EINVAL);
    d->tx_queue_len = uint32_t(*v);
    return {};
  }
  if (a == "netdev_group") {
    auto v = parse_ul(data);
    if (!v || *v > UINT32_MAX) return Errno(EINVAL);
    d->group = uint32_t(*v);
    return {};
  }
  if (a == "flags") {  // dev_change_flags
    auto v = parse_ul(data);
    if (!v || *v > UINT32_MAX) return Errno(EINVAL);
    constexpr uint32_t kChangeable = IFF_DEBUG | IFF_NOTRAILERS | IFF_NOARP | IFF_DYNAMIC | IFF_MULTICAST |
                                     IFF_PORTSEL | IFF_AUTOMEDIA | IFF_PROMISC | IFF_ALLMULTI;
    uint32_t nf = uint32_t(*v);
    d->flags = (d->flags & ~kChangeable) | (nf & kChangeable);
    if ((nf & IFF_UP) && !d->is_up()) return dev_open(d);
    if (!(nf & IFF_UP) && d->is_up()) return dev_close(d);
    return {};
  }
  if (a == "ifalias") {
    std::string_view s = data;
    if (!s.empty() && s.back() == '\n') s.remove_suffix(1);
    if (s.size() >= 256) return Errno(EINVAL);
    d->alias = std::string(s);
    return {};
  }
  if (a == "carrier" || a == "proto_down") return Errno(EOPNOTSUPP);
  if (a == "gro_flush_timeout" || a == "napi_defer_hard_irqs" || a == "threaded") {
    if (!parse_ul(data)) return Errno(EINVAL);
    return {};
  }
  auto r = sys_dev_read(d, a);
  if (!r && r.error() == ENOENT) return Errno(ENOENT);
  if (!r && r.error() == EISDIR) return Errno(EISDIR);
  return Errno(EACCES);
}

constexpr std::string_view kProcNetFiles[] = {"arp",   "dev",  "dev_snmp6", "fib_trie",    "fib_triestat", "if_inet6",
                                             "netstat", "nf_conntrack", "nf_conntrack_expect", "route", "snmp",
                                             "snmp6", "softnet_stat", "stat", "udp"};

// "/proc/self/net" and "/proc/<pid>/net" are /proc/net.
std::string normalise(std::string_view path) {
  std::string p(trim_slashes(path));
  if (under(p, "/proc/self/net")) p = "/proc/net" + p.substr(14);
  return p;
}

Expected<std::string> proc_net_read(Proc& p, std::string_view f) {
  Net& net = *p.net;
  if (f == "snmp") return proc_net_snmp(net);
  if (f == "netstat") return proc_net_netstat(net);
  if (f == "dev") return proc_net_dev(net);
  if (f == "route") return proc_net_route(net);
  if (f == "fib_trie") return fib_trie_seq_show(net.fib);
  if (f == "fib_triestat") return fib_triestat_seq_show(net.fib);
  if (f == "softnet_stat") return proc_net_softnet(p.world);
  if (f == "snmp6") return snmp6_show(net);
  if (f == "udp") return udp4_seq_show(net);
  if (f == "nf_conntrack") return nf_conntrack_proc_show(net);
  if (f == "nf_conntrack_expect") return std::string();  // no expectations are modelled
  if (f == "stat") return Errno(EISDIR);
  if (f == "stat/nf_conntrack") return nf_conntrack_proc_stat(net);
  if (f == "if_inet6") return if6_seq_show(net);
  if (f == "dev_snmp6") return Errno(EISDIR);
  if (f.substr(0, 10) == "dev_snmp6/") {  // one file per device with an inet6_dev
    NetDevice* d = net.dev_get_by_name(f.substr(10));
    if (!d || !d->ip6_ptr) return Errno(ENOENT);
    return dev_snmp6_show(d);
  }
  if (f == "arp") {
    return neigh_proc_arp(net);
  }
  return Errno(ENOENT);
}

// /run/netns: one nsfs bind mount per named namespace (`ip netns add`).
// The directory always exists, as in the oracle's sandbox (a fresh host
// gets it from the first `ip netns add` and keeps it); reading a mount
// point fails like reading any nsfs file.
constexpr std::string_view kRunNetns = "/run/netns";

Expected<std::string> run_netns_read(Proc& p, std::string_view pa) {
  if (pa == kRunNetns) return Errno(EISDIR);
  std::string_view name = pa.substr(kRunNetns.size() + 1);
  if (name.find('/') != std::string_view::npos || !p.world.netns_find(std::string(name))) return Errno(ENOENT);
  return Errno(EINVAL);
}

}  // namespace

bool procfs_handles(std::string_view path) {
  return under(path, "/proc") || under(path, "/sys") || under(path, kRunNetns);
}

Expected<std::string> procfs_read(Proc& p, std::string_view path) {
  std::string ps = normalise(path);
  std::string_view pa = ps;
  if (under(pa, "/proc/sys")) {
    return sysctl_read_path(*p.net, pa.substr(9));
  }
  if (under(pa, "/proc/net")) {
    if (pa == "/proc/net") return Errno(EISDIR);
    std::string_view f = pa.substr(10);
    if (f.find('/') != std::string_view::npos && f.substr(0, 10) != "dev_snmp6/") return Errno(ENOENT);
    return proc_net_read(p, f);
  }
  if (under(pa, "/sys/class/net")) {
    auto c = pa.substr(14);
    if (c.empty()) return Errno(EISDIR);
    c.remove_prefix(1);
    size_t sl = c.find('/');
    NetDevice* d = p.net->dev_get_by_name(c.substr(0, sl));
    if (!d) return Errno(ENOENT);
    if (sl == std::string_view::npos) return Errno(EISDIR);
    std::string_view a = c.substr(sl + 1);
    if (a.substr(0, 11) == "statistics/") {
      auto v = dev_stat(d, a.substr(11));
      if (!v) return Errno(v.error());
      return fmt::format("{}\n", *v);
    }
    if (a.find('/') != std::string_view::npos) return Errno(ENOENT);
    return sys_dev_read(d, a);
  }
  if (under(pa, kRunNetns)) return run_netns_read(p, pa);
  if (pa == "/proc" || pa == "/sys" || pa == "/sys/class") return Errno(EISDIR);
  return Errno(ENOENT);
}

Expected<void> procfs_write(Proc& p, std::string_view path, std::string_view data) {
  std::string ps = normalise(path);
  std::string_view pa = ps;
  if (under(pa, "/proc/sys")) return sysctl_write_path(*p.net, pa.substr(9), data);
  if (under(pa, "/sys/class/net") && pa.size() > 15) {
    auto c = pa.substr(15);
    size_t sl = c.find('/');
    NetDevice* d = p.net->dev_get_by_name(c.substr(0, sl));
    if (!d) return Errno(ENOENT);
    if (sl == std::string_view::npos) return Errno(EISDIR);
    std::string_view a = c.substr(sl + 1);
    if (a.substr(0, 11) == "statistics/") return dev_stat(d, a.substr(11)) ? Errno(EACCES) : Errno(ENOENT);
    return sys_dev_write(d, a, data);
  }
  auto r = procfs_read(p, path);
  if (r) return Errno(EACCES);
  return Errno(r.error() == EISDIR ? EISDIR : ENOENT);
}

Expected<std::vector<std::string>> procfs_list(Proc& p, std::string_view path) {
  std::string ps = normalise(path);
  std::string_view pa = ps;
  auto names = [](auto& arr) {
    std::vector<std::string> v;
    for (auto s : arr) v.emplace_back(s);
    return v;
  };
  if (pa == "/proc") return std::vector<std::string>{"net", "self", "sys"};
  if (pa == "/proc/self") return std::vector<std::string>{"net"};
  if (pa == "/sys") return std::vector<std::string>{"class"};
  if (pa == "/sys/class") return std::vector<std::string>{"net"};
  if (pa == kRunNetns) {
    std::vector<std::string> v;
    for (auto& [name, n] : p.world.netns_named()) v.push_back(name);
    return v;
  }
  if (under(pa, kRunNetns)) return run_netns_read(p, pa).error() == ENOENT ? Errno(ENOENT) : Errno(ENOTDIR);
  if (under(pa, "/proc/sys")) return sysctl_readdir(*p.net, pa.substr(9));
  if (pa == "/proc/net") {
    std::vector<std::string> v;
    for (auto f : kProcNetFiles) v.emplace_back(f);
    return v;
  }
  if (pa == "/proc/net/stat") return std::vector<std::string>{"nf_conntrack"};
  if (pa == "/proc/net/dev_snmp6") {
    std::vector<std::string> v;
    for (NetDevice* d : p.net->devices())
      if (d->ip6_ptr) v.push_back(d->name);
    std::sort(v.begin(), v.end());
    return v;
  }
  if (under(pa, "/proc/net")) return proc_net_read(p, pa.substr(10)) ? Errno(ENOTDIR) : Errno(ENOENT);
  if (pa == "/sys/class/net") {
    std::vector<std::string> v;
    for (NetDevice* d : p.net->devices()) v.push_back(d->name);
    std::sort(v.begin(), v.end());
    return v;
  }
  if (under(pa, "/sys/class/net") && pa.size() > 15) {
    auto c = pa.substr(15);
    size_t sl = c.find('/');
    NetDevice* d = p.net->dev_get_by_name(c.substr(0, sl));
    if (!d) return Errno(ENOENT);
    if (sl == std::string_view::npos) return names(kSysDevAttrs);
    std::string_view a = c.substr(sl + 1);
    if (a == "statistics") return names(kSysStats);
    if (a == "power" || a == "queues" || a == "subsystem") return std::vector<std::string>{};
    auto r = sys_dev_read(d, a);
    if (r || r.error() == EINVAL) return Errno(ENOTDIR);
    if (a.substr(0, 11) == "statistics/" && dev_stat(d, a.substr(11))) return Errno(ENOTDIR);
    return Errno(ENOENT);
  }
  return Errno(ENOENT);
}

}  // namespace skbox
