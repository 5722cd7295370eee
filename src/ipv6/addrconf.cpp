// IPv6 address configuration on device events (net/ipv6/addrconf.c):
// inet6_dev creation on NETDEV_REGISTER (ipv6_add_dev), the automatic
// addresses once the link is ready (addrconf_notify → addrconf_init_auto_addrs:
// ::1 on loopback, fe80::/64 + ff00::/8 routes and a link-local address
// elsewhere), their removal on down/unregister (addrconf_ifdown), the side
// effects of disable_ipv6 / addr_gen_mode / stable_secret writes, and address
// lookups. DAD and router solicitation are in addrconf_dad.cpp.
// Not modelled: see addrconf.h (manual addresses, SLAAC, temporary
// addresses, keep_addr_on_down, forwarding side effects, MTU route updates).
#include <fmt/format.h>

#include <algorithm>

#include "ipv4/fib.h"
#include "ipv6/addrconf.h"
#include "ipv6/ipv6.h"
#include "net/net.h"
#include "net/notifier.h"
#include "net/world.h"
#include "wire/ipv6.h"

namespace skbox {

Inet6Dev::Inet6Dev() = default;
Inet6Dev::~Inet6Dev() = default;

bool Inet6Ifaddr::tentative() const { return flags & IFA_F_TENTATIVE; }

namespace {

constexpr Ipv6Addr kIn6AddrLoopback{{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}};
constexpr Ipv6Addr kIn6AddrInterfaceLocalAllNodes{{0xff, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}};
constexpr Ipv6Addr kMcastPrefix{{0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}};

// ipv6_addr_src_scope of an address as a number that grows with the scope
// (IPV6_ADDR_SCOPE_*): the device list is sorted by it, larger first.
int src_scope(uint8_t rt_scope) {
  switch (rt_scope) {
    case RT_SCOPE_HOST: return 0x1;
    case RT_SCOPE_LINK: return 0x2;
    case RT_SCOPE_SITE: return 0x5;
    default: return 0xe;
  }
}

// addrconf_link_ready: operationally up (netif_oper_up) with a real qdisc,
// which a device only has while it is up.
bool addrconf_link_ready(const NetDevice* dev) {
  return dev->is_up() && (dev->operstate == OperState::Up || dev->operstate == OperState::Unknown);
}

// ipv6_add_dev: a fresh inet6_dev from conf/default; none below the IPv6
// minimum MTU.
Inet6Dev* ipv6_add_dev(NetDevice* dev) {
  if (dev->mtu < IPV6_MIN_MTU) return nullptr;
  Net& net = *dev->net;
  auto idev = std::make_unique<Inet6Dev>();
  Inet6Dev* p = idev.get();
  p->dev = dev;
  p->cnf = ipv6_net(net).devconf_dflt;
  if (p->cnf.stable_secret) p->cnf.addr_gen_mode = IN6_ADDR_GEN_MODE_STABLE_PRIVACY;
  p->cnf.mtu6 = int(dev->mtu);
  if (dev->is_loopback()) {
    p->cnf.accept_dad = -1;
    p->cnf.use_tempaddr = -1;
  }
  if (dev->addr_assign_type == NET_ADDR_PERM && dev->type == ARPHRD_ETHER) p->perm_addr = dev->dev_addr;
  if (addrconf_link_ready(dev)) p->if_flags |= IF_READY;
  ipv6_mc_init_dev(p);
  p->rs_timer.set_function([p] { addrconf_rs_timer(p); });
  p->tstamp = net.world.now();
  dev->ip6_ptr = std::move(idev);
  ipv6_dev_mc_inc(dev, kIn6AddrInterfaceLocalAllNodes);
  ipv6_dev_mc_inc(dev, wire::kIn6AddrLinkLocalAllNodes);
  if (p->cnf.forwarding && (dev->flags & IFF_MULTICAST)) ipv6_dev_mc_inc(dev, wire::kIn6AddrLinkLocalAllRouters);
  return p;
}

// ipv6_find_idev: the device's inet6_dev (created if needed); an up device
// (re)announces its groups.
Inet6Dev* ipv6_find_idev(NetDevice* dev) {
  Inet6Dev* idev = dev->ip6_ptr.get();
  if (!idev) idev = ipv6_add_dev(dev);
  if (idev && dev->is_up()) ipv6_mc_up(idev);
  return idev;
}

void addrconf_prefix_route(NetDevice* dev, const Ipv6Addr& pfx, uint8_t plen) {
  Ipv6Route r;
  r.type = RTN_UNICAST;
  r.dst = pfx;
  r.dst_len = plen;
  r.dev = dev;
  r.table = RT_TABLE_MAIN;
  r.metric = IP6_RT_PRIO_ADDRCONF;
  fib6_add_route(*dev->net, r);
}

// addrconf_add_mroute: ff00::/8 in the local table (Linux 6.x).
void addrconf_add_mroute(NetDevice* dev) {
  Ipv6Route r;
  r.type = RTN_MULTICAST;
  r.dst = kMcastPrefix;
  r.dst_len = 8;
  r.dev = dev;
  r.table = RT_TABLE_LOCAL;
  r.metric = IP6_RT_PRIO_ADDRCONF;
  fib6_add_route(*dev->net, r);
}

// addrconf_add_dev: nullptr while IPv6 is disabled on dev.
Inet6Dev* addrconf_add_dev(NetDevice* dev) {
  Inet6Dev* idev = ipv6_find_idev(dev);
  if (!idev || idev->cnf.disable_ipv6) return nullptr;
  if (!dev->is_loopback()) addrconf_add_mroute(dev);
  return idev;
}

void addrconf_add_linklocal(Inet6Dev* idev, const Ipv6Addr& addr, uint32_t flags) {
  Ifa6Config cfg;
  cfg.pfx = addr;
  cfg.plen = 64;
  cfg.scope = RT_SCOPE_LINK;
  cfg.ifa_flags = flags | IFA_F_PERMANENT;
  cfg.ifa_proto = IFAPROT_KERNEL_LL;
  Inet6Ifaddr* ifp = ipv6_add_addr(idev, cfg);
  if (!ifp) return;
  addrconf_prefix_route(idev->dev, ifp->addr, ifp->prefixlen);
  addrconf_dad_start(ifp);
}

// ipv6_gen_mode_random_init: a random secret, once per device.
void ipv6_gen_mode_random_init(Inet6Dev* idev) {
  if (idev->cnf.stable_secret) return;
  Rng& rng = idev->dev->net->world.rng;
  Ipv6Addr s;
  for (int i = 0; i < 16; i += 8) {
    uint64_t v = rng.next_u64();
    for (int j = 0; j < 8; ++j) s.b[i + j] = uint8_t(v >> (8 * j));
  }
  idev->cnf.stable_secret = s;
}

// addrconf_addr_gen(idev, prefix_route = false)
void addrconf_addr_gen(Inet6Dev* idev) {
  Ipv6Addr addr;
  addr.b[0] = 0xfe;
  addr.b[1] = 0x80;
  switch (idev->cnf.addr_gen_mode) {
    case IN6_ADDR_GEN_MODE_RANDOM:
      ipv6_gen_mode_random_init(idev);
      [[fallthrough]];
    case IN6_ADDR_GEN_MODE_STABLE_PRIVACY:
      if (ipv6_generate_stable_address(&addr, 0, idev)) addrconf_add_linklocal(idev, addr, IFA_F_STABLE_PRIVACY);
      break;
    case IN6_ADDR_GEN_MODE_EUI64:
      if (ipv6_generate_eui64(idev->dev, addr.b.data() + 8)) addrconf_add_linklocal(idev, addr, 0);
      break;
    default:  // NONE: no link-local address
      break;
  }
}

// addrconf_dev_config: Ethernet-like devices only.
void addrconf_dev_config(NetDevice* dev) {
  if (dev->type != ARPHRD_ETHER && dev->type != ARPHRD_NONE) {
    Inet6Dev* idev = dev->ip6_ptr.get();
    if (idev && dev->is_up() && (dev->flags & IFF_MULTICAST)) ipv6_mc_up(idev);
    return;
  }
  Inet6Dev* idev = addrconf_add_dev(dev);
  if (!idev) return;
  // No EUI-64 without a hardware address.
  if (dev->type == ARPHRD_NONE && idev->cnf.addr_gen_mode == IN6_ADDR_GEN_MODE_EUI64)
    idev->cnf.addr_gen_mode = IN6_ADDR_GEN_MODE_RANDOM;
  addrconf_addr_gen(idev);
}

// init_loopback / add_addr: ::1/128, permanent, no DAD.
void init_loopback(NetDevice* dev) {
  Inet6Dev* idev = ipv6_find_idev(dev);
  if (!idev) return;
  Ifa6Config cfg;
  cfg.pfx = kIn6AddrLoopback;
  cfg.plen = 128;
  cfg.scope = RT_SCOPE_HOST;
  cfg.ifa_flags = IFA_F_PERMANENT;
  cfg.ifa_proto = IFAPROT_KERNEL_LO;
  Inet6Ifaddr* ifp = ipv6_add_addr(idev, cfg);
  if (!ifp) return;
  ifp->flags &= ~IFA_F_TENTATIVE;
  ipv6_ifa_notify_newaddr(ifp);
}

void addrconf_notify_up(NetdevEvent ev, NetDevice* dev) {
  Inet6Dev* idev = dev->ip6_ptr.get();
  if (idev && idev->cnf.disable_ipv6) return;
  bool run_pending = false;
  if (ev == NetdevEvent::Up) {
    if (!addrconf_link_ready(dev)) return;  // wait for carrier (NETDEV_CHANGE)
    if (!idev && dev->mtu >= IPV6_MIN_MTU) idev = ipv6_add_dev(dev);
    if (idev) {
      idev->if_flags |= IF_READY;
      run_pending = true;
    }
  } else {  // Change
    if (!addrconf_link_ready(dev)) {
      rt6_sync_linkdown(*dev->net, dev, true);  // rt6_sync_down_dev
      return;
    }
    if (idev) {
      if (idev->if_flags & IF_READY) {
        // Already configured: re-announce groups after a carrier flap.
        ipv6_mc_up(idev);
        rt6_sync_linkdown(*dev->net, dev, false);
        return;
      }
      idev->if_flags |= IF_READY;
    }
  }
  addrconf_init_auto_addrs(dev);
  idev = dev->ip6_ptr.get();
  if (!idev) return;
  if (run_pending) addrconf_dad_run(idev);
  rt6_sync_linkdown(*dev->net, dev, false);  // rt6_sync_up
  if (idev->cnf.mtu6 != int(dev->mtu) && dev->mtu >= IPV6_MIN_MTU) idev->cnf.mtu6 = int(dev->mtu);
  idev->tstamp = dev->net->world.now();
  if (dev->mtu < IPV6_MIN_MTU) addrconf_ifdown(dev, !dev->is_loopback());
}

}  // namespace

void addrconf_init_auto_addrs(NetDevice* dev) {
  if (dev->type == ARPHRD_LOOPBACK)
    init_loopback(dev);
  else
    addrconf_dev_config(dev);
}

Inet6Ifaddr* ipv6_add_addr(Inet6Dev* idev, const Ifa6Config& cfg) {
  if (idev->dead || idev->cnf.disable_ipv6) return nullptr;
  for (const auto& a : idev->addrs)
    if (a->addr == cfg.pfx) return nullptr;  // ipv6_chk_same_addr: EEXIST
  auto ifa = std::make_unique<Inet6Ifaddr>();
  Inet6Ifaddr* p = ifa.get();
  p->addr = cfg.pfx;
  p->prefixlen = cfg.plen;
  p->scope = cfg.scope;
  p->flags = cfg.ifa_flags;
  if (!(cfg.ifa_flags & IFA_F_NODAD)) p->flags |= IFA_F_TENTATIVE;
  p->ifa_proto = cfg.ifa_proto;
  p->cstamp = p->tstamp = idev->dev->net->world.now();
  p->dev = idev->dev;
  p->state = Inet6IfaddrState::PreDad;
  p->dad_timer.set_function([p] { addrconf_dad_work(p); });
  // ipv6_link_dev_addr: before the first address of the same or a smaller scope.
  const int sc = src_scope(p->scope);
  auto it = std::find_if(idev->addrs.begin(), idev->addrs.end(),
                         [sc](const auto& a) { return sc >= src_scope(a->scope); });
  idev->addrs.insert(it, std::move(ifa));
  return p;
}

void ipv6_ifa_notify_newaddr(Inet6Ifaddr* ifp) {
  Inet6Dev* idev = ifp->dev->ip6_ptr.get();
  if (!idev || idev->dead) return;
  Ipv6Route r;
  r.type = RTN_LOCAL;
  r.dst = ifp->addr;
  r.dst_len = 128;
  r.dev = ifp->dev;
  r.table = RT_TABLE_LOCAL;
  r.metric = 0;
  fib6_add_route(*ifp->dev->net, r);
}

void addrconf_ifdown(NetDevice* dev, bool unregister) {
  Net& net = *dev->net;
  if (ipv6_net_if(net)) rt6_disable_ip(net, dev);
  Inet6Dev* idev = dev->ip6_ptr.get();
  if (!idev) return;
  World& w = net.world;
  if (unregister) idev->dead = true;
  w.loop.del_timer(idev->rs_timer);
  const bool was_ready = idev->if_flags & IF_READY;
  if (!unregister) idev->if_flags &= ~(IF_RS_SENT | IF_RA_RCVD | IF_READY);
  // Every address goes (keep_addr_on_down is not modelled), leaving its
  // solicited-node group as __ipv6_ifa_notify(RTM_DELADDR) does.
  auto addrs = std::move(idev->addrs);
  idev->addrs.clear();
  for (auto& ifa : addrs) {
    w.loop.del_timer(ifa->dad_timer);
    ifa->state = Inet6IfaddrState::Dead;
    if (!(dev->flags & (IFF_LOOPBACK | IFF_NOARP)) && ifa->scope != RT_SCOPE_HOST)
      ipv6_dev_mc_dec(dev, wire::addrconf_addr_solict_mult(ifa->addr));
  }
  addrs.clear();
  if (unregister)
    ipv6_mc_destroy_dev(idev);
  else if (was_ready)
    ipv6_mc_down(idev);
  idev->tstamp = w.now();
  if (unregister) dev->ip6_ptr.reset();
}

void addrconf_notify(NetdevEvent ev, NetDevice* dev) {
  Inet6Dev* idev = dev->ip6_ptr.get();
  switch (ev) {
    case NetdevEvent::Register:
      if (!idev && dev->mtu >= IPV6_MIN_MTU) ipv6_add_dev(dev);
      break;
    case NetdevEvent::ChangeMtu:
      if (dev->mtu < IPV6_MIN_MTU) {
        addrconf_ifdown(dev, !dev->is_loopback());
        break;
      }
      if (idev) {
        idev->cnf.mtu6 = int(dev->mtu);
        break;
      }
      idev = ipv6_add_dev(dev);
      if (!idev || !(idev->if_flags & IF_READY)) break;
      addrconf_notify_up(NetdevEvent::Up, dev);
      break;
    case NetdevEvent::Up:
    case NetdevEvent::Change:
      addrconf_notify_up(ev, dev);
      break;
    case NetdevEvent::Down:
    case NetdevEvent::Unregister:
      addrconf_ifdown(dev, ev == NetdevEvent::Unregister);
      break;
    default:
      break;
  }
}

// dev_disable_change: disabling runs NETDEV_DOWN's work, enabling NETDEV_UP's.
void addrconf_disable_change(NetDevice* dev, bool disabled) {
  if (!dev->ip6_ptr) return;
  if (disabled)
    addrconf_ifdown(dev, false);
  else
    addrconf_notify_up(NetdevEvent::Up, dev);
}

Expected<void> addrconf_set_addr_gen_mode(NetDevice* dev, int mode) {
  if (mode < IN6_ADDR_GEN_MODE_EUI64 || mode > IN6_ADDR_GEN_MODE_RANDOM) return Errno(EINVAL);
  Inet6Dev* idev = dev->ip6_ptr.get();
  if (!idev) return Errno(ENODEV);
  if (mode == IN6_ADDR_GEN_MODE_STABLE_PRIVACY && !idev->cnf.stable_secret) {
    const Ipv6NetState* s = ipv6_net_if(*dev->net);
    if (!s || !s->devconf_dflt.stable_secret) return Errno(EINVAL);
  }
  if (idev->cnf.addr_gen_mode != mode) {
    idev->cnf.addr_gen_mode = mode;
    addrconf_init_auto_addrs(dev);
  }
  return {};
}

void addrconf_set_stable_secret(Net& net, NetDevice* dev, const Ipv6Addr& secret) {
  if (!dev) {
    ipv6_net(net).devconf_dflt.stable_secret = secret;
    for (NetDevice* d : net.devices())
      if (d->ip6_ptr) d->ip6_ptr->cnf.addr_gen_mode = IN6_ADDR_GEN_MODE_STABLE_PRIVACY;
    return;
  }
  if (!dev->ip6_ptr) return;
  dev->ip6_ptr->cnf.stable_secret = secret;
  dev->ip6_ptr->cnf.addr_gen_mode = IN6_ADDR_GEN_MODE_STABLE_PRIVACY;
}

Inet6Ifaddr* ipv6_get_ifaddr(Net& net, const Ipv6Addr& addr, const NetDevice* dev, bool strict) {
  for (NetDevice* d : net.devices()) {
    Inet6Dev* idev = d->ip6_ptr.get();
    if (!idev) continue;
    for (auto& ifp : idev->addrs) {
      if (ifp->addr != addr) continue;
      const bool scoped = ifp->scope == RT_SCOPE_LINK || ifp->scope == RT_SCOPE_HOST;
      if (!dev || d == dev || !(scoped || strict)) return ifp.get();
    }
  }
  return nullptr;
}

std::optional<Ipv6Addr> ipv6_get_lladdr(const NetDevice* dev, uint32_t banned_flags) {
  const Inet6Dev* idev = dev->ip6_ptr.get();
  if (!idev) return std::nullopt;
  // From the end of the list: the oldest link-local address wins.
  for (auto it = idev->addrs.rbegin(); it != idev->addrs.rend(); ++it) {
    const Inet6Ifaddr& ifp = **it;
    if (src_scope(ifp.scope) > src_scope(RT_SCOPE_LINK)) break;
    if (ifp.scope == RT_SCOPE_LINK && !(ifp.flags & banned_flags)) return ifp.addr;
  }
  return std::nullopt;
}

// if6_seq_show: the kernel's ifa->scope (IFA_HOST 0x10, IFA_LINK 0x20, IFA_SITE
// 0x40, global 0) and the low byte of the flags.
std::string if6_seq_show(const Net& net) {
  std::string out;
  for (const NetDevice* d : net.devices()) {
    const Inet6Dev* idev = d->ip6_ptr.get();
    if (!idev) continue;
    for (const auto& ifp : idev->addrs) {
      const int scope = ifp->scope == RT_SCOPE_HOST   ? 0x10
                        : ifp->scope == RT_SCOPE_LINK ? 0x20
                        : ifp->scope == RT_SCOPE_SITE ? 0x40
                                                      : 0;
      for (uint8_t b : ifp->addr.b) out += fmt::format("{:02x}", b);
      out += fmt::format(" {:02x} {:02x} {:02x} {:02x} {:>8}\n", d->ifindex, ifp->prefixlen, scope,
                         uint8_t(ifp->flags), d->name);
    }
  }
  return out;
}

}  // namespace skbox
