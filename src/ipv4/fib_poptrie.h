// A compiled, read-optimised copy of one FibTable for the IPv4 fast path:
// Poptrie (Asai & Ohara, SIGCOMM 2015). The top 18 bits of the address index
// a direct-pointing array; below it, nodes of stride 6 keep two 64-bit maps
// (which children are nodes, where runs of equal leaves start) and find a
// child by popcount, so a lookup is at most four dependent loads with no
// branch on prefix structure. Leaves hold an answer index (0 = no route); the
// side array holds, per prefix, the whole answer fib_table_lookup gives a
// plain flow (route, next hop, type, scope, length, error), so the fast path
// reads one more entry and never the route itself.
//
// It answers what the trie walk (FibTable::table_lookup with
// FIB_LOOKUP_TRIE_ONLY) answers for a flow that only sets daddr (tos 0,
// scope universe, no oif); a large FibTable keeps one as its fast path. The side array holds the table's route
// pointers, so every table change must be followed by update() for its
// prefix before the next lookup; update() recompiles only the /18 slots the
// prefix covers (a changed alias of a present prefix only swaps a pointer).
// Node and leaf blocks live in flat arrays, so lookup never allocates.
#pragma once
#include <bit>
#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

#include "core/huge_page_allocator.h"
#include "ipv4/fib.h"

namespace skbox {

class FibPoptrie {
 public:
  static constexpr int kDirBits = 18;
  static constexpr int kStride = 6;

  FibPoptrie();
  // Compiles t from scratch.
  void build(const FibTable& t);
  // Re-reads prefix dst/plen from t (added, removed or its aliases changed)
  // and recompiles the slots it covers.
  void update(const FibTable& t, Ipv4Addr dst, int plen);

  // Route index of the longest match for daddr, 0 when none.
  uint32_t lookup_index(uint32_t daddr) const {
    const uint32_t e = dir_[daddr >> (32 - kDirBits)];
    if (e & kLeafBit) return e & ~kLeafBit;
    const Node* n = &nodes_.v[e];
    // The address sits in the top half of key so a stride may run past bit
    // 31 (the last level reads two real bits and four zero bits).
    const uint64_t key = uint64_t(daddr) << 32;
    int off = kDirBits;
    for (;;) {
      const uint64_t bit = uint64_t(1) << ((key >> (64 - kStride - off)) & 63);
      const uint64_t upto = bit | (bit - 1);
      if (!(n->vector & bit)) return leaves_.v[n->base0 + std::popcount(n->leafvec & upto) - 1];
      n = &nodes_.v[n->base1 + std::popcount(n->vector & upto) - 1];
      off += kStride;
    }
  }
  const FibPlainAnswer& answer(Ipv4Addr daddr) const { return answers_[lookup_index(daddr.v)]; }
  const FibRoute* lookup(Ipv4Addr daddr) const { return answer(daddr).route; }

  size_t prefixes() const { return top_.size() + deep_count_; }
  // Bytes of the arrays lookup reads (direct table, nodes, leaves, routes).
  size_t lookup_bytes() const;
  // Bytes kept only for updates (the prefix lists recompilation reads).
  size_t shadow_bytes() const;
  size_t node_count() const { return nodes_.v.size() - nodes_.free_total; }
  size_t leaf_count() const { return leaves_.v.size() - leaves_.free_total; }

 private:
  static constexpr uint32_t kLeafBit = 0x80000000u;
  static constexpr uint32_t kSlots = 1u << kDirBits;

  struct Node {
    uint64_t vector = 0;   // bit c: child c is a node
    uint64_t leafvec = 0;  // bit c: a run of equal leaf children starts at c
    uint32_t base0 = 0;    // first leaf of this node's leaf block
    uint32_t base1 = 0;    // first node of this node's child block
  };
  // A prefix longer than the direct-pointing slot (kept per slot).
  struct Deep {
    uint32_t dst;
    uint32_t index;
    uint8_t plen;
  };

  // Blocks of 1..64 entries with exact-size free lists, so recompiling a slot
  // reuses the holes the old version left.
  template <class T>
  struct Pool {
    std::vector<T, HugePageAllocator<T>> v;
    std::vector<uint32_t> free[65];
    size_t free_total = 0;
    uint32_t alloc(uint32_t n);
    void release(uint32_t at, uint32_t n);
    void clear();
  };

  // Index for a prefix's answer; indices are per prefix and recycled.
  uint32_t new_index(const FibPlainAnswer& a);
  // Recompiles slot s from its default (longest match of length <= 18) and
  // its deep prefixes.
  void compile_slot(uint32_t s);
  void build_node(uint32_t at, uint32_t base, int len, uint32_t def, const Deep* first, const Deep* last);
  void free_subtree(uint32_t at);
  // Recomputes top_def_ for the slots dst/plen (plen <= 18) covers and
  // recompiles those whose default changed (all of them with force).
  void repaint_top(uint32_t dst, int plen, bool force);

  std::vector<uint32_t, HugePageAllocator<uint32_t>> dir_;  // kSlots entries: node index or kLeafBit|route index
  Pool<Node> nodes_;
  Pool<uint32_t> leaves_;
  std::vector<FibPlainAnswer, HugePageAllocator<FibPlainAnswer>> answers_;  // index -> answer; [0]: no route
  std::vector<uint32_t> free_index_;

  // Source of truth for recompilation: prefixes with an answer.
  std::map<uint64_t, uint32_t> top_;        // (dst << 8 | plen) -> index, plen <= 18
  std::vector<uint32_t> top_def_;           // per slot: index of its longest top_ match
  std::vector<std::vector<Deep>> deep_;     // per slot: plen > 18, sorted by (dst, plen)
  size_t deep_count_ = 0;
};

}  // namespace skbox
