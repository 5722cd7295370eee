// Route tables and lookup (net/ipv4/fib_trie.c). Routes of one table are kept
// per prefix in the order the trie keeps its aliases, so `ip route show`
// lists them as Linux does; the trie's leaf/tnode structure itself is not
// modelled (lookup walks prefix lengths present, longest first).
#include "ipv4/fib.h"

#include <algorithm>

#include "ipv4/devinet.h"
#include "ipv4/fib_rules.h"
#include "net/net.h"

namespace skbox {

// fib_props[type].error
int fib_type_error(uint8_t type) {
  switch (type) {
    case RTN_BLACKHOLE: return -EINVAL;
    case RTN_UNREACHABLE: return -EHOSTUNREACH;
    case RTN_PROHIBIT: return -EACCES;
    case RTN_THROW: return -EAGAIN;
    default: return 0;
  }
}

namespace {
// fib_info identity (fib_find_info): two aliases with equal info share one
// fib_info in the kernel, so an identical route is a duplicate.
bool same_info(const FibRoute& a, const FibRoute& b) {
  if (a.protocol != b.protocol || a.scope != b.scope || a.prefsrc != b.prefsrc || a.priority != b.priority ||
      a.mtu != b.mtu || a.advmss != b.advmss || a.nhs.size() != b.nhs.size())
    return false;
  for (size_t i = 0; i < a.nhs.size(); ++i) {
    const FibNh &x = a.nhs[i], &y = b.nhs[i];
    if (x.dev != y.dev || x.gw != y.gw || x.weight != y.weight ||
        (x.flags & RTNH_F_ONLINK) != (y.flags & RTNH_F_ONLINK))
      return false;
  }
  return true;
}
}  // namespace

uint8_t fib_type_min_scope(uint8_t type) {
  switch (type) {
    case RTN_LOCAL: return RT_SCOPE_HOST;
    case RTN_BROADCAST: case RTN_ANYCAST: return RT_SCOPE_LINK;
    // fib_props[]: no scope is wide enough, so such routes are refused.
    case RTN_NAT: case RTN_XRESOLVE: return RT_SCOPE_NOWHERE;
    default: return RT_SCOPE_UNIVERSE;
  }
}

const FibRoute* FibTable::lookup_leaf(const Flowi4& fl, int plen) const {
  auto it = routes_.find(Key{fl.daddr.v & inet_make_mask(plen), static_cast<uint8_t>(plen)});
  if (it == routes_.end()) return nullptr;
  for (const auto& r : it->second) {
    if (r->tos && r->tos != fl.tos) continue;
    if (r->scope < fl.scope) continue;
    if (fib_type_error(r->type)) return r.get();  // reject routes answer before next hops are looked at
    for (const FibNh& nh : r->nhs) {
      if (nh.flags & RTNH_F_DEAD) continue;
      if (fl.oif && (!nh.dev || nh.dev->ifindex != fl.oif)) continue;
      return r.get();
    }
  }
  return nullptr;
}

const FibRoute* FibTable::lookup(const Flowi4& fl) const {
  for (int plen = 32; plen >= 0; --plen) {
    if (!(len_mask_ & (uint64_t(1) << plen))) continue;
    if (const FibRoute* r = lookup_leaf(fl, plen)) return r;
  }
  return nullptr;
}

Expected<void> FibTable::insert(FibRoute r, uint32_t nlflags) {
  r.table = id_;
  const Key key{r.dst.v, r.plen};
  auto mit = routes_.find(key);
  if (mit == routes_.end()) {
    if (!(nlflags & NLM_F_CREATE)) return Errno(ENOENT);
    routes_[key].push_back(std::make_unique<FibRoute>(std::move(r)));
    len_mask_ |= uint64_t(1) << key.plen;
    return {};
  }
  auto& v = mit->second;
  // fib_find_alias: the first alias with tos <= r.tos and a priority no
  // smaller (or a smaller tos).
  auto pos = std::find_if(v.begin(), v.end(), [&](const auto& a) {
    if (a->tos > r.tos) return false;
    return a->priority >= r.priority || a->tos < r.tos;
  });
  if (pos != v.end() && (*pos)->tos == r.tos && (*pos)->priority == r.priority) {
    if (nlflags & NLM_F_EXCL) return Errno(EEXIST);
    auto first = pos;
    auto match = v.end();
    auto it = pos;
    for (; it != v.end() && (*it)->tos == r.tos && (*it)->priority == r.priority; ++it) {
      if ((*it)->type == r.type && same_info(**it, r)) {
        match = it;
        break;
      }
    }
    if (nlflags & NLM_F_REPLACE) {
      if (match != v.end()) {
        if (match == first) return {};
        return Errno(EEXIST);
      }
      **first = std::move(r);
      return {};
    }
    if (match != v.end()) return Errno(EEXIST);
    if (nlflags & NLM_F_APPEND) {
      // After the run of aliases with equal keys.
      while (it != v.end() && (*it)->tos == r.tos && (*it)->priority == r.priority) ++it;
      pos = it;
    } else {
      pos = first;
    }
  }
  if (!(nlflags & NLM_F_CREATE)) return Errno(ENOENT);
  v.insert(pos, std::make_unique<FibRoute>(std::move(r)));
  return {};
}

Expected<void> FibTable::remove(const FibConfig& c) {
  auto it = routes_.find(Key{c.dst.v, c.dst_len});
  if (it == routes_.end()) return Errno(ESRCH);
  auto& v = it->second;
  for (auto r = v.begin(); r != v.end(); ++r) {
    const FibRoute& x = **r;
    if (x.tos > c.tos) continue;
    if (x.tos != c.tos) break;
    if (c.type && x.type != c.type) continue;
    if (c.scope != RT_SCOPE_NOWHERE && x.scope != c.scope) continue;
    if (!c.prefsrc.is_any() && x.prefsrc != c.prefsrc) continue;
    if (c.protocol && x.protocol != c.protocol) continue;
    // fib_nh_match
    if (c.priority && x.priority != c.priority) continue;
    if (c.oif || !c.gw.is_any()) {
      if (x.nhs.empty()) continue;
      const FibNh& nh = x.nhs[0];
      if (c.oif && (!nh.dev || nh.dev->ifindex != c.oif)) continue;
      if (!c.gw.is_any() && nh.gw != c.gw) continue;
    }
    // fib_metrics_match
    if (c.mtu && x.mtu != c.mtu) continue;
    v.erase(r);
    if (v.empty()) {
      routes_.erase(it);
      recompute_len_mask();
    }
    return {};
  }
  return Errno(ESRCH);
}

void FibTable::recompute_len_mask() {
  len_mask_ = 0;
  for (auto& [k, _] : routes_) len_mask_ |= uint64_t(1) << k.plen;
}

std::vector<const FibRoute*> FibTable::dump() const {
  std::vector<const FibRoute*> out;
  for (auto& [k, v] : routes_)
    for (auto& r : v) out.push_back(r.get());
  return out;
}

size_t FibTable::size() const {
  size_t n = 0;
  for (auto& [k, v] : routes_) n += v.size();
  return n;
}

Fib::Fib() : rules(std::make_unique<FibRules>()) {
  new_table(RT_TABLE_LOCAL);
  new_table(RT_TABLE_MAIN);
}

Fib::~Fib() = default;

FibTable* Fib::get_table(uint32_t id) const {
  auto it = tables_.find(id);
  return it == tables_.end() ? nullptr : it->second.get();
}

FibTable& Fib::new_table(uint32_t id) {
  auto& t = tables_[id];
  if (!t) t = std::make_unique<FibTable>(id);
  return *t;
}

// fib_table_lookup on the merged local+main trie: aliases of one prefix are
// ordered by table id descending, so local's come first.
const FibRoute* fib_local_table_lookup(const FibTable* local, const FibTable* main, const Flowi4& fl) {
  uint64_t mask = (local ? local->len_mask() : 0) | (main ? main->len_mask() : 0);
  for (int plen = 32; plen >= 0; --plen) {
    if (!(mask & (uint64_t(1) << plen))) continue;
    if (local)
      if (const FibRoute* r = local->lookup_leaf(fl, plen)) return r;
    if (main)
      if (const FibRoute* r = main->lookup_leaf(fl, plen)) return r;
  }
  return nullptr;
}

const FibRoute* fib_local_table_lookup(const Net& net, const Flowi4& fl) {
  return fib_local_table_lookup(net.fib.get_table(RT_TABLE_LOCAL), net.fib.get_table(RT_TABLE_MAIN), fl);
}

void fib_unmerge(Net& net) { net.fib.has_custom_rules = true; }

}  // namespace skbox
