// The bridge device itself (br_device.c): br_dev_xmit sends what the host
// transmits on the bridge to the port the fdb names, or floods it; open and
// stop start and stop the ports' state machine and the fdb gc.
#include <algorithm>
#include <cstring>

#include "dev/bridge.h"
#include "dev/br_netfilter.h"
#include "net/dev.h"
#include "net/net.h"
#include "net/world.h"
#include "trace/trace.h"

namespace skbox {

namespace {
constexpr uint32_t kEthHlen = 14;
}

const char* br_port_state_name(uint8_t s) {
  static const char* const kNames[] = {"disabled", "listening", "learning", "forwarding", "blocking"};
  return s < 5 ? kNames[s] : "unknown";
}

NetBridge::NetBridge(Net& n, std::string nm) : NetDevice(n, std::move(nm)) {
  flags = IFF_BROADCAST | IFF_MULTICAST;
  gc_work.set_function([this] { br_fdb_cleanup(this); });
}

NetBridge::~NetBridge() {
  net->world.loop.del_timer(gc_work);
  for (auto& p : port_list) {
    p->dev->master = nullptr;
    p->dev->rx_handler = nullptr;
    p->dev->rx_handler_data = nullptr;
  }
}

NetBridgePort* NetBridge::find_port(const NetDevice* dev) const {
  for (auto& p : port_list)
    if (p->dev == dev) return p.get();
  return nullptr;
}

NetBridgePort* br_port_get(const NetDevice* dev) {
  if (dev->rx_handler != &br_handle_frame) return nullptr;
  return static_cast<NetBridgePort*>(dev->rx_handler_data);
}

bool netif_is_bridge_master(const NetDevice* dev) { return dev->kind() == "bridge"; }

// br_dev_open: the gc first runs a tenth of a second after the bridge opens.
int NetBridge::open() {
  br_stp_enable_bridge(this);
  net->world.loop.mod_timer(gc_work, net->world.now() + kSec / 10);
  return 0;
}

void NetBridge::stop() {
  br_stp_disable_bridge(this);
  net->world.loop.del_timer(gc_work);
}

Expected<void> NetBridge::add_slave(NetDevice* port, std::string& extack) { return br_add_if(this, port, extack); }
Expected<void> NetBridge::del_slave(NetDevice* port) { return br_del_if(this, port); }

// br_dev_xmit: the frame counts as sent by the bridge before it is looked up.
NetdevTx NetBridge::start_xmit(SkbPtr skb) {
  skb_trace(*skb, "br_dev_xmit");
  if (br_nf_dev_xmit(skb)) return NetdevTx::Ok;  // nf_br_ops->br_dev_xmit_hook, before the stats
  ++stats.tx_packets;
  stats.tx_bytes += skb->len;
  skb->reset_mac_header();
  MacAddr dest;
  std::memcpy(dest.b.data(), skb->data(), 6);
  skb->pull(kEthHlen);
  if (dest.is_broadcast()) {
    br_flood(this, std::move(skb), BrPktType::Broadcast);
  } else if (dest.is_multicast()) {
    br_flood(this, std::move(skb), BrPktType::Multicast);
  } else if (FdbEntry* dst = br_fdb_find(this, dest, 0)) {
    br_forward(dst->dst, std::move(skb));
  } else {
    br_flood(this, std::move(skb), BrPktType::Unicast);
  }
  return NetdevTx::Ok;
}


// br_dev_newlink + br_dev_setup: a random address (eth_hw_addr_random),
// no carrier until a port forwards.
Expected<NetDevice*> br_dev_newlink(Net& net, const std::string& name) {
  if (net.dev_get_by_name(name)) return Errno(EEXIST);
  auto dev = std::make_unique<NetBridge>(net, name);
  NetBridge* br = dev.get();
  eth_hw_addr_random(br);
  auto e = net.register_netdevice(std::move(dev));
  if (!e) return Errno(e.error());
  netif_carrier_off(br);
  // The bridge's own address is a local fdb entry with no port.
  br->fdb_dev_addr = br->dev_addr;
  br_fdb_add_local(br, nullptr, br->dev_addr, 0);
  return static_cast<NetDevice*>(br);
}

}  // namespace skbox
