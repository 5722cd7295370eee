// /proc/net/fib_trie and /proc/net/fib_triestat (fib_trie_seq_show,
// fib_triestat_seq_show): every table in hash walk order, a merged local
// table printing main's shared trie a second time, as Linux does.
#include <fmt/format.h>

#include "ipv4/fib.h"
#include "ipv4/fib_trie.h"

namespace skbox {

namespace {

// The kernel's struct sizes on x86-64, which the stats report and sum.
constexpr unsigned kLeafSize = 48, kTnodeSize = 40, kAliasSize = 56, kPointerSize = 8;

std::string table_name(uint32_t id) {
  if (id == RT_TABLE_LOCAL) return "Local:\n";
  if (id == RT_TABLE_MAIN) return "Main:\n";
  return fmt::format("Id {}:\n", id);
}

std::string rtn_scope(uint8_t s) {
  switch (s) {
    case RT_SCOPE_UNIVERSE: return "universe";
    case RT_SCOPE_SITE: return "site";
    case RT_SCOPE_LINK: return "link";
    case RT_SCOPE_HOST: return "host";
    case RT_SCOPE_NOWHERE: return "nowhere";
    default: return fmt::format("scope={}", s);
  }
}

std::string rtn_type(uint8_t t) {
  static constexpr const char* kNames[] = {"UNSPEC", "UNICAST", "LOCAL", "BROADCAST", "ANYCAST", "MULTICAST",
                                           "BLACKHOLE", "UNREACHABLE", "PROHIBIT", "THROW", "NAT", "XRESOLVE"};
  if (t < std::size(kNames)) return kNames[t];
  return fmt::format("type {}", t);
}

std::string indent(unsigned n) { return std::string(3 * n, ' '); }

}  // namespace

std::string fib_trie_seq_show(const Fib& fib) {
  std::string out;
  for (const FibTable* tb : fib.walk_order()) {
    tb->trie().walk([&](const TrieNode* n, unsigned depth) {
      if (trie::is_trie(n->parent)) out += table_name(tb->id());
      const Ipv4Addr key(n->key);
      if (!trie::is_leaf(n)) {
        out += fmt::format("{}  +-- {}/{} {} {} {}\n", indent(depth - 1), key.str(), 32 - n->pos - n->bits, n->bits,
                           n->full_children, n->empty_children);
        return;
      }
      out += fmt::format("{}  |-- {}\n", indent(depth), key.str());
      for (const auto& fa : n->leaf) {
        out += fmt::format("{}  /{} {} {}", indent(depth + 1), fa->plen, rtn_scope(fa->scope), rtn_type(fa->type));
        if (fa->tos) out += fmt::format(" tos={}", fa->tos);
        out += '\n';
      }
    });
  }
  return out;
}

std::string fib_triestat_seq_show(const Fib& fib) {
  std::string out = fmt::format("Basic info: size of leaf: {} bytes, size of tnode: {} bytes.\n", kLeafSize, kTnodeSize);
  for (const FibTable* tb : fib.walk_order()) {
    out += table_name(tb->id());
    // trie_show_stats
    const TrieStat s = tb->trie().stats();
    const unsigned avdepth = s.leaves ? s.totdepth * 100 / s.leaves : 0;
    out += fmt::format("\tAver depth:     {}.{:02}\n", avdepth / 100, avdepth % 100);
    out += fmt::format("\tMax depth:      {}\n", s.maxdepth);
    out += fmt::format("\tLeaves:         {}\n", s.leaves);
    out += fmt::format("\tPrefixes:       {}\n", s.prefixes);
    out += fmt::format("\tInternal nodes: {}\n\t", s.tnodes);
    unsigned bytes = kLeafSize * s.leaves + kAliasSize * s.prefixes + kTnodeSize * s.tnodes;
    unsigned max = 32;
    while (max > 0 && s.nodesizes[max - 1] == 0) --max;
    unsigned pointers = 0;
    for (unsigned i = 1; i < max; ++i) {
      if (!s.nodesizes[i]) continue;
      out += fmt::format("  {}: {}", i, s.nodesizes[i]);
      pointers += (1u << i) * s.nodesizes[i];
    }
    out += fmt::format("\n\tPointers: {}\n", pointers);
    bytes += kPointerSize * pointers;
    out += fmt::format("Null ptrs: {}\n", s.nullpointers);
    out += fmt::format("Total size: {}  kB\n", (bytes + 1023) / 1024);
  }
  return out;
}

}  // namespace skbox
