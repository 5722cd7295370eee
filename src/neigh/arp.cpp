// ARP for IPv4 over Ethernet (net/ipv4/arp.c): building and sending ARP
// packets (arp_create/arp_send), soliciting a neighbour (arp_solicit), the
// receive path (arp_rcv → arp_process) with arp_ignore, arp_filter,
// arp_accept, arp_announce, proxy ARP (proxy_arp, pvlan, `ip neigh add
// proxy`), gratuitous ARP and drop_gratuitous_arp, the netdevice notifier
// and /proc/net/arp.
//
// Not modelled: the NF_ARP_IN/OUT netfilter hooks (no arptables), ARP over
// non-Ethernet hardware (AX.25, FDDI, IEEE1394, DLCI), tunnel metadata
// replies, the SIOCxARP ioctls, IN_DEV_MEDIUM_ID values other than the
// default, and l3mdev (VRF) tables.
#include <algorithm>
#include <cstdio>
#include <cstring>

#include "ipv4/devinet.h"
#include "ipv4/fib.h"
#include "ipv4/ip.h"
#include "neigh/arp.h"
#include "neigh/neigh_table.h"
#include "net/dev.h"
#include "net/net.h"
#include "net/netdevice.h"
#include "net/world.h"
#include "trace/trace.h"
#include "wire/arp.h"

namespace skbox {

namespace {

constexpr uint16_t kEthPArp = 0x0806;
constexpr uint16_t kEthPIp = 0x0800;
constexpr uint32_t kArpHdrLen = wire::ArpPacket<>::kEthIpLen;  // arp_hdr_len() on Ethernet

using F = Ipv4DevConf::Field;

// The IN_DEV_* accessors: which of conf/all and conf/<dev> count.
int conf_dev(const NetDevice* dev, F f) { return dev->ip_ptr ? dev->ip_ptr->cnf[f] : 0; }
int conf_all(const NetDevice* dev, F f) { return dev->net->devconf_all[f]; }
int in_dev_maxconf(const NetDevice* dev, F f) { return std::max(conf_all(dev, f), conf_dev(dev, f)); }
bool in_dev_orconf(const NetDevice* dev, F f) { return conf_all(dev, f) || conf_dev(dev, f); }
bool in_dev_andconf(const NetDevice* dev, F f) { return conf_all(dev, f) && conf_dev(dev, f); }

NeighParms& dev_parms(NetDevice* dev) { return dev->arp_parms ? *dev->arp_parms : dev->net->arp_tbl->parms; }

// inet_addr_onlink: a and b (0 = any) both on one subnet of dev.
bool inet_addr_onlink(const InDevice& in, Ipv4Addr a, Ipv4Addr b) {
  for (const InIfaddr& ifa : in.ifa_list) {
    if ((a.is_any() || inet_ifa_match(a, ifa)) && (b.is_any() || inet_ifa_match(b, ifa))) return true;
  }
  return false;
}

// confirm_addr_indev: an address of in (local if given) usable within
// scope, when dst (if given) shares a subnet with one of its addresses.
Ipv4Addr confirm_addr_indev(const NetDevice* dev, Ipv4Addr dst, Ipv4Addr local, uint8_t scope) {
  const InDevice& in = *dev->ip_ptr;
  const uint8_t localnet_scope = in_dev_orconf(dev, Ipv4DevConf::ROUTE_LOCALNET) ? RT_SCOPE_LINK : RT_SCOPE_HOST;
  Ipv4Addr addr;
  bool same = false;
  for (const InIfaddr& ifa : in.ifa_list) {
    const uint8_t min_scope = std::min(ifa.scope, localnet_scope);
    if (addr.is_any() && (local == ifa.local || local.is_any()) && min_scope <= scope) {
      addr = ifa.local;
      if (same) break;
    }
    if (!same) {
      same = (local.is_any() || inet_ifa_match(local, ifa)) && (dst.is_any() || inet_ifa_match(dst, ifa));
      if (same && !addr.is_any()) {
        if (!local.is_any() || dst.is_any()) break;
        if (inet_ifa_match(addr, ifa)) break;  // the chosen address is in dst's subnet
        if (min_scope <= scope) {
          addr = ifa.local;
          break;
        }
        same = false;  // look for a wider subnet holding addr
      }
    }
  }
  return same ? addr : Ipv4Addr();
}

// inet_confirm_addr: on dev, or on any device of net when dev is null.
Ipv4Addr inet_confirm_addr(Net& net, const NetDevice* dev, Ipv4Addr dst, Ipv4Addr local, uint8_t scope) {
  if (dev) return dev->ip_ptr ? confirm_addr_indev(dev, dst, local, scope) : Ipv4Addr();
  for (NetDevice* d : net.devices()) {
    if (!d->ip_ptr) continue;
    Ipv4Addr a = confirm_addr_indev(d, dst, local, scope);
    if (!a.is_any()) return a;
  }
  return Ipv4Addr();
}

// arp_ignore: true when a request for tip from sip must not be answered.
bool arp_ignore(NetDevice* dev, Ipv4Addr sip, Ipv4Addr tip) {
  uint8_t scope;
  const NetDevice* in = dev;
  switch (in_dev_maxconf(dev, Ipv4DevConf::ARP_IGNORE)) {
    case 0:
      return false;
    case 1:  // tip must be configured on the receiving device
      sip = Ipv4Addr();
      scope = RT_SCOPE_HOST;
      break;
    case 2:  // ... and share a subnet with sip
      scope = RT_SCOPE_HOST;
      break;
    case 3:  // no replies for host-scope addresses
      sip = Ipv4Addr();
      scope = RT_SCOPE_LINK;
      in = nullptr;
      break;
    case 8:
      return true;
    default:
      return false;
  }
  return inet_confirm_addr(*dev->net, in, sip, tip, scope).is_any();
}

// arp_accept: may an unsolicited ARP create an entry?
bool arp_accept(NetDevice* dev, Ipv4Addr sip) {
  switch (in_dev_maxconf(dev, Ipv4DevConf::ARP_ACCEPT)) {
    case 1:
      return true;
    case 2:  // only when sip is on one of dev's subnets
      return !inet_confirm_addr(*dev->net, dev, sip, Ipv4Addr(), RT_SCOPE_LINK).is_any();
    default:
      return false;
  }
}

// arp_filter: reply only when the route back to sip leaves through dev.
bool arp_filter(Ipv4Addr sip, Ipv4Addr tip, NetDevice* dev) {
  Net& net = *dev->net;
  Flowi4 fl;
  fl.daddr = sip;
  fl.saddr = tip;
  RouteOut rt;
  if (ip_route_output(net, fl, rt) < 0) return true;
  if (rt.dst.dev != dev) {
    net.mib.linux.inc(LinuxMib::ArpFilter);
    return true;
  }
  return false;
}

// arp_fwd_proxy: proxy_arp answers for destinations routed elsewhere.
bool arp_fwd_proxy(NetDevice* dev, const SkbDst& rt) {
  if (rt.dev == dev) return false;
  if (!in_dev_orconf(dev, Ipv4DevConf::PROXY_ARP)) return false;
  const int imi = conf_dev(dev, Ipv4DevConf::MEDIUM_ID);
  if (imi == 0) return true;
  if (imi == -1) return false;
  int omi = -1;
  if (rt.dev && rt.dev->ip_ptr) omi = rt.dev->ip_ptr->cnf[Ipv4DevConf::MEDIUM_ID];
  return omi != imi && omi != -1;
}

// arp_fwd_pvlan: RFC 3069 proxying back onto the same segment.
bool arp_fwd_pvlan(NetDevice* dev, const SkbDst& rt, Ipv4Addr sip, Ipv4Addr tip) {
  if (rt.dev != dev) return false;
  if (sip == tip) return false;
  return conf_dev(dev, Ipv4DevConf::PROXY_ARP_PVLAN) != 0;
}

// arp_is_garp: sender == target (and, for replies, tha == sha) for a
// unicast address; *addr_type gets the type it computed.
bool arp_is_garp(Net& net, uint16_t op, Ipv4Addr sip, Ipv4Addr tip, const MacAddr& sha, const MacAddr& tha,
                 int* addr_type) {
  bool is_garp = tip == sip;
  if (is_garp && op == wire::ARPOP_REPLY) is_garp = tha == sha;
  if (is_garp) {
    *addr_type = inet_addr_type(net, sip);
    if (*addr_type != RTN_UNICAST) is_garp = false;
  }
  return is_garp;
}

// Hands a copy of an incoming ARP frame to the packet sockets bound to
// ETH_P_ARP on its device (what arping listens with).
void arp_deliver_taps(NeighTable& tbl, const SkBuff& skb) {
  if (tbl.taps().empty() || skb.pkt_type == PktType::Loopback) return;
  for (ArpTap* t : tbl.taps()) {
    if (t->dev != skb.dev || t->rx.size() >= t->rcvbuf_frames) continue;
    ArpTap::Frame f;
    f.pkt_type = skb.pkt_type;
    f.arp.assign(skb.data(), skb.data() + skb.len);
    f.at = tbl.net.world.now();
    t->rx.push_back(std::move(f));
  }
}

void inetdev_send_gratuitous_arp(NetDevice* dev);

}  // namespace

// ---------------------------------------------------------------------------
// Transmit

void arp_send(uint16_t op, Ipv4Addr dest_ip, NetDevice* dev, Ipv4Addr src_ip, const MacAddr* dest_hw,
              const MacAddr& src_hw, const MacAddr* target_hw) {
  if (dev->flags & IFF_NOARP) return;
  // arp_create
  SkbPtr skb = dev->net->world.pool.alloc(kArpHdrLen);
  uint8_t* p = skb->put(kArpHdrLen);
  skb->reset_network_header();
  skb->dev = dev;
  skb->protocol = kEthPArp;
  wire::ArpPacket<uint8_t> a({p, kArpHdrLen});
  a.set_htype(dev->type);
  a.set_ptype(kEthPIp);
  a.set_hlen(6);
  a.set_plen(4);
  a.set_op(op);
  a.set_sha(src_hw);
  a.set_spa(src_ip);
  a.set_tha(target_hw ? *target_hw : MacAddr());
  a.set_tpa(dest_ip);
  eth_header(*skb, dev, kEthPArp, dest_hw ? *dest_hw : dev->broadcast, src_hw);
  // arp_xmit: NF_ARP_OUT is not modelled, straight to the device.
  skb_trace(*skb, "arp_xmit");
  dev_queue_xmit(std::move(skb));
}

void arp_solicit(Neighbour& n, const SkBuff* skb) {
  NetDevice* dev = n.dev;
  const Ipv4Addr target = n.key;
  if (!dev->ip_ptr) return;
  Net& net = *dev->net;
  Ipv4Addr skb_saddr;
  if (skb && skb->network_header != SkBuff::kNoHeader && skb->network_len() >= kIpHlen) {
    const uint8_t* ip = skb->head + skb->network_header;
    skb_saddr = Ipv4Addr(uint32_t(ip[12]) << 24 | uint32_t(ip[13]) << 16 | uint32_t(ip[14]) << 8 | ip[15]);
  }
  Ipv4Addr saddr;
  switch (in_dev_maxconf(dev, Ipv4DevConf::ARP_ANNOUNCE)) {
    default:
    case 0:  // any local address will do
      if (skb && inet_addr_type(net, skb_saddr) == RTN_LOCAL) saddr = skb_saddr;
      break;
    case 1:  // only one the target can reach on-link
      if (!skb) break;
      if (inet_addr_type(net, skb_saddr) == RTN_LOCAL && inet_addr_onlink(*dev->ip_ptr, target, skb_saddr))
        saddr = skb_saddr;
      break;
    case 2:  // always the primary address chosen below
      break;
  }
  if (saddr.is_any()) saddr = inet_select_addr(dev, target, RT_SCOPE_LINK);

  const NeighParms& p = dev_parms(dev);
  int probes = n.probes - p.ucast_probes;
  const MacAddr* dst_hw = nullptr;
  MacAddr snapshot;
  if (probes < 0) {
    // Still within the unicast probes: ask the address we believe in.
    snapshot = n.ha;
    dst_hw = &snapshot;
  } else {
    probes -= p.app_probes;
    if (probes < 0) return;  // neigh_app_ns: no arpd listens
  }
  arp_send(wire::ARPOP_REQUEST, target, dev, saddr, dst_hw, dev->dev_addr, nullptr);
}

// ---------------------------------------------------------------------------
// Receive

void arp_rcv(SkbPtr skb) {
  NetDevice* dev = skb->dev;
  skb_trace(*skb, "arp_rcv");
  arp_deliver_taps(*dev->net->arp_tbl, *skb);
  // Frames ARP ignores by design are consumed, not counted as drops.
  if ((dev->flags & IFF_NOARP) || skb->pkt_type == PktType::OtherHost || skb->pkt_type == PktType::Loopback) {
    consume_skb(std::move(skb));
    return;
  }
  if (!skb->may_pull(kArpHdrLen)) {
    kfree_skb_reason(std::move(skb), DropReason::PKT_TOO_SMALL);
    return;
  }
  wire::ArpPacket<const uint8_t> a({skb->data(), skb->len});
  if (a.hlen() != 6 || a.plen() != 4) {
    kfree_skb_reason(std::move(skb), DropReason::NOT_SPECIFIED);
    return;
  }
  arp_process(std::move(skb), false);
}

void arp_process(SkbPtr skb, bool locally_enqueued) {
  NetDevice* dev = skb->dev;
  Net& net = *dev->net;
  NeighTable& tbl = *net.arp_tbl;
  skb_trace(*skb, "arp_process");
  if (!dev->ip_ptr) {
    kfree_skb_reason(std::move(skb), DropReason::NOT_SPECIFIED);
    return;
  }
  wire::ArpPacket<const uint8_t> a({skb->data(), skb->len});
  const uint16_t op = a.op();
  // Ethernet devices take hardware type Ethernet or IEEE 802.
  if ((a.htype() != wire::ARPHRD_ETHER && a.htype() != wire::ARPHRD_IEEE802) || a.ptype() != kEthPIp ||
      (op != wire::ARPOP_REPLY && op != wire::ARPOP_REQUEST)) {
    kfree_skb_reason(std::move(skb), DropReason::NOT_SPECIFIED);
    return;
  }
  const MacAddr sha = a.sha();
  const MacAddr tha = a.tha();
  const Ipv4Addr sip = a.spa();
  const Ipv4Addr tip = a.tpa();

  // Nobody asks for multicast or (without route_localnet) loopback addresses.
  if (tip.is_multicast() || (!in_dev_orconf(dev, Ipv4DevConf::ROUTE_LOCALNET) && tip.is_loopback())) {
    kfree_skb_reason(std::move(skb), DropReason::NOT_SPECIFIED);
    return;
  }
  if (sip == tip && in_dev_orconf(dev, Ipv4DevConf::DROP_GRATUITOUS_ARP)) {
    kfree_skb_reason(std::move(skb), DropReason::NOT_SPECIFIED);
    return;
  }

  // Duplicate address detection probe (RFC 2131): sender 0.0.0.0.
  if (sip.is_any()) {
    if (op == wire::ARPOP_REQUEST && inet_addr_type(net, tip) == RTN_LOCAL && !arp_ignore(dev, sip, tip))
      arp_send(wire::ARPOP_REPLY, sip, dev, tip, &sha, dev->dev_addr, &sha);
    consume_skb(std::move(skb));
    return;
  }

  DropReason reason = DropReason::NOT_SPECIFIED;
  if (op == wire::ARPOP_REQUEST && ip_route_input(*skb, tip, sip, 0, dev, &reason) == 0) {
    const SkbDst rt = skb->dst;
    if (rt.rt_type == RTN_LOCAL) {
      bool dont_send = arp_ignore(dev, sip, tip);
      if (!dont_send && in_dev_orconf(dev, Ipv4DevConf::ARPFILTER)) dont_send = arp_filter(sip, tip, dev);
      if (!dont_send) {
        if (neigh_event_ns(tbl, sha, sip, dev)) arp_send(wire::ARPOP_REPLY, sip, dev, tip, &sha, dev->dev_addr, &sha);
      }
      consume_skb(std::move(skb));
      return;
    }
    if (conf_dev(dev, Ipv4DevConf::FORWARDING) && rt.rt_type == RTN_UNICAST &&
        (arp_fwd_proxy(dev, rt) || arp_fwd_pvlan(dev, rt, sip, tip) ||
         (rt.dev != dev && tbl.pneigh_lookup(tip, dev)))) {
      neigh_event_ns(tbl, sha, sip, dev);
      const NeighParms& p = dev_parms(dev);
      if (locally_enqueued || skb->pkt_type == PktType::Host || p.proxy_delay == 0) {
        arp_send(wire::ARPOP_REPLY, sip, dev, tip, &sha, dev->dev_addr, &sha);
      } else {
        tbl.proxy_enqueue(std::move(skb), p.proxy_delay);
        return;
      }
      consume_skb(std::move(skb));
      return;
    }
  }

  // Update the cache: replies to us, and requests from hosts we know.
  Neighbour* n = tbl.lookup(dev, sip);
  int addr_type = -1;
  bool is_garp = false;
  const bool accept = arp_accept(dev, sip);
  if (n || accept) is_garp = arp_is_garp(net, op, sip, tip, sha, tha, &addr_type);
  if (accept && !n &&
      (is_garp || (op == wire::ARPOP_REPLY &&
                   (addr_type == RTN_UNICAST || (addr_type < 0 && inet_addr_type(net, sip) == RTN_UNICAST)))))
    n = tbl.lookup_or_create(dev, sip, true);
  if (n) {
    const Time now = net.world.now();
    // Of several back-to-back replies the first wins (locktime).
    const bool override = now > n->updated + dev_parms(dev).locktime || is_garp;
    // Requests and broadcast replies do not prove reachability.
    const uint8_t state =
        (op != wire::ARPOP_REPLY || skb->pkt_type != PktType::Host) ? NUD_STALE : NUD_REACHABLE;
    neigh_update(n, &sha, state, override ? uint32_t(NEIGH_UPDATE_F_OVERRIDE) : 0u);
  }
  consume_skb(std::move(skb));
}

// ---------------------------------------------------------------------------
// Device events

namespace {
// inetdev_event's arp_notify: on NETDEV_UP and NETDEV_CHANGEADDR, one
// gratuitous request per address (inetdev_send_gratuitous_arp). It runs
// here, after inetdev_event in the notifier order, with the same effect.
void inetdev_send_gratuitous_arp(NetDevice* dev) {
  if (!dev->ip_ptr || !in_dev_maxconf(dev, Ipv4DevConf::ARP_NOTIFY)) return;
  const std::vector<InIfaddr> addrs = dev->ip_ptr->ifa_list;
  for (const InIfaddr& ifa : addrs)
    arp_send(wire::ARPOP_REQUEST, ifa.local, dev, ifa.local, nullptr, dev->dev_addr, nullptr);
}
}  // namespace

void arp_ifdown(NetDevice* dev) {
  NeighTable* tbl = dev->net->arp_tbl.get();
  if (!tbl) return;
  tbl->flush_dev(dev, false);
  tbl->pneigh_ifdown(dev);
  tbl->proxy_queue_purge(dev);
}

void arp_netdev_event(NetdevEvent ev, NetDevice* dev) {
  NeighTable* tbl = dev->net->arp_tbl.get();
  if (!tbl) return;
  switch (ev) {
    case NetdevEvent::Down:
    case NetdevEvent::Unregister:
      arp_ifdown(dev);  // from fib_disable_ip
      if (ev == NetdevEvent::Unregister) {
        for (ArpTap* t : tbl->taps())
          if (t->dev == dev) t->dev = nullptr;
      }
      return;
    case NetdevEvent::ChangeAddr:
      tbl->flush_dev(dev, false);  // neigh_changeaddr
      inetdev_send_gratuitous_arp(dev);
      return;
    case NetdevEvent::Up:
      inetdev_send_gratuitous_arp(dev);
      return;
    case NetdevEvent::Change: {
      // neigh_carrier_down, unless arp_evict_nocarrier is off.
      const bool evict = !dev->ip_ptr || in_dev_andconf(dev, Ipv4DevConf::ARP_EVICT_NOCARRIER);
      if (evict && !dev->carrier) {
        tbl->flush_dev(dev, true);
        tbl->pneigh_ifdown(dev);
        tbl->proxy_queue_purge(dev);
      }
      return;
    }
    default:
      return;
  }
}

// ---------------------------------------------------------------------------
// /proc

namespace {
// arp_state_to_flags: ATF_PERM|ATF_COM, ATF_COM or nothing.
unsigned arp_state_to_flags(const Neighbour& n) {
  if (n.nud_state & NUD_PERMANENT) return 0x04 | 0x02;
  if (n.nud_state & NUD_VALID) return 0x02;
  return 0;
}
}  // namespace

std::string neigh_proc_arp(Net& net) {
  std::string out = "IP address       HW type     Flags       HW address            Mask     Device\n";
  char line[160];
  const NeighTable& tbl = *net.arp_tbl;
  for (const Neighbour* n = tbl.first(); n; n = n->next) {
    // NEIGH_SEQ_SKIP_NOARP: entries that are nothing but NOARP stay hidden.
    if (!(n->nud_state & ~NUD_NOARP)) continue;
    std::snprintf(line, sizeof line, "%-16s 0x%-10x0x%-10x%-17s     *        %s\n", n->key.str().c_str(),
                  unsigned(n->dev->type), arp_state_to_flags(*n), n->ha.str().c_str(), n->dev->name.c_str());
    out += line;
  }
  for (const PneighEntry& e : tbl.pneighs()) {
    std::snprintf(line, sizeof line, "%-16s 0x%-10x0x%-10x%s     *        %s\n", e.key.str().c_str(),
                  unsigned(e.dev ? e.dev->type : 0), 0x08u | 0x04u, "00:00:00:00:00:00",
                  e.dev ? e.dev->name.c_str() : "*");
    out += line;
  }
  return out;
}

std::string neigh_proc_stat(Net& net) {
  const NeighTable& tbl = *net.arp_tbl;
  const NeighStatistics& s = tbl.stats;
  std::string out =
      "entries  allocs   destroys hash_grows lookups  hits     res_failed rcv_probes_mcast rcv_probes_ucast "
      "periodic_gc_runs forced_gc_runs unresolved_discards table_fulls\n";
  char line[256];
  std::snprintf(line, sizeof line,
                "%08x  %08llx %08llx %08llx   %08llx %08llx %08llx   %08llx         %08llx         %08llx         "
                "%08llx      %08llx            %08llx\n",
                unsigned(tbl.entries()), (unsigned long long)s.allocs, (unsigned long long)s.destroys,
                (unsigned long long)s.hash_grows, (unsigned long long)s.lookups, (unsigned long long)s.hits,
                (unsigned long long)s.res_failed, (unsigned long long)s.rcv_probes_mcast,
                (unsigned long long)s.rcv_probes_ucast, (unsigned long long)s.periodic_gc_runs,
                (unsigned long long)s.forced_gc_runs, (unsigned long long)s.unres_discards,
                (unsigned long long)s.table_fulls);
  out += line;
  return out;
}

}  // namespace skbox
