// TEMPORARY until IPv6 link-local lands: IPv6 frames are dropped.
#include "ipv4/ip.h"
namespace skbox {
void ipv6_rcv(SkbPtr skb) { kfree_skb_reason(std::move(skb), DropReason::IPV6DISABLED); }
}  // namespace skbox
