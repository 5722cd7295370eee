// Duplicate address detection and router solicitation (net/ipv6/addrconf.c:
// addrconf_dad_start/begin/kick/work/completed/failure, addrconf_rs_timer).
// The dad "work" is a timer (a delay of 0 runs from the event loop at the same
// instant, as a workqueue item would); random delays come from the world's
// seeded RNG.
// Not modelled: optimistic DAD, RA handling (IF_RA_RCVD never gets set),
// the "duplicate address detected" kernel log lines.
#include <algorithm>
#include <string>

#include "ipv4/fib.h"
#include "ipv6/addrconf.h"
#include "ipv6/ipv6.h"
#include "net/net.h"
#include "net/sysctl.h"
#include "net/world.h"
#include "wire/ipv6.h"

namespace skbox {

namespace {

World& world_of(const Inet6Ifaddr* ifp) { return ifp->dev->net->world; }

void addrconf_mod_dad_work(Inet6Ifaddr* ifp, int64_t jiffies) {
  World& w = world_of(ifp);
  // mod_delayed_work: no delay queues the work at once, else a wheel timer.
  if (jiffies <= 0) w.loop.mod_timer(ifp->dad_timer, w.now());
  else mod_timer_in(w.loop, ifp->dad_timer, jiffies);
}

void addrconf_mod_rs_timer(Inet6Dev* idev, int64_t jiffies) {
  World& w = idev->dev->net->world;
  mod_timer_in(w.loop, idev->rs_timer, jiffies);
}

// get_random_u32_inclusive
uint32_t random_inclusive(Rng& rng, uint32_t lo, uint32_t hi) { return lo + rng.below(hi - lo + 1); }

// rfc3315_s14_backoff_init: the initial interval times 0.9 .. 1.1.
int32_t backoff_init(Rng& rng, int32_t irt) {
  return int32_t(uint64_t(random_inclusive(rng, 900000, 1100000)) * uint64_t(uint32_t(irt)) / 1000000);
}

// rfc3315_s14_backoff_update: doubled (1.9 .. 2.1), capped near mrt.
int32_t backoff_update(Rng& rng, int32_t rt, int32_t mrt) {
  uint64_t t = uint64_t(random_inclusive(rng, 1900000, 2100000)) * uint64_t(uint32_t(rt)) / 1000000;
  if (int32_t(t) > mrt) t = uint64_t(random_inclusive(rng, 900000, 1100000)) * uint64_t(uint32_t(mrt)) / 1000000;
  return int32_t(t);
}

bool ipv6_accept_ra(const Inet6Dev* idev) {
  return idev->cnf.forwarding ? idev->cnf.accept_ra == 2 : idev->cnf.accept_ra != 0;
}

// The ND retransmit timer of dev in jiffies (neigh/DEV/retrans_time_ms).
int64_t nd_retrans_jiffies(NetDevice* dev) {
  auto v = sysctl_read(*dev->net, "net/ipv6/neigh/" + dev->name + "/retrans_time_ms");
  int64_t ms = 1000;
  if (v) {
    try {
      ms = std::stoll(*v);
    } catch (...) {
    }
  }
  return (ms * kIpv6Hz + 999) / 1000;
}

// ipv6_lonely_lladdr: no other usable link-local address on the device.
bool ipv6_lonely_lladdr(const Inet6Ifaddr* ifp, const Inet6Dev* idev) {
  for (auto it = idev->addrs.rbegin(); it != idev->addrs.rend(); ++it) {
    const Inet6Ifaddr* o = it->get();
    if (o->scope != RT_SCOPE_LINK && o->scope != RT_SCOPE_HOST) break;
    if (o != ifp && o->scope == RT_SCOPE_LINK &&
        (o->flags & (IFA_F_PERMANENT | IFA_F_TENTATIVE | IFA_F_OPTIMISTIC | IFA_F_DADFAILED)) == IFA_F_PERMANENT)
      return false;
  }
  return true;
}

void addrconf_join_solict(NetDevice* dev, const Ipv6Addr& addr) {
  if (dev->flags & (IFF_LOOPBACK | IFF_NOARP)) return;
  ipv6_dev_mc_inc(dev, wire::addrconf_addr_solict_mult(addr));
}

// addrconf_dad_end: leaves the DAD state; true if it had already ended.
bool addrconf_dad_end(Inet6Ifaddr* ifp) {
  if (ifp->state != Inet6IfaddrState::Dad) return true;
  ifp->state = Inet6IfaddrState::PostDad;
  return false;
}

// addrconf_dad_stop for the permanent addresses addrconf makes: the address
// stays, tentative (and dadfailed after a conflict).
void addrconf_dad_stop(Inet6Ifaddr* ifp, bool dad_failed) {
  world_of(ifp).loop.del_timer(ifp->dad_timer);
  ifp->flags |= IFA_F_TENTATIVE;
  if (dad_failed) ifp->flags |= IFA_F_DADFAILED;
}

void addrconf_dad_completed(Inet6Ifaddr* ifp, bool send_na) {
  NetDevice* dev = ifp->dev;
  Inet6Dev* idev = dev->ip6_ptr.get();
  world_of(ifp).loop.del_timer(ifp->dad_timer);
  ipv6_ifa_notify_newaddr(ifp);
  const bool send_mld = ifp->scope == RT_SCOPE_LINK && ipv6_lonely_lladdr(ifp, idev);
  const bool send_rs = send_mld && ipv6_accept_ra(idev) && idev->cnf.rtr_solicits != 0 && !dev->is_loopback();
  // Reports sent during DAD had :: as source; repeat them from the address.
  if (send_mld) ipv6_mc_dad_complete(idev);
  const Ipv6NetState* s = ipv6_net_if(*dev->net);
  if (send_na && (idev->cnf.ndisc_notify || (s && s->devconf_all.ndisc_notify)))
    ndisc_send_na(dev, wire::kIn6AddrLinkLocalAllNodes, MacAddr{}, ifp->addr, idev->cnf.forwarding != 0, false, true,
                  true);
  if (send_rs) {
    // DAD already waited a random delay: the first RS goes at once.
    auto lladdr = ipv6_get_lladdr(dev, IFA_F_TENTATIVE);
    if (!lladdr) return;
    ndisc_send_rs(dev, *lladdr, wire::kIn6AddrLinkLocalAllRouters);
    idev = dev->ip6_ptr.get();
    if (!idev) return;
    idev->rs_interval = backoff_init(dev->net->world.rng, idev->cnf.rtr_solicit_interval);
    idev->rs_probes = 1;
    idev->if_flags |= IF_RS_SENT;
    addrconf_mod_rs_timer(idev, idev->rs_interval);
  }
}

// addrconf_dad_kick: random wait up to rtr_solicit_delay, fresh nonce.
void addrconf_dad_kick(Inet6Ifaddr* ifp, Inet6Dev* idev) {
  Rng& rng = world_of(ifp).rng;
  const uint32_t rand_num = rng.below(uint32_t(std::max(idev->cnf.rtr_solicit_delay, 1)));
  ifp->dad_nonce = {};
  const Ipv6NetState* s = ipv6_net_if(*ifp->dev->net);
  if (idev->cnf.enhanced_dad || (s && s->devconf_all.enhanced_dad)) {
    do {
      uint64_t v = rng.next_u64();
      for (int i = 0; i < 6; ++i) ifp->dad_nonce[i] = uint8_t(v >> (8 * i));
    } while (ifp->dad_nonce == std::array<uint8_t, 6>{});
  }
  ifp->dad_probes = idev->cnf.dad_transmits;
  addrconf_mod_dad_work(ifp, rand_num);
}

void addrconf_dad_begin(Inet6Ifaddr* ifp) {
  NetDevice* dev = ifp->dev;
  Inet6Dev* idev = dev->ip6_ptr.get();
  addrconf_join_solict(dev, ifp->addr);
  if (ifp->state == Inet6IfaddrState::Dead) return;
  const Ipv6NetState* s = ipv6_net_if(*dev->net);
  const int all_accept_dad = s ? s->devconf_all.accept_dad : 0;
  if ((dev->flags & (IFF_NOARP | IFF_LOOPBACK)) || (all_accept_dad < 1 && idev->cnf.accept_dad < 1) ||
      !(ifp->flags & IFA_F_TENTATIVE) || (ifp->flags & IFA_F_NODAD)) {
    const bool send_na = (ifp->flags & IFA_F_TENTATIVE) && !(ifp->flags & IFA_F_OPTIMISTIC);
    ifp->flags &= ~(IFA_F_TENTATIVE | IFA_F_OPTIMISTIC | IFA_F_DADFAILED);
    addrconf_dad_completed(ifp, send_na);
    return;
  }
  if (!(idev->if_flags & IF_READY)) {
    addrconf_dad_stop(ifp, false);  // stays tentative until the link is ready
    return;
  }
  addrconf_dad_kick(ifp, idev);
}

}  // namespace

// A net.ipv6.* integer sysctl that skbox only stores (idgen_retries, ...).
int ipv6_sysctl_int(Net& net, std::string_view name, int dflt) {
  auto v = sysctl_read(net, "net/ipv6/" + std::string(name));
  if (!v) return dflt;
  try {
    return std::stoi(*v);
  } catch (...) {
    return dflt;
  }
}

void addrconf_dad_start(Inet6Ifaddr* ifp) {
  if (ifp->state == Inet6IfaddrState::Dead) return;
  ifp->state = Inet6IfaddrState::PreDad;
  addrconf_mod_dad_work(ifp, 0);
}

// addrconf_dad_run: restart DAD of addresses that were waiting for the link.
void addrconf_dad_run(Inet6Dev* idev) {
  for (auto& ifp : idev->addrs)
    if ((ifp->flags & IFA_F_TENTATIVE) && ifp->state == Inet6IfaddrState::Dad) addrconf_dad_kick(ifp.get(), idev);
}

void addrconf_dad_work(Inet6Ifaddr* ifp) {
  NetDevice* dev = ifp->dev;
  Inet6Dev* idev = dev->ip6_ptr.get();
  if (!idev) return;
  if (ifp->state == Inet6IfaddrState::PreDad) {
    ifp->state = Inet6IfaddrState::Dad;
    addrconf_dad_begin(ifp);
    return;
  }
  if (ifp->state == Inet6IfaddrState::ErrDad) {
    ifp->state = Inet6IfaddrState::PostDad;
    // accept_dad > 1: a conflict on the MAC-derived link-local address
    // disables IPv6 on the device.
    bool disable = false;
    if (idev->cnf.accept_dad > 1 && !idev->cnf.disable_ipv6 && !(ifp->flags & IFA_F_STABLE_PRIVACY)) {
      Ipv6Addr eui;
      eui.b[0] = 0xfe;
      eui.b[1] = 0x80;
      if (ipv6_generate_eui64(dev, eui.b.data() + 8) && eui == ifp->addr) {
        idev->cnf.disable_ipv6 = 1;
        disable = true;
      }
    }
    addrconf_dad_stop(ifp, true);
    if (disable) addrconf_ifdown(dev, false);
    return;
  }
  if (!ifp->dad_probes && addrconf_dad_end(ifp)) return;
  if (idev->dead || !(idev->if_flags & IF_READY)) return;
  if (ifp->state == Inet6IfaddrState::Dead) return;
  if (ifp->dad_probes == 0) {  // DAD succeeded
    ifp->flags &= ~(IFA_F_TENTATIVE | IFA_F_OPTIMISTIC | IFA_F_DADFAILED);
    addrconf_dad_completed(ifp, false);
    return;
  }
  --ifp->dad_probes;
  addrconf_mod_dad_work(ifp, std::max<int64_t>(nd_retrans_jiffies(dev), kIpv6Hz / 100));
  const Ipv6Addr target = ifp->addr;
  const auto nonce = ifp->dad_nonce;
  ndisc_send_ns(dev, target, wire::addrconf_addr_solict_mult(target), Ipv6Addr{}, nonce);
}

void addrconf_dad_failure(Inet6Ifaddr* ifp) {
  if (addrconf_dad_end(ifp)) return;
  NetDevice* dev = ifp->dev;
  Inet6Dev* idev = dev->ip6_ptr.get();
  // A stable-privacy address is generated again with the next dad_count,
  // up to idgen_retries times, idgen_delay later.
  if (idev && (ifp->flags & IFA_F_STABLE_PRIVACY)) {
    const int retries = ifp->stable_privacy_retry + 1;
    Ipv6Addr new_addr = ifp->addr;
    const int max_addresses = idev->cnf.max_addresses;
    if (retries <= ipv6_sysctl_int(*dev->net, "idgen_retries", 3) &&
        ipv6_generate_stable_address(&new_addr, uint8_t(retries), idev) &&
        !(max_addresses && int(idev->addrs.size()) >= max_addresses)) {
      Ifa6Config cfg;
      cfg.pfx = new_addr;
      cfg.plen = ifp->prefixlen;
      cfg.scope = ifp->scope;
      cfg.ifa_flags = ifp->flags;
      if (Inet6Ifaddr* ifp2 = ipv6_add_addr(idev, cfg)) {
        ifp2->stable_privacy_retry = uint8_t(retries);
        ifp2->state = Inet6IfaddrState::PreDad;
        addrconf_mod_dad_work(ifp2, ipv6_sysctl_int(*dev->net, "idgen_delay", 1) * int64_t(kIpv6Hz));
      }
    }
  }
  ifp->state = Inet6IfaddrState::ErrDad;
  addrconf_mod_dad_work(ifp, 0);
}

void addrconf_rs_timer(Inet6Dev* idev) {
  NetDevice* dev = idev->dev;
  if (idev->dead || !(idev->if_flags & IF_READY)) return;
  if (!ipv6_accept_ra(idev)) return;
  if (idev->if_flags & IF_RA_RCVD) return;  // a router answered
  const int rtr_solicits = idev->cnf.rtr_solicits;
  if (idev->rs_probes++ < rtr_solicits || rtr_solicits < 0) {
    auto lladdr = ipv6_get_lladdr(dev, IFA_F_TENTATIVE);
    if (!lladdr) return;
    ndisc_send_rs(dev, *lladdr, wire::kIn6AddrLinkLocalAllRouters);
    if (!dev->ip6_ptr) return;
    idev->rs_interval = backoff_update(dev->net->world.rng, idev->rs_interval, idev->cnf.rtr_solicit_max_interval);
    // The wait after the last probe can be shorter.
    addrconf_mod_rs_timer(idev, idev->rs_probes == idev->cnf.rtr_solicits ? idev->cnf.rtr_solicit_delay
                                                                           : idev->rs_interval);
  }
}

}  // namespace skbox
