// struct sock as the packet path sees it through skb->sk (include/net/
// sock.h): the namespace the socket lives in and the credentials of the
// file that opened it. The protocol's own state is in its socket type
// (UdpSock, PingSock), which embeds one of these; a packet it sends points
// at it (skb_set_owner_w in sock_alloc_send_skb) until a device orphans it
// (veth_xmit, loopback_xmit: skb_orphan).
//
// Not modelled: the reference a queued packet holds on its socket
// (sk_wmem_alloc): skb->sk is read only on the way to the device (LOG's
// --log-uid, TRACE), never after, so a socket closed while its packets
// wait in a queue leaves a pointer nobody follows. Every skbox process
// runs as root, so the credentials are 0/0.
#pragma once
#include <cstdint>

namespace skbox {

class Net;

struct Sock {
  const Net* net = nullptr;  // sock_net(sk)
  // sk->sk_socket->file exists: false for the kernel's own sockets
  // (inet_ctl_sock_create's ICMP socket, tunnel sockets), which no
  // process opened and which carry no credentials.
  bool has_file = true;
  uint32_t fsuid = 0, fsgid = 0;  // file->f_cred
};

}  // namespace skbox
