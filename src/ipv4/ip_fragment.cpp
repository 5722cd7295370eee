// ip_fragment / ip_do_fragment (net/ipv4/ip_output.c): the slow path, which
// copies each piece into a fresh packet. Locally built datagrams that Linux
// would have pre-split in ip_append_data (the frag_list fast path) come out
// the same on the wire: the same 8-byte aligned piece sizes and headers.
// Not modelled: IP options (ip_options_fragment: every option is copied),
// GSO, the frag_max_size/IPSKB_FRAG_PMTU refragmentation rule.
#include "ipv4/ip_fragment.h"

#include <cerrno>
#include <cstring>

#include "ipv4/icmp.h"
#include "ipv4/ip.h"
#include "net/net.h"
#include "net/world.h"
#include "trace/trace.h"

namespace skbox {

namespace {

// ip_copy_metadata: what a fragment inherits from the datagram.
void ip_copy_metadata(SkBuff& to, const SkBuff& from) {
  to.dev = from.dev;
  to.skb_iif = from.skb_iif;
  to.protocol = from.protocol;
  to.pkt_type = from.pkt_type;
  to.priority = from.priority;
  to.mark = from.mark;
  to.dst = from.dst;
  to.tstamp = from.tstamp;
  to.sk = from.sk;
  to.nf_trace = from.nf_trace;  // nf_copy
}

}  // namespace

int ip_fragment(Net& net, SkbPtr skb, uint32_t mtu, IpFragOutput output) {
  auto iph = ip_hdr(*skb);
  if (iph.frag_off() & IP_DF) {
    net.mib.ip.inc(IpMib::FragFails);
    icmp_send(*skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, mtu);
    kfree_skb_reason(std::move(skb), DropReason::PKT_TOO_BIG);
    return -EMSGSIZE;
  }
  skb_trace(*skb, "ip_do_fragment");
  const uint32_t hlen = iph.ihl() * 4u;
  const uint32_t room = mtu > hlen ? mtu - hlen : 0;
  if (room < 8) {  // nothing sensible fits (mtu below 68 is refused elsewhere)
    net.mib.ip.inc(IpMib::FragFails);
    kfree_skb_reason(std::move(skb), DropReason::PKT_TOO_BIG);
    return -EMSGSIZE;
  }
  const uint8_t* src = skb->network_ptr();
  uint32_t left = skb->network_len() - hlen;
  uint32_t ptr = hlen;
  uint32_t offset = iph.frag_offset();
  const bool not_last_frag = iph.more_frags();
  while (left > 0) {
    // ip_frag_next: all but the last piece are a multiple of 8 bytes.
    uint32_t len = std::min(left, room);
    if (len < left) len &= ~7u;
    SkbPtr frag = net.world.pool.alloc(hlen + len);
    if (!frag) {
      net.mib.ip.inc(IpMib::FragFails);
      kfree_skb_reason(std::move(skb), DropReason::NOMEM);
      return -ENOMEM;
    }
    ip_copy_metadata(*frag, *skb);
    frag->truesize = ip_frag_piece_truesize(*skb, hlen + len);
    uint8_t* p = frag->put(hlen + len);
    std::memcpy(p, src, hlen);
    std::memcpy(p + hlen, src + ptr, len);
    frag->reset_network_header();
    frag->transport_header = static_cast<uint16_t>(frag->network_header + hlen);
    left -= len;
    auto fh = ip_hdr(*frag);
    uint16_t fo = static_cast<uint16_t>(offset >> 3);
    if (left > 0 || not_last_frag) fo |= IP_MF;
    fh.set_frag_off(fo);
    fh.set_total_len(static_cast<uint16_t>(hlen + len));
    fh.fill_checksum();
    ptr += len;
    offset += len;
    // A piece the device refused (a veth peer with a smaller MTU, a
    // device gone down) ends the datagram: the rest is not sent.
    if (int err = output(net, std::move(frag)); err) {
      net.mib.ip.inc(IpMib::FragFails);
      kfree_skb_reason(std::move(skb), DropReason::NOT_SPECIFIED);
      return err;
    }
    net.mib.ip.inc(IpMib::FragCreates);
  }
  net.mib.ip.inc(IpMib::FragOKs);
  consume_skb(std::move(skb));
  return 0;
}

}  // namespace skbox
