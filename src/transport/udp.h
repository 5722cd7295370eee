// UDP receive (net/ipv4/udp.c). Sockets arrive with the UDP issue; until
// then every datagram finds no socket and is answered the way Linux answers
// a closed port.
#pragma once
#include "core/skbuff.h"

namespace skbox {
// __udp4_lib_rcv: skb data starts at the UDP header.
void udp_rcv(SkbPtr skb);
}  // namespace skbox
