#include "ipv4/fib_nh_exception.h"

#include <netinet/in.h>

#include <algorithm>

#include "ipv4/fib.h"
#include "ipv4/ip.h"
#include "net/net.h"
#include "net/world.h"

namespace skbox {

FnheSlot::~FnheSlot() = default;

uint32_t FnheHash::hashfun(Ipv4Addr daddr) {
  // The kernel keys a siphash with a boot-time secret; any well-mixed,
  // deterministic hash gives the same behaviour up to which addresses share
  // a chain.
  uint64_t h = uint64_t(daddr.v) * 0x9E3779B97F4A7C15ull;
  return static_cast<uint32_t>(h >> 53) & (kHashSize - 1);
}

FibNhException* FnheHash::find(Ipv4Addr daddr, Time now) {
  if (buckets_.empty()) return nullptr;
  auto& chain = buckets_[hashfun(daddr)];
  for (auto it = chain.begin(); it != chain.end(); ++it) {
    if (it->daddr != daddr) continue;
    if (it->expires && now > it->expires) {
      chain.erase(it);
      return nullptr;
    }
    return &*it;
  }
  return nullptr;
}

void FnheHash::update_or_create(Ipv4Addr daddr, uint32_t pmtu, bool lock, Time expires, uint32_t genid,
                                Time now, uint32_t extra_depth) {
  if (buckets_.empty()) buckets_.resize(kHashSize);
  auto& chain = buckets_[hashfun(daddr)];
  const Time exp = std::max<Time>(1, expires);
  for (FibNhException& e : chain) {
    if (e.daddr != daddr) continue;
    e.genid = genid;
    if (pmtu) {
      e.pmtu = pmtu;
      e.mtu_locked = lock;
    }
    e.expires = exp;
    e.stamp = now;
    return;
  }
  // fnhe_remove_oldest until the chain is short enough.
  size_t depth = chain.size();
  const size_t max_depth = kReclaimDepth + extra_depth;
  while (depth > max_depth) {
    auto oldest = std::min_element(chain.begin(), chain.end(),
                                   [](const FibNhException& a, const FibNhException& b) { return a.stamp < b.stamp; });
    chain.erase(oldest);
    --depth;
  }
  FibNhException e;
  e.daddr = daddr;
  e.genid = genid;
  e.pmtu = pmtu;
  e.mtu_locked = lock;
  e.expires = exp;
  e.stamp = now;
  chain.insert(chain.begin(), e);
}

void FnheHash::remove(Ipv4Addr daddr) {
  if (buckets_.empty()) return;
  auto& chain = buckets_[hashfun(daddr)];
  std::erase_if(chain, [&](const FibNhException& e) { return e.daddr == daddr; });
}

size_t FnheHash::size() const {
  size_t n = 0;
  for (const auto& c : buckets_) n += c.size();
  return n;
}

FibNhException* fnhe_find(const FibNh& nh, Ipv4Addr daddr, Time now) {
  return nh.exceptions.hash ? nh.exceptions.hash->find(daddr, now) : nullptr;
}

void rt_bind_exception(Net& net, FibNhException& fnhe, Time now, uint32_t* pmtu, bool* locked, Time* expires,
                       bool output) {
  if (fnhe.genid != net.fib.fnhe_genid) {
    fnhe.genid = net.fib.fnhe_genid;
    fnhe.pmtu = 0;
    fnhe.expires = 0;
    fnhe.mtu_locked = false;
    fnhe.rth_output = false;  // fnhe_flush_routes
  }
  if (output) fnhe.rth_output = true;
  *pmtu = fnhe.pmtu;
  *locked = fnhe.mtu_locked;
  *expires = fnhe.expires;
  fnhe.stamp = now;
}

uint32_t ipv4_mtu(const RouteOut& rt, Time now) {
  uint32_t mtu = 0;
  if (rt.pmtu && now < rt.expires) {
    mtu = rt.pmtu;
  } else {
    mtu = rt.metric_mtu;
    if (!mtu && rt.dst.dev) {
      mtu = rt.dst.dev->mtu;
      if (rt.mtu_locked && rt.dst.has_gateway && mtu > 576) mtu = 576;
    }
  }
  return std::min<uint32_t>(mtu, 0xFFFF);  // IP_MAX_MTU
}

// __ip_rt_update_pmtu
void ipv4_sk_update_pmtu(Net& net, Ipv4Addr daddr, Ipv4Addr saddr, int oif, uint32_t mark, uint8_t tos,
                         uint8_t proto, int pmtudisc, uint32_t mtu) {
  if (pmtudisc == IP_PMTUDISC_INTERFACE || pmtudisc == IP_PMTUDISC_OMIT) return;
  Flowi4 fl;
  fl.daddr = daddr;
  fl.saddr = saddr;
  fl.oif = oif;
  fl.mark = mark;
  fl.tos = tos & 0x1e;
  fl.proto = proto;
  ipv4_update_pmtu(net, fl, mtu);
}

void ipv4_update_pmtu(Net& net, Flowi4 fl, uint32_t mtu) {
  RouteOut rt;
  Flowi4 key = fl;
  if (ip_route_output(net, key, rt) != 0) return;
  if (rt.mtu_locked) return;  // ip_mtu_locked (mtu metric locks are not modelled)
  const Time now = net.world.now();
  const uint32_t old_mtu = ipv4_mtu(rt, now);
  if (old_mtu < mtu) return;
  bool lock = false;
  const uint32_t min_pmtu = static_cast<uint32_t>(net.ipv4.ip_rt_min_pmtu);
  if (mtu < min_pmtu) {
    lock = true;
    mtu = std::min(old_mtu, min_pmtu);
  }
  const Time mtu_expires = static_cast<Time>(net.ipv4.ip_rt_mtu_expires) * kSec;
  // Refreshing the same value only when half its lifetime has gone.
  if (rt.pmtu == mtu && !lock && now < rt.expires - mtu_expires / 2) return;
  FibResult res;
  if (fib_lookup(net, fl, res) != 0 || !res.nh) return;
  const FnheSlot& slot = res.nh->exceptions;
  if (!slot.hash) slot.hash = std::make_unique<FnheHash>();
  slot.hash->update_or_create(fl.daddr, mtu, lock, now + mtu_expires, net.fib.fnhe_genid, now,
                              net.world.rng.below(FnheHash::kReclaimDepth));
}

void fib_sync_mtu(NetDevice* dev, uint32_t orig_mtu) {
  const uint32_t mtu = dev->mtu;
  for (auto& [id, t] : dev->net->fib.tables()) {
    for (const FibRoute* r : t->dump()) {
      for (const FibNh& nh : r->nhs) {
        if (nh.dev != dev || !nh.exceptions.hash) continue;
        nh.exceptions.hash->for_each_mut([&](FibNhException& e) {
          if (e.mtu_locked) {
            if (mtu <= e.pmtu) {
              e.pmtu = mtu;
              e.mtu_locked = false;
            }
          } else if (mtu < e.pmtu || orig_mtu == e.pmtu) {
            e.pmtu = mtu;
          }
        });
      }
    }
  }
}

void rt_cache_flush(Net& net) { ++net.fib.fnhe_genid; }

}  // namespace skbox
