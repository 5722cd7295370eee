// The VXLAN forwarding database (the fdb half of vxlan_core.c): entries
// map an inner MAC address to one or more remote endpoints; `bridge fdb`
// adds, appends, replaces and deletes them, received frames teach new ones
// (vxlan_snoop) and the age timer forgets learned ones.
#include <algorithm>
#include <cerrno>

#include "dev/vxlan.h"
#include "ipv4/devinet.h"
#include "neigh/neighbour.h"
#include "net/net.h"
#include "net/world.h"

namespace skbox {

namespace {

constexpr uint8_t kNtfSelf = 0x02, kNtfExtLearned = 0x10;
constexpr Duration kFdbAgeInterval = 10 * kSec;

VxlanFdb* vxlan_fdb_create(VxlanDev* vx, const MacAddr& mac, const VxlanRdst& rd, uint16_t state, uint8_t flags) {
  const Time now = vx->net->world.now();
  VxlanFdb f;
  f.eth_addr = mac;
  f.state = state;
  f.flags = flags;
  f.updated = f.used = now;
  f.remotes.push_back(rd);
  // hlist_add_head: a dump lists the newest entry first.
  vx->fdb_list.push_front(std::move(f));
  vx->fdb_hash[mac] = vx->fdb_list.begin();
  return &vx->fdb_list.front();
}

void vxlan_fdb_destroy(VxlanDev* vx, const MacAddr& mac) {
  auto it = vx->fdb_hash.find(mac);
  if (it == vx->fdb_hash.end()) return;
  vx->fdb_list.erase(it->second);
  vx->fdb_hash.erase(it);
}

VxlanRdst* vxlan_fdb_find_rdst(VxlanFdb* f, const VxlanRdst& rd) {
  for (VxlanRdst& r : f->remotes)
    if (r == rd) return &r;
  return nullptr;
}

// The request's destination with the device defaults filled in
// (vxlan_fdb_parse).
VxlanRdst parse_rdst(const VxlanDev* vx, const VxlanFdbReq& req) {
  VxlanRdst rd;
  rd.remote_ip = req.ip.value_or(Ipv4Addr::any());
  rd.remote_port = req.port.value_or(vx->cfg.dst_port);
  rd.remote_vni = req.vni.value_or(vx->default_dst.remote_vni);
  rd.remote_ifindex = req.ifindex;
  return rd;
}

}  // namespace

VxlanFdb* vxlan_find_mac(VxlanDev* vx, const MacAddr& mac) {
  auto it = vx->fdb_hash.find(mac);
  return it == vx->fdb_hash.end() ? nullptr : &*it->second;
}

int vxlan_fdb_create_default(VxlanDev* vx) {
  vxlan_fdb_create(vx, MacAddr{}, vx->default_dst, NUD_REACHABLE | NUD_PERMANENT, kNtfSelf);
  return 0;
}

// vxlan_fdb_add → vxlan_fdb_update (existing or create).
int vxlan_fdb_add(VxlanDev* vx, const VxlanFdbReq& req, std::string& extack) {
  if (!(req.state & (NUD_PERMANENT | NUD_REACHABLE))) return EINVAL;
  if (!req.ip) return EINVAL;
  if (req.ifindex && !vx->net->dev_get_by_index(req.ifindex)) return EADDRNOTAVAIL;
  const VxlanRdst rd = parse_rdst(vx, req);
  const bool mc_or_zero = req.mac.is_multicast() || req.mac.is_zero();
  if (VxlanFdb* f = vxlan_find_mac(vx, req.mac)) {
    if (req.nlflags & NLM_F_EXCL) return EEXIST;
    if (f->state != req.state) {
      f->state = req.state;
      f->updated = vx->net->world.now();
    }
    // A user's entry is no longer a learned one.
    f->flags = kNtfSelf;
    if (req.nlflags & NLM_F_REPLACE) {
      // Only unicast entries have their (first) destination replaced.
      if (mc_or_zero) {
        extack = "Cannot replace non-unicast fdb entries";
        return EOPNOTSUPP;
      }
      if (!f->remotes.empty()) f->remotes.front() = rd;
    }
    if ((req.nlflags & NLM_F_APPEND) && mc_or_zero && !vxlan_fdb_find_rdst(f, rd)) f->remotes.push_back(rd);
    return 0;
  }
  if (!(req.nlflags & NLM_F_CREATE)) return ENOENT;
  // Replace cannot create a multicast or all-zeros entry.
  if ((req.nlflags & NLM_F_REPLACE) && mc_or_zero) return EOPNOTSUPP;
  vxlan_fdb_create(vx, req.mac, rd, req.state, kNtfSelf);
  return 0;
}

// __vxlan_fdb_delete: with a destination, only that one goes unless it is
// the last; without, the whole entry.
int vxlan_fdb_delete(VxlanDev* vx, const VxlanFdbReq& req) {
  if (req.ifindex && !vx->net->dev_get_by_index(req.ifindex)) return EADDRNOTAVAIL;
  VxlanFdb* f = vxlan_find_mac(vx, req.mac);
  if (!f) return ENOENT;
  const VxlanRdst rd = parse_rdst(vx, req);
  if (!rd.remote_ip.is_any()) {
    VxlanRdst* r = vxlan_fdb_find_rdst(f, rd);
    if (!r) return 0;  // the kernel reports success and deletes nothing
    if (f->remotes.size() > 1) {
      f->remotes.erase(f->remotes.begin() + (r - f->remotes.data()));
      return 0;
    }
  }
  vxlan_fdb_destroy(vx, req.mac);
  return 0;
}

// vxlan_snoop: a frame from src_mac came from the endpoint src_ip.
bool vxlan_snoop(VxlanDev* vx, Ipv4Addr src_ip, const MacAddr& src_mac) {
  const Time now = vx->net->world.now();
  if (VxlanFdb* f = vxlan_find_mac(vx, src_mac)) {
    if (f->updated != now) f->updated = now;
    VxlanRdst& r = f->remotes.front();
    if (r.remote_ip == src_ip && r.remote_ifindex == 0) return false;
    // Static entries do not move, and their frames from elsewhere drop.
    if ((f->state & (NUD_PERMANENT | NUD_NOARP)) || (f->flags & kNtfExtLearned)) return true;
    r.remote_ip = src_ip;
    r.remote_ifindex = 0;
    return false;
  }
  // Learned entries: NUD_REACHABLE, the device's port and VNI.
  VxlanRdst rd;
  rd.remote_ip = src_ip;
  rd.remote_port = vx->cfg.dst_port;
  rd.remote_vni = vx->default_dst.remote_vni;
  vxlan_fdb_create(vx, src_mac, rd, NUD_REACHABLE, kNtfSelf);
  return false;
}

// vxlan_cleanup: learned entries idle for `ageing` seconds go; the timer
// comes back every FDB_AGE_INTERVAL or at the next expiry if sooner.
void vxlan_fdb_cleanup(VxlanDev* vx) {
  if (!vx->running()) return;
  World& w = vx->net->world;
  const Time now = w.now();
  Time next = now + kFdbAgeInterval;
  for (auto it = vx->fdb_list.begin(); it != vx->fdb_list.end();) {
    VxlanFdb& f = *it;
    if ((f.state & (NUD_PERMANENT | NUD_NOARP)) || (f.flags & kNtfExtLearned)) {
      ++it;
      continue;
    }
    const Time timeout = f.updated + Duration(vx->cfg.age_interval) * kSec;
    if (timeout <= now) {
      vx->fdb_hash.erase(f.eth_addr);
      it = vx->fdb_list.erase(it);
      continue;
    }
    next = std::min(next, timeout);
    ++it;
  }
  w.loop.mod_timer(vx->age_timer, next);
}

// vxlan_flush: do_all also takes static/permanent entries; the default
// destination stays either way unless do_all.
void vxlan_fdb_flush(VxlanDev* vx, bool do_all) {
  for (auto it = vx->fdb_list.begin(); it != vx->fdb_list.end();) {
    VxlanFdb& f = *it;
    const bool keep = !do_all && ((f.state & (NUD_PERMANENT | NUD_NOARP)) || f.eth_addr.is_zero());
    if (keep) {
      ++it;
      continue;
    }
    vx->fdb_hash.erase(f.eth_addr);
    it = vx->fdb_list.erase(it);
  }
}

}  // namespace skbox
