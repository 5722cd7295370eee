// IP protocol / IPv6 next-header numbers, with Linux's names. Guarded so a
// file may also include <netinet/in.h> or <linux/in6.h>, which define the same
// names as macros or enumerators with the same values: use them unqualified.
#pragma once
#include <cstdint>

namespace skbox::wire {

#ifndef IPPROTO_ICMP
inline constexpr uint8_t IPPROTO_IP = 0;
inline constexpr uint8_t IPPROTO_ICMP = 1;
inline constexpr uint8_t IPPROTO_IGMP = 2;
inline constexpr uint8_t IPPROTO_IPIP = 4;
inline constexpr uint8_t IPPROTO_TCP = 6;
inline constexpr uint8_t IPPROTO_UDP = 17;
inline constexpr uint8_t IPPROTO_IPV6 = 41;
inline constexpr uint8_t IPPROTO_GRE = 47;
inline constexpr uint8_t IPPROTO_ESP = 50;
inline constexpr uint8_t IPPROTO_AH = 51;
inline constexpr uint8_t IPPROTO_SCTP = 132;
inline constexpr uint8_t IPPROTO_UDPLITE = 136;
inline constexpr uint8_t IPPROTO_RAW = 255;
#endif
#ifndef IPPROTO_ICMPV6
inline constexpr uint8_t IPPROTO_HOPOPTS = 0;
inline constexpr uint8_t IPPROTO_ROUTING = 43;
inline constexpr uint8_t IPPROTO_FRAGMENT = 44;
inline constexpr uint8_t IPPROTO_ICMPV6 = 58;
inline constexpr uint8_t IPPROTO_NONE = 59;
inline constexpr uint8_t IPPROTO_DSTOPTS = 60;
#endif

// IPv6 next-header names as the kernel's ipv6.h spells them.
inline constexpr uint8_t NEXTHDR_HOP = 0;
inline constexpr uint8_t NEXTHDR_TCP = 6;
inline constexpr uint8_t NEXTHDR_UDP = 17;
inline constexpr uint8_t NEXTHDR_IPV6 = 41;
inline constexpr uint8_t NEXTHDR_ROUTING = 43;
inline constexpr uint8_t NEXTHDR_FRAGMENT = 44;
inline constexpr uint8_t NEXTHDR_GRE = 47;
inline constexpr uint8_t NEXTHDR_ESP = 50;
inline constexpr uint8_t NEXTHDR_AUTH = 51;
inline constexpr uint8_t NEXTHDR_ICMP = 58;
inline constexpr uint8_t NEXTHDR_NONE = 59;
inline constexpr uint8_t NEXTHDR_DEST = 60;

// Short name as tcpdump and our tracer print it ("ICMP", "UDP"), or nullptr.
constexpr const char* ip_proto_name(uint8_t p) {
  switch (p) {
    case 1: return "ICMP";
    case 2: return "IGMP";
    case 4: return "IPIP";
    case 6: return "TCP";
    case 17: return "UDP";
    case 41: return "IPv6";
    case 47: return "GRE";
    case 50: return "ESP";
    case 51: return "AH";
    case 58: return "ICMPv6";
    case 132: return "SCTP";
  }
  return nullptr;
}

}  // namespace skbox::wire
