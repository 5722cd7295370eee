// What the REJECT target sends (net/ipv4/netfilter/nf_reject_ipv4.c): an
// ICMP destination unreachable quoting the packet, or a TCP RST in its
// place. The caller drops the original packet (NF_DROP).
#pragma once
#include <cstdint>

#include "core/skbuff.h"

namespace skbox {

class Net;

// nf_send_unreach: icmp_send (with its rate limits) for a first fragment
// whose transport checksum is good.
void nf_send_unreach(SkBuff& skb_in, uint8_t code, uint8_t hook);
// nf_send_reset: a RST answering a TCP segment, routed and sent as a
// locally generated packet through ip_local_out.
void nf_send_reset(Net& net, SkBuff& oldskb, uint8_t hook);

}  // namespace skbox
