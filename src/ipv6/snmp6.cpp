// IPv6 MIB counters and their /proc text (net/ipv6/proc.c).
#include "ipv6/snmp6.h"

#include <fmt/format.h>

#include "ipv6/addrconf.h"
#include "net/net.h"

namespace skbox {

void ip6_inc_stats(NetDevice* dev, Ip6Mib::Field f, uint64_t n) {
  ipv6_net(*dev->net).mib.ip.v[f] += n;
  if (dev->ip6_ptr) dev->ip6_ptr->stats.ip.v[f] += n;
}

void ip6_upd_po_stats(NetDevice* dev, Ip6Mib::Field pkts, Ip6Mib::Field octets, uint64_t len) {
  ip6_inc_stats(dev, pkts);
  ip6_inc_stats(dev, octets, len);
}

void icmp6_inc_stats(NetDevice* dev, Icmp6Mib::Field f) {
  ++ipv6_net(*dev->net).mib.icmp.v[f];
  if (dev->ip6_ptr) ++dev->ip6_ptr->stats.icmp.v[f];
}

void icmp6msg_in_inc(NetDevice* dev, uint8_t type) {
  ++ipv6_net(*dev->net).mib.icmpmsg[type];
  if (dev->ip6_ptr) ++dev->ip6_ptr->stats.icmpmsg[type];
}

void icmp6msg_out_inc(NetDevice* dev, uint8_t type) {
  ++ipv6_net(*dev->net).mib.icmpmsg[256 + type];
  if (dev->ip6_ptr) ++dev->ip6_ptr->stats.icmpmsg[256 + type];
}

namespace {

void line(std::string& out, std::string_view name, uint64_t v) {
  fmt::format_to(std::back_inserter(out), "{:<32}\t{}\n", name, v);
}

// icmp6type2name
std::string_view icmp6_type_name(int t) {
  switch (t) {
    case 1: return "DestUnreachs";
    case 2: return "PktTooBigs";
    case 3: return "TimeExcds";
    case 4: return "ParmProblems";
    case 128: return "Echos";
    case 129: return "EchoReplies";
    case 130: return "GroupMembQueries";
    case 131: return "GroupMembResponses";
    case 132: return "GroupMembReductions";
    case 133: return "RouterSolicits";
    case 134: return "RouterAdvertisements";
    case 135: return "NeighborSolicits";
    case 136: return "NeighborAdvertisements";
    case 137: return "Redirects";
    case 143: return "MLDv2Reports";
    default: return {};
  }
}

void show_ip6(std::string& out, const Ip6Mib& m) {
  for (int i = 0; i < Ip6Mib::kCount; ++i) line(out, fmt::format("Ip6{}", Ip6Mib::kNames[i]), m.v[i]);
}

void show_icmp6(std::string& out, const Icmp6Mib& m, int count, const std::array<uint64_t, 512>& msg) {
  for (int i = 0; i < count; ++i) line(out, fmt::format("Icmp6{}", Icmp6Mib::kNames[i]), m.v[i]);
  // snmp6_seq_show_icmpv6msg: the named types (in, then out), then every
  // non-zero type by number.
  for (int i = 0; i < 512; ++i) {
    std::string_view n = icmp6_type_name(i & 0xff);
    if (n.empty()) continue;
    line(out, fmt::format("Icmp6{}{}", i & 0x100 ? "Out" : "In", n), msg[i]);
  }
  for (int i = 0; i < 512; ++i)
    if (msg[i]) line(out, fmt::format("Icmp6{}Type{}", i & 0x100 ? "Out" : "In", i & 0xff), msg[i]);
}

}  // namespace

std::string snmp6_show(Net& net) {
  const Ipv6NetMib& m = ipv6_net(net).mib;
  std::string out;
  show_ip6(out, m.ip);
  show_icmp6(out, m.icmp, Icmp6Mib::kCount, m.icmpmsg);
  for (int i = 0; i < Udp6Mib::kCount; ++i) line(out, fmt::format("Udp6{}", Udp6Mib::kNames[i]), m.udp.v[i]);
  // snmp6_udplite6_list has no IgnoredMulti.
  for (int i = 0; i < Udp6Mib::kCount; ++i)
    if (i != Udp6Mib::IgnoredMulti) line(out, fmt::format("UdpLite6{}", Udp6Mib::kNames[i]), m.udplite.v[i]);
  return out;
}

std::string dev_snmp6_show(const NetDevice* dev) {
  if (!dev->ip6_ptr) return {};
  const Ipv6DevMib& m = dev->ip6_ptr->stats;
  std::string out;
  line(out, "ifIndex", uint64_t(dev->ifindex));
  show_ip6(out, m.ip);
  // The per-device ICMPv6 MIB has no OutRateLimitHost.
  show_icmp6(out, m.icmp, Icmp6Mib::OutRateLimitHost, m.icmpmsg);
  return out;
}

}  // namespace skbox
