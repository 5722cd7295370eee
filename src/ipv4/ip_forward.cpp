// ip_forward (net/ipv4/ip_forward.c): TTL check and decrement, MTU check
// with DF, then the FORWARD hook and ip_output.
// Not modelled yet: IP options (source routing, router alert).
#include "ipv4/devinet.h"
#include "ipv4/icmp.h"
#include "ipv4/inet_peer.h"
#include "ipv4/ip.h"
#include "wire/ipv4.h"
#include "net/net.h"
#include "netfilter/nf_hook.h"
#include "net/netdevice.h"
#include "net/world.h"
#include "trace/trace.h"

namespace skbox {

namespace {

constexpr Duration kRedirectLoad = kSec / 50;              // ip_rt_redirect_load (HZ/50)
constexpr Duration kRedirectSilence = kRedirectLoad << 10;  // ip_rt_redirect_silence
constexpr uint32_t kRedirectNumber = 9;                    // ip_rt_redirect_number

// ip_rt_send_redirect: a host redirect to the sender, with exponential
// back-off per sender (shares the sender's inet_peer with ICMP rate limits).
void ip_rt_send_redirect(Net& net, SkBuff& skb) {
  NetDevice* out = skb.dst.dev;
  // IN_DEV_TX_REDIRECTS: send_redirects of "all" or of the device.
  if (!out || !(net.devconf_all[Ipv4DevConf::SEND_REDIRECTS] ||
                (out->ip_ptr && out->ip_ptr->cnf[Ipv4DevConf::SEND_REDIRECTS])))
    return;
  auto iph = ip_hdr(skb);
  const Time now = net.world.now();
  InetPeer& peer = inet_peers(net).get(iph.src(), now);
  if (now > peer.rate_last + kRedirectSilence) {
    peer.rate_tokens = 0;
    peer.n_redirects = 0;
  }
  if (peer.n_redirects >= kRedirectNumber) {
    peer.rate_last = now;
    return;
  }
  if (peer.n_redirects == 0 || now > peer.rate_last + (kRedirectLoad << peer.n_redirects)) {
    const Ipv4Addr gw = skb.dst.has_gateway ? skb.dst.gateway : iph.dst();
    icmp_send(skb, ICMP_REDIRECT, 1 /* ICMP_REDIR_HOST */, gw.v);
    peer.rate_last = now;
    ++peer.n_redirects;
  }
}

}  // namespace

void ip_forward(SkbPtr skb) {
  skb_trace(*skb, "ip_forward");
  Net& net = *skb->dev->net;
  if (skb->pkt_type != PktType::Host) {
    kfree_skb_reason(std::move(skb), DropReason::OTHERHOST);
    return;
  }
  auto iph = ip_hdr(*skb);
  if (iph.ttl() <= 1) {
    // The packet dies here; tell its sender.
    net.mib.ip.inc(IpMib::InHdrErrors);
    icmp_send(*skb, ICMP_TIME_EXCEEDED, ICMP_EXC_TTL, 0);
    kfree_skb_reason(std::move(skb), DropReason::IP_INHDR);
    return;
  }
  // ForwDatagrams is IPSTATS_MIB_INFORWDATAGRAMS: counted once the packet
  // survives the TTL check, before the MTU check can refuse it.
  net.mib.ip.inc(IpMib::ForwDatagrams);
  const uint32_t mtu = skb->dst.mtu ? skb->dst.mtu : skb->dst.dev->mtu;
  if (skb->network_len() > mtu && (iph.frag_off() & IP_DF)) {
    net.mib.ip.inc(IpMib::FragFails);
    icmp_send(*skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, mtu);
    kfree_skb_reason(std::move(skb), DropReason::PKT_TOO_BIG);
    return;
  }
  iph.decrease_ttl();
  if (skb->dst.do_redirect) ip_rt_send_redirect(net, *skb);
  skb->data_off = skb->network_header;
  skb->len = skb->network_len();
  if (!nf_hook(NFPROTO_IPV4, NF_INET_FORWARD, net, skb, skb->dev, skb->dst.dev)) return;
  // ip_forward_finish; skb->dev is still the input device.
  NetDevice* indev = skb->dev;
  ip_output(net, std::move(skb), indev);
}

}  // namespace skbox
