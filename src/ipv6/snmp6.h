// IPv6 SNMP counters (/proc/net/snmp6 and /proc/net/dev_snmp6/DEV), with the
// Linux 6.x names, order and format ("%-32s\t%lu"). Every counter is bumped
// both per namespace and per device, as IP6_INC_STATS does.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace skbox {

class Net;
class NetDevice;

#define SKBOX_IP6_MIB(X)                                                                              \
  X(InReceives) X(InHdrErrors) X(InTooBigErrors) X(InNoRoutes) X(InAddrErrors) X(InUnknownProtos)     \
  X(InTruncatedPkts) X(InDiscards) X(InDelivers) X(OutForwDatagrams) X(OutRequests) X(OutDiscards)    \
  X(OutNoRoutes) X(ReasmTimeout) X(ReasmReqds) X(ReasmOKs) X(ReasmFails) X(FragOKs) X(FragFails)      \
  X(FragCreates) X(InMcastPkts) X(OutMcastPkts) X(InOctets) X(OutOctets) X(InMcastOctets)              \
  X(OutMcastOctets) X(InBcastOctets) X(OutBcastOctets) X(InNoECTPkts) X(InECT1Pkts) X(InECT0Pkts)      \
  X(InCEPkts) X(OutTransmits)

#define SKBOX_ICMP6_MIB(X) X(InMsgs) X(InErrors) X(OutMsgs) X(OutErrors) X(InCsumErrors) X(OutRateLimitHost)

#define SKBOX_UDP6_MIB(X) \
  X(InDatagrams) X(NoPorts) X(InErrors) X(OutDatagrams) X(RcvbufErrors) X(SndbufErrors) X(InCsumErrors) X(IgnoredMulti) X(MemErrors)

#define SKBOX_MIB6_ENUM(n) n,
#define SKBOX_MIB6_NAME(n) #n,
struct Ip6Mib {
  enum Field { SKBOX_IP6_MIB(SKBOX_MIB6_ENUM) kCount };
  static constexpr std::string_view kNames[] = {SKBOX_IP6_MIB(SKBOX_MIB6_NAME)};
  std::array<uint64_t, kCount> v{};
};
struct Icmp6Mib {
  enum Field { SKBOX_ICMP6_MIB(SKBOX_MIB6_ENUM) kCount };
  static constexpr std::string_view kNames[] = {SKBOX_ICMP6_MIB(SKBOX_MIB6_NAME)};
  std::array<uint64_t, kCount> v{};
};
struct Udp6Mib {
  enum Field { SKBOX_UDP6_MIB(SKBOX_MIB6_ENUM) kCount };
  static constexpr std::string_view kNames[] = {SKBOX_UDP6_MIB(SKBOX_MIB6_NAME)};
  std::array<uint64_t, kCount> v{};
};
#undef SKBOX_MIB6_ENUM
#undef SKBOX_MIB6_NAME

// Per-device counters (idev->stats).
struct Ipv6DevMib {
  Ip6Mib ip;
  Icmp6Mib icmp;
  std::array<uint64_t, 512> icmpmsg{};  // [type] in, [256 + type] out
};
// Per-namespace counters (net->mib.ipv6_statistics, icmpv6, icmpv6msg, udp6).
struct Ipv6NetMib {
  Ip6Mib ip;
  Icmp6Mib icmp;
  std::array<uint64_t, 512> icmpmsg{};
  Udp6Mib udp, udplite;
};

// Bumps a counter in both dev's inet6_dev (if any) and its namespace.
void ip6_inc_stats(NetDevice* dev, Ip6Mib::Field f, uint64_t n = 1);
// IP6_UPD_PO_STATS: packets field plus the matching octets field.
void ip6_upd_po_stats(NetDevice* dev, Ip6Mib::Field pkts, Ip6Mib::Field octets, uint64_t len);
void icmp6_inc_stats(NetDevice* dev, Icmp6Mib::Field f);
void icmp6msg_in_inc(NetDevice* dev, uint8_t type);
void icmp6msg_out_inc(NetDevice* dev, uint8_t type);

// The text of /proc/net/snmp6 and /proc/net/dev_snmp6/DEV (empty string if
// dev has no inet6_dev).
std::string snmp6_show(Net& net);
std::string dev_snmp6_show(const NetDevice* dev);

}  // namespace skbox
