// Output of the packets the IPv6 control plane sends (ndisc_send_skb,
// mld_sendpack → ip6_output → ip6_finish_output2 → dev_queue_xmit).
// Not modelled: netfilter hooks, the multicast loopback copy (the ndisc and
// MLD sockets have mc_loop off), output routing beyond the device given.
#include <cstring>

#include "core/skbuff.h"
#include "ipv6/addrconf.h"
#include "ipv6/ipv6.h"
#include "net/dev.h"
#include "net/net.h"
#include "net/world.h"
#include "trace/trace.h"
#include "wire/checksum.h"
#include "wire/ip_proto.h"

namespace skbox {

namespace {
constexpr uint16_t kEthPIpv6 = 0x86dd;
constexpr uint32_t kTcPrioControl = 7;
}  // namespace

size_t ip6_build_icmp(std::span<uint8_t> out, const Ipv6Addr& src, const Ipv6Addr& dst, uint8_t hlim, uint8_t tclass,
                      std::span<const uint8_t> icmp) {
  const size_t len = 40 + icmp.size();
  if (out.size() < len) return 0;
  uint8_t* p = out.data();
  const uint32_t w0 = (6u << 28) | (uint32_t(tclass) << 20);
  p[0] = uint8_t(w0 >> 24);
  p[1] = uint8_t(w0 >> 16);
  p[2] = uint8_t(w0 >> 8);
  p[3] = uint8_t(w0);
  p[4] = uint8_t(icmp.size() >> 8);
  p[5] = uint8_t(icmp.size());
  p[6] = wire::IPPROTO_ICMPV6;
  p[7] = hlim;
  std::memcpy(p + 8, src.b.data(), 16);
  std::memcpy(p + 24, dst.b.data(), 16);
  std::memcpy(p + 40, icmp.data(), icmp.size());
  uint8_t* ic = p + 40;
  ic[2] = ic[3] = 0;
  uint16_t c = wire::csum_fold(
      wire::csum_partial({ic, icmp.size()}, wire::pseudo_header_sum(src, dst, wire::IPPROTO_ICMPV6, uint32_t(icmp.size()))));
  ic[2] = uint8_t(c >> 8);
  ic[3] = uint8_t(c);
  return len;
}

void ip6_xmit_icmp(NetDevice* dev, std::span<const uint8_t> pkt, const MacAddr& dst_mac, uint8_t icmp_type,
                   bool discard_on_error) {
  World& w = dev->net->world;
  const uint32_t len = uint32_t(pkt.size());
  ip6_inc_stats(dev, Ip6Mib::OutRequests);
  ip6_inc_stats(dev, Ip6Mib::OutOctets, len);
  SkbPtr skb = w.pool.alloc(len);
  std::memcpy(skb->put(len), pkt.data(), len);
  skb->reset_network_header();
  skb->dev = dev;
  skb->protocol = kEthPIpv6;
  skb->priority = kTcPrioControl;
  skb_trace(*skb, "ip6_output");
  // ip6_output: a device with IPv6 disabled discards (and reports success,
  // so the ICMPv6 counters still move).
  if (!dev->ip6_ptr || dev->ip6_ptr->cnf.disable_ipv6) {
    ip6_inc_stats(dev, Ip6Mib::OutDiscards);
    kfree_skb_reason(std::move(skb), DropReason::IPV6DISABLED);
    icmp6msg_out_inc(dev, icmp_type);
    icmp6_inc_stats(dev, Icmp6Mib::OutMsgs);
    return;
  }
  // ip6_finish_output2
  const bool mcast = pkt[24] == 0xff;
  if (mcast) ip6_upd_po_stats(dev, Ip6Mib::OutMcastPkts, Ip6Mib::OutMcastOctets, len);
  ip6_inc_stats(dev, Ip6Mib::OutTransmits);
  eth_header(*skb, dev, kEthPIpv6, dst_mac, dev->dev_addr);
  // The senders count the message only when the driver took it
  // (dev_queue_xmit returned 0); every drop below it bumps tx_dropped.
  const uint64_t dropped = dev->stats.tx_dropped;
  dev_queue_xmit(std::move(skb));
  if (dev->stats.tx_dropped != dropped) {
    if (discard_on_error) ip6_inc_stats(dev, Ip6Mib::OutDiscards);
    return;
  }
  icmp6msg_out_inc(dev, icmp_type);
  icmp6_inc_stats(dev, Icmp6Mib::OutMsgs);
}

}  // namespace skbox
