// The namespace's routing tables (fib_new_table, fib_get_table, fib_unmerge)
// and route-type facts (fib_props). The tables' trie is fib_trie.cpp.
#include "ipv4/fib.h"

#include <algorithm>
#include <cerrno>

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

uint8_t fib_type_min_scope(uint8_t type) {
  switch (type) {
    case RTN_LOCAL: return RT_SCOPE_HOST;
    case RTN_BROADCAST: case RTN_ANYCAST: return RT_SCOPE_LINK;
    // fib_props[]: no scope is wide enough, so such routes are refused.
    case RTN_NAT: case RTN_XRESOLVE: return RT_SCOPE_NOWHERE;
    default: return RT_SCOPE_UNIVERSE;
  }
}

bool fib_nh_match(const FibConfig& c, const FibRoute& x) {
  if (c.priority && x.priority != c.priority) return false;
  if (c.oif || !c.gw.is_any()) {
    if (x.nhs.empty()) return false;
    const FibNh& nh = x.nhs[0];
    if (c.oif && (!nh.dev || nh.dev->ifindex != c.oif)) return false;
    if (!c.gw.is_any() && nh.gw != c.gw) return false;
  }
  return true;
}

// Tables come into being on first use (fib_new_table), as in a new
// namespace, where /proc/net/fib_trie is empty until lo comes up.
Fib::Fib() : rules(std::make_unique<FibRules>()) {}

Fib::~Fib() = default;

FibTable* Fib::get_table(uint32_t id) const {
  auto it = tables_.find(id ? id : RT_TABLE_MAIN);
  return it == tables_.end() ? nullptr : it->second.get();
}

FibTable& Fib::new_table(uint32_t id) {
  if (id == 0) id = RT_TABLE_MAIN;
  if (FibTable* t = get_table(id)) return *t;
  FibTable* alias = id == RT_TABLE_LOCAL && !has_custom_rules ? &new_table(RT_TABLE_MAIN) : nullptr;
  auto& t = tables_[id];
  t = std::make_unique<FibTable>(id, alias);
  // fib_table_hash: bucket id & 255, newest first within a bucket.
  auto pos = std::find_if(order_.begin(), order_.end(), [&](const FibTable* x) { return (x->id() & 255) >= (id & 255); });
  order_.insert(pos, t.get());
  return *t;
}

uint8_t inet_dev_addr_type(const Net& net, const NetDevice* dev, Ipv4Addr addr, uint32_t tb_id) {
  if (addr.is_zeronet() || addr.is_lbcast()) return RTN_BROADCAST;
  if (addr.is_multicast()) return RTN_MULTICAST;
  const FibTable* t = net.fib.get_table(tb_id);
  if (!t) return RTN_BROADCAST;  // what Linux answers before the table exists
  Flowi4 fl;
  fl.daddr = addr;
  FibResult res;
  if (t->table_lookup(fl, res) != 0) return RTN_UNICAST;
  const FibNh* nh = res.route->nh();
  if (dev && (!nh || nh->dev != dev)) return RTN_UNICAST;
  return res.type;
}

void fib_unmerge(Net& net) {
  FibTable* local = net.fib.get_table(RT_TABLE_LOCAL);
  FibTable* main = net.fib.get_table(RT_TABLE_MAIN);
  if (local && main && local->merged()) local->unmerge_from(*main);
}

}  // namespace skbox
