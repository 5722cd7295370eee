// The UDP tracker (net/netfilter/nf_conntrack_proto_udp.c) and the generic
// one (nf_conntrack_proto_generic.c): no states, only timeouts. A UDP flow
// is unreplied (udp_timeout), then replied; a replied flow still active two
// seconds after it began is a stream (udp_timeout_stream) and ASSURED.
//
// Not modelled: UDP-Lite's checksum coverage (tracked as UDP); GRE, SCTP and
// DCCP have no tracker of their own here (generic timeout).
#include "ipv4/ip.h"
#include "net/net.h"
#include "net/world.h"
#include "netfilter/nf_conntrack.h"
#include "wire/checksum.h"
#include "wire/udp.h"

namespace skbox {

namespace {

constexpr Duration kUdpStreamDelay = 2 * kSec;

// udp_error: true if the packet must not touch the entry.
bool udp_error(const SkBuff& skb, uint32_t dataoff, const NfHookState& st) {
  const uint32_t total = skb.data_off + skb.len - skb.network_header;
  if (total < dataoff + 8) return true;  // short packet
  const uint32_t udplen = total - dataoff;
  const uint8_t* uh = skb.head + skb.network_header + dataoff;
  const uint16_t len = wire::load_be16(uh + 4);
  if (len > udplen || len < 8) return true;  // truncated/malformed
  if (wire::load_be16(uh + 6) == 0) return false;  // no checksum
  // Outgoing packets are trusted (their checksum may still be partial).
  if (st.hook != NF_INET_PRE_ROUTING || !st.net->nf_ct_sysctl.checksum) return false;
  if (skb.ip_summed == CHECKSUM_UNNECESSARY || skb.ip_summed == CHECKSUM_PARTIAL) return false;
  auto iph = ip_hdr(const_cast<SkBuff&>(skb));
  wire::UdpPacket<const uint8_t> u({uh, udplen});
  return !u.verify_checksum(iph.src(), iph.dst());
}

}  // namespace

int nf_conntrack_udp_packet(NfConn& ct, SkBuff& skb, uint32_t dataoff, uint8_t, const NfHookState& st) {
  if (udp_error(skb, dataoff, st)) return -1;
  const NetNfConntrackSysctl& s = st.net->nf_ct_sysctl;
  const Time now = st.net->world.now();
  if (!ct.confirmed()) ct.udp_stream_ts = now + kUdpStreamDelay;
  if (ct.status & IPS_SEEN_REPLY) {
    // Replied, and still active two seconds after it began: a stream,
    // kept longer and (once) ASSURED; a quick request/answer is not.
    const bool stream_time = now > ct.udp_stream_ts;
    const bool stream = stream_time && !(ct.status & IPS_ASSURED);
    nf_ct_refresh(ct, (stream_time ? s.udp_timeout_stream : s.udp_timeout) * kSec);
    if (ct.status & IPS_NAT_CLASH) return 1;  // never assured: they time out soon
    if (stream) {
      ct.status |= IPS_ASSURED;
      nf_conntrack_event_cache(IPCT_ASSURED, ct);
    }
  } else {
    nf_ct_refresh(ct, s.udp_timeout * kSec);
  }
  return 1;
}

int nf_conntrack_generic_packet(NfConn& ct, SkBuff&, uint8_t, const NfHookState& st) {
  nf_ct_refresh(ct, st.net->nf_ct_sysctl.generic_timeout * kSec);
  return 1;
}

}  // namespace skbox
