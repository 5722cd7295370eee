// The level-compressed trie behind every IPv4 routing table
// (net/ipv4/fib_trie.c). A leaf holds the aliases (routes) whose prefix
// starts at its key, ordered by prefix length (longest first), then table
// id (descending), tos (descending) and priority (ascending). An internal
// node ("tnode") of `bits` bits indexes its 2^bits children by key bits
// [pos, pos + bits). Nodes inflate and halve with the kernel's thresholds
// so that /proc/net/fib_trie prints the shape Linux prints for the same
// sequence of changes.
//
// Without policy rules the local table shares main's trie (fib_new_table's
// alias), so lookups span both and /proc/net/fib_trie shows it twice.
//
// A large trie (a full Internet table) also keeps a compiled copy
// (fib_poptrie.h) that answers plain lookups (no tos, oif, scope or flags)
// in a few loads instead of a pointer walk; inserts and deletes update it
// in place, next-hop state changes drop it until the next lookup rebuilds
// it. It is skbox's own addition and changes no answer.
// Not modelled: RCU (changes and lookups never overlap here), per-CPU use
// statistics (CONFIG_IP_FIB_TRIE_STATS is off in distribution kernels).
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace skbox {

struct FibRoute;
class FibPoptrie;

// struct key_vector and its struct tnode header, in one allocation with
// the child array right after it for internal nodes.
struct TrieNode {
  uint32_t key = 0;
  uint8_t pos = 0;   // lowest key bit this node indexes on
  uint8_t bits = 0;  // 0: a leaf
  uint8_t slen = 0;  // longest suffix (32 - shortest prefix) below
  TrieNode* parent = nullptr;
  uint32_t empty_children = 0;  // tnode only
  uint32_t full_children = 0;
  std::vector<std::unique_ptr<FibRoute>> leaf;  // leaf only: the aliases
  // leaf[0], kept here so a lookup reaches the usual single alias without
  // loading the vector's own storage first.
  FibRoute* fa0 = nullptr;

  TrieNode** tnode() { return reinterpret_cast<TrieNode**>(this + 1); }
  TrieNode* const* tnode() const { return reinterpret_cast<TrieNode* const*>(this + 1); }
};

// What /proc/net/fib_triestat counts (struct trie_stat).
struct TrieStat {
  unsigned totdepth = 0, maxdepth = 0, tnodes = 0, leaves = 0, nullpointers = 0, prefixes = 0;
  unsigned nodesizes[32] = {};
};

// struct trie: kv is the pseudo-node above the top (pos 32, one child).
class Trie {
 public:
  Trie();
  ~Trie();
  Trie(const Trie&) = delete;
  Trie& operator=(const Trie&) = delete;

  TrieNode* kv() { return kv_; }
  const TrieNode* kv() const { return kv_; }
  // fib_find_node: the leaf whose key is exactly key, or null; *tp gets the
  // node under which it is (or would be) linked.
  TrieNode* find_node(uint32_t key, TrieNode** tp) const;
  // fib_insert_alias (fa: insert before it; null: at the end of its
  // prefix length's section); l: the key's leaf, or null to make one.
  void insert_alias(TrieNode* tp, TrieNode* l, std::unique_ptr<FibRoute> fa, const FibRoute* before, uint32_t key);
  // fib_remove_alias: unlinks l->leaf[i], freeing l when it empties.
  std::unique_ptr<FibRoute> remove_alias(TrieNode* tp, TrieNode* l, size_t i);
  // The reverse walk of fib_table_flush: drops every alias for which
  // drop(alias) holds, fixing suffixes and resizing each node on the way
  // up. Returns the aliases removed.
  std::vector<std::unique_ptr<FibRoute>> flush(const std::function<bool(const FibRoute&)>& drop);

  // Leaves in key order (the order of every dump).
  template <class Fn>
  void for_each_leaf(Fn fn) const;
  // Pre-order walk as fib_trie_get_next does: fn(node, depth).
  template <class Fn>
  void walk(Fn fn) const;
  TrieStat stats() const;
  size_t aliases() const { return aliases_; }
  // Bytes the structure allocates (nodes, child arrays, alias slots).
  size_t memory_bytes() const;

 private:
  friend class FibTable;
  TrieNode* kv_;
  size_t aliases_ = 0;
  // The compiled copy lookups of plain flows use once the trie is large
  // (FibTable::table_lookup); null until built, dropped when a change it
  // cannot follow incrementally happens.
  mutable std::unique_ptr<FibPoptrie> fast_;
  // Set when a build found a linkdown next hop: whether such a hop counts
  // depends on a sysctl no change event reports, so until the next state
  // event lookups stay on the trie.
  mutable bool fast_blocked_ = false;
  void drop_fast();

  void insert_node(TrieNode* tp, std::unique_ptr<FibRoute> fa, uint32_t key);
  void rebalance(TrieNode* tn);
  TrieNode* resize(TrieNode* tn);
  TrieNode* inflate(TrieNode* oldtnode);
  TrieNode* halve(TrieNode* oldtnode);
  TrieNode* collapse(TrieNode* oldtnode);
  TrieNode* replace(TrieNode* oldtnode, TrieNode* tn, std::vector<TrieNode*>& dead);
};

class Fib;
// /proc/net/fib_trie and /proc/net/fib_triestat of a namespace.
std::string fib_trie_seq_show(const Fib& fib);
std::string fib_triestat_seq_show(const Fib& fib);

// The helpers the templates below and fib_trie.cpp share.
namespace trie {
constexpr unsigned kKeyLength = 32;
inline bool is_trie(const TrieNode* n) { return n->pos >= kKeyLength; }
inline bool is_leaf(const TrieNode* n) { return n->bits == 0; }
inline unsigned long child_length(const TrieNode* n) { return (1ul << n->bits) & ~1ul; }
inline unsigned long get_index(uint32_t key, const TrieNode* kv) {
  return static_cast<unsigned long>(key ^ kv->key) >> kv->pos;
}
}  // namespace trie

template <class Fn>
void Trie::walk(Fn fn) const {
  // fib_trie_get_first / fib_trie_get_next
  const TrieNode* pn = kv_;
  const TrieNode* n = kv_->tnode()[0];
  if (!n) return;
  unsigned depth = 0;
  unsigned long cindex = 0;
  if (!trie::is_leaf(n)) {
    pn = n;
    depth = 1;
  }
  fn(n, depth);
  while (!trie::is_trie(pn)) {
    bool found = false;
    while (cindex < trie::child_length(pn)) {
      const TrieNode* c = pn->tnode()[cindex++];
      if (!c) continue;
      if (trie::is_leaf(c)) {
        fn(c, depth);
      } else {
        pn = c;
        cindex = 0;
        ++depth;
        fn(c, depth);
      }
      found = true;
      break;
    }
    if (found) continue;
    uint32_t pkey = pn->key;
    pn = pn->parent;
    cindex = trie::get_index(pkey, pn) + 1;
    --depth;
  }
}

template <class Fn>
void Trie::for_each_leaf(Fn fn) const {
  walk([&](const TrieNode* n, unsigned) {
    if (trie::is_leaf(n)) fn(n);
  });
}

}  // namespace skbox
