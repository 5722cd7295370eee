// UDP encapsulation sockets (net/ipv4/udp_tunnel_core.c, the encap_rcv
// part of struct udp_sock): a tunnel driver (VXLAN) opens a kernel UDP
// socket bound to INADDR_ANY:port in a namespace, and udp_rcv hands it
// every datagram for that port before the ordinary socket path.
// Not modelled: IPv6 tunnel sockets, GRO, encap_err_lookup (ICMP errors
// for tunnel packets), the socket being visible in /proc/net/udp.
#pragma once
#include <cstdint>

#include "core/skbuff.h"

namespace skbox {

class Net;

// The encap_rcv callback: takes the datagram (data at the UDP header).
using UdpEncapRcv = void (*)(uint16_t port, SkbPtr skb);

// setup_udp_tunnel_sock for the socket of (net, port). Several users of
// one port share it (as VXLAN devices share a vxlan_sock); each add needs
// a release. -EADDRINUSE when another callback owns the port.
int udp_tunnel_sock_add(Net& net, uint16_t port, UdpEncapRcv rcv);
void udp_tunnel_sock_release(Net& net, uint16_t port);

// udp_queue_rcv_one_skb's encap branch: when a tunnel socket owns the
// datagram's destination port, counts it (UDP InDatagrams), passes it to
// encap_rcv and returns true; otherwise leaves skb alone.
bool udp_tunnel_encap_rcv(Net& net, SkbPtr& skb);

}  // namespace skbox
