// UDP encapsulation sockets (net/ipv4/udp_tunnel_core.c, the encap_rcv
// part of struct udp_sock): a tunnel driver (VXLAN) opens a kernel UDP
// socket bound to INADDR_ANY:port in a namespace, and udp_rcv hands it
// every datagram for that port before the ordinary socket path.
// The socket is an ordinary UdpSock (transport/udp.h) with encap_rcv set,
// visible in /proc/net/udp and ss like the kernel's.
// Not modelled: IPv6 tunnel sockets, GRO, encap_err_lookup (ICMP errors
// for tunnel packets).
#pragma once
#include <cstdint>

#include "core/skbuff.h"
#include "transport/udp.h"

namespace skbox {

class Net;

// setup_udp_tunnel_sock for the socket of (net, port). Several users of
// one port share it (as VXLAN devices share a vxlan_sock); each add needs
// a release. -EADDRINUSE when another callback owns the port.
int udp_tunnel_sock_add(Net& net, uint16_t port, UdpEncapRcv rcv);
void udp_tunnel_sock_release(Net& net, uint16_t port);

}  // namespace skbox
