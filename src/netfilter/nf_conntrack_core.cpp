// The conntrack core (net/netfilter/nf_conntrack_core.c): allocation from a
// pool, the per-namespace hash of both tuples, nf_conntrack_in (lookup or a
// new unconfirmed entry, then the L4 tracker), __nf_conntrack_confirm at the
// last hook, deletion, the gc worker and early drop when the table is full.
//
// Not modelled: the kernel's hash function and seed (listing order differs:
// scenarios sort), per-cpu lists, the clash of two different entries racing
// on two CPUs (only an identical entry is merged), templates, helpers,
// expectations, zones, the gc worker's adaptive interval (it runs every
// GC_SCAN_INTERVAL_MAX while the table has entries).
#include <algorithm>
#include <cassert>
#include <cerrno>
#include <climits>

#include "core/printk.h"
#include "ipv4/ip.h"
#include "ipv4/ip_fragment.h"
#include "net/net.h"
#include "net/world.h"
#include "netfilter/nf_conntrack.h"
#include "netfilter/nf_nat.h"
#include "trace/trace.h"
#include "wire/icmp.h"
#include "wire/ip_proto.h"
#include "wire/ipv4.h"

namespace skbox {

namespace {

constexpr Duration kGcInterval = 60 * kSec;  // GC_SCAN_INTERVAL_MAX
constexpr int kEvictionRange = 8;               // NF_CT_EVICTION_RANGE
constexpr size_t kMinBuckets = 64;

// Entries are pooled process-wide: an skb may still hold one after its
// namespace's table is gone, and steady-state flows must not allocate.
struct NfConnPool {
  NfConn* free = nullptr;
  ~NfConnPool() {
    while (free) {
      NfConn* n = free->free_next;
      delete free;
      free = n;
    }
  }
  NfConn* get() {
    if (!free) return new NfConn;
    NfConn* c = free;
    free = c->free_next;
    *c = NfConn{};
    return c;
  }
  void put(NfConn* c) {
    c->free_next = free;
    free = c;
  }
};
NfConnPool& pool() {
  static NfConnPool p;
  return p;
}

uint32_t mix32(uint32_t h) {
  h ^= h >> 16;
  h *= 0x7feb352d;
  h ^= h >> 15;
  h *= 0x846ca68b;
  h ^= h >> 16;
  return h;
}

// hash_conntrack_raw: over the whole tuple but the direction.
uint32_t tuple_hash(const NfConntrackNet& cn, const NfConntrackTuple& t) {
  uint32_t h = cn.hash_rnd;
  h = mix32(h ^ t.src.v);
  h = mix32(h ^ t.dst.v);
  h = mix32(h ^ (uint32_t(t.src_port) << 16 | t.dst_port));
  h = mix32(h ^ (uint32_t(t.icmp_type) << 16 | uint32_t(t.icmp_code) << 8 | t.protonum));
  return h;
}

// reciprocal_scale: a 32-bit hash onto [0, n), by its high bits.
size_t scale(uint32_t h, uint64_t n) { return static_cast<size_t>((uint64_t(h) * n) >> 32); }

size_t bucket_of(const NfConntrackNet& cn, const NfConntrackTuple& t) { return scale(tuple_hash(cn, t), cn.hash.size()); }

void hash_insert(NfConntrackNet& cn, NfConn* ct) {
  for (uint8_t d = 0; d < IP_CT_DIR_MAX; ++d) {
    NfConnRef& head = cn.hash[bucket_of(cn, ct->tuple[d])];
    ct->hnext[d] = head;
    head = NfConnRef{ct, d};
  }
}

void hash_remove(NfConntrackNet& cn, NfConn* ct) {
  for (uint8_t d = 0; d < IP_CT_DIR_MAX; ++d) {
    NfConnRef* link = &cn.hash[bucket_of(cn, ct->tuple[d])];
    while (link->ct && !(link->ct == ct && link->dir == d)) link = &link->ct->hnext[link->dir];
    if (link->ct) *link = ct->hnext[d];
    ct->hnext[d] = NfConnRef{};
  }
}

// Grows the table as nf_conntrack_hash_resize would if the buckets were
// sized to the load (warm-up only: no allocation once big enough).
void maybe_grow(NfConntrackNet& cn) {
  if (cn.confirmed * 2 <= cn.hash.size()) return;
  std::vector<NfConn*> all;
  for (NfConn* c = cn.all_head; c; c = c->all_next)
    if (c->confirmed() && !c->dying()) all.push_back(c);
  cn.hash.assign(cn.hash.size() * 2, NfConnRef{});
  for (NfConn* c : all) hash_insert(cn, c);
}

void all_link(NfConntrackNet& cn, NfConn* ct) {
  ct->all_prev = cn.all_tail;
  ct->all_next = nullptr;
  if (cn.all_tail) cn.all_tail->all_next = ct; else cn.all_head = ct;
  cn.all_tail = ct;
}

void all_unlink(NfConntrackNet& cn, NfConn* ct) {
  if (ct->all_prev) ct->all_prev->all_next = ct->all_next; else cn.all_head = ct->all_next;
  if (ct->all_next) ct->all_next->all_prev = ct->all_prev; else cn.all_tail = ct->all_prev;
  ct->all_prev = ct->all_next = nullptr;
}

Time now_of(const NfConntrackNet& cn) { return cn.net.world.now(); }

void gc_arm(NfConntrackNet& cn) {
  if (!cn.gc_timer.pending() && cn.confirmed) cn.net.world.loop.mod_timer(cn.gc_timer, now_of(cn) + kGcInterval);
}

// gc_worker: reaps what has expired.
void gc_worker(NfConntrackNet& cn) {
  const Time now = now_of(cn);
  std::vector<NfConn*> dead;
  for (NfConn* c = cn.all_head; c; c = c->all_next)
    if (c->confirmed() && !c->dying() && nf_ct_is_expired(*c, now)) dead.push_back(c);
  for (NfConn* c : dead) nf_ct_delete(c);
  gc_arm(cn);
}

// __nf_conntrack_find_get with the hash already chosen.
NfConn* find_get(NfConntrackNet& cn, const NfConntrackTuple& t, uint8_t* dir) {
  const Time now = now_of(cn);
  NfConnRef r = cn.hash[bucket_of(cn, t)];
  while (r.ct) {
    NfConn* ct = r.ct;
    const uint8_t d = r.dir;
    r = ct->hnext[d];
    if (!(ct->tuple[d] == t)) continue;
    if (nf_ct_is_expired(*ct, now)) {  // nf_ct_gc_expired
      nf_ct_delete(ct);
      continue;
    }
    if (ct->dying()) continue;
    ++ct->use;
    if (dir) *dir = d;
    return ct;
  }
  return nullptr;
}

// early_drop: Linux scans NF_CT_EVICTION_RANGE buckets of its global table
// (nf_conntrack_buckets of them) from the new tuple's and frees every
// unassured entry of the first bucket that has one; expired ones met on the
// way are collected but do not count. skbox's table is sized to the load,
// so the scan walks the real buckets that cover each virtual one and keeps
// the entries whose tuple hashes there.
bool early_drop(NfConntrackNet& cn, const NfConntrackTuple& t) {
  const Time now = now_of(cn);
  const uint64_t vsize = static_cast<uint64_t>(std::max(cn.net.nf_ct_sysctl.buckets, 1));
  const uint64_t rsize = cn.hash.size();
  size_t v = scale(tuple_hash(cn, t), vsize);
  for (int i = 0; i < kEvictionRange; ++i, v = (v + 1) % vsize) {
    // The hashes that scale to v, and the real buckets they land in.
    const uint64_t lo = ((uint64_t(v) << 32) + vsize - 1) / vsize;
    const uint64_t hi = (((uint64_t(v) + 1) << 32) + vsize - 1) / vsize - 1;
    std::vector<NfConn*>& victims = cn.early_drop_scratch;
    victims.clear();
    for (size_t b = scale(uint32_t(lo), rsize); b <= scale(uint32_t(hi), rsize); ++b) {
      for (NfConnRef r = cn.hash[b]; r.ct; r = r.ct->hnext[r.dir]) {
        if (scale(tuple_hash(cn, r.ct->tuple[r.dir]), vsize) != v) continue;
        victims.push_back(r.ct);
      }
    }
    int drops = 0;
    for (NfConn* ct : victims) {
      if (ct->dying()) continue;  // both directions hashed here, or already gone
      if (nf_ct_is_expired(*ct, now)) {
        nf_ct_delete(ct);
        continue;
      }
      if (ct->status & IPS_ASSURED) continue;
      if (ct->protonum() == IPPROTO_TCP && !nf_conntrack_tcp_can_early_drop(*ct)) continue;
      if (nf_ct_delete(ct)) ++drops;
    }
    if (drops) {
      cn.stat.early_drop += drops;
      return true;
    }
  }
  return false;
}

void nf_conntrack_free(NfConn* ct) {
  if (NfConntrackNet* cn = ct->cnet) {
    nf_nat_cleanup_conntrack(*ct);
    all_unlink(*cn, ct);
    --cn->count;
    cn->net.nf_ct_sysctl.count = static_cast<int>(cn->count);
  }
  pool().put(ct);
}

// __nf_conntrack_alloc: the count is checked (and early drop tried) before
// the entry exists. Null with -ENOMEM when the table is full.
NfConn* nf_conntrack_alloc(NfConntrackNet& cn, const NfConntrackTuple& orig, const NfConntrackTuple& repl) {
  const int max = cn.net.world.netfilter.nf_conntrack_max;
  if (max && cn.count + 1 > static_cast<uint32_t>(max) && !early_drop(cn, orig)) {
    // net_warn_ratelimited; the first prefix is the module's pr_fmt.
    if (net_ratelimit(cn.net.world))
      printk(cn.net.world, LOGLEVEL_WARNING, "nf_conntrack: nf_conntrack: table full, dropping packet");
    return nullptr;
  }
  NfConn* ct = pool().get();
  ct->cnet = &cn;
  ct->tuple[IP_CT_DIR_ORIGINAL] = orig;
  ct->tuple[IP_CT_DIR_REPLY] = repl;
  ct->id = mix32(++cn.next_id ^ cn.hash_rnd);
  ++cn.count;
  cn.net.nf_ct_sysctl.count = static_cast<int>(cn.count);
  all_link(cn, ct);
  return ct;
}

// get_l4proto: the transport protocol and its offset from the network
// header; -1 for a non-first fragment or a bogus header.
int get_l4proto(const SkBuff& skb, uint32_t nhoff, uint8_t* protonum) {
  const uint32_t avail = skb.data_off + skb.len - nhoff;
  if (avail < kIpHlen) return -1;
  wire::Ipv4Packet<const uint8_t> iph({skb.head + nhoff, avail});
  if (iph.frag_off() & IP_OFFSET) return -1;
  const uint32_t dataoff = iph.ihl() * 4u;
  if (dataoff < kIpHlen || dataoff > avail) return -1;
  *protonum = iph.protocol();
  return static_cast<int>(dataoff);
}

// resolve_normal_ct: 0 with the skb's ct set (or none: invalid), -ENOMEM
// when a new entry could not be had.
int resolve_normal_ct(NfConntrackNet& cn, SkBuff& skb, const NfConntrackTuple& tuple) {
  uint8_t dir = 0;
  NfConn* ct = find_get(cn, tuple, &dir);
  if (!ct) {
    NfConntrackTuple repl;
    if (!nf_ct_invert_tuple(repl, tuple)) return 0;
    ct = nf_conntrack_alloc(cn, tuple, repl);
    if (!ct) return -ENOMEM;
    ct->use = 1;  // the skb's
    dir = IP_CT_DIR_ORIGINAL;
  }
  uint8_t ctinfo;
  if (dir == IP_CT_DIR_REPLY) {
    ctinfo = IP_CT_ESTABLISHED_REPLY;
  } else if (ct->status & IPS_SEEN_REPLY) {
    ctinfo = IP_CT_ESTABLISHED;
  } else if (ct->status & IPS_EXPECTED) {
    ctinfo = IP_CT_RELATED;
  } else {
    ctinfo = IP_CT_NEW;
  }
  nf_ct_set(skb, ct, ctinfo);
  return 0;
}

int handle_packet(NfConn& ct, SkBuff& skb, uint32_t dataoff, uint8_t ctinfo, const NfHookState& st) {
  switch (ct.protonum()) {
    case IPPROTO_ICMP: return nf_conntrack_icmp_packet(ct, skb, ctinfo, st);
    case IPPROTO_UDP:
    case IPPROTO_UDPLITE: return nf_conntrack_udp_packet(ct, skb, dataoff, ctinfo, st);
    case IPPROTO_TCP: return nf_conntrack_tcp_packet(ct, skb, dataoff, ctinfo, st);
    default: return nf_conntrack_generic_packet(ct, skb, ctinfo, st);
  }
}

// ipv4_conntrack_defrag (nf_defrag_ipv4.c): conntrack needs whole datagrams.
NfVerdict ipv4_conntrack_defrag(void*, SkbPtr& skb, const NfHookState& st) {
  if (skb->_nfct || skb->_nfct_info == IP_CT_UNTRACKED) return NfVerdict::Accept;  // seen (loopback)
  if (!ip_hdr(*skb).is_fragment()) return NfVerdict::Accept;
  if (!skb->dev) return NfVerdict::Accept;  // a local fragment with no device: nothing to queue by
  const uint32_t nh = skb->network_header;
  skb->data_off = nh;  // ip_defrag works from the network header
  skb->len = skb->network_len();
  SkbPtr whole = ip_defrag(*st.net, std::move(skb));
  if (!whole) return NfVerdict::Stolen;
  skb = std::move(whole);
  return NfVerdict::Accept;
}

NfVerdict ipv4_conntrack_in(void*, SkbPtr& skb, const NfHookState& st) { return nf_conntrack_in(skb, st); }

NfVerdict ipv4_conntrack_local(void*, SkbPtr& skb, const NfHookState& st) {
  if (ip_hdr(*skb).is_fragment()) return NfVerdict::Accept;  // IP_NODEFRAG senders
  return nf_conntrack_in(skb, st);
}

NfVerdict ipv4_confirm(void*, SkbPtr& skb, const NfHookState& st) { return nf_conntrack_confirm(skb, st); }

struct HookDef {
  NfHookFn fn;
  uint8_t hook;
  int prio;
};
constexpr HookDef kHooks[] = {
    {&ipv4_conntrack_defrag, NF_INET_PRE_ROUTING, NF_IP_PRI_CONNTRACK_DEFRAG},
    {&ipv4_conntrack_defrag, NF_INET_LOCAL_OUT, NF_IP_PRI_CONNTRACK_DEFRAG},
    {&ipv4_conntrack_in, NF_INET_PRE_ROUTING, NF_IP_PRI_CONNTRACK},
    {&ipv4_conntrack_local, NF_INET_LOCAL_OUT, NF_IP_PRI_CONNTRACK},
    {&ipv4_confirm, NF_INET_POST_ROUTING, NF_IP_PRI_CONNTRACK_CONFIRM},
    {&ipv4_confirm, NF_INET_LOCAL_IN, NF_IP_PRI_CONNTRACK_CONFIRM},
};

NfHookOps ops_of(const HookDef& h) {
  NfHookOps o;
  o.hook = h.fn;
  o.pf = NFPROTO_IPV4;
  o.hooknum = h.hook;
  o.priority = h.prio;
  return o;
}

}  // namespace

void NfConntrackNetDeleter::operator()(NfConntrackNet* c) const { delete c; }

NfConntrackNet::NfConntrackNet(Net& n) : net(n) {
  hash.assign(kMinBuckets, NfConnRef{});
  hash_rnd = n.world.rng.next_u32();
  gc_timer.set_function([this] { gc_worker(*this); });
}

NfConntrackNet::~NfConntrackNet() {
  // nf_conntrack_cleanup_net: every hashed entry goes; entries still held
  // by packets outlive the table and are freed to the pool by their last put.
  std::vector<NfConn*> live;
  for (NfConn* c = all_head; c; c = c->all_next) live.push_back(c);
  for (NfConn* c : live) {
    if (c->confirmed() && !c->dying()) {
      c->status |= IPS_DYING;
      hash_remove(*this, c);
      nf_conntrack_put(c);
    }
  }
  for (NfConn* c = all_head; c;) {
    NfConn* n = c->all_next;
    nf_nat_cleanup_conntrack(*c);
    c->cnet = nullptr;
    c->all_prev = c->all_next = nullptr;
    c = n;
  }
  all_head = all_tail = nullptr;
}

NfConntrackNet& nf_ct_net(Net& net) {
  if (!net.ct) net.ct.reset(new NfConntrackNet(net));
  return *net.ct;
}

NfConntrackNet* nf_ct_net_maybe(Net& net) { return net.ct.get(); }

void nf_conntrack_get(NfConn* ct) {
  if (ct) ++ct->use;
}

void nf_conntrack_put(NfConn* ct) {
  if (!ct) return;
  assert(ct->use > 0);
  if (--ct->use == 0) nf_conntrack_free(ct);
}

void nf_ct_put(NfConn* ct) { nf_conntrack_put(ct); }

bool nf_ct_is_expired(const NfConn& ct, Time now) { return ct.confirmed() && ct.timeout <= now; }

Duration nf_ct_expires(const NfConn& ct) {
  if (!ct.confirmed()) return ct.timeout;
  const Time now = ct.cnet ? now_of(*ct.cnet) : 0;
  return ct.timeout > now ? ct.timeout - now : 0;
}

long nf_ct_expires_shown(const NfConn& ct, bool in_event) {
  // The kernel prints jiffies left / HZ; a reader there always runs at
  // least a jiffy after the packet that refreshed the entry, so a full
  // 30 s reads 29 (skbox's commands take no virtual time). An event is
  // built in that packet's jiffy: 30.
  const Duration left = nf_ct_expires(ct);
  constexpr Duration kJiffy = kSec / 250;
  if (in_event) return left <= 0 ? 0 : static_cast<long>(left / kSec);
  return left <= kJiffy ? 0 : static_cast<long>((left - kJiffy) / kSec);
}

void nf_ct_refresh(NfConn& ct, Duration extra) {
  if (ct.status & IPS_FIXED_TIMEOUT) return;
  ct.timeout = ct.confirmed() && ct.cnet ? now_of(*ct.cnet) + extra : extra;
}

bool nf_ct_get_tuple(const SkBuff& skb, uint32_t nhoff, NfConntrackTuple& t) {
  uint8_t proto = 0;
  const int off = get_l4proto(skb, nhoff, &proto);
  if (off < 0) return false;
  const uint8_t* nh = skb.head + nhoff;
  wire::Ipv4Packet<const uint8_t> iph({nh, kIpHlen});
  t = NfConntrackTuple{};
  t.src = iph.src();
  t.dst = iph.dst();
  t.protonum = proto;
  const uint32_t avail = skb.data_off + skb.len - nhoff - static_cast<uint32_t>(off);
  const uint8_t* l4 = nh + off;
  switch (proto) {
    case IPPROTO_ICMP:  // icmp_pkt_to_tuple
      if (avail < 8) return false;
      t.icmp_type = l4[0];
      t.icmp_code = l4[1];
      t.src_port = wire::load_be16(l4 + 4);
      return true;
    case IPPROTO_UDP:
    case IPPROTO_UDPLITE:
    case IPPROTO_TCP:
    case IPPROTO_SCTP:
    case IPPROTO_DCCP:  // nf_ct_get_tuple_ports: the first four bytes
      if (avail < 4) return false;
      t.src_port = wire::load_be16(l4);
      t.dst_port = wire::load_be16(l4 + 2);
      return true;
    default:
      return true;  // generic: addresses only
  }
}

bool nf_ct_invert_tuple(NfConntrackTuple& inv, const NfConntrackTuple& o) {
  inv = NfConntrackTuple{};
  inv.src = o.dst;
  inv.dst = o.src;
  inv.protonum = o.protonum;
  if (o.protonum == IPPROTO_ICMP) {  // icmp_invert_tuple: only queries have answers
    uint8_t t;
    switch (o.icmp_type) {
      case wire::ICMP_ECHO: t = wire::ICMP_ECHOREPLY; break;
      case wire::ICMP_ECHOREPLY: t = wire::ICMP_ECHO; break;
      case wire::ICMP_TIMESTAMP: t = wire::ICMP_TIMESTAMPREPLY; break;
      case wire::ICMP_TIMESTAMPREPLY: t = wire::ICMP_TIMESTAMP; break;
      case wire::ICMP_INFO_REQUEST: t = wire::ICMP_INFO_REPLY; break;
      case wire::ICMP_INFO_REPLY: t = wire::ICMP_INFO_REQUEST; break;
      case wire::ICMP_ADDRESS: t = wire::ICMP_ADDRESSREPLY; break;
      case wire::ICMP_ADDRESSREPLY: t = wire::ICMP_ADDRESS; break;
      default: return false;
    }
    inv.icmp_type = t;
    inv.icmp_code = o.icmp_code;
    inv.src_port = o.src_port;
    return true;
  }
  inv.src_port = o.dst_port;
  inv.dst_port = o.src_port;
  return true;
}

NfConn* nf_conntrack_find_get(NfConntrackNet& cn, const NfConntrackTuple& t, uint8_t* dir) {
  return find_get(cn, t, dir);
}

bool nf_conntrack_tuple_taken(NfConntrackNet& cn, const NfConntrackTuple& t, const NfConn* ignored) {
  const Time now = now_of(cn);
  for (NfConnRef r = cn.hash[bucket_of(cn, t)]; r.ct;) {
    NfConn* ct = r.ct;
    const uint8_t d = r.dir;
    r = ct->hnext[d];
    if (ct == ignored || !(ct->tuple[d] == t)) continue;
    if (nf_ct_is_expired(*ct, now)) {  // nf_ct_gc_expired
      nf_ct_delete(ct);
      continue;
    }
    if (ct->dying()) continue;
    if (d == IP_CT_DIR_REPLY && ignored && ct->tuple[IP_CT_DIR_ORIGINAL] == ignored->tuple[IP_CT_DIR_ORIGINAL])
      continue;
    return true;
  }
  return false;
}

void nf_conntrack_alter_reply(NfConn& ct, const NfConntrackTuple& newreply) {
  if (!ct.confirmed()) ct.tuple[IP_CT_DIR_REPLY] = newreply;
}

bool nf_ct_delete(NfConn* ct) {
  if (ct->dying()) return false;
  ct->status |= IPS_DYING;
  NfConntrackNet* cn = ct->cnet;
  if (!ct->confirmed() || !cn) return true;
  nf_conntrack_event_report(IPCT_DESTROY, *ct);
  hash_remove(*cn, ct);
  --cn->confirmed;
  nf_conntrack_put(ct);  // the table's reference
  return true;
}

std::vector<NfConn*> nf_ct_list(NfConntrackNet& cn) {
  const Time now = now_of(cn);
  std::vector<NfConn*> out, expired;
  for (NfConn* c = cn.all_head; c; c = c->all_next) {
    if (!c->confirmed() || c->dying()) continue;
    if (nf_ct_is_expired(*c, now)) {
      expired.push_back(c);
      continue;
    }
    ++c->use;
    out.push_back(c);
  }
  for (NfConn* c : expired) nf_ct_delete(c);
  return out;
}

void nf_ct_deliver_cached_events(NfConn& ct) {
  if (!ct.confirmed() || ct.dying() || !ct.event_cache) return;
  const uint32_t ev = ct.event_cache;
  ct.event_cache = 0;
  nf_conntrack_event_report(ev, ct);
}

void nf_conntrack_event_report(uint32_t ev, NfConn& ct) {
  NfConntrackNet* cn = ct.cnet;
  if (!cn || cn->listeners.empty()) return;
  // A listener may unsubscribe while we walk (its job was killed).
  const std::vector<CtEventListener> ls = cn->listeners;
  for (const CtEventListener& l : ls) l.fn(l.priv, ev, ct);
}

void nf_ct_event_listen(Net& net, CtEventListener l) { nf_ct_net(net).listeners.push_back(l); }

void nf_ct_event_unlisten(Net& net, const void* priv) {
  NfConntrackNet* cn = nf_ct_net_maybe(net);
  if (!cn) return;
  std::erase_if(cn->listeners, [&](const CtEventListener& l) { return l.priv == priv; });
}

NfVerdict nf_conntrack_in(SkbPtr& skbp, const NfHookState& st) {
  SkBuff& skb = *skbp;
  if (skb._nfct || skb._nfct_info == IP_CT_UNTRACKED) return NfVerdict::Accept;  // seen (loopback) or NOTRACK
  NfConntrackNet& cn = nf_ct_net(*st.net);
  uint8_t protonum = 0;
  const int dataoff = get_l4proto(skb, skb.network_header, &protonum);
  if (dataoff <= 0) {
    ++cn.stat.invalid;
    return NfVerdict::Accept;
  }
  const uint32_t doff = static_cast<uint32_t>(dataoff);
  if (protonum == IPPROTO_ICMP) {
    // nf_conntrack_handle_icmp: errors are RELATED to the flow they quote.
    const int ret = nf_conntrack_icmpv4_error(skb, doff, st);
    if (ret <= 0) {
      ++cn.stat.error;
      return NfVerdict::Accept;
    }
    if (skb._nfct) return NfVerdict::Accept;
  }
  if (protonum == IPPROTO_TCP && nf_conntrack_tcp_error(skb, doff, st)) {
    ++cn.stat.invalid;
    return NfVerdict::Accept;
  }
  NfConntrackTuple tuple;
  for (int repeat = 0; repeat < 2; ++repeat) {
    if (!nf_ct_get_tuple(skb, skb.network_header, tuple)) {
      ++cn.stat.invalid;
      return NfVerdict::Accept;
    }
    if (resolve_normal_ct(cn, skb, tuple) < 0) {
      ++cn.stat.drop;
      return NfVerdict::Drop;
    }
    uint8_t ctinfo;
    NfConn* ct = nf_ct_get(skb, &ctinfo);
    if (!ct) {
      ++cn.stat.invalid;
      return NfVerdict::Accept;
    }
    const int ret = handle_packet(*ct, skb, doff, ctinfo, st);
    if (ret <= 0) {
      nf_reset_ct(skb);
      if (ret == -2 /* -NF_REPEAT: a TCP reopen of a closed entry */ && repeat == 0) continue;
      ++cn.stat.invalid;
      if (ret == 0) {
        ++cn.stat.drop;
        return NfVerdict::Drop;
      }
      return NfVerdict::Accept;
    }
    if (ctinfo == IP_CT_ESTABLISHED_REPLY && !(ct->status & IPS_SEEN_REPLY)) {
      ct->status |= IPS_SEEN_REPLY;
      nf_conntrack_event_cache(IPCT_REPLY, *ct);
    }
    return NfVerdict::Accept;
  }
  return NfVerdict::Accept;
}

// nf_confirm + nf_conntrack_confirm + __nf_conntrack_confirm
NfVerdict nf_conntrack_confirm(SkbPtr& skbp, const NfHookState&) {
  SkBuff& skb = *skbp;
  uint8_t ctinfo;
  NfConn* ct = nf_ct_get(skb, &ctinfo);
  if (!ct) return NfVerdict::Accept;
  if (!ct->confirmed()) {
    // REJECT and friends attach replies to an unconfirmed entry: only the
    // packet that created it confirms it.
    if (CTINFO2DIR(ctinfo) != IP_CT_DIR_ORIGINAL) return NfVerdict::Accept;
    NfConntrackNet* cn = ct->cnet;
    if (!cn) return NfVerdict::Accept;
    if (ct->dying()) {
      ++cn->stat.insert_failed;
      return NfVerdict::Drop;
    }
    // Did another entry take either tuple meanwhile (a NAT clash)?
    for (uint8_t d = 0; d < IP_CT_DIR_MAX; ++d) {
      uint8_t odir = 0;
      NfConn* other = find_get(*cn, ct->tuple[d], &odir);
      if (!other) continue;
      // nf_ct_resolve_clash: an identical entry takes the packet over.
      if (other->tuple[0] == ct->tuple[0] && other->tuple[1] == ct->tuple[1] &&
          (other->status & IPS_NAT_MASK) == (ct->status & IPS_NAT_MASK)) {
        nf_ct_set(skb, other, ctinfo);
        nf_conntrack_put(ct);
        ++cn->stat.clash_resolve;
        return NfVerdict::Accept;
      }
      // A different flow owns the tuple (a NAT binding that found no free
      // port): nf_ct_resolve_clash gives up and counts both.
      nf_conntrack_put(other);
      ++cn->stat.drop;
      ++cn->stat.insert_failed;
      return NfVerdict::Drop;
    }
    ct->status |= IPS_CONFIRMED;
    ct->timeout += now_of(*cn);  // the timeout starts at confirmation
    ++ct->use;                   // the table's reference
    ++cn->confirmed;
    maybe_grow(*cn);
    hash_insert(*cn, ct);
    gc_arm(*cn);
    nf_conntrack_event_cache(IPCT_NEW, *ct);
  }
  nf_ct_deliver_cached_events(*ct);
  return NfVerdict::Accept;
}

int nf_ct_netns_get(Net& net) {
  NfConntrackNet& cn = nf_ct_net(net);
  if (cn.users++ > 0) return 0;
  for (const HookDef& h : kHooks) {
    const int err = nf_register_net_hook(net, ops_of(h));
    if (err) return err;
  }
  return 0;
}

void nf_ct_netns_put(Net& net) {
  NfConntrackNet* cn = nf_ct_net_maybe(net);
  if (!cn || cn->users == 0) return;
  if (--cn->users > 0) return;
  for (const HookDef& h : kHooks) nf_unregister_net_hook(net, ops_of(h));
}

const char* nf_ct_l4proto_name(uint8_t protonum) {
  switch (protonum) {
    case IPPROTO_TCP: return "tcp";
    case IPPROTO_UDP: return "udp";
    case IPPROTO_UDPLITE: return "udplite";
    case IPPROTO_ICMP: return "icmp";
    case IPPROTO_SCTP: return "sctp";
    case IPPROTO_DCCP: return "dccp";
    case IPPROTO_GRE: return "gre";
    default: return "unknown";
  }
}

}  // namespace skbox
