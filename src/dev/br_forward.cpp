// Sending frames out of bridge ports (br_forward.c): to the one port the fdb
// names, or flooded to every port that should get it; each extra port gets
// its own copy of the frame.
#include "dev/bridge.h"
#include "net/dev.h"
#include "net/net.h"
#include "netfilter/nf_hook.h"
#include "trace/trace.h"

namespace skbox {

namespace {

constexpr uint32_t kEthHlen = 14, kVlanHlen = 4;

// should_deliver: never back out of the port it came in on (unless that
// port is in hairpin mode), and only to forwarding ports.
bool should_deliver(const NetBridgePort* p, const SkBuff& skb) {
  return ((p->flags & BR_HAIRPIN_MODE) || skb.dev != p->dev) && p->state == BR_STATE_FORWARDING;
}

// __br_forward: a frame the bridge device itself sends (br_dev_xmit) takes
// NF_BR_LOCAL_OUT, any other NF_BR_FORWARD.
void br_forward_one(NetBridgePort* to, SkbPtr skb) {
  skb_trace(*skb, "__br_forward");
  Net& net = *to->br->net;
  NetDevice* indev = skb->dev;
  const bool local_orig = indev == to->br;
  skb->dev = to->dev;
  if (!nf_hook(NFPROTO_BRIDGE, local_orig ? NF_BR_LOCAL_OUT : NF_BR_FORWARD, net, skb, local_orig ? nullptr : indev,
               to->dev))
    return;
  br_forward_finish(net, std::move(skb));
}

void deliver_clone(NetBridgePort* to, const SkBuff& skb) {
  SkbPtr c = skb_copy(skb);
  if (!c) {
    ++to->br->stats.tx_dropped;
    return;
  }
  br_forward_one(to, std::move(c));
}

}  // namespace

void br_forward_finish(Net& net, SkbPtr skb) {
  skb_trace(*skb, "br_forward_finish");
  NetDevice* out = skb->dev;
  if (!nf_hook(NFPROTO_BRIDGE, NF_BR_POST_ROUTING, net, skb, nullptr, out)) return;
  br_dev_queue_push_xmit(std::move(skb));
}

void br_dev_queue_push_xmit(SkbPtr skb) {
  skb->push(kEthHlen);
  // is_skb_forwardable: the frame must fit the port's MTU.
  if (skb->len > skb->dev->mtu + skb->dev->hard_header_len + kVlanHlen) {
    kfree_skb_reason(std::move(skb), DropReason::NOT_SPECIFIED);  // plain kfree_skb in Linux
    return;
  }
  skb_trace(*skb, "br_dev_queue_push_xmit");
  dev_queue_xmit(std::move(skb));
}

void br_forward(NetBridgePort* to, SkbPtr skb) {
  if (to && should_deliver(to, *skb)) {
    br_forward_one(to, std::move(skb));
    return;
  }
  kfree_skb_reason(std::move(skb), DropReason::NO_TX_TARGET);
}

void br_forward_clone(NetBridgePort* to, const SkBuff& skb) {
  if (to && should_deliver(to, skb)) deliver_clone(to, skb);
}

namespace {

// The ports br_flood sends a frame of this type to, in port_list order.
template <class Fn>
void for_each_flood_port(NetBridge* br, const SkBuff& skb, BrPktType type, Fn fn) {
  const bool from_br = skb.dev == br;
  for (auto& up : br->port_list) {
    NetBridgePort* p = up.get();
    switch (type) {
      case BrPktType::Unicast:
        if (!(p->flags & BR_FLOOD)) continue;
        break;
      case BrPktType::Multicast:
        if (!(p->flags & BR_MCAST_FLOOD) && !from_br) continue;
        break;
      case BrPktType::Broadcast:
        if (!(p->flags & BR_BCAST_FLOOD) && !from_br) continue;
        break;
    }
    if (should_deliver(p, skb)) fn(p);
  }
}

}  // namespace

// br_flood: the last eligible port gets the frame itself, the others copies.
void br_flood(NetBridge* br, SkbPtr skb, BrPktType type) {
  NetBridgePort* prev = nullptr;
  for_each_flood_port(br, *skb, type, [&](NetBridgePort* p) {
    if (prev) deliver_clone(prev, *skb);
    prev = p;
  });
  if (!prev) {
    kfree_skb_reason(std::move(skb), DropReason::NO_TX_TARGET);
    return;
  }
  br_forward_one(prev, std::move(skb));
}

void br_flood_clone(NetBridge* br, const SkBuff& skb, BrPktType type) {
  for_each_flood_port(br, skb, type, [&](NetBridgePort* p) { deliver_clone(p, skb); });
}

}  // namespace skbox
