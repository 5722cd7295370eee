// Loopback (drivers/net/loopback.c): every frame sent is received again on
// the same device; counted once as transmitted and once as received.
// Not modelled: GSO/TSO on loopback (frames up to the 64 KiB MTU go whole).
#include "dev/loopback.h"

#include "net/dev.h"
#include "net/net.h"
#include "trace/trace.h"

namespace skbox {

namespace {
class Loopback final : public NetDevice {
 public:
  explicit Loopback(Net& n) : NetDevice(n, "lo") {
    type = ARPHRD_LOOPBACK;
    mtu = 65536;
    flags = IFF_LOOPBACK;
    broadcast = MacAddr{};
    tx_queue_len = 1000;
    operstate = OperState::Unknown;
  }
  std::string_view kind() const override { return ""; }
  uint32_t max_mtu() const override { return 0x7fffffff; }  // loopback accepts any MTU >= 68
  NetdevTx start_xmit(SkbPtr skb) override {
    skb_trace(*skb, "loopback_xmit");
    skb->sk = nullptr;  // skb_orphan
    eth_type_trans(*skb, this);
    // loopback_xmit counts skb->len after eth_type_trans pulled the link
    // header: the byte counters exclude it.
    const uint32_t len = skb->len;
    if (netif_rx(std::move(skb))) {
      stats.tx_packets++;
      stats.tx_bytes += len;
      stats.rx_packets++;
      stats.rx_bytes += len;
    }
    return NetdevTx::Ok;
  }
};
}  // namespace

std::unique_ptr<NetDevice> make_loopback(Net& net) { return std::make_unique<Loopback>(net); }

}  // namespace skbox
