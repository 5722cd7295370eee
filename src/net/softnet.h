// Per-CPU receive state (struct softnet_data): the input backlog that
// netif_rx() fills and the NET_RX softirq (net_rx_action/process_backlog)
// drains within netdev_budget.
#pragma once
#include "core/event_loop.h"
#include "core/skbuff.h"
#include "net/dev.h"

namespace skbox {

class World;

struct SoftnetData final : Softirq {
  SoftnetData(World& w, int cpu) : world(w), cpu(cpu) {}
  ~SoftnetData() override { purge(); }
  void run() override;  // net_rx_action
  void purge() { input_pkt_queue.purge(); }

  World& world;
  int cpu;
  SkbQueue input_pkt_queue;
  SoftnetStats stats;
};

}  // namespace skbox
