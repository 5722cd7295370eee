// The neighbour table's data structures (struct neighbour, neigh_table,
// pneigh_entry): for the neighbour/ARP code and the commands that dump it.
#pragma once
#include <cstdint>
#include <deque>
#include <memory>
#include <unordered_map>
#include <vector>

#include "core/expected.h"
#include "core/skbuff.h"
#include "core/timer.h"
#include "core/timer_wheel.h"
#include "neigh/neighbour.h"
#include "wire/addr.h"

namespace skbox {

// Statistics of one table (struct neigh_statistics, /proc/net/stat/arp_cache).
struct NeighStatistics {
  uint64_t allocs = 0, destroys = 0, hash_grows = 0, res_failed = 0, lookups = 0, hits = 0;
  uint64_t rcv_probes_mcast = 0, rcv_probes_ucast = 0, periodic_gc_runs = 0, forced_gc_runs = 0;
  uint64_t unres_discards = 0, table_fulls = 0;
};

// One neighbour (struct neighbour): an IPv4 next hop on one device.
struct Neighbour {
  NeighTable* tbl = nullptr;
  NetDevice* dev = nullptr;
  Ipv4Addr key;                 // primary_key (0.0.0.0 on loopback)
  uint8_t nud_state = NUD_NONE;
  uint8_t flags = 0;            // NTF_ROUTER, NTF_EXT_LEARNED
  uint8_t type = 0;             // RTN_* of the key (arp_constructor)
  bool dead = false;
  bool exempt_from_gc = false;  // PERMANENT when created by the admin
  MacAddr ha;
  Time confirmed = 0, updated = 0, used = 0;
  int probes = 0;
  TimerList timer;
  SkbQueue arp_queue;           // packets waiting for resolution
  uint64_t arp_queue_len_bytes = 0;  // by truesize
  int hold = 0;                 // in use by a running handler (refcnt beyond the table's)

  NudState state() const { return static_cast<NudState>(nud_state); }
  // ndm_refcnt as the kernel reports it: references beyond the table's own
  // (the pending timer holds one).
  int refcnt() const { return timer.pending() ? 1 : 0; }

  // Intrusive list of the table, in creation order (the dump order).
  Neighbour* prev = nullptr;
  Neighbour* next = nullptr;
};

// A proxy entry (struct pneigh_entry): `ip neigh add proxy ADDR [dev DEV]`.
struct PneighEntry {
  Ipv4Addr key;
  NetDevice* dev = nullptr;  // nullptr: any device
  uint8_t flags = 0;
  bool permanent = false;
};

// A packet socket bound to ETH_P_ARP on one device (what arping opens): it
// receives a copy of every ARP frame the device receives, before arp_rcv.
struct ArpTap {
  struct Frame {
    PktType pkt_type;
    std::vector<uint8_t> arp;  // the ARP payload (link header stripped)
    Time at;
  };
  NetDevice* dev = nullptr;    // becomes nullptr if the device goes away
  std::deque<Frame> rx;
  size_t rcvbuf_frames = 256;  // frames kept before new ones are dropped
};

// The ARP table of one namespace (struct neigh_table).
class NeighTable {
 public:
  explicit NeighTable(Net& net);
  ~NeighTable();
  NeighTable(const NeighTable&) = delete;
  NeighTable& operator=(const NeighTable&) = delete;

  Net& net;
  NeighParms parms;  // defaults for new devices (tbl->parms)
  int gc_thresh1 = 128, gc_thresh2 = 512, gc_thresh3 = 1024;
  Duration gc_interval = 30 * kSec;
  NeighStatistics stats;

  // neigh_lookup: the entry for (dev, addr) or nullptr (loopback keys are
  // looked up as given; the entry itself is keyed 0.0.0.0).
  Neighbour* lookup(const NetDevice* dev, Ipv4Addr addr);
  // __neigh_create: a new entry (constructor applied), or the existing one.
  // ENOBUFS when the table is full (gc_thresh3), EINVAL without IPv4 on dev.
  Expected<Neighbour*> create(NetDevice* dev, Ipv4Addr addr, bool exempt_from_gc = false);
  // Lookup, creating when `creat` (__neigh_lookup).
  Neighbour* lookup_or_create(NetDevice* dev, Ipv4Addr addr, bool creat);

  size_t entries() const { return entries_; }
  size_t gc_entries() const { return gc_entries_; }
  // Every entry, in dump order.
  std::vector<Neighbour*> dump() const;
  Neighbour* first() const { return head_; }

  // Proxy entries.
  PneighEntry* pneigh_lookup(Ipv4Addr key, const NetDevice* dev);  // dev match or wildcard
  PneighEntry* pneigh_create(Ipv4Addr key, NetDevice* dev);        // exact (key, dev)
  int pneigh_delete(Ipv4Addr key, const NetDevice* dev);           // 0 or -ENOENT
  const std::vector<PneighEntry>& pneighs() const { return pneigh_; }

  // Taps (packet sockets bound to ETH_P_ARP).
  void tap_add(ArpTap* t) { taps_.push_back(t); }
  void tap_del(ArpTap* t);
  const std::vector<ArpTap*>& taps() const { return taps_; }

  // Removal helpers (neighbour.cpp).
  void unlink(Neighbour* n);
  void flush_dev(NetDevice* dev, bool skip_perm);  // neigh_flush_dev
  void pneigh_ifdown(NetDevice* dev);
  void proxy_queue_purge(NetDevice* dev);          // nullptr: all
  void release(Neighbour* n);                      // drop a handler's hold
  void update_gc_list(Neighbour* n);               // after PERMANENT changed
  void periodic_work();                            // neigh_periodic_work
  int forced_gc();                                 // neigh_forced_gc
  void arm_gc();

  // Proxy ARP delay queue (pneigh_enqueue / neigh_proxy_process).
  void proxy_enqueue(SkbPtr skb, Duration delay);
  SkbQueue proxy_queue;

 private:
  struct Key {
    const NetDevice* dev;
    uint32_t addr;
    bool operator==(const Key& o) const { return dev == o.dev && addr == o.addr; }
  };
  struct KeyHash {
    size_t operator()(const Key& k) const {
      uint64_t h = reinterpret_cast<uintptr_t>(k.dev) * 0x9e3779b97f4a7c15ull;
      return static_cast<size_t>(h ^ (uint64_t(k.addr) * 0xc2b2ae3d27d4eb4full));
    }
  };
  void proxy_process();

  std::unordered_map<Key, std::unique_ptr<Neighbour>, KeyHash> hash_;
  Neighbour* head_ = nullptr;
  Neighbour* tail_ = nullptr;
  size_t entries_ = 0;
  size_t gc_entries_ = 0;
  Time last_flush_ = 0;
  TimerList gc_timer_;
  TimerList proxy_timer_;
  std::vector<PneighEntry> pneigh_;
  std::vector<ArpTap*> taps_;
  std::vector<std::unique_ptr<Neighbour>> zombies_;  // unlinked while held
};

}  // namespace skbox
