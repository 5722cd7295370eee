// SkBuff: one packet, like Linux's struct sk_buff — a pooled buffer with
// headroom, the offsets of each layer's header, and the metadata the stack
// keeps beside the bytes. SkbPtr is the only owner: a function that takes one
// must pass it on, queue it, consume_skb() it or kfree_skb_reason() it.
//
// Not modelled: paged fragments, shared (cloned) data, GSO segments; every
// SkBuff owns one linear buffer.
#pragma once
#include <cassert>
#include <cstdint>
#include <cstring>
#include <span>
#include <utility>

#include "core/drop_reason.h"
#include "core/time.h"
#include "wire/addr.h"

namespace skbox {

class NetDevice;
class SkbPool;
struct Sock;
struct NfConn;

// The skb's conntrack reference (nf_conntrack_get/put, defined in
// netfilter/nf_conntrack_core.cpp, as skbuff.c calls into conntrack).
void nf_conntrack_get(NfConn* ct);
void nf_conntrack_put(NfConn* ct);

// skb->ip_summed (include/linux/skbuff.h).
enum : uint8_t { CHECKSUM_NONE = 0, CHECKSUM_UNNECESSARY = 1, CHECKSUM_COMPLETE = 2, CHECKSUM_PARTIAL = 3 };

// skb->pkt_type (include/uapi/linux/if_packet.h).
enum class PktType : uint8_t { Host = 0, Broadcast = 1, Multicast = 2, OtherHost = 3, Outgoing = 4, Loopback = 5 };

// The route attached by ip_route_input/ip_route_output (skb_dst): where the
// packet goes next. Kept inline so no per-packet allocation is needed.
struct SkbDst {
  enum class Input : uint8_t { None, LocalDeliver, Forward, Error };
  Input input = Input::None;
  uint8_t rt_type = 0;        // RTN_* of the matching route
  bool has_gateway = false;
  NetDevice* dev = nullptr;   // output device
  Ipv4Addr gateway;           // next hop when has_gateway
  Ipv4Addr spec_dst;          // preferred source for replies (fib_compute_spec_dst)
  uint32_t mtu = 0;
  int error = 0;              // errno for Input::Error (EHOSTUNREACH, EACCES, ...)
  bool do_redirect = false;   // IPSKB_DOREDIRECT: forwarded back out its input link
  // rt_iif of an output route: the caller's oif, or for a local
  // destination the device owning it (the packet then comes back in on
  // lo but belongs to that device for sockets: inet_iif). 0: none.
  int iif = 0;
};

// struct nf_bridge_info (the SKB_EXT_BRIDGE_NF extension): what
// br_netfilter remembers of a bridged IPv4 packet while it runs the IPv4
// hooks for it (dev/br_netfilter.h). Inline instead of a refcounted
// extension, so a packet needs no allocation; a copy copies it, as a clone
// shares it until br_nf_forward_ip unshares it.
struct NfBridgeInfo {
  bool present = false;        // skb_ext_exist(skb, SKB_EXT_BRIDGE_NF)
  bool pkt_otherhost = false;  // pkt_type was PACKET_OTHERHOST before the IPv4 hooks
  bool in_prerouting = false;  // between br_nf_pre_routing and its finish
  bool bridged_dnat = false;   // on its way through br0's neighbour output (br_nf_dev_xmit)
  uint8_t orig_proto = 0;      // BRNF_PROTO_UNCHANGED (no VLAN/PPPoE modelled)
  int physinif = 0;            // the bridge port it came in on (by ifindex, as since 6.8)
  NetDevice* physoutdev = nullptr;  // the port it goes out of (set at NF_BR_FORWARD)
  uint32_t ipv4_daddr = 0;     // the destination before PREROUTING (to see DNAT)
  uint8_t neigh_header[8] = {};  // source MAC + ethertype saved across the neighbour output
};

struct SkBuff {
  // --- buffer (head .. end), data window [data, data+len) ---
  uint8_t* head = nullptr;
  uint32_t end = 0;
  uint32_t data_off = 0;
  uint32_t len = 0;
  static constexpr uint16_t kNoHeader = 0xffff;
  uint16_t mac_header = kNoHeader;
  uint16_t network_header = kNoHeader;
  uint16_t transport_header = kNoHeader;

  // --- metadata (sk_buff fields) ---
  NetDevice* dev = nullptr;
  int skb_iif = 0;
  uint16_t protocol = 0;  // ethertype, host order
  PktType pkt_type = PktType::Host;
  uint8_t ip_summed = 0;  // CHECKSUM_*
  // skb->nf_trace: set by the TRACE target; ipt_do_table logs each rule
  // the packet matches while it is set. skb_scrub_packet clears it.
  uint8_t nf_trace : 1 = 0;
  uint32_t mark = 0;
  // What the kernel's buffer would cost (skb->truesize): charged to socket
  // receive buffers and reassembly memory. See skb_truesize().
  uint32_t truesize = 0;
  uint32_t priority = 0;
  uint32_t hash = 0;
  Time tstamp = 0;
  Sock* sk = nullptr;
  SkbDst dst;
  // skb->_nfct: a counted reference to the packet's connection, and the
  // ctinfo Linux keeps in its low bits (IP_CT_*; IP_CT_UNTRACKED with no
  // connection for NOTRACK). See netfilter/nf_conntrack.h.
  NfConn* _nfct = nullptr;
  uint8_t _nfct_info = 0;
  NfBridgeInfo nf_bridge;
  uint64_t id = 0;  // tracer's packet number

  // --- pool bookkeeping ---
  SkBuff* next = nullptr;  // intrusive queue link
  SkbPool* pool = nullptr;
  uint8_t size_class = 0;

  uint8_t* data() { return head + data_off; }
  const uint8_t* data() const { return head + data_off; }
  std::span<uint8_t> bytes() { return {data(), len}; }
  uint32_t headroom() const { return data_off; }
  uint32_t tailroom() const { return end - data_off - len; }

  void reserve(uint32_t n) {
    assert(len == 0 && n <= end);
    data_off += n;
  }
  // Grows the data window at the tail; returns the new bytes.
  uint8_t* put(uint32_t n) {
    assert(n <= tailroom());
    uint8_t* p = data() + len;
    len += n;
    return p;
  }
  // Grows the data window at the head (adding a header); returns new data().
  uint8_t* push(uint32_t n) {
    assert(n <= data_off);
    data_off -= n;
    len += n;
    return data();
  }
  // Shrinks at the head (consuming a header); false if too short.
  bool pull(uint32_t n) {
    if (n > len) return false;
    data_off += n;
    len -= n;
    return true;
  }
  void trim(uint32_t new_len) {
    if (new_len < len) len = new_len;
  }
  bool may_pull(uint32_t n) const { return n <= len; }

  void reset_network_header() { network_header = static_cast<uint16_t>(data_off); }
  void reset_transport_header() { transport_header = static_cast<uint16_t>(data_off); }
  void reset_mac_header() { mac_header = static_cast<uint16_t>(data_off); }
  uint8_t* network_ptr() { return head + network_header; }
  uint8_t* transport_ptr() { return head + transport_header; }
  uint8_t* mac_ptr() { return head + mac_header; }
  // Bytes from the network header to the end of data.
  uint32_t network_len() const { return data_off + len - network_header; }
  uint32_t transport_len() const { return data_off + len - transport_header; }
  uint32_t transport_offset() const { return transport_header - network_header; }

  // Clears metadata for reuse (the pool calls this).
  void reset_meta();
};

// nf_reset_ct: drops the packet's conntrack reference (skb_scrub_packet,
// the free path, a socket taking the packet).
inline void nf_reset_ct(SkBuff& skb) {
  if (skb._nfct) nf_conntrack_put(skb._nfct);
  skb._nfct = nullptr;
  skb._nfct_info = 0;
}

// skb_ext_reset: a packet leaving its namespace's stack (skb_scrub_packet)
// forgets br_netfilter's state.
inline void skb_ext_reset(SkBuff& skb) { skb.nf_bridge = NfBridgeInfo{}; }

class SkbPtr {
 public:
  SkbPtr() = default;
  explicit SkbPtr(SkBuff* p) : p_(p) {}
  SkbPtr(SkbPtr&& o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
  SkbPtr& operator=(SkbPtr&& o) noexcept {
    assert(!p_ && "overwriting a live skb leaks it");
    p_ = std::exchange(o.p_, nullptr);
    return *this;
  }
  SkbPtr(const SkbPtr&) = delete;
  SkbPtr& operator=(const SkbPtr&) = delete;
  ~SkbPtr();

  SkBuff* get() const { return p_; }
  SkBuff* operator->() const { return p_; }
  SkBuff& operator*() const { return *p_; }
  explicit operator bool() const { return p_ != nullptr; }
  SkBuff* release() { return std::exchange(p_, nullptr); }

 private:
  SkBuff* p_ = nullptr;
};

// FIFO of packets linked through SkBuff::next (sk_buff_head).
class SkbQueue {
 public:
  SkbQueue() = default;
  SkbQueue(const SkbQueue&) = delete;
  SkbQueue& operator=(const SkbQueue&) = delete;
  ~SkbQueue() { purge(); }

  void push_back(SkbPtr skb) {
    SkBuff* s = skb.release();
    s->next = nullptr;
    bytes_ += s->len;
    if (tail_) tail_->next = s; else head_ = s;
    tail_ = s;
    ++len_;
  }
  SkbPtr pop_front() {
    SkBuff* s = head_;
    if (!s) return SkbPtr();
    head_ = s->next;
    if (!head_) tail_ = nullptr;
    s->next = nullptr;
    --len_;
    bytes_ -= s->len;
    return SkbPtr(s);
  }
  SkBuff* front() const { return head_; }
  uint32_t size() const { return len_; }
  uint64_t bytes() const { return bytes_; }
  bool empty() const { return len_ == 0; }
  // Frees every queued packet as consumed-without-delivery (skb_queue_purge).
  void purge();
  // Removes the packets for which pred is true and drops them with `reason`.
  template <class Pred>
  void drop_if(Pred pred, DropReason reason);

 private:
  SkBuff* head_ = nullptr;
  SkBuff* tail_ = nullptr;
  uint32_t len_ = 0;
  uint64_t bytes_ = 0;
};

// Buffer sizes: class 0 holds an Ethernet frame of MTU 1500 with headroom;
// class 1 anything up to a 64 KiB IP datagram plus link headers.
constexpr uint32_t kSkbSmall = 2048;
constexpr uint32_t kSkbLarge = 65536 + 512;
constexpr uint32_t kSkbHeadroom = 128;  // room for link + encapsulation headers

// Free lists of SkBuffs with their buffers. Memory is taken from the heap only
// when a free list is empty, i.e. during warm-up.
class SkbPool {
 public:
  SkbPool() = default;
  SkbPool(const SkbPool&) = delete;
  SkbPool& operator=(const SkbPool&) = delete;
  ~SkbPool();

  // A packet with `size` bytes of room after kSkbHeadroom of headroom.
  SkbPtr alloc(uint32_t size);
  void free(SkBuff* s);
  uint64_t heap_allocations() const { return heap_allocs_; }
  uint64_t in_use() const { return in_use_; }

 private:
  SkBuff* free_[2] = {nullptr, nullptr};
  uint64_t heap_allocs_ = 0;
  uint64_t in_use_ = 0;
  uint64_t next_id_ = 1;
};

// skb->truesize of a linear skb from __alloc_skb(size) on x86_64: the
// head is size rounded to a cache line plus struct skb_shared_info, taken
// from the small-head cache or rounded up to a kmalloc bucket, plus struct
// sk_buff itself.
uint32_t skb_truesize(uint32_t size);

// The two ways a packet ends (Linux: consume_skb / kfree_skb_reason). Both
// are defined in src/net/skb_free.cpp, which counts drops per namespace and
// reports them to the tracer.
void consume_skb(SkbPtr skb);
void kfree_skb_reason(SkbPtr skb, DropReason reason);

// Pool-global copy of a packet (skb_copy): new buffer, same metadata.
SkbPtr skb_copy(const SkBuff& s);
// skb_copy_expand: the same copy with at least `headroom` bytes in front of
// the data (header offsets follow), for a packet that needs more room for
// headers than its buffer has (skb_cow_head / skb_realloc_headroom).
SkbPtr skb_copy_expand(const SkBuff& s, uint32_t headroom);

template <class Pred>
void SkbQueue::drop_if(Pred pred, DropReason reason) {
  SkBuff* keep_head = nullptr;
  SkBuff* keep_tail = nullptr;
  SkBuff* s = head_;
  head_ = tail_ = nullptr;
  len_ = 0;
  bytes_ = 0;
  while (s) {
    SkBuff* n = s->next;
    s->next = nullptr;
    if (pred(*s)) {
      kfree_skb_reason(SkbPtr(s), reason);
    } else {
      if (keep_tail) keep_tail->next = s; else keep_head = s;
      keep_tail = s;
      ++len_;
      bytes_ += s->len;
    }
    s = n;
  }
  head_ = keep_head;
  tail_ = keep_tail;
}

}  // namespace skbox
