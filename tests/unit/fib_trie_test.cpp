// The LC-trie after random insert/delete sequences: every structural
// invariant of net/ipv4/fib_trie.c holds at every node (parent links, child
// indexes, empty/full child counts, suffix lengths, alias order), and the
// backtracking lookup equals a brute-force longest-prefix match. The shape
// itself is compared with the kernel's /proc/net/fib_trie by the
// fib_trie_* scenarios.
#include "ipv4/fib_trie.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/rng.h"
#include "ipv4/devinet.h"
#include "ipv4/fib.h"

namespace skbox {
namespace {

using trie::child_length;
using trie::get_index;
using trie::is_leaf;

uint8_t slen_of(const FibRoute& r) { return static_cast<uint8_t>(32 - r.plen); }

// Checks n's subtree; returns the largest suffix length found in it.
void check_node(const TrieNode* n, const TrieNode* parent, unsigned long index, size_t* prefixes) {
  ASSERT_EQ(n->parent, parent);
  if (!trie::is_trie(parent)) {
    EXPECT_EQ(get_index(n->key, parent), index);
  }
  if (is_leaf(n)) {
    ASSERT_FALSE(n->leaf.empty());
    *prefixes += n->leaf.size();
    EXPECT_EQ(n->slen, slen_of(*n->leaf.back()));
    for (size_t i = 0; i < n->leaf.size(); ++i) {
      const FibRoute& a = *n->leaf[i];
      EXPECT_EQ(a.dst.v, n->key);
      EXPECT_EQ(a.dst.v & inet_make_mask(a.plen), a.dst.v);
      if (i == 0) continue;
      const FibRoute& p = *n->leaf[i - 1];
      // fib_find_alias order: prefix length, table id, tos, priority.
      auto rank = [](const FibRoute& r) {
        return std::make_tuple(32 - r.plen, ~r.table, uint8_t(~r.tos), r.priority);
      };
      EXPECT_LE(rank(p), rank(a));
    }
    return;
  }
  EXPECT_LE(n->pos + n->bits, 32);
  if (n->pos + n->bits < 32) {
    EXPECT_EQ(n->key & ((1ull << (n->pos + n->bits)) - 1), 0u);
  }
  uint32_t empty = 0, full = 0;
  uint8_t slen = n->pos;
  for (unsigned long i = 0; i < child_length(n); ++i) {
    const TrieNode* c = n->tnode()[i];
    if (!c) {
      ++empty;
      continue;
    }
    // A child shares every key bit above this node's index bits.
    const unsigned shift = n->pos + n->bits;
    if (shift < 32) {
      EXPECT_EQ(c->key >> shift, n->key >> shift);
    }
    EXPECT_LE(c->pos + c->bits, n->pos);
    if (!is_leaf(c) && c->pos + c->bits == n->pos) ++full;
    slen = std::max(slen, c->slen);
    check_node(c, n, i, prefixes);
  }
  EXPECT_GE(child_length(n) - empty, 2u) << "a one-child tnode should have collapsed";
  EXPECT_EQ(n->empty_children, empty);
  EXPECT_EQ(n->full_children, full);
  // An upper bound: fib_remove_alias pulls the suffix before unlinking an
  // emptied leaf, so Linux leaves it stale there too.
  EXPECT_GE(n->slen, slen);
}

void check_trie(const FibTable& t, size_t expect_prefixes) {
  const TrieNode* kv = t.trie().kv();
  size_t prefixes = 0;
  if (const TrieNode* top = kv->tnode()[0]) check_node(top, kv, 0, &prefixes);
  EXPECT_EQ(prefixes, expect_prefixes);
}

struct Pfx {
  uint32_t dst;
  int plen;
  bool operator<(const Pfx& o) const { return dst != o.dst ? dst < o.dst : plen < o.plen; }
};

FibRoute make_route(const Pfx& p, uint32_t metric) {
  FibRoute r;
  r.dst = Ipv4Addr(p.dst);
  r.plen = static_cast<uint8_t>(p.plen);
  r.priority = metric;
  r.nhs.emplace_back();
  return r;
}

TEST(FibTrie, RandomChurnKeepsInvariantsAndLongestPrefixMatch) {
  Rng rng(42);
  FibTable t(RT_TABLE_MAIN);
  std::map<Pfx, int> present;  // prefix -> alias count (metrics 0..count-1)
  static const int kLens[] = {0, 1, 3, 8, 8, 12, 16, 16, 18, 20, 22, 24, 24, 24, 25, 28, 30, 31, 32, 32};
  auto random_pfx = [&] {
    const int plen = kLens[rng.next_u64() % std::size(kLens)];
    uint32_t a = static_cast<uint32_t>(rng.next_u64());
    if (rng.next_u64() % 2) a = (a & 0x0003ffffu) | 0x0a000000u;  // crowd one /14
    return Pfx{a & inet_make_mask(plen), plen};
  };
  for (int round = 0; round < 30; ++round) {
    for (int i = 0; i < 300; ++i) {
      if (!present.empty() && rng.next_u64() % 100 < 40) {
        auto it = present.begin();
        std::advance(it, static_cast<long>(rng.next_u64() % present.size()));
        FibConfig c = FibConfig::for_delete();
        c.dst = Ipv4Addr(it->first.dst);
        c.dst_len = static_cast<uint8_t>(it->first.plen);
        c.priority = static_cast<uint32_t>(it->second - 1);
        ASSERT_TRUE(t.remove(c).has_value());
        if (--it->second == 0) present.erase(it);
      } else {
        Pfx p = random_pfx();
        int& n = present[p];
        ASSERT_TRUE(t.insert(make_route(p, static_cast<uint32_t>(n)), NLM_F_CREATE | NLM_F_EXCL).has_value());
        ++n;
      }
    }
    size_t total = 0;
    for (auto& [p, n] : present) total += static_cast<size_t>(n);
    check_trie(t, total);
    ASSERT_EQ(t.size(), total);
    // Longest prefix match, lowest metric within it.
    for (int i = 0; i < 2000; ++i) {
      uint32_t a = static_cast<uint32_t>(rng.next_u64());
      if (i % 2) a = (a & 0x0003ffffu) | 0x0a000000u;
      const Pfx* best = nullptr;
      for (int plen = 32; plen >= 0 && !best; --plen) {
        auto it = present.find(Pfx{a & inet_make_mask(plen), plen});
        if (it != present.end()) best = &it->first;
      }
      Flowi4 fl;
      fl.daddr = Ipv4Addr(a);
      const FibRoute* r = t.lookup(fl);
      if (!best) {
        EXPECT_EQ(r, nullptr);
        continue;
      }
      ASSERT_NE(r, nullptr);
      EXPECT_EQ(r->dst.v, best->dst);
      EXPECT_EQ(r->plen, best->plen);
      EXPECT_EQ(r->priority, 0u);
    }
  }
  // Flushing everything leaves an empty trie.
  EXPECT_GT(t.remove_if([](const FibRoute&) { return true; }), 0u);
  EXPECT_EQ(t.trie().kv()->tnode()[0], nullptr);
}

// A leaf's aliases that do not fit the flow send the lookup back to
// shorter prefixes (the kernel's backtrace), here via tos.
TEST(FibTrie, AliasMissBacktracksToShorterPrefix) {
  FibTable t(RT_TABLE_MAIN);
  FibRoute wide = make_route({0x0a000000u, 8}, 0);
  FibRoute narrow = make_route({0x0a010200u, 24}, 0);
  narrow.tos = 0x10;
  ASSERT_TRUE(t.insert(wide, NLM_F_CREATE).has_value());
  ASSERT_TRUE(t.insert(narrow, NLM_F_CREATE).has_value());
  Flowi4 fl;
  fl.daddr = Ipv4Addr(0x0a010203u);
  EXPECT_EQ(t.lookup(fl)->plen, 8);
  fl.tos = 0x10;
  EXPECT_EQ(t.lookup(fl)->plen, 24);
}

}  // namespace
}  // namespace skbox

namespace skbox {
namespace {

// A table large enough for its compiled copy answers every plain lookup as
// the trie walk does, through incremental inserts/deletes/replaces, alias
// runs (metrics, tos, reject types) and next-hop state changes.
#if defined(__SANITIZE_ADDRESS__)
constexpr int kRounds = 3, kCompares = 1000;  // each round rebuilds the copy
#else
constexpr int kRounds = 20, kCompares = 3000;
#endif

TEST(FibTrie, CompiledCopyAnswersLikeTheWalk) {
  Rng rng(7);
  FibTable t(RT_TABLE_MAIN);
  std::vector<Pfx> present;
  auto random_pfx = [&] {
    static const int kLens[] = {8, 12, 16, 18, 20, 22, 24, 24, 24, 25, 28, 32};
    const int plen = kLens[rng.next_u64() % std::size(kLens)];
    const uint32_t a = (static_cast<uint32_t>(rng.next_u64()) & 0x00ffffffu) | 0x0a000000u;
    return Pfx{a & inet_make_mask(plen), plen};
  };
  auto make = [&](const Pfx& p) {
    FibRoute r = make_route(p, static_cast<uint32_t>(rng.next_u64() % 3));
    const uint64_t k = rng.next_u64() % 16;
    if (k == 0) r.tos = 0x10;
    if (k == 1) {
      r.type = RTN_BLACKHOLE;
      r.nhs.clear();
    }
    if (k == 2) {
      r.type = RTN_THROW;
      r.nhs.clear();
    }
    if (k == 3) r.nhs.emplace_back();  // multipath
    return r;
  };
  while (present.size() < 20000) {
    Pfx p = random_pfx();
    if (t.insert(make(p), NLM_F_CREATE | NLM_F_APPEND).has_value()) present.push_back(p);
  }
  auto compare = [&](int n) {
    for (int i = 0; i < n; ++i) {
      Flowi4 fl;
      fl.daddr = Ipv4Addr((static_cast<uint32_t>(rng.next_u64()) & 0x00ffffffu) | 0x0a000000u);
      FibResult fast, slow;
      const int e1 = t.table_lookup(fl, fast);
      const int e2 = t.table_lookup(fl, slow, FIB_LOOKUP_TRIE_ONLY);
      ASSERT_EQ(e1, e2) << fl.daddr.str();
      if (e1 == -EAGAIN) continue;
      ASSERT_EQ(fast.route, slow.route) << fl.daddr.str();
      ASSERT_EQ(fast.nh, slow.nh);
      ASSERT_EQ(fast.nh_sel, slow.nh_sel);
      ASSERT_EQ(fast.prefixlen, slow.prefixlen);
      ASSERT_EQ(fast.type, slow.type);
      ASSERT_EQ(fast.scope, slow.scope);
      ASSERT_EQ(fast.table, slow.table);
    }
  };
  compare(20000);
  for (int round = 0; round < kRounds; ++round) {
    for (int i = 0; i < 200; ++i) {
      const uint64_t op = rng.next_u64() % 10;
      if (op < 4 && !present.empty()) {
        const size_t at = rng.next_u64() % present.size();
        FibConfig c = FibConfig::for_delete();
        c.dst = Ipv4Addr(present[at].dst);
        c.dst_len = static_cast<uint8_t>(present[at].plen);
        c.tos = 0;
        if (t.remove(c).has_value()) {
          present[at] = present.back();
          present.pop_back();
        }
      } else if (op < 5 && !present.empty()) {
        const Pfx p = present[rng.next_u64() % present.size()];
        (void)t.insert(make(p), NLM_F_CREATE | NLM_F_REPLACE);
      } else {
        Pfx p = random_pfx();
        if (t.insert(make(p), NLM_F_CREATE | (op < 8 ? uint32_t(NLM_F_APPEND) : 0u)).has_value()) present.push_back(p);
      }
    }
    compare(kCompares);
    // Next hops die and come back, as fib_sync_down_dev/fib_sync_up do.
    const bool kill = round % 2 == 0;
    t.for_each_route([&](FibRoute& r) {
      for (FibNh& nh : r.nhs) {
        if (kill && rng.next_u64() % 8 == 0) nh.flags |= RTNH_F_DEAD;
        if (!kill) nh.flags &= static_cast<uint8_t>(~RTNH_F_DEAD);
      }
    });
    compare(kCompares);
  }
}

}  // namespace
}  // namespace skbox
