// Frames arriving on a bridge port (br_input.c): br_handle_frame is the
// port's rx_handler; br_handle_frame_finish learns the source, then
// forwards, floods and/or passes the frame up the bridge device.
// Not modelled: link-local group forwarding masks beyond the defaults,
// multicast snooping (IGMP/MLD), proxy ARP/ND, VLAN ingress filtering.
#include <cstring>

#include "dev/bridge.h"
#include "net/dev.h"
#include "net/net.h"
#include "net/world.h"
#include "netfilter/nf_hook.h"
#include "trace/trace.h"

namespace skbox {

namespace {

MacAddr eth_src(const SkBuff& skb) {
  MacAddr m;
  std::memcpy(m.b.data(), skb.head + skb.mac_header + 6, 6);
  return m;
}
MacAddr eth_dst(const SkBuff& skb) {
  MacAddr m;
  std::memcpy(m.b.data(), skb.head + skb.mac_header, 6);
  return m;
}

// br_pass_frame_up: the frame is received again, now on the bridge; the
// bridge counts it without its Ethernet header.
RxHandlerResult br_pass_frame_up(SkbPtr& skb, NetBridge* br) {
  skb_trace(*skb, "br_pass_frame_up");
  ++br->stats.rx_packets;
  br->stats.rx_bytes += skb->len;
  NetDevice* indev = skb->dev;
  skb->dev = br;
  if (!nf_hook(NFPROTO_BRIDGE, NF_BR_LOCAL_IN, *br->net, skb, indev, nullptr)) return RxHandlerResult::Consumed;
  return RxHandlerResult::Another;
}

}  // namespace

RxHandlerResult br_handle_frame_finish(SkbPtr& skb) {
  skb_trace(*skb, "br_handle_frame_finish");
  NetBridgePort* p = br_port_get(skb->dev);
  if (!p) {  // the port left the bridge while the frame was away (br_netfilter)
    kfree_skb_reason(std::move(skb), DropReason::NOT_SPECIFIED);
    return RxHandlerResult::Consumed;
  }
  NetBridge* br = p->br;
  if (p->state == BR_STATE_DISABLED) {
    kfree_skb_reason(std::move(skb), DropReason::BRIDGE_INGRESS_STP_STATE);
    return RxHandlerResult::Consumed;
  }
  if (p->flags & BR_LEARNING) br_fdb_update(br, p, eth_src(*skb), 0);
  bool local_rcv = br->flags & IFF_PROMISC;
  const MacAddr dest = eth_dst(*skb);
  BrPktType pkt_type = BrPktType::Unicast;
  if (dest.is_multicast()) {
    if (dest.is_broadcast()) {
      pkt_type = BrPktType::Broadcast;
      local_rcv = true;
    } else {
      pkt_type = BrPktType::Multicast;
    }
  }
  if (p->state == BR_STATE_LEARNING) {
    kfree_skb_reason(std::move(skb), DropReason::BRIDGE_INGRESS_STP_STATE);
    return RxHandlerResult::Consumed;
  }
  FdbEntry* dst = nullptr;
  if (pkt_type == BrPktType::Multicast) {
    // No snooping state: every multicast frame is flooded and also goes up.
    local_rcv = true;
    ++br->stats.multicast;
  } else if (pkt_type == BrPktType::Unicast) {
    dst = br_fdb_find(br, dest, 0);
  }
  if (dst) {
    if (dst->local) return br_pass_frame_up(skb, br);
    dst->used = br->net->world.now();
    if (local_rcv) {
      br_forward_clone(dst->dst, *skb);
    } else {
      br_forward(dst->dst, std::move(skb));
      return RxHandlerResult::Consumed;
    }
  } else {
    if (local_rcv) {
      br_flood_clone(br, *skb, pkt_type);
    } else {
      br_flood(br, std::move(skb), pkt_type);
      return RxHandlerResult::Consumed;
    }
  }
  return br_pass_frame_up(skb, br);
}

void br_handle_frame_finish_rcv(SkbPtr skb) {
  if (br_handle_frame_finish(skb) == RxHandlerResult::Another) netif_receive_skb(std::move(skb));
}

// br_handle_frame: link-local control frames (01:80:c2:00:00:0X) stay on
// the port, except STP BPDUs which a bridge without STP forwards.
RxHandlerResult br_handle_frame(SkbPtr& skb) {
  if (skb->pkt_type == PktType::Loopback) return RxHandlerResult::Pass;
  auto* p = static_cast<NetBridgePort*>(skb->dev->rx_handler_data);
  skb_trace(*skb, "br_handle_frame");
  if (!eth_src(*skb).is_valid_unicast()) {
    kfree_skb_reason(std::move(skb), DropReason::MAC_INVALID_SOURCE);
    return RxHandlerResult::Consumed;
  }
  const MacAddr dest = eth_dst(*skb);
  static constexpr uint8_t kGroup[5] = {0x01, 0x80, 0xc2, 0x00, 0x00};
  if (std::memcmp(dest.b.data(), kGroup, 5) == 0 && (dest.b[5] & 0xf0) == 0) {
    if (dest.b[5] == 0x01) {  // MAC Control (pause): never forwarded
      kfree_skb_reason(std::move(skb), DropReason::MAC_IEEE_MAC_CONTROL);
      return RxHandlerResult::Consumed;
    }
    if (dest.b[5] != 0x00) {
      // __br_handle_local_finish: learn, then deliver on the port itself.
      if ((p->flags & BR_LEARNING) && (p->state == BR_STATE_LEARNING || p->state == BR_STATE_FORWARDING))
        br_fdb_update(p->br, p, eth_src(*skb), 0);
      return RxHandlerResult::Pass;
    }
  }
  switch (p->state) {
    case BR_STATE_FORWARDING:
    case BR_STATE_LEARNING:
      if (dest == p->br->dev_addr) skb->pkt_type = PktType::Host;
      // nf_hook_bridge_pre
      if (!nf_hook(NFPROTO_BRIDGE, NF_BR_PRE_ROUTING, *p->br->net, skb, skb->dev, nullptr))
        return RxHandlerResult::Consumed;
      return br_handle_frame_finish(skb);
    default:
      kfree_skb_reason(std::move(skb), DropReason::BRIDGE_INGRESS_STP_STATE);
      return RxHandlerResult::Consumed;
  }
}

}  // namespace skbox
