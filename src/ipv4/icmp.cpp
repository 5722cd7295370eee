// ICMPv4. FRAG_NEEDED quoting one of our echoes updates the path MTU
// (next-hop exception). Not modelled yet: timestamps' reply contents beyond
// the RFC fields, redirects' effect on routing (routing issue), PMTU updates
// for protocols other than ICMP echo, ICMP extensions (RFC 4884/8335).
#include "ipv4/icmp.h"

#include <algorithm>
#include <cstring>

#include "ipv4/fib_nh_exception.h"
#include "transport/udp.h"
#include "ipv4/inet_peer.h"
#include "ipv4/ip.h"
#include "wire/ipv4.h"
#include "net/net.h"
#include "net/world.h"
#include "trace/trace.h"
#include "transport/ping.h"
#include "wire/be.h"
#include "wire/checksum.h"

namespace skbox {

namespace {

constexpr uint32_t kIcmpHlen = 8;

bool icmp_is_error(uint8_t type) {
  return type == ICMP_DEST_UNREACH || type == ICMP_SOURCE_QUENCH || type == ICMP_REDIRECT ||
         type == ICMP_TIME_EXCEEDED || type == ICMP_PARAMETERPROB;
}

Time ms(int v) { return static_cast<Time>(v) * kMsec; }

// icmp_global_allow + icmp_global_consume: a namespace-wide credit refilled
// at icmp_msgs_per_sec up to icmp_msgs_burst; each sent message consumes a
// random 0..2 credits, as Linux does to make the limit hard to probe.
bool icmp_global_allow(Net& net) {
  IcmpGlobal& g = inet_peers(net).global;
  if (g.credit > 0) return true;
  const Time now = net.world.now();
  const Time delta = std::min<Time>(now - g.stamp, kSec);
  if (delta < kSec / 50) return false;
  const int incr = static_cast<int>(static_cast<int64_t>(net.ipv4.icmp_msgs_per_sec) * delta / kSec);
  if (!incr) return false;
  g.stamp = now;
  g.credit = std::min(g.credit + incr, net.ipv4.icmp_msgs_burst);
  return true;
}

void icmp_global_consume(Net& net) {
  const uint32_t credits = net.world.rng.below(3);
  inet_peers(net).global.credit -= static_cast<int>(credits);
}

// The types icmp_ratemask selects are rate limited, except FRAG_NEEDED
// (PMTU discovery must not be throttled).
bool icmpv4_mask_allow(Net& net, uint8_t type, uint8_t code) {
  if (type > NR_ICMP_TYPES) return true;
  if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED) return true;
  return !((net.ipv4.icmp_ratemask >> type) & 1);
}

// Builds and sends one ICMP message: IP header + ICMP header (type, code,
// rest-of-header word) + data.
void icmp_push_reply(Net& net, RouteOut& rt, Ipv4Addr daddr, uint8_t tos, uint8_t type,
                     uint8_t code, uint32_t rest, const uint8_t* data, uint32_t data_len) {
  const uint32_t icmp_len = kIcmpHlen + data_len;
  SkbPtr skb = net.world.pool.alloc(kIpHlen + icmp_len);
  if (!skb) {
    net.mib.icmp.inc(IcmpMib::OutErrors);
    return;
  }
  uint8_t* ip = skb->put(kIpHlen);
  uint8_t* ic = skb->put(icmp_len);
  ic[0] = type;
  ic[1] = code;
  ic[2] = ic[3] = 0;
  wire::store_be32(ic + 4, rest);
  if (data_len) std::memcpy(ic + kIcmpHlen, data, data_len);
  wire::store_be16(ic + 2, wire::csum_fold(wire::csum_partial({ic, icmp_len})));
  ip_build_header(ip, icmp_len, tos, inet_peers(net).next_ip_id(), 0,
                  static_cast<uint8_t>(net.ipv4.ip_default_ttl), IPPROTO_ICMP, rt.saddr, daddr);
  skb->reset_network_header();
  skb->transport_header = static_cast<uint16_t>(skb->network_header + kIpHlen);
  skb->dst = rt.dst;
  skb->dev = rt.dst.dev;
  ++net.mib.icmpmsg.out[type];
  net.mib.icmp.inc(IcmpMib::OutMsgs);
  (void)ip_send_skb(net, std::move(skb));  // icmp_push_reply ignores the result
}

// icmp_unreach and friends: an error quoting one of our packets. Hand it to
// the socket that sent the quoted packet (ping_err for ICMP echoes).
DropReason icmp_unreach(Net& net, SkBuff& skb) {
  const uint8_t* ic = skb.data();
  if (skb.len < kIcmpHlen + kIpHlen) {
    net.mib.icmp.inc(IcmpMib::InErrors);
    return DropReason::PKT_TOO_SMALL;
  }
  wire::Ipv4Packet<const uint8_t> inner({ic + kIcmpHlen, skb.len - kIcmpHlen});
  if (inner.ihl() < 5) {
    net.mib.icmp.inc(IcmpMib::InErrors);
    return DropReason::IP_INHDR;
  }
  const uint32_t ihl = inner.ihl() * 4u;
  if (skb.len < kIcmpHlen + ihl + 8) return DropReason::PKT_TOO_SMALL;
  const uint8_t* l4 = ic + kIcmpHlen + ihl;
  uint32_t info = wire::load_be32(ic + 4);
  const bool frag_needed = ic[0] == ICMP_DEST_UNREACH && (ic[1] & 15) == ICMP_FRAG_NEEDED;
  if (frag_needed) {
    // ip_no_pmtu_disc: 0 believes the advertised MTU; 2 and 3 (no protocol
    // here asks for strict tag validation) ignore the message; anything
    // else passes it on without an MTU, which pins the PMTU at min_pmtu.
    switch (net.ipv4.ip_no_pmtu_disc) {
      case 0: info = wire::load_be16(ic + 6); break;
      case 2:
      case 3: return DropReason::NOT_SPECIFIED;
      default: info = 0; break;
    }
  }
  if (inner.protocol() == IPPROTO_ICMP && l4[0] == ICMP_ECHO) {
    const uint16_t ident = wire::load_be16(l4 + 4);
    PingSock* s = net.ping_socks->lookup(ident);
    // raw_err / ping_err: ipv4_sk_update_pmtu.
    if (s && frag_needed)
      ipv4_sk_update_pmtu(net, inner.dst(), inner.src(), s->bound_dev, s->mark, s->tos, IPPROTO_ICMP, s->pmtudisc, info);
    auto outer = ip_hdr(skb);
    PingMessage m;
    m.kind = PingMessage::Kind::Error;
    m.from = outer.src();
    m.icmp_type = ic[0];
    m.icmp_code = ic[1];
    m.ee_info = info;
    m.seq = wire::load_be16(l4 + 6);
    m.rx_time = net.world.now();
    net.ping_socks->deliver_error(ident, inner.dst(), m);
  } else if (inner.protocol() == IPPROTO_UDP) {
    // udp_err; an error for a datagram no socket sent counts as bad.
    if (!udp_err(net, ic + kIcmpHlen, skb.len - kIcmpHlen, ic[0], ic[1], info, ip_hdr(skb).src(), inet_iif(skb)))
      net.mib.icmp.inc(IcmpMib::InErrors);
  }
  return DropReason::NOT_SPECIFIED;
}

DropReason icmp_echo(Net& net, SkBuff& skb) {
  if (net.ipv4.icmp_echo_ignore_all) return DropReason::NOT_SPECIFIED;
  auto iph = ip_hdr(skb);
  Flowi4 fl;
  fl.daddr = iph.src();
  fl.saddr = skb.dst.spec_dst;
  fl.tos = iph.tos() & 0x1e;
  fl.proto = IPPROTO_ICMP;
  RouteOut rt;
  if (ip_route_output(net, fl, rt) != 0) return DropReason::NOT_SPECIFIED;
  const uint8_t* ic = skb.data();
  icmp_push_reply(net, rt, iph.src(), iph.tos(), ICMP_ECHOREPLY, 0, wire::load_be32(ic + 4),
                  ic + kIcmpHlen, skb.len - kIcmpHlen);
  return DropReason::NOT_SPECIFIED;
}

// fib_compute_spec_dst for input routes: the address a reply comes from.
Ipv4Addr spec_dst(const SkBuff& skb) {
  auto iph = ip_hdr(const_cast<SkBuff&>(skb));
  // A local route (also one kept from output over loopback) answers from
  // the address the packet was sent to.
  if (skb.dst.rt_type == RTN_LOCAL) return iph.dst();
  if (!skb.dst.spec_dst.is_any()) return skb.dst.spec_dst;
  return inet_select_addr(skb.dev, iph.src(), RT_SCOPE_LINK);
}

}  // namespace

void icmp_rcv(SkbPtr skb) {
  skb_trace(*skb, "icmp_rcv");
  Net& net = *skb->dev->net;
  net.mib.icmp.inc(IcmpMib::InMsgs);
  if (wire::csum_fold(wire::csum_partial({skb->data(), skb->len})) != 0) {
    net.mib.icmp.inc(IcmpMib::InCsumErrors);
    net.mib.icmp.inc(IcmpMib::InErrors);
    kfree_skb_reason(std::move(skb), DropReason::ICMP_CSUM);
    return;
  }
  if (skb->len < kIcmpHlen) {
    net.mib.icmp.inc(IcmpMib::InErrors);
    kfree_skb_reason(std::move(skb), DropReason::PKT_TOO_SMALL);
    return;
  }
  const uint8_t type = skb->data()[0];
  ++net.mib.icmpmsg.in[type];
  if (type > NR_ICMP_TYPES) {
    net.mib.icmp.inc(IcmpMib::InErrors);
    kfree_skb_reason(std::move(skb), DropReason::UNHANDLED_PROTO);
    return;
  }
  if (skb->dst.rt_type == RTN_BROADCAST || skb->dst.rt_type == RTN_MULTICAST) {
    // RFC 1122 3.2.2.6/3.2.2.8: echo/timestamp to broadcast may be ignored.
    if ((type == ICMP_ECHO || type == ICMP_TIMESTAMP) && net.ipv4.icmp_echo_ignore_broadcasts) {
      net.mib.icmp.inc(IcmpMib::InErrors);
      kfree_skb_reason(std::move(skb), DropReason::INVALID_PROTO);
      return;
    }
    if (type != ICMP_ECHO && type != ICMP_TIMESTAMP && type != ICMP_ADDRESS && type != ICMP_ADDRESSREPLY) {
      net.mib.icmp.inc(IcmpMib::InErrors);
      kfree_skb_reason(std::move(skb), DropReason::INVALID_PROTO);
      return;
    }
  }
  DropReason reason = DropReason::NOT_SPECIFIED;
  bool consumed = false;
  switch (type) {
    case ICMP_ECHOREPLY:
      consumed = net.ping_socks->ping_rcv(skb);
      if (!consumed) reason = DropReason::NO_SOCKET;
      break;
    case ICMP_ECHO:
      skb->dst.spec_dst = spec_dst(*skb);
      reason = icmp_echo(net, *skb);
      break;
    case ICMP_REDIRECT:  // icmp_redirect: the route update is not modelled
    case ICMP_DEST_UNREACH:
    case ICMP_SOURCE_QUENCH:
    case ICMP_TIME_EXCEEDED:
    case ICMP_PARAMETERPROB:
      reason = icmp_unreach(net, *skb);
      break;
    default:
      break;
  }
  if (consumed) return;
  if (reason == DropReason::NOT_SPECIFIED)
    consume_skb(std::move(skb));
  else
    kfree_skb_reason(std::move(skb), reason);
}

void icmp_send(SkBuff& skb_in, uint8_t type, uint8_t code, uint32_t info) {
  if (skb_in.network_header == SkBuff::kNoHeader || !skb_in.dst.dev) return;
  NetDevice* in_dev = skb_in.dev ? skb_in.dev : skb_in.dst.dev;
  Net& net = *in_dev->net;
  const uint8_t* nh = skb_in.head + skb_in.network_header;
  const uint32_t avail = skb_in.network_len();
  if (avail < kIpHlen) return;
  wire::Ipv4Packet<const uint8_t> iph({nh, avail});
  // No errors about broadcasts, non-host frames, non-first fragments or
  // about ICMP errors.
  if (skb_in.dst.rt_type == RTN_BROADCAST || skb_in.dst.rt_type == RTN_MULTICAST) return;
  if (skb_in.pkt_type != PktType::Host) return;
  if (iph.frag_off() & IP_OFFSET) return;
  if (icmp_is_error(type) && iph.protocol() == IPPROTO_ICMP) {
    const uint32_t ihl = iph.ihl() * 4u;
    if (avail < ihl + 1) return;
    const uint8_t inner_type = nh[ihl];
    if (inner_type > NR_ICMP_TYPES || icmp_is_error(inner_type)) return;
  }
  skb_trace(skb_in, "__icmp_send");

  Ipv4Addr saddr = iph.dst();
  const bool local = skb_in.dst.rt_type == RTN_LOCAL;
  if (!local) {
    NetDevice* dev = nullptr;
    if (skb_in.dst.input != SkbDst::Input::None && net.ipv4.icmp_errors_use_inbound_ifaddr)
      dev = net.dev_get_by_index(skb_in.skb_iif);
    saddr = dev ? inet_select_addr(dev, iph.src(), RT_SCOPE_LINK) : Ipv4Addr();
  }
  const uint8_t tos = icmp_is_error(type) ? static_cast<uint8_t>((iph.tos() & 0x1e) | 0xc0) : iph.tos();

  // Global limit (not for packets that came in on loopback).
  bool apply_ratelimit = false;
  const bool from_lo = skb_in.dev && skb_in.dev->is_loopback();
  if (!from_lo && !icmpv4_mask_allow(net, type, code)) {
    if (!icmp_global_allow(net)) {
      net.mib.icmp.inc(IcmpMib::OutRateLimitGlobal);
      return;
    }
    apply_ratelimit = true;
  }

  Flowi4 fl;
  fl.daddr = iph.src();
  fl.saddr = saddr;
  fl.tos = tos & 0x1e;
  fl.proto = IPPROTO_ICMP;
  fl.mark = skb_in.mark;
  RouteOut rt;
  if (ip_route_output(net, fl, rt) != 0) return;

  // Per-destination limit (icmpv4_xrlim_allow); never on loopback.
  if (apply_ratelimit) {
    bool ok = true;
    if (!rt.dst.dev->is_loopback())
      ok = inet_peers(net).get(fl.daddr, net.world.now()).xrlim_allow(net.world.now(), ms(net.ipv4.icmp_ratelimit));
    if (!ok) {
      net.mib.icmp.inc(IcmpMib::OutRateLimitHost);
      return;
    }
    icmp_global_consume(net);
  }

  // Quote as much of the offending packet as fits in 576 bytes.
  uint32_t room = std::min<uint32_t>(rt.dst.mtu ? rt.dst.mtu : 576, 576);
  room -= kIpHlen + kIcmpHlen;
  const uint32_t data_len = std::min(avail, room);
  icmp_push_reply(net, rt, iph.src(), tos, type, code, info, nh, data_len);
}

bool ip_error_ratelimit_allow(Net& net, Ipv4Addr src) {
  // ip_rt_error_cost = HZ, ip_rt_error_burst = 5 * HZ.
  return inet_peers(net).get(src, net.world.now()).error_allow(net.world.now(), kSec, 5 * kSec);
}

void icmp_send_host_unreach(SkbPtr skb) {
  icmp_send(*skb, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH, 0);
  kfree_skb_reason(std::move(skb), DropReason::NEIGH_FAILED);
}

}  // namespace skbox
