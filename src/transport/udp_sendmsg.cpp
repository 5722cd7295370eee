// udp_sendmsg, udp_push_pending_frames and udp_send_skb (net/ipv4/udp.c)
// with the parts of ip_append_data / ip_make_skb (net/ipv4/ip_output.c)
// they use: route, the per-socket MTU rules (ip_cork.h), the UDP header
// and checksum, then ip_local_out. A datagram longer than the path MTU
// leaves as one packet that ip_fragment cuts into the same pieces Linux's
// pre-split frag list would give.
//
// Corking (MSG_MORE, UDP_CORK) keeps the route and destination of the
// first call and appends each call's bytes until the cork is released.
// Not modelled: GSO (UDP_SEGMENT), zerocopy, IP options, cmsg (IP_PKTINFO
// on send, IP_TTL per call), the send buffer blocking (sockets never hold
// more than one datagram in flight here: veth and loopback free it at once).
#include <algorithm>
#include <cstring>

#include "ipv4/ip.h"
#include "ipv4/ip_cork.h"
#include "net/net.h"
#include "net/netdevice.h"
#include "net/world.h"
#include "trace/trace.h"
#include "transport/udp.h"
#include "wire/be.h"
#include "wire/checksum.h"

namespace skbox {

namespace {

// The route of a send (flowi4_init_output + ip_route_output_flow).
int udp_route(UdpSock* sk, const SockAddrIn& to, RouteOut& rt, Flowi4& fl) {
  fl = sk->flow(to);
  int err = ip_route_output(sk->net, fl, rt);
  if (err) {
    if (err == -ENETUNREACH) sk->net.mib.ip.inc(IpMib::OutNoRoutes);
    return err;
  }
  if (rt.is_broadcast() && !sk->broadcast) return -EACCES;
  return 0;
}

// ip_local_error: EMSGSIZE before sending, queued only with IP_RECVERR.
void ip_local_error(UdpSock* sk, const SockAddrIn& to, uint32_t mtu) {
  if (!sk->recverr || sk->error_queue.size() >= 64) return;
  SockExtErr e;
  e.ee_errno = EMSGSIZE;
  e.origin = 1;  // SO_EE_ORIGIN_LOCAL
  e.info = mtu;
  e.dest = to;
  sk->error_queue.push_back(e);
}

// __ip_make_skb + udp_send_skb: one datagram of `payload` to `to`.
int udp_send_skb(UdpSock* sk, const RouteOut& rt, const Flowi4& fl, const SockAddrIn& to,
                 std::span<const uint8_t> payload, bool may_offload) {
  Net& net = sk->net;
  const uint32_t ulen = kUdpHlen + static_cast<uint32_t>(payload.size());
  const uint32_t tot = kIpHlen + ulen;
  const IpCorkMtu cm = ip_cork_mtu(sk->pmtudisc, rt);
  SkbPtr skb = net.world.pool.alloc(tot);
  if (!skb) {
    net.mib.udp.inc(UdpMib::SndbufErrors);
    return -ENOBUFS;
  }
  // What the kernel's buffer costs: the datagram, or one MTU-sized piece of
  // it per fragment, plus LL_RESERVED_SPACE and alignment slack.
  const uint32_t hh_len = ((rt.dst.dev->hard_header_len) & ~15u) + 16;
  const uint32_t maxfraglen = ((cm.fragsize - kIpHlen) & ~7u) + kIpHlen;
  if (tot <= cm.fragsize) {
    skb->truesize = skb_truesize(tot + hh_len + 15);
  } else {
    uint32_t ts = 0;
    for (uint32_t left = tot - kIpHlen; left;) {
      const uint32_t d = std::min(left, maxfraglen - kIpHlen);
      ts += skb_truesize(d + kIpHlen + hh_len + 15);
      left -= d;
    }
    skb->truesize = ts;
  }
  uint8_t* ip = skb->put(kIpHlen);
  uint8_t* uh = skb->put(ulen);
  wire::store_be16(uh, sk->num);
  wire::store_be16(uh + 2, to.port);
  wire::store_be16(uh + 4, static_cast<uint16_t>(ulen));
  wire::store_be16(uh + 6, 0);
  if (!payload.empty()) std::memcpy(uh + kUdpHlen, payload.data(), payload.size());
  // Checksum: offloaded (CHECKSUM_PARTIAL, the pseudo-header sum in the
  // field) when the datagram goes out whole on a checksumming device, as
  // every skbox device is; computed here when it is fragmented.
  if (sk->no_check_tx) {
    skb->ip_summed = CHECKSUM_NONE;
  } else if (may_offload && tot <= cm.fragsize) {
    skb->ip_summed = CHECKSUM_PARTIAL;
    wire::store_be16(uh + 6, static_cast<uint16_t>(~wire::csum_tcpudp_magic(fl.saddr, to.addr, ulen, IPPROTO_UDP, 0)));
  } else {
    const uint32_t sum = wire::csum_partial({uh, ulen});
    uint16_t c = wire::csum_tcpudp_magic(fl.saddr, to.addr, ulen, IPPROTO_UDP, sum);
    if (c == 0) c = 0xFFFF;  // CSUM_MANGLED_0
    wire::store_be16(uh + 6, c);
  }
  const bool df = ip_cork_df(sk->pmtudisc, tot, cm, rt);
  // ip_select_ident: a connected socket numbers its datagrams itself; an
  // unconnected DF datagram that may not be fragmented carries id 0.
  uint16_t id;
  if (!sk->daddr.is_any())
    id = ++sk->inet_id;
  else if (df && !cm.ignore_df)
    id = 0;
  else
    id = inet_peers(net).next_ip_id();
  const int ttl = sk->ttl >= 0 ? sk->ttl : net.ipv4.ip_default_ttl;
  ip_build_header(ip, ulen, sk->tos, id, df ? IP_DF : 0, static_cast<uint8_t>(ttl), IPPROTO_UDP, fl.saddr,
                  to.addr);
  skb->reset_network_header();
  skb->transport_header = static_cast<uint16_t>(skb->network_header + kIpHlen);
  skb->dst = rt.dst;
  // ip_skb_dst_mtu: "probe" and beyond are cut at the device MTU.
  if (sk->pmtudisc >= IP_PMTUDISC_PROBE) skb->dst.mtu = cm.fragsize;
  skb->dev = rt.dst.dev;
  skb->mark = sk->mark;
  skb->priority = 0;
  skb->sk = &sk->sock;
  skb_trace(*skb, "udp_send_skb");
  // A transmit the device refused (ENOBUFS) is no error to the sender
  // unless it asked for errors (IP_RECVERR); it counts in SndbufErrors.
  int err = ip_send_skb(net, std::move(skb));
  if (!err)
    net.mib.udp.inc(UdpMib::OutDatagrams);
  else if (err == -ENOBUFS && !sk->recverr) {
    net.mib.udp.inc(UdpMib::SndbufErrors);
    err = 0;
  }
  return err;
}

// __ip_append_data's gate: the datagram (so far) must fit what the socket
// may send, and a pending socket error is reported first (sock_alloc_send_skb).
int ip_append_check(UdpSock* sk, const RouteOut& rt, const SockAddrIn& to, uint32_t length) {
  const IpCorkMtu cm = ip_cork_mtu(sk->pmtudisc, rt);
  if (length > cm.maxnonfragsize - kIpHlen) {
    ip_local_error(sk, to, cm.fragsize);
    return -EMSGSIZE;
  }
  if (sk->sk_err) return sk->sock_error();
  return 0;
}

}  // namespace

// The system call: udp_sendmsg, then the softirqs the transmit raised,
// run when dev_queue_xmit re-enables bottom halves (local_bh_enable), so a
// local peer (veth, lo) has the datagram, and its answer, before send
// returns.
long UdpSock::sendmsg(std::span<const uint8_t> data, const SockAddrIn* to, int flags) {
  const long rc = udp_sendmsg(data, to, flags);
  net.world.loop.do_softirq();
  return rc;
}

long UdpSock::udp_sendmsg(std::span<const uint8_t> data, const SockAddrIn* to, int flags) {
  const uint32_t len = static_cast<uint32_t>(data.size());
  if (data.size() > 0xFFFF) return -EMSGSIZE;
  if (flags & MSG_OOB) return -EOPNOTSUPP;
  const bool corkreq = corkflag || (flags & MSG_MORE);
  if (cork.pending) {  // appending: the destination of the first call holds
    Flowi4 fl;
    RouteOut rt;
    if (int err = udp_route(this, cork.to, rt, fl)) return err;
    if (int err = ip_append_check(this, rt, cork.to, static_cast<uint32_t>(cork.data.size()) + kUdpHlen + len)) {
      cork.pending = false;
      cork.data.clear();
      return err;
    }
    cork.data.insert(cork.data.end(), data.begin(), data.end());
    if (!corkreq) {
      int err = push_pending_frames();
      if (err) return err;
    }
    return len;
  }
  SockAddrIn dst;
  if (to) {
    if (to->family != AF_INET) return to->family == AF_UNSPEC ? -EINVAL : -EAFNOSUPPORT;
    if (to->port == 0) return -EINVAL;
    dst = *to;
  } else {
    if (state != TCP_ESTABLISHED) return -EDESTADDRREQ;
    dst = {daddr, dport};
  }
  // inet_send_prepare: an unbound socket gets an ephemeral port.
  if (!num && udp_table(net).get_port(this, 0)) return -EAGAIN;
  Flowi4 fl;
  RouteOut rt;
  if (int err = udp_route(this, dst, rt, fl)) return err;
  // A 0.0.0.0 destination was rewritten to the chosen local address.
  dst.addr = fl.daddr;
  if (int err = ip_append_check(this, rt, dst, kUdpHlen + len)) return err;
  if (corkreq) {
    cork.pending = true;
    cork.to = dst;
    cork.data.assign(data.begin(), data.end());
    return len;
  }
  if (int err = udp_send_skb(this, rt, fl, dst, data, true)) return err;
  return len;
}

int UdpSock::push_pending_frames() {
  if (!cork.pending) return 0;
  cork.pending = false;
  Flowi4 fl;
  RouteOut rt;
  int err = udp_route(this, cork.to, rt, fl);
  if (!err) err = udp_send_skb(this, rt, fl, cork.to, cork.data, false);
  cork.data.clear();
  return err;
}

}  // namespace skbox
