// Rewriting packets for NAT (net/netfilter/nf_nat_proto.c): the IPv4
// header and the TCP/UDP ports or ICMP query id, with incremental checksum
// updates (a CHECKSUM_PARTIAL packet's transport field holds only the
// pseudo-header sum, so only the address part changes there); ICMP errors
// about a NATed flow, whose quoted packet is rewritten too; and the four
// IPv4 NAT hooks with what each does around the core (a DNAT'ed local
// packet is routed again, a DNAT'ed incoming one loses its route).
//
// Not modelled: UDP-Lite/SCTP/DCCP/GRE rewriting, xfrm session decoding,
// CHECKSUM_COMPLETE's skb->csum (skbox devices never produce it).
#include <netinet/in.h>

#include "ipv4/ip.h"
#include "net/net.h"
#include "netfilter/nf_nat.h"
#include "wire/be.h"
#include "wire/checksum.h"
#include "wire/icmp.h"

namespace skbox {

namespace {

constexpr uint32_t kUdpHlen = 8, kTcpHlen = 20, kIcmpHlen = 8;

// A 16-bit checksum field at p, read and written in network order.
struct CsumField {
  uint8_t* p;
  uint16_t get() const { return wire::load_be16(p); }
  void set(uint16_t v) const { wire::store_be16(p, v); }
};

// inet_proto_csum_replace4: a 32-bit field covered by the checksum (and,
// when pseudohdr, by the pseudo-header) changed.
void inet_proto_csum_replace4(CsumField f, const SkBuff& skb, uint32_t from, uint32_t to, bool pseudohdr) {
  uint16_t c = f.get();
  if (skb.ip_summed != CHECKSUM_PARTIAL) {
    wire::csum_replace4(c, from, to);
  } else if (pseudohdr) {
    c = static_cast<uint16_t>(~wire::csum_fold(wire::csum_add(wire::csum_sub(wire::csum_unfold(c), from), to)));
  } else {
    return;
  }
  f.set(c);
}

void inet_proto_csum_replace2(CsumField f, const SkBuff& skb, uint16_t from, uint16_t to) {
  inet_proto_csum_replace4(f, skb, from, to, false);
}

// nf_nat_ipv4_csum_update: the address about to change in the header at iph.
void nf_csum_update(const SkBuff& skb, const uint8_t* iph, CsumField check, const NfConntrackTuple& t,
                    NfNatManipType mt) {
  const uint32_t oldip = wire::load_be32(iph + (mt == NF_NAT_MANIP_SRC ? 12 : 16));
  const uint32_t newip = mt == NF_NAT_MANIP_SRC ? t.src.v : t.dst.v;
  inet_proto_csum_replace4(check, skb, oldip, newip, true);
}

// The bytes from `off` (from the network header) to the end of the data.
uint32_t avail(const SkBuff& skb, uint32_t off) {
  const uint32_t n = skb.network_len();
  return off <= n ? n - off : 0;
}

bool udp_manip_pkt(SkBuff& skb, uint32_t iphdroff, uint32_t hdroff, const NfConntrackTuple& t, NfNatManipType mt) {
  if (avail(skb, hdroff) < kUdpHlen) return false;
  uint8_t* nh = skb.network_ptr();
  uint8_t* uh = nh + hdroff;
  uint8_t* portptr = uh + (mt == NF_NAT_MANIP_SRC ? 0 : 2);
  const uint16_t newport = mt == NF_NAT_MANIP_SRC ? t.src_port : t.dst_port;
  const CsumField check{uh + 6};
  // A zero checksum means none was sent: it stays zero.
  if (check.get() || skb.ip_summed == CHECKSUM_PARTIAL) {
    nf_csum_update(skb, nh + iphdroff, check, t, mt);
    inet_proto_csum_replace2(check, skb, wire::load_be16(portptr), newport);
    if (!check.get()) check.set(0xffff);  // CSUM_MANGLED_0
  }
  wire::store_be16(portptr, newport);
  return true;
}

bool tcp_manip_pkt(SkBuff& skb, uint32_t iphdroff, uint32_t hdroff, const NfConntrackTuple& t, NfNatManipType mt) {
  // Conntrack guarantees 8 bytes; a header quoted in an ICMP error may
  // have no more, and then its checksum cannot be fixed.
  const uint32_t have = avail(skb, hdroff);
  if (have < 8) return false;
  uint8_t* nh = skb.network_ptr();
  uint8_t* th = nh + hdroff;
  uint8_t* portptr = th + (mt == NF_NAT_MANIP_SRC ? 0 : 2);
  const uint16_t oldport = wire::load_be16(portptr);
  const uint16_t newport = mt == NF_NAT_MANIP_SRC ? t.src_port : t.dst_port;
  wire::store_be16(portptr, newport);
  if (have < kTcpHlen) return true;
  const CsumField check{th + 16};
  nf_csum_update(skb, nh + iphdroff, check, t, mt);
  inet_proto_csum_replace2(check, skb, oldport, newport);
  return true;
}

bool icmp_manip_pkt(SkBuff& skb, uint32_t hdroff, const NfConntrackTuple& t) {
  if (avail(skb, hdroff) < kIcmpHlen) return false;
  uint8_t* ih = skb.network_ptr() + hdroff;
  switch (ih[0]) {
    case wire::ICMP_ECHO: case wire::ICMP_ECHOREPLY: case wire::ICMP_TIMESTAMP: case wire::ICMP_TIMESTAMPREPLY:
    case wire::ICMP_INFO_REQUEST: case wire::ICMP_INFO_REPLY: case wire::ICMP_ADDRESS: case wire::ICMP_ADDRESSREPLY:
      break;
    default:
      return true;  // errors carry no id
  }
  inet_proto_csum_replace2(CsumField{ih + 2}, skb, wire::load_be16(ih + 4), t.src_port);
  wire::store_be16(ih + 4, t.src_port);
  return true;
}

bool l4proto_manip_pkt(SkBuff& skb, uint32_t iphdroff, uint32_t hdroff, const NfConntrackTuple& t,
                       NfNatManipType mt) {
  switch (t.protonum) {
    case IPPROTO_TCP: return tcp_manip_pkt(skb, iphdroff, hdroff, t, mt);
    case IPPROTO_UDP: return udp_manip_pkt(skb, iphdroff, hdroff, t, mt);
    case IPPROTO_ICMP: return icmp_manip_pkt(skb, hdroff, t);
    default: return true;  // an unknown protocol passes with only its addresses changed
  }
}

// nf_ip_checksum over the ICMP message: only one nobody vouched for is summed.
bool icmp_checksum_bad(const SkBuff& skb, uint32_t hdrlen) {
  if (skb.ip_summed == CHECKSUM_UNNECESSARY || skb.ip_summed == CHECKSUM_PARTIAL) return false;
  return wire::csum_fold(wire::csum_partial({skb.head + skb.network_header + hdrlen, avail(skb, hdrlen)})) != 0;
}

// ip_route_me_harder: a local packet whose destination NAT changed takes
// the route to its new one, from its own source.
bool ip_route_me_harder(Net& net, SkBuff& skb) {
  auto iph = ip_hdr(skb);
  Flowi4 fl;
  fl.daddr = iph.dst();
  fl.saddr = iph.src();
  fl.tos = iph.tos();
  fl.mark = skb.mark;
  fl.proto = iph.protocol();
  RouteOut rt;
  if (ip_route_output(net, fl, rt) != 0) return false;
  skb.dst = rt.dst;
  return true;
}

// The hooks (nf_nat_ipv4_ops). ICMP errors about a NATed flow are
// translated here; everything else goes to the core.
NfVerdict nf_nat_ipv4_fn(void* priv, SkbPtr& skb, const NfHookState& st) {
  uint8_t ctinfo;
  NfConn* ct = nf_ct_get(*skb, &ctinfo);
  if (!ct) return NfVerdict::Accept;
  if ((ctinfo == IP_CT_RELATED || ctinfo == IP_CT_RELATED_REPLY) && ip_hdr(*skb).protocol() == IPPROTO_ICMP)
    return nf_nat_icmp_reply_translation(*skb, *ct, ctinfo, st.hook) ? NfVerdict::Accept : NfVerdict::Drop;
  return nf_nat_inet_fn(priv, skb, st);
}

NfVerdict nf_nat_ipv4_pre_routing(void* priv, SkbPtr& skb, const NfHookState& st) {
  const uint32_t daddr = ip_hdr(*skb).dst().v;
  const NfVerdict v = nf_nat_ipv4_fn(priv, skb, st);
  if (v == NfVerdict::Accept && daddr != ip_hdr(*skb).dst().v) skb->dst = SkbDst{};  // skb_dst_drop
  return v;
}

NfVerdict nf_nat_ipv4_local_fn(void* priv, SkbPtr& skb, const NfHookState& st) {
  const NfVerdict v = nf_nat_ipv4_fn(priv, skb, st);
  if (v != NfVerdict::Accept) return v;
  uint8_t ctinfo;
  if (const NfConn* ct = nf_ct_get(*skb, &ctinfo)) {
    const uint8_t dir = CTINFO2DIR(ctinfo);
    if (ct->tuple[dir].dst.v != ct->tuple[!dir].src.v && !ip_route_me_harder(*st.net, *skb)) return NfVerdict::Drop;
  }
  return v;
}

struct NatHookDef {
  NfHookFn fn;
  uint8_t hook;
  int prio;
};
constexpr NatHookDef kNatHooks[] = {
    {&nf_nat_ipv4_pre_routing, NF_INET_PRE_ROUTING, NF_IP_PRI_NAT_DST},
    {&nf_nat_ipv4_fn, NF_INET_POST_ROUTING, NF_IP_PRI_NAT_SRC},  // nf_nat_ipv4_out
    {&nf_nat_ipv4_local_fn, NF_INET_LOCAL_OUT, NF_IP_PRI_NAT_DST},
    {&nf_nat_ipv4_fn, NF_INET_LOCAL_IN, NF_IP_PRI_NAT_SRC},  // nf_nat_ipv4_local_in
};

NfHookOps nat_ops(const NatHookDef& d, NfNatNet* nn) {
  NfHookOps o;
  o.hook = d.fn;
  o.priv = nn;
  o.pf = NFPROTO_IPV4;
  o.hooknum = d.hook;
  o.priority = d.prio;
  return o;
}

}  // namespace

bool nf_nat_ipv4_manip_pkt(SkBuff& skb, uint32_t iphdroff, const NfConntrackTuple& target, NfNatManipType mt) {
  if (avail(skb, iphdroff) < 20) return false;
  uint8_t* iph = skb.network_ptr() + iphdroff;
  const uint32_t hdroff = iphdroff + (iph[0] & 0x0f) * 4u;
  if (!l4proto_manip_pkt(skb, iphdroff, hdroff, target, mt)) return false;
  const uint32_t off = mt == NF_NAT_MANIP_SRC ? 12 : 16;
  const uint32_t newip = mt == NF_NAT_MANIP_SRC ? target.src.v : target.dst.v;
  uint16_t check = wire::load_be16(iph + 10);
  wire::csum_replace4(check, wire::load_be32(iph + off), newip);
  wire::store_be16(iph + 10, check);
  wire::store_be32(iph + off, newip);
  return true;
}

bool nf_nat_icmp_reply_translation(SkBuff& skb, NfConn& ct, uint8_t ctinfo, uint8_t hooknum) {
  const uint8_t dir = CTINFO2DIR(ctinfo);
  const NfNatManipType manip = HOOK2MANIP(hooknum);
  const uint32_t hdrlen = ip_hdr(skb).ihl() * 4u;
  if (avail(skb, hdrlen) < kIcmpHlen + 20) return false;
  if (icmp_checksum_bad(skb, hdrlen)) return false;
  const uint8_t* icmph = skb.network_ptr() + hdrlen;
  if (icmph[0] == wire::ICMP_REDIRECT) {
    // A redirect for a NATed flow would point the host at the wrong router.
    if ((ct.status & IPS_NAT_DONE_MASK) != IPS_NAT_DONE_MASK) return false;
    if (ct.status & IPS_NAT_MASK) return false;
  }
  uint32_t statusbit = manip == NF_NAT_MANIP_SRC ? IPS_SRC_NAT : IPS_DST_NAT;
  if (dir == IP_CT_DIR_REPLY) statusbit ^= IPS_NAT_MASK;
  if (!(ct.status & statusbit)) return true;
  // The quoted packet went the other way: it gets the other direction's
  // tuple, on the other side.
  const NfNatManipType inner = manip == NF_NAT_MANIP_SRC ? NF_NAT_MANIP_DST : NF_NAT_MANIP_SRC;
  if (!nf_nat_ipv4_manip_pkt(skb, hdrlen + kIcmpHlen, ct.tuple[!dir], inner)) return false;
  if (skb.ip_summed != CHECKSUM_PARTIAL) {
    uint8_t* ih = skb.network_ptr() + hdrlen;
    wire::store_be16(ih + 2, 0);
    wire::store_be16(ih + 2, wire::csum_fold(wire::csum_partial({ih, avail(skb, hdrlen)})));
  }
  // The outer header looks like the reply to the other direction.
  NfConntrackTuple target;
  nf_ct_invert_tuple(target, ct.tuple[!dir]);
  target.protonum = IPPROTO_ICMP;
  return nf_nat_ipv4_manip_pkt(skb, 0, target, manip);
}

int nf_nat_ipv4_register_hooks(Net& net, NfNatNet* nn) {
  for (const NatHookDef& d : kNatHooks)
    if (int err = nf_register_net_hook(net, nat_ops(d, nn))) return err;
  return 0;
}

void nf_nat_ipv4_unregister_hooks(Net& net, NfNatNet* nn) {
  for (const NatHookDef& d : kNatHooks) nf_unregister_net_hook(net, nat_ops(d, nn));
}

}  // namespace skbox
