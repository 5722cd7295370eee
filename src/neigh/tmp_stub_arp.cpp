// TEMPORARY link stubs until arp.cpp lands (its author deletes this file).
#include "neigh/arp.h"
#include "neigh/neighbour.h"
#include "net/net.h"
namespace skbox {
[[gnu::weak]] void arp_solicit(Neighbour&, const SkBuff*) {}
[[gnu::weak]] void arp_process(SkbPtr skb, bool) { consume_skb(std::move(skb)); }
[[gnu::weak]] void arp_rcv(SkbPtr skb) { consume_skb(std::move(skb)); }
}  // namespace skbox
