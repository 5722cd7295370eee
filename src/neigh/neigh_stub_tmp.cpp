// TEMPORARY: replaced by the neighbour subsystem (helper in progress).
#include "neigh/neighbour.h"
#include "net/net.h"

namespace skbox {
class NeighTable {};
void NeighTableDeleter::operator()(NeighTable* t) const { delete t; }
void neigh_output_ipv4(NetDevice*, Ipv4Addr, SkbPtr skb) { kfree_skb_reason(std::move(skb), DropReason::NEIGH_FAILED); }
void arp_rcv(SkbPtr skb) { consume_skb(std::move(skb)); }
void neigh_net_init(Net&) {}
void neigh_dev_init(NetDevice*) {}
}  // namespace skbox
