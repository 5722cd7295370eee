#include "core/skbuff.h"

#include <algorithm>
#include <new>

namespace skbox {

void SkBuff::reset_meta() {
  data_off = 0;
  len = 0;
  mac_header = network_header = transport_header = kNoHeader;
  dev = nullptr;
  skb_iif = 0;
  protocol = 0;
  pkt_type = PktType::Host;
  ip_summed = 0;
  nf_trace = 0;
  truesize = 0;
  mark = priority = hash = 0;
  tstamp = 0;
  sk = nullptr;
  dst = SkbDst{};
  _nfct = nullptr;  // the free path put the reference (nf_reset_ct)
  _nfct_info = 0;
  nf_bridge = NfBridgeInfo{};
  next = nullptr;
}

SkbPtr::~SkbPtr() {
  // Every packet must end by name; a silently dropped handle is a bug.
  assert(!p_ && "SkBuff leaked without consume_skb/kfree_skb_reason");
  if (p_) kfree_skb_reason(SkbPtr(std::exchange(p_, nullptr)), DropReason::NOT_SPECIFIED);
}

void SkbQueue::purge() {
  while (SkbPtr s = pop_front()) kfree_skb_reason(std::move(s), DropReason::NOT_SPECIFIED);
}

SkbPool::~SkbPool() {
  for (SkBuff*& list : free_) {
    while (list) {
      SkBuff* n = list->next;
      ::operator delete(list->head);
      delete list;
      list = n;
    }
  }
}

SkbPtr SkbPool::alloc(uint32_t size) {
  const uint8_t cls = size + kSkbHeadroom <= kSkbSmall ? 0 : 1;
  const uint32_t cap = cls == 0 ? kSkbSmall : kSkbLarge;
  if (size + kSkbHeadroom > cap) return SkbPtr();
  SkBuff* s = free_[cls];
  if (s) {
    free_[cls] = s->next;
  } else {
    ++heap_allocs_;
    s = new SkBuff;
    s->head = static_cast<uint8_t*>(::operator new(cap));
    s->end = cap;
    s->pool = this;
    s->size_class = cls;
  }
  s->reset_meta();
  s->id = next_id_++;
  s->reserve(kSkbHeadroom);
  s->truesize = skb_truesize(size);
  ++in_use_;
  return SkbPtr(s);
}

void SkbPool::free(SkBuff* s) {
  --in_use_;
  s->next = free_[s->size_class];
  free_[s->size_class] = s;
}

uint32_t skb_truesize(uint32_t size) {
  constexpr uint32_t kCache = 64;           // SMP_CACHE_BYTES
  constexpr uint32_t kShinfo = 320;         // SKB_DATA_ALIGN(sizeof(struct skb_shared_info))
  constexpr uint32_t kSkbStruct = 256;      // SKB_DATA_ALIGN(sizeof(struct sk_buff))
  constexpr uint32_t kSmallHead = 576;      // SKB_SMALL_HEAD_CACHE_SIZE (measured on the oracle kernel)
  uint32_t obj = ((size + kCache - 1) & ~(kCache - 1)) + kShinfo;
  if (obj <= kSmallHead) {
    obj = kSmallHead;
  } else if (obj <= 8192) {  // kmalloc_size_roundup: 1k, 2k, 4k, 8k buckets above 512
    uint32_t b = 1024;
    while (b < obj) b <<= 1;
    obj = b;
  } else {  // kmalloc_large: whole pages, a power of two of them
    uint32_t b = 16384;
    while (b < obj) b <<= 1;
    obj = b;
  }
  return obj + kSkbStruct;
}

SkbPtr skb_copy(const SkBuff& s) { return skb_copy_expand(s, s.data_off); }

SkbPtr skb_copy_expand(const SkBuff& s, uint32_t headroom) {
  const uint32_t room = std::max(headroom, s.data_off);
  const uint32_t delta = room - s.data_off;  // how far everything moves back
  const uint32_t total = room + s.len;
  SkbPtr n = s.pool->alloc(std::max(s.len, total > kSkbHeadroom ? total - kSkbHeadroom : 0));
  if (!n) return n;
  SkBuff& d = *n;
  const uint64_t id = d.id;
  uint8_t* head = d.head;
  const uint32_t end = d.end;
  SkbPool* pool = d.pool;
  const uint8_t cls = d.size_class;
  d = s;
  d.head = head;
  d.end = end;
  d.pool = pool;
  d.size_class = cls;
  d.id = id;
  d.next = nullptr;
  if (d._nfct) nf_conntrack_get(d._nfct);  // __copy_skb_header's __nf_copy
  d.data_off = s.data_off + delta;
  for (uint16_t* h : {&d.mac_header, &d.network_header, &d.transport_header})
    if (*h != SkBuff::kNoHeader) *h = static_cast<uint16_t>(*h + delta);
  std::memcpy(d.head + delta, s.head, s.data_off + s.len);
  return n;
}

}  // namespace skbox
