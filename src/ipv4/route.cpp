// Route decisions (net/ipv4/route.c): ip_route_input_slow for received
// packets and ip_route_output_key_hash_rcu for locally generated ones, plus
// source address selection (inet_select_addr, devinet.c).
// Next-hop exceptions (learned PMTUs, fib_nh_exception.h) are bound to the
// routes made here, as rt_set_nexthop/rt_bind_exception do.
// Multipath routes choose a next hop by flow hash (fib_multipath.h).
// Not modelled: the route cache itself, multicast routing, l3mdev/VRF.
#include <algorithm>
#include <cerrno>

#include "ipv4/devinet.h"
#include "ipv4/ip.h"
#include "ipv4/fib_multipath.h"
#include "ipv4/fib_nh_exception.h"
#include "ipv4/fib_rules.h"
#include "net/net.h"
#include "net/world.h"

namespace skbox {

namespace {

bool in_dev_forward(const NetDevice* dev) {
  return dev->ip_ptr && dev->ip_ptr->cnf[Ipv4DevConf::FORWARDING];
}

// IN_DEV_ORCONF / IN_DEV_MAXCONF read the device value together with "all".
int devconf_or(const Net& net, const NetDevice* dev, Ipv4DevConf::Field f) {
  return net.devconf_all[f] || (dev->ip_ptr && dev->ip_ptr->cnf[f]);
}
int devconf_max(const Net& net, const NetDevice* dev, Ipv4DevConf::Field f) {
  int d = dev->ip_ptr ? dev->ip_ptr->cnf[f] : 0;
  return std::max(net.devconf_all[f], d);
}

bool nh_uses_dev(const FibRoute& r, const NetDevice* dev) {
  for (const FibNh& nh : r.nhs)
    if (nh.dev == dev) return true;
  return false;
}

// __fib_validate_source: reverse-path check of saddr arriving on dev.
// Returns 0/1 (ok; 1 = source directly on link), -EXDEV (rp_filter failure,
// reason IP_RPFILTER) or -EINVAL with *reason set (martian source).
int fib_validate_source_full(const SkBuff& skb, Net& net, Ipv4Addr saddr, Ipv4Addr daddr, uint8_t tos, int oif,
                             NetDevice* dev, int rpf, DropReason* reason) {
  Flowi4 fl;
  fl.iif = oif ? oif : net.loopback()->ifindex;
  fl.daddr = saddr;
  fl.saddr = daddr;
  fl.tos = tos;
  fl.scope = RT_SCOPE_UNIVERSE;
  // The reverse flow: the mark only where src_valid_mark says it counts,
  // and the ports swapped.
  fl.mark = devconf_or(net, dev, Ipv4DevConf::SRC_VMARK) ? skb.mark : 0;
  fib4_rules_early_flow_dissect(net, skb, fl);
  std::swap(fl.sport, fl.dport);
  const bool no_addr = !dev->ip_ptr || dev->ip_ptr->ifa_list.empty();
  FibResult res;
  if (fib_lookup(net, fl, res) == 0) {
    if (res.type != RTN_UNICAST) {
      if (res.type != RTN_LOCAL) {
        *reason = DropReason::IP_INVALID_SOURCE;
        return -EINVAL;
      }
      if (!devconf_or(net, dev, Ipv4DevConf::ACCEPT_LOCAL)) {
        *reason = DropReason::IP_LOCAL_SOURCE;
        return -EINVAL;
      }
    }
    const bool dev_match = nh_uses_dev(*res.route, dev) || (res.type == RTN_LOCAL && dev == net.loopback());
    if (dev_match) return res.nh && res.nh->scope >= RT_SCOPE_HOST ? 1 : 0;
    if (!no_addr) {
      if (rpf == 1) {
        *reason = DropReason::IP_RPFILTER;
        return -EXDEV;
      }
      // Loose mode: is the source reachable through dev at all?
      fl.oif = dev->ifindex;
      FibResult r2;
      if (fib_lookup(net, fl, r2) == 0 && r2.type == RTN_UNICAST) return r2.nh && r2.nh->scope >= RT_SCOPE_HOST;
      return 0;
    }
  }
  // last_resort
  if (rpf) {
    *reason = DropReason::IP_RPFILTER;
    return -EXDEV;
  }
  return 0;
}

// fib_validate_source: without rp_filter (and no redirect case) only a
// local address used as source on another device's packet is refused.
int fib_validate_source(const SkBuff& skb, Net& net, Ipv4Addr saddr, Ipv4Addr daddr, uint8_t tos, int oif,
                        NetDevice* dev, DropReason* reason) {
  const int rpf = devconf_max(net, dev, Ipv4DevConf::RP_FILTER);
  const bool tx_redirects = devconf_or(net, dev, Ipv4DevConf::SEND_REDIRECTS);
  if (!rpf && (dev->ifindex != oif || !tx_redirects)) {
    if (devconf_or(net, dev, Ipv4DevConf::ACCEPT_LOCAL)) return 0;
    // "Within the same container, it is regarded as a martian source, and
    // the same host but different containers are not."
    if (inet_lookup_ifaddr(net, saddr)) {
      *reason = DropReason::IP_LOCAL_SOURCE;
      return -EINVAL;
    }
    return 0;
  }
  return fib_validate_source_full(skb, net, saddr, daddr, tos, oif, dev, rpf, reason);
}

}  // namespace

uint8_t inet_addr_type(Net& net, Ipv4Addr addr) { return inet_dev_addr_type(net, nullptr, addr); }

// inet_select_addr: the first primary address of dev with a scope no wider
// than `scope`, preferring one on the same subnet as dst; failing that, any
// device's address (in device order) with scope <= min(scope, link).
Ipv4Addr inet_select_addr(const NetDevice* dev, Ipv4Addr dst, uint8_t scope) {
  Ipv4Addr addr;
  if (dev->ip_ptr) {
    for (const InIfaddr& ifa : dev->ip_ptr->ifa_list) {
      if (ifa.flags & IFA_F_SECONDARY) continue;
      if (ifa.scope > scope) continue;
      if (dst.is_any() || !((dst.v ^ ifa.address.v) & ifa.mask())) return ifa.local;
      if (addr.is_any()) addr = ifa.local;
    }
  }
  if (!addr.is_any()) return addr;
  // Not found on dev: any other device in the namespace, in ifindex order,
  // with scope < RT_SCOPE_LINK (ifa_scope != host).
  for (NetDevice* d : dev->net->devices()) {
    if (!d->ip_ptr) continue;
    for (const InIfaddr& ifa : d->ip_ptr->ifa_list) {
      if (ifa.flags & IFA_F_SECONDARY) continue;
      if (ifa.scope != RT_SCOPE_LINK && ifa.scope != RT_SCOPE_HOST && ifa.scope <= scope) return ifa.local;
    }
  }
  return addr;
}

int ip_route_input(SkBuff& skb, Ipv4Addr daddr, Ipv4Addr saddr, uint8_t tos, NetDevice* dev,
                   DropReason* reason) {
  Net& net = *dev->net;
  SkbDst& dst = skb.dst;
  dst = SkbDst{};
  *reason = DropReason::NOT_SPECIFIED;
  if (!dev->ip_ptr) {  // IPv4 not configured on this device
    *reason = DropReason::NOT_SPECIFIED;
    return -EINVAL;
  }
  auto martian_source = [&] {
    if (*reason == DropReason::NOT_SPECIFIED) *reason = DropReason::IP_INVALID_SOURCE;
    return -EINVAL;
  };
  auto martian_dest = [&](DropReason r) {
    *reason = r;
    return -EINVAL;
  };
  auto local_input = [&](uint8_t type, int err) {
    dst.rt_type = type;
    dst.dev = net.loopback();
    if (type == RTN_UNREACHABLE) {
      dst.input = SkbDst::Input::Error;
      dst.error = err;
    } else {
      dst.input = SkbDst::Input::LocalDeliver;
    }
    return 0;
  };
  auto brd_input = [&]() {
    if (!saddr.is_zeronet()) {
      int err = fib_validate_source(skb, net, saddr, daddr, tos, 0, dev, reason);
      if (err < 0) return err == -EXDEV ? err : martian_source();
    }
    return local_input(RTN_BROADCAST, 0);
  };

  if (saddr.is_multicast() || saddr.is_lbcast()) return martian_source();
  if (daddr.is_lbcast() || (saddr.is_any() && daddr.is_any())) return brd_input();
  if (saddr.is_zeronet()) return martian_source();
  if (daddr.is_zeronet()) return martian_dest(DropReason::IP_INVALID_DEST);
  const bool localnet = devconf_or(net, dev, Ipv4DevConf::ROUTE_LOCALNET);
  if (daddr.is_loopback()) {
    if (!localnet) return martian_dest(DropReason::IP_LOCALNET);
  } else if (saddr.is_loopback()) {
    if (!localnet) {
      *reason = DropReason::IP_LOCALNET;
      return martian_source();
    }
  }

  Flowi4 fl;
  fl.daddr = daddr;
  fl.saddr = saddr;
  fl.iif = dev->ifindex;
  fl.tos = tos;
  fl.mark = skb.mark;
  fib4_rules_early_flow_dissect(net, skb, fl);
  FibResult res;
  int err = fib_lookup(net, fl, res);
  if (err != 0) {
    if (!in_dev_forward(dev)) err = -EHOSTUNREACH;
    return local_input(RTN_UNREACHABLE, -err);
  }
  if (res.type == RTN_BROADCAST) return brd_input();
  if (res.type == RTN_LOCAL) {
    err = fib_validate_source(skb, net, saddr, daddr, tos, 0, dev, reason);
    if (err < 0) return err == -EXDEV ? err : martian_source();
    dst.spec_dst = daddr;
    return local_input(RTN_LOCAL, 0);
  }
  if (!in_dev_forward(dev)) return local_input(RTN_UNREACHABLE, EHOSTUNREACH);
  if (res.type != RTN_UNICAST) return martian_dest(DropReason::IP_INVALID_DEST);

  // ip_mkroute_input: a multipath route picks its path by the packet's
  // flow hash first.
  if (res.route->nhs.size() > 1) fib_select_multipath(net, res, fib_multipath_hash(net, &fl, &skb), nullptr);
  // __mkroute_input: reverse-path check, then a forwarding route.
  NetDevice* out = res.nh ? res.nh->dev : res.route->dev();
  err = fib_validate_source(skb, net, saddr, daddr, tos, out ? out->ifindex : 0, dev, reason);
  if (err < 0) return err == -EXDEV ? err : martian_source();
  dst.input = SkbDst::Input::Forward;
  dst.rt_type = RTN_UNICAST;
  dst.dev = out;
  const FibNh* nh = res.nh;
  if (nh && !nh->gw.is_any() && nh->scope == RT_SCOPE_LINK) {
    dst.has_gateway = true;
    dst.gateway = nh->gw;
  }
  dst.mtu = res.route->mtu ? res.route->mtu : out->mtu;
  // ip_dst_mtu_maybe_forward: a forwarded packet honours a learned PMTU only
  // with ip_forward_use_pmtu or when it is locked.
  if (nh) {
    if (FibNhException* e = fnhe_find(*nh, daddr, net.world.now())) {
      uint32_t pmtu = 0;
      bool locked = false;
      Time expires = 0;
      rt_bind_exception(net, *e, net.world.now(), &pmtu, &locked, &expires, false);
      if ((net.ipv4.ip_forward_use_pmtu || locked) && pmtu && net.world.now() < expires)
        dst.mtu = std::min<uint32_t>(pmtu, 0xFFFF);
    }
  }
  // A packet leaving through the link it came from, whose sender is on that
  // link, earns its sender a redirect (IPSKB_DOREDIRECT).
  if (out == dev && err > 0 && devconf_or(net, out, Ipv4DevConf::SEND_REDIRECTS)) {
    bool onlink = devconf_or(net, out, Ipv4DevConf::SHARED_MEDIA);
    if (!onlink && out->ip_ptr)  // inet_addr_onlink(out, saddr, gw)
      for (const InIfaddr& ifa : out->ip_ptr->ifa_list)
        if (inet_ifa_match(saddr, ifa) && (!dst.has_gateway || inet_ifa_match(dst.gateway, ifa))) onlink = true;
    dst.do_redirect = onlink;
  }
  return 0;
}

int ip_route_output(Net& net, Flowi4& fl, RouteOut& out) {
  NetDevice* dev_out = nullptr;
  out = RouteOut{};
  uint8_t type = RTN_UNICAST;
  int orig_oif = fl.oif;

  if (!fl.saddr.is_any()) {
    if (fl.saddr.is_multicast() || fl.saddr.is_lbcast() || fl.saddr.is_zeronet()) return -EINVAL;
    if (fl.oif == 0 && (fl.daddr.is_multicast() || fl.daddr.is_lbcast())) {
      // The device owning saddr.
      for (NetDevice* d : net.devices())
        if (d->ip_ptr)
          for (const InIfaddr& ifa : d->ip_ptr->ifa_list)
            if (ifa.local == fl.saddr) dev_out = d;
      if (!dev_out) return -ENETUNREACH;
      fl.oif = dev_out->ifindex;
      goto make_route;
    }
    // __ip_dev_find: an address configured on some device (up or not), or
    // failing that a local route.
    if (!inet_lookup_ifaddr(net, fl.saddr) && inet_addr_type(net, fl.saddr) != RTN_LOCAL) return -ENETUNREACH;
  }
  if (fl.oif) {
    dev_out = net.dev_get_by_index(fl.oif);
    if (!dev_out) return -ENODEV;
    if (!dev_out->is_up() || !dev_out->ip_ptr) return -ENETUNREACH;
    if (fl.daddr.is_local_multicast() || fl.daddr.is_lbcast()) {
      if (fl.saddr.is_any()) fl.saddr = inet_select_addr(dev_out, Ipv4Addr(), RT_SCOPE_LINK);
      goto make_route;
    }
    if (fl.saddr.is_any()) {
      if (fl.daddr.is_multicast())
        fl.saddr = inet_select_addr(dev_out, Ipv4Addr(), fl.scope);
      else if (fl.daddr.is_any())
        fl.saddr = inet_select_addr(dev_out, Ipv4Addr(), RT_SCOPE_HOST);
    }
  }
  if (fl.daddr.is_any()) {
    fl.daddr = fl.saddr;
    if (fl.daddr.is_any()) fl.daddr = fl.saddr = Ipv4Addr::of(127, 0, 0, 1);
    dev_out = net.loopback();
    fl.oif = dev_out->ifindex;
    type = RTN_LOCAL;
    goto make_route;
  }
  {
    FibResult res;
    int err = fib_lookup(net, fl, res);
    if (err) {
      if (fl.oif && dev_out) {
        // "Apparently, routing tables are wrong. Assume the destination is on link."
        if (fl.saddr.is_any()) fl.saddr = inet_select_addr(dev_out, Ipv4Addr(), RT_SCOPE_LINK);
        type = RTN_UNICAST;
        goto make_route;
      }
      return err;
    }
    type = res.type;
    if (res.type == RTN_LOCAL) {
      if (fl.saddr.is_any()) fl.saddr = res.route->prefsrc.is_any() ? fl.daddr : res.route->prefsrc;
      out.dst.spec_dst = fl.saddr;
      dev_out = net.loopback();
      fl.oif = dev_out->ifindex;
      // The packet goes over lo but arrives "on" the address's device.
      if (const NetDevice* d = res.nh ? res.nh->dev : res.route->dev()) orig_oif = d->ifindex;
      goto make_route;
    }
    // fib_select_path: the multipath choice, unless the caller fixed oif.
    fib_select_path(net, res, fl, nullptr);
    dev_out = res.nh ? res.nh->dev : res.route->dev();
    if (fl.saddr.is_any()) {
      if (!res.route->prefsrc.is_any())
        fl.saddr = res.route->prefsrc;
      else
        fl.saddr = inet_select_addr(dev_out, res.nh ? res.nh->gw : Ipv4Addr(), res.route->scope);
    }
    // __mkroute_output drops the fib_info (so the gateway) for limited
    // broadcast, and for multicast matched only by a route shorter than /4.
    const bool no_fi = fl.daddr.is_lbcast() || (fl.daddr.is_multicast() && res.prefixlen < 4);
    if (res.nh && !no_fi && !res.nh->gw.is_any() && res.nh->scope == RT_SCOPE_LINK) {
      out.dst.has_gateway = true;
      out.dst.gateway = res.nh->gw;
    }
    out.metric_mtu = res.route->mtu;
    // __mkroute_output: find_exception + rt_bind_exception.
    if (res.nh && res.type == RTN_UNICAST)
      if (FibNhException* e = fnhe_find(*res.nh, fl.daddr, net.world.now()))
        rt_bind_exception(net, *e, net.world.now(), &out.pmtu, &out.mtu_locked, &out.expires, true);
  }

make_route:
  // __mkroute_output
  if (fl.saddr.is_loopback() && !dev_out->is_loopback()) return -EINVAL;
  if (fl.daddr.is_lbcast())
    type = RTN_BROADCAST;
  else if (fl.daddr.is_multicast())
    type = RTN_MULTICAST;
  else if (fl.daddr.is_zeronet())
    return -EINVAL;
  if (dev_out->is_loopback() && type == RTN_UNICAST) type = RTN_LOCAL;
  out.rt_type = type;
  out.saddr = fl.saddr;
  // RTCF_LOCAL routes deliver locally when the packet comes back in.
  if (type == RTN_LOCAL || type == RTN_BROADCAST) out.dst.input = SkbDst::Input::LocalDeliver;
  out.dst.dev = dev_out;
  out.dst.rt_type = type;
  out.dst.iif = orig_oif;
  if (out.pmtu && net.world.now() < out.expires)
    out.dst.mtu = ipv4_mtu(out, net.world.now());
  else if (out.metric_mtu)
    out.dst.mtu = out.metric_mtu;
  else
    out.dst.mtu = out.mtu_locked && out.dst.has_gateway && dev_out->mtu > 576 ? 576 : dev_out->mtu;
  return 0;
}

}  // namespace skbox
