#include "net/dev.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "ipv4/ip.h"
#include "neigh/neighbour.h"
#include "net/net.h"
#include "net/notifier.h"
#include "net/packet_tap.h"
#include "net/softnet.h"
#include "net/world.h"
#include "trace/trace.h"

namespace skbox {

namespace {
constexpr uint32_t kEthHlen = 14;
constexpr uint16_t kEthPIp = 0x0800, kEthPArp = 0x0806, kEthPIpv6 = 0x86dd;

// Hands a frame (from its mac header) to the taps of dev and of its
// namespace. Cheap when nobody listens: two empty vectors.
void deliver_taps(const SkBuff& skb, NetDevice* dev, bool outgoing) {
  Net& net = *dev->net;
  if (dev->ptype_all.empty() && net.ptype_all.empty()) return;
  // packet_rcv ignores PACKET_LOOPBACK: a looped-back multicast copy was
  // already seen going out.
  if (!outgoing && skb.pkt_type == PktType::Loopback) return;
  const uint8_t* mac = skb.head + skb.mac_header;
  const std::span<const uint8_t> frame(mac, skb.data() + skb.len - mac);
  for (PacketTap* t : net.ptype_all) t->tap(skb, frame, dev, outgoing);
  for (PacketTap* t : dev->ptype_all) t->tap(skb, frame, dev, outgoing);
}
}  // namespace

void dev_add_pack(Net& net, NetDevice* dev, PacketTap* tap) { (dev ? dev->ptype_all : net.ptype_all).push_back(tap); }

void dev_remove_pack(Net& net, NetDevice* dev, PacketTap* tap) {
  auto& v = dev ? dev->ptype_all : net.ptype_all;
  v.erase(std::remove(v.begin(), v.end(), tap), v.end());
}

int dev_queue_xmit(SkbPtr skb) {
  NetDevice* dev = skb->dev;
  skb_trace(*skb, "__dev_queue_xmit");
  // No qdisc on virtual devices (noqueue): straight to the driver when up.
  // A device that is down has noop_qdisc attached, which drops and counts
  // the packet but answers NET_XMIT_CN: no error for the sender.
  if (!dev->is_up()) {
    ++dev->stats.tx_dropped;
    kfree_skb_reason(std::move(skb), DropReason::QDISC_DROP);
    return NET_XMIT_CN;
  }
  skb_trace(*skb, "dev_hard_start_xmit");
  // dev_queue_xmit_nit: taps see the frame as the driver gets it.
  skb->reset_mac_header();
  deliver_taps(*skb, dev, true);
  return dev->start_xmit(std::move(skb)) == NetdevTx::Drop ? NET_XMIT_DROP : NET_XMIT_SUCCESS;
}

void eth_header(SkBuff& skb, NetDevice*, uint16_t ethertype, const MacAddr& dst, const MacAddr& src) {
  uint8_t* h = skb.push(kEthHlen);
  std::memcpy(h, dst.b.data(), 6);
  std::memcpy(h + 6, src.b.data(), 6);
  h[12] = static_cast<uint8_t>(ethertype >> 8);
  h[13] = static_cast<uint8_t>(ethertype);
  skb.reset_mac_header();
}

uint16_t eth_type_trans(SkBuff& skb, NetDevice* dev) {
  skb.dev = dev;
  skb.reset_mac_header();
  const uint8_t* h = skb.data();
  MacAddr dst;
  std::memcpy(dst.b.data(), h, 6);
  const uint16_t proto = static_cast<uint16_t>(h[12] << 8 | h[13]);
  skb.pull(kEthHlen);
  if (dst.is_multicast())
    skb.pkt_type = dst.is_broadcast() ? PktType::Broadcast : PktType::Multicast;
  else if (dst != dev->dev_addr)
    skb.pkt_type = PktType::OtherHost;
  else
    skb.pkt_type = PktType::Host;
  skb.protocol = proto;
  return proto;
}

// enqueue_to_backlog
bool netif_rx(SkbPtr skb) {
  World& w = skb->dev->net->world;
  SoftnetData& sd = *w.softnet[0];
  skb_trace(*skb, "netif_rx");
  if (!skb->dev->is_up() || sd.input_pkt_queue.size() > static_cast<uint32_t>(w.core.netdev_max_backlog)) {
    ++sd.stats.dropped;
    ++skb->dev->stats.rx_dropped;
    kfree_skb_reason(std::move(skb), DropReason::CPU_BACKLOG);
    return false;
  }
  skb->tstamp = w.now();
  sd.input_pkt_queue.push_back(std::move(skb));
  w.loop.raise_softirq(sd);
  return true;
}

// net_rx_action + process_backlog: at most netdev_budget packets per run; the
// rest waits for the next run (ksoftirqd), which happens at the same instant.
void SoftnetData::run() {
  int budget = world.core.netdev_budget;
  while (budget-- > 0) {
    SkbPtr skb = input_pkt_queue.pop_front();
    if (!skb) return;
    ++stats.processed;
    netif_receive_skb(std::move(skb));
  }
  if (!input_pkt_queue.empty()) {
    ++stats.time_squeeze;
    world.loop.raise_softirq(*this);
  }
}

void dev_purge_backlog(World& w, NetDevice* dev) {
  for (auto& sd : w.softnet)
    sd->input_pkt_queue.drop_if([dev](const SkBuff& s) { return s.dev == dev; }, DropReason::DEV_READY);
}

// __netif_receive_skb_core: taps, the rx_handler (a bridge port hands the
// frame to its bridge), then protocol dispatch.
void netif_receive_skb(SkbPtr skb) {
  skb_trace(*skb, "__netif_receive_skb_core");
  for (;;) {
    NetDevice* dev = skb->dev;
    skb->skb_iif = dev->ifindex;
    skb->reset_network_header();
    deliver_taps(*skb, dev, false);
    if (!dev->rx_handler) break;
    switch (dev->rx_handler(skb)) {
      case RxHandlerResult::Consumed:
        return;
      case RxHandlerResult::Another:
        continue;  // skb->dev is now the master: receive again there
      case RxHandlerResult::Exact:
      case RxHandlerResult::Pass:
        break;
    }
    break;
  }
  NetDevice* dev = skb->dev;
  switch (skb->protocol) {
    case kEthPIp:
      ip_rcv(std::move(skb));
      return;
    case kEthPArp:
      arp_rcv(std::move(skb));
      return;
    case kEthPIpv6:
      ipv6_rcv(std::move(skb));
      return;
    default:
      ++dev->stats.rx_nohandler;
      kfree_skb_reason(std::move(skb), DropReason::UNHANDLED_PROTO);
  }
}

int dev_get_iflink(const NetDevice* dev) {
  const NetDevice* peer = dev->link_peer();
  return peer ? peer->ifindex : dev->ifindex;
}

// default_operstate: without carrier, a device is LOWERLAYERDOWN only when
// its iflink names another device *of its own namespace* whose carrier is
// off too. The lookup is by index in dev's namespace even when the real
// lower device (a veth peer) lives elsewhere, so a peer in another namespace
// gives DOWN when no local device has its ifindex (or that one has carrier).
OperState default_operstate(const NetDevice* dev) {
  if (dev->carrier) return OperState::Up;
  const int iflink = dev_get_iflink(dev);
  if (iflink == dev->ifindex) return OperState::Down;
  const NetDevice* lower = dev->net->dev_get_by_index(iflink);
  if (!lower || lower->carrier) return OperState::Down;
  return OperState::LowerLayerDown;
}

// rfc2863_policy as linkwatch applies it (at once, in virtual time).
void dev_update_operstate(NetDevice* dev) {
  if (dev->is_loopback()) return;  // never changes carrier: stays UNKNOWN
  const OperState s = default_operstate(dev);
  if (s != dev->operstate) {
    dev->operstate = s;
    if (dev->is_up()) call_netdevice_notifiers(NetdevEvent::Change, dev);
  }
}

namespace {
// Events of the open LinkwatchBatch scopes. A batch lives inside one
// synchronous control operation, which runs on one task thread.
struct LinkwatchQueue {
  int depth = 0;
  std::vector<NetDevice*> pending;  // lweventlist: each device at most once
};
thread_local LinkwatchQueue lw_queue;
}  // namespace

LinkwatchBatch::LinkwatchBatch() { ++lw_queue.depth; }

LinkwatchBatch::~LinkwatchBatch() {
  if (--lw_queue.depth > 0) return;
  std::vector<NetDevice*> events;
  events.swap(lw_queue.pending);
  for (NetDevice* dev : events) dev_update_operstate(dev);
}

void linkwatch_fire_event(NetDevice* dev) {
  if (lw_queue.depth == 0) {
    dev_update_operstate(dev);
    return;
  }
  if (std::find(lw_queue.pending.begin(), lw_queue.pending.end(), dev) == lw_queue.pending.end())
    lw_queue.pending.push_back(dev);
}

void netif_carrier_on(NetDevice* dev) {
  if (dev->carrier) return;
  dev->carrier = true;
  ++dev->carrier_changes;
  ++dev->carrier_up_count;
  linkwatch_fire_event(dev);
}

void netif_carrier_off(NetDevice* dev) {
  if (!dev->carrier) return;
  dev->carrier = false;
  ++dev->carrier_changes;
  ++dev->carrier_down_count;
  linkwatch_fire_event(dev);
}

Expected<void> dev_open(NetDevice* dev) {
  if (dev->is_up()) return {};
  dev->flags |= IFF_UP;
  if (int err = dev->open(); err) {  // __dev_open: the device stays down
    dev->flags &= ~IFF_UP;
    return Errno(-err);
  }
  call_netdevice_notifiers(NetdevEvent::Up, dev);
  return {};
}

Expected<void> dev_close(NetDevice* dev) {
  if (!dev->is_up()) return {};
  call_netdevice_notifiers(NetdevEvent::GoingDown, dev);
  dev->flags &= ~IFF_UP;
  dev->stop();
  call_netdevice_notifiers(NetdevEvent::Down, dev);
  return {};
}

Expected<void> dev_set_mtu(NetDevice* dev, uint32_t mtu) {
  if (mtu < dev->min_mtu() || mtu > dev->max_mtu()) return Errno(EINVAL);
  if (mtu == dev->mtu) return {};
  const uint32_t orig_mtu = dev->mtu;
  dev->mtu = mtu;
  fib_sync_mtu(dev, orig_mtu);  // needs the old MTU, which the notifier does not carry
  call_netdevice_notifiers(NetdevEvent::ChangeMtu, dev);
  return {};
}

void eth_hw_addr_random(NetDevice* dev) {
  const uint64_t r = dev->net->world.rng.next_u64();
  for (int i = 0; i < 6; ++i) dev->dev_addr.b[i] = static_cast<uint8_t>(r >> (8 * i));
  dev->dev_addr.b[0] &= 0xfe;  // unicast
  dev->dev_addr.b[0] |= 0x02;  // locally administered
  dev->addr_assign_type = NET_ADDR_RANDOM;
}

Expected<void> dev_set_mac_address(NetDevice* dev, const MacAddr& addr) {
  if (dev->type != ARPHRD_ETHER) return Errno(EOPNOTSUPP);
  if (!addr.is_valid_unicast()) return Errno(EADDRNOTAVAIL);
  dev->dev_addr = addr;
  dev->addr_assign_type = NET_ADDR_SET;
  call_netdevice_notifiers(NetdevEvent::ChangeAddr, dev);
  return {};
}

}  // namespace skbox
