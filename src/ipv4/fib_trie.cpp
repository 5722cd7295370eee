// The LC-trie (net/ipv4/fib_trie.c): node allocation, insert/remove with
// suffix-length upkeep, inflate/halve/collapse with the kernel's
// thresholds, the flush walk, and the table operations built on them
// (fib_table_lookup/insert/delete/flush/dump).
#include "ipv4/fib_trie.h"

#include <algorithm>
#include <cassert>
#include <new>

#include "ipv4/devinet.h"
#include "ipv4/fib.h"
#include "ipv4/fib_multipath.h"
#include "ipv4/fib_poptrie.h"
#include "net/netdevice.h"

namespace skbox {

using trie::child_length;
using trie::get_index;
using trie::is_leaf;
using trie::is_trie;
using trie::kKeyLength;

namespace {

// The kernel's resize thresholds (percent), larger for the top node.
constexpr unsigned long kHalveThreshold = 25, kInflateThreshold = 50;
constexpr unsigned long kHalveThresholdRoot = 15, kInflateThresholdRoot = 30;
constexpr int kMaxWork = 10;

uint8_t fa_slen(const FibRoute& fa) { return static_cast<uint8_t>(kKeyLength - fa.plen); }

TrieNode* node_alloc(unsigned long nchildren) {
  void* mem = ::operator new(sizeof(TrieNode) + nchildren * sizeof(TrieNode*));
  auto* n = new (mem) TrieNode();
  std::fill_n(n->tnode(), nchildren, nullptr);
  return n;
}

void node_free(TrieNode* n) {
  n->~TrieNode();
  ::operator delete(n);
}

TrieNode* leaf_new(uint32_t key, std::unique_ptr<FibRoute> fa) {
  TrieNode* l = node_alloc(0);
  l->key = key;
  l->slen = fa_slen(*fa);
  l->leaf.push_back(std::move(fa));
  l->fa0 = l->leaf[0].get();
  return l;
}

TrieNode* tnode_new(uint32_t key, unsigned pos, unsigned bits) {
  assert(bits && pos + bits <= kKeyLength);
  const unsigned shift = pos + bits;
  TrieNode* tn = node_alloc(1ul << bits);
  if (bits == kKeyLength)
    tn->full_children = 1;
  else
    tn->empty_children = uint32_t(1ul << bits);
  tn->key = shift < kKeyLength ? (key >> shift) << shift : 0;
  tn->pos = static_cast<uint8_t>(pos);
  tn->bits = static_cast<uint8_t>(bits);
  tn->slen = static_cast<uint8_t>(pos);
  return tn;
}

// A child that is itself a tnode directly below tn's bits (no skipped bits).
bool tnode_full(const TrieNode* tn, const TrieNode* n) {
  return n && n->pos + n->bits == tn->pos && !is_leaf(n);
}

TrieNode* get_child(const TrieNode* tn, unsigned long i) { return tn->tnode()[i]; }

void empty_child_inc(TrieNode* n) {
  if (!++n->empty_children) ++n->full_children;  // wraps only for a 32-bit node
}
void empty_child_dec(TrieNode* n) {
  if (!n->empty_children--) --n->full_children;
}

void put_child(TrieNode* tn, unsigned long i, TrieNode* n) {
  TrieNode* chi = get_child(tn, i);
  assert(i < child_length(tn));
  if (!n && chi) empty_child_inc(tn);
  if (n && !chi) empty_child_dec(tn);
  const bool wasfull = tnode_full(tn, chi);
  const bool isfull = tnode_full(tn, n);
  if (wasfull && !isfull)
    --tn->full_children;
  else if (!wasfull && isfull)
    ++tn->full_children;
  if (n && tn->slen < n->slen) tn->slen = n->slen;
  tn->tnode()[i] = n;
}

void put_child_root(TrieNode* tp, uint32_t key, TrieNode* n) {
  if (is_trie(tp))
    tp->tnode()[0] = n;
  else
    put_child(tp, get_index(key, tp), n);
}

void update_children(TrieNode* tn) {
  for (unsigned long i = child_length(tn); i;) {
    TrieNode* inode = get_child(tn, --i);
    if (!inode) continue;
    // A node made for tn already points at it: fix up its own children.
    if (inode->parent == tn)
      update_children(inode);
    else
      inode->parent = tn;
  }
}

// update_suffix: recompute tn->slen from its children. Only child 0 can
// carry a suffix of pos + bits or more, so the scan widens its stride as
// longer suffixes turn up.
unsigned char update_suffix(TrieNode* tn) {
  unsigned char slen = tn->pos;
  const unsigned char slen_max = std::min<unsigned char>(tn->pos + tn->bits - 1, tn->slen);
  for (unsigned long i = 0, stride = 2; i < child_length(tn); i += stride) {
    const TrieNode* n = get_child(tn, i);
    if (!n || n->slen <= slen) continue;
    stride <<= (n->slen - slen);
    slen = n->slen;
    i &= ~(stride - 1);
    if (slen >= slen_max) break;
  }
  tn->slen = slen;
  return slen;
}

void node_push_suffix(TrieNode* tn, unsigned char slen) {
  while (tn->slen < slen) {
    tn->slen = slen;
    tn = tn->parent;
  }
}

void node_pull_suffix(TrieNode* tn, unsigned char slen) {
  unsigned char node_slen = tn->slen;
  while (node_slen > tn->pos && node_slen > slen) {
    slen = update_suffix(tn);
    if (node_slen == slen) break;
    tn = tn->parent;
    node_slen = tn->slen;
  }
}

bool should_inflate(const TrieNode* tp, const TrieNode* tn) {
  unsigned long used = child_length(tn);
  unsigned long threshold = used * (is_trie(tp) ? kInflateThresholdRoot : kInflateThreshold);
  used -= tn->empty_children;
  used += tn->full_children;
  return used > 1 && tn->pos && 50 * used >= threshold;
}

bool should_halve(const TrieNode* tp, const TrieNode* tn) {
  unsigned long used = child_length(tn);
  unsigned long threshold = used * (is_trie(tp) ? kHalveThresholdRoot : kHalveThreshold);
  used -= tn->empty_children;
  return used > 1 && tn->bits > 1 && 100 * used < threshold;
}

bool should_collapse(const TrieNode* tn) {
  unsigned long used = child_length(tn);
  used -= tn->empty_children;
  if (tn->bits == kKeyLength && tn->full_children) used -= 0xffffffffUL;
  return used < 2;
}

void free_subtree(TrieNode* n) {
  if (!n) return;
  for (unsigned long i = 0; i < child_length(n); ++i) free_subtree(get_child(n, i));
  node_free(n);
}

}  // namespace

Trie::Trie() : kv_(node_alloc(1)) {
  kv_->pos = kKeyLength;
  kv_->slen = kKeyLength;
}

void Trie::drop_fast() {
  fast_.reset();
  fast_blocked_ = false;
}

Trie::~Trie() {
  fast_.reset();
  free_subtree(kv_->tnode()[0]);
  node_free(kv_);
}

TrieNode* Trie::find_node(uint32_t key, TrieNode** tp) const {
  TrieNode* pn;
  TrieNode* n = kv_;
  unsigned long index = 0;
  do {
    pn = n;
    n = get_child(n, index);
    if (!n) break;
    index = get_index(key, n);
    // Any key bit above pos + bits that differs leaves index out of range.
    if (index >= (1ul << n->bits)) {
      n = nullptr;
      break;
    }
  } while (!is_leaf(n));
  *tp = pn;
  return n;
}

// replace: link tn where oldtnode was, point children at it, free the
// nodes it supersedes, then resize the tnodes directly below it.
TrieNode* Trie::replace(TrieNode* oldtnode, TrieNode* tn, std::vector<TrieNode*>& dead) {
  TrieNode* tp = oldtnode->parent;
  tn->parent = tp;
  put_child_root(tp, tn->key, tn);
  update_children(tn);
  node_free(oldtnode);
  for (TrieNode* d : dead) node_free(d);
  for (unsigned long i = child_length(tn); i;) {
    TrieNode* inode = get_child(tn, --i);
    if (tnode_full(tn, inode)) tn = resize(inode);
  }
  return tp;
}

TrieNode* Trie::inflate(TrieNode* oldtnode) {
  TrieNode* tn = tnode_new(oldtnode->key, oldtnode->pos - 1, oldtnode->bits + 1);
  std::vector<TrieNode*> dead;
  const uint32_t m = 1u << tn->pos;
  for (unsigned long i = child_length(oldtnode); i;) {
    TrieNode* inode = get_child(oldtnode, --i);
    if (!inode) continue;
    // A leaf, or a tnode with skipped bits, moves over whole.
    if (!tnode_full(oldtnode, inode)) {
      put_child(tn, get_index(inode->key, tn), inode);
      continue;
    }
    dead.push_back(inode);
    if (inode->bits == 1) {
      put_child(tn, 2 * i + 1, get_child(inode, 1));
      put_child(tn, 2 * i, get_child(inode, 0));
      continue;
    }
    // Split inode in two halves that differ in the bit tn now consumes.
    TrieNode* node1 = tnode_new(inode->key | m, inode->pos, inode->bits - 1);
    TrieNode* node0 = tnode_new(inode->key, inode->pos, inode->bits - 1);
    for (unsigned long k = child_length(inode), j = k / 2; j;) {
      put_child(node1, --j, get_child(inode, --k));
      put_child(node0, j, get_child(inode, j));
      put_child(node1, --j, get_child(inode, --k));
      put_child(node0, j, get_child(inode, j));
    }
    node1->parent = tn;
    node0->parent = tn;
    put_child(tn, 2 * i + 1, node1);
    put_child(tn, 2 * i, node0);
  }
  return replace(oldtnode, tn, dead);
}

TrieNode* Trie::halve(TrieNode* oldtnode) {
  TrieNode* tn = tnode_new(oldtnode->key, oldtnode->pos + 1, oldtnode->bits - 1);
  std::vector<TrieNode*> dead;
  for (unsigned long i = child_length(oldtnode); i;) {
    TrieNode* node1 = get_child(oldtnode, --i);
    TrieNode* node0 = get_child(oldtnode, --i);
    if (!node1 || !node0) {
      put_child(tn, i / 2, node1 ? node1 : node0);
      continue;
    }
    TrieNode* inode = tnode_new(node0->key, oldtnode->pos, 1);
    put_child(inode, 1, node1);
    put_child(inode, 0, node0);
    inode->parent = tn;
    put_child(tn, i / 2, inode);
  }
  return replace(oldtnode, tn, dead);
}

TrieNode* Trie::collapse(TrieNode* oldtnode) {
  TrieNode* n = nullptr;
  for (unsigned long i = child_length(oldtnode); !n && i;) n = get_child(oldtnode, --i);
  TrieNode* tp = oldtnode->parent;
  put_child_root(tp, oldtnode->key, n);
  if (n) n->parent = tp;
  node_free(oldtnode);
  return tp;
}

TrieNode* Trie::resize(TrieNode* tn) {
  TrieNode* tp = tn->parent;
  const unsigned long cindex = get_index(tn->key, tp);
  int max_work = kMaxWork;
  assert(tn == get_child(tp, cindex));
  while (should_inflate(tp, tn) && max_work) {
    tp = inflate(tn);
    --max_work;
    tn = get_child(tp, cindex);
  }
  tp = tn->parent;
  if (max_work != kMaxWork) return tp;  // inflated at least once
  while (should_halve(tp, tn) && max_work) {
    tp = halve(tn);
    --max_work;
    tn = get_child(tp, cindex);
  }
  if (should_collapse(tn)) return collapse(tn);
  return tn->parent;
}

void Trie::rebalance(TrieNode* tn) {
  while (!is_trie(tn)) tn = resize(tn);
}

void Trie::insert_node(TrieNode* tp, std::unique_ptr<FibRoute> fa, uint32_t key) {
  ++aliases_;
  const uint8_t slen = fa_slen(*fa);
  TrieNode* l = leaf_new(key, std::move(fa));
  TrieNode* n = get_child(tp, get_index(key, tp));
  if (n) {
    // The slot holds a node whose key differs: a one-bit tnode at the
    // highest differing bit takes both.
    TrieNode* tn = tnode_new(key, 31 - __builtin_clz(key ^ n->key), 1);
    tn->parent = tp;
    put_child(tn, get_index(key, tn) ^ 1, n);
    put_child_root(tp, key, tn);
    n->parent = tn;
    tp = tn;
  }
  node_push_suffix(tp, slen);
  l->parent = tp;
  put_child_root(tp, key, l);
  rebalance(tp);
}

void Trie::insert_alias(TrieNode* tp, TrieNode* l, std::unique_ptr<FibRoute> fa, const FibRoute* before,
                        uint32_t key) {
  if (!l) return insert_node(tp, std::move(fa), key);
  ++aliases_;
  const uint8_t slen = fa_slen(*fa);
  auto& v = l->leaf;
  auto pos = v.end();
  if (before) {
    pos = std::find_if(v.begin(), v.end(), [&](const auto& a) { return a.get() == before; });
  } else {
    // After the last alias that sorts no later than the new one.
    pos = v.begin();
    for (auto it = v.begin(); it != v.end(); ++it) {
      const uint8_t s = fa_slen(**it);
      if (slen < s) break;
      if (slen == s && fa->table > (*it)->table) break;
      pos = it + 1;
    }
  }
  v.insert(pos, std::move(fa));
  l->fa0 = v[0].get();
  if (l->slen < slen) {
    l->slen = slen;
    node_push_suffix(tp, slen);
  }
}

std::unique_ptr<FibRoute> Trie::remove_alias(TrieNode* tp, TrieNode* l, size_t i) {
  auto& v = l->leaf;
  std::unique_ptr<FibRoute> old = std::move(v[i]);
  --aliases_;
  v.erase(v.begin() + static_cast<long>(i));
  l->fa0 = v.empty() ? nullptr : v[0].get();
  if (v.empty()) {
    if (tp->slen == l->slen) node_pull_suffix(tp, tp->pos);
    put_child_root(tp, l->key, nullptr);
    node_free(l);
    rebalance(tp);
    return old;
  }
  if (i < v.size()) return old;  // not the tail: the leaf's suffix stands
  l->slen = fa_slen(*v.back());
  node_pull_suffix(tp, l->slen);
  return old;
}

std::vector<std::unique_ptr<FibRoute>> Trie::flush(const std::function<bool(const FibRoute&)>& drop) {
  // fib_table_flush: children last to first, each tnode resized once its
  // children are done. Callers flush on device and address events, which
  // may also change next-hop state: the compiled copy goes either way.
  drop_fast();
  std::vector<std::unique_ptr<FibRoute>> gone;
  TrieNode* pn = kv_;
  unsigned long cindex = 1;
  for (;;) {
    if (!(cindex--)) {
      const uint32_t pkey = pn->key;
      if (is_trie(pn)) break;
      if (pn->slen > pn->pos) update_suffix(pn);
      pn = resize(pn);
      cindex = get_index(pkey, pn);
      continue;
    }
    TrieNode* n = get_child(pn, cindex);
    if (!n) continue;
    if (!is_leaf(n)) {
      pn = n;
      cindex = 1ul << n->bits;
      continue;
    }
    uint8_t slen = 0;
    auto& v = n->leaf;
    for (auto it = v.begin(); it != v.end();) {
      if (drop(**it)) {
        --aliases_;
        gone.push_back(std::move(*it));
        it = v.erase(it);
      } else {
        slen = fa_slen(**it);
        ++it;
      }
    }
    n->slen = slen;
    n->fa0 = v.empty() ? nullptr : v[0].get();
    if (v.empty()) {
      put_child_root(pn, n->key, nullptr);
      node_free(n);
    }
  }
  return gone;
}

TrieStat Trie::stats() const {
  // trie_collect_stats
  TrieStat s;
  walk([&](const TrieNode* n, unsigned depth) {
    if (is_leaf(n)) {
      ++s.leaves;
      s.totdepth += depth;
      s.maxdepth = std::max(s.maxdepth, depth);
      s.prefixes += static_cast<unsigned>(n->leaf.size());
    } else {
      ++s.tnodes;
      if (n->bits < 32) ++s.nodesizes[n->bits];
      s.nullpointers += n->empty_children;
    }
  });
  return s;
}

size_t Trie::memory_bytes() const {
  size_t bytes = sizeof(TrieNode) + sizeof(TrieNode*);
  walk([&](const TrieNode* n, unsigned) {
    bytes += sizeof(TrieNode);
    if (is_leaf(n))
      bytes += n->leaf.capacity() * sizeof(void*) + n->leaf.size() * sizeof(FibRoute);
    else
      bytes += (1ul << n->bits) * sizeof(TrieNode*);
  });
  return bytes;
}

// ---------------------------------------------------------------------------
// The table operations (fib_table_*).

namespace {

// fib_lookup_good_nhc
bool good_nh(const FibNh& nh, const Flowi4& fl, unsigned fib_flags) {
  if (nh.flags & RTNH_F_DEAD) return false;
  if (!(fib_flags & FIB_LOOKUP_IGNORE_LINKSTATE) && nh.dev && fib_nh_linkdown(nh) &&
      ip_ignore_linkdown(*nh.dev->net, nh.dev))
    return false;
  if (fl.oif && (!nh.dev || nh.dev->ifindex != fl.oif)) return false;
  return true;
}

// How one alias answers fl, as fib_table_lookup decides it: kAliasSkip when
// tos, scope or every next hop rules it out; kAliasNoNh when it answers
// without a next hop (a reject type, or none configured); else the index of
// the first usable next hop.
constexpr int kAliasSkip = -2, kAliasNoNh = -1;
int alias_answer(const FibRoute& fa, const Flowi4& fl, unsigned fib_flags) {
  if (fa.tos && fa.tos != fl.tos) return kAliasSkip;
  if (fa.scope < fl.scope) return kAliasSkip;
  const size_t nnh = fa.nhs.size();
  if (fib_type_error(fa.type) < 0 || !nnh) return kAliasNoNh;
  const FibNh* nhs = fa.nhs.data();
  for (size_t sel = 0; sel < nnh; ++sel)
    if (good_nh(nhs[sel], fl, fib_flags)) return static_cast<int>(sel);
  return kAliasSkip;
}

// fib_find_alias: in a leaf's list, the first alias of this prefix length
// and table that sorts at or after (tos, prio); with find_first, the first
// alias of that length and table.
const FibRoute* find_alias(const std::vector<std::unique_ptr<FibRoute>>& v, uint8_t slen, uint8_t tos,
                           uint32_t prio, uint32_t tb_id) {
  for (const auto& fa : v) {
    const uint8_t s = fa_slen(*fa);
    if (s < slen) continue;
    if (s != slen) break;
    if (fa->table > tb_id) continue;
    if (fa->table != tb_id) break;
    if (fa->tos > tos) continue;
    if (fa->priority >= prio || fa->tos < tos) return fa.get();
  }
  return nullptr;
}

size_t index_of(const std::vector<std::unique_ptr<FibRoute>>& v, const FibRoute* fa) {
  for (size_t i = 0; i < v.size(); ++i)
    if (v[i].get() == fa) return i;
  return v.size();
}

// fib_info identity (fib_find_info): two aliases with equal info share one
// fib_info in the kernel, so an identical route is a duplicate.
bool same_info(const FibRoute& a, const FibRoute& b) {
  if (a.protocol != b.protocol || a.scope != b.scope || a.prefsrc != b.prefsrc || a.priority != b.priority ||
      a.mtu != b.mtu || a.mtu_lock != b.mtu_lock || a.advmss != b.advmss || a.advmss_lock != b.advmss_lock || a.nhs.size() != b.nhs.size())
    return false;
  for (size_t i = 0; i < a.nhs.size(); ++i) {
    const FibNh &x = a.nhs[i], &y = b.nhs[i];
    if (x.dev != y.dev || x.gw != y.gw || x.weight != y.weight ||
        (x.flags & RTNH_F_ONLINK) != (y.flags & RTNH_F_ONLINK))
      return false;
  }
  return true;
}

}  // namespace

FibTable::FibTable(uint32_t id, FibTable* alias)
    : id_(id), trie_(alias ? alias->trie_ : std::make_shared<Trie>()) {}

FibTable::~FibTable() = default;

namespace {
// A trie this large gets the compiled copy: below it the trie stays in
// cache and the copy's fixed 2^18-slot table would cost more than it saves.
constexpr size_t kFastMinAliases = 16384;

bool any_linkdown(const Trie& t) {
  bool found = false;
  t.for_each_leaf([&](const TrieNode* l) {
    for (const auto& fa : l->leaf)
      for (const FibNh& nh : fa->nhs) found |= fib_nh_linkdown(nh);
  });
  return found;
}


}  // namespace

// The compiled copy (fib_poptrie.h) answers plain flows (no tos, oif or
// scope; no lookup flags) exactly as the walk below would: it stores, per
// prefix, the whole answer of the alias that walk stops at. That answer
// depends on next-hop state, so every state change drops the copy
// (for_each_route) and a linkdown next hop keeps it from being built.
const FibPlainAnswer* FibTable::fast_lookup(const Flowi4& fl) const {
  const FibPoptrie* fast = trie_->fast_.get();
  if (__builtin_expect(!fast, 0) && !(fast = build_fast())) return nullptr;
  return &fast->answer(fl.daddr);
}

// Out of the lookup's way: builds the compiled copy when the trie is large
// enough and has no linkdown next hop.
const FibPoptrie* FibTable::build_fast() const {
  Trie& t = *trie_;
  if (t.fast_blocked_ || t.aliases_ < kFastMinAliases) return nullptr;
  if (any_linkdown(t)) {
    t.fast_blocked_ = true;
    return nullptr;
  }
  t.fast_ = std::make_unique<FibPoptrie>();
  t.fast_->build(*this);
  return t.fast_.get();
}

// Fills res from the alias that answered (sel from alias_answer) and
// returns what fib_table_lookup does: 0, or the reject type's error.
int FibTable::answer(FibResult& res, const FibRoute& fa, int sel) const {
  res.route = &fa;
  res.nh = sel >= 0 ? &fa.nhs[static_cast<size_t>(sel)] : nullptr;
  res.nh_sel = sel >= 0 ? sel : 0;
  res.type = fa.type;
  res.scope = fa.scope;
  res.prefixlen = fa.plen;
  res.table = id_;
  return sel >= 0 ? 0 : fib_type_error(fa.type);
}

int FibTable::table_lookup(const Flowi4& fl, FibResult& res, unsigned fib_flags) const {
  if (!fib_flags && !fl.tos && !fl.oif && fl.scope == RT_SCOPE_UNIVERSE) {
    if (const FibPlainAnswer* a = fast_lookup(fl)) {
      if (!a->route) return -EAGAIN;
      res.route = a->route;
      res.nh = a->nh;
      res.nh_sel = a->nh_sel;
      res.type = a->type;
      res.scope = a->scope;
      res.prefixlen = a->plen;
      res.table = id_;
      return a->err;
    }
  }
  return trie_lookup(fl, res, fib_flags);
}

int FibTable::trie_lookup(const Flowi4& fl, FibResult& res, unsigned fib_flags) const {
  const uint32_t key = fl.daddr.v;
  const TrieNode* pn = trie_->kv();
  unsigned long cindex = 0;
  const TrieNode* n = pn->tnode()[0];
  const TrieNode* const* cptr;
  if (!n) return -EAGAIN;

  // Step 1: down to the longest candidate, remembering the last node
  // whose children may hold shorter prefixes to back off to.
  for (;;) {
    const unsigned long index = get_index(key, n);
    if (index >= (1ul << n->bits)) break;  // skipped bits differ
    if (is_leaf(n)) goto found;
    if (n->slen > n->pos) {
      pn = n;
      cindex = index;
    }
    n = n->tnode()[index];
    if (!n) goto backtrace;
  }

  // Step 2: back off one key bit at a time until a node's prefix matches.
  for (;;) {
    cptr = n->tnode();
    {
      const uint32_t prefix = n->key;
      if (((key ^ prefix) & (prefix | -prefix)) || n->slen == n->pos) goto backtrace;
    }
    if (is_leaf(n)) break;
    while ((n = *cptr) == nullptr) {
    backtrace:
      while (!cindex) {
        const uint32_t pkey = pn->key;
        if (is_trie(pn)) return -EAGAIN;
        pn = pn->parent;
        cindex = get_index(pkey, pn);
      }
      cindex &= cindex - 1;  // strip the lowest set bit
      cptr = &pn->tnode()[cindex];
    }
  }

found:
  // Step 3: the leaf's aliases, longest prefix first; a miss backs off.
  {
    const unsigned long index = key ^ n->key;
    const size_t count = n->leaf.size();
    for (size_t i = 0; i < count; ++i) {
      const FibRoute* fa = i ? n->leaf[i].get() : n->fa0;
      if (index >= (1ul << fa_slen(*fa))) continue;
      const int sel = alias_answer(*fa, fl, fib_flags);
      if (sel != kAliasSkip) return answer(res, *fa, sel);
    }
  }
  goto backtrace;
}

void FibTable::fast_update(const FibRoute& added) {
  Trie& t = *trie_;
  if (!t.fast_) return;
  for (const FibNh& nh : added.nhs) {
    if (fib_nh_linkdown(nh)) {
      t.fast_.reset();
      t.fast_blocked_ = true;
      return;
    }
  }
  t.fast_->update(*this, added.dst, added.plen);
}

FibPlainAnswer FibTable::plain_answer(const Flowi4& fl, int plen) const {
  TrieNode* tp = nullptr;
  const TrieNode* l = trie_->find_node(fl.daddr.v & inet_make_mask(plen), &tp);
  if (l) {
    for (const auto& fa : l->leaf) {
      if (fa->plen != plen) continue;
      const int sel = alias_answer(*fa, fl, 0);
      if (sel == kAliasSkip) continue;
      FibResult res;
      FibPlainAnswer a;
      a.err = static_cast<int16_t>(answer(res, *fa, sel));
      a.route = res.route;
      a.nh = res.nh;
      a.nh_sel = static_cast<int16_t>(res.nh_sel);
      a.type = res.type;
      a.scope = res.scope;
      a.plen = res.prefixlen;
      return a;
    }
  }
  return {};
}

const FibRoute* FibTable::lookup(const Flowi4& fl) const {
  FibResult res;
  const int err = table_lookup(fl, res);
  return err == -EAGAIN ? nullptr : res.route;
}

Expected<void> FibTable::insert(FibRoute r, uint32_t nlflags) {
  r.table = id_;
  const uint32_t key = r.dst.v;
  const uint8_t slen = fa_slen(r);
  TrieNode* tp = nullptr;
  TrieNode* l = trie_->find_node(key, &tp);
  const FibRoute* fa = l ? find_alias(l->leaf, slen, r.tos, r.priority, id_) : nullptr;
  if (fa && fa->tos == r.tos && fa->priority == r.priority) {
    if (nlflags & NLM_F_EXCL) return Errno(EEXIST);
    // The run of aliases with the same keys: a duplicate in it, and the
    // alias after it (where NLM_F_APPEND inserts).
    auto& v = l->leaf;
    const size_t first = index_of(v, fa);
    size_t i = first;
    const FibRoute* match = nullptr;
    for (; i < v.size(); ++i) {
      const FibRoute& x = *v[i];
      if (fa_slen(x) != slen || x.table != id_ || x.tos != r.tos || x.priority != r.priority) break;
      if (x.type == r.type && same_info(x, r)) {
        match = &x;
        break;
      }
    }
    if (nlflags & NLM_F_REPLACE) {
      if (match) return match == v[first].get() ? Expected<void>{} : Errno(EEXIST);
      v[first] = std::make_unique<FibRoute>(std::move(r));
      l->fa0 = v[0].get();
      fast_update(*v[first]);
      return {};
    }
    if (match) return Errno(EEXIST);
    fa = (nlflags & NLM_F_APPEND) ? (i < v.size() ? v[i].get() : nullptr) : v[first].get();
  }
  if (!(nlflags & NLM_F_CREATE)) return Errno(ENOENT);
  auto owned = std::make_unique<FibRoute>(std::move(r));
  const FibRoute& added = *owned;
  trie_->insert_alias(tp, l, std::move(owned), fa, key);
  fast_update(added);
  return {};
}

Expected<void> FibTable::remove(const FibConfig& c) {
  TrieNode* tp = nullptr;
  TrieNode* l = trie_->find_node(c.dst.v, &tp);
  if (!l) return Errno(ESRCH);
  const uint8_t slen = static_cast<uint8_t>(kKeyLength - c.dst_len);
  const FibRoute* fa = find_alias(l->leaf, slen, c.tos, 0, id_);
  if (!fa) return Errno(ESRCH);
  auto& v = l->leaf;
  for (size_t i = index_of(v, fa); i < v.size(); ++i) {
    const FibRoute& x = *v[i];
    if (fa_slen(x) != slen || x.table != id_ || x.tos != c.tos) break;
    if (c.type && x.type != c.type) continue;
    if (c.scope != RT_SCOPE_NOWHERE && x.scope != c.scope) continue;
    if (!c.prefsrc.is_any() && x.prefsrc != c.prefsrc) continue;
    if (c.protocol && x.protocol != c.protocol) continue;
    if (!fib_nh_match(c, x)) continue;
    if (c.mtu && x.mtu != c.mtu) continue;  // fib_metrics_match
    const auto gone = trie_->remove_alias(tp, l, i);
    if (trie_->fast_) trie_->fast_->update(*this, c.dst, c.dst_len);
    return {};
  }
  return Errno(ESRCH);
}

size_t FibTable::remove_if(const std::function<bool(const FibRoute&)>& pred) {
  return trie_->flush([&](const FibRoute& fa) { return fa.table == id_ && pred(fa); }).size();
}

std::vector<const FibRoute*> FibTable::dump() const {
  std::vector<const FibRoute*> out;
  trie_->for_each_leaf([&](const TrieNode* l) {
    for (const auto& fa : l->leaf)
      if (fa->table == id_) out.push_back(fa.get());
  });
  return out;
}

void FibTable::for_each_route(const std::function<void(FibRoute&)>& fn) {
  trie_->drop_fast();  // next-hop state may change under it
  trie_->for_each_leaf([&](const TrieNode* l) {
    for (const auto& fa : l->leaf)
      if (fa->table == id_) fn(*fa);
  });
}

size_t FibTable::size() const {
  size_t n = 0;
  trie_->for_each_leaf([&](const TrieNode* l) {
    for (const auto& fa : l->leaf) n += fa->table == id_;
  });
  return n;
}

bool FibTable::merged() const { return trie_.use_count() > 1; }

void FibTable::unmerge_from(FibTable& main) {
  // fib_trie_unmerge: this table's aliases move into a trie of its own, in
  // key order; then main drops them (fib_table_flush_external).
  auto mine = std::make_shared<Trie>();
  std::vector<std::unique_ptr<FibRoute>> moved =
      trie_->flush([&](const FibRoute& fa) { return fa.table != main.id(); });
  // flush returns them in reverse key order; unmerge walks keys upwards.
  std::stable_sort(moved.begin(), moved.end(), [](const auto& a, const auto& b) { return a->dst.v < b->dst.v; });
  for (auto& fa : moved) {
    TrieNode* tp = nullptr;
    TrieNode* l = mine->find_node(fa->dst.v, &tp);
    const uint32_t key = fa->dst.v;
    mine->insert_alias(tp, l, std::move(fa), nullptr, key);
  }
  trie_ = std::move(mine);
}

}  // namespace skbox
