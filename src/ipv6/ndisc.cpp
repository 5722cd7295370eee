// Neighbour Discovery messages (net/ipv6/ndisc.c): the NS of duplicate
// address detection, router solicitations, and on receive the NS/NA handling
// that DAD and address resolution of our own addresses need.
// Not modelled: the IPv6 neighbour cache (NS/NA do not create or update
// entries; a solicited NA goes to the NS's source link-layer option, or to
// the frame's source), router advertisements (RA is counted and ignored: no
// SLAAC, no default route), redirects, proxy NDP, anycast.
#include <cstring>
#include <optional>
#include <vector>

#include "ipv6/addrconf.h"
#include "ipv6/ipv6.h"
#include "net/net.h"
#include "trace/trace.h"
#include "wire/ethernet.h"
#include "wire/icmpv6.h"
#include "wire/ipv6.h"

namespace skbox {

namespace {

uint8_t ndisc_tclass(const NetDevice* dev) { return dev->ip6_ptr ? uint8_t(dev->ip6_ptr->cnf.ndisc_tclass) : 0; }

void put_lladdr_opt(std::vector<uint8_t>& m, uint8_t type, const MacAddr& mac) {
  m.push_back(type);
  m.push_back(1);  // 8 bytes
  m.insert(m.end(), mac.b.begin(), mac.b.end());
}

void ndisc_send_skb(NetDevice* dev, const Ipv6Addr& saddr, const Ipv6Addr& daddr, const MacAddr& dmac,
                    const std::vector<uint8_t>& msg) {
  std::vector<uint8_t> pkt(40 + msg.size());
  ip6_build_icmp(pkt, saddr, daddr, 255, ndisc_tclass(dev), msg);
  ip6_xmit_icmp(dev, pkt, dmac, msg[0]);
}

bool has_lladdr(const NetDevice* dev) { return dev->type == ARPHRD_ETHER; }

}  // namespace

void ndisc_send_ns(NetDevice* dev, const Ipv6Addr& target, const Ipv6Addr& daddr, const Ipv6Addr& saddr,
                   const std::array<uint8_t, 6>& nonce) {
  std::vector<uint8_t> m(24, 0);
  m[0] = wire::NDISC_NEIGHBOUR_SOLICITATION;
  std::memcpy(&m[8], target.b.data(), 16);
  const bool inc_opt = saddr != Ipv6Addr{} && has_lladdr(dev);
  if (inc_opt) put_lladdr_opt(m, wire::ND_OPT_SOURCE_LL_ADDR, dev->dev_addr);
  if (nonce != std::array<uint8_t, 6>{}) {
    m.push_back(wire::ND_OPT_NONCE);
    m.push_back(1);
    m.insert(m.end(), nonce.begin(), nonce.end());
  }
  ndisc_send_skb(dev, saddr, daddr, wire::ipv6_eth_mc_map(daddr), m);
}

void ndisc_send_rs(NetDevice* dev, const Ipv6Addr& saddr, const Ipv6Addr& daddr) {
  std::vector<uint8_t> m(8, 0);
  m[0] = wire::NDISC_ROUTER_SOLICITATION;
  if (has_lladdr(dev) && saddr != Ipv6Addr{}) put_lladdr_opt(m, wire::ND_OPT_SOURCE_LL_ADDR, dev->dev_addr);
  ndisc_send_skb(dev, saddr, daddr, wire::ipv6_eth_mc_map(daddr), m);
}

void ndisc_send_na(NetDevice* dev, const Ipv6Addr& daddr, const MacAddr& dmac, const Ipv6Addr& target, bool router,
                   bool solicited, bool override, bool inc_opt) {
  Inet6Ifaddr* ifp = ipv6_get_ifaddr(*dev->net, target, dev, true);
  if (!ifp) return;  // anycast/proxy source selection is not modelled
  if (!has_lladdr(dev)) inc_opt = false;
  std::vector<uint8_t> m(24, 0);
  m[0] = wire::NDISC_NEIGHBOUR_ADVERTISEMENT;
  m[4] = uint8_t((router ? wire::NDISC_NA_ROUTER : 0) | (solicited ? wire::NDISC_NA_SOLICITED : 0) |
                 (override ? wire::NDISC_NA_OVERRIDE : 0));
  std::memcpy(&m[8], target.b.data(), 16);
  if (inc_opt) put_lladdr_opt(m, wire::ND_OPT_TARGET_LL_ADDR, dev->dev_addr);
  ndisc_send_skb(dev, target, daddr, daddr.is_multicast() ? wire::ipv6_eth_mc_map(daddr) : dmac, m);
}

namespace {

struct NdOpts {
  std::optional<MacAddr> src_ll, tgt_ll;
  std::optional<std::array<uint8_t, 6>> nonce;
  bool bad = false;
};

// ndisc_parse_options: zero-length options reject the message; a repeated
// link-layer option keeps the first.
NdOpts parse_opts(std::span<const uint8_t> o) {
  NdOpts r;
  while (!o.empty()) {
    if (o.size() < 2) {
      r.bad = true;
      break;
    }
    size_t len = size_t(o[1]) * 8;
    if (len == 0 || len > o.size()) {
      r.bad = true;
      break;
    }
    auto body = o.subspan(2, len - 2);
    if ((o[0] == wire::ND_OPT_SOURCE_LL_ADDR || o[0] == wire::ND_OPT_TARGET_LL_ADDR) && len == 8) {
      MacAddr m;
      std::memcpy(m.b.data(), body.data(), 6);
      auto& slot = o[0] == wire::ND_OPT_SOURCE_LL_ADDR ? r.src_ll : r.tgt_ll;
      if (!slot) slot = m;
    } else if (o[0] == wire::ND_OPT_NONCE && len == 8 && !r.nonce) {
      std::array<uint8_t, 6> n;
      std::memcpy(n.data(), body.data(), 6);
      r.nonce = n;
    }
    o = o.subspan(len);
  }
  return r;
}

bool is_solict_mult(const Ipv6Addr& a) {
  static constexpr uint8_t p[13] = {0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xff};
  return std::memcmp(a.b.data(), p, 13) == 0;
}

// ndisc_recv_ns
bool ndisc_recv_ns(SkBuff& skb, const Ipv6Addr& saddr, const Ipv6Addr& daddr, std::span<const uint8_t> msg) {
  NetDevice* dev = skb.dev;
  if (msg.size() < 24) return false;
  Ipv6Addr target;
  std::memcpy(target.b.data(), msg.data() + 8, 16);
  if (target.is_multicast()) return false;
  const bool dad = saddr == Ipv6Addr{};
  if (dad && !is_solict_mult(daddr)) return false;
  NdOpts opts = parse_opts(msg.subspan(24));
  if (opts.bad) return false;
  if (dad && opts.src_ll) return false;
  const bool inc = daddr.is_multicast();
  Inet6Ifaddr* ifp = ipv6_get_ifaddr(*dev->net, target, dev, true);
  if (!ifp) return false;
  if (ifp->flags & (IFA_F_TENTATIVE | IFA_F_OPTIMISTIC)) {
    if (dad) {
      if (opts.nonce && *opts.nonce == ifp->dad_nonce) return true;  // our own NS looped back
      addrconf_dad_failure(ifp);
      return true;
    }
    if (!(ifp->flags & IFA_F_OPTIMISTIC)) return true;
  }
  const bool is_router = dev->ip6_ptr && dev->ip6_ptr->cnf.forwarding;
  if (dad) {
    ndisc_send_na(dev, wire::kIn6AddrLinkLocalAllNodes, MacAddr{}, target, is_router, false, true, true);
    return true;
  }
  MacAddr dmac;
  if (opts.src_ll)
    dmac = *opts.src_ll;
  else
    std::memcpy(dmac.b.data(), skb.mac_ptr() + 6, 6);
  ndisc_send_na(dev, saddr, dmac, target, is_router, true, true, inc);
  return true;
}

// ndisc_recv_na: only DAD is affected (an NA for a tentative address means
// someone else owns it).
bool ndisc_recv_na(SkBuff& skb, std::span<const uint8_t> msg) {
  if (msg.size() < 24) return false;
  Ipv6Addr target;
  std::memcpy(target.b.data(), msg.data() + 8, 16);
  if (target.is_multicast()) return false;
  Inet6Ifaddr* ifp = ipv6_get_ifaddr(*skb.dev->net, target, skb.dev, true);
  if (ifp && (ifp->flags & IFA_F_TENTATIVE)) {
    addrconf_dad_failure(ifp);
    return true;
  }
  return ifp == nullptr;
}

}  // namespace

void ndisc_rcv(SkbPtr skb) {
  skb_trace(*skb, "ndisc_rcv");
  wire::Ipv6Packet<const uint8_t> ip({skb->network_ptr(), skb->network_len()});
  std::span<const uint8_t> msg{skb->data(), skb->len};
  // RFC 4861: hop limit 255 and code 0, or the message is dropped.
  if (ip.hop_limit() != 255 || msg[1] != 0) {
    kfree_skb_reason(std::move(skb), DropReason::NOT_SPECIFIED);
    return;
  }
  bool ok = true;
  switch (msg[0]) {
    case wire::NDISC_NEIGHBOUR_SOLICITATION: ok = ndisc_recv_ns(*skb, ip.src(), ip.dst(), msg); break;
    case wire::NDISC_NEIGHBOUR_ADVERTISEMENT: ok = ndisc_recv_na(*skb, msg); break;
    case wire::NDISC_ROUTER_SOLICITATION:  // hosts ignore them (ndisc_recv_rs)
      ok = skb->dev->ip6_ptr && skb->dev->ip6_ptr->cnf.forwarding;
      break;
    default: break;  // RA, redirect: not modelled, accepted silently
  }
  if (ok)
    consume_skb(std::move(skb));
  else
    kfree_skb_reason(std::move(skb), DropReason::NOT_SPECIFIED);
}

}  // namespace skbox
