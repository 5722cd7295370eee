// The IPv4 datapath entry points (net/ipv4/ip_input.c, ip_output.c,
// ip_forward.c, route.c). Each takes ownership of the packet.
#pragma once
#include <netinet/in.h>  // IPPROTO_* (also defined, guarded, by wire/ip_proto.h)
#include <netinet/ip.h>  // IP_DF, IP_MF

#include <cstdint>

#include "core/skbuff.h"
#include "ipv4/fib.h"
#include "wire/addr.h"
#include "wire/ipv4.h"

namespace skbox {

class Net;
class NetDevice;

using wire::IP_OFFSET;
constexpr uint32_t kIpHlen = 20;  // sizeof(struct iphdr)

// ip_hdr(): a view of the IPv4 header at the packet's network header,
// spanning to the end of its data.
inline wire::Ipv4Packet<uint8_t> ip_hdr(SkBuff& skb) {
  return wire::Ipv4Packet<uint8_t>({skb.network_ptr(), skb.network_len()});
}

// Writes a 20-byte IPv4 header (no options) at p for a payload of
// payload_len bytes, checksum included.
void ip_build_header(uint8_t* p, uint32_t payload_len, uint8_t tos, uint16_t id, uint16_t frag_off,
                     uint8_t ttl, uint8_t proto, Ipv4Addr src, Ipv4Addr dst);

// ip_rcv: validation (ip_rcv_core), then routing via ip_rcv_finish.
void ip_rcv(SkbPtr skb);
// ip_rcv_finish: the PRE_ROUTING hooks' okfn (br_netfilter's ip_sabotage_in
// calls it for a bridged packet that already went through them).
void ip_rcv_finish(SkbPtr skb);
// IPv6 receive (only what link-local needs; drops when disabled).
void ipv6_rcv(SkbPtr skb);

// ip_route_input_noref: fills skb->dst for a received packet. 0 or -errno
// (the drop reason is set in *reason).
int ip_route_input(SkBuff& skb, Ipv4Addr daddr, Ipv4Addr saddr, uint8_t tos, NetDevice* dev,
                   DropReason* reason);

// Output route (ip_route_output_key): fills dst (device, gateway, source).
// Returns 0 or -errno (-ENETUNREACH, -EHOSTUNREACH, -EINVAL, -EACCES...).
struct RouteOut {
  SkbDst dst;
  Ipv4Addr saddr;
  uint8_t rt_type = 0;
  // rt_pmtu, rt_mtu_locked and dst.expires, taken from a next-hop exception
  // (fib_nh_exception.h); metric_mtu is the route's RTAX_MTU.
  uint32_t pmtu = 0;
  bool mtu_locked = false;
  Time expires = 0;
  uint32_t metric_mtu = 0;
  bool is_local() const { return rt_type == RTN_LOCAL; }
  bool is_broadcast() const { return rt_type == RTN_BROADCAST; }
};
int ip_route_output(Net& net, Flowi4& fl, RouteOut& out);

// Sends a locally generated packet whose IP header is complete except for
// checksum/len fields handled by ip_local_out (__ip_local_out fills them).
// Returns what the transmit returned: 0, NET_XMIT_DROP or -errno.
int ip_local_out(Net& net, SkbPtr skb);
// ip_send_skb (ip_push_pending_frames' end): ip_local_out, with a failed
// transmit counted in OutDiscards and turned into an errno (-ENOBUFS).
int ip_send_skb(Net& net, SkbPtr skb);
// ip_output → ip_finish_output → ip_finish_output2 (neighbour). indev is
// what skb->dev held before ip_output points it at the route's device, and
// what POSTROUTING gets as its input device (LOG's IN=): the input device
// of a forwarded packet, none for one built on this host (Linux allocates
// those with no device).
int ip_output(Net& net, SkbPtr skb, NetDevice* indev);
void ip_forward(SkbPtr skb);
void ip_local_deliver(SkbPtr skb);

// inet_iif: the input interface sockets match on (the output route's
// rt_iif for a packet looped back, else the receiving device).
inline int inet_iif(const SkBuff& skb) { return skb.dst.iif ? skb.dst.iif : skb.skb_iif; }

// Picks the source address for dst on dev within scope (inet_select_addr).
Ipv4Addr inet_select_addr(const NetDevice* dev, Ipv4Addr dst, uint8_t scope);
// True when addr is configured on any device of net (inet_addr_type == RTN_LOCAL).
uint8_t inet_addr_type(Net& net, Ipv4Addr addr);

}  // namespace skbox
