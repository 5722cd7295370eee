// ARP internals shared by neighbour.cpp and arp.cpp (net/ipv4/arp.c).
#pragma once
#include "core/skbuff.h"
#include "wire/addr.h"

namespace skbox {

struct Neighbour;

// arp_solicit: one ARP request for n (broadcast, or unicast to n->ha while
// probing a known address). skb is the newest packet waiting for n, whose
// source address arp_announce may reuse; nullptr when none waits.
void arp_solicit(Neighbour& n, const SkBuff* skb);

// arp_process: an ARP packet (data at the ARP header) that passed arp_rcv.
// locally_enqueued: a proxied request coming back from the proxy queue.
void arp_process(SkbPtr skb, bool locally_enqueued);

}  // namespace skbox
