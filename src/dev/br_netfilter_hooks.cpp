// br_netfilter's hooks (net/bridge/br_netfilter_hooks.c): at each bridge
// hook an IPv4 frame leaves the bridge's path (NF_STOLEN), runs the IPv4
// hook of the same name with the bridge as in/out device, and comes back
// to the bridge hook's remaining entries (br_nf_hook_thresh) and its okfn.
//
//   NF_BR_PRE_ROUTING  br_nf_pre_routing: validate, remember the port and
//                      the destination, IPv4 PREROUTING (in=bridge); then
//                      br_nf_pre_routing_finish: a changed destination
//                      (DNAT) is routed: back out the bridge it is bridged
//                      again (br_nf_pre_routing_finish_bridge: the new MAC
//                      from the neighbour), elsewhere it goes up to be routed.
//   NF_BR_LOCAL_IN     br_nf_local_in: confirm a multicast/broadcast flow
//                      before the frame goes up (the copies share it).
//   NF_BR_FORWARD      br_nf_forward_ip: IPv4 FORWARD (in=out=bridge).
//   NF_BR_POST_ROUTING br_nf_post_routing: IPv4 POSTROUTING (out=bridge),
//                      then out of the port (refragmented if conntrack
//                      reassembled it: br_nf_dev_queue_xmit).
//   IPv4 PRE_ROUTING   ip_sabotage_in (first): a bridged packet going up
//                      the bridge does not run PREROUTING a second time.
//
// See dev/br_netfilter.h for what is not modelled.
#include "dev/br_netfilter.h"

#include <climits>
#include <cstring>

#include "dev/bridge.h"
#include "ipv4/devinet.h"
#include "ipv4/fib.h"
#include "ipv4/ip.h"
#include "ipv4/ip_fragment.h"
#include "neigh/neigh_table.h"
#include "neigh/neighbour.h"
#include "net/dev.h"
#include "net/net.h"
#include "netfilter/nf_conntrack.h"
#include "netfilter/nf_hook.h"
#include "trace/trace.h"
#include "wire/checksum.h"
#include "wire/ipv4.h"

namespace skbox {

namespace {

constexpr uint16_t kEthPIp = 0x0800;
constexpr uint32_t kEthHlen = 14, kEthAlen = 6;
// enum nf_br_hook_priorities / nf_ip_hook_priorities
constexpr int NF_BR_PRI_BRNF = 0, NF_BR_PRI_LAST = INT_MAX, NF_IP_PRI_FIRST = INT_MIN;

NetDevice* bridge_parent(const NetDevice* dev) {
  if (!dev) return nullptr;
  NetBridgePort* p = br_port_get(dev);
  return p ? p->br : nullptr;
}

NetDevice* physindev(SkBuff& skb, Net& net) { return net.dev_get_by_index(skb.nf_bridge.physinif); }

// br_validate_ipv4: ip_rcv_core's checks, with its counters, for a packet
// the IPv4 hooks are about to see. False: drop it.
bool br_validate_ipv4(Net& net, SkBuff& skb) {
  auto inhdr = [&] {
    net.mib.ip.inc(IpMib::InHdrErrors);
    return false;
  };
  const uint32_t nh = skb.network_header;
  if (skb.network_len() < kIpHlen) return inhdr();
  wire::Ipv4Packet<uint8_t> iph({skb.head + nh, skb.network_len()});
  if (iph.ihl() < 5 || iph.version() != 4) return inhdr();
  const uint32_t hlen = iph.ihl() * 4u;
  if (skb.network_len() < hlen) return inhdr();
  if (wire::ip_fast_csum({skb.head + nh, hlen}) != 0) {
    net.mib.ipext.inc(IpExtMib::InCsumErrors);
    return inhdr();
  }
  const uint32_t len = iph.total_len();
  if (skb.network_len() < len) {
    net.mib.ipext.inc(IpExtMib::InTruncatedPkts);
    return false;
  }
  if (len < hlen) return inhdr();
  skb.trim(nh - skb.data_off + len);  // pskb_trim_rcsum: Ethernet padding goes
  return true;
}

// br_nf_hook_thresh: the bridge hook's entries after br_netfilter's own
// (priority above NF_BR_PRI_BRNF). True when the packet may go on to okfn.
bool br_nf_hook_thresh(uint8_t hook, Net& net, SkbPtr& skb, NetDevice* in, NetDevice* out) {
  const std::vector<NfHookOps>* l = net.nf_hooks.list(NFPROTO_BRIDGE, hook);
  if (!l) return true;
  const NfHookState st{NFPROTO_BRIDGE, hook, in, out, &net};
  for (const NfHookOps& h : *l) {
    if (h.priority <= NF_BR_PRI_BRNF) continue;
    switch (h.hook(h.priv, skb, st)) {
      case NfVerdict::Accept:
        continue;
      case NfVerdict::Drop:
        kfree_skb_reason(std::move(skb), DropReason::NETFILTER_DROP);
        return false;
      case NfVerdict::Stolen:
        return false;
    }
  }
  return true;
}

void nf_bridge_info_free(SkBuff& skb) { skb.nf_bridge = NfBridgeInfo{}; }

// br_nf_pre_routing_finish_bridge: DNAT'ed to an address behind the same
// bridge. A connected neighbour gives the new destination MAC at once
// (neigh_hh_bridge); otherwise the neighbour output resolves it and sends
// the frame to the bridge device, where br_nf_dev_xmit takes it back.
void br_nf_pre_routing_finish_bridge(Net& net, SkbPtr skb) {
  skb_trace(*skb, "br_nf_pre_routing_finish_bridge");
  NetDevice* br = bridge_parent(skb->dev);
  if (!br) {
    kfree_skb_reason(std::move(skb), DropReason::NOT_SPECIFIED);
    return;
  }
  skb->dev = br;
  const Ipv4Addr nexthop = skb->dst.has_gateway ? skb->dst.gateway : ip_hdr(*skb).dst();
  Neighbour* n = arp_table(net).lookup(br, nexthop);
  if (n && (n->nud_state & NUD_CONNECTED)) {
    std::memcpy(skb->data() - kEthHlen, n->ha.b.data(), kEthAlen);
    skb->dev = physindev(*skb, net);
    if (!skb->dev) {
      kfree_skb_reason(std::move(skb), DropReason::DEV_READY);
      return;
    }
    br_handle_frame_finish_rcv(std::move(skb));
    return;
  }
  // The neighbour output rewrites the whole Ethernet header: keep the
  // source address and type for br_nf_pre_routing_finish_bridge_slow.
  std::memcpy(skb->nf_bridge.neigh_header, skb->data() - (kEthHlen - kEthAlen), kEthHlen - kEthAlen);
  skb->nf_bridge.bridged_dnat = true;
  neigh_output_ipv4(br, nexthop, std::move(skb));
}

// br_nf_pre_routing_finish: the PREROUTING hooks' okfn.
void br_nf_pre_routing_finish(Net& net, SkbPtr skb) {
  skb_trace(*skb, "br_nf_pre_routing_finish");
  NetDevice* dev = skb->dev;  // the bridge
  NfBridgeInfo& nf = skb->nf_bridge;
  NetDevice* indev = physindev(*skb, net);
  if (!indev) {
    kfree_skb_reason(std::move(skb), DropReason::DEV_READY);
    return;
  }
  if (nf.pkt_otherhost) {
    skb->pkt_type = PktType::OtherHost;
    nf.pkt_otherhost = false;
  }
  nf.in_prerouting = false;
  auto iph = ip_hdr(*skb);
  if (iph.dst().v != nf.ipv4_daddr) {
    // DNAT (or the reply of SNAT): where does it go now?
    DropReason reason = DropReason::NOT_SPECIFIED;
    int err = ip_route_input(*skb, iph.dst(), iph.src(), iph.tos(), dev, &reason);
    bool bridged = false;
    if (err) {
      // Forwarding off makes ip_route_input fail; bridged-and-DNAT'ed
      // traffic does not need it, so an output route back out the
      // bridge still counts.
      const bool fwd = dev->ip_ptr && dev->ip_ptr->cnf[Ipv4DevConf::FORWARDING];
      if (err != -EHOSTUNREACH || !dev->ip_ptr || fwd) {
        kfree_skb_reason(std::move(skb), reason);
        return;
      }
      Flowi4 fl;
      fl.daddr = iph.dst();
      fl.tos = iph.tos();
      RouteOut rt;
      if (ip_route_output(net, fl, rt) != 0 || rt.dst.dev != dev) {
        kfree_skb_reason(std::move(skb), reason);
        return;
      }
      skb->dst = rt.dst;
      bridged = true;
    } else {
      bridged = skb->dst.input == SkbDst::Input::Forward && skb->dst.dev == dev;
    }
    if (bridged) {
      skb->dev = indev;
      if (!br_nf_hook_thresh(NF_BR_PRE_ROUTING, net, skb, indev, nullptr)) return;
      br_nf_pre_routing_finish_bridge(net, std::move(skb));
      return;
    }
    // Routed: up the bridge to ip_rcv, which keeps this route.
    std::memcpy(skb->data() - kEthHlen, dev->dev_addr.b.data(), kEthAlen);
    skb->pkt_type = PktType::Host;
  }
  // Not DNAT'ed: the kernel attaches the bridge's fake rtable, which only
  // carries the bridge's MTU to the hooks; skbox leaves the route empty.
  skb->dev = indev;
  if (!br_nf_hook_thresh(NF_BR_PRE_ROUTING, net, skb, indev, nullptr)) return;
  br_handle_frame_finish_rcv(std::move(skb));
}

// br_nf_pre_routing
NfVerdict br_nf_pre_routing(void*, SkbPtr& skb, const NfHookState& state) {
  Net& net = *state.net;
  NetBridgePort* p = state.in ? br_port_get(state.in) : nullptr;
  if (!p) return NfVerdict::Drop;
  // IPv6 would go to br_nf_pre_routing_ipv6 (no ip6tables here).
  if (!net.brnf.call_iptables) return NfVerdict::Accept;
  if (skb->protocol != kEthPIp) return NfVerdict::Accept;
  if (!br_validate_ipv4(net, *skb)) {
    kfree_skb_reason(std::move(skb), DropReason::IP_INHDR);
    return NfVerdict::Stolen;
  }
  skb_trace(*skb, "br_nf_pre_routing");
  NfBridgeInfo& nf = skb->nf_bridge;
  nf = NfBridgeInfo{};
  nf.present = true;
  // setup_pre_routing
  if (skb->pkt_type == PktType::OtherHost) {
    skb->pkt_type = PktType::Host;
    nf.pkt_otherhost = true;
  }
  nf.in_prerouting = true;
  nf.physinif = skb->dev->ifindex;
  skb->dev = p->br;
  skb->sk = nullptr;  // skb_orphan
  auto iph = ip_hdr(*skb);
  nf.ipv4_daddr = iph.dst().v;
  skb->protocol = kEthPIp;
  skb->transport_header = static_cast<uint16_t>(skb->network_header + iph.ihl() * 4u);
  SkbPtr s = std::move(skb);
  if (nf_hook(NFPROTO_IPV4, NF_INET_PRE_ROUTING, net, s, p->br, nullptr)) br_nf_pre_routing_finish(net, std::move(s));
  return NfVerdict::Stolen;
}

// br_nf_local_in: a broadcast or multicast frame's copies share its
// unconfirmed connection; confirm it before this one goes up.
NfVerdict br_nf_local_in(void*, SkbPtr& skb, const NfHookState& state) {
  NfConn* ct = skb->_nfct;
  if (!ct || skb->pkt_type == PktType::Host || ct->confirmed()) return NfVerdict::Accept;
  return nf_conntrack_confirm(skb, state);
}

void br_nf_forward_finish(Net& net, SkbPtr skb) {
  NetDevice* in = physindev(*skb, net);
  if (!in) {
    kfree_skb_reason(std::move(skb), DropReason::DEV_READY);
    return;
  }
  NfBridgeInfo& nf = skb->nf_bridge;
  if (nf.pkt_otherhost) {
    skb->pkt_type = PktType::OtherHost;
    nf.pkt_otherhost = false;
  }
  if (!br_nf_hook_thresh(NF_BR_FORWARD, net, skb, in, skb->dev)) return;
  br_forward_finish(net, std::move(skb));
}

// br_nf_forward (br_nf_forward_ip for IPv4; ARP would go to arptables).
NfVerdict br_nf_forward(void*, SkbPtr& skb, const NfHookState& state) {
  if (!skb->nf_bridge.present) return NfVerdict::Accept;
  Net& net = *state.net;
  NetDevice* parent = bridge_parent(state.out);
  if (!parent) return NfVerdict::Drop;
  if (skb->protocol != kEthPIp) return NfVerdict::Accept;
  NfBridgeInfo& nf = skb->nf_bridge;
  if (skb->pkt_type == PktType::OtherHost) {
    skb->pkt_type = PktType::Host;
    nf.pkt_otherhost = true;
  }
  if (!br_validate_ipv4(net, *skb)) {
    kfree_skb_reason(std::move(skb), DropReason::IP_INHDR);
    return NfVerdict::Stolen;
  }
  skb_trace(*skb, "br_nf_forward_ip");
  nf.physoutdev = skb->dev;
  SkbPtr s = std::move(skb);
  if (nf_hook(NFPROTO_IPV4, NF_INET_FORWARD, net, s, bridge_parent(state.in), parent))
    br_nf_forward_finish(net, std::move(s));
  return NfVerdict::Stolen;
}

// br_nf_push_frag_xmit's per-CPU storage (brnf_frag_data): the link header
// every fragment gets back.
struct BrnfFragData {
  uint8_t mac[kEthHlen];
};
BrnfFragData brnf_frag_data_storage;

int br_nf_push_frag_xmit(Net&, SkbPtr skb) {
  if (skb->headroom() < kEthHlen) {
    kfree_skb_reason(std::move(skb), DropReason::NOMEM);
    return 0;
  }
  std::memcpy(skb->data() - kEthHlen, brnf_frag_data_storage.mac, kEthHlen);
  nf_bridge_info_free(*skb);
  br_dev_queue_push_xmit(std::move(skb));
  return 0;
}

// br_nf_dev_queue_xmit: the POSTROUTING hooks' okfn. A datagram conntrack
// reassembled is cut to the port's MTU again (refused with DF set).
void br_nf_dev_queue_xmit(Net& net, SkbPtr skb) {
  const uint32_t mtu = skb->dev->mtu;
  if (skb->len <= mtu || skb->protocol != kEthPIp) {
    nf_bridge_info_free(*skb);
    br_dev_queue_push_xmit(std::move(skb));
    return;
  }
  if (!br_validate_ipv4(net, *skb)) {
    kfree_skb_reason(std::move(skb), DropReason::NOT_SPECIFIED);
    return;
  }
  if (ip_hdr(*skb).frag_off() & IP_DF) {
    net.mib.ip.inc(IpMib::FragFails);
    kfree_skb_reason(std::move(skb), DropReason::PKT_TOO_BIG);
    return;
  }
  std::memcpy(brnf_frag_data_storage.mac, skb->data() - kEthHlen, kEthHlen);
  ip_fragment(net, std::move(skb), mtu, &br_nf_push_frag_xmit);
}

// br_nf_post_routing
NfVerdict br_nf_post_routing(void*, SkbPtr& skb, const NfHookState& state) {
  NfBridgeInfo& nf = skb->nf_bridge;
  // With no physoutdev the packet came in on a bridge, went up and is
  // routed: ip_output already ran POSTROUTING.
  if (!nf.present || !nf.physoutdev) return NfVerdict::Accept;
  NetDevice* realoutdev = bridge_parent(skb->dev);
  if (!realoutdev) return NfVerdict::Drop;
  if (skb->protocol != kEthPIp) return NfVerdict::Accept;
  if (skb->pkt_type == PktType::OtherHost) {
    skb->pkt_type = PktType::Host;
    nf.pkt_otherhost = true;
  }
  skb_trace(*skb, "br_nf_post_routing");
  Net& net = *state.net;
  SkbPtr s = std::move(skb);
  if (nf_hook(NFPROTO_IPV4, NF_INET_POST_ROUTING, net, s, nullptr, realoutdev)) br_nf_dev_queue_xmit(net, std::move(s));
  return NfVerdict::Stolen;
}

// ip_sabotage_in: a bridged packet that already ran PREROUTING (in
// br_nf_pre_routing) skips the rest of the hook on its way up.
NfVerdict ip_sabotage_in(void*, SkbPtr& skb, const NfHookState&) {
  const NfBridgeInfo& nf = skb->nf_bridge;
  if (nf.present && !nf.in_prerouting) {
    ip_rcv_finish(std::move(skb));
    return NfVerdict::Stolen;
  }
  return NfVerdict::Accept;
}

// br_nf_ops
constexpr NfHookOps kBrNfOps[] = {
    {&br_nf_pre_routing, nullptr, NFPROTO_BRIDGE, NF_BR_PRE_ROUTING, NF_BR_PRI_BRNF},
    {&br_nf_local_in, nullptr, NFPROTO_BRIDGE, NF_BR_LOCAL_IN, NF_BR_PRI_LAST},
    {&br_nf_forward, nullptr, NFPROTO_BRIDGE, NF_BR_FORWARD, NF_BR_PRI_BRNF},
    {&br_nf_post_routing, nullptr, NFPROTO_BRIDGE, NF_BR_POST_ROUTING, NF_BR_PRI_LAST},
    {&ip_sabotage_in, nullptr, NFPROTO_IPV4, NF_INET_PRE_ROUTING, NF_IP_PRI_FIRST},
};

// br_nf_pre_routing_finish_bridge_slow
void br_nf_pre_routing_finish_bridge_slow(SkbPtr skb) {
  Net& net = *skb->dev->net;
  skb->pull(kEthHlen);
  NfBridgeInfo& nf = skb->nf_bridge;
  nf.bridged_dnat = false;
  std::memcpy(skb->data() - (kEthHlen - kEthAlen), nf.neigh_header, kEthHlen - kEthAlen);
  skb->dev = physindev(*skb, net);
  if (!skb->dev) {
    kfree_skb_reason(std::move(skb), DropReason::DEV_READY);
    return;
  }
  nf.physoutdev = nullptr;
  br_handle_frame_finish_rcv(std::move(skb));
}

}  // namespace

const NetDevice* nf_bridge_get_physindev(const SkBuff& skb) {
  if (!skb.nf_bridge.present || !skb.dev) return nullptr;
  return skb.dev->net->dev_get_by_index(skb.nf_bridge.physinif);
}

bool br_nf_dev_xmit(SkbPtr& skb) {
  if (!skb->nf_bridge.present || !skb->nf_bridge.bridged_dnat) return false;
  br_nf_pre_routing_finish_bridge_slow(std::move(skb));
  return true;
}

// brnf_device_event
void brnf_device_event(NetdevEvent ev, NetDevice* dev) {
  if (ev != NetdevEvent::Register || !netif_is_bridge_master(dev)) return;
  Net& net = *dev->net;
  if (net.brnf.enabled) return;
  for (const NfHookOps& ops : kBrNfOps) nf_register_net_hook(net, ops);
  net.brnf.enabled = true;
}

}  // namespace skbox
