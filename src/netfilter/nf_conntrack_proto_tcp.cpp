// The TCP tracker (net/netfilter/nf_conntrack_proto_tcp.c): the state of a
// connection from the flags each direction sends, through the kernel's
// transition table, with a timeout per state (nf_conntrack_tcp_timeout_*).
// A mid-stream ACK picks a connection up (nf_conntrack_tcp_loose=1).
//
// Not modelled: window tracking (tcp_in_window: sequence/ack checks,
// scaling, "be liberal" is always on), retransmission counting
// (max_retrans / unacknowledged timeouts), SYN cookies / challenge ACKs,
// the last-index bookkeeping for simultaneous opens beyond the table.
#include "ipv4/ip.h"
#include "net/net.h"
#include "netfilter/nf_conntrack.h"
#include "wire/checksum.h"

namespace skbox {

namespace {

using S = TcpConntrack;

// Flag classes, in the table's row order (get_conntrack_index).
enum TcpIndex : uint8_t { kSyn, kSynAck, kFin, kAck, kRst, kNone, kIndexMax };

constexpr uint8_t kFlagFin = 0x01, kFlagSyn = 0x02, kFlagRst = 0x04, kFlagPsh = 0x08, kFlagAck = 0x10,
                  kFlagUrg = 0x20, kFlagEce = 0x40, kFlagCwr = 0x80;

TcpIndex conntrack_index(uint8_t f) {
  if (f & kFlagRst) return kRst;
  if (f & kFlagSyn) return (f & kFlagAck) ? kSynAck : kSyn;
  if (f & kFlagFin) return kFin;
  if (f & kFlagAck) return kAck;
  return kNone;
}

constexpr S sSS = S::SynSent, sSR = S::SynRecv, sES = S::Established, sFW = S::FinWait,
            sCW = S::CloseWait, sLA = S::LastAck, sTW = S::TimeWait, sCL = S::Close, sS2 = S::Listen,
            sIV = S::Max, sIG = S::Ignore;

// [direction][flag class][old state]: the behaviour of tcp_conntracks,
// columns NONE SYN_SENT SYN_RECV ESTABLISHED FIN_WAIT CLOSE_WAIT LAST_ACK
// TIME_WAIT CLOSE SYN_SENT2.
constexpr S kTable[2][kIndexMax][10] = {
    {
        /* syn    */ {sSS, sSS, sIG, sIG, sIG, sIG, sIG, sSS, sSS, sS2},
        /* synack */ {sIV, sIV, sSR, sIV, sIV, sIV, sIV, sIV, sIV, sSR},
        /* fin    */ {sIV, sIV, sFW, sFW, sLA, sLA, sLA, sTW, sCL, sIV},
        /* ack    */ {sES, sIV, sES, sES, sCW, sCW, sTW, sTW, sCL, sIV},
        /* rst    */ {sIV, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL},
        /* none   */ {sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV},
    },
    {
        /* syn    */ {sIV, sS2, sIV, sIV, sIV, sIV, sIV, sSS, sIV, sS2},
        /* synack */ {sIV, sSR, sIG, sIG, sIG, sIG, sIG, sIG, sIG, sSR},
        /* fin    */ {sIV, sIV, sFW, sFW, sLA, sLA, sLA, sTW, sCL, sIV},
        /* ack    */ {sIV, sIG, sSR, sES, sCW, sCW, sTW, sTW, sCL, sIG},
        /* rst    */ {sIV, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL},
        /* none   */ {sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV},
    },
};

int timeout_of(const NetNfConntrackSysctl& s, S st) {
  switch (st) {
    case S::SynSent: return s.tcp_timeout_syn_sent;
    case S::SynRecv: return s.tcp_timeout_syn_recv;
    case S::Established: return s.tcp_timeout_established;
    case S::FinWait: return s.tcp_timeout_fin_wait;
    case S::CloseWait: return s.tcp_timeout_close_wait;
    case S::LastAck: return s.tcp_timeout_last_ack;
    case S::TimeWait: return s.tcp_timeout_time_wait;
    case S::Close: return s.tcp_timeout_close;
    case S::Listen: return s.tcp_timeout_syn_sent;  // SYN_SENT2
    default: return s.tcp_timeout_close;
  }
}

// tcp_valid_flags: the combinations a real stack sends.
bool valid_flags(uint8_t f) {
  const uint8_t core = f & ~(kFlagEce | kFlagCwr | kFlagPsh);
  switch (core) {
    case kFlagSyn: case kFlagSyn | kFlagUrg: case kFlagSyn | kFlagAck: case kFlagRst: case kFlagRst | kFlagAck:
    case kFlagFin | kFlagAck: case kFlagFin | kFlagAck | kFlagUrg: case kFlagAck: case kFlagAck | kFlagUrg:
      return true;
    default:
      return false;
  }
}

uint8_t tcp_flags(const SkBuff& skb, uint32_t dataoff) { return skb.head[skb.network_header + dataoff + 13]; }

}  // namespace

const char* tcp_conntrack_name(TcpConntrack s) {
  static const char* kNames[] = {"NONE",     "SYN_SENT",  "SYN_RECV", "ESTABLISHED", "FIN_WAIT",
                                 "CLOSE_WAIT", "LAST_ACK", "TIME_WAIT", "CLOSE",     "SYN_SENT2"};
  const auto i = static_cast<size_t>(s);
  return i < std::size(kNames) ? kNames[i] : "NONE";
}

bool nf_conntrack_tcp_error(SkBuff& skb, uint32_t dataoff, const NfHookState& st) {
  const uint32_t total = skb.data_off + skb.len - skb.network_header;
  if (total < dataoff + 20) return true;  // short packet
  const uint8_t* th = skb.head + skb.network_header + dataoff;
  const uint32_t doff = (th[12] >> 4) * 4u;
  if (doff < 20 || doff > total - dataoff) return true;  // truncated/malformed
  if (st.net->nf_ct_sysctl.checksum && st.hook == NF_INET_PRE_ROUTING && skb.ip_summed == CHECKSUM_NONE) {
    auto iph = ip_hdr(skb);
    const uint32_t len = total - dataoff;
    const uint32_t sum = wire::pseudo_header_sum(iph.src(), iph.dst(), IPPROTO_TCP, len);
    if (wire::csum_fold(wire::csum_partial({th, len}, sum)) != 0) return true;
  }
  return !valid_flags(th[13]);
}

bool nf_conntrack_tcp_new(NfConn& ct, const SkBuff& skb, uint32_t dataoff) {
  const S ns = kTable[0][conntrack_index(tcp_flags(skb, dataoff))][0];
  if (ns == S::SynSent) {
    ct.tcp.state = S::None;
    return true;
  }
  if (ns != S::Established || !ct.cnet || !ct.cnet->net.nf_ct_sysctl.tcp_loose) return false;
  ct.tcp.state = S::None;  // picked up mid-stream
  return true;
}

int nf_conntrack_tcp_packet(NfConn& ct, SkBuff& skb, uint32_t dataoff, uint8_t ctinfo, const NfHookState& st) {
  if (!ct.confirmed() && !nf_conntrack_tcp_new(ct, skb, dataoff)) return -1;
  const uint8_t dir = CTINFO2DIR(ctinfo);
  const TcpIndex idx = conntrack_index(tcp_flags(skb, dataoff));
  const S old = ct.tcp.state;
  S ns = kTable[dir][idx][static_cast<size_t>(old)];
  if (ns == S::SynSent && old >= S::TimeWait && old != S::Listen) {
    // A new SYN on a closed connection: drop the old entry, look up again.
    if (nf_ct_kill(&ct)) return -2;
    return 0;
  }
  if (ns == S::Ignore) return 1;  // ct->proto.tcp.last_* bookkeeping not modelled
  if (ns == S::Max) return -1;    // invalid in this state
  ct.tcp.state = ns;
  ct.tcp.last_dir = dir;
  ct.tcp.last_index = static_cast<uint8_t>(idx + 1);
  nf_ct_refresh(ct, timeout_of(st.net->nf_ct_sysctl, ns) * kSec);
  if (old != ns) nf_conntrack_event_cache(IPCT_PROTOINFO, ct);
  if (!(ct.status & IPS_ASSURED) && (old == S::SynRecv || old == S::Established) && ns == S::Established) {
    ct.status |= IPS_ASSURED;
    nf_conntrack_event_cache(IPCT_ASSURED, ct);
  }
  return 1;
}

bool nf_conntrack_tcp_can_early_drop(const NfConn& ct) {
  switch (ct.tcp.state) {
    case S::FinWait: case S::LastAck: case S::TimeWait: case S::Close: case S::CloseWait: return true;
    default: return false;
  }
}

}  // namespace skbox
