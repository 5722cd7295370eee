// The forwarding database (br_fdb.c): learned and static entries keyed by
// (address, vlan), kept in fdb_list order (newest first, as the kernel's
// hlist which `bridge fdb show` walks), aged out by a gc that reschedules
// itself for the earliest expiry.
#include <algorithm>
#include <map>

#include "dev/bridge.h"
#include "net/net.h"
#include "net/world.h"

namespace skbox {

namespace {

FdbEntry* fdb_create(NetBridge* br, NetBridgePort* source, const MacAddr& addr, uint16_t vid, bool local_static) {
  FdbEntry f;
  f.addr = addr;
  f.vid = vid;
  f.dst = source;
  f.local = f.is_static = local_static;
  f.updated = f.used = br->net->world.now();
  br->fdb_list.push_front(f);
  br->fdb_hash[{addr, vid}] = br->fdb_list.begin();
  return &br->fdb_list.front();
}

void fdb_delete(NetBridge* br, FdbEntry* f) {
  auto it = br->fdb_hash.find({f->addr, f->vid});
  br->fdb_list.erase(it->second);
  br->fdb_hash.erase(it);
}

// fdb_delete_local: a local address another port (or the bridge) still
// has moves there instead of going away.
void fdb_delete_local(NetBridge* br, NetBridgePort* p, FdbEntry* f) {
  for (auto& op : br->port_list) {
    if (op.get() != p && op->dev->dev_addr == f->addr) {
      f->dst = op.get();
      return;
    }
  }
  if (p && br->dev_addr == f->addr) {
    f->dst = nullptr;
    return;
  }
  fdb_delete(br, f);
}

bool has_expired(const NetBridge* br, const FdbEntry& f) {
  return !f.is_static && f.updated + br->ageing_time() <= br->net->world.now();
}

}  // namespace

namespace {
std::map<const NetDevice*, DevAddrLists>& addr_lists() {
  static std::map<const NetDevice*, DevAddrLists> lists;
  return lists;
}
}  // namespace

DevAddrLists& dev_addr_lists(const NetDevice* dev) { return addr_lists()[dev]; }
void dev_addr_lists_forget(const NetDevice* dev) { addr_lists().erase(dev); }

FdbEntry* br_fdb_find(NetBridge* br, const MacAddr& addr, uint16_t vid) {
  auto it = br->fdb_hash.find({addr, vid});
  return it == br->fdb_hash.end() ? nullptr : &*it->second;
}

uint16_t fdb_to_nud(const NetBridge* br, const FdbEntry& f) {
  if (f.local) return NUD_PERMANENT;
  if (f.is_static) return NUD_NOARP;
  if (has_expired(br, f)) return NUD_STALE;
  return NUD_REACHABLE;
}

// fdb_add_local: an invalid (e.g. all-zero) address gets no entry.
int br_fdb_add_local(NetBridge* br, NetBridgePort* source, const MacAddr& addr, uint16_t vid) {
  if (!addr.is_valid_unicast()) return EINVAL;
  if (FdbEntry* f = br_fdb_find(br, addr, vid)) {
    if (f->local) return 0;
    fdb_delete(br, f);
  }
  fdb_create(br, source, addr, vid, true);
  return 0;
}

// br_fdb_change_mac_address: the bridge's old address entry (if it belongs
// to no port) goes, the new one is added.
void br_fdb_change_mac_address(NetBridge* br, const MacAddr& newaddr) {
  FdbEntry* f = br_fdb_find(br, br->fdb_dev_addr, 0);
  if (f && f->local && !f->dst && !f->added_by_user) fdb_delete_local(br, nullptr, f);
  br->fdb_dev_addr = newaddr;
  br_fdb_add_local(br, nullptr, newaddr, 0);
}

// br_fdb_changeaddr: a port's address changed: its old local entry goes.
void br_fdb_changeaddr(NetBridgePort* p, const MacAddr& newaddr) {
  NetBridge* br = p->br;
  for (auto it = br->fdb_list.begin(); it != br->fdb_list.end(); ++it) {
    if (it->dst == p && it->local && !it->added_by_user && it->vid == 0) {
      fdb_delete_local(br, p, &*it);
      break;
    }
  }
  br_fdb_add_local(br, p, newaddr, 0);
}

// br_fdb_delete_by_port: do_all also removes static and local entries.
void br_fdb_delete_by_port(NetBridge* br, NetBridgePort* p, bool do_all) {
  for (auto it = br->fdb_list.begin(); it != br->fdb_list.end();) {
    FdbEntry* f = &*it++;
    if (f->dst != p) continue;
    if (!do_all && (f->is_static || f->added_by_user)) continue;
    if (f->local)
      fdb_delete_local(br, p, f);
    else
      fdb_delete(br, f);
  }
}

void br_fdb_flush(NetBridge* br) {
  for (auto it = br->fdb_list.begin(); it != br->fdb_list.end();) {
    FdbEntry* f = &*it++;
    if (!f->is_static) fdb_delete(br, f);
  }
}

// br_fdb_cleanup: deletes what is older than ageing_time and comes back when
// the next entry would expire (or after ageing_time when none will).
void br_fdb_cleanup(NetBridge* br) {
  const Time now = br->net->world.now();
  const Duration delay = br->ageing_time();
  Duration work_delay = delay;
  for (auto it = br->fdb_list.begin(); it != br->fdb_list.end();) {
    FdbEntry* f = &*it++;
    if (f->is_static) continue;
    const Time this_timer = f->updated + delay;
    if (this_timer > now)
      work_delay = std::min(work_delay, this_timer - now);
    else
      fdb_delete(br, f);
  }
  // A jiffy after the expiry (time_after is strict).
  br->net->world.loop.mod_timer(br->gc_work, now + std::max<Duration>(work_delay, kSec / 100) + kSec / 1000);
}

// br_fdb_update: learning from a frame's source address.
void br_fdb_update(NetBridge* br, NetBridgePort* source, const MacAddr& addr, uint16_t vid) {
  if (br->ageing_time_cs == 0) return;  // hold_time 0: always flood
  if (FdbEntry* f = br_fdb_find(br, addr, vid)) {
    if (f->local) return;  // own address as source: the kernel only warns
    f->updated = br->net->world.now();
    f->dst = source;
    return;
  }
  fdb_create(br, source, addr, vid, false);
}

// fdb_add_entry for RTM_NEWNEIGH (`bridge fdb add|replace ... master`).
int br_fdb_add(NetBridge* br, NetBridgePort* p, const MacAddr& addr, uint16_t vid, uint16_t state, uint16_t nlflags) {
  if (vid) return EINVAL;  // no VLANs configured (vlan_filtering is not modelled)
  // A port that cannot learn takes only permanent and static entries.
  if (p && !(state & NUD_PERMANENT) && !(state & NUD_NOARP) &&
      !(p->state == BR_STATE_LEARNING || p->state == BR_STATE_FORWARDING))
    return EPERM;
  if (!p && !(state & NUD_PERMANENT)) return EINVAL;
  bool modified = false;
  FdbEntry* f = br_fdb_find(br, addr, vid);
  if (!f) {
    if (!(nlflags & NLM_F_CREATE)) return ENOENT;
    f = fdb_create(br, p, addr, vid, false);
    modified = true;
  } else {
    if (nlflags & NLM_F_EXCL) return EEXIST;
    if (f->dst != p) {
      f->dst = p;
      modified = true;
    }
  }
  if (fdb_to_nud(br, *f) != state) {
    if (state & NUD_PERMANENT) {
      f->local = true;
      f->is_static = true;
    } else if (state & NUD_NOARP) {
      f->local = false;
      f->is_static = true;
    } else {
      f->local = false;
      f->is_static = false;
    }
    modified = true;
  }
  f->added_by_user = true;
  const Time now = br->net->world.now();
  f->used = now;
  if (modified) f->updated = now;
  return 0;
}

int br_fdb_delete(NetBridge* br, NetBridgePort* p, const MacAddr& addr, uint16_t vid) {
  FdbEntry* f = br_fdb_find(br, addr, vid);
  if (!f || f->dst != p) return ENOENT;
  fdb_delete(br, f);
  return 0;
}

}  // namespace skbox
