// nf_reject_ipv4.c: the ICMP error and the TCP reset REJECT sends.
//
// Not modelled: the PRE_ROUTING/INGRESS route fill (REJECT is refused
// outside the filter table's INPUT/FORWARD/OUTPUT), the bridge path
// (br_netfilter's physindev), nf_ct_attach of the RST to the rejected
// packet's connection.
#include "netfilter/nf_reject.h"

#include <cstring>

#include "ipv4/icmp.h"
#include "ipv4/ip.h"
#include "net/net.h"
#include "net/world.h"
#include "netfilter/nf_hook.h"
#include "trace/trace.h"
#include "wire/be.h"
#include "wire/checksum.h"
#include "wire/tcp.h"

namespace skbox {

namespace {

constexpr uint32_t kTcpHlen = 20;

// nf_reject_verify_csum: protocols whose checksum covers the payload with
// the 16-bit one's complement sum (a UDP checksum of 0 means none).
bool nf_reject_verify_csum(const uint8_t* iph, uint32_t len, uint32_t dataoff, uint8_t proto) {
  switch (proto) {
    case IPPROTO_UDP:
      return len < dataoff + 8 || wire::load_be16(iph + dataoff + 6) != 0;
    case IPPROTO_GRE:
    case IPPROTO_AH:
    case IPPROTO_ESP:
    case IPPROTO_SCTP:
    case IPPROTO_UDPLITE:
    case IPPROTO_DCCP:
      return false;
    default:
      return true;
  }
}

bool skb_csum_unnecessary(const SkBuff& skb) {
  return skb.ip_summed == CHECKSUM_UNNECESSARY || skb.ip_summed == CHECKSUM_PARTIAL;
}

// nf_ip_checksum for a packet without a verified checksum: 0 when the
// transport checksum (with the pseudo header for TCP and UDP) is good.
uint16_t nf_ip_checksum(const uint8_t* iph, uint32_t len, uint32_t dataoff, uint8_t proto) {
  if (len < dataoff) return 1;
  const uint32_t tlen = len - dataoff;
  uint32_t sum = wire::csum_partial({iph + dataoff, tlen});
  if (proto != IPPROTO_TCP && proto != IPPROTO_UDP) return wire::csum_fold(sum);
  const Ipv4Addr s(wire::load_be32(iph + 12)), d(wire::load_be32(iph + 16));
  return wire::csum_tcpudp_magic(s, d, tlen, proto, sum);
}

}  // namespace

void nf_send_unreach(SkBuff& skb_in, uint8_t code, uint8_t hook) {
  (void)hook;
  if (skb_in.network_header == SkBuff::kNoHeader) return;
  const uint8_t* iph = skb_in.network_ptr();
  const uint32_t len = skb_in.network_len();
  if (len < kIpHlen || (wire::load_be16(iph + 6) & IP_OFFSET)) return;
  const uint32_t dataoff = uint32_t(iph[0] & 0x0f) * 4;
  const uint8_t proto = iph[9];
  if (!skb_csum_unnecessary(skb_in) && nf_reject_verify_csum(iph, len, dataoff, proto) &&
      nf_ip_checksum(iph, len, dataoff, proto) != 0)
    return;
  icmp_send(skb_in, ICMP_DEST_UNREACH, code, 0);
}

void nf_send_reset(Net& net, SkBuff& oldskb, uint8_t hook) {
  (void)hook;
  if (oldskb.network_header == SkBuff::kNoHeader) return;
  const uint8_t* oiph = oldskb.network_ptr();
  const uint32_t len = oldskb.network_len();
  // nf_reject_ip_tcphdr_get: a first fragment, a whole header, no RST for
  // a RST, a good checksum.
  if (len < kIpHlen || (wire::load_be16(oiph + 6) & IP_OFFSET) || oiph[9] != IPPROTO_TCP) return;
  const uint32_t ihl = uint32_t(oiph[0] & 0x0f) * 4;
  if (len < ihl + kTcpHlen) return;
  const uint8_t* oth = oiph + ihl;
  if (oth[13] & wire::TCPHDR_RST) return;
  if (!skb_csum_unnecessary(oldskb) && nf_ip_checksum(oiph, len, ihl, IPPROTO_TCP) != 0) return;
  if (oldskb.dst.rt_type == RTN_BROADCAST || oldskb.dst.rt_type == RTN_MULTICAST) return;

  SkbPtr nskb = net.world.pool.alloc(kIpHlen + kTcpHlen);
  if (!nskb) return;
  // IP4_REPLY_MARK: the rejected packet's mark only with fwmark_reflect.
  nskb->mark = 0;
  const Ipv4Addr saddr(wire::load_be32(oiph + 16)), daddr(wire::load_be32(oiph + 12));
  uint8_t* ip = nskb->put(kIpHlen);
  uint8_t* th = nskb->put(kTcpHlen);
  std::memset(th, 0, kTcpHlen);
  std::memcpy(th, oth + 2, 2);  // source = the segment's destination
  std::memcpy(th + 2, oth, 2);
  th[12] = uint8_t((kTcpHlen / 4) << 4);
  uint8_t flags = wire::TCPHDR_RST;
  if (oth[13] & wire::TCPHDR_ACK) {
    std::memcpy(th + 4, oth + 8, 4);  // seq = the segment's ack_seq
  } else {
    const uint32_t odoff = uint32_t(oth[12] >> 4) * 4;
    const uint32_t seg = wire::load_be32(oth + 4) + ((oth[13] & wire::TCPHDR_SYN) ? 1 : 0) +
                         ((oth[13] & wire::TCPHDR_FIN) ? 1 : 0) + (len - ihl - odoff);
    wire::store_be32(th + 8, seg);
    flags |= wire::TCPHDR_ACK;
  }
  th[13] = flags;
  // Offloaded checksum: the pseudo-header sum, completed by the device.
  wire::store_be16(th + 16, static_cast<uint16_t>(~wire::csum_tcpudp_magic(saddr, daddr, kTcpHlen, IPPROTO_TCP, 0)));
  nskb->ip_summed = CHECKSUM_PARTIAL;

  // ip_route_me_harder: the output route for the reply, from our address.
  Flowi4 fl;
  fl.daddr = daddr;
  fl.saddr = saddr;
  fl.proto = IPPROTO_TCP;
  fl.mark = nskb->mark;
  RouteOut rt;
  if (ip_route_output(net, fl, rt) != 0) return kfree_skb_reason(std::move(nskb), DropReason::NOT_SPECIFIED);
  // ip4_dst_hoplimit: no per-route hoplimit metric here, the sysctl.
  ip_build_header(ip, kTcpHlen, 0, 0, IP_DF, static_cast<uint8_t>(net.ipv4.ip_default_ttl), IPPROTO_TCP, saddr,
                  daddr);
  nskb->reset_network_header();
  nskb->transport_header = static_cast<uint16_t>(nskb->network_header + kIpHlen);
  nskb->protocol = 0x0800;
  nskb->dst = rt.dst;
  nskb->dev = rt.dst.dev;
  const uint32_t mtu = rt.dst.mtu ? rt.dst.mtu : rt.dst.dev->mtu;
  if (nskb->len > mtu) return kfree_skb_reason(std::move(nskb), DropReason::NOT_SPECIFIED);  // "never happens"
  skb_trace(*nskb, "nf_send_reset");
  (void)ip_local_out(net, std::move(nskb));
}

}  // namespace skbox
