// The route control path (net/ipv4/fib_frontend.c and the validation half of
// fib_semantics.c): route requests from `ip route`/`route`, the routes the
// kernel derives from addresses (fib_magic), and what happens to routes when
// a device goes down or away (fib_netdev_event).
// Multipath routes (RTA_MULTIPATH) keep next hops whose device went down,
// marked RTNH_F_DEAD (fib_sync_down_dev), until every one is dead; they come
// back with the device (fib_sync_up). Single-path routes die at once, as
// fib_flush does right after marking.
// Not modelled: nexthop objects, route metrics other than mtu/advmss.
#include <algorithm>

#include "ipv4/devinet.h"
#include "ipv4/fib.h"
#include "ipv4/fib_multipath.h"
#include "neigh/neighbour.h"
#include "net/net.h"
#include "net/netdevice.h"
#include "net/notifier.h"

namespace skbox {

namespace {

bool type_is_reject(uint8_t t) {
  return t == RTN_BLACKHOLE || t == RTN_UNREACHABLE || t == RTN_PROHIBIT || t == RTN_THROW;
}

void set_ext(std::string* e, const char* msg) {
  if (e) *e = msg;
}

// __inet_dev_addr_type on one table: what kind of address addr is there.
uint8_t addr_type_table(Net& net, Ipv4Addr addr, uint32_t tb_id, const NetDevice* dev = nullptr) {
  if (addr.is_zeronet() || addr.is_lbcast()) return RTN_BROADCAST;
  if (addr.is_multicast()) return RTN_MULTICAST;
  uint8_t ret = RTN_UNICAST;
  // The local table shares its trie with main while no rules are set.
  for (uint32_t id : {tb_id, uint32_t(RT_TABLE_MAIN)}) {
    FibTable* t = net.fib.get_table(id);
    if (!t) continue;
    Flowi4 fl;
    fl.daddr = addr;
    if (const FibRoute* r = t->lookup(fl)) {
      if (!dev || dev == r->dev()) ret = r->type;
      return ret;
    }
    if (tb_id != RT_TABLE_LOCAL) break;
  }
  return ret;
}

// fib_valid_prefsrc
bool valid_prefsrc(Net& net, const FibConfig& cfg) {
  if (cfg.type != RTN_LOCAL || cfg.dst.is_any() || cfg.prefsrc != cfg.dst) {
    uint32_t tb = cfg.table == RT_TABLE_MAIN ? RT_TABLE_LOCAL : cfg.table;
    if (addr_type_table(net, cfg.prefsrc, tb) != RTN_LOCAL) {
      if (tb != RT_TABLE_LOCAL && addr_type_table(net, cfg.prefsrc, RT_TABLE_LOCAL) == RTN_LOCAL) return true;
      return false;
    }
  }
  return true;
}

// fib_check_nh: resolves the next hop's device and scope (nh.gw, and the
// device nh.dev names when oif was given, are set by the caller).
Expected<void> check_nh(Net& net, uint32_t table, uint8_t scope, int oif, FibNh& nh, std::string* extack) {
  if (!nh.gw.is_any()) {
    if (nh.flags & RTNH_F_ONLINK) {
      if (scope >= RT_SCOPE_LINK) {
        set_ext(extack, "Nexthop has invalid scope");
        return Errno(EINVAL);
      }
      NetDevice* dev = net.dev_get_by_index(oif);
      if (!dev) {
        set_ext(extack, "Nexthop device required for onlink");
        return Errno(ENODEV);
      }
      if (!dev->is_up()) {
        set_ext(extack, "Nexthop device is not up");
        return Errno(ENETDOWN);
      }
      if (addr_type_table(net, nh.gw, RT_TABLE_LOCAL, dev) != RTN_UNICAST) {
        set_ext(extack, "Nexthop has invalid gateway");
        return Errno(EINVAL);
      }
      nh.dev = dev;
      nh.scope = RT_SCOPE_LINK;
      return {};
    }
    Flowi4 fl;
    fl.daddr = nh.gw;
    fl.scope = std::max<uint8_t>(static_cast<uint8_t>(scope + 1), RT_SCOPE_LINK);
    fl.oif = oif;
    FibResult res;
    int err = -ENETUNREACH;
    // Linkdown next hops still count here (FIB_LOOKUP_IGNORE_LINKSTATE);
    // on a miss in the route's own table the full lookup decides, since the
    // gateway may be reached through local or main.
    if (table && table != RT_TABLE_MAIN)
      if (FibTable* t = net.fib.get_table(table)) err = t->table_lookup(fl, res, FIB_LOOKUP_IGNORE_LINKSTATE);
    if (err) err = fib_lookup(net, fl, res, FIB_LOOKUP_IGNORE_LINKSTATE);
    if (err) {
      set_ext(extack, "Nexthop has invalid gateway");
      return Errno(-err == EAGAIN ? ENETUNREACH : -err);
    }
    if (res.type != RTN_UNICAST && res.type != RTN_LOCAL) {
      set_ext(extack, "Nexthop has invalid gateway");
      return Errno(EINVAL);
    }
    nh.scope = res.scope;
    nh.dev = res.nh ? res.nh->dev : nullptr;
    if (!nh.dev) {
      set_ext(extack, "No egress device for nexthop gateway");
      return Errno(EINVAL);
    }
    if (!nh.dev->is_up()) return Errno(ENETDOWN);
    return {};
  }
  // fib_check_nh_nongw
  if (nh.flags & (RTNH_F_PERVASIVE | RTNH_F_ONLINK)) {
    set_ext(extack, "Invalid flags for nexthop - PERVASIVE and ONLINK can not be set");
    return Errno(EINVAL);
  }
  NetDevice* dev = oif ? net.dev_get_by_index(oif) : nullptr;
  if (!dev || !dev->ip_ptr) return Errno(ENODEV);
  if (!dev->is_up()) {
    set_ext(extack, "Device for nexthop is not up");
    return Errno(ENETDOWN);
  }
  nh.dev = dev;
  nh.scope = RT_SCOPE_HOST;
  return {};
}

// One next hop as fib_nh_init leaves it before fib_check_nh runs.
struct NhDraft {
  FibNh nh;
  int oif = 0;
};

// fib_get_nhs: the next hops of an RTA_MULTIPATH request; the first must
// agree with RTA_OIF / RTA_GATEWAY when those are given too.
Expected<std::vector<NhDraft>> get_nhs(const FibConfig& cfg, std::string* extack) {
  std::vector<NhDraft> v;
  for (const FibNhConfig& c : cfg.mp) {
    if (c.flags & (RTNH_F_DEAD | RTNH_F_LINKDOWN)) {
      set_ext(extack, "Invalid flags for nexthop - can not contain DEAD or LINKDOWN");
      return Errno(EINVAL);
    }
    NhDraft d;
    d.oif = c.oif;
    d.nh.gw = c.gw;
    d.nh.flags = c.flags;
    d.nh.weight = c.weight;
    v.push_back(d);
  }
  if (cfg.oif && v[0].oif != cfg.oif) {
    set_ext(extack, "Nexthop device index does not match RTA_OIF");
    return Errno(EINVAL);
  }
  if (!cfg.gw.is_any() && v[0].nh.gw != cfg.gw) {
    set_ext(extack, "Nexthop gateway does not match RTA_GATEWAY or RTA_VIA");
    return Errno(EINVAL);
  }
  return v;
}

// fib_create_info: builds and validates the route a request describes.
Expected<FibRoute> create_info(Net& net, const FibConfig& cfg, std::string* extack) {
  if (cfg.type > RTN_XRESOLVE) {
    set_ext(extack, "Invalid route type");
    return Errno(EINVAL);
  }
  if (fib_type_min_scope(cfg.type) > cfg.scope) {
    set_ext(extack, "Invalid scope");
    return Errno(EINVAL);
  }
  if (cfg.flags & (RTNH_F_DEAD | RTNH_F_LINKDOWN)) {
    set_ext(extack, "Invalid rtm_flags - can not contain DEAD or LINKDOWN");
    return Errno(EINVAL);
  }
  FibRoute r;
  r.dst = cfg.dst;
  r.plen = cfg.dst_len;
  r.tos = cfg.tos;
  r.type = cfg.type;
  r.scope = cfg.scope;
  r.protocol = cfg.protocol;
  r.priority = cfg.priority;
  r.table = cfg.table;
  r.prefsrc = cfg.prefsrc;
  // ip_metrics_convert clamps to what the IP header can carry.
  r.mtu = std::min<uint32_t>(cfg.mtu, 65535 - 15);
  r.mtu_lock = cfg.mtu_lock;
  r.advmss = std::min<uint32_t>(cfg.advmss, 65535 - 40);
  r.advmss_lock = cfg.advmss_lock;
  std::vector<NhDraft> drafts;
  if (!cfg.mp.empty()) {
    auto nhs = get_nhs(cfg, extack);
    if (!nhs) return Errno(nhs.error());
    drafts = std::move(*nhs);
  } else {
    NhDraft d;
    d.oif = cfg.oif;
    d.nh.gw = cfg.gw;
    d.nh.flags = static_cast<uint8_t>(cfg.flags & (RTNH_F_ONLINK | RTNH_F_PERVASIVE));
    drafts.push_back(d);
  }
  if (type_is_reject(cfg.type)) {
    if (!cfg.gw.is_any() || cfg.oif || !cfg.mp.empty()) {
      set_ext(extack, "Gateway, device and multipath can not be specified for this route type");
      return Errno(EINVAL);
    }
  } else {
    switch (cfg.type) {
      case RTN_UNICAST: case RTN_LOCAL: case RTN_BROADCAST: case RTN_ANYCAST: case RTN_MULTICAST:
        break;
      default:
        set_ext(extack, "Invalid route type");
        return Errno(EINVAL);
    }
    if (cfg.scope > RT_SCOPE_HOST) {
      set_ext(extack, "Invalid scope");
      return Errno(EINVAL);
    }
    if (cfg.scope == RT_SCOPE_HOST) {
      if (drafts.size() != 1) {
        set_ext(extack, "Route with host scope can not have multiple nexthops");
        return Errno(EINVAL);
      }
      FibNh& nh = drafts[0].nh;
      if (!nh.gw.is_any()) {
        set_ext(extack, "Route with host scope can not have a gateway");
        return Errno(EINVAL);
      }
      nh.scope = RT_SCOPE_NOWHERE;
      nh.dev = net.dev_get_by_index(drafts[0].oif);
      if (!nh.dev) return Errno(ENODEV);
    } else {
      for (NhDraft& d : drafts) {
        auto ok = check_nh(net, cfg.table, cfg.scope, d.oif, d.nh, extack);
        if (!ok) return Errno(ok.error());
      }
    }
    for (NhDraft& d : drafts) r.nhs.push_back(std::move(d.nh));
    size_t linkdown = 0;
    for (const FibNh& nh : r.nhs) linkdown += fib_nh_linkdown(nh);
    if (cfg.scope != RT_SCOPE_HOST && linkdown == r.nhs.size()) r.fib_flags |= RTNH_F_LINKDOWN;
  }
  if (!cfg.prefsrc.is_any() && !valid_prefsrc(net, cfg)) {
    set_ext(extack, "Invalid prefsrc address");
    return Errno(EINVAL);
  }
  fib_rebalance(r);
  return r;
}

// fib_nh_match's RTA_MULTIPATH half: every next hop of the route, in order,
// against the request's; a shorter request list matches nothing.
bool mp_match(const FibConfig& c, const FibRoute& x) {
  if (c.mp.size() < x.nhs.size()) return false;
  for (size_t i = 0; i < x.nhs.size(); ++i) {
    const FibNhConfig& want = c.mp[i];
    const FibNh& nh = x.nhs[i];
    if (want.oif && (!nh.dev || nh.dev->ifindex != want.oif)) return false;
    if (!want.gw.is_any() && nh.gw != want.gw) return false;
  }
  return true;
}

// fib_magic: the kernel's own route requests for an address.
void fib_magic(bool add, uint8_t type, Ipv4Addr dst, uint8_t dst_len, NetDevice* dev, const InIfaddr& prim,
               uint32_t priority) {
  FibConfig c;
  c.protocol = RTPROT_KERNEL;
  c.type = type;
  c.dst = dst;
  c.dst_len = dst_len;
  c.priority = priority;
  c.prefsrc = prim.local;
  c.oif = dev->ifindex;
  c.nlflags = NLM_F_CREATE | NLM_F_APPEND;
  c.table = type == RTN_UNICAST ? RT_TABLE_MAIN : RT_TABLE_LOCAL;
  c.scope = type != RTN_LOCAL ? RT_SCOPE_LINK : RT_SCOPE_HOST;
  Net& net = *dev->net;
  if (add) {
    (void)fib_route_add(net, c);
  } else if (FibTable* t = net.fib.get_table(c.table)) {
    (void)t->remove(c);
  }
}

}  // namespace

// RTNH_F_LINKDOWN is set with RTNH_F_DEAD when the device goes down and
// follows the carrier otherwise (cleared by a carrier-up NETDEV_CHANGE).
bool fib_nh_linkdown(const FibNh& nh) {
  return (nh.flags & RTNH_F_LINKDOWN) || (nh.dev && nh.scope != RT_SCOPE_NOWHERE && !nh.dev->carrier);
}

Expected<void> fib_route_add(Net& net, const FibConfig& cfg, std::string* extack) {
  // fib_valid_key_len
  if (cfg.dst_len > 32) {
    set_ext(extack, "Invalid prefix length");
    return Errno(EINVAL);
  }
  if (cfg.dst_len < 32 && (cfg.dst.v & ~inet_make_mask(cfg.dst_len))) {
    set_ext(extack, "Invalid prefix for given prefix length");
    return Errno(EINVAL);
  }
  auto r = create_info(net, cfg, extack);
  if (!r) return Errno(r.error());
  FibTable& t = net.fib.new_table(cfg.table ? cfg.table : RT_TABLE_MAIN);
  return t.insert(std::move(*r), cfg.nlflags);
}

Expected<void> fib_route_del(Net& net, const FibConfig& cfg, std::string* extack) {
  FibTable* t = net.fib.get_table(cfg.table ? cfg.table : RT_TABLE_MAIN);
  if (!t) {
    set_ext(extack, "FIB table does not exist");
    return Errno(ESRCH);
  }
  if (cfg.dst_len > 32) {
    set_ext(extack, "Invalid prefix length");
    return Errno(EINVAL);
  }
  if (cfg.mp.empty() || cfg.oif || !cfg.gw.is_any()) return t->remove(cfg);
  // fib_table_delete with an RTA_MULTIPATH key: the first alias of the
  // prefix and tos whose keys and next hops all match.
  const FibRoute* victim = nullptr;
  for (const FibRoute* x : t->dump()) {
    if (x->dst != cfg.dst || x->plen != cfg.dst_len) continue;
    if (x->tos > cfg.tos) continue;
    if (x->tos != cfg.tos) break;
    if (cfg.type && x->type != cfg.type) continue;
    if (cfg.scope != RT_SCOPE_NOWHERE && x->scope != cfg.scope) continue;
    if (!cfg.prefsrc.is_any() && x->prefsrc != cfg.prefsrc) continue;
    if (cfg.protocol && x->protocol != cfg.protocol) continue;
    if (cfg.priority && x->priority != cfg.priority) continue;
    if (!mp_match(cfg, *x)) continue;
    if (cfg.mtu && x->mtu != cfg.mtu) continue;
    victim = x;
    break;
  }
  if (!victim) return Errno(ESRCH);
  t->remove_if([&](const FibRoute& r) { return &r == victim; });
  return {};
}

void fib_sync_down_dev(Net& net, const NetDevice* dev, bool force, bool unregister);

void fib_add_ifaddr(NetDevice* dev, const InIfaddr& ifa) {
  const InIfaddr* prim = &ifa;
  const uint32_t mask = ifa.mask();
  const Ipv4Addr addr = ifa.local;
  const Ipv4Addr prefix(ifa.address.v & mask);
  if (ifa.flags & IFA_F_SECONDARY) {
    prim = inet_ifa_byprefix(dev, prefix, mask);
    if (!prim) return;
  }
  const InIfaddr p = *prim;  // the list may not change below, but keep a copy
  fib_magic(true, RTN_LOCAL, addr, 32, dev, p, 0);
  if (!dev->is_up()) return;
  if (!ifa.broadcast.is_any() && !ifa.broadcast.is_lbcast())
    fib_magic(true, RTN_BROADCAST, ifa.broadcast, 32, dev, p, 0);
  if (!prefix.is_zeronet() && !(ifa.flags & IFA_F_SECONDARY) && (prefix != addr || ifa.prefixlen < 32)) {
    if (!(ifa.flags & IFA_F_NOPREFIXROUTE))
      fib_magic(true, dev->is_loopback() ? RTN_LOCAL : RTN_UNICAST, prefix, ifa.prefixlen, dev, p, ifa.metric);
    if (ifa.prefixlen < 31) fib_magic(true, RTN_BROADCAST, Ipv4Addr(prefix.v | ~mask), 32, dev, p, 0);
  }
}

void fib_del_ifaddr(NetDevice* dev, const InIfaddr& ifa, const InIfaddr* iprim) {
  InDevice* in_dev = dev->ip_ptr.get();
  if (!in_dev) return;
  enum { LOCAL_OK = 1, BRD_OK = 2, BRD0_OK = 4, BRD1_OK = 8 };
  unsigned ok = 0;
  bool subnet = false, gone = true, same_prefsrc = false;
  const uint32_t mask = ifa.mask();
  const Ipv4Addr any(ifa.address.v & mask);
  const Ipv4Addr brd(ifa.address.v | ~mask);
  InIfaddr prim = ifa;
  if (ifa.flags & IFA_F_SECONDARY) {
    const InIfaddr* p = inet_ifa_byprefix(dev, any, mask);
    if (!p) return;
    if (iprim && !(iprim->local == p->local && iprim->prefixlen == p->prefixlen)) return;
    prim = *p;
  } else if (!any.is_zeronet() && (any != ifa.local || ifa.prefixlen < 32)) {
    if (!(ifa.flags & IFA_F_NOPREFIXROUTE))
      fib_magic(false, dev->is_loopback() ? RTN_LOCAL : RTN_UNICAST, any, ifa.prefixlen, dev, prim, 0);
    subnet = true;
  }
  if (!in_dev->dead) {
    const InIfaddr* prim1 = nullptr;
    for (const InIfaddr& ifa1 : in_dev->ifa_list) {
      if (ifa1.local == ifa.local && ifa1.prefixlen == ifa.prefixlen && ifa1.address == ifa.address &&
          ifa1.flags == ifa.flags && ifa1.label == ifa.label) {
        gone = false;  // promotion: the address stays
        continue;
      }
      if (iprim && ifa1.mask() == iprim->mask() && inet_ifa_match(ifa1.address, *iprim)) continue;
      if (ifa1.flags & IFA_F_SECONDARY) {
        if (ifa1.mask() == prim.mask() && inet_ifa_match(ifa1.address, prim)) {
          prim1 = nullptr;  // the kernel's prim1 = prim: never equal to ifa1 below
        } else {
          if (!same_prefsrc) continue;
          if (!prim1 || ifa1.mask() != prim1->mask() || !inet_ifa_match(ifa1.address, *prim1))
            prim1 = inet_ifa_byprefix(dev, ifa1.address, ifa1.mask());
          if (!prim1) continue;
          if (prim1->local != prim.local) continue;
        }
      } else {
        if (prim.local != ifa1.local) continue;
        prim1 = &ifa1;
        if (!(prim.local == ifa1.local && prim.prefixlen == ifa1.prefixlen && prim.address == ifa1.address))
          same_prefsrc = true;
      }
      if (ifa.local == ifa1.local) ok |= LOCAL_OK;
      if (ifa.broadcast == ifa1.broadcast) ok |= BRD_OK;
      if (brd == ifa1.broadcast) ok |= BRD1_OK;
      if (any == ifa1.broadcast) ok |= BRD0_OK;
      if (prim1 == &ifa1 && ifa1.prefixlen < 31) {
        const Ipv4Addr brd1(ifa1.address.v | ~ifa1.mask());
        const Ipv4Addr any1(ifa1.address.v & ifa1.mask());
        if (!any1.is_zeronet()) {
          if (ifa.broadcast == brd1 || ifa.broadcast == any1) ok |= BRD_OK;
          if (brd == brd1 || brd == any1) ok |= BRD1_OK;
          if (any == brd1 || any == any1) ok |= BRD0_OK;
        }
      }
    }
  }
  if (!(ok & BRD_OK)) fib_magic(false, RTN_BROADCAST, ifa.broadcast, 32, dev, prim, 0);
  if (subnet && ifa.prefixlen < 31) {
    if (!(ok & BRD1_OK)) fib_magic(false, RTN_BROADCAST, brd, 32, dev, prim, 0);
    if (!(ok & BRD0_OK)) fib_magic(false, RTN_BROADCAST, any, 32, dev, prim, 0);
  }
  if (!(ok & LOCAL_OK)) {
    fib_magic(false, RTN_LOCAL, ifa.local, 32, dev, prim, 0);
    // fib_sync_down_addr: routes whose prefsrc was this address die with it.
    if (gone && addr_type_table(*dev->net, ifa.local, RT_TABLE_LOCAL, dev) != RTN_LOCAL) {
      const Ipv4Addr local = ifa.local;
      if (FibTable* t = dev->net->fib.get_table(RT_TABLE_MAIN))
        t->remove_if([&](const FibRoute& r) { return r.prefsrc == local; });
    }
  }
  // fib_inetaddr_event: with its last address gone the device's next hops
  // all die, host scope included, and its ARP entries go
  // (fib_disable_ip(dev, NETDEV_DOWN, true)).
  if (!in_dev->dead && in_dev->ifa_list.empty()) {
    fib_sync_down_dev(*dev->net, dev, true, false);
    arp_ifdown(dev);
  }
}

// fib_sync_down_dev + fib_flush. Down marks dev's next hops dead (and
// linkdown) unless they are host scope and not forced; unregister kills
// every route through dev. Routes left without a live next hop go.
void fib_sync_down_dev(Net& net, const NetDevice* dev, bool force, bool unregister) {
  for (auto& [id, t] : net.fib.tables()) {
    t->for_each_route([&](FibRoute& r) {
      bool uses = false;
      for (const FibNh& nh : r.nhs) uses |= nh.dev == dev;
      if (!uses) return;
      size_t dead = 0;
      for (FibNh& nh : r.nhs) {
        if (nh.flags & RTNH_F_DEAD) {
          ++dead;
        } else if (nh.dev == dev && (force || nh.scope != RT_SCOPE_NOWHERE)) {
          nh.flags |= RTNH_F_DEAD | RTNH_F_LINKDOWN;
          ++dead;
        }
        if (unregister && nh.dev == dev) {
          dead = r.nhs.size();
          break;
        }
      }
      if (dead == r.nhs.size()) {
        for (FibNh& nh : r.nhs) nh.flags |= RTNH_F_DEAD;
        r.fib_flags |= RTNH_F_LINKDOWN;
      } else {
        fib_rebalance(r);
      }
    });
    t->remove_if([&](const FibRoute& r) {
      if (r.nhs.empty()) return false;
      for (const FibNh& nh : r.nhs)
        if (!(nh.flags & RTNH_F_DEAD)) return false;
      return true;
    });
  }
}

void fib_flush_dev(Net& net, const NetDevice* dev, bool force) { fib_sync_down_dev(net, dev, force, force); }

// fib_sync_up(dev, RTNH_F_DEAD): next hops on a device that came up live
// again; every route through dev is rebalanced.
void fib_sync_up(Net& net, const NetDevice* dev) {
  if (!dev->is_up() || !dev->ip_ptr) return;
  for (auto& [id, t] : net.fib.tables()) {
    t->for_each_route([&](FibRoute& r) {
      bool uses = false;
      for (FibNh& nh : r.nhs) {
        if (nh.dev != dev) continue;
        uses = true;
        nh.flags &= static_cast<uint8_t>(~RTNH_F_DEAD);
      }
      if (uses) fib_rebalance(r);
      // fib_flags loses only RTNH_F_DEAD here; linkdown waits for carrier.
    });
  }
}

// fib_netdev_event
void fib_netdev_event(NetdevEvent ev, NetDevice* dev) {
  Net& net = *dev->net;
  switch (ev) {
    case NetdevEvent::Unregister:
      fib_flush_dev(net, dev, true);
      return;
    case NetdevEvent::Up:
      if (!dev->ip_ptr) return;
      {
        // fib_add_ifaddr may not reorder the list, but take a copy anyway.
        const std::vector<InIfaddr> addrs = dev->ip_ptr->ifa_list;
        for (const InIfaddr& ifa : addrs) fib_add_ifaddr(dev, ifa);
      }
      fib_sync_up(net, dev);
      return;
    case NetdevEvent::Down:
      fib_flush_dev(net, dev, false);
      return;
    case NetdevEvent::Change:
      // Carrier changes: without carrier RTNH_F_LINKDOWN shows (fib_nh_linkdown);
      // with it, fib_sync_up(dev, RTNH_F_LINKDOWN) clears the stored flag.
      // Either way the routes through dev are rebalanced.
      for (auto& [id, t] : net.fib.tables())
        t->for_each_route([&](FibRoute& r) {
          bool uses = false;
          size_t dead = 0, alive = 0;
          for (FibNh& nh : r.nhs) {
            if (nh.dev == dev) {
              uses = true;
              if (dev->carrier && dev->is_up()) nh.flags &= static_cast<uint8_t>(~RTNH_F_LINKDOWN);
            }
            // fib_sync_down_dev(NETDEV_CHANGE) counts dead next hops and
            // those on dev; fib_sync_up(RTNH_F_LINKDOWN) any with carrier.
            if ((nh.flags & RTNH_F_DEAD) || (nh.dev == dev && nh.scope != RT_SCOPE_NOWHERE)) ++dead;
            if (!fib_nh_linkdown(nh)) ++alive;
          }
          if (!uses) return;
          if (dev->carrier && dev->is_up()) {
            if (alive) r.fib_flags &= static_cast<uint8_t>(~RTNH_F_LINKDOWN);
          } else if (dead == r.nhs.size()) {
            r.fib_flags |= RTNH_F_LINKDOWN;
          }
          fib_rebalance(r);
        });
      return;
    default:
      return;
  }
}

}  // namespace skbox
