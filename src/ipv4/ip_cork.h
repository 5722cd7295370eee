// The MTU decisions ip_setup_cork, __ip_append_data and __ip_make_skb take
// for a socket's IP_MTU_DISCOVER mode (net/ipv4/ip_output.c, include/net/ip.h),
// shared by every datagram sender (ping, UDP).
#pragma once
#include <netinet/in.h>

#include <algorithm>
#include <cstdint>

#include "ipv4/ip.h"
#include "net/netdevice.h"

namespace skbox {

constexpr uint32_t kIpMaxMtu = 0xFFFF;  // IP_MAX_MTU

struct IpCorkMtu {
  uint32_t dst_mtu = 0;         // dst_mtu(), a learned PMTU included, capped at IP_MAX_MTU
  uint32_t fragsize = 0;        // cork->fragsize: the size datagrams are cut to
  uint32_t maxnonfragsize = 0;  // the largest datagram the socket may send
  bool ignore_df = false;       // ip_sk_ignore_df: the stack may fragment it
};

inline IpCorkMtu ip_cork_mtu(int pmtudisc, const RouteOut& rt) {
  IpCorkMtu m;
  const uint32_t dev_mtu = std::min<uint32_t>(rt.dst.dev->mtu, kIpMaxMtu);
  m.dst_mtu = std::min<uint32_t>(rt.dst.mtu ? rt.dst.mtu : rt.dst.dev->mtu, kIpMaxMtu);
  // ip_sk_use_pmtu: "probe" and beyond ignore the path MTU.
  m.fragsize = pmtudisc < IP_PMTUDISC_PROBE ? m.dst_mtu : dev_mtu;
  m.ignore_df = pmtudisc < IP_PMTUDISC_DO || pmtudisc == IP_PMTUDISC_OMIT;
  m.maxnonfragsize = m.ignore_df ? kIpMaxMtu : m.fragsize;
  return m;
}

// __ip_make_skb: DF for "do"/"probe" always, for "want" when the datagram
// fits the path and its MTU is not locked (ip_dont_fragment).
inline bool ip_cork_df(int pmtudisc, uint32_t tot, const IpCorkMtu& m, const RouteOut& rt) {
  return pmtudisc == IP_PMTUDISC_DO || pmtudisc == IP_PMTUDISC_PROBE ||
         (pmtudisc == IP_PMTUDISC_WANT && tot <= m.dst_mtu && !rt.mtu_locked);
}

}  // namespace skbox
