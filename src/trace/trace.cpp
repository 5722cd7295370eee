#include "trace/trace.h"

#include "net/net.h"
#include "net/world.h"

namespace skbox {

bool Tracer::enabled = false;

Tracer& Tracer::get() {
  static Tracer t;
  return t;
}

void Tracer::record(const SkBuff& skb, std::string_view func, DropReason reason) {
  if (events.size() >= limit) return;
  TraceEvent e{skb.id, 0, func, {}, {}, reason};
  if (skb.dev) {
    e.dev = skb.dev->name;
    e.netns = skb.dev->net->name;
    e.time = skb.dev->net->world.now();
  }
  events.push_back(std::move(e));
}

}  // namespace skbox
