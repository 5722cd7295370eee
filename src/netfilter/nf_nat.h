// The NAT core (net/netfilter/nf_nat_core.c, nf_nat_proto.c,
// nf_nat_masquerade.c, nf_nat_redirect.c): a connection's binding is chosen
// once, by the nat table's rules on its first packet (or a null binding
// when no rule matched), and stored as the conntrack entry's reply tuple;
// every later packet of either direction is rewritten from the tuples.
//
// The nat table (the lead's iptable_nat) plugs in like Linux's does: it
// registers one lookup function per hook with nf_nat_ipv4_register_fn; the
// NAT hooks (DNAT at PRE_ROUTING/LOCAL_OUT -100, SNAT at POST_ROUTING/
// LOCAL_IN +100) call it for a connection's first packet only, then apply
// the binding. The SNAT/DNAT/MASQUERADE/REDIRECT targets call
// nf_nat_setup_info / nf_nat_masquerade_ipv4 / nf_nat_redirect_ipv4.
//
// Not modelled: helpers' expectations (ftp/sip NAT), NETMAP's offset
// ranges beyond NF_NAT_RANGE_NETMAP, IPv6, the per-hook BPF fast path.
#pragma once
#include <cstdint>

#include "netfilter/nf_conntrack.h"
#include "netfilter/nf_hook.h"
#include "wire/addr.h"

namespace skbox {

class Net;
class NetDevice;

// enum nf_nat_manip_type
enum NfNatManipType : uint8_t { NF_NAT_MANIP_SRC = 0, NF_NAT_MANIP_DST = 1 };

// NF_NAT_RANGE_* (include/uapi/linux/netfilter/nf_nat.h)
enum : uint32_t {
  NF_NAT_RANGE_MAP_IPS = 1u << 0,
  NF_NAT_RANGE_PROTO_SPECIFIED = 1u << 1,
  NF_NAT_RANGE_PROTO_RANDOM = 1u << 2,
  NF_NAT_RANGE_PERSISTENT = 1u << 3,
  NF_NAT_RANGE_PROTO_RANDOM_FULLY = 1u << 4,
  NF_NAT_RANGE_PROTO_OFFSET = 1u << 5,
  NF_NAT_RANGE_NETMAP = 1u << 6,
  NF_NAT_RANGE_PROTO_RANDOM_ALL = NF_NAT_RANGE_PROTO_RANDOM | NF_NAT_RANGE_PROTO_RANDOM_FULLY,
};

// struct nf_nat_range2 (IPv4): addresses and ports (or ICMP ids) in host
// order, inclusive.
struct NfNatRange2 {
  uint32_t flags = 0;
  Ipv4Addr min_addr, max_addr;
  uint16_t min_proto = 0, max_proto = 0;
  uint16_t base_proto = 0;  // NF_NAT_RANGE_PROTO_OFFSET
};

// HOOK2MANIP: SNAT at POST_ROUTING and LOCAL_IN, DNAT at PRE_ROUTING and LOCAL_OUT.
constexpr NfNatManipType HOOK2MANIP(uint8_t hooknum) {
  return hooknum == NF_INET_POST_ROUTING || hooknum == NF_INET_LOCAL_IN ? NF_NAT_MANIP_SRC : NF_NAT_MANIP_DST;
}

// nf_nat_setup_info: binds ct's `maniptype` side into `range` (choosing a
// unique tuple: get_unique_tuple) and sets IPS_SRC_NAT/IPS_DST_NAT and the
// _DONE bit. Called by the SNAT/DNAT targets on a NEW (or RELATED) packet's
// entry. Accept, or Drop when no tuple is free.
NfVerdict nf_nat_setup_info(NfConn& ct, const NfNatRange2& range, NfNatManipType maniptype);
// nf_nat_alloc_null_binding: the identity mapping when no rule matched
// (what keeps later connections from taking this one's tuple).
NfVerdict nf_nat_alloc_null_binding(NfConn& ct, uint8_t hooknum);
bool nf_nat_initialized(const NfConn& ct, NfNatManipType maniptype);
// Called when a connection is freed (nf_nat_cleanup_conntrack).
void nf_nat_cleanup_conntrack(NfConn& ct);

// nf_nat_ipv4_register_fn / unregister: a nat table's per-hook lookup
// (iptable_nat_do_chain). ops.hook is called with the packet, its ct
// already attached; it returns the table verdict. The first function of a
// namespace registers the NAT hooks; the table must also hold
// nf_ct_netns_get (done by its targets in Linux: xt_nat_checkentry).
int nf_nat_ipv4_register_fn(Net& net, const NfHookOps& ops);
void nf_nat_ipv4_unregister_fn(Net& net, const NfHookOps& ops);

// nf_nat_masquerade_ipv4 (the MASQUERADE target, POST_ROUTING only):
// SNAT to the out device's primary address for the route's next hop
// (inet_select_addr); remembers the device so its entries are flushed when
// it goes down or loses that address (the notifiers of nf_nat_masquerade.c).
NfVerdict nf_nat_masquerade_ipv4(SkBuff& skb, uint8_t hooknum, const NfNatRange2& range, const NetDevice* out);
// nf_nat_redirect_ipv4 (REDIRECT, PRE_ROUTING/LOCAL_OUT): DNAT to the
// incoming device's primary address (127.0.0.1 for locally generated).
NfVerdict nf_nat_redirect_ipv4(SkBuff& skb, const NfNatRange2& range, uint8_t hooknum);

// nf_nat_packet: rewrites the skb from ct's tuples for this hook's manip
// type (the bits in ct->status say which sides are NATed).
NfVerdict nf_nat_packet(NfConn& ct, uint8_t ctinfo, uint8_t hooknum, SkBuff& skb);
// nf_nat_icmp_reply_translation: an ICMP error RELATED to a NATed flow has
// its quoted packet rewritten too. False: drop.
bool nf_nat_icmp_reply_translation(SkBuff& skb, NfConn& ct, uint8_t ctinfo, uint8_t hooknum);

}  // namespace skbox
