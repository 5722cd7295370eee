// Connection tracking for IPv4 (net/netfilter/nf_conntrack_core.c and
// include/net/netfilter/nf_conntrack*.h): each flow is an NfConn with its
// original and reply tuples, hashed by both in its namespace's table, and a
// packet that belongs to one carries a counted reference to it in
// skb->_nfct with its ctinfo (NEW, ESTABLISHED, RELATED, ..._REPLY).
//
// The hooks exist in a namespace only while something needs them
// (nf_ct_netns_get/put: an -m state/-m conntrack rule, the nat table), as
// since Linux 4.10: defrag at -400, nf_conntrack_in at -200 (PRE_ROUTING,
// LOCAL_OUT), confirm at INT_MAX (POST_ROUTING, LOCAL_IN).
//
// Not modelled: zones (always 0), expectations and helpers (ftp, sip...),
// IPv6, the per-cpu clash resolution races (one CPU runs the datapath),
// accounting/timestamp extensions, SCTP/DCCP/GRE trackers (they are generic
// here), conntrack templates (raw table CT target), labels, secmark.
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/skbuff.h"
#include "core/time.h"
#include "core/timer.h"
#include "netfilter/nf_hook.h"
#include "wire/addr.h"

namespace skbox {

class Net;

// enum ip_conntrack_dir
enum : uint8_t { IP_CT_DIR_ORIGINAL = 0, IP_CT_DIR_REPLY = 1, IP_CT_DIR_MAX = 2 };

// enum ip_conntrack_info: what the packet is to its connection.
enum : uint8_t {
  IP_CT_ESTABLISHED = 0,
  IP_CT_RELATED = 1,
  IP_CT_NEW = 2,
  IP_CT_IS_REPLY = 3,
  IP_CT_ESTABLISHED_REPLY = IP_CT_ESTABLISHED + IP_CT_IS_REPLY,
  IP_CT_RELATED_REPLY = IP_CT_RELATED + IP_CT_IS_REPLY,
  IP_CT_NUMBER = 5,
  // skb->_nfct with no connection and this ctinfo: NOTRACK'ed.
  IP_CT_UNTRACKED = 7,
};
constexpr uint8_t CTINFO2DIR(uint8_t ctinfo) { return ctinfo >= IP_CT_IS_REPLY ? IP_CT_DIR_REPLY : IP_CT_DIR_ORIGINAL; }

// enum ip_conntrack_status (bits)
enum : uint32_t {
  IPS_EXPECTED = 1u << 0,
  IPS_SEEN_REPLY = 1u << 1,
  IPS_ASSURED = 1u << 2,
  IPS_CONFIRMED = 1u << 3,
  IPS_SRC_NAT = 1u << 4,
  IPS_DST_NAT = 1u << 5,
  IPS_NAT_MASK = IPS_SRC_NAT | IPS_DST_NAT,
  IPS_SEQ_ADJUST = 1u << 6,
  IPS_SRC_NAT_DONE = 1u << 7,
  IPS_DST_NAT_DONE = 1u << 8,
  IPS_NAT_DONE_MASK = IPS_SRC_NAT_DONE | IPS_DST_NAT_DONE,
  IPS_DYING = 1u << 9,
  IPS_FIXED_TIMEOUT = 1u << 10,
  IPS_TEMPLATE = 1u << 11,
  IPS_UNTRACKED = 1u << 12,
  IPS_NAT_CLASH = 1u << 12,  // shares the bit with UNTRACKED, as in Linux
  IPS_HELPER = 1u << 13,
  IPS_OFFLOAD = 1u << 14,
};

// enum ip_conntrack_events (the ctnetlink event cache bits)
enum : uint32_t {
  IPCT_NEW = 1u << 0,
  IPCT_RELATED = 1u << 1,
  IPCT_DESTROY = 1u << 2,
  IPCT_REPLY = 1u << 3,
  IPCT_ASSURED = 1u << 4,
  IPCT_PROTOINFO = 1u << 5,
  IPCT_HELPER = 1u << 6,
  IPCT_MARK = 1u << 7,
  IPCT_SEQADJ = 1u << 8,
  IPCT_SECMARK = 1u << 9,
  IPCT_LABEL = 1u << 10,
  IPCT_SYNPROXY = 1u << 11,
};

// NF_IP_PRI_* (include/uapi/linux/netfilter_ipv4.h)
enum : int {
  NF_IP_PRI_CONNTRACK_DEFRAG = -400,
  NF_IP_PRI_RAW = -300,
  NF_IP_PRI_CONNTRACK = -200,
  NF_IP_PRI_MANGLE = -150,
  NF_IP_PRI_NAT_DST = -100,
  NF_IP_PRI_FILTER = 0,
  NF_IP_PRI_NAT_SRC = 100,
  NF_IP_PRI_CONNTRACK_HELPER = 300,
  NF_IP_PRI_CONNTRACK_CONFIRM = 2147483647,
};

// struct nf_conntrack_tuple (IPv4 only). `src_port` holds the ICMP id;
// `icmp_type`/`icmp_code` are the dst.u.icmp fields. Host byte order.
struct NfConntrackTuple {
  Ipv4Addr src, dst;
  uint16_t src_port = 0;  // src.u.all: port or ICMP id
  uint16_t dst_port = 0;  // dst.u.all for ports
  uint8_t icmp_type = 0, icmp_code = 0;
  uint8_t protonum = 0;
  bool operator==(const NfConntrackTuple& o) const {
    return src.v == o.src.v && dst.v == o.dst.v && src_port == o.src_port && dst_port == o.dst_port &&
           icmp_type == o.icmp_type && icmp_code == o.icmp_code && protonum == o.protonum;
  }
};

// enum tcp_conntrack (nf_conntrack_tcp.h)
enum class TcpConntrack : uint8_t {
  None, SynSent, SynRecv, Established, FinWait, CloseWait, LastAck, TimeWait, Close, Listen, Max,
  Ignore, Retrans, Unack, TimeoutMax,
};

// struct ip_ct_tcp_state / ip_ct_tcp (the window tracking parts skbox needs).
struct IpCtTcpState {
  uint32_t td_end = 0, td_maxend = 0, td_maxwin = 0, td_maxack = 0;
  uint8_t td_scale = 0, flags = 0;
};
struct IpCtTcp {
  IpCtTcpState seen[2];
  TcpConntrack state = TcpConntrack::None;
  uint8_t last_dir = 0, retrans = 0, last_index = 0;
  uint32_t last_seq = 0, last_ack = 0, last_end = 0;
  uint16_t last_win = 0;
  uint8_t last_wscale = 0, last_flags = 0;
};

struct NfConntrackNet;
struct NfConn;

// A namespace's NAT state (nf_nat_core.c's nat_net and its share of
// nf_nat_bysource): the nat tables' lookup functions per hook, and the
// SNAT'ed entries by original source (find_appropriate_src).
struct NfNatNet {
  int users = 0;  // registered lookup functions (the NAT hooks exist while > 0)
  std::array<std::vector<NfHookOps>, NF_INET_NUMHOOKS> lookups;
  std::vector<NfConn*> bysource;  // chain heads, linked by NfConn::nat_bysource_next
  uint32_t bysource_count = 0;
};

// One direction of an entry in a hash chain (struct nf_conntrack_tuple_hash).
struct NfConnRef {
  NfConn* ct = nullptr;
  uint8_t dir = 0;
};

// struct nf_conn
struct NfConn {
  // ct_general.use: the table holds one reference while the entry is
  // hashed, each skb one, each listing one while it prints.
  uint32_t use = 0;
  uint32_t status = 0;
  std::array<NfConntrackTuple, IP_CT_DIR_MAX> tuple;  // tuplehash[dir].tuple
  // Absolute expiry while confirmed; relative (the timeout to apply at
  // confirmation) before, as ct->timeout is.
  Time timeout = 0;
  uint32_t mark = 0;
  uint32_t id = 0;  // nf_ct_get_id: a stable per-entry number
  uint32_t event_cache = 0;  // IPCT_* bits waiting for the next confirm/delivery
  Time udp_stream_ts = 0;    // ct->proto.udp.stream_ts
  IpCtTcp tcp;
  // NAT binding state (nf_nat.h); nat_bysource link is for get_unique_tuple.
  NfConn* nat_bysource_next = nullptr;
  int masq_ifindex = 0;  // nf_conn_nat->masq_index
  // --- table links (owner: NfConntrackNet) ---
  NfConntrackNet* cnet = nullptr;  // null once the namespace is gone
  NfConnRef hnext[IP_CT_DIR_MAX];  // next in the chain of each direction's bucket
  NfConn* all_prev = nullptr;  // every entry the namespace allocated, in order
  NfConn* all_next = nullptr;
  NfConn* free_next = nullptr;

  bool confirmed() const { return status & IPS_CONFIRMED; }
  bool dying() const { return status & IPS_DYING; }
  uint8_t protonum() const { return tuple[0].protonum; }
};

// nf_ct_get: the skb's connection and ctinfo (nullptr for none/untracked).
inline NfConn* nf_ct_get(const SkBuff& skb, uint8_t* ctinfo) {
  *ctinfo = skb._nfct_info;
  return skb._nfct;
}
// nf_ct_set: attaches ct (the caller's reference moves to the skb).
inline void nf_ct_set(SkBuff& skb, NfConn* ct, uint8_t ctinfo) {
  skb._nfct = ct;
  skb._nfct_info = ctinfo;
}
bool nf_ct_is_expired(const NfConn& ct, Time now);
void nf_ct_put(NfConn* ct);

// struct ip_conntrack_stat (per cpu in Linux; one datapath CPU here, shown
// on cpu 0 and zeros for the others).
struct IpConntrackStat {
  uint64_t found = 0, invalid = 0, insert = 0, insert_failed = 0, clash_resolve = 0, drop = 0, early_drop = 0,
           error = 0, expect_new = 0, expect_create = 0, expect_delete = 0, search_restart = 0,
           chaintoolong = 0;
};

// A ctnetlink event listener (conntrack -E): called with the event bits and
// the connection, before a DESTROY unhashes it.
struct CtEventListener {
  void (*fn)(void* priv, uint32_t events, const NfConn& ct) = nullptr;
  void* priv = nullptr;
};

// Per-namespace conntrack state (net->ct + nf_conntrack_net), created by the
// first nf_ct_netns_get or the first reader (conntrack -L, /proc).
struct NfConntrackNet {
  explicit NfConntrackNet(Net& n);
  ~NfConntrackNet();
  NfConntrackNet(const NfConntrackNet&) = delete;
  NfConntrackNet& operator=(const NfConntrackNet&) = delete;

  Net& net;
  int users = 0;  // nf_ct_netns_get count (hooks registered while > 0)
  std::vector<NfConnRef> hash;  // chain heads by tuple hash, both directions
  uint32_t hash_rnd = 0;
  std::vector<NfConn*> early_drop_scratch;  // early_drop's candidates, reused
  uint32_t count = 0;  // cnet->count: allocated entries (confirmed or not)
  uint32_t confirmed = 0;
  NfConn* all_head = nullptr;
  NfConn* all_tail = nullptr;
  IpConntrackStat stat;
  std::vector<CtEventListener> listeners;
  Timer gc_timer;  // gc_worker
  uint32_t next_id = 0;
  NfNatNet nat;
};

// net->ct, created on first use.
NfConntrackNet& nf_ct_net(Net& net);
// The state if it exists (readers that must not create it).
NfConntrackNet* nf_ct_net_maybe(Net& net);

// nf_ct_netns_get / nf_ct_netns_put (nf_conntrack_proto.c): a user that
// needs conntrack in `net` (a state/conntrack match, the nat table, a NAT
// target) takes a reference; the hooks are registered on the first and
// removed on the last. Returns 0 or -errno.
int nf_ct_netns_get(Net& net);
void nf_ct_netns_put(Net& net);

// The hook functions (nf_conntrack_proto.c: ipv4_conntrack_in/local,
// ipv4_confirm; nf_defrag_ipv4.c: ipv4_conntrack_defrag).
NfVerdict nf_conntrack_in(SkbPtr& skb, const NfHookState& state);
NfVerdict nf_conntrack_confirm(SkbPtr& skb, const NfHookState& state);

// Tuple helpers (nf_ct_get_tuplepr, nf_ct_invert_tuple).
bool nf_ct_get_tuple(const SkBuff& skb, uint32_t nhoff, NfConntrackTuple& t);
bool nf_ct_invert_tuple(NfConntrackTuple& inverse, const NfConntrackTuple& orig);

// Table operations for ctnetlink (conntrack -L/-D/-F) and NAT.
// nf_conntrack_find_get: a referenced entry whose tuple (either direction)
// equals t, or nullptr; *dir is the matching direction.
NfConn* nf_conntrack_find_get(NfConntrackNet& cn, const NfConntrackTuple& t, uint8_t* dir = nullptr);
// nf_conntrack_tuple_taken: another hashed entry has t as either of its
// tuples (one with the same original tuple as `ignored` is the same flow
// and does not count when t is its reply).
bool nf_conntrack_tuple_taken(NfConntrackNet& cn, const NfConntrackTuple& t, const NfConn* ignored);
// nf_conntrack_alter_reply: NAT's new reply tuple for an unconfirmed entry.
void nf_conntrack_alter_reply(NfConn& ct, const NfConntrackTuple& newreply);
// nf_ct_delete: unhash (DESTROY event) and drop the table's reference.
// False if it was already dying.
bool nf_ct_delete(NfConn* ct);
// nf_ct_kill alias.
inline bool nf_ct_kill(NfConn* ct) { return nf_ct_delete(ct); }
// Confirmed, unexpired entries in table order (each with a reference the
// caller must nf_ct_put). Expired ones found on the way are evicted.
std::vector<NfConn*> nf_ct_list(NfConntrackNet& cn);
// nf_ct_iterate_cleanup_net: deletes every confirmed entry for which
// pred is true; returns how many.
template <class Pred>
unsigned nf_ct_iterate_cleanup(NfConntrackNet& cn, Pred pred) {
  unsigned n = 0;
  for (NfConn* ct : nf_ct_list(cn)) {
    if (pred(*ct) && nf_ct_delete(ct)) ++n;
    nf_ct_put(ct);
  }
  return n;
}
// Re-arms the timeout (nf_ct_refresh): `extra` from now when confirmed.
void nf_ct_refresh(NfConn& ct, Duration extra);
// nf_ct_expires: what is left of the timeout (0 when expired).
Duration nf_ct_expires(const NfConn& ct);
// Queue an event for delivery at confirmation / the end of the packet's
// conntrack step (nf_conntrack_event_cache + nf_ct_deliver_cached_events).
inline void nf_conntrack_event_cache(uint32_t ev, NfConn& ct) { ct.event_cache |= ev; }
void nf_ct_deliver_cached_events(NfConn& ct);
void nf_conntrack_event_report(uint32_t ev, NfConn& ct);
void nf_ct_event_listen(Net& net, CtEventListener l);
void nf_ct_event_unlisten(Net& net, const void* priv);

// L4 trackers (nf_conntrack_proto_*.c). `dataoff` is the transport
// header's offset from skb->network_header. packet(): > 0 accept (ct
// stays), <= 0 invalid: the ct is dropped from the skb and -ret is the verdict.
int nf_conntrack_icmpv4_error(SkBuff& skb, uint32_t dataoff, const NfHookState& state);
int nf_conntrack_icmp_packet(NfConn& ct, SkBuff& skb, uint8_t ctinfo, const NfHookState& state);
int nf_conntrack_udp_packet(NfConn& ct, SkBuff& skb, uint32_t dataoff, uint8_t ctinfo, const NfHookState& state);
int nf_conntrack_tcp_packet(NfConn& ct, SkBuff& skb, uint32_t dataoff, uint8_t ctinfo, const NfHookState& state);
int nf_conntrack_generic_packet(NfConn& ct, SkBuff& skb, uint8_t ctinfo, const NfHookState& state);
// The error check a TCP segment gets before lookup (tcp_error): true if
// the packet is invalid.
bool nf_conntrack_tcp_error(SkBuff& skb, uint32_t dataoff, const NfHookState& state);
// tcp_new's part: may this segment open a connection (in the tracker's
// state table)? Sets the initial state in ct.
bool nf_conntrack_tcp_new(NfConn& ct, const SkBuff& skb, uint32_t dataoff);
const char* tcp_conntrack_name(TcpConntrack s);  // tcp_conntrack_names
bool nf_conntrack_tcp_can_early_drop(const NfConn& ct);

// l4proto names as /proc/net/nf_conntrack and conntrack print them.
const char* nf_ct_l4proto_name(uint8_t protonum);

// /proc/net/nf_conntrack and /proc/net/stat/nf_conntrack.
std::string nf_conntrack_proc_show(Net& net);
std::string nf_conntrack_proc_stat(Net& net);

// One entry as conntrack prints it ("icmp     1 29 src=... use=1"),
// without the newline. extended: the "ipv4     2 " prefix.
struct CtPrintOpts {
  bool extended = false;
  bool id = false;
  bool event = false;  // -E: no mark/use, timeout shown for NEW/UPDATE only
  bool packet_event = false;  // an event a packet caused, in that packet's jiffy
};
std::string ct_snprintf(const NfConn& ct, const CtPrintOpts& o, Time now);
// Seconds left as ctnetlink and /proc print them; `in_event` for an event
// built in the jiffy of the packet that caused it.
long nf_ct_expires_shown(const NfConn& ct, bool in_event = false);

}  // namespace skbox
