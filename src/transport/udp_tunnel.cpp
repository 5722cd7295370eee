#include "transport/udp_tunnel.h"

#include <cerrno>
#include <map>
#include <utility>

#include "net/net.h"
#include "trace/trace.h"
#include "wire/be.h"

namespace skbox {

namespace {

struct UdpTunnelSock {
  UdpEncapRcv encap_rcv = nullptr;
  int refcnt = 0;
};

// Keyed by (namespace, local port): one bound socket per port, as udp
// lookup would find it for any local destination address.
using SockMap = std::map<std::pair<const Net*, uint16_t>, UdpTunnelSock>;
SockMap& tunnel_socks() {
  static SockMap m;
  return m;
}

}  // namespace

int udp_tunnel_sock_add(Net& net, uint16_t port, UdpEncapRcv rcv) {
  UdpTunnelSock& s = tunnel_socks()[{&net, port}];
  if (s.refcnt && s.encap_rcv != rcv) return -EADDRINUSE;
  s.encap_rcv = rcv;
  ++s.refcnt;
  return 0;
}

void udp_tunnel_sock_release(Net& net, uint16_t port) {
  auto it = tunnel_socks().find({&net, port});
  if (it == tunnel_socks().end()) return;
  if (--it->second.refcnt <= 0) tunnel_socks().erase(it);
}

bool udp_tunnel_encap_rcv(Net& net, SkbPtr& skb) {
  auto& m = tunnel_socks();
  if (m.empty()) return false;
  const uint16_t port = wire::load_be16(skb->data() + 2);
  auto it = m.find({&net, port});
  if (it == m.end()) return false;
  // A datagram consumed by encap_rcv counts as delivered to the socket.
  net.mib.udp.inc(UdpMib::InDatagrams);
  skb_trace(*skb, "udp_queue_rcv_one_skb");
  it->second.encap_rcv(port, std::move(skb));
  return true;
}

}  // namespace skbox
