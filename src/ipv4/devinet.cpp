// IPv4 addresses on devices (net/ipv4/devinet.c): the in_device, address
// insertion with primary/secondary placement, deletion with promotion of
// secondaries, label renames, and the netdevice notifier.
// Not modelled: the address lifetime worker (finite lifetimes are shown
// counting down but addresses do not expire), multicast (ip_mc_up/down),
// RTM_NEWADDR notifications.
#include "ipv4/devinet.h"

#include <algorithm>
#include <cstring>

#include "ipv4/fib.h"
#include "net/net.h"
#include "net/notifier.h"
#include "net/world.h"
#include "netfilter/nf_nat.h"

namespace skbox {

#define SKBOX_DEVCONF_NAME(e, s) s,
const std::string_view Ipv4DevConf::kNames[Ipv4DevConf::kCount] = {SKBOX_IPV4_DEVCONF(SKBOX_DEVCONF_NAME)};
#undef SKBOX_DEVCONF_NAME

// ipv4_devconf's initial values in a new namespace (net/ipv4/devinet.c).
Ipv4DevConf Ipv4DevConf::kernel_defaults() {
  Ipv4DevConf c;
  c[ACCEPT_REDIRECTS] = 1;
  c[SEND_REDIRECTS] = 1;
  c[SECURE_REDIRECTS] = 1;
  c[SHARED_MEDIA] = 1;
  c[IGMPV2_UNSOLICITED_REPORT_INTERVAL] = 10000;
  c[IGMPV3_UNSOLICITED_REPORT_INTERVAL] = 1000;
  c[ARP_EVICT_NOCARRIER] = 1;
  return c;
}

namespace {
constexpr uint32_t kInfinity = 0xffffffffu;

bool same_subnet(const InIfaddr& a, const InIfaddr& b) {
  return a.mask() == b.mask() && inet_ifa_match(a.address, b);
}

// inet_hash_insert / inet_hash_remove: keep Net::inet_addr_lst in step with
// every ifa_list.
void inet_hash_insert(NetDevice* dev, const InIfaddr& ifa) { ++dev->net->inet_addr_lst[ifa.local.v]; }
void inet_hash_remove(NetDevice* dev, const InIfaddr& ifa) {
  auto& lst = dev->net->inet_addr_lst;
  auto it = lst.find(ifa.local.v);
  if (it != lst.end() && --it->second == 0) lst.erase(it);
}

// The inetaddr notifier: NETDEV_UP/DOWN for one address (fib_inetaddr_event).
void inetaddr_up(NetDevice* dev, const InIfaddr& ifa) { fib_add_ifaddr(dev, ifa); }
void inetaddr_down(NetDevice* dev, const InIfaddr& ifa, const InIfaddr* iprim) {
  fib_del_ifaddr(dev, ifa, iprim);
}
// The inetaddr chain's NETDEV_DOWN for a deleted address: routes, then
// MASQUERADE's bindings to it (masq_inet_event).
void inetaddr_deleted(NetDevice* dev, const InIfaddr& ifa) {
  inetaddr_down(dev, ifa, nullptr);
  nf_nat_masq_inet_down(dev, ifa.address);
}
}  // namespace

int inet_abc_len(Ipv4Addr a) {
  if (a.is_zeronet() || a.is_lbcast()) return 0;
  const uint32_t h = a.v;
  if ((h & 0x80000000u) == 0) return 8;
  if ((h & 0xc0000000u) == 0x80000000u) return 16;
  if ((h & 0xe0000000u) == 0xc0000000u) return 24;
  if ((h & 0xf0000000u) == 0xf0000000u) return 32;
  return -1;
}

bool inet_lookup_ifaddr(const Net& net, Ipv4Addr addr) { return net.inet_addr_lst.count(addr.v) != 0; }

const InIfaddr* inet_ifa_byprefix(const NetDevice* dev, Ipv4Addr prefix, uint32_t mask) {
  if (!dev->ip_ptr) return nullptr;
  for (const InIfaddr& ifa : dev->ip_ptr->ifa_list)
    if (ifa.mask() == mask && inet_ifa_match(prefix, ifa)) return &ifa;
  return nullptr;
}

static uint32_t lft_left(uint32_t lft, const InIfaddr& ifa, Time now) {
  if (lft == kInfinity) return kInfinity;
  const int64_t age = (now - ifa.created) / kSec;
  return age >= lft ? 0 : static_cast<uint32_t>(lft - age);
}
uint32_t ifa_valid_left(const InIfaddr& ifa, Time now) { return lft_left(ifa.valid_lft, ifa, now); }
uint32_t ifa_preferred_left(const InIfaddr& ifa, Time now) { return lft_left(ifa.preferred_lft, ifa, now); }

Expected<void> inet_insert_ifa(NetDevice* dev, InIfaddr ifa, Extack* extack) {
  InDevice* in_dev = dev->ip_ptr.get();
  if (!in_dev) return Errno(ENODEV);
  if (ifa.local.is_any()) return {};
  ifa.flags &= ~IFA_F_SECONDARY;
  auto& list = in_dev->ifa_list;
  size_t insert_at = 0;  // after the last primary whose scope is no narrower
  for (size_t i = 0; i < list.size(); ++i) {
    const InIfaddr& o = list[i];
    if (!(o.flags & IFA_F_SECONDARY) && ifa.scope <= o.scope) insert_at = i + 1;
    if (same_subnet(o, ifa)) {
      if (o.local == ifa.local) {
        if (extack) *extack = "ipv4: Address already assigned";
        return Errno(EEXIST);
      }
      if (o.scope != ifa.scope) {
        if (extack) *extack = "ipv4: Invalid scope value";
        return Errno(EINVAL);
      }
      ifa.flags |= IFA_F_SECONDARY;
    }
  }
  if (ifa.label.empty()) ifa.label = dev->name;
  size_t pos = (ifa.flags & IFA_F_SECONDARY) ? list.size() : insert_at;
  list.insert(list.begin() + static_cast<long>(pos), ifa);
  inet_hash_insert(dev, ifa);
  inetaddr_up(dev, ifa);
  return {};
}

Expected<void> inet_addr_add(NetDevice* dev, InIfaddr ifa, uint32_t nlflags, Extack* extack) {
  InDevice* in_dev = dev->ip_ptr.get();
  if (!in_dev) return Errno(ENOBUFS);
  if (ifa.address.is_any()) ifa.address = ifa.local;
  if (ifa.label.empty()) ifa.label = dev->name;
  if (ifa.prefixlen > 32) return Errno(EINVAL);
  // set_ifa_lifetime
  ifa.flags &= ~(IFA_F_PERMANENT | IFA_F_DEPRECATED);
  if (ifa.valid_lft == kInfinity) ifa.flags |= IFA_F_PERMANENT;
  if (ifa.preferred_lft == 0) ifa.flags |= IFA_F_DEPRECATED;
  ifa.created = dev->net->world.now();
  // find_matching_ifa
  for (InIfaddr& o : in_dev->ifa_list) {
    if (o.mask() == ifa.mask() && inet_ifa_match(o.address, ifa) && o.local == ifa.local) {
      if ((nlflags & NLM_F_EXCL) || !(nlflags & NLM_F_REPLACE)) {
        if (extack) *extack = "ipv4: Address already assigned";
        return Errno(EEXIST);
      }
      // Replace: only metric and lifetimes change (inet_rtm_newaddr).
      o.metric = ifa.metric;
      o.valid_lft = ifa.valid_lft;
      o.preferred_lft = ifa.preferred_lft;
      o.created = ifa.created;
      o.flags = (o.flags & IFA_F_SECONDARY) | (ifa.flags & ~IFA_F_SECONDARY);
      return {};
    }
  }
  return inet_insert_ifa(dev, std::move(ifa), extack);
}

InIfaddr inet_del_ifa(NetDevice* dev, size_t idx) {
  InDevice* in_dev = dev->ip_ptr.get();
  auto& list = in_dev->ifa_list;
  const InIfaddr ifa1 = list[idx];
  const bool do_promote = in_dev->cnf[Ipv4DevConf::PROMOTE_SECONDARIES] != 0;
  std::optional<size_t> promote;

  // 1. Deleting a primary takes its secondaries with it, unless one of them
  // is promoted.
  std::optional<size_t> last_prim;  // nullopt: the list head
  std::optional<size_t> prev_prom;
  if (!(ifa1.flags & IFA_F_SECONDARY)) {
    for (size_t i = idx + 1; i < list.size();) {
      InIfaddr& ifa = list[i];
      if (!(ifa.flags & IFA_F_SECONDARY) && ifa1.scope <= ifa.scope) last_prim = i;
      if (!(ifa.flags & IFA_F_SECONDARY) || ifa1.mask() != ifa.mask() || !inet_ifa_match(ifa1.address, ifa)) {
        prev_prom = i;
        ++i;
        continue;
      }
      if (!do_promote) {
        const InIfaddr gone = ifa;
        list.erase(list.begin() + static_cast<long>(i));
        inet_hash_remove(dev, gone);
        inetaddr_deleted(dev, gone);
        continue;
      }
      promote = i;
      break;
    }
  }
  // 2. Routes of the kept secondaries go away with their primary's prefsrc.
  if (promote) {
    for (size_t i = *promote; i < list.size(); ++i) {
      if (ifa1.mask() == list[i].mask() && inet_ifa_match(ifa1.address, list[i])) {
        const InIfaddr sec = list[i];
        inetaddr_down(dev, sec, &ifa1);
      }
    }
  }
  // 3. Unlink ifa1 (its position may have moved only if earlier entries went,
  // which cannot happen: deletions above were after it).
  list.erase(list.begin() + static_cast<long>(idx));
  inet_hash_remove(dev, ifa1);
  auto fix = [&](std::optional<size_t>& p) {
    if (p && *p > idx) --*p;
  };
  fix(promote);
  fix(last_prim);
  fix(prev_prom);
  inetaddr_deleted(dev, ifa1);

  // 4. Promotion: the secondary moves behind the last primary and becomes one.
  if (promote) {
    size_t p = *promote;
    if (prev_prom) {
      InIfaddr moved = list[p];
      list.erase(list.begin() + static_cast<long>(p));
      size_t lp = last_prim ? *last_prim : 0;
      if (last_prim && *last_prim > p) --lp;
      size_t at = lp + 1;
      list.insert(list.begin() + static_cast<long>(at), moved);
      p = at;
    }
    list[p].flags &= ~IFA_F_SECONDARY;
    const InIfaddr prom = list[p];
    inetaddr_up(dev, prom);
    // The other secondaries of that subnet get their routes back (now with
    // the promoted address as their primary).
    for (size_t i = p + 1; i < list.size(); ++i) {
      if (ifa1.mask() != list[i].mask() || !inet_ifa_match(ifa1.address, list[i])) continue;
      const InIfaddr sec = list[i];
      fib_add_ifaddr(dev, sec);
    }
  }
  return ifa1;
}

Expected<void> inet_addr_del(NetDevice* dev, const InIfaddrMatch& m, Extack* extack) {
  InDevice* in_dev = dev->ip_ptr.get();
  if (!in_dev) {
    if (extack) *extack = "ipv4: Device not found";
    return Errno(ENODEV);
  }
  auto& list = in_dev->ifa_list;
  for (size_t i = 0; i < list.size(); ++i) {
    const InIfaddr& ifa = list[i];
    if (m.local && ifa.local != *m.local) continue;
    if (m.label && ifa.label != *m.label) continue;
    if (m.address && (m.prefixlen != ifa.prefixlen || !inet_ifa_match(*m.address, ifa))) continue;
    (void)inet_del_ifa(dev, i);
    return {};
  }
  if (extack) *extack = "ipv4: Address not found";
  return Errno(EADDRNOTAVAIL);
}

namespace {
void inetdev_init(NetDevice* dev) {
  if (dev->ip_ptr) return;
  dev->ip_ptr = std::make_unique<InDevice>();
  dev->ip_ptr->cnf = dev->net->devconf_dflt;
}

void inetdev_destroy(NetDevice* dev) {
  InDevice* in_dev = dev->ip_ptr.get();
  if (!in_dev) return;
  in_dev->dead = true;
  while (!in_dev->ifa_list.empty()) (void)inet_del_ifa(dev, 0);
  dev->ip_ptr.reset();
}

// inetdev_changename: labels follow the device name; the first keeps the
// plain name, the others keep their ":suffix" (or get ":N").
void inetdev_changename(NetDevice* dev) {
  int named = 0;
  for (InIfaddr& ifa : dev->ip_ptr->ifa_list) {
    std::string old = ifa.label;
    ifa.label = dev->name;
    if (named++ == 0) continue;
    auto dot = old.find(':');
    std::string suffix = dot == std::string::npos ? ":" + std::to_string(named) : old.substr(dot);
    if (suffix.size() + dev->name.size() < 16)
      ifa.label += suffix;
    else
      ifa.label = ifa.label.substr(0, 16 - suffix.size() - 1) + suffix;
  }
}
}  // namespace

void inetdev_event(NetdevEvent ev, NetDevice* dev) {
  switch (ev) {
    case NetdevEvent::Register:
      inetdev_init(dev);
      // lo's in_device is exempt from xfrm lookups and policy checks.
      if (dev->ip_ptr && dev->is_loopback()) {
        dev->ip_ptr->cnf[Ipv4DevConf::NOXFRM] = 1;
        dev->ip_ptr->cnf[Ipv4DevConf::NOPOLICY] = 1;
      }
      return;
    case NetdevEvent::Unregister:
      inetdev_destroy(dev);
      return;
    default:
      break;
  }
  if (!dev->ip_ptr) return;
  switch (ev) {
    case NetdevEvent::Up:
      dev->ip_ptr->activated = true;
      if (dev->mtu < 68) return;
      if (dev->is_loopback()) {
        InIfaddr ifa;
        ifa.local = ifa.address = Ipv4Addr::of(127, 0, 0, 1);
        ifa.prefixlen = 8;
        ifa.scope = RT_SCOPE_HOST;
        ifa.label = dev->name;
        ifa.created = dev->net->world.now();
        (void)inet_insert_ifa(dev, ifa);
      }
      return;
    case NetdevEvent::ChangeName:
      inetdev_changename(dev);
      return;
    case NetdevEvent::ChangeMtu:
      if (dev->mtu < 68) inetdev_destroy(dev);
      return;
    default:
      return;
  }
}

}  // namespace skbox
