// The ICMP tracker (net/netfilter/nf_conntrack_proto_icmp.c): queries
// (echo, timestamp, info, address) pair with their replies by id; errors
// are looked up by the packet they quote and marked RELATED to its flow.
//
// Not modelled: nf_conntrack_log_invalid messages (no kernel log yet).
#include "ipv4/ip.h"
#include "net/net.h"
#include "netfilter/nf_conntrack.h"
#include "wire/checksum.h"
#include "wire/icmp.h"

namespace skbox {

namespace {

// nf_ip_checksum: only a packet whose checksum nobody vouched for is summed.
bool icmp_checksum_bad(const SkBuff& skb, uint32_t dataoff) {
  if (skb.ip_summed == CHECKSUM_UNNECESSARY || skb.ip_summed == CHECKSUM_PARTIAL) return false;
  const uint32_t off = skb.network_header + dataoff;
  const uint32_t len = skb.data_off + skb.len - off;
  return wire::csum_fold(wire::csum_partial({skb.head + off, len})) != 0;
}

// nf_conntrack_inet_error: the quoted packet's flow, in the direction the
// error travels.
int icmp_error_related(SkBuff& skb, uint32_t inner_off, const NfHookState& st) {
  NfConntrackTuple orig, inner;
  if (!nf_ct_get_tuple(skb, skb.network_header + inner_off, orig)) return -1;
  // The quoted packet went the other way: its inverse is what we look for.
  if (!nf_ct_invert_tuple(inner, orig)) return -1;
  uint8_t dir = 0;
  NfConn* ct = nf_conntrack_find_get(nf_ct_net(*st.net), inner, &dir);
  if (!ct) return -1;
  // A bogus error could name a flow to another host: the outer destination
  // must be where that direction of the flow goes.
  const Ipv4Addr outer_daddr = ip_hdr(skb).dst();
  if (ct->tuple[dir].dst.v != outer_daddr.v) {
    nf_ct_put(ct);
    return -1;
  }
  nf_ct_set(skb, ct, dir == IP_CT_DIR_REPLY ? IP_CT_RELATED_REPLY : IP_CT_RELATED);
  return 1;
}

}  // namespace

int nf_conntrack_icmpv4_error(SkBuff& skb, uint32_t dataoff, const NfHookState& st) {
  const uint32_t avail = skb.data_off + skb.len - skb.network_header;
  if (avail < dataoff + 8) return -1;  // "short packet"
  if (st.net->nf_ct_sysctl.checksum && st.hook == NF_INET_PRE_ROUTING && icmp_checksum_bad(skb, dataoff))
    return -1;  // "bad hw icmp checksum"
  const uint8_t type = skb.head[skb.network_header + dataoff];
  if (type > wire::NR_ICMP_TYPES) return -1;  // "invalid icmp type"
  if (!wire::icmp_is_err(type)) return 1;
  return icmp_error_related(skb, dataoff + 8, st);
}

int nf_conntrack_icmp_packet(NfConn& ct, SkBuff&, uint8_t, const NfHookState& st) {
  // Only a query may create an entry; a lone reply stays untracked.
  switch (ct.tuple[IP_CT_DIR_ORIGINAL].icmp_type) {
    case wire::ICMP_ECHO:
    case wire::ICMP_TIMESTAMP:
    case wire::ICMP_INFO_REQUEST:
    case wire::ICMP_ADDRESS:
      break;
    default:
      return -1;
  }
  // The entry outlives the first reply: duplicates and conntrackd would
  // otherwise see it come and go.
  nf_ct_refresh(ct, st.net->nf_ct_sysctl.icmp_timeout * kSec);
  return 1;
}

}  // namespace skbox
