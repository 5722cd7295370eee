// Next-hop exceptions (struct fib_nh_exception, net/ipv4/route.c): what a
// next hop has learned about one destination behind it, today a path MTU
// from ICMP "fragmentation needed", that overrides the route for that
// destination until it expires (net.ipv4.route.mtu_expires).
//
// Each next hop owns a hash of FNHE_HASH_SIZE buckets, allocated on the first
// exception; a bucket's chain is newest first and, past a depth of
// FNHE_RECLAIM_DEPTH plus a random 0..4, loses its least recently used entry.
// `ip route flush cache` bumps the namespace's fnhe generation: an exception
// of an older generation is emptied the next time a route binds it.
//
// Not modelled: redirect gateways (fnhe_gw; ICMP redirects are not acted on),
// the rtables the kernel caches in each exception, multipath next hops.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "core/time.h"
#include "wire/addr.h"

namespace skbox {

class Net;
class NetDevice;
struct FibNh;
struct Flowi4;
struct RouteOut;

struct FibNhException {
  Ipv4Addr daddr;
  uint32_t genid = 0;      // fnhe_genid of the namespace when last written
  uint32_t pmtu = 0;       // 0: none
  bool mtu_locked = false; // learned below net.ipv4.route.min_pmtu
  Time expires = 0;        // absolute; 0 never
  Time stamp = 0;          // last created/updated/bound: the reclaim order
  // A route bound to it was cached in it (fnhe_rth_output): only such
  // exceptions are listed by `ip route show cache`.
  bool rth_output = false;
};

// nhc_exceptions: the buckets of one next hop.
class FnheHash {
 public:
  static constexpr uint32_t kHashSize = 2048;    // FNHE_HASH_SIZE
  static constexpr uint32_t kReclaimDepth = 5;   // FNHE_RECLAIM_DEPTH

  // find_exception: the entry for daddr, deleting it instead when expired.
  FibNhException* find(Ipv4Addr daddr, Time now);
  // update_or_create_fnhe for a PMTU (gw is not modelled). `extra_depth`
  // is the random part of the reclaim depth (get_random_u32_below(5)).
  void update_or_create(Ipv4Addr daddr, uint32_t pmtu, bool lock, Time expires, uint32_t genid, Time now,
                        uint32_t extra_depth);
  void remove(Ipv4Addr daddr);  // ip_del_fnhe
  size_t size() const;
  // Visits every entry in bucket order, newest first within a bucket.
  template <class F>
  void for_each(F f) const {
    for (const auto& chain : buckets_)
      for (const FibNhException& e : chain) f(e);
  }
  template <class F>
  void for_each_mut(F f) {
    for (auto& chain : buckets_)
      for (FibNhException& e : chain) f(e);
  }

 private:
  static uint32_t hashfun(Ipv4Addr daddr);
  // Index 0 is the head of the chain (the newest entry).
  std::vector<std::vector<FibNhException>> buckets_;
};

// The owner slot in FibNh. A route copied into a new fib_info starts with no
// exceptions (as a replaced or re-created route does in Linux); the slot is
// mutable because lookups hand out const next hops and learning is not a
// route change.
struct FnheSlot {
  mutable std::unique_ptr<FnheHash> hash;
  FnheSlot() = default;
  FnheSlot(const FnheSlot&) {}
  FnheSlot& operator=(const FnheSlot&) {
    hash.reset();
    return *this;
  }
  FnheSlot(FnheSlot&&) noexcept = default;
  FnheSlot& operator=(FnheSlot&&) noexcept = default;
  ~FnheSlot();
};

// find_exception on a next hop (nullptr when it has none for daddr).
FibNhException* fnhe_find(const FibNh& nh, Ipv4Addr daddr, Time now);

// rt_bind_exception: an exception of an older generation is emptied first
// (it then no longer expires); the route takes its PMTU, lock and expiry.
// An output route is then cached in the exception.
void rt_bind_exception(Net& net, FibNhException& fnhe, Time now, uint32_t* pmtu, bool* locked, Time* expires,
                       bool output);

// ipv4_mtu for an output route: the learned PMTU while it is valid, else
// the route's mtu metric, else the device MTU (576 through a gateway when
// the PMTU was locked but has expired).
uint32_t ipv4_mtu(const RouteOut& rt, Time now);

// ipv4_update_pmtu / ipv4_sk_update_pmtu: fl is the flow of the quoted
// packet (daddr/saddr from it, oif/mark/tos/proto from the socket); an ICMP
// "fragmentation needed" advertising `mtu` was received for it.
void ipv4_update_pmtu(Net& net, Flowi4 fl, uint32_t mtu);
// ipv4_sk_update_pmtu for a socket (ping_err, udp_err): the flow of the
// quoted packet from `saddr` to `daddr` with the socket's binding, unless
// the socket ignores path MTU (IP_PMTUDISC_INTERFACE / OMIT).
void ipv4_sk_update_pmtu(Net& net, Ipv4Addr daddr, Ipv4Addr saddr, int oif, uint32_t mark, uint8_t tos,
                         uint8_t proto, int pmtudisc, uint32_t mtu);

// fib_sync_mtu (NETDEV_CHANGEMTU): the exceptions of next hops through dev
// follow its new MTU (fib_nhc_update_mtu): a smaller MTU caps them, one that
// equalled the old MTU follows it, a locked one is unlocked when it shrinks.
void fib_sync_mtu(NetDevice* dev, uint32_t orig_mtu);

// ipv4_sysctl_rtcache_flush (`ip route flush cache`, write to
// net.ipv4.route.flush): rt_cache_flush + fnhe_genid_bump.
void rt_cache_flush(Net& net);

}  // namespace skbox
