// The NAT core (net/netfilter/nf_nat_core.c, nf_nat_proto.c,
// nf_nat_masquerade.c, nf_nat_redirect.c): a connection's binding is chosen
// once, by the nat table's rules on its first packet (or a null binding
// when no rule matched), and stored as the conntrack entry's reply tuple;
// every later packet of either direction is rewritten from the tuples.
//
// The nat table (iptable_nat.cpp) plugs in like Linux's does: it
// registers one lookup function per hook with nf_nat_ipv4_register_fn; the
// NAT hooks (DNAT at PRE_ROUTING/LOCAL_OUT -100, SNAT at POST_ROUTING/
// LOCAL_IN +100) call it for a connection's first packet only, then apply
// the binding. The SNAT/DNAT/MASQUERADE/REDIRECT targets call
// nf_nat_setup_info / nf_nat_masquerade_ipv4 / nf_nat_redirect_ipv4.
//
// Not modelled: helpers' expectations (ftp/sip NAT) and seqadj, NETMAP,
// IPv6, xfrm, the BPF kfuncs, SCTP/DCCP/GRE rewriting (their tuples are
// tracked generically here), the SMP clash cases (nf_nat_used_tuple_new's
// reverse-direction race, nf_nat_used_tuple_harder's TIME_WAIT eviction
// on a nearly full port range), and the one-CPU-per-core port-choice
// randomness (skbox draws from the World's seeded RNG).
#pragma once
#include <cstdint>

#include "netfilter/nf_conntrack.h"
#include "net/notifier.h"
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
  bool operator==(const NfNatRange2& o) const {
    return flags == o.flags && min_addr.v == o.min_addr.v && max_addr.v == o.max_addr.v &&
           min_proto == o.min_proto && max_proto == o.max_proto && base_proto == o.base_proto;
  }
};

// HOOK2MANIP: SNAT at POST_ROUTING and LOCAL_IN, DNAT at PRE_ROUTING and LOCAL_OUT.
constexpr NfNatManipType HOOK2MANIP(uint8_t hooknum) {
  return hooknum == NF_INET_POST_ROUTING || hooknum == NF_INET_LOCAL_IN ? NF_NAT_MANIP_SRC : NF_NAT_MANIP_DST;
}

// nf_nat_setup_info: binds ct's `maniptype` side into `range` (choosing a
// unique tuple: get_unique_tuple), alters the reply tuple, and sets
// IPS_SRC_NAT/IPS_DST_NAT (when something changed) and the _DONE bit.
// Called by the SNAT/DNAT targets on a NEW (or RELATED) packet's entry;
// a confirmed entry is left as it is. Accept, or Drop.
NfVerdict nf_nat_setup_info(NfConn& ct, const NfNatRange2& range, NfNatManipType maniptype);
// nf_nat_alloc_null_binding: the identity mapping when no rule matched
// (what keeps later connections from taking this one's tuple; it may
// still move the source port off one that is taken).
NfVerdict nf_nat_alloc_null_binding(NfConn& ct, uint8_t hooknum);
inline bool nf_nat_initialized(const NfConn& ct, NfNatManipType maniptype) {
  return ct.status & (maniptype == NF_NAT_MANIP_SRC ? IPS_SRC_NAT_DONE : IPS_DST_NAT_DONE);
}
// Called when a connection is freed (nf_nat_cleanup_conntrack): it leaves
// the by-source hash.
void nf_nat_cleanup_conntrack(NfConn& ct);

// nf_nat_ipv4_register_fn / unregister: a nat table's per-hook lookup
// (iptable_nat_do_chain). ops.hook is called with the packet, its ct
// already attached, for a connection's first packet; it returns the
// table's verdict. The first function of a namespace registers the NAT
// hooks, the last one's removal unregisters them. The hooks do nothing
// for packets without conntrack: the targets take nf_ct_netns_get.
int nf_nat_ipv4_register_fn(Net& net, const NfHookOps& ops);
void nf_nat_ipv4_unregister_fn(Net& net, const NfHookOps& ops);
// nf_nat_inet_fn: the NAT hook's body for one packet (priv: NfNatNet).
NfVerdict nf_nat_inet_fn(void* priv, SkbPtr& skb, const NfHookState& state);
// The IPv4 NAT hooks themselves (nf_nat_ipv4_ops), priv pointing at nn.
int nf_nat_ipv4_register_hooks(Net& net, NfNatNet* nn);
void nf_nat_ipv4_unregister_hooks(Net& net, NfNatNet* nn);

// nf_nat_masquerade_ipv4 (the MASQUERADE target, POST_ROUTING only):
// SNAT to the out device's address for the route's next hop
// (inet_select_addr); remembers the device so its entries are flushed when
// it goes down or loses that address (nf_nat_masq_*_event).
NfVerdict nf_nat_masquerade_ipv4(SkBuff& skb, uint8_t hooknum, const NfNatRange2& range, const NetDevice* out);
// The notifiers of nf_nat_masquerade.c, run synchronously (Linux defers
// them to a work item): NETDEV_DOWN (on the netdevice chain), and an
// address deleted from a device.
void masq_device_event(NetdevEvent ev, NetDevice* dev);
void nf_nat_masq_inet_down(NetDevice* dev, Ipv4Addr addr);
// nf_nat_redirect_ipv4 (REDIRECT, PRE_ROUTING/LOCAL_OUT): DNAT to the
// incoming device's first address (127.0.0.1 for locally generated).
NfVerdict nf_nat_redirect_ipv4(SkBuff& skb, const NfNatRange2& range, uint8_t hooknum);

// nf_nat_packet: rewrites the skb from ct's tuples for this hook's manip
// type (the bits in ct->status say which sides are NATed).
NfVerdict nf_nat_packet(NfConn& ct, uint8_t ctinfo, uint8_t hooknum, SkBuff& skb);
// nf_nat_ipv4_manip_pkt: rewrites the IPv4 header at `iphdroff` (from the
// network header) and its transport header to `target`'s source or
// destination, fixing the checksums. False: too short to rewrite.
bool nf_nat_ipv4_manip_pkt(SkBuff& skb, uint32_t iphdroff, const NfConntrackTuple& target, NfNatManipType mtype);
// nf_nat_icmp_reply_translation: an ICMP error RELATED to a NATed flow has
// its quoted packet rewritten too. False: drop.
bool nf_nat_icmp_reply_translation(SkBuff& skb, NfConn& ct, uint8_t ctinfo, uint8_t hooknum);

}  // namespace skbox
