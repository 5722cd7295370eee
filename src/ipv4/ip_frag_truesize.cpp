// skb->truesize of the pieces ip_fragment makes (net/ipv4/ip_output.c).
// The kernel has two paths. A datagram built here by ip_append_data (UDP,
// ping) is already a list of buffers of one fragment each, allocated with
// LL_RESERVED_SPACE + 15 bytes to spare, and ip_do_fragment's fast path
// sends those buffers as they are (taking their truesize out of the
// head's). Anything else, a forwarded datagram above all, takes the slow
// path: ip_frag_next copies each piece into alloc_skb(fraglen +
// LL_RESERVED_SPACE).
//
// skbox always copies; the path is told by where the datagram came from:
// a received one has skb_iif set (__netif_receive_skb_core), a locally
// built one does not. Not modelled: raw IP_HDRINCL datagrams, which the
// kernel fragments on the slow path though they are built locally.
#include "ipv4/ip_fragment.h"
#include "net/netdevice.h"

namespace skbox {

uint32_t ip_frag_piece_truesize(const SkBuff& skb, uint32_t fraglen) {
  const NetDevice* dev = skb.dst.dev ? skb.dst.dev : skb.dev;
  // LL_RESERVED_SPACE(dev): ip_append_data's hh_len, ip_frag_next's ll_rs.
  const uint32_t ll_rs = ((dev ? dev->hard_header_len : 14u) & ~15u) + 16;
  return skb_truesize(fraglen + ll_rs + (skb.skb_iif == 0 ? 15 : 0));
}

}  // namespace skbox
