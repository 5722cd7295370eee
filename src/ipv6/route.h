// The IPv6 routes skbox keeps (net/ipv6/route.c, ip6_fib.c): what addrconf
// installs — prefix routes (fe80::/64), the multicast route (ff00::/8) and
// the local routes of addresses — in the main and local tables.
//
// For `ip -6 route` / `ip route show table all`: ipv6_routes(net) returns
// every route in the order the kernel dumps them (tables in hash order, i.e.
// by id & 255; within a table the fib6 trie's post-order walk: lower
// addresses first, a prefix after the more specific prefixes it covers,
// same-prefix routes by metric then age). Each carries what iproute2 prints:
//   [type != unicast: "local "/"multicast "] dst[/plen unless 128] dev NAME
//   [table T unless main] proto P metric M [linkdown] pref medium
// Not modelled: gateways, multipath, route expiry, `ip -6 route add`.
#pragma once
#include <cstdint>
#include <vector>

#include "wire/addr.h"

namespace skbox {

class Net;
class NetDevice;

// rtmsg pref (ICMPV6_ROUTER_PREF_*), as `pref medium` prints it.
enum : uint8_t { ICMPV6_ROUTER_PREF_MEDIUM = 0, ICMPV6_ROUTER_PREF_HIGH = 1, ICMPV6_ROUTER_PREF_LOW = 3 };
// Route metrics addrconf uses (IP6_RT_PRIO_*).
enum : uint32_t { IP6_RT_PRIO_USER = 1024, IP6_RT_PRIO_ADDRCONF = 256 };

struct Ipv6Route {
  uint8_t type = 1;            // RTN_UNICAST / RTN_LOCAL / RTN_MULTICAST (ipv4/fib.h values)
  Ipv6Addr dst;
  uint8_t dst_len = 0;
  NetDevice* dev = nullptr;
  uint32_t table = 254;        // RT_TABLE_MAIN
  uint8_t protocol = 2;        // RTPROT_KERNEL
  uint32_t metric = IP6_RT_PRIO_ADDRCONF;
  uint8_t pref = ICMPV6_ROUTER_PREF_MEDIUM;
  uint8_t nh_flags = 0;        // RTNH_F_LINKDOWN when the device has no carrier
  uint64_t seq = 0;            // insertion order (internal)
};

// All routes of net, in dump order (see above).
std::vector<Ipv6Route> ipv6_routes(const Net& net);

// --- used by addrconf ---
// Adds r unless an identical route (table, dst, len, dev, metric, type) exists.
void fib6_add_route(Net& net, Ipv6Route r);
// Removes the route matching table/dst/len/dev/type; false if none.
bool fib6_del_route(Net& net, uint32_t table, const Ipv6Addr& dst, uint8_t len, const NetDevice* dev, uint8_t type);
// Removes every route through dev (rt6_disable_ip).
void rt6_disable_ip(Net& net, const NetDevice* dev);
// Carrier lost/regained: sets/clears RTNH_F_LINKDOWN on dev's non-local routes
// (rt6_sync_down_dev / rt6_sync_up).
void rt6_sync_linkdown(Net& net, const NetDevice* dev, bool down);
// Longest-prefix match for input/output on dev (link-local and multicast
// destinations only match routes through dev): the route or nullptr.
const Ipv6Route* fib6_lookup(const Net& net, const Ipv6Addr& dst, const NetDevice* dev);

}  // namespace skbox
