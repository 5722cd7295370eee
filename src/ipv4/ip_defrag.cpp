// ip_defrag (net/ipv4/ip_fragment.c, inet_fragment.c): reassembly queues
// (struct ipq) keyed by source, destination, id and protocol. A queue is
// created by its first fragment, lives net.ipv4.ipfrag_time seconds, and
// completes when the first and last fragments are in and nothing is missing.
// Overlapping fragments kill the queue (RFC 5722, ReasmOverlaps); a fragment
// wholly inside data already held is a duplicate and only it is dropped.
// On timeout the sender gets "fragment reassembly time exceeded" if the
// first fragment had arrived.
//
// Queues and their timers are recycled through a free list, so reassembly
// allocates nothing once warm.
// Not modelled: ipfrag_max_dist (inet_peer distance), the ECN combination
// table, the ipfrag_high/low_thresh sysctls beyond their defaults, defrag
// users other than local delivery (conntrack), l3mdev.
#include <cstring>
#include <memory>
#include <vector>

#include "ipv4/icmp.h"
#include "ipv4/ip.h"
#include "ipv4/ip_fragment.h"
#include "net/net.h"
#include "net/world.h"
#include "trace/trace.h"

namespace skbox {

namespace {

constexpr uint64_t kHighThresh = 4 * 1024 * 1024;  // ipfrag_high_thresh default
constexpr uint32_t kBuckets = 256;
enum : uint8_t { FRAG_FIRST_IN = 1, FRAG_LAST_IN = 2, FRAG_COMPLETE = 4 };

// The part of a fragment a queue needs: its payload range, read from the
// IP header that stays in the buffer.
uint32_t frag_hlen(SkBuff& s) { return ip_hdr(s).ihl() * 4u; }
uint32_t frag_start(SkBuff& s) { return static_cast<uint32_t>(ip_hdr(s).frag_offset()); }
uint32_t frag_payload(SkBuff& s) { return s.network_len() - frag_hlen(s); }
uint32_t frag_end(SkBuff& s) { return frag_start(s) + frag_payload(s); }
uint32_t truesize(const SkBuff& s) { return s.len + 768; }

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
  uint64_t mem = 0;
  SkBuff* frags = nullptr;  // sorted by offset, linked through next
  Ipq* hnext = nullptr;
  Timer timer;
};

struct Ipv4Frags {
  Net* net = nullptr;
  std::vector<Ipq*> buckets = std::vector<Ipq*>(kBuckets, nullptr);
  std::vector<std::unique_ptr<Ipq>> all;
  std::vector<Ipq*> free_list;
  uint64_t mem = 0;

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
  // inet_frag_kill + destroy: unhash, stop the timer, free what is held
  // (consumed when it went into a reassembled datagram).
  void kill(Ipq* q, DropReason reason, bool consumed = false);
  void expire(Ipq* q);
};

void Ipv4FragsDeleter::operator()(Ipv4Frags* f) const {
  for (auto& q : f->all) {
    f->net->world.loop.del_timer(q->timer);
    for (SkBuff* s = q->frags; s;) {
      SkBuff* n = s->next;
      s->next = nullptr;
      kfree_skb_reason(SkbPtr(s), DropReason::NOT_SPECIFIED);
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
  q->mem = 0;
  q->frags = nullptr;
  const uint32_t h = hash(s, d, id, proto);
  q->hnext = buckets[h];
  buckets[h] = q;
  // inet_frag_create: the timer runs from the first fragment only.
  net->world.loop.mod_timer(q->timer, net->world.now() + static_cast<Time>(net->ipv4.ipfrag_time) * kSec);
  return q;
}

void Ipv4Frags::kill(Ipq* q, DropReason reason, bool consumed) {
  net->world.loop.del_timer(q->timer);
  Ipq** pp = &buckets[hash(q->saddr, q->daddr, q->id, q->protocol)];
  while (*pp && *pp != q) pp = &(*pp)->hnext;
  if (*pp) *pp = q->hnext;
  q->hnext = nullptr;
  for (SkBuff* s = q->frags; s;) {
    SkBuff* n = s->next;
    s->next = nullptr;
    if (consumed)
      consume_skb(SkbPtr(s));
    else
      kfree_skb_reason(SkbPtr(s), reason);
    s = n;
  }
  q->frags = nullptr;
  mem -= q->mem;
  q->mem = 0;
  free_list.push_back(q);
}

// ip_expire
void Ipv4Frags::expire(Ipq* q) {
  Net& n = *net;
  n.mib.ip.inc(IpMib::ReasmFails);
  n.mib.ip.inc(IpMib::ReasmTimeout);
  SkbPtr head;
  if ((q->flags & FRAG_FIRST_IN) && q->frags && frag_start(*q->frags) == 0) {
    head = SkbPtr(q->frags);
    q->frags = head->next;
    head->next = nullptr;
    mem -= truesize(*head);
    q->mem -= truesize(*head);
  }
  const int iif = q->iif;
  kill(q, DropReason::FRAG_REASM_TIMEOUT);
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

// ip_frag_reasm: one buffer holding the first fragment's header and every
// payload in order.
SkbPtr ip_frag_reasm(Net& net, Ipv4Frags& f, Ipq* q, NetDevice* dev, const SkBuff& last) {
  SkBuff& first = *q->frags;
  const uint32_t hlen = frag_hlen(first);
  const uint32_t total = hlen + q->len;
  if (total > 0xFFFF) {  // "Oversized IP packet"
    net.mib.ip.inc(IpMib::ReasmFails);
    f.kill(q, DropReason::NOT_SPECIFIED);
    return SkbPtr();
  }
  SkbPtr skb = net.world.pool.alloc(total);
  if (!skb) {
    net.mib.ip.inc(IpMib::ReasmFails);
    f.kill(q, DropReason::NOMEM);
    return SkbPtr();
  }
  SkBuff& d = *skb;
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
  for (SkBuff* s = q->frags; s; s = s->next) {
    const uint32_t off = frag_start(*s);
    const uint32_t plen = frag_payload(*s);
    std::memcpy(p + hlen + off, s->network_ptr() + frag_hlen(*s), plen);
  }
  d.reset_network_header();
  d.transport_header = static_cast<uint16_t>(d.network_header + hlen);
  auto iph = ip_hdr(d);
  iph.set_total_len(static_cast<uint16_t>(total));
  // A datagram whose every largest piece carried DF keeps DF.
  iph.set_frag_off(q->max_df_size == q->max_size ? IP_DF : 0);
  iph.fill_checksum();
  q->flags |= FRAG_COMPLETE;
  f.kill(q, DropReason::NOT_SPECIFIED, true);  // the pieces were copied
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
  if (f.mem > kHighThresh) {
    net.mib.ip.inc(IpMib::ReasmFails);
    kfree_skb_reason(std::move(skb), DropReason::NOMEM);
    return SkbPtr();
  }
  Ipq* q = f.find(iph.src(), iph.dst(), iph.ident(), iph.protocol());
  if (!q) q = f.create(iph.src(), iph.dst(), iph.ident(), iph.protocol());

  // ip_frag_queue
  const uint32_t offset = static_cast<uint32_t>(iph.frag_offset());
  const uint32_t hlen = iph.ihl() * 4u;
  uint32_t end = offset + skb->network_len() - hlen;
  auto discard_qp = [&](DropReason r) {
    f.kill(q, r);
    net.mib.ip.inc(IpMib::ReasmFails);
    kfree_skb_reason(std::move(skb), r);
    return SkbPtr();
  };
  if (!iph.more_frags()) {
    // The last piece fixes the length; one that contradicts it is fatal.
    if (end < q->len || ((q->flags & FRAG_LAST_IN) && end != q->len)) return discard_qp(DropReason::NOT_SPECIFIED);
    q->flags |= FRAG_LAST_IN;
    q->len = end;
  } else {
    end &= ~7u;  // a non-final piece is a multiple of 8 bytes
    if (end > q->len) {
      if (q->flags & FRAG_LAST_IN) return discard_qp(DropReason::NOT_SPECIFIED);
      q->len = end;
    }
  }
  if (end == offset) return discard_qp(DropReason::NOT_SPECIFIED);
  // Trim to the 8-byte multiple kept above.
  skb->trim(skb->len - ((offset + skb->network_len() - hlen) - end));
  ip_hdr(*skb).set_total_len(static_cast<uint16_t>(hlen + end - offset));

  // inet_frag_queue_insert: inside a run of held data is a duplicate,
  // partial overlap kills the queue.
  SkBuff** pos = &q->frags;
  for (SkBuff* s = q->frags; s;) {
    const uint32_t run_start = frag_start(*s);
    uint32_t run_end = frag_end(*s);
    while (s->next && frag_start(*s->next) == run_end) {
      s = s->next;
      run_end = frag_end(*s);
    }
    if (offset >= run_start && end <= run_end) {
      kfree_skb_reason(std::move(skb), DropReason::DUP_FRAG);
      return SkbPtr();
    }
    s = s->next;
  }
  for (SkBuff* s = q->frags; s; s = s->next) {
    const uint32_t a = frag_start(*s), b = frag_end(*s);
    if (offset < b && end > a) {
      net.mib.ipext.inc(IpExtMib::ReasmOverlaps);
      return discard_qp(DropReason::NOT_SPECIFIED);
    }
    if (a < offset) pos = &s->next;
  }
  NetDevice* dev = skb->dev;
  if (dev) q->iif = dev->ifindex;
  const uint32_t fragsize = skb->network_len();
  const bool df = iph.dont_frag();
  // Queued pieces keep neither device nor route (the kernel reuses those
  // fields for the queue's tree); the queue remembers the input ifindex.
  const SkBuff& arrived = *skb;
  SkBuff* raw = skb.release();
  raw->next = *pos;
  *pos = raw;
  q->meat += end - offset;
  q->mem += truesize(*raw);
  f.mem += truesize(*raw);
  if (offset == 0) q->flags |= FRAG_FIRST_IN;
  if (fragsize > q->max_size) q->max_size = fragsize;
  if (df && fragsize > q->max_df_size) q->max_df_size = fragsize;
  if (q->flags == (FRAG_FIRST_IN | FRAG_LAST_IN) && q->meat == q->len) {
    SkbPtr whole = ip_frag_reasm(net, f, q, dev, arrived);
    return whole;
  }
  raw->dev = nullptr;
  raw->dst = SkbDst{};
  return SkbPtr();
}

}  // namespace skbox
