// Multicast group membership of a device and MLDv2 reports (net/ipv6/mcast.c):
// the groups addrconf joins (ff01::1, ff02::1, solicited-node groups), the
// state-change reports sent when a reportable group is joined
// (mld_ifc_event: robustness-variable (2) reports, the first 2 jiffies later,
// the next after a random part of mldv2_unsolicited_report_interval), and the
// reports repeated with the link-local source once DAD succeeds
// (ipv6_mc_dad_complete).
// Not modelled: MLDv1 (force_mld_version=1 or a v1 querier), queries and
// their responses, source filters (every join is EXCLUDE {}), leave (TO_IN)
// records, reports larger than the MTU.
#include <algorithm>
#include <cstring>
#include <vector>

#include "ipv6/addrconf.h"
#include "ipv6/ipv6.h"
#include "net/net.h"
#include "net/world.h"
#include "wire/checksum.h"
#include "wire/ethernet.h"
#include "wire/icmpv6.h"
#include "wire/ipv6.h"

namespace skbox {

namespace {

constexpr int kMldQrvDefault = 2;  // sysctl_mld_qrv

int mc_scope(const Ipv6Addr& a) { return a.b[1] & 0x0f; }
bool is_ll_all_nodes(const Ipv6Addr& a) { return a == wire::kIn6AddrLinkLocalAllNodes; }

World& world_of(Inet6Dev* idev) { return idev->dev->net->world; }

int unsolicited_report_interval(const Inet6Dev* idev) {
  int iv = idev->cnf.mldv2_unsolicited_report_interval;
  return iv > 0 ? iv : 1;
}

bool mld_in_v1_mode(const Inet6Dev* idev) {
  const Ipv6NetState* s = ipv6_net_if(*idev->dev->net);
  int forced = s && s->devconf_all.force_mld_version ? s->devconf_all.force_mld_version : idev->cnf.force_mld_version;
  return forced == 1;
}

// mld_sendpack: one report with `groups` as CHANGE_TO_EXCLUDE {} records.
void mld_sendpack(Inet6Dev* idev, const std::vector<Ipv6Addr>& groups) {
  NetDevice* dev = idev->dev;
  if (groups.empty() || dev->mtu < IPV6_MIN_MTU) return;
  const size_t mld_len = 8 + 20 * groups.size();
  std::vector<uint8_t> pkt(40 + 8 + mld_len);
  Ipv6Addr src = ipv6_get_lladdr(dev, IFA_F_TENTATIVE).value_or(Ipv6Addr{});
  const Ipv6Addr& dst = wire::kIn6AddrMld2AllMcr;
  uint8_t* p = pkt.data();
  p[0] = 0x60;
  p[4] = uint8_t((8 + mld_len) >> 8);
  p[5] = uint8_t(8 + mld_len);
  p[6] = wire::NEXTHDR_HOP;
  p[7] = 1;
  std::memcpy(p + 8, src.b.data(), 16);
  std::memcpy(p + 24, dst.b.data(), 16);
  // Hop-by-Hop: Router Alert (MLD) then PadN, as mld_newpack writes it.
  const uint8_t ra[8] = {wire::IPPROTO_ICMPV6, 0, wire::IPV6_TLV_ROUTERALERT, 2, 0, 0, wire::IPV6_TLV_PADN, 0};
  std::memcpy(p + 40, ra, 8);
  uint8_t* m = p + 48;
  m[0] = wire::ICMPV6_MLD2_REPORT;
  m[6] = uint8_t(groups.size() >> 8);
  m[7] = uint8_t(groups.size());
  uint8_t* r = m + 8;
  for (const Ipv6Addr& g : groups) {
    r[0] = wire::MLD2_CHANGE_TO_EXCLUDE;
    std::memcpy(r + 4, g.b.data(), 16);
    r += 20;
  }
  uint16_t c = wire::csum_fold(
      wire::csum_partial({m, mld_len}, wire::pseudo_header_sum(src, dst, wire::IPPROTO_ICMPV6, uint32_t(mld_len))));
  m[2] = uint8_t(c >> 8);
  m[3] = uint8_t(c);
  ip6_xmit_icmp(dev, pkt, wire::ipv6_eth_mc_map(dst), wire::ICMPV6_MLD2_REPORT, /*discard_on_error=*/true);
}

size_t max_records(const NetDevice* dev) { return std::max<size_t>(1, (dev->mtu - 40 - 8 - 8) / 20); }

// mld_send_cr: the pending filter-mode change records.
void mld_send_cr(Inet6Dev* idev) {
  std::vector<Ipv6Addr> groups;
  for (Ifmcaddr6& mc : idev->mc_list) {
    if (mc.noreport || mc.crcount == 0) continue;
    groups.push_back(mc.addr);
    --mc.crcount;
    if (groups.size() == max_records(idev->dev)) {
      mld_sendpack(idev, groups);
      groups.clear();
    }
  }
  mld_sendpack(idev, groups);
}

// mld_send_initial_cr: every reportable group, whatever its crcount.
void mld_send_initial_cr(Inet6Dev* idev) {
  if (mld_in_v1_mode(idev)) return;
  std::vector<Ipv6Addr> groups;
  for (const Ifmcaddr6& mc : idev->mc_list) {
    if (mc.noreport) continue;
    groups.push_back(mc.addr);
    if (groups.size() == max_records(idev->dev)) {
      mld_sendpack(idev, groups);
      groups.clear();
    }
  }
  mld_sendpack(idev, groups);
}

// mld_ifc_start_work / mld_dad_start_work: a random part of `delay` jiffies,
// plus the 2 jiffies the kernel adds.
void start_work(Inet6Dev* idev, TimerList& t, int delay) {
  World& w = world_of(idev);
  mod_timer_in(w.loop, t, int64_t(w.rng.below(uint32_t(delay))) + 2);
}

void mld_ifc_work(Inet6Dev* idev) {
  mld_send_cr(idev);
  if (idev->mc_ifc_count) {
    --idev->mc_ifc_count;
    if (idev->mc_ifc_count) start_work(idev, idev->mc_ifc_timer, unsolicited_report_interval(idev));
  }
}

void mld_dad_work(Inet6Dev* idev) {
  mld_send_initial_cr(idev);
  if (idev->mc_dad_count) {
    --idev->mc_dad_count;
    if (idev->mc_dad_count) start_work(idev, idev->mc_dad_timer, unsolicited_report_interval(idev));
  }
}

void mld_ifc_event(Inet6Dev* idev) {
  if (mld_in_v1_mode(idev)) return;
  idev->mc_ifc_count = idev->mc_qrv;
  start_work(idev, idev->mc_ifc_timer, 1);
}

// igmp6_group_added (the device address filter is not modelled).
void igmp6_group_added(Inet6Dev* idev, Ifmcaddr6& mc) {
  if (mc_scope(mc.addr) < 2) return;
  if (!idev->dev->is_up() || mc.noreport) return;
  if (mld_in_v1_mode(idev)) return;
  mc.crcount = idev->mc_qrv;
  mld_ifc_event(idev);
}

void stop_timers(Inet6Dev* idev) {
  World& w = world_of(idev);
  idev->mc_ifc_count = 0;
  w.loop.del_timer(idev->mc_ifc_timer);
  w.loop.del_timer(idev->mc_dad_timer);
}

}  // namespace

void ipv6_mc_init_dev(Inet6Dev* idev) {
  idev->mc_qrv = kMldQrvDefault;
  idev->mc_ifc_timer.set_function([idev] { mld_ifc_work(idev); });
  idev->mc_dad_timer.set_function([idev] { mld_dad_work(idev); });
}

void ipv6_dev_mc_inc(NetDevice* dev, const Ipv6Addr& group) {
  Inet6Dev* idev = dev->ip6_ptr.get();
  if (!idev || idev->dead) return;
  for (Ifmcaddr6& mc : idev->mc_list) {
    if (mc.addr == group) {
      ++mc.users;
      return;
    }
  }
  Ifmcaddr6 mc;
  mc.addr = group;
  mc.noreport = is_ll_all_nodes(group) || mc_scope(group) < 2;  // mca_alloc
  idev->mc_list.insert(idev->mc_list.begin(), mc);
  igmp6_group_added(idev, idev->mc_list.front());
}

void ipv6_dev_mc_dec(NetDevice* dev, const Ipv6Addr& group) {
  Inet6Dev* idev = dev->ip6_ptr.get();
  if (!idev) return;
  for (auto it = idev->mc_list.begin(); it != idev->mc_list.end(); ++it) {
    if (it->addr != group) continue;
    if (--it->users == 0) idev->mc_list.erase(it);
    return;
  }
}

bool ipv6_chk_mcast_addr(const NetDevice* dev, const Ipv6Addr& group) {
  const Inet6Dev* idev = dev->ip6_ptr.get();
  if (!idev) return false;
  for (const Ifmcaddr6& mc : idev->mc_list)
    if (mc.addr == group) return true;
  return false;
}

// ipv6_mc_up: ipv6_mc_reset, then every group is announced again.
void ipv6_mc_up(Inet6Dev* idev) {
  idev->mc_qrv = kMldQrvDefault;
  for (Ifmcaddr6& mc : idev->mc_list) igmp6_group_added(idev, mc);
}

void ipv6_mc_down(Inet6Dev* idev) {
  for (Ifmcaddr6& mc : idev->mc_list) mc.crcount = 0;
  stop_timers(idev);
}

void ipv6_mc_destroy_dev(Inet6Dev* idev) {
  stop_timers(idev);
  idev->mc_list.clear();
}

void ipv6_mc_dad_complete(Inet6Dev* idev) {
  idev->mc_dad_count = idev->mc_qrv;
  if (idev->mc_dad_count) {
    mld_send_initial_cr(idev);
    --idev->mc_dad_count;
    if (idev->mc_dad_count) start_work(idev, idev->mc_dad_timer, unsolicited_report_interval(idev));
  }
}

}  // namespace skbox
