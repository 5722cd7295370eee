// UDP receive (__udp4_lib_rcv, udp_queue_rcv_one_skb, __udp_enqueue_schedule_skb,
// __udp4_lib_mcast_deliver) and ICMP errors (__udp4_lib_err).
//
// Checksums are verified as late as Linux verifies them: a datagram for a
// socket is checked when it is read (udp_recvmsg), one for a tunnel socket
// before encap_rcv, one for no socket before the port-unreachable answer.
#include "transport/udp.h"

#include "ipv4/fib.h"
#include "ipv4/fib_nh_exception.h"
#include "ipv4/icmp.h"
#include "ipv4/ip.h"
#include "net/net.h"
#include "net/netdevice.h"
#include "net/world.h"
#include "trace/trace.h"
#include "wire/be.h"
#include "wire/checksum.h"

namespace skbox {

bool udp_lib_checksum_complete(SkBuff& skb) {
  if (skb.ip_summed == CHECKSUM_UNNECESSARY || skb.ip_summed == CHECKSUM_PARTIAL) return false;
  const uint8_t* uh = skb.transport_ptr();
  const uint32_t ulen = skb.transport_len();
  auto iph = ip_hdr(skb);
  const uint32_t sum = wire::csum_partial({uh, ulen});
  if (wire::csum_tcpudp_magic(iph.src(), iph.dst(), ulen, IPPROTO_UDP, sum) != 0) return true;
  skb.ip_summed = CHECKSUM_UNNECESSARY;
  return false;
}

namespace {

// __udp_enqueue_schedule_skb + __udp_queue_rcv_skb: a datagram is taken
// when it fits in sk_rcvbuf with what is queued, or when the queue is empty.
void udp_queue_rcv_skb(UdpSock* sk, SkbPtr skb) {
  Net& net = sk->net;
  if (sk->encap_rcv) {
    if (udp_lib_checksum_complete(*skb)) {
      net.mib.udp.inc(UdpMib::InCsumErrors);
      net.mib.udp.inc(UdpMib::InErrors);
      ++sk->drops;
      kfree_skb_reason(std::move(skb), DropReason::UDP_CSUM);
      return;
    }
    // A datagram consumed by encap_rcv counts as delivered to the socket.
    net.mib.udp.inc(UdpMib::InDatagrams);
    skb_trace(*skb, "udp_queue_rcv_one_skb");
    sk->encap_rcv(sk->num, std::move(skb));
    return;
  }
  skb_trace(*skb, "__udp_enqueue_schedule_skb");
  if (sk->rmem_alloc + skb->truesize > sk->rcvbuf && sk->rmem_alloc) {
    ++sk->drops;
    net.mib.udp.inc(UdpMib::RcvbufErrors);
    net.mib.udp.inc(UdpMib::InErrors);
    kfree_skb_reason(std::move(skb), DropReason::SOCKET_RCVBUFF);
    return;
  }
  sk->rmem_alloc += skb->truesize;
  skb->dst = SkbDst{};  // skb_dst_drop: a queued datagram keeps no route
  sk->receive_queue.push_back(std::move(skb));
}

// __udp_is_mcast_sock
bool udp_is_mcast_sock(const UdpSock* s, Ipv4Addr daddr, uint16_t sport, Ipv4Addr saddr, int dif) {
  if (!s->rcv_saddr.is_any() && s->rcv_saddr != daddr) return false;
  if (!s->daddr.is_any() && s->daddr != saddr) return false;
  if (s->dport && s->dport != sport) return false;
  if (s->bound_dev_if && s->bound_dev_if != dif) return false;
  return true;
}

// __udp4_lib_mcast_deliver: a copy to every matching socket.
void udp_mcast_deliver(Net& net, SkbPtr skb, Ipv4Addr saddr, uint16_t sport, Ipv4Addr daddr, uint16_t dport) {
  const auto* socks = udp_table(net).on_port(dport);
  UdpSock* first = nullptr;
  const int dif = inet_iif(*skb);
  if (socks) {
    for (UdpSock* s : *socks) {
      if (!udp_is_mcast_sock(s, daddr, sport, saddr, dif)) continue;
      if (!first) {
        first = s;
        continue;
      }
      SkbPtr c = skb_copy(*skb);
      if (!c) {
        ++s->drops;
        net.mib.udp.inc(UdpMib::RcvbufErrors);
        net.mib.udp.inc(UdpMib::InErrors);
        continue;
      }
      c->truesize = skb->truesize;
      udp_queue_rcv_skb(s, std::move(c));
    }
  }
  if (!first) {
    net.mib.udp.inc(UdpMib::IgnoredMulti);
    kfree_skb_reason(std::move(skb), DropReason::NOT_SPECIFIED);
    return;
  }
  udp_queue_rcv_skb(first, std::move(skb));
}

// icmp_err_convert: errno and "fatal" for each destination-unreachable code.
struct IcmpErr {
  int err;
  bool fatal;
};
constexpr IcmpErr kIcmpErrConvert[] = {
    {ENETUNREACH, false}, {EHOSTUNREACH, false}, {ENOPROTOOPT, true},  {ECONNREFUSED, true},
    {EMSGSIZE, false},    {EOPNOTSUPP, false},   {ENETUNREACH, true},  {EHOSTDOWN, true},
    {ENONET, true},       {ENETUNREACH, true},   {EHOSTUNREACH, true}, {ENETUNREACH, false},
    {EHOSTUNREACH, false}, {EHOSTUNREACH, true}, {EHOSTUNREACH, true}, {EHOSTUNREACH, true},
};

}  // namespace

UdpTable& udp_table(Net& net) {
  if (!net.udp) net.udp = std::make_unique<UdpTable>(net);
  return *net.udp;
}

void udp_rcv(SkbPtr skb) {
  skb_trace(*skb, "__udp4_lib_rcv");
  Net& net = *skb->dev->net;
  auto drop = [&](DropReason r) {
    net.mib.udp.inc(UdpMib::InErrors);
    kfree_skb_reason(std::move(skb), r);
  };
  if (skb->len < kUdpHlen) return drop(DropReason::PKT_TOO_SMALL);
  const uint8_t* uh = skb->data();
  const uint16_t ulen = wire::load_be16(uh + 4);
  if (ulen < kUdpHlen || ulen > skb->len) return drop(DropReason::PKT_TOO_SMALL);
  skb->trim(ulen);  // pskb_trim_rcsum: bytes past the UDP length are padding
  skb->reset_transport_header();
  // udp4_csum_init: a zero checksum means "none".
  if (wire::load_be16(uh + 6) == 0 && skb->ip_summed != CHECKSUM_PARTIAL) skb->ip_summed = CHECKSUM_UNNECESSARY;
  auto iph = ip_hdr(*skb);
  const Ipv4Addr saddr = iph.src(), daddr = iph.dst();
  const uint16_t sport = wire::load_be16(uh), dport = wire::load_be16(uh + 2);
  if (skb->dst.rt_type == RTN_BROADCAST || skb->dst.rt_type == RTN_MULTICAST) {
    udp_mcast_deliver(net, std::move(skb), saddr, sport, daddr, dport);
    return;
  }
  if (net.udp) {
    if (UdpSock* sk = net.udp->lookup(saddr, sport, daddr, dport, inet_iif(*skb))) {
      udp_queue_rcv_skb(sk, std::move(skb));
      return;
    }
  }
  // No socket: a bad checksum is dropped silently, a good one answered.
  if (udp_lib_checksum_complete(*skb)) {
    net.mib.udp.inc(UdpMib::InCsumErrors);
    return drop(DropReason::UDP_CSUM);
  }
  net.mib.udp.inc(UdpMib::NoPorts);
  icmp_send(*skb, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 0);
  kfree_skb_reason(std::move(skb), DropReason::NO_SOCKET);
}

bool udp_err(Net& net, const uint8_t* quoted, uint32_t len, uint8_t type, uint8_t code, uint32_t info,
             Ipv4Addr offender, int ifindex) {
  wire::Ipv4Packet<const uint8_t> iph({quoted, len});
  const uint32_t ihl = iph.ihl() * 4u;
  if (len < ihl + kUdpHlen || !net.udp) return false;
  const uint8_t* uh = quoted + ihl;
  // The quoted datagram went from us (saddr:source) to daddr:dest.
  UdpSock* sk = net.udp->lookup(iph.dst(), wire::load_be16(uh + 2), iph.src(), wire::load_be16(uh), ifindex);
  if (!sk || sk->encap_rcv) return sk != nullptr;
  int err = EHOSTUNREACH;
  bool harderr = false;
  switch (type) {
    case ICMP_SOURCE_QUENCH: return true;
    case ICMP_PARAMETERPROB:
      err = EPROTO;
      harderr = true;
      break;
    case ICMP_DEST_UNREACH:
      if (code == ICMP_FRAG_NEEDED) {
        ipv4_sk_update_pmtu(net, iph.dst(), iph.src(), sk->bound_dev_if, sk->mark, sk->tos, IPPROTO_UDP,
                            sk->pmtudisc, info);
        if (sk->pmtudisc == IP_PMTUDISC_DONT) return true;
        err = EMSGSIZE;
        harderr = true;
        break;
      }
      if (code < std::size(kIcmpErrConvert)) {
        err = kIcmpErrConvert[code].err;
        harderr = kIcmpErrConvert[code].fatal;
      }
      break;
    case ICMP_REDIRECT: return true;  // ipv4_sk_redirect
    default: break;                   // time exceeded and the rest
  }
  // RFC 1122 4.1.3.3: without IP_RECVERR only hard errors on a connected
  // socket are reported.
  if (!sk->recverr) {
    if (!harderr || sk->state != TCP_ESTABLISHED) return true;
  } else if (sk->error_queue.size() < 64) {
    SockExtErr e;
    e.ee_errno = err;
    e.origin = 2;  // SO_EE_ORIGIN_ICMP
    e.type = type;
    e.code = code;
    e.info = info;
    e.offender = offender;
    e.dest = {iph.dst(), wire::load_be16(uh + 2)};
    sk->error_queue.push_back(e);
  }
  sk->sk_err = err;
  return true;
}

}  // namespace skbox
