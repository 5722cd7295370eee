// veth (drivers/net/veth.c): a pair of Ethernet devices; what one transmits
// the other receives, through dev_forward_skb (scrub, MTU check,
// eth_type_trans, netif_rx). Carrier is on only while both ends are up.
// Not modelled: XDP, NAPI/GRO mode, multiple queues.
#include "dev/veth.h"

#include <algorithm>

#include "net/dev.h"
#include "net/net.h"
#include "net/world.h"
#include "trace/trace.h"

namespace skbox {

namespace {

class Veth final : public NetDevice {
 public:
  Veth(Net& n, std::string nm) : NetDevice(n, std::move(nm)) {
    flags = IFF_BROADCAST | IFF_MULTICAST;
    operstate = OperState::Down;  // carrier starts on, as alloc_netdev leaves it
    // veth_get_num_queues: one queue per possible CPU (at most 4096).
    num_tx_queues = num_rx_queues = static_cast<uint32_t>(std::min(n.world.num_possible_cpus, 4096));
  }
  ~Veth() override {
    if (peer_) peer_->peer_ = nullptr;
  }
  std::string_view kind() const override { return "veth"; }
  NetDevice* link_peer() const override { return peer_; }
  uint32_t max_mtu() const override { return 65535; }  // veth_setup: ETH_MAX_MTU

  // linkwatch runs after both carriers changed: each end's operstate is
  // judged with its peer's carrier already updated.
  int open() override {
    if (peer_ && peer_->is_up()) {
      LinkwatchBatch lw;
      netif_carrier_on(this);
      netif_carrier_on(peer_);
    }
    return 0;
  }
  void stop() override {
    LinkwatchBatch lw;
    netif_carrier_off(this);
    if (peer_) netif_carrier_off(peer_);
  }

  NetdevTx start_xmit(SkbPtr skb) override {
    skb_trace(*skb, "veth_xmit");
    Veth* rcv = peer_;
    const uint32_t len = skb->len;
    if (!rcv || !rcv->running()) {
      ++stats.tx_dropped;
      kfree_skb_reason(std::move(skb), DropReason::DEV_READY);
      return NetdevTx::Drop;
    }
    if (!dev_forward_skb(rcv, std::move(skb))) {
      ++stats.tx_dropped;
      return NetdevTx::Drop;  // veth_xmit returns NET_XMIT_DROP
    }
    ++stats.tx_packets;
    stats.tx_bytes += len;
    ++rcv->stats.rx_packets;  // veth reports the peer's tx as its rx
    rcv->stats.rx_bytes += len;
    return NetdevTx::Ok;
  }

  // __dev_forward_skb: the frame enters the peer as if freshly received.
  bool dev_forward_skb(Veth* rcv, SkbPtr skb) {
    skb_trace(*skb, "__dev_forward_skb");
    // is_skb_forwardable: the receiver must be up and the frame must fit its
    // MTU (plus link header and one VLAN tag).
    if (!rcv->is_up() || skb->len > rcv->mtu + rcv->hard_header_len + 4) {
      ++rcv->stats.rx_dropped;
      kfree_skb_reason(std::move(skb), rcv->is_up() ? DropReason::PKT_TOO_BIG : DropReason::DEV_READY);
      return false;
    }
    // skb_scrub_packet: crossing namespaces clears what belongs to the sender.
    const bool xnet = rcv->net != net;
    skb->dst = SkbDst{};
    skb->sk = nullptr;
    skb->skb_iif = 0;
    skb_ext_reset(*skb);
    nf_reset_ct(*skb);  // unconditional in skb_scrub_packet, not only across namespaces
    if (xnet) skb->mark = 0;
    skb->priority = 0;
    skb->nf_trace = 0;  // nf_reset_trace, whether or not the namespace changes
    eth_type_trans(*skb, rcv);
    return netif_rx(std::move(skb));
  }

  Veth* peer_ = nullptr;
};


}  // namespace

Expected<NetDevice*> veth_newlink(Net& net, const std::string& name, Net& peer_net,
                                  const std::string& peer_name) {
  // rtnl_newlink refuses an existing name before the driver runs; the
  // peer's name is only checked when it registers, and a clash of the
  // second device's name is found after the peer took an ifindex.
  if (net.dev_get_by_name(name)) return Errno(EEXIST);
  auto peer = std::make_unique<Veth>(peer_net, peer_name);
  auto dev = std::make_unique<Veth>(net, name);
  Veth* p = peer.get();
  Veth* d = dev.get();
  // veth_newlink: the peer registers first and so gets the lower ifindex.
  eth_hw_addr_random(p);
  eth_hw_addr_random(d);
  auto pr = peer_net.register_netdevice(std::move(peer));
  if (!pr) return Errno(pr.error());
  netif_carrier_off(p);  // counted: carrier_down_count is 1 from the start
  auto dr = net.register_netdevice(std::move(dev));
  if (!dr) {
    peer_net.unregister_netdevice(p);
    return Errno(dr.error());
  }
  netif_carrier_off(d);
  p->peer_ = d;
  d->peer_ = p;
  // linkwatch handles the two carrier-off events once the pair is linked.
  dev_update_operstate(p);
  dev_update_operstate(d);
  return static_cast<NetDevice*>(d);
}

}  // namespace skbox
