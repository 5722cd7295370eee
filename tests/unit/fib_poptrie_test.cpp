// FibPoptrie against FibTable::lookup: random tables, random insert/delete
// batches applied incrementally, compared on random addresses and on the
// edges of every prefix.
#include "ipv4/fib_poptrie.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <random>
#include <vector>

#include "ipv4/devinet.h"

namespace skbox {
namespace {

// The reference answer: fib_table_lookup's trie walk itself, never the
// table's own compiled copy.
const FibRoute* walk(const FibTable& t, const Flowi4& fl) {
  FibResult res;
  return t.table_lookup(fl, res, FIB_LOOKUP_TRIE_ONLY) == -EAGAIN ? nullptr : res.route;
}

#if defined(__SANITIZE_ADDRESS__)
constexpr int kRandomPerBatch = 8000;
#else
constexpr int kRandomPerBatch = 40000;
#endif

struct Prefix {
  uint32_t dst;
  int plen;
  uint8_t tos = 0;
};

class Differ {
 public:
  explicit Differ(uint64_t seed) : rng_(seed) {}

  // Heavy on /8../24 and /32, every length present; addresses nest inside a
  // few hot /12s so prefixes overlap and slots get deep.
  Prefix random_prefix() {
    static const int kLens[] = {0,  1,  2,  3,  4,  5,  6,  7,  8,  8,  9,  10, 11, 12, 13, 14, 15, 16, 16, 16,
                                17, 18, 18, 19, 20, 20, 21, 22, 22, 23, 23, 24, 24, 24, 24, 24, 25, 26, 27, 28,
                                29, 30, 31, 32, 32, 32, 32, 32};
    const int plen = kLens[rng_() % std::size(kLens)];
    uint32_t a = static_cast<uint32_t>(rng_());
    if (rng_() % 4 != 0) a = hot_[rng_() % std::size(hot_)] | (a & 0x000fffffu);
    return Prefix{a & inet_make_mask(plen), plen, 0};
  }

  // One alias; some are reject routes, dead next hops, tos-specific or
  // carry a different metric, so lookup has to skip or stop at them.
  FibRoute random_route(const Prefix& p) {
    FibRoute r;
    r.dst = Ipv4Addr(p.dst);
    r.plen = static_cast<uint8_t>(p.plen);
    r.priority = static_cast<uint32_t>(rng_() % 3);
    const unsigned kind = rng_() % 16;
    if (kind == 0) {
      r.type = RTN_BLACKHOLE;
      return r;
    }
    FibNh nh;
    nh.gw = Ipv4Addr(static_cast<uint32_t>(rng_()));
    if (kind == 1) nh.flags = RTNH_F_DEAD;
    if (kind == 2) r.tos = 0x10;
    r.nhs.push_back(nh);
    return r;
  }

  // With incremental false the caller compiles the whole table later.
  void add(const Prefix& p, bool incremental = true) {
    FibRoute r = random_route(p);
    const uint8_t tos = r.tos;
    if (t.insert(std::move(r), NLM_F_CREATE | NLM_F_APPEND)) {
      live_.push_back(Prefix{p.dst, p.plen, tos});
      if (incremental) pt.update(t, Ipv4Addr(p.dst), p.plen);
    }
  }

  void remove_random() {
    if (live_.empty()) return;
    const size_t i = rng_() % live_.size();
    const Prefix p = live_[i];
    live_[i] = live_.back();
    live_.pop_back();
    FibConfig cfg = FibConfig::for_delete();
    cfg.dst = Ipv4Addr(p.dst);
    cfg.dst_len = static_cast<uint8_t>(p.plen);
    cfg.tos = p.tos;
    ASSERT_TRUE(t.remove(cfg));
    pt.update(t, Ipv4Addr(p.dst), p.plen);
  }

  void check(uint32_t a) {
    Flowi4 fl;
    fl.daddr = Ipv4Addr(a);
    const FibRoute* want = walk(t, fl);
    const FibRoute* got = pt.lookup(Ipv4Addr(a));
    if (want != got) {
      ++mismatches;
      if (mismatches < 10)
        ADD_FAILURE() << Ipv4Addr(a).str() << ": table " << (want ? want->dst.str() + "/" + std::to_string(want->plen) : "none")
                      << ", poptrie " << (got ? got->dst.str() + "/" + std::to_string(got->plen) : "none");
    }
  }

  void check_all(int random) {
    for (int i = 0; i < random; ++i) {
      uint32_t a = static_cast<uint32_t>(rng_());
      if (i & 1) a = hot_[rng_() % std::size(hot_)] | (a & 0x000fffffu);
      check(a);
    }
    for (const Prefix& p : live_) {
      const uint32_t first = p.dst, last = p.dst | ~inet_make_mask(p.plen);
      for (uint32_t a : {first - 1, first, first + 1, last - 1, last, last + 1}) check(a);
    }
  }

  FibTable t{RT_TABLE_MAIN};
  FibPoptrie pt;
  int mismatches = 0;

 private:
  std::mt19937_64 rng_;
  const uint32_t hot_[4] = {0x0a000000u, 0xc0a00000u, 0x64400000u, 0xac100000u};
  std::vector<Prefix> live_;
};

TEST(FibPoptrie, EmptyAndDefault) {
  FibTable t(RT_TABLE_MAIN);
  FibPoptrie p;
  p.build(t);
  EXPECT_EQ(p.lookup_index(0x0a000001u), 0u);
  FibRoute r;
  r.nhs.emplace_back();
  ASSERT_TRUE(t.insert(r, NLM_F_CREATE | NLM_F_EXCL));
  p.update(t, Ipv4Addr(0), 0);
  Flowi4 fl;
  fl.daddr = Ipv4Addr(0xffffffffu);
  EXPECT_EQ(p.lookup(fl.daddr), walk(t, fl));
  EXPECT_NE(p.lookup(fl.daddr), nullptr);
}

TEST(FibPoptrie, HostRouteAtEveryDepth) {
  Differ d(7);
  for (int plen : {32, 31, 30, 25, 24, 19, 18, 17, 8, 0}) d.add(Prefix{0x0a0b0c0du & inet_make_mask(plen), plen, 0});
  d.check_all(2000);
  d.pt.build(d.t);
  d.check_all(2000);
  EXPECT_EQ(d.mismatches, 0);
}

TEST(FibPoptrie, RandomBatchesMatchTable) {
  Differ d(2015);
  for (int i = 0; i < 3000; ++i) d.add(d.random_prefix(), false);
  d.pt.build(d.t);
  d.check_all(kRandomPerBatch);
  for (int batch = 0; batch < 24 && d.mismatches == 0; ++batch) {
    for (int i = 0; i < 150; ++i) d.add(d.random_prefix());
    for (int i = 0; i < 100; ++i) d.remove_random();
    d.check_all(kRandomPerBatch);
  }
  EXPECT_EQ(d.mismatches, 0);
  // An incremental result and a fresh compile agree.
  FibPoptrie fresh;
  fresh.build(d.t);
  for (uint32_t a = 0x0a000000u; a < 0x0a100000u; a += 7)
    ASSERT_EQ(fresh.lookup(Ipv4Addr(a)), d.pt.lookup(Ipv4Addr(a)));
  EXPECT_EQ(fresh.prefixes(), d.pt.prefixes());
}

TEST(FibPoptrie, DeleteEverythingLeavesNoNodes) {
  Differ d(99);
  for (int i = 0; i < 2000; ++i) d.add(d.random_prefix());
  d.check_all(5000);
  while (d.pt.prefixes() || d.t.size()) {
    const size_t before = d.t.size();
    d.remove_random();
    if (d.t.size() == before) break;
  }
  EXPECT_EQ(d.t.size(), 0u);
  EXPECT_EQ(d.pt.prefixes(), 0u);
  EXPECT_EQ(d.pt.node_count(), 0u);
  EXPECT_EQ(d.pt.leaf_count(), 0u);
  d.check_all(1000);
  EXPECT_EQ(d.mismatches, 0);
}

// Without policy rules local shares main's trie, and main's lookup sees the
// local aliases too; the compiled copy must as well.
TEST(FibPoptrie, MergedLocalTable) {
  FibTable main_t(RT_TABLE_MAIN);
  FibTable local_t(RT_TABLE_LOCAL, &main_t);
  FibRoute net;
  net.dst = Ipv4Addr::of(10, 0, 0, 0);
  net.plen = 24;
  net.scope = RT_SCOPE_LINK;
  net.nhs.emplace_back();
  ASSERT_TRUE(main_t.insert(net, NLM_F_CREATE | NLM_F_EXCL));
  FibRoute host;
  host.dst = Ipv4Addr::of(10, 0, 0, 1);
  host.plen = 32;
  host.type = RTN_LOCAL;
  host.scope = RT_SCOPE_HOST;
  host.nhs.emplace_back();
  ASSERT_TRUE(local_t.insert(host, NLM_F_CREATE | NLM_F_EXCL));
  FibPoptrie p;
  p.build(main_t);
  for (uint32_t a = 0x09ffff00u; a < 0x0a000200u; ++a) {
    Flowi4 fl;
    fl.daddr = Ipv4Addr(a);
    ASSERT_EQ(p.lookup(fl.daddr), walk(main_t, fl)) << fl.daddr.str();
  }
}

}  // namespace
}  // namespace skbox
