// ICMPv4 (net/ipv4/icmp.c): receive dispatch, echo replies, error
// generation with Linux's rate limits (icmp_ratelimit/icmp_ratemask per
// destination, icmp_msgs_per_sec/icmp_msgs_burst per namespace).
#pragma once
#include <cstdint>

#include "core/skbuff.h"
#include "wire/addr.h"

namespace skbox {

class Net;

enum : uint8_t {
  ICMP_ECHOREPLY = 0, ICMP_DEST_UNREACH = 3, ICMP_SOURCE_QUENCH = 4, ICMP_REDIRECT = 5,
  ICMP_ECHO = 8, ICMP_TIME_EXCEEDED = 11, ICMP_PARAMETERPROB = 12, ICMP_TIMESTAMP = 13,
  ICMP_TIMESTAMPREPLY = 14, ICMP_INFO_REQUEST = 15, ICMP_INFO_REPLY = 16, ICMP_ADDRESS = 17,
  ICMP_ADDRESSREPLY = 18, NR_ICMP_TYPES = 18,
};
enum : uint8_t {
  ICMP_NET_UNREACH = 0, ICMP_HOST_UNREACH = 1, ICMP_PROT_UNREACH = 2, ICMP_PORT_UNREACH = 3,
  ICMP_FRAG_NEEDED = 4, ICMP_SR_FAILED = 5, ICMP_NET_UNKNOWN = 6, ICMP_HOST_UNKNOWN = 7,
  ICMP_HOST_ISOLATED = 8, ICMP_NET_ANO = 9, ICMP_HOST_ANO = 10, ICMP_NET_UNR_TOS = 11,
  ICMP_HOST_UNR_TOS = 12, ICMP_PKT_FILTERED = 13, ICMP_PREC_VIOLATION = 14, ICMP_PREC_CUTOFF = 15,
};
enum : uint8_t { ICMP_EXC_TTL = 0, ICMP_EXC_FRAGTIME = 1 };

// icmp_rcv: skb data starts at the ICMP header (network header still set).
void icmp_rcv(SkbPtr skb);

// __icmp_send: reply to skb_in (not consumed) with an ICMP error. `info` is
// the next-hop MTU for FRAG_NEEDED or the pointer for PARAMETERPROB.
void icmp_send(SkBuff& skb_in, uint8_t type, uint8_t code, uint32_t info);

// ip_error's per-source token bucket (shares inet_peer state with icmp).
bool ip_error_ratelimit_allow(Net& net, Ipv4Addr src);

// arp_error_report: the neighbour could not be resolved (FAILED).
void icmp_send_host_unreach(SkbPtr skb);

}  // namespace skbox
