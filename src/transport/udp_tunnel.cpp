#include "transport/udp_tunnel.h"

#include <cerrno>

#include "net/net.h"
#include "transport/udp.h"

namespace skbox {

int udp_tunnel_sock_add(Net& net, uint16_t port, UdpEncapRcv rcv) {
  UdpTable& t = udp_table(net);
  auto it = t.tunnels.find(port);
  if (it != t.tunnels.end()) {
    if (it->second->encap_rcv != rcv) return -EADDRINUSE;
    ++it->second->encap_refs;
    return 0;
  }
  // udp_sock_create + setup_udp_tunnel_sock: a kernel socket on
  // INADDR_ANY:port, which a user socket already holding the port refuses.
  auto s = std::make_unique<UdpSock>(net, true);
  if (int err = s->bind({Ipv4Addr(), port}); err) return err;
  s->encap_rcv = rcv;
  s->encap_refs = 1;
  t.tunnels.emplace(port, std::move(s));
  return 0;
}

void udp_tunnel_sock_release(Net& net, uint16_t port) {
  if (!net.udp) return;
  auto it = net.udp->tunnels.find(port);
  if (it == net.udp->tunnels.end()) return;
  if (--it->second->encap_refs <= 0) net.udp->tunnels.erase(it);
}

}  // namespace skbox
