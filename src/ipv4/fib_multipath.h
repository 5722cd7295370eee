// Equal-cost multipath (CONFIG_IP_ROUTE_MULTIPATH): the flow hash that picks
// a path (fib_multipath_hash, net/ipv4/route.c over the flow dissector's
// flow_keys, net/core/flow_dissector.c) and the hash-threshold choice among
// a route's next hops (fib_rebalance / fib_select_multipath,
// net/ipv4/fib_semantics.c).
#pragma once
#include <cstdint>

#include "ipv4/fib.h"

namespace skbox {

class Net;
class NetDevice;
struct SkBuff;

// The fields fib_multipath_hash puts in struct flow_keys; addresses and
// ports in host order.
struct MultipathKeys {
  Ipv4Addr saddr, daddr;
  uint16_t sport = 0, dport = 0;
  uint8_t ip_proto = 0;
};

// flow_hash_from_keys_seed with fib_multipath_hash_construct_key(seed):
// siphash-2-4 over the hashed part of struct flow_keys, made symmetric by
// __flow_hash_consistentify; never 0.
// ip_ignore_linkdown: ignore_routes_with_linkdown for dev (all or the device).
bool ip_ignore_linkdown(const Net& net, const NetDevice* dev);

uint32_t flow_hash_from_keys_seed(const MultipathKeys& k, uint32_t seed);

// The mp_seed of a namespace: net.ipv4.fib_multipath_hash_seed when set,
// else a per-namespace value (random per boot in Linux; derived from the
// namespace here so runs repeat).
uint32_t fib_multipath_seed(Net& net);

// fib_multipath_hash: policy 0 (L3, inner header of ICMP errors when an skb
// is given), 1 (L4 5-tuple), 2 (L3, as 0 without encapsulation), 3 (custom,
// net.ipv4.fib_multipath_hash_fields). Uses skb's IPv4 header when skb has
// one (forwarding), else fl. Returns a 31-bit hash.
int fib_multipath_hash(Net& net, const Flowi4* fl, const SkBuff* skb);

// fib_rebalance: hash-threshold upper bounds over [0, 2^31) in proportion to
// the weights of usable next hops; -1 for dead ones and, with
// ignore_routes_with_linkdown, those without carrier. Single paths untouched.
void fib_rebalance(FibRoute& r);

// fib_select_multipath: the first usable next hop whose bound covers hash,
// preferring one whose source address is fl->saddr (scored as 6.18 does);
// with fib_multipath_use_neigh, next hops whose gateway neighbour is known
// to be failed are skipped.
void fib_select_multipath(Net& net, FibResult& res, int hash, const Flowi4* fl);

// fib_select_path: multipath choice for a lookup without an output device
// (fl.oif unset). Returns true when a path was chosen by hash.
bool fib_select_path(Net& net, FibResult& res, const Flowi4& fl, const SkBuff* skb);

}  // namespace skbox
