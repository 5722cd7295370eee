// Transmit side of IPv4 (net/ipv4/ip_output.c): __ip_local_out fills length
// and checksum, ip_output/ip_mc_output pass POSTROUTING, ip_finish_output
// checks the MTU, ip_finish_output2 hands the packet to the neighbour layer.
// (ip_fragment.cpp cuts oversized datagrams). Not modelled yet: GSO.
#include "ipv4/icmp.h"
#include "ipv4/ip.h"
#include "ipv4/ip_fragment.h"
#include "wire/ipv4.h"
#include "neigh/neighbour.h"
#include "net/dev.h"
#include "net/net.h"
#include "netfilter/nf_hook.h"
#include "net/world.h"
#include "trace/trace.h"

namespace skbox {

namespace {

int ip_finish_output2(Net& net, SkbPtr skb) {
  skb_trace(*skb, "ip_finish_output2");
  NetDevice* dev = skb->dst.dev;
  net.mib.ip.inc(IpMib::OutTransmits);
  net.mib.ipext.inc(IpExtMib::OutOctets, skb->len);
  if (skb->dst.rt_type == RTN_BROADCAST) {
    net.mib.ipext.inc(IpExtMib::OutBcastPkts);
    net.mib.ipext.inc(IpExtMib::OutBcastOctets, skb->len);
  } else if (skb->dst.rt_type == RTN_MULTICAST) {
    net.mib.ipext.inc(IpExtMib::OutMcastPkts);
    net.mib.ipext.inc(IpExtMib::OutMcastOctets, skb->len);
  }
  auto iph = ip_hdr(*skb);
  // rt_nexthop: the gateway when the route has one, else the destination.
  const Ipv4Addr nexthop = skb->dst.has_gateway ? skb->dst.gateway : iph.dst();
  return neigh_output_ipv4(dev, nexthop, std::move(skb));
}

int ip_finish_output(Net& net, SkbPtr skb) {
  skb_trace(*skb, "ip_finish_output");
  const uint32_t mtu = skb->dst.mtu ? skb->dst.mtu : skb->dst.dev->mtu;
  if (skb->len > mtu) return ip_fragment(net, std::move(skb), mtu, ip_finish_output2);
  return ip_finish_output2(net, std::move(skb));
}

}  // namespace

void ip_build_header(uint8_t* p, uint32_t payload_len, uint8_t tos, uint16_t id, uint16_t frag_off,
                     uint8_t ttl, uint8_t proto, Ipv4Addr src, Ipv4Addr dst) {
  wire::Ipv4Repr r;
  r.src = src;
  r.dst = dst;
  r.protocol = proto;
  r.payload_len = static_cast<uint16_t>(payload_len);
  r.ttl = ttl;
  r.tos = tos;
  r.id = id;
  r.frag_off = frag_off;
  r.emit(wire::Ipv4Packet<uint8_t>({p, r.buffer_len()}));
}

int ip_output(Net& net, SkbPtr skb, NetDevice* indev) {
  skb_trace(*skb, "ip_output");
  skb->dev = skb->dst.dev;
  skb->protocol = 0x0800;
  const int nf = nf_hook_ret(NFPROTO_IPV4, NF_INET_POST_ROUTING, net, skb, indev, skb->dev);
  if (nf != 1) return nf;
  return ip_finish_output(net, std::move(skb));
}

// ip_mc_output for broadcasts: a copy is looped back to the local stack
// (dev_loopback_xmit) unless the device is loopback itself.
static int ip_mc_output(Net& net, SkbPtr skb) {
  skb_trace(*skb, "ip_mc_output");
  NetDevice* dev = skb->dst.dev;
  if (!dev->is_loopback()) {
    SkbPtr copy = skb_copy(*skb);
    if (copy) {
      copy->dev = dev;
      copy->data_off = copy->network_header;
      copy->len = copy->network_len();
      copy->pkt_type = PktType::Loopback;
      copy->protocol = 0x0800;
      copy->dst.input = SkbDst::Input::LocalDeliver;
      skb_trace(*copy, "dev_loopback_xmit");
      netif_rx(std::move(copy));
    }
  }
  return ip_output(net, std::move(skb), nullptr);
}

int ip_local_out(Net& net, SkbPtr skb) {
  skb_trace(*skb, "__ip_local_out");
  auto iph = ip_hdr(*skb);
  iph.set_total_len(static_cast<uint16_t>(skb->network_len()));
  iph.fill_checksum();
  net.mib.ip.inc(IpMib::OutRequests);
  const int nf = nf_hook_ret(NFPROTO_IPV4, NF_INET_LOCAL_OUT, net, skb, nullptr, skb->dst.dev);
  if (nf != 1) return nf;
  // dst_output
  if (skb->dst.rt_type == RTN_BROADCAST || skb->dst.rt_type == RTN_MULTICAST) return ip_mc_output(net, std::move(skb));
  return ip_output(net, std::move(skb), nullptr);
}

int ip_send_skb(Net& net, SkbPtr skb) {
  int err = ip_local_out(net, std::move(skb));
  if (err > 0) err = net_xmit_errno(err);
  if (err) net.mib.ip.inc(IpMib::OutDiscards);
  return err;
}

}  // namespace skbox
