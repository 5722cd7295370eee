#include "transport/udp.h"

#include "transport/udp_tunnel.h"

#include "ipv4/icmp.h"
#include "ipv4/ip.h"
#include "ipv4/fib.h"
#include "wire/ipv4.h"
#include "net/net.h"
#include "trace/trace.h"
#include "wire/be.h"
#include "wire/checksum.h"

namespace skbox {

void udp_rcv(SkbPtr skb) {
  skb_trace(*skb, "__udp4_lib_rcv");
  Net& net = *skb->dev->net;
  if (skb->len < 8) {
    net.mib.udp.inc(UdpMib::InErrors);
    kfree_skb_reason(std::move(skb), DropReason::PKT_TOO_SMALL);
    return;
  }
  const uint8_t* uh = skb->data();
  const uint16_t ulen = wire::load_be16(uh + 4);
  if (ulen < 8 || ulen > skb->len) {
    net.mib.udp.inc(UdpMib::InErrors);
    kfree_skb_reason(std::move(skb), DropReason::PKT_TOO_SMALL);
    return;
  }
  auto iph = ip_hdr(*skb);
  // CHECKSUM_PARTIAL: a locally built datagram whose checksum the sender
  // left to offload; udp4_csum_init accepts it as is.
  if (wire::load_be16(uh + 6) != 0 && skb->ip_summed != CHECKSUM_PARTIAL) {
    const uint32_t sum = wire::csum_partial({uh, ulen});
    if (wire::csum_tcpudp_magic(iph.src(), iph.dst(), ulen, IPPROTO_UDP, sum) != 0) {
      net.mib.udp.inc(UdpMib::InCsumErrors);
      net.mib.udp.inc(UdpMib::InErrors);
      kfree_skb_reason(std::move(skb), DropReason::UDP_CSUM);
      return;
    }
  }
  // Tunnel sockets (VXLAN) take their port's datagrams first.
  if (udp_tunnel_encap_rcv(net, skb)) return;
  if (skb->dst.rt_type == RTN_BROADCAST || skb->dst.rt_type == RTN_MULTICAST) {
    net.mib.udp.inc(UdpMib::IgnoredMulti);
    consume_skb(std::move(skb));
    return;
  }
  net.mib.udp.inc(UdpMib::NoPorts);
  icmp_send(*skb, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 0);
  kfree_skb_reason(std::move(skb), DropReason::NO_SOCKET);
}

}  // namespace skbox
