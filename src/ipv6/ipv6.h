// Internal interfaces between the IPv6 files (ip6_input, ip6_output, ndisc,
// mcast, icmp, addrconf). Other subsystems use addrconf.h / route.h.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "core/skbuff.h"
#include "wire/addr.h"

namespace skbox {

class Net;
class NetDevice;
struct Inet6Dev;
struct Inet6Ifaddr;

// --- ip6_output.cpp ---
// Transmits a locally built IPv6 packet (bytes from the IPv6 header; the
// ICMPv6 checksum already filled) out of dev to dst_mac, with the counters of
// ndisc_send_skb / mld_sendpack and ip6_finish_output2, and the ICMPv6
// out-message counters for `icmp_type` (only when the device took it; a
// failed transmit also counts OutDiscards if `discard_on_error`, as
// mld_sendpack does). A disabled device discards it.
void ip6_xmit_icmp(NetDevice* dev, std::span<const uint8_t> pkt, const MacAddr& dst_mac, uint8_t icmp_type,
                   bool discard_on_error = false);

// Builders (byte-exact as Linux lays them out); return the packet length.
// ICMPv6 message with hop limit `hlim` (ip6_nd_hdr: tclass from ndisc_tclass).
size_t ip6_build_icmp(std::span<uint8_t> out, const Ipv6Addr& src, const Ipv6Addr& dst, uint8_t hlim, uint8_t tclass,
                      std::span<const uint8_t> icmp);

// --- ndisc.cpp ---
void ndisc_send_ns(NetDevice* dev, const Ipv6Addr& target, const Ipv6Addr& daddr, const Ipv6Addr& saddr,
                   const std::array<uint8_t, 6>& nonce);
void ndisc_send_rs(NetDevice* dev, const Ipv6Addr& saddr, const Ipv6Addr& daddr);
void ndisc_send_na(NetDevice* dev, const Ipv6Addr& daddr, const MacAddr& dmac, const Ipv6Addr& target, bool router,
                   bool solicited, bool override, bool inc_opt);
// ICMPv6 types 133..137 (ndisc_rcv); skb->data at the ICMPv6 header,
// network header set. Consumes skb.
void ndisc_rcv(SkbPtr skb);

// --- mcast.cpp ---
void ipv6_mc_init_dev(Inet6Dev* idev);
void ipv6_dev_mc_inc(NetDevice* dev, const Ipv6Addr& group);
void ipv6_dev_mc_dec(NetDevice* dev, const Ipv6Addr& group);
bool ipv6_chk_mcast_addr(const NetDevice* dev, const Ipv6Addr& group);
void ipv6_mc_up(Inet6Dev* idev);
void ipv6_mc_down(Inet6Dev* idev);
void ipv6_mc_destroy_dev(Inet6Dev* idev);
void ipv6_mc_dad_complete(Inet6Dev* idev);

// --- icmp.cpp ---
// icmpv6_rcv: skb->data at the ICMPv6 header. Consumes skb.
void icmpv6_rcv(SkbPtr skb);

// --- addrconf*.cpp ---
// NS from :: for our tentative address with a foreign nonce, or an NA for it.
void addrconf_dad_failure(Inet6Ifaddr* ifp);

// Internal to addrconf.cpp / addrconf_dad.cpp / addrconf_stable.cpp.
// ipv6_add_addr's inputs (struct ifa6_config).
struct Ifa6Config {
  Ipv6Addr pfx;
  uint8_t plen = 64;
  uint8_t scope = 0;  // RT_SCOPE_*
  uint32_t ifa_flags = 0;
  uint8_t ifa_proto = 0;
};
// Adds an address to idev (kernel list order); nullptr when it exists on the
// device already (EEXIST), or idev is dead or disabled.
Inet6Ifaddr* ipv6_add_addr(Inet6Dev* idev, const Ifa6Config& cfg);
// RTM_NEWADDR side effects (__ipv6_ifa_notify): the local route.
void ipv6_ifa_notify_newaddr(Inet6Ifaddr* ifp);
// Removes every address, route and timer of dev (addrconf_ifdown); with
// `unregister` the inet6_dev goes too.
void addrconf_ifdown(NetDevice* dev, bool unregister);
// addrconf_init_auto_addrs: ::1 on loopback, the link-local address elsewhere.
void addrconf_init_auto_addrs(NetDevice* dev);
// DAD (addrconf_dad.cpp).
void addrconf_dad_start(Inet6Ifaddr* ifp);
void addrconf_dad_run(Inet6Dev* idev);
void addrconf_dad_work(Inet6Ifaddr* ifp);
void addrconf_rs_timer(Inet6Dev* idev);
// ipv6_generate_stable_address for idev (with its or the default secret):
// fills the interface id of *addr; false if no secret or no usable id.
bool ipv6_generate_stable_address(Ipv6Addr* addr, uint8_t dad_count, const Inet6Dev* idev);
// A net.ipv6.* integer sysctl that skbox only stores (idgen_retries, ...).
int ipv6_sysctl_int(Net& net, std::string_view name, int dflt);

}  // namespace skbox
