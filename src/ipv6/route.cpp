// IPv6 routes installed by addrconf, and their dump order (fib6 walk).
#include "ipv6/route.h"

#include <algorithm>

#include "ipv4/fib.h"
#include "ipv6/addrconf.h"
#include "net/net.h"

namespace skbox {

namespace {

bool bit(const Ipv6Addr& a, int i) { return (a.b[i / 8] >> (7 - i % 8)) & 1; }

// fib6 dump order within one table: the trie is walked left (0) subtree,
// right (1) subtree, then the node itself (fib6_walk_continue), so a prefix
// comes after everything more specific below it and ::/0 comes last.
bool walk_before(const Ipv6Route& x, const Ipv6Route& y) {
  int n = std::min(x.dst_len, y.dst_len);
  for (int i = 0; i < n; ++i) {
    bool bx = bit(x.dst, i), by = bit(y.dst, i);
    if (bx != by) return !bx;
  }
  if (x.dst_len != y.dst_len) return x.dst_len > y.dst_len;
  // Same node: the leaf list is ordered by metric, new routes after older
  // ones of the same metric (fib6_add_rt2node).
  if (x.metric != y.metric) return x.metric < y.metric;
  return x.seq < y.seq;
}

bool link_scoped(const Ipv6Addr& a) { return a.is_link_local() || a.is_multicast(); }

bool prefix_match(const Ipv6Addr& a, const Ipv6Addr& p, int len) {
  for (int i = 0; i < len; ++i)
    if (bit(a, i) != bit(p, i)) return false;
  return true;
}

}  // namespace

std::vector<Ipv6Route> ipv6_routes(const Net& net) {
  const Ipv6NetState* s = ipv6_net_if(net);
  if (!s) return {};
  std::vector<Ipv6Route> v = s->routes;
  // Tables are dumped in hash-bucket order (id & 255); a bucket lists its
  // newest table first, which only matters for ids 256 apart.
  std::stable_sort(v.begin(), v.end(), [](const Ipv6Route& a, const Ipv6Route& b) {
    if ((a.table & 255) != (b.table & 255)) return (a.table & 255) < (b.table & 255);
    if (a.table != b.table) return a.table > b.table;
    return walk_before(a, b);
  });
  return v;
}

void fib6_add_route(Net& net, Ipv6Route r) {
  Ipv6NetState& s = ipv6_net(net);
  for (const Ipv6Route& e : s.routes)
    if (e.table == r.table && e.dst == r.dst && e.dst_len == r.dst_len && e.dev == r.dev && e.metric == r.metric &&
        e.type == r.type)
      return;  // -EEXIST, which addrconf ignores
  r.seq = ++s.route_seq;
  // A route added while the device has no carrier starts as linkdown.
  if (r.dev && !r.dev->carrier && r.type != RTN_LOCAL) r.nh_flags |= RTNH_F_LINKDOWN;
  s.routes.push_back(r);
}

bool fib6_del_route(Net& net, uint32_t table, const Ipv6Addr& dst, uint8_t len, const NetDevice* dev, uint8_t type) {
  auto& v = ipv6_net(net).routes;
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (it->table == table && it->dst == dst && it->dst_len == len && it->dev == dev && it->type == type) {
      v.erase(it);
      return true;
    }
  }
  return false;
}

void rt6_disable_ip(Net& net, const NetDevice* dev) {
  auto& v = ipv6_net(net).routes;
  std::erase_if(v, [dev](const Ipv6Route& r) { return r.dev == dev; });
}

void rt6_sync_linkdown(Net& net, const NetDevice* dev, bool down) {
  for (Ipv6Route& r : ipv6_net(net).routes) {
    if (r.dev != dev || r.type == RTN_LOCAL) continue;
    if (down)
      r.nh_flags |= RTNH_F_LINKDOWN;
    else
      r.nh_flags &= uint8_t(~RTNH_F_LINKDOWN);
  }
}

const Ipv6Route* fib6_lookup(const Net& net, const Ipv6Addr& dst, const NetDevice* dev) {
  const Ipv6NetState* s = ipv6_net_if(net);
  if (!s) return nullptr;
  // Policy rules: local table first, then main.
  for (uint32_t table : {uint32_t(RT_TABLE_LOCAL), uint32_t(RT_TABLE_MAIN)}) {
    const Ipv6Route* best = nullptr;
    for (const Ipv6Route& r : s->routes) {
      if (r.table != table || !prefix_match(dst, r.dst, r.dst_len)) continue;
      if (dev && link_scoped(dst) && r.dev != dev) continue;  // RT6_LOOKUP_F_IFACE
      if (!best || r.dst_len > best->dst_len || (r.dst_len == best->dst_len && r.metric < best->metric)) best = &r;
    }
    if (best) return best;
  }
  return nullptr;
}

}  // namespace skbox
