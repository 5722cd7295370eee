// The packet tracer: when enabled, every step of a packet's path is recorded
// by its Linux function name (like pwru), and every end by consume_skb or
// kfree_skb_reason with the reason. Disabled, a step costs one branch.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/drop_reason.h"
#include "core/skbuff.h"

namespace skbox {

struct TraceEvent {
  uint64_t skb_id;
  Time time;
  std::string_view func;  // static string: the Linux function name
  std::string dev;        // device name at that step, if any
  std::string netns;      // namespace name ("" for the root)
  DropReason reason;      // for kfree_skb_reason
};

class Tracer {
 public:
  static bool enabled;  // checked inline on the fast path
  static Tracer& get();
  void record(const SkBuff& skb, std::string_view func, DropReason reason = DropReason::NOT_SPECIFIED);
  std::vector<TraceEvent> events;
  size_t limit = 1'000'000;
};

inline void skb_trace(const SkBuff& skb, std::string_view func) {
  if (Tracer::enabled) [[unlikely]]
    Tracer::get().record(skb, func);
}

}  // namespace skbox
