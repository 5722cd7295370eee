// consume_skb / kfree_skb_reason: the two ways a packet ends. Drops are
// counted per namespace and reason (what dropwatch/pwru would show).
#include "core/skbuff.h"
#include "net/net.h"
#include "trace/trace.h"

namespace skbox {

void consume_skb(SkbPtr skb) {
  SkBuff* s = skb.release();
  if (!s) return;
  if (Tracer::enabled) [[unlikely]]
    Tracer::get().record(*s, "consume_skb");
  nf_reset_ct(*s);  // skb_release_head_state
  s->pool->free(s);
}

void kfree_skb_reason(SkbPtr skb, DropReason reason) {
  SkBuff* s = skb.release();
  if (!s) return;
  if (s->dev) ++s->dev->net->drops[static_cast<size_t>(reason)];
  if (Tracer::enabled) [[unlikely]]
    Tracer::get().record(*s, "kfree_skb_reason", reason);
  nf_reset_ct(*s);
  s->pool->free(s);
}

}  // namespace skbox
