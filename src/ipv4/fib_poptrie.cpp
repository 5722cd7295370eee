// Poptrie compilation: painting prefixes onto the direct-pointing slots and
// the stride-6 nodes below them, with leaf runs compressed.
#include "ipv4/fib_poptrie.h"

#include <algorithm>

#include "ipv4/fib_trie.h"

namespace skbox {

namespace {
constexpr int kSlotShift = 32 - FibPoptrie::kDirBits;

uint64_t top_key(uint32_t dst, int plen) { return (uint64_t(dst) << 8) | uint32_t(plen); }

// Which child of a node whose children start after bit len holds address a
// (the same extraction lookup_index does).
unsigned child_of(uint32_t a, int len) {
  return unsigned(((uint64_t(a) << 32) >> (64 - FibPoptrie::kStride - len)) & 63);
}
}  // namespace

template <class T>
uint32_t FibPoptrie::Pool<T>::alloc(uint32_t n) {
  if (!free[n].empty()) {
    const uint32_t at = free[n].back();
    free[n].pop_back();
    free_total -= n;
    return at;
  }
  const auto at = static_cast<uint32_t>(v.size());
  v.resize(v.size() + n);
  return at;
}

template <class T>
void FibPoptrie::Pool<T>::release(uint32_t at, uint32_t n) {
  free[n].push_back(at);
  free_total += n;
}

template <class T>
void FibPoptrie::Pool<T>::clear() {
  v.clear();
  for (auto& f : free) f.clear();
  free_total = 0;
}

FibPoptrie::FibPoptrie()
    : dir_(kSlots, kLeafBit), answers_(1), top_def_(kSlots, 0), deep_(kSlots) {}

uint32_t FibPoptrie::new_index(const FibPlainAnswer& a) {
  if (!free_index_.empty()) {
    const uint32_t i = free_index_.back();
    free_index_.pop_back();
    answers_[i] = a;
    return i;
  }
  answers_.push_back(a);
  return static_cast<uint32_t>(answers_.size() - 1);
}

void FibPoptrie::build(const FibTable& t) {
  dir_.assign(kSlots, kLeafBit);
  nodes_.clear();
  leaves_.clear();
  answers_.assign(1, FibPlainAnswer{});
  free_index_.clear();
  top_.clear();
  top_def_.assign(kSlots, 0);
  for (auto& d : deep_) d.clear();
  deep_count_ = 0;

  // One answer per prefix: the alias FibTable::lookup would stop at, or none
  // (the lookup then backs off to a shorter prefix, as a missing one does).
  // The trie's leaves, not dump(): a local table merged into main's trie
  // answers main's lookups too.
  t.trie().for_each_leaf([&](const TrieNode* l) {
    uint64_t seen = 0;  // prefix lengths of this key already done
    for (const auto& fa : l->leaf) {
      const int plen = fa->plen;
      if (seen & (uint64_t(1) << plen)) continue;
      seen |= uint64_t(1) << plen;
      const uint32_t dst = fa->dst.v;
      Flowi4 fl;
      fl.daddr = Ipv4Addr(dst);
      const FibPlainAnswer a = t.plain_answer(fl, plen);
      if (!a.route) continue;
      const uint32_t idx = new_index(a);
      if (plen <= kDirBits) {
        top_[top_key(dst, plen)] = idx;
      } else {
        deep_[dst >> kSlotShift].push_back(Deep{dst, idx, static_cast<uint8_t>(plen)});
        ++deep_count_;
      }
    }
  });
  for (auto& d : deep_)
    std::sort(d.begin(), d.end(),
              [](const Deep& a, const Deep& b) { return a.dst != b.dst ? a.dst < b.dst : a.plen < b.plen; });
  repaint_top(0, 0, true);
}

void FibPoptrie::update(const FibTable& t, Ipv4Addr dst_addr, int plen) {
  const uint32_t dst = dst_addr.v & inet_make_mask(plen);
  Flowi4 fl;
  fl.daddr = Ipv4Addr(dst);
  const FibPlainAnswer a = t.plain_answer(fl, plen);
  const bool r = a.route != nullptr;

  if (plen <= kDirBits) {
    auto it = top_.find(top_key(dst, plen));
    if (it != top_.end() && r) {
      answers_[it->second] = a;  // same prefix, other alias: the index stays
      return;
    }
    if (it == top_.end() && !r) return;
    uint32_t freed = 0;
    if (r) {
      top_.emplace(top_key(dst, plen), new_index(a));
    } else {
      freed = it->second;
      top_.erase(it);
    }
    repaint_top(dst, plen, false);
    if (freed) {
      answers_[freed] = FibPlainAnswer{};
      free_index_.push_back(freed);
    }
    return;
  }

  const uint32_t s = dst >> kSlotShift;
  auto& d = deep_[s];
  auto it = std::lower_bound(d.begin(), d.end(), Deep{dst, 0, static_cast<uint8_t>(plen)},
                             [](const Deep& a, const Deep& b) { return a.dst != b.dst ? a.dst < b.dst : a.plen < b.plen; });
  const bool found = it != d.end() && it->dst == dst && it->plen == plen;
  if (found && r) {
    answers_[it->index] = a;
    return;
  }
  if (!found && !r) return;
  uint32_t freed = 0;
  if (r) {
    d.insert(it, Deep{dst, new_index(a), static_cast<uint8_t>(plen)});
    ++deep_count_;
  } else {
    freed = it->index;
    d.erase(it);
    --deep_count_;
  }
  compile_slot(s);
  if (freed) {
    answers_[freed] = FibPlainAnswer{};
    free_index_.push_back(freed);
  }
}

// The slots a prefix of length <= 18 covers get the longest such prefix
// over them: the longest proper ancestor first, then every top prefix inside
// the range painted shortest first.
void FibPoptrie::repaint_top(uint32_t dst, int plen, bool force) {
  const uint32_t s0 = dst >> kSlotShift;
  const uint32_t n = 1u << (kDirBits - plen);
  uint32_t base = 0;
  for (int l = plen - 1; l >= 0; --l) {
    auto it = top_.find(top_key(dst & inet_make_mask(l), l));
    if (it != top_.end()) {
      base = it->second;
      break;
    }
  }
  std::vector<uint32_t> def(n, base);
  struct Inside {
    int plen;
    uint32_t from, index;
  };
  std::vector<Inside> inside;
  const uint64_t last = uint64_t(dst) + (uint64_t(n) << kSlotShift) - 1;
  for (auto it = top_.lower_bound(top_key(dst, plen)); it != top_.end() && (it->first >> 8) <= last; ++it)
    inside.push_back(Inside{int(it->first & 0xff), uint32_t(it->first >> 8 >> kSlotShift) - s0, it->second});
  std::stable_sort(inside.begin(), inside.end(), [](const Inside& a, const Inside& b) { return a.plen < b.plen; });
  for (const Inside& p : inside) std::fill_n(def.begin() + p.from, size_t(1) << (kDirBits - p.plen), p.index);
  for (uint32_t i = 0; i < n; ++i) {
    if (!force && top_def_[s0 + i] == def[i]) continue;
    top_def_[s0 + i] = def[i];
    compile_slot(s0 + i);
  }
}

void FibPoptrie::compile_slot(uint32_t s) {
  const uint32_t old = dir_[s];
  const auto& d = deep_[s];
  if (d.empty()) {
    dir_[s] = kLeafBit | top_def_[s];
  } else {
    const uint32_t root = nodes_.alloc(1);
    build_node(root, s << kSlotShift, kDirBits, top_def_[s], d.data(), d.data() + d.size());
    dir_[s] = root;
  }
  if (!(old & kLeafBit)) {
    free_subtree(old);
    nodes_.release(old, 1);
  }
}

// Fills node `at`, whose address bits [0, len) are base's and whose
// inherited longest match is def, from the deep prefixes [first, last) that
// lie inside it.
void FibPoptrie::build_node(uint32_t at, uint32_t base, int len, uint32_t def, const Deep* first,
                            const Deep* last) {
  uint32_t defs[64];
  std::fill_n(defs, 64, def);
  const int child_len = len + kStride;
  for (int l = len + 1; l <= std::min(child_len, 32); ++l)
    for (const Deep* e = first; e != last; ++e)
      if (e->plen == l) std::fill_n(defs + child_of(e->dst, len), size_t(1) << (child_len - l), e->index);

  uint64_t vector = 0;
  for (const Deep* e = first; e != last; ++e)
    if (e->plen > child_len) vector |= uint64_t(1) << child_of(e->dst, len);

  uint64_t leafvec = 0;
  uint32_t nleaf = 0, prev = 0;
  for (unsigned c = 0; c < 64; ++c) {
    if (vector & (uint64_t(1) << c)) continue;
    if (nleaf == 0 || defs[c] != prev) {
      leafvec |= uint64_t(1) << c;
      prev = defs[c];
      ++nleaf;
    }
  }
  const auto nchild = static_cast<uint32_t>(std::popcount(vector));
  const uint32_t base1 = nchild ? nodes_.alloc(nchild) : 0;
  const uint32_t base0 = nleaf ? leaves_.alloc(nleaf) : 0;
  uint32_t k = base0;
  for (unsigned c = 0; c < 64; ++c)
    if (leafvec & (uint64_t(1) << c)) leaves_.v[k++] = defs[c];
  nodes_.v[at] = Node{vector, leafvec, base0, base1};

  // Deep prefixes are sorted by address, so each node child's are a run.
  uint32_t next = base1;
  for (const Deep* e = first; e != last;) {
    const unsigned c = child_of(e->dst, len);
    const Deep* g = e;
    while (g != last && child_of(g->dst, len) == c) ++g;
    if (vector & (uint64_t(1) << c))
      build_node(next++, base | (uint32_t(c) << (32 - child_len)), child_len, defs[c], e, g);
    e = g;
  }
}

void FibPoptrie::free_subtree(uint32_t at) {
  const Node n = nodes_.v[at];
  const auto nchild = static_cast<uint32_t>(std::popcount(n.vector));
  for (uint32_t k = 0; k < nchild; ++k) free_subtree(n.base1 + k);
  if (nchild) nodes_.release(n.base1, nchild);
  if (n.leafvec) leaves_.release(n.base0, static_cast<uint32_t>(std::popcount(n.leafvec)));
}

size_t FibPoptrie::lookup_bytes() const {
  return dir_.capacity() * sizeof(uint32_t) + nodes_.v.capacity() * sizeof(Node) +
         leaves_.v.capacity() * sizeof(uint32_t) + answers_.capacity() * sizeof(FibPlainAnswer);
}

size_t FibPoptrie::shadow_bytes() const {
  // A std::map node: three links, colour, then the key/value pair.
  size_t b = top_.size() * (32 + sizeof(std::pair<const uint64_t, uint32_t>));
  b += top_def_.capacity() * sizeof(uint32_t) + deep_.capacity() * sizeof(std::vector<Deep>);
  for (const auto& d : deep_) b += d.capacity() * sizeof(Deep);
  b += free_index_.capacity() * sizeof(uint32_t);
  for (const auto& f : nodes_.free) b += f.capacity() * sizeof(uint32_t);
  for (const auto& f : leaves_.free) b += f.capacity() * sizeof(uint32_t);
  return b;
}

}  // namespace skbox
