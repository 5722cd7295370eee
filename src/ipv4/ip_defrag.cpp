// ip_defrag (net/ipv4/ip_fragment.c, inet_fragment.c): reassembly queues
// (struct ipq) keyed by source, destination, id and protocol. A queue is
// created by its first fragment (inet_frag_find refuses to create or even
// find one while the namespace's fragment memory is over
// ipfrag_high_thresh), lives net.ipv4.ipfrag_time seconds from then, and
// completes when the first and last fragments are in and nothing is missing.
//
// Fragments are kept sorted by offset and grouped in "runs" like the
// kernel's rbtree of run heads (inet_frag_queue_insert): a fragment that
// starts exactly where the last one ends extends the last run, any other
// one starts a run. A fragment wholly inside one run is a duplicate (only it
// is dropped, DUP_FRAG); any other overlap kills the queue (RFC 5722,
// ReasmOverlaps). Note that two adjacent runs are not merged, so a fragment
// covering both is an overlap, as on Linux.
//
// ipfrag_max_dist: each source address has a counter of fragments seen
// (inet_peer->rid); a queue whose previous fragment is more than max_dist
// fragments of that source ago is flushed (FRAG_TOO_FAR) and restarted with
// a fresh timer (ip_frag_too_far + ip_frag_reinit).
//
// Memory: each queue costs sizeof(struct ipq) and each queued fragment its
// truesize, counted in the namespace (fqdir->mem). The reassembled datagram
// gets the truesize inet_frag_reasm_finish gives it (see reasm_truesize),
// which is what its socket is charged. On timeout the sender
// gets "fragment reassembly time exceeded" if the first fragment had arrived.
//
// Queues and their timers are recycled through a free list, so reassembly
// allocates nothing once warm.
// Not modelled: the ECN combination table, defrag users other than local
// delivery (conntrack, af_packet), l3mdev (vif is always 0), inet_peer
// garbage collection (a source's counter lives as long as the namespace).
#include <cstring>
#include <memory>
#include <unordered_map>
#include <vector>

#include "ipv4/icmp.h"
#include "ipv4/ip.h"
#include "ipv4/ip_fragment.h"
#include "net/net.h"
#include "core/timer_wheel.h"
#include "net/world.h"
#include "trace/trace.h"

namespace skbox {

namespace {

constexpr uint32_t kBuckets = 1024;
// sizeof(struct ipq) on the oracle kernel (objsize of the ip4-frags slab):
// what each queue adds to the namespace's fragment memory.
constexpr uint64_t kIpqSize = 200;
enum : uint8_t {
  INET_FRAG_FIRST_IN = 1,
  INET_FRAG_LAST_IN = 2,
  INET_FRAG_COMPLETE = 4,
  INET_FRAG_DROP = 16,  // free the pieces as dropped, not consumed
};
enum class Insert { Ok, Dup, Overlap };

// The part of a fragment a queue needs: its payload range, read from the
// IP header that stays in the buffer (the kernel keeps it in skb->cb).
uint32_t frag_hlen(SkBuff& s) { return ip_hdr(s).ihl() * 4u; }
uint32_t frag_start(SkBuff& s) { return static_cast<uint32_t>(ip_hdr(s).frag_offset()); }
uint32_t frag_payload(SkBuff& s) { return s.network_len() - frag_hlen(s); }
uint32_t frag_end(SkBuff& s) { return frag_start(s) + frag_payload(s); }
// FRAG_CB(skb)->frag_run_len lives in skb->hash while the fragment is queued
// (nothing reads the hash of a queued piece); 0 on pieces that are not the
// head of a run.
uint32_t& run_len(SkBuff& s) { return s.hash; }

}  // namespace

struct Ipq {
  Ipv4Addr saddr, daddr;
  uint16_t id = 0;
  uint8_t protocol = 0;
  uint8_t flags = 0;
  uint32_t len = 0;       // total payload length once known
  uint32_t meat = 0;      // payload bytes held
  uint32_t max_size = 0;  // largest fragment seen (IP length)
  uint32_t max_df_size = 0;
  int iif = 0;
  bool peer = false;      // qp->peer: taken when max_dist was on at creation
  uint32_t rid = 0;
  SkBuff* frags = nullptr;  // sorted by offset, linked through next
  SkBuff* tail = nullptr;   // fragments_tail
  SkBuff* last_run_head = nullptr;
  Ipq* hnext = nullptr;
  TimerList timer;  // a timer_list: fires on the wheel's rounded jiffy
};

struct Ipv4Frags {
  Net* net = nullptr;
  std::vector<Ipq*> buckets = std::vector<Ipq*>(kBuckets, nullptr);
  std::vector<std::unique_ptr<Ipq>> all;
  std::vector<Ipq*> free_list;
  std::unordered_map<uint32_t, uint32_t> peer_rid;  // inet_peer->rid per source
  uint64_t mem = 0;                                  // fqdir->mem
  uint32_t nqueues = 0;

  static uint32_t hash(Ipv4Addr s, Ipv4Addr d, uint16_t id, uint8_t proto) {
    uint64_t h = (uint64_t(s.v) << 32 | d.v) * 0x9E3779B97F4A7C15ull;
    h ^= (uint64_t(id) << 8 | proto) * 0xC2B2AE3D27D4EB4Full;
    return static_cast<uint32_t>(h >> 40) % kBuckets;
  }
  Ipq* find(Ipv4Addr s, Ipv4Addr d, uint16_t id, uint8_t proto) {
    for (Ipq* q = buckets[hash(s, d, id, proto)]; q; q = q->hnext)
      if (q->saddr == s && q->daddr == d && q->id == id && q->protocol == proto) return q;
    return nullptr;
  }
  Ipq* create(Ipv4Addr s, Ipv4Addr d, uint16_t id, uint8_t proto);
  // Frees every queued piece (inet_frag_rbtree_purge) and returns their
  // truesize sum; dropped with `reason`, or consumed when reason is
  // NOT_SPECIFIED and `consumed`.
  uint64_t purge(Ipq* q, DropReason reason, bool consumed);
  // inet_frag_kill + the final inet_frag_destroy: unhash, stop the timer,
  // free what is held (consumed unless INET_FRAG_DROP), give the memory back.
  void kill(Ipq* q);
  void expire(Ipq* q);
};

void Ipv4FragsDeleter::operator()(Ipv4Frags* f) const {
  for (auto& q : f->all) {
    f->net->world.loop.del_timer(q->timer);
    for (SkBuff* s = q->frags; s;) {
      SkBuff* n = s->next;
      s->next = nullptr;
      kfree_skb_reason(SkbPtr(s), DropReason::FRAG_REASM_TIMEOUT);  // fqdir_exit: INET_FRAG_DROP
      s = n;
    }
    q->frags = nullptr;
  }
  delete f;
}

namespace {

Ipv4Frags& frags_of(Net& net) {
  if (!net.ipv4_frags) {
    net.ipv4_frags.reset(new Ipv4Frags);
    net.ipv4_frags->net = &net;
  }
  return *net.ipv4_frags;
}

}  // namespace

uint64_t ip_frag_mem(Net& net) { return net.ipv4_frags ? net.ipv4_frags->mem : 0; }
uint32_t ip_frag_queues(Net& net) { return net.ipv4_frags ? net.ipv4_frags->nqueues : 0; }

Ipq* Ipv4Frags::create(Ipv4Addr s, Ipv4Addr d, uint16_t id, uint8_t proto) {
  Ipq* q;
  if (!free_list.empty()) {
    q = free_list.back();
    free_list.pop_back();
  } else {
    all.push_back(std::make_unique<Ipq>());
    q = all.back().get();
    q->timer.set_function([this, q] { expire(q); });
  }
  q->saddr = s;
  q->daddr = d;
  q->id = id;
  q->protocol = proto;
  q->flags = 0;
  q->len = q->meat = q->max_size = q->max_df_size = 0;
  q->iif = 0;
  q->rid = 0;
  // ip4_frag_init: the source's inet_peer only when max_dist is on.
  q->peer = net->ipv4.ipfrag_max_dist != 0;
  if (q->peer) peer_rid.try_emplace(s.v, 0);
  q->frags = q->tail = q->last_run_head = nullptr;
  const uint32_t h = hash(s, d, id, proto);
  q->hnext = buckets[h];
  buckets[h] = q;
  ++nqueues;
  mem += kIpqSize;
  // inet_frag_create: the timer runs from the first fragment only.
  mod_timer_in(net->world.loop, q->timer, int64_t(net->ipv4.ipfrag_time) * kTimerHz);
  return q;
}

uint64_t Ipv4Frags::purge(Ipq* q, DropReason reason, bool consumed) {
  NetDevice* dev = net->dev_get_by_index(q->iif);  // so the drop is counted in this namespace
  uint64_t sum = 0;
  for (SkBuff* s = q->frags; s;) {
    SkBuff* n = s->next;
    s->next = nullptr;
    s->dev = dev;
    sum += s->truesize;
    if (consumed)
      consume_skb(SkbPtr(s));
    else
      kfree_skb_reason(SkbPtr(s), reason);
    s = n;
  }
  q->frags = q->tail = q->last_run_head = nullptr;
  return sum;
}

void Ipv4Frags::kill(Ipq* q) {
  net->world.loop.del_timer(q->timer);
  Ipq** pp = &buckets[hash(q->saddr, q->daddr, q->id, q->protocol)];
  while (*pp && *pp != q) pp = &(*pp)->hnext;
  if (*pp) *pp = q->hnext;
  q->hnext = nullptr;
  q->flags |= INET_FRAG_COMPLETE;
  const bool drop = q->flags & INET_FRAG_DROP;
  mem -= purge(q, DropReason::FRAG_REASM_TIMEOUT, !drop) + kIpqSize;
  --nqueues;
  free_list.push_back(q);
}

// ip_expire
void Ipv4Frags::expire(Ipq* q) {
  Net& n = *net;
  q->flags |= INET_FRAG_DROP;
  n.mib.ip.inc(IpMib::ReasmFails);
  n.mib.ip.inc(IpMib::ReasmTimeout);
  // inet_frag_pull_head: the first piece leaves the queue (and its memory).
  SkbPtr head;
  if ((q->flags & INET_FRAG_FIRST_IN) && q->frags) {
    head = SkbPtr(q->frags);
    q->frags = head->next;
    head->next = nullptr;
    if (q->frags && run_len(*q->frags) == 0) run_len(*q->frags) = run_len(*head) - frag_payload(*head);
    if (q->tail == head.get()) q->tail = nullptr;
    if (q->last_run_head == head.get()) q->last_run_head = q->frags;
    mem -= head->truesize;
  }
  const int iif = q->iif;
  kill(q);
  if (!head) return;
  // The head lost its route when it was queued: look it up again, and
  // answer only as the end host (RFC 792).
  head->dev = n.dev_get_by_index(iif);
  if (!head->dev) {
    kfree_skb_reason(std::move(head), DropReason::FRAG_REASM_TIMEOUT);
    return;
  }
  auto iph = ip_hdr(*head);
  DropReason reason = DropReason::NOT_SPECIFIED;
  if (ip_route_input(*head, iph.dst(), iph.src(), iph.tos(), head->dev, &reason) != 0) {
    kfree_skb_reason(std::move(head), reason);
    return;
  }
  icmp_send(*head, ICMP_TIME_EXCEEDED, ICMP_EXC_FRAGTIME, 0);
  kfree_skb_reason(std::move(head), DropReason::FRAG_REASM_TIMEOUT);
}

namespace {

// ip_frag_too_far: counts this fragment in its source's counter and tells
// whether more than max_dist fragments of that source came since the
// queue's previous one (ReasmFails when so).
bool ip_frag_too_far(Net& net, Ipv4Frags& f, Ipq* q) {
  const uint32_t max = static_cast<uint32_t>(net.ipv4.ipfrag_max_dist);
  if (!q->peer || !max) return false;
  const uint32_t start = q->rid;
  const uint32_t end = ++f.peer_rid[q->saddr.v];
  q->rid = end;
  const bool rc = q->tail && end - start > max;
  if (rc) net.mib.ip.inc(IpMib::ReasmFails);
  return rc;
}

// ip_frag_reinit: forget what was queued and start over with a new timer.
void ip_frag_reinit(Net& net, Ipv4Frags& f, Ipq* q) {
  mod_timer_in(net.world.loop, q->timer, int64_t(net.ipv4.ipfrag_time) * kTimerHz);
  f.mem -= f.purge(q, DropReason::FRAG_TOO_FAR, false);
  q->flags = 0;
  q->len = q->meat = 0;
  q->iif = 0;
}

// inet_frag_queue_insert
Insert inet_frag_queue_insert(Ipq* q, SkBuff* skb, uint32_t offset, uint32_t end) {
  skb->next = nullptr;
  run_len(*skb) = 0;
  SkBuff* last = q->tail;
  if (!last) {
    run_len(*skb) = end - offset;
    q->frags = q->tail = q->last_run_head = skb;
    return Insert::Ok;
  }
  const uint32_t last_end = frag_end(*last);
  if (last_end < end) {  // the common case: it goes at the end
    if (offset < last_end) return Insert::Overlap;
    if (offset == last_end) {
      run_len(*q->last_run_head) += end - offset;  // fragrun_append_to_last
    } else {
      run_len(*skb) = end - offset;  // fragrun_create
      q->last_run_head = skb;
    }
    last->next = skb;
    q->tail = skb;
    return Insert::Ok;
  }
  // Somewhere before the tail: it must not touch any run, except by lying
  // wholly inside one (a duplicate). It becomes a run of its own.
  SkBuff** pos = &q->frags;
  for (SkBuff* s = q->frags; s; s = s->next) {
    if (run_len(*s) == 0) continue;
    const uint32_t rs = frag_start(*s), re = rs + run_len(*s);
    if (end <= rs) break;
    if (offset >= re) continue;
    return offset >= rs && end <= re ? Insert::Dup : Insert::Overlap;
  }
  while (*pos && frag_start(**pos) < offset) pos = &(*pos)->next;
  skb->next = *pos;
  *pos = skb;
  run_len(*skb) = end - offset;
  return Insert::Ok;
}

// The truesize of the datagram inet_frag_reasm_finish builds: the head's
// (the first piece's), plus each later piece's whole truesize, except that
// skb_try_coalesce copies a piece into the head's tailroom at no cost while
// the head is still linear (skb_tailroom is 0 once a piece is chained on
// its frag_list). Heads here are kmalloc'ed buffers, never page fragments,
// so nothing is stolen. The head's buffer is its truesize less struct
// sk_buff and skb_shared_info (576 bytes), its network header
// LL_RESERVED_SPACE (16) into it.
uint32_t reasm_truesize(SkBuff& head) {
  uint32_t truesize = head.truesize;
  int64_t tailroom = int64_t(head.truesize) - 576 - 16 - head.network_len();
  bool linear = true;
  for (SkBuff* s = head.next; s; s = s->next) {
    const uint32_t len = frag_payload(*s);
    if (linear && int64_t(len) <= tailroom) {
      tailroom -= len;
      continue;
    }
    linear = false;
    truesize += s->truesize;
  }
  return truesize;
}

// ip_frag_reasm: one buffer holding the first fragment's header and every
// payload in order. The queue is gone afterwards whatever happens.
SkbPtr ip_frag_reasm(Net& net, Ipv4Frags& f, Ipq* q, NetDevice* dev, const SkBuff& last) {
  SkBuff& first = *q->frags;
  const uint32_t hlen = frag_hlen(first);
  const uint32_t total = hlen + q->len;
  if (total > 0xFFFF) {  // "Oversized IP packet from %pI4": E2BIG
    net.mib.ip.inc(IpMib::ReasmFails);
    f.kill(q);  // the pieces, the last one included, are consumed
    return SkbPtr();
  }
  SkbPtr skb = net.world.pool.alloc(total);
  if (!skb) {
    net.mib.ip.inc(IpMib::ReasmFails);
    f.kill(q);
    return SkbPtr();
  }
  SkBuff& d = *skb;
  d.truesize = reasm_truesize(first);
  d.dev = dev;
  d.skb_iif = last.skb_iif;
  d.protocol = first.protocol;
  d.pkt_type = first.pkt_type;
  d.mark = first.mark;
  d.priority = first.priority;
  d.tstamp = last.tstamp;
  d.dst = last.dst;
  uint8_t* p = d.put(total);
  std::memcpy(p, first.network_ptr(), hlen);
  for (SkBuff* s = q->frags; s; s = s->next)
    std::memcpy(p + hlen + frag_start(*s), s->network_ptr() + frag_hlen(*s), frag_payload(*s));
  d.reset_network_header();
  d.transport_header = static_cast<uint16_t>(d.network_header + hlen);
  // The datagram is the first piece's skb grown (skb_morph keeps its
  // header offsets): its link header is still in front, as LOG's MAC= shows.
  d.mac_header = d.network_header;
  if (first.mac_header != SkBuff::kNoHeader && first.mac_header < first.network_header) {
    const uint32_t mac_len = first.network_header - first.mac_header;
    if (mac_len <= d.headroom()) {
      std::memcpy(d.data() - mac_len, first.head + first.mac_header, mac_len);
      d.mac_header = static_cast<uint16_t>(d.data_off - mac_len);
    }
  }
  auto iph = ip_hdr(d);
  iph.set_total_len(static_cast<uint16_t>(total));
  // A datagram whose every largest piece carried DF keeps DF.
  iph.set_frag_off(q->max_df_size == q->max_size ? IP_DF : 0);
  iph.fill_checksum();
  f.kill(q);  // the pieces were copied: consumed
  net.mib.ip.inc(IpMib::ReasmOKs);
  skb_trace(d, "ip_frag_reasm");
  return skb;
}

}  // namespace

SkbPtr ip_defrag(Net& net, SkbPtr skb) {
  skb_trace(*skb, "ip_defrag");
  net.mib.ip.inc(IpMib::ReasmReqds);
  Ipv4Frags& f = frags_of(net);
  auto iph = ip_hdr(*skb);
  // inet_frag_find: over high_thresh (or with it at 0) no queue is found or
  // made; the fragment is freed without a reason (kfree_skb).
  const uint64_t high = net.ipv4.ipfrag_high_thresh;
  if (!high || f.mem > high) {
    net.mib.ip.inc(IpMib::ReasmFails);
    kfree_skb_reason(std::move(skb), DropReason::NOT_SPECIFIED);
    return SkbPtr();
  }
  Ipq* q = f.find(iph.src(), iph.dst(), iph.ident(), iph.protocol());
  if (!q) q = f.create(iph.src(), iph.dst(), iph.ident(), iph.protocol());

  // ip_frag_queue
  if (ip_frag_too_far(net, f, q)) ip_frag_reinit(net, f, q);
  const uint32_t offset = static_cast<uint32_t>(iph.frag_offset());
  const uint32_t hlen = iph.ihl() * 4u;
  uint32_t end = offset + skb->network_len() - hlen;
  auto discard_qp = [&](DropReason r) {
    f.kill(q);
    net.mib.ip.inc(IpMib::ReasmFails);
    kfree_skb_reason(std::move(skb), r);
    return SkbPtr();
  };
  if (!iph.more_frags()) {
    // The last piece fixes the length; one that contradicts it is fatal.
    if (end < q->len || ((q->flags & INET_FRAG_LAST_IN) && end != q->len))
      return discard_qp(DropReason::NOT_SPECIFIED);
    q->flags |= INET_FRAG_LAST_IN;
    q->len = end;
  } else {
    end &= ~7u;  // a non-final piece is a multiple of 8 bytes
    if (end > q->len) {
      if (q->flags & INET_FRAG_LAST_IN) return discard_qp(DropReason::NOT_SPECIFIED);
      q->len = end;
    }
  }
  if (end == offset) return discard_qp(DropReason::NOT_SPECIFIED);
  // pskb_trim_rcsum to the 8-byte multiple kept above.
  skb->trim(skb->len - ((offset + skb->network_len() - hlen) - end));
  ip_hdr(*skb).set_total_len(static_cast<uint16_t>(hlen + end - offset));

  NetDevice* dev = skb->dev;
  const bool df = iph.dont_frag();
  SkBuff* raw = skb.get();
  switch (inet_frag_queue_insert(q, raw, offset, end)) {
    case Insert::Ok:
      break;
    case Insert::Dup:
      kfree_skb_reason(std::move(skb), DropReason::DUP_FRAG);
      return SkbPtr();
    case Insert::Overlap:
      net.mib.ipext.inc(IpExtMib::ReasmOverlaps);
      return discard_qp(DropReason::NOT_SPECIFIED);
  }
  (void)skb.release();  // owned by the queue now
  if (dev) q->iif = dev->ifindex;
  const uint32_t truesize = raw->truesize;
  q->meat += end - offset;
  f.mem += truesize;
  if (offset == 0) q->flags |= INET_FRAG_FIRST_IN;
  const uint32_t fragsize = hlen + end - offset;
  if (fragsize > q->max_size) q->max_size = fragsize;
  if (df && fragsize > q->max_df_size) q->max_df_size = fragsize;
  if (q->flags == (INET_FRAG_FIRST_IN | INET_FRAG_LAST_IN) && q->meat == q->len)
    return ip_frag_reasm(net, f, q, dev, *raw);
  // Queued pieces keep neither device nor route (the kernel reuses those
  // fields for the queue's tree); the queue remembers the input ifindex.
  raw->dev = nullptr;
  raw->dst = SkbDst{};
  return SkbPtr();
}

}  // namespace skbox
