// The world: everything one skbox process simulates. It owns the event loop
// (virtual clock), the seeded RNG, the packet pool, the script tasks, every
// network namespace, and the files a script writes outside /proc and /sys.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/event_loop.h"
#include "core/expected.h"
#include "core/printk.h"
#include "core/rng.h"
#include "core/skbuff.h"
#include "core/task.h"

namespace skbox {

class Net;
struct SoftnetData;

// Global net.core sysctls (in Linux they exist only in the initial namespace).
struct GlobalCoreSysctl {
  int netdev_max_backlog = 1000;
  int netdev_budget = 300;
  int netdev_budget_usecs = 2000;
  int dev_weight = 64;
};

// Global netfilter sysctls (in Linux they exist only in the initial namespace).
struct GlobalNetfilterSysctl {
  int nf_log_all_netns = 0;  // nf_log_allowed(): log from every namespace
  int nf_conntrack_max = 262144;  // compared with each namespace's own count
};

class World {
 public:
  explicit World(uint64_t seed = 1);
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  EventLoop loop;
  Rng rng;
  Tasks tasks{loop};
  SkbPool pool;
  GlobalCoreSysctl core;
  GlobalNetfilterSysctl netfilter;
  // The kernel log (printk, dmesg): one per machine, not per namespace.
  PrintkLog printk_log;
  // Per-CPU receive state (backlog + NET_RX softirq); one CPU by default.
  std::vector<std::unique_ptr<SoftnetData>> softnet;
  // num_possible_cpus() of the simulated machine (the oracle host's count):
  // sizes per-CPU things users can see, such as a veth's default queue count.
  int num_possible_cpus = 2;

  Time now() const { return loop.now(); }
  // get_next_ino: socket inode numbers (ss and /proc/net/udp show them).
  uint64_t next_inode() { return ++last_inode_; }

  Net& init_net() { return *init_net_; }
  // Named namespaces, as /run/netns holds them.
  Net* netns_find(const std::string& name) const;
  Expected<Net*> netns_add(const std::string& name);
  Expected<void> netns_del(const std::string& name);
  const std::map<std::string, Net*>& netns_named() const { return named_; }
  // A process running in a namespace (`ip netns exec`) keeps it alive after
  // `ip netns del` removed its name, as its open /proc/PID/ns/net does in
  // Linux; the last put of an unnamed namespace destroys it.
  void netns_get(Net* n) { ++pins_[n]; }
  void netns_put(Net* n);
  // Every live namespace, named or not, in creation order.
  const std::vector<std::unique_ptr<Net>>& nets() const { return nets_; }

  // Regular files written by scripts (anything outside /proc and /sys).
  std::map<std::string, std::string> files;

 private:
  std::vector<std::unique_ptr<Net>> nets_;
  Net* init_net_ = nullptr;
  uint64_t last_inode_ = 30000;
  std::map<std::string, Net*> named_;
  std::map<const Net*, int> pins_;  // netns_get() counts
  void destroy_net(Net* n);
  uint32_t next_net_id_ = 0;
};

}  // namespace skbox
