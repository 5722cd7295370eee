// The generic neighbour layer (net/core/neighbour.c) specialised for the
// ARP table: entries and their NUD state machine (neigh_timer_handler,
// __neigh_event_send, __neigh_update), the unresolved queue, garbage
// collection (neigh_periodic_work, neigh_forced_gc), device flushes and the
// netlink-style add/delete/get that `ip neigh` uses.
//
// Not modelled: app probes (no arpd), NTF_MANAGED, netlink notifications.
// reachable_time is re-randomised lazily (when next needed, at most every
// 300 s) instead of from the periodic work, and the periodic gc timer only
// runs while the table holds at least gc_thresh1 entries (below that the
// kernel's periodic work does nothing else), so idle namespaces cost no
// timer events.
#include <algorithm>
#include <cerrno>

#include "ipv4/fib.h"
#include "ipv4/icmp.h"
#include "ipv4/ip.h"
#include "neigh/arp.h"
#include "neigh/neigh_table.h"
#include "net/dev.h"
#include "net/net.h"
#include "net/world.h"
#include "trace/trace.h"

namespace skbox {

void NeighTableDeleter::operator()(NeighTable* t) const { delete t; }

NeighTable& arp_table(Net& net) { return *net.arp_tbl; }

namespace {

constexpr Duration kJiffy = kSec / 250;        // CONFIG_HZ=250
constexpr Duration kMinTimer = kSec / 100;     // HZ/100: the shortest re-arm
constexpr Duration kRandPeriod = 300 * kSec;   // neigh_periodic_work's last_rand
constexpr uint16_t kEthPIp = 0x0800;

NeighParms& parms_of(Neighbour& n) {
  return n.dev->arp_parms ? *n.dev->arp_parms : n.tbl->parms;
}

Time now_of(const Neighbour& n) { return n.tbl->net.world.now(); }

int neigh_max_probes(Neighbour& n) {
  const NeighParms& p = parms_of(n);
  return p.ucast_probes + p.app_probes + ((n.nud_state & NUD_PROBE) ? p.mcast_reprobes : p.mcast_probes);
}

// skb->truesize of a packet of len bytes allocated the way ip_append_data
// does (kmalloc-rounded head with LL_RESERVED_SPACE + skb_shared_info, plus
// the sk_buff itself): what unres_qlen_bytes counts.
uint64_t neigh_truesize(uint32_t len) {
  constexpr uint64_t kShinfo = 320, kSkbStruct = 256;
  uint64_t data = ((uint64_t(len) + 16 + 15 + 63) & ~uint64_t(63)) + kShinfo;
  uint64_t alloc;
  if (data <= 96) alloc = 96;
  else if (data <= 128) alloc = 128;
  else if (data <= 192) alloc = 192;
  else {
    alloc = 256;
    while (alloc < data) alloc <<= 1;
  }
  return alloc + kSkbStruct;
}

// The state machine computes instants in virtual ns (jiffy stamps plus whole
// jiffies); the timer_list is armed for the jiffy they fall in.
void neigh_add_timer(Neighbour& n, Time when) { mod_timer(n.tbl->net.world.loop, n.timer, jiffies_at(when)); }
void neigh_del_timer(Neighbour& n) { n.tbl->net.world.loop.del_timer(n.timer); }

// arp_mc_map for Ethernet: 01:00:5e + the low 23 bits of the group.
MacAddr ip_eth_mc_map(Ipv4Addr a) {
  return MacAddr{{0x01, 0x00, 0x5e, static_cast<uint8_t>((a.v >> 16) & 0x7f), static_cast<uint8_t>(a.v >> 8),
                  static_cast<uint8_t>(a.v)}};
}

// dev_hard_header + dev_queue_xmit with the neighbour's address.
int neigh_xmit(Neighbour& n, SkbPtr skb) {
  NetDevice* dev = n.dev;
  skb->dev = dev;
  skb->protocol = kEthPIp;
  eth_header(*skb, dev, kEthPIp, n.ha, dev->dev_addr);
  return dev_queue_xmit(std::move(skb));
}

// n->output: neigh_connected_output when the entry is NUD_CONNECTED (and the
// hh cache path), else neigh_resolve_output. A packet left waiting for
// resolution counts as sent (0).
int neigh_output(Neighbour& n, SkbPtr skb) {
  if (n.nud_state & NUD_CONNECTED) {
    skb_trace(*skb, "neigh_hh_output");
    return neigh_xmit(n, std::move(skb));
  }
  skb_trace(*skb, "neigh_resolve_output");
  SkbPtr s = std::move(skb);
  if (neigh_event_send(&n, &s) == 0) return neigh_xmit(n, std::move(s));
  return 0;
}

void neigh_probe(Neighbour& n) {
  // arp_solicit reads the source address of the newest queued packet.
  const SkBuff* tail = nullptr;
  for (const SkBuff* s = n.arp_queue.front(); s; s = s->next) tail = s;
  arp_solicit(n, tail);
  ++n.probes;
}

void purge_arp_queue(Neighbour& n) {
  n.arp_queue.purge();
  n.arp_queue_len_bytes = 0;
}

// neigh_invalidate: resolution failed; each queued packet gets its error
// report (arp_error_report: ICMP host unreachable, freed as NEIGH_FAILED).
void neigh_invalidate(Neighbour& n) {
  ++n.tbl->stats.res_failed;
  n.updated = now_of(n);
  while (n.nud_state == NUD_FAILED) {
    SkbPtr skb = n.arp_queue.pop_front();
    if (!skb) break;
    n.arp_queue_len_bytes -= neigh_truesize(skb->len);
    icmp_send_host_unreach(std::move(skb));
  }
  purge_arp_queue(n);
}

void neigh_timer_handler(Neighbour* np) {
  Neighbour& n = *np;
  NeighTable& tbl = *n.tbl;
  ++n.hold;
  const uint8_t state = n.nud_state;
  const Time now = now_of(n);
  Time next = now + kSec;
  NeighParms& p = parms_of(n);

  if (!(state & NUD_IN_TIMER)) {
    tbl.release(np);
    return;
  }
  if (state & NUD_REACHABLE) {
    const Duration reach = neigh_reachable_time(tbl.net, p);
    if (now <= n.confirmed + reach) {
      next = n.confirmed + reach;
    } else if (now <= n.used + p.delay_probe_time) {
      n.nud_state = NUD_DELAY;
      n.updated = now;
      next = now + p.delay_probe_time;
    } else {
      n.nud_state = NUD_STALE;
      n.updated = now;
    }
  } else if (state & NUD_DELAY) {
    if (now <= n.confirmed + p.delay_probe_time) {
      n.nud_state = NUD_REACHABLE;
      n.updated = now;
      next = n.confirmed + neigh_reachable_time(tbl.net, p);
    } else {
      n.nud_state = NUD_PROBE;
      n.updated = now;
      n.probes = 0;
      next = now + std::max(p.retrans_time, kMinTimer);
    }
  } else {
    // INCOMPLETE or PROBE
    next = now + std::max(p.retrans_time, kMinTimer);
  }

  if ((n.nud_state & (NUD_INCOMPLETE | NUD_PROBE)) && n.probes >= neigh_max_probes(n)) {
    n.nud_state = NUD_FAILED;
    neigh_invalidate(n);
    tbl.release(np);
    return;
  }
  if (n.nud_state & NUD_IN_TIMER) {
    if (next < now + kMinTimer) next = now + kMinTimer;
    neigh_add_timer(n, next);
  }
  if (n.nud_state & (NUD_INCOMPLETE | NUD_PROBE)) neigh_probe(n);
  tbl.release(np);
}

void neigh_update_is_router(Neighbour& n, uint32_t flags) {
  const uint8_t want = (flags & NEIGH_UPDATE_F_ISROUTER) ? NTF_ROUTER : 0;
  if ((n.flags ^ want) & NTF_ROUTER) n.flags = (n.flags & ~NTF_ROUTER) | want;
}

}  // namespace

// ---------------------------------------------------------------------------
// Parameters

Duration neigh_reachable_time(Net& net, NeighParms& p) {
  const Time now = net.world.now();
  if (p.rand_base != p.base_reachable_time || now - p.rand_at >= kRandPeriod) {
    // neigh_rand_reach_time: uniform in [base/2, 3*base/2), in jiffies.
    const int64_t base = p.base_reachable_time / kJiffy;
    p.reachable_time = base > 0 ? (int64_t(net.world.rng.below(uint32_t(base))) + (base >> 1)) * kJiffy : 0;
    p.rand_base = p.base_reachable_time;
    p.rand_at = now;
  }
  return p.reachable_time;
}

// ---------------------------------------------------------------------------
// The table

NeighTable::NeighTable(Net& n) : net(n) {
  gc_timer_.set_function([this] { periodic_work(); });
  proxy_timer_.set_function([this] { proxy_process(); });
}

NeighTable::~NeighTable() {
  // Devices are gone by now (their unregistration flushed their entries);
  // free whatever is left without touching them.
  auto drop_all = [](SkbQueue& q) {
    while (SkbPtr s = q.pop_front()) {
      s->dev = nullptr;
      kfree_skb_reason(std::move(s), DropReason::NOT_SPECIFIED);
    }
  };
  for (Neighbour* n = head_; n; n = n->next) drop_all(n->arp_queue);
  drop_all(proxy_queue);
  hash_.clear();
  zombies_.clear();
}

Neighbour* NeighTable::lookup(const NetDevice* dev, Ipv4Addr addr) {
  ++stats.lookups;
  auto it = hash_.find(Key{dev, addr.v});
  if (it == hash_.end()) return nullptr;
  ++stats.hits;
  return it->second.get();
}

Expected<Neighbour*> NeighTable::create(NetDevice* dev, Ipv4Addr addr, bool exempt_from_gc) {
  const Time now = net.world.now();
  // neigh_alloc: make room first when the table is over its thresholds.
  if (!exempt_from_gc) {
    const size_t e = gc_entries_;
    if (e >= size_t(gc_thresh3) || (e >= size_t(gc_thresh2) && now > last_flush_ + 5 * kSec)) {
      if (!forced_gc() && e >= size_t(gc_thresh3)) {
        ++stats.table_fulls;
        return Errno(ENOBUFS);
      }
    }
  }
  // arp_constructor: no in_device, no neighbour; loopback and point-to-point
  // devices have a single neighbour keyed 0.0.0.0.
  if (!dev->ip_ptr) return Errno(EINVAL);
  if (dev->flags & (IFF_LOOPBACK | IFF_POINTOPOINT)) addr = Ipv4Addr();
  if (auto it = hash_.find(Key{dev, addr.v}); it != hash_.end()) return it->second.get();

  auto owned = std::make_unique<Neighbour>();
  Neighbour* n = owned.get();
  n->tbl = this;
  n->dev = dev;
  n->key = addr;
  n->updated = n->used = now;
  n->type = inet_addr_type(net, addr);
  if (n->type == RTN_MULTICAST) {
    n->nud_state = NUD_NOARP;
    n->ha = dev->type == ARPHRD_ETHER ? ip_eth_mc_map(addr) : dev->broadcast;
  } else if (dev->flags & (IFF_NOARP | IFF_LOOPBACK)) {
    n->nud_state = NUD_NOARP;
    n->ha = dev->dev_addr;
  } else if (n->type == RTN_BROADCAST || (dev->flags & IFF_POINTOPOINT)) {
    n->nud_state = NUD_NOARP;
    n->ha = dev->broadcast;
  }
  n->confirmed = now - 2 * parms_of(*n).base_reachable_time;
  n->exempt_from_gc = exempt_from_gc;
  n->timer.set_function([n] { neigh_timer_handler(n); });

  hash_.emplace(Key{dev, addr.v}, std::move(owned));
  n->prev = tail_;
  if (tail_) tail_->next = n; else head_ = n;
  tail_ = n;
  ++entries_;
  if (!exempt_from_gc) ++gc_entries_;
  ++stats.allocs;
  arm_gc();
  return n;
}

Neighbour* NeighTable::lookup_or_create(NetDevice* dev, Ipv4Addr addr, bool creat) {
  Neighbour* n = lookup(dev, addr);
  if (n || !creat) return n;
  auto r = create(dev, addr);
  return r ? *r : nullptr;
}

std::vector<Neighbour*> NeighTable::dump() const {
  std::vector<Neighbour*> v;
  v.reserve(entries_);
  for (Neighbour* n = head_; n; n = n->next) v.push_back(n);
  return v;
}

void NeighTable::unlink(Neighbour* n) {
  auto it = hash_.find(Key{n->dev, n->key.v});
  if (it == hash_.end() || it->second.get() != n) return;
  std::unique_ptr<Neighbour> owned = std::move(it->second);
  hash_.erase(it);
  if (n->prev) n->prev->next = n->next; else head_ = n->next;
  if (n->next) n->next->prev = n->prev; else tail_ = n->prev;
  n->prev = n->next = nullptr;
  --entries_;
  if (!n->exempt_from_gc) --gc_entries_;
  ++stats.destroys;
  n->dead = true;
  net.world.loop.del_timer(n->timer);
  purge_arp_queue(*n);
  if (n->hold > 0) zombies_.push_back(std::move(owned));
}

// neigh_update_gc_list: entries on the gc list are the ones forced gc may
// reclaim (not PERMANENT, not externally learned); gc_entries counts them.
void NeighTable::update_gc_list(Neighbour* n) {
  const bool exempt = (n->nud_state & NUD_PERMANENT) || (n->flags & NTF_EXT_LEARNED);
  if (exempt == n->exempt_from_gc || n->dead) return;
  n->exempt_from_gc = exempt;
  if (exempt) --gc_entries_; else ++gc_entries_;
}

void NeighTable::release(Neighbour* n) {
  if (--n->hold > 0 || !n->dead) return;
  for (auto it = zombies_.begin(); it != zombies_.end(); ++it) {
    if (it->get() == n) {
      zombies_.erase(it);
      return;
    }
  }
}

void NeighTable::flush_dev(NetDevice* dev, bool skip_perm) {
  for (Neighbour* n = head_; n;) {
    Neighbour* next = n->next;
    if ((!dev || n->dev == dev) && !(skip_perm && (n->nud_state & NUD_PERMANENT))) unlink(n);
    n = next;
  }
}

void NeighTable::arm_gc() {
  if (gc_timer_.pending() || entries_ < size_t(gc_thresh1)) return;
  mod_timer(net.world.loop, gc_timer_, jiffies_at(net.world.now() + parms.base_reachable_time / 2));
}

// neigh_periodic_work: unused STALE/FAILED (and other timer-less) entries go
// once they are older than gc_staletime, but only while the table holds at
// least gc_thresh1 entries.
void NeighTable::periodic_work() {
  ++stats.periodic_gc_runs;
  const Time now = net.world.now();
  if (entries_ >= size_t(gc_thresh1)) {
    for (Neighbour* n = head_; n;) {
      Neighbour* next = n->next;
      const uint8_t state = n->nud_state;
      if (!((state & (NUD_PERMANENT | NUD_IN_TIMER)) || (n->flags & NTF_EXT_LEARNED))) {
        if (n->used < n->confirmed && n->confirmed <= now) n->used = n->confirmed;
        const bool unused = now >= n->used + parms_of(*n).gc_staletime;
        if (n->hold == 0 && (state == NUD_FAILED || unused)) unlink(n);
      }
      n = next;
    }
  }
  arm_gc();
}

// neigh_forced_gc: reclaim FAILED/NOARP entries and those not updated for
// 5 s, oldest first, until the table is back under gc_thresh2.
int NeighTable::forced_gc() {
  ++stats.forced_gc_runs;
  const Time now = net.world.now();
  const int max_clean = int(gc_entries_) - gc_thresh2;
  const Time tref = now - 5 * kSec;
  int shrunk = 0;
  for (Neighbour* n = head_; n;) {
    Neighbour* next = n->next;
    if (!n->exempt_from_gc && !n->timer.pending() && n->hold == 0) {
      const bool remove = n->nud_state == NUD_FAILED || n->nud_state == NUD_NOARP || n->key.is_multicast() ||
                          !(n->updated >= tref && n->updated <= now);
      if (remove) {
        unlink(n);
        ++shrunk;
      }
      if (shrunk >= max_clean) break;
    }
    n = next;
  }
  last_flush_ = now;
  return shrunk;
}

// --- proxies ---

PneighEntry* NeighTable::pneigh_lookup(Ipv4Addr key, const NetDevice* dev) {
  for (PneighEntry& e : pneigh_)
    if (e.key == key && (e.dev == dev || !e.dev)) return &e;
  return nullptr;
}

PneighEntry* NeighTable::pneigh_create(Ipv4Addr key, NetDevice* dev) {
  for (PneighEntry& e : pneigh_)
    if (e.key == key && e.dev == dev) return &e;
  // New entries go to the head of their bucket: newest first in dumps.
  pneigh_.insert(pneigh_.begin(), PneighEntry{key, dev, 0, false});
  return &pneigh_.front();
}

int NeighTable::pneigh_delete(Ipv4Addr key, const NetDevice* dev) {
  for (auto it = pneigh_.begin(); it != pneigh_.end(); ++it) {
    if (it->key == key && it->dev == dev) {
      pneigh_.erase(it);
      return 0;
    }
  }
  return -ENOENT;
}

void NeighTable::pneigh_ifdown(NetDevice* dev) {
  std::erase_if(pneigh_, [dev](const PneighEntry& e) { return !dev || e.dev == dev; });
}

void NeighTable::tap_del(ArpTap* t) { std::erase(taps_, t); }

// pneigh_enqueue: answer a proxied broadcast request after a random delay.
void NeighTable::proxy_enqueue(SkbPtr skb, Duration delay) {
  NetDevice* dev = skb->dev;
  const NeighParms& p = dev->arp_parms ? *dev->arp_parms : parms;
  int qlen = 0;
  for (const SkBuff* s = proxy_queue.front(); s; s = s->next)
    if (s->dev == dev) ++qlen;
  if (qlen > p.proxy_qlen) {
    kfree_skb_reason(std::move(skb), DropReason::NOT_SPECIFIED);
    return;
  }
  const int64_t dj = delay / kJiffy;
  Time sched = net.world.now() + (dj > 0 ? int64_t(net.world.rng.below(uint32_t(dj))) * kJiffy : 0);
  if (proxy_timer_.pending() && proxy_timer_.expires_jiffies() < jiffies_at(sched))
    sched = proxy_timer_.expires_jiffies() * kJiffyNs;
  skb->tstamp = sched;  // NEIGH_CB(skb)->sched_next
  skb->dst = SkbDst{};
  proxy_queue.push_back(std::move(skb));
  mod_timer(net.world.loop, proxy_timer_, jiffies_at(sched));
}

// neigh_proxy_process
void NeighTable::proxy_process() {
  const Time now = net.world.now();
  Time sched_next = kTimeNever;
  SkbQueue due;
  SkbQueue keep;
  while (SkbPtr s = proxy_queue.pop_front()) {
    if (s->tstamp <= now) due.push_back(std::move(s));
    else {
      sched_next = std::min(sched_next, s->tstamp);
      keep.push_back(std::move(s));
    }
  }
  while (SkbPtr s = keep.pop_front()) proxy_queue.push_back(std::move(s));
  while (SkbPtr s = due.pop_front()) {
    if (s->dev->running()) arp_process(std::move(s), true);
    else kfree_skb_reason(std::move(s), DropReason::NOT_SPECIFIED);
  }
  if (sched_next != kTimeNever) mod_timer(net.world.loop, proxy_timer_, jiffies_at(sched_next));
}

void NeighTable::proxy_queue_purge(NetDevice* dev) {
  if (!dev) {
    proxy_queue.purge();
  } else {
    proxy_queue.drop_if([dev](const SkBuff& s) { return s.dev == dev; }, DropReason::NOT_SPECIFIED);
  }
  if (proxy_queue.empty()) net.world.loop.del_timer(proxy_timer_);
}

// ---------------------------------------------------------------------------
// State machine entry points

int neigh_event_send(Neighbour* np, SkbPtr* skb) {
  Neighbour& n = *np;
  const Time now = now_of(n);
  n.used = now;
  if (n.nud_state & (NUD_CONNECTED | NUD_DELAY | NUD_PROBE)) return 0;
  if (n.dead) {
    if (n.nud_state & NUD_STALE) return 0;
    if (skb && *skb) kfree_skb_reason(std::move(*skb), DropReason::NEIGH_DEAD);
    return 1;
  }
  NeighParms& p = parms_of(n);
  bool immediate_probe = false;
  if (!(n.nud_state & (NUD_STALE | NUD_INCOMPLETE))) {
    if (p.mcast_probes + p.app_probes) {
      n.probes = p.ucast_probes;
      neigh_del_timer(n);
      n.nud_state = NUD_INCOMPLETE;
      n.updated = now;
      immediate_probe = true;
      neigh_add_timer(n, now + std::max(p.retrans_time, kMinTimer));
    } else {
      n.nud_state = NUD_FAILED;
      n.updated = now;
      if (skb && *skb) kfree_skb_reason(std::move(*skb), DropReason::NEIGH_FAILED);
      return 1;
    }
  } else if (n.nud_state & NUD_STALE) {
    neigh_del_timer(n);
    n.nud_state = NUD_DELAY;
    n.updated = now;
    neigh_add_timer(n, now + p.delay_probe_time);
  }

  int rc = 0;
  if (n.nud_state == NUD_INCOMPLETE) {
    if (skb && *skb) {
      skb_trace(**skb, "__neigh_event_send");
      const uint64_t ts = neigh_truesize((*skb)->len);
      // Oldest packets make room for the newest (unres_qlen_bytes).
      while (n.arp_queue_len_bytes + ts > uint64_t(std::max(p.queue_len_bytes, 0))) {
        SkbPtr old = n.arp_queue.pop_front();
        if (!old) break;
        n.arp_queue_len_bytes -= neigh_truesize(old->len);
        kfree_skb_reason(std::move(old), DropReason::NEIGH_QUEUEFULL);
        ++n.tbl->stats.unres_discards;
      }
      n.arp_queue.push_back(std::move(*skb));
      n.arp_queue_len_bytes += ts;
    }
    rc = 1;
  }
  if (immediate_probe) {
    ++n.hold;
    neigh_probe(n);
    n.tbl->release(np);
  }
  return rc;
}

int neigh_update(Neighbour* np, const MacAddr* lladdr, uint8_t new_state, uint32_t flags, std::string* extack) {
  Neighbour& n = *np;
  NeighTable& tbl = *n.tbl;
  NetDevice* dev = n.dev;
  const uint8_t old = n.nud_state;
  uint8_t nw = new_state;
  int err = -EPERM;
  bool update_isrouter = false;
  const Time now = now_of(n);
  auto set_msg = [&](const char* m) {
    if (extack) *extack = m;
  };
  auto finish = [&](int e) {
    if (update_isrouter) neigh_update_is_router(n, flags);
    if ((nw ^ old) & NUD_PERMANENT) tbl.update_gc_list(np);
    return e;
  };

  if (n.dead) {
    set_msg("Neighbor entry is now dead");
    nw = old;
    return finish(err);
  }
  if (!(flags & NEIGH_UPDATE_F_ADMIN) && (old & (NUD_NOARP | NUD_PERMANENT))) {
    nw = old;
    return finish(err);
  }
  if (flags & NEIGH_UPDATE_F_USE) {
    nw = old & ~NUD_PERMANENT;
    n.nud_state = nw;
    return finish(0);
  }

  if (!(nw & NUD_VALID)) {
    neigh_del_timer(n);
    n.nud_state = nw;
    if ((old & (NUD_INCOMPLETE | NUD_PROBE)) && (nw & NUD_FAILED)) {
      ++n.hold;
      neigh_invalidate(n);
      tbl.release(np);
    }
    return finish(0);
  }

  // Compare the proposed address with the cached one. The kernel compares
  // pointers afterwards (lladdr != neigh->ha): a given address counts as a
  // change unless the entry was valid with the same bytes.
  MacAddr addr = n.ha;
  bool changed = false;
  if (lladdr) {
    if (!((old & NUD_VALID) && *lladdr == n.ha)) {
      addr = *lladdr;
      changed = true;
    }
  } else if (!(old & NUD_VALID)) {
    set_msg("No link layer address given");
    return finish(-EINVAL);
  }
  const bool same_as_cached = !changed;

  if (nw & NUD_CONNECTED) n.confirmed = now;

  err = 0;
  update_isrouter = flags & NEIGH_UPDATE_F_OVERRIDE_ISROUTER;
  if (old & NUD_VALID) {
    if (!same_as_cached && !(flags & NEIGH_UPDATE_F_OVERRIDE)) {
      update_isrouter = false;
      if ((flags & NEIGH_UPDATE_F_WEAK_OVERRIDE) && (old & NUD_CONNECTED)) {
        addr = n.ha;
        changed = false;
        nw = NUD_STALE;
      } else {
        nw = old;
        return finish(0);
      }
    } else if (same_as_cached && nw == NUD_STALE && !(flags & NEIGH_UPDATE_F_ADMIN)) {
      nw = old;
    }
  }

  if (nw != old || changed) n.updated = now;

  if (nw != old) {
    neigh_del_timer(n);
    if (nw & NUD_PROBE) n.probes = 0;
    n.nud_state = nw;
    if (nw & NUD_IN_TIMER)
      neigh_add_timer(n, now + ((nw & NUD_REACHABLE) ? neigh_reachable_time(tbl.net, parms_of(n)) : 0));
  }
  if (changed) {
    n.ha = addr;
    if (!(nw & NUD_CONNECTED)) n.confirmed = now - 2 * parms_of(n).base_reachable_time;
  }
  if (nw == old) return finish(err);

  if (!(old & NUD_VALID)) {
    // The entry just became usable: send what waited for it.
    ++n.hold;
    while (n.nud_state & NUD_VALID) {
      SkbPtr skb = n.arp_queue.pop_front();
      if (!skb) break;
      n.arp_queue_len_bytes -= neigh_truesize(skb->len);
      neigh_output(n, std::move(skb));
    }
    purge_arp_queue(n);
    tbl.release(np);
  }
  (void)dev;
  return finish(err);
}

Neighbour* neigh_event_ns(NeighTable& tbl, const MacAddr& sha, Ipv4Addr sip, NetDevice* dev) {
  Neighbour* n = tbl.lookup_or_create(dev, sip, true);
  if (n) neigh_update(n, &sha, NUD_STALE, NEIGH_UPDATE_F_OVERRIDE);
  return n;
}

// ip_finish_output2 → ip_neigh_for_gw → neigh_output.
int neigh_output_ipv4(NetDevice* dev, Ipv4Addr nexthop, SkbPtr skb) {
  NeighTable& tbl = *dev->net->arp_tbl;
  // __ipv4_neigh_lookup_noref: loopback and point-to-point use one entry.
  const Ipv4Addr key = (dev->flags & (IFF_LOOPBACK | IFF_POINTOPOINT)) ? Ipv4Addr() : nexthop;
  Neighbour* n = tbl.lookup(dev, key);
  if (!n) {
    auto r = tbl.create(dev, nexthop);
    if (!r) {
      kfree_skb_reason(std::move(skb), DropReason::NEIGH_CREATEFAIL);
      return -ENOBUFS;
    }
    n = *r;
  }
  return neigh_output(*n, std::move(skb));
}

// ---------------------------------------------------------------------------
// Device hooks

void neigh_net_init(Net& net) { net.arp_tbl.reset(new NeighTable(net)); }

void neigh_dev_init(NetDevice* dev) {
  // neigh_parms_alloc: a copy of the table defaults; reachable_time is drawn
  // when first needed.
  auto p = std::make_unique<NeighParms>(dev->net->arp_tbl->parms);
  p->rand_base = -1;
  dev->arp_parms = std::move(p);
}

// ---------------------------------------------------------------------------
// Netlink-style control (neigh_add / neigh_delete / neigh_get)

int neigh_add(Net& net, const NeighRequest& req, std::string* extack) {
  NeighTable& tbl = *net.arp_tbl;
  NetDevice* dev = req.dev;
  if (dev && req.has_lladdr && req.lladdr.size() < 6) {
    if (extack) *extack = "Invalid link address";
    return -EINVAL;
  }
  MacAddr ll;
  if (req.has_lladdr) std::copy_n(req.lladdr.begin(), std::min<size_t>(6, req.lladdr.size()), ll.b.begin());
  const MacAddr* lladdr = req.has_lladdr ? &ll : nullptr;

  if (req.flags & NTF_PROXY) {
    PneighEntry* pn = tbl.pneigh_create(req.dst, dev);
    pn->flags = req.flags;
    pn->permanent = req.state & NUD_PERMANENT;
    return 0;
  }
  if (!dev) {
    if (extack) *extack = "Device not specified";
    return -EINVAL;
  }
  uint32_t flags = NEIGH_UPDATE_F_ADMIN | NEIGH_UPDATE_F_OVERRIDE | NEIGH_UPDATE_F_OVERRIDE_ISROUTER;
  Neighbour* n = tbl.lookup(dev, req.dst);
  if (!n) {
    if (!req.create) return -ENOENT;
    const bool exempt = (req.state & NUD_PERMANENT) || (req.flags & NTF_EXT_LEARNED);
    auto r = tbl.create(dev, req.dst, exempt);
    if (!r) return -r.error();
    n = *r;
    n->flags |= req.flags & NTF_EXT_LEARNED;
  } else {
    if (req.excl) return -EEXIST;
    if (!req.replace) flags &= ~(NEIGH_UPDATE_F_OVERRIDE | NEIGH_UPDATE_F_OVERRIDE_ISROUTER);
  }
  if (req.flags & NTF_EXT_LEARNED) flags |= NEIGH_UPDATE_F_EXT_LEARNED;
  if (req.flags & NTF_ROUTER) flags |= NEIGH_UPDATE_F_ISROUTER;
  if (req.flags & NTF_USE) flags |= NEIGH_UPDATE_F_USE;
  int err = neigh_update(n, lladdr, req.state, flags, extack);
  if (!err && (req.flags & NTF_USE)) neigh_event_send(n, nullptr);
  return err;
}

int neigh_delete(Net& net, const NeighRequest& req, std::string* extack) {
  NeighTable& tbl = *net.arp_tbl;
  if (req.flags & NTF_PROXY) return tbl.pneigh_delete(req.dst, req.dev);
  if (!req.dev) return -EINVAL;
  Neighbour* n = tbl.lookup(req.dev, req.dst);
  if (!n) return -ENOENT;
  ++n->hold;
  int err = neigh_update(n, nullptr, NUD_FAILED, NEIGH_UPDATE_F_OVERRIDE | NEIGH_UPDATE_F_ADMIN, extack);
  if (n->dead) {
    tbl.release(n);
    return err;
  }
  --n->hold;
  // neigh_remove_one: only when nobody else holds it.
  if (!n->timer.pending() && n->hold == 0) tbl.unlink(n);
  return err;
}

int neigh_get(Net& net, const NeighRequest& req, Neighbour** out, std::string* extack) {
  NeighTable& tbl = *net.arp_tbl;
  if (!req.dev) {
    if (extack) *extack = "No device specified";
    return -EINVAL;
  }
  Neighbour* n = tbl.lookup(req.dev, req.dst);
  if (!n) {
    if (extack) *extack = "Neighbour entry not found";
    return -ENOENT;
  }
  *out = n;
  return 0;
}

NeighCacheInfo neigh_cacheinfo(const Neighbour& n) {
  // jiffies_to_clock_t: USER_HZ ticks of 10 ms.
  const Time now = now_of(n);
  auto ticks = [&](Time t) { return uint32_t(std::max<Time>(0, now - t) / (kSec / kUserHz)); };
  return NeighCacheInfo{ticks(n.used), ticks(n.confirmed), ticks(n.updated), uint32_t(n.refcnt())};
}

}  // namespace skbox
