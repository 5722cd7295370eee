// Macro benchmark: IPv4 route lookup and update on a full Internet table.
// Compares FibTable (the Linux-semantics trie), FibPoptrie (the compiled
// read-optimised copy) and DPDK's rte_lpm (when built with DPDK and its EAL
// starts here) on the same prefixes, one core, wall time.
//   fib_lookup [--prefixes FILE.gz] [--addrs N] [--updates K] [--seconds S] [--no-lpm] [--no-kernel]
// As root it also loads the prefixes into a new network namespace of the
// real kernel and times the kernel's own lookup there (bench/kernel_fib.h).
// Lookups run over a pre-generated batch of destinations so generating them
// is not timed; each is timed for at least S seconds, cycling the batch.
#include <malloc.h>
#include <sys/utsname.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include "ipv4/devinet.h"
#include "ipv4/fib.h"
#include "ipv4/fib_poptrie.h"
#include "ipv4/fib_trie.h"
#include "kernel_fib.h"

#if SKBOX_HAVE_ZLIB
#include <zlib.h>
#endif
#if SKBOX_HAVE_DPDK
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lpm.h>
#endif

namespace {
using namespace skbox;
using Clock = std::chrono::steady_clock;

struct Prefix {
  uint32_t dst;
  int plen;
};

double secs_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

size_t heap_in_use() {
  const struct mallinfo2 m = mallinfo2();
  return m.uordblks + m.hblkhd;
}

std::vector<Prefix> load_prefixes(const std::string& path) {
  std::vector<Prefix> out;
#if SKBOX_HAVE_ZLIB
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) return out;
  char line[256];
  while (gzgets(f, line, sizeof line)) {
    if (std::strchr(line, ':')) continue;  // IPv6
    unsigned a, b, c, d, l;
    if (std::sscanf(line, "%u.%u.%u.%u/%u", &a, &b, &c, &d, &l) != 5 || a > 255 || b > 255 || c > 255 ||
        d > 255 || l > 32)
      continue;
    const int plen = static_cast<int>(l);
    out.push_back(Prefix{((a << 24) | (b << 16) | (c << 8) | d) & inet_make_mask(plen), plen});
  }
  gzclose(f);
#else
  (void)path;
#endif
  return out;
}

// Prefixes per length in bgp-prefixes-2024.txt.gz (901,899 IPv4 prefixes),
// for a synthetic table of the same shape when the file is absent.
constexpr int kRealLengthCounts[33] = {
    0,     0,     0,     0,     0,      0,     0,    0,    16,   13,   38,
    103,   299,   581,   1203,  2100,   13490, 8235, 13798, 24870, 42611, 50750,
    108623, 96510, 537698, 20,  3,      11,    18,   17,   3,    3,    886};

std::vector<Prefix> synthetic_prefixes(uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Prefix> out;
  std::unordered_set<uint64_t> seen;
  for (int plen = 0; plen <= 32; ++plen) {
    for (int n = 0; n < kRealLengthCounts[plen];) {
      // Unicast space only (1.0.0.0 - 223.255.255.255), like the real table.
      const uint32_t a = (static_cast<uint32_t>(rng() % 223 + 1) << 24) | (static_cast<uint32_t>(rng()) & 0xffffff);
      const uint32_t dst = a & inet_make_mask(plen);
      if (!seen.insert((uint64_t(dst) << 8) | uint32_t(plen)).second) continue;
      out.push_back(Prefix{dst, plen});
      ++n;
    }
  }
  std::shuffle(out.begin(), out.end(), rng);
  return out;
}

// Next hop i+1 for prefix i: a gateway address that also names the prefix,
// so the three structures' answers can be compared.
FibRoute make_route(const Prefix& p, uint32_t nh_id) {
  FibRoute r;
  r.dst = Ipv4Addr(p.dst);
  r.plen = static_cast<uint8_t>(p.plen);
  r.type = RTN_UNICAST;
  r.scope = RT_SCOPE_UNIVERSE;
  r.protocol = RTPROT_BOOT;
  FibNh nh;
  nh.gw = Ipv4Addr(nh_id);
  r.nhs.push_back(nh);
  return r;
}

FibConfig delete_config(const Prefix& p) {
  FibConfig c = FibConfig::for_delete();
  c.dst = Ipv4Addr(p.dst);
  c.dst_len = static_cast<uint8_t>(p.plen);
  return c;
}

uint32_t route_id(const FibRoute* r) { return r ? r->nhs[0].gw.v : 0; }

// Runs fn over the batch in chunks, cycling, until at least `seconds` have
// passed; returns ns per lookup.
template <class Fn>
double time_lookups(const std::vector<uint32_t>& addrs, double seconds, Fn fn) {
  constexpr size_t kChunk = 1 << 16;
  volatile uint64_t sink = 0;
  uint64_t acc = 0;
  for (size_t i = 0; i < std::min(addrs.size(), kChunk); ++i) acc += fn(addrs[i]);  // warm-up
  size_t done = 0, pos = 0;
  const auto t0 = Clock::now();
  double el = 0;
  do {
    const size_t end = std::min(addrs.size(), pos + kChunk);
    for (size_t i = pos; i < end; ++i) acc += fn(addrs[i]);
    done += end - pos;
    pos = end == addrs.size() ? 0 : end;
    el = secs_since(t0);
  } while (el < seconds);
  sink = acc;
  (void)sink;
  return el * 1e9 / static_cast<double>(done);
}

// Zipf(1.0) over the prefixes in a random order, then a uniform address
// inside the chosen prefix: a few prefixes carry most traffic, as in a
// router's trace, and hot destinations repeat.
std::vector<uint32_t> zipf_addresses(const std::vector<Prefix>& pfx, size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<uint32_t> order(pfx.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<uint32_t>(i);
  std::shuffle(order.begin(), order.end(), rng);
  std::vector<double> cdf(pfx.size());
  double sum = 0;
  for (size_t i = 0; i < cdf.size(); ++i) cdf[i] = (sum += 1.0 / static_cast<double>(i + 1));
  std::uniform_real_distribution<double> u(0, sum);
  std::vector<uint32_t> out(n);
  for (auto& a : out) {
    const size_t rank = std::min(cdf.size() - 1, size_t(std::lower_bound(cdf.begin(), cdf.end(), u(rng)) - cdf.begin()));
    const Prefix& p = pfx[order[rank]];
    a = p.dst | (static_cast<uint32_t>(rng()) & ~inet_make_mask(p.plen));
  }
  return out;
}

struct Row {
  const char* name;
  double ns[2] = {0, 0};        // uniform, zipf
  double insert_rate = 0;       // updates/s
  double delete_rate = 0;
  double bytes_per_prefix = 0;
  std::string mem_note;
};

std::string kernel_release() {
  struct utsname u {};
  return uname(&u) == 0 ? u.release : "?";
}

void print_rate_line(const char* what, double rate) {
  if (rate > 0)
    std::printf("  %-44s %12.0f /s\n", what, rate);
  else
    std::printf("  %-44s %12s\n", what, "n/a");
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = std::string(SKBOX_SOURCE_DIR) + "/../shared/data/bgp-prefixes-2024.txt.gz";
  size_t naddrs = size_t(1) << 24;
  size_t nupdates = 20000;
  double seconds = 1.0;
  bool skip_lpm = false, skip_kernel = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> const char* {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--prefixes") path = next();
    else if (a == "--addrs") naddrs = std::strtoull(next(), nullptr, 10);
    else if (a == "--updates") nupdates = std::strtoull(next(), nullptr, 10);
    else if (a == "--seconds") seconds = std::strtod(next(), nullptr);
    else if (a == "--no-lpm") skip_lpm = true;
    else if (a == "--no-kernel") skip_kernel = true;
    else {
      std::fprintf(stderr, "usage: fib_lookup [--prefixes FILE.gz] [--addrs N] [--updates K] [--seconds S] [--no-lpm] [--no-kernel]\n");
      return 2;
    }
  }

  std::vector<Prefix> pfx = load_prefixes(path);
  if (!pfx.empty()) {
    std::printf("prefixes: %zu from %s\n", pfx.size(), path.c_str());
  } else {
    pfx = synthetic_prefixes(2024);
    std::printf("prefixes: %zu synthetic (%s unreadable%s), per-length counts of the 2024 BGP table\n", pfx.size(),
                path.c_str(),
#if SKBOX_HAVE_ZLIB
                ""
#else
                " or built without zlib"
#endif
    );
  }
  {  // A prefix listed twice would make ids ambiguous: keep the first.
    std::unordered_set<uint64_t> seen;
    std::vector<Prefix> uniq;
    for (const Prefix& p : pfx)
      if (seen.insert((uint64_t(p.dst) << 8) | uint32_t(p.plen)).second) uniq.push_back(p);
    if (uniq.size() != pfx.size()) std::printf("  (%zu duplicate prefixes skipped)\n", pfx.size() - uniq.size());
    pfx.swap(uniq);
  }
  nupdates = std::min(nupdates, pfx.size());

  // --- skbox FibTable ---
  // walk: fib_table_lookup's trie walk alone; trie: FibTable lookups as the
  // datapath makes them (plain flows answered by the table's compiled copy).
  Row walk{"fib trie walk"}, trie{"fib_table_lookup"}, pop{"poptrie"}, lpm{"rte_lpm"};
  auto table = std::make_unique<FibTable>(RT_TABLE_MAIN);
  size_t loaded = 0;
  const size_t heap0 = heap_in_use();
  auto t0 = Clock::now();
  for (size_t i = 0; i < pfx.size(); ++i)
    if (table->insert(make_route(pfx[i], uint32_t(i + 1)), NLM_F_CREATE | NLM_F_EXCL)) ++loaded;
  const double trie_load_s = secs_since(t0);
  const size_t trie_heap = heap_in_use() - heap0;
  walk.bytes_per_prefix = double(table->trie().memory_bytes()) / double(loaded);
  char note[160];
  std::snprintf(note, sizeof note, "Trie::memory_bytes, route objects included; heap grew %.1f B/prefix",
                double(trie_heap) / double(loaded));
  walk.mem_note = note;

  // --- poptrie ---
  FibPoptrie pt;
  t0 = Clock::now();
  pt.build(*table);
  const double pop_build_s = secs_since(t0);
  pop.bytes_per_prefix = double(pt.lookup_bytes()) / double(loaded);
  std::snprintf(note, sizeof note, "lookup arrays; +%.1f B/prefix kept for updates; %zu nodes, %zu leaves",
                double(pt.shadow_bytes()) / double(loaded), pt.node_count(), pt.leaf_count());
  pop.mem_note = note;

  // --- address streams ---
  std::mt19937_64 rng(42);
  std::vector<uint32_t> uniform(naddrs);
  for (auto& a : uniform) a = static_cast<uint32_t>(rng());
  const std::vector<uint32_t> zipf = zipf_addresses(pfx, naddrs, 43);
  const std::vector<uint32_t>* streams[2] = {&uniform, &zipf};

  // The answers must agree before any of them is timed.
  size_t disagree = 0;
  for (const auto* s : streams)
    for (size_t i = 0; i < std::min<size_t>(s->size(), 200000); ++i) {
      Flowi4 fl;
      fl.daddr = Ipv4Addr((*s)[i]);
      if (route_id(table->lookup(fl)) != route_id(pt.lookup(fl.daddr))) ++disagree;
    }
  if (disagree) std::printf("WARNING: poptrie and fib trie disagree on %zu addresses\n", disagree);

  for (int k = 0; k < 2; ++k) {
    walk.ns[k] = time_lookups(*streams[k], seconds, [&](uint32_t a) {
      Flowi4 fl;
      fl.daddr = Ipv4Addr(a);
      FibResult res;
      const int err = table->table_lookup(fl, res, FIB_LOOKUP_TRIE_ONLY);
      return err == -EAGAIN ? 0u : uint32_t(reinterpret_cast<uintptr_t>(res.route));
    });
    trie.ns[k] = time_lookups(*streams[k], seconds, [&](uint32_t a) {
      Flowi4 fl;
      fl.daddr = Ipv4Addr(a);
      return uint32_t(reinterpret_cast<uintptr_t>(table->lookup(fl)));  // no deref: only the walk
    });
    pop.ns[k] = time_lookups(*streams[k], seconds, [&](uint32_t a) { return pt.lookup_index(a); });
  }

  // --- updates: delete a random sample, then add it back ---
  // Indices into pfx; a prefix comes back with its old next hop id.
  std::vector<uint32_t> sample(pfx.size());
  for (size_t i = 0; i < sample.size(); ++i) sample[i] = uint32_t(i);
  std::shuffle(sample.begin(), sample.end(), rng);
  sample.resize(nupdates);
  t0 = Clock::now();
  for (uint32_t i : sample) (void)table->remove(delete_config(pfx[i]));
  trie.delete_rate = double(nupdates) / secs_since(t0);
  t0 = Clock::now();
  for (uint32_t i : sample) pt.update(*table, Ipv4Addr(pfx[i].dst), pfx[i].plen);
  pop.delete_rate = double(nupdates) / secs_since(t0);
  t0 = Clock::now();
  for (uint32_t i : sample) (void)table->insert(make_route(pfx[i], i + 1), NLM_F_CREATE | NLM_F_EXCL);
  trie.insert_rate = double(nupdates) / secs_since(t0);
  t0 = Clock::now();
  for (uint32_t i : sample) pt.update(*table, Ipv4Addr(pfx[i].dst), pfx[i].plen);
  pop.insert_rate = double(nupdates) / secs_since(t0);
  for (size_t i = 0; i < std::min<size_t>(uniform.size(), 200000); ++i) {
    Flowi4 fl;
    fl.daddr = Ipv4Addr(uniform[i]);
    if (table->lookup(fl) != pt.lookup(fl.daddr)) ++disagree;
  }
  if (disagree) std::printf("WARNING: after updates poptrie and fib trie disagree on %zu addresses\n", disagree);

  // --- DPDK rte_lpm ---
  bool have_lpm = false;
  double lpm_load_s = 0;
#if SKBOX_HAVE_DPDK
  if (!skip_lpm) {
    const char* eal_args[] = {"fib_lookup", "--no-huge", "--no-pci", "-m", "1024", "--no-shconf",
                              "--no-telemetry", "-l", "0", "--log-level=lib.eal:error", nullptr};
    int eal_argc = int(std::size(eal_args)) - 1;
    if (rte_eal_init(eal_argc, const_cast<char**>(eal_args)) < 0) {
      std::printf("rte_lpm: skipped, rte_eal_init failed: %s\n", rte_strerror(rte_errno));
    } else {
      // tbl8 groups: one per /24 that holds longer prefixes, with headroom.
      std::unordered_set<uint32_t> groups;
      for (const Prefix& p : pfx)
        if (p.plen > 24) groups.insert(p.dst >> 8);
      rte_lpm_config cfg{};
      cfg.max_rules = uint32_t(pfx.size() + 1024);
      cfg.number_tbl8s = std::max<uint32_t>(256, uint32_t(groups.size()) * 2);
      rte_lpm* l = rte_lpm_create("fib_lookup", 0, &cfg);
      if (!l) {
        std::printf("rte_lpm: skipped, rte_lpm_create failed: %s\n", rte_strerror(rte_errno));
      } else {
        have_lpm = true;
        t0 = Clock::now();
        for (size_t i = 0; i < pfx.size(); ++i) rte_lpm_add(l, pfx[i].dst, uint8_t(pfx[i].plen), uint32_t(i + 1));
        lpm_load_s = secs_since(t0);
        // Same answers as the trie.
        for (size_t i = 0; i < std::min<size_t>(uniform.size(), 200000); ++i) {
          Flowi4 fl;
          fl.daddr = Ipv4Addr(uniform[i]);
          const FibRoute* r = table->lookup(fl);
          uint32_t nh = 0;
          const bool hit = rte_lpm_lookup(l, uniform[i], &nh) == 0;
          if ((hit ? nh : 0u) != route_id(r)) ++disagree;
        }
        if (disagree) std::printf("WARNING: rte_lpm and fib trie disagree on %zu addresses\n", disagree);
        for (int k = 0; k < 2; ++k)
          lpm.ns[k] = time_lookups(*streams[k], seconds, [&](uint32_t a) {
            uint32_t nh = 0;
            return rte_lpm_lookup(l, a, &nh) == 0 ? nh : 0u;
          });
        t0 = Clock::now();
        for (uint32_t i : sample) rte_lpm_delete(l, pfx[i].dst, uint8_t(pfx[i].plen));
        lpm.delete_rate = double(nupdates) / secs_since(t0);
        t0 = Clock::now();
        for (uint32_t i : sample) rte_lpm_add(l, pfx[i].dst, uint8_t(pfx[i].plen), i + 1);
        lpm.insert_rate = double(nupdates) / secs_since(t0);
        size_t used_tbl8 = 0;
        for (uint32_t g = 0; g < cfg.number_tbl8s; ++g) used_tbl8 += l->tbl8[size_t(g) * 256].valid_group;
        const double tbl24 = double(RTE_LPM_TBL24_NUM_ENTRIES) * sizeof(rte_lpm_tbl_entry);
        const double rules = double(cfg.max_rules) * 8;  // struct rte_lpm_rule: ip + next hop
        const double tbl8_cfg = double(cfg.number_tbl8s) * 256 * sizeof(rte_lpm_tbl_entry);
        lpm.bytes_per_prefix = (tbl24 + tbl8_cfg + rules) / double(loaded);
        std::snprintf(note, sizeof note, "tbl24 64 MiB + %u tbl8s configured (%zu used) + %u rules",
                      cfg.number_tbl8s, used_tbl8, cfg.max_rules);
        lpm.mem_note = note;
        rte_lpm_free(l);
      }
      rte_eal_cleanup();
    }
  }
#else
  (void)skip_lpm;
  std::printf("rte_lpm: skipped, built without DPDK (libdpdk-dev, pkg-config libdpdk)\n");
#endif

  // --- the real kernel, in a namespace of its own (last: it moves us) ---
  kernel_fib::Result kr;
  uint64_t skbox_hits[2] = {0, 0};
  if (skip_kernel) {
    kr.why = "--no-kernel";
  } else {
    std::vector<kernel_fib::Prefix> kp(pfx.size());
    for (size_t i = 0; i < pfx.size(); ++i) kp[i] = kernel_fib::Prefix{pfx[i].dst, pfx[i].plen};
    kr = kernel_fib::measure(kp, streams, seconds, sample);
    // The kernel's table also holds its link's connected 10.255.0.0/16.
    for (int k = 0; kr.ok && k < 2; ++k)
      for (size_t i = 0; i < kr.looked_up[k]; ++i) {
        Flowi4 fl;
        fl.daddr = Ipv4Addr((*streams[k])[i]);
        skbox_hits[k] += table->lookup(fl) != nullptr || ((*streams[k])[i] >> 16) == 0x0aff;
      }
  }

  std::printf("\nfull build: fib trie insert of %zu prefixes %.2f s, poptrie compile %.3f s", loaded, trie_load_s,
              pop_build_s);
  if (have_lpm) std::printf(", rte_lpm add of all %.2f s", lpm_load_s);
  if (kr.ok) std::printf(", kernel ip -batch of all %.2f s (%zu routes loaded)", kr.load_s, kr.loaded);
  {
    const TrieStat st = table->trie().stats();  // as /proc/net/fib_triestat reports it
    std::printf("\nfib trie shape: %u leaves, %u internal nodes, average depth %.2f, max depth %u",
                st.leaves, st.tnodes, st.leaves ? double(st.totdepth) / st.leaves : 0.0, st.maxdepth);
  }
  std::printf("\n\nlookups, one core (%zu pre-generated destinations per stream, >= %.1f s each):\n", naddrs,
              seconds);
  std::printf("  uniform: uniformly random 32-bit addresses\n");
  std::printf("  zipf:    Zipf(1) over the prefixes in random order, uniform address inside the prefix\n");
  std::printf("  (throughput of independent lookups; poptrie inlined, compiled with -mpopcnt;\n"
              "   rte_lpm's 64 MiB tbl24 sits on EAL --no-huge 4 KiB pages, so random lookups miss the TLB)\n");
  std::printf("  %-16s %12s %12s %12s %12s\n", "", "uniform ns", "uniform M/s", "zipf ns", "zipf M/s");
  for (const Row* r : {&walk, &trie, &pop, &lpm}) {
    if (r == &lpm && !have_lpm) continue;
    std::printf("  %-16s %12.1f %12.2f %12.1f %12.2f\n", r->name, r->ns[0], 1e3 / r->ns[0], r->ns[1], 1e3 / r->ns[1]);
  }
  if (kr.ok) {
    const double trie_ns[2] = {kr.ns[0] - kr.helper_ns[0], kr.ns[1] - kr.helper_ns[1]};
    std::printf("  %-16s %12.1f %12.2f %12.1f %12.2f\n", "kernel helper", kr.ns[0], 1e3 / kr.ns[0], kr.ns[1],
                1e3 / kr.ns[1]);
    std::printf("  %-16s %12.1f %12.2f %12.1f %12.2f\n", "kernel trie", trie_ns[0], 1e3 / trie_ns[0], trie_ns[1],
                1e3 / trie_ns[1]);
    std::printf("  (kernel: Linux %s in a namespace of this process, the same prefixes; BPF_PROG_TEST_RUN loops\n"
                "   bpf_fib_lookup(DIRECT, SKIP_NEIGH) over the first %zu destinations of each stream.\n"
                "   helper: the loop's own cost subtracted (as timed: %.1f / %.1f ns).\n"
                "   trie: helper less the helper's own work (%.1f / %.1f ns: timed on an empty table and on one\n"
                "   default route, weighted by the stream's hit rate), which leaves fib_table_lookup's walk.\n"
                "   routes found: kernel %llu / %llu, skbox %llu / %llu)\n",
                kernel_release().c_str(), kr.looked_up[0], kr.raw_ns[0], kr.raw_ns[1], kr.helper_ns[0],
                kr.helper_ns[1], (unsigned long long)kr.hits[0], (unsigned long long)kr.hits[1],
                (unsigned long long)skbox_hits[0], (unsigned long long)skbox_hits[1]);
    if (kr.hits[0] != skbox_hits[0] || kr.hits[1] != skbox_hits[1]) {
      std::printf("WARNING: the kernel and skbox found routes for different numbers of destinations\n");
      ++disagree;
    }
  } else {
    std::printf("  kernel fib: skipped (%s)\n", kr.why.c_str());
  }
  std::printf("\nupdates (%zu random prefixes of the loaded table deleted, then added back):\n", nupdates);
  print_rate_line("FibTable::remove (trie and compiled copy)", trie.delete_rate);
  print_rate_line("FibTable::insert (trie and compiled copy)", trie.insert_rate);
  print_rate_line("poptrie incremental update after delete", pop.delete_rate);
  print_rate_line("poptrie incremental update after insert", pop.insert_rate);
  if (kr.ok) {
    print_rate_line("kernel, ip -batch route del", kr.delete_rate);
    print_rate_line("kernel, ip -batch route add", kr.insert_rate);
  }
  if (have_lpm) {
    print_rate_line("rte_lpm_delete", lpm.delete_rate);
    print_rate_line("rte_lpm_add", lpm.insert_rate);
  }
  std::printf("\nmemory per prefix (fib_table_lookup's compiled copy is the poptrie's):\n");
  for (const Row* r : {&walk, &pop, &lpm}) {
    if (r == &lpm && !have_lpm) continue;
    std::printf("  %-16s %10.1f B  (%s)\n", r->name, r->bytes_per_prefix, r->mem_note.c_str());
  }
  if (have_lpm) {
    std::printf("\nratios vs rte_lpm (lookup time, higher = slower):\n");
    std::printf("  %-24s uniform %6.2fx   zipf %6.2fx\n", "trie walk / rte_lpm", walk.ns[0] / lpm.ns[0],
                walk.ns[1] / lpm.ns[1]);
    std::printf("  %-24s uniform %6.2fx   zipf %6.2fx\n", "fib_table_lookup / rte_lpm", trie.ns[0] / lpm.ns[0],
                trie.ns[1] / lpm.ns[1]);
    std::printf("  %-24s uniform %6.2fx   zipf %6.2fx\n", "poptrie / rte_lpm", pop.ns[0] / lpm.ns[0],
                pop.ns[1] / lpm.ns[1]);
    std::printf("  update rate (insert, delete): trie %.2fx %.2fx, poptrie %.2fx %.2fx of rte_lpm\n",
                trie.insert_rate / lpm.insert_rate, trie.delete_rate / lpm.delete_rate,
                pop.insert_rate / lpm.insert_rate, pop.delete_rate / lpm.delete_rate);
  }
  if (kr.ok) {
    std::printf("\nratios vs the kernel's trie walk on this machine (lookup time, lower = faster):\n");
    for (const Row* r : {&walk, &trie, &pop, &lpm}) {
      if (r == &lpm && !have_lpm) continue;
      std::printf("  %-24s uniform %6.2fx   zipf %6.2fx\n", r->name, r->ns[0] / (kr.ns[0] - kr.helper_ns[0]),
                  r->ns[1] / (kr.ns[1] - kr.helper_ns[1]));
    }
    std::printf("  update rate (insert, delete): FibTable %.0fx %.0fx of the kernel through ip -batch\n",
                trie.insert_rate / kr.insert_rate, trie.delete_rate / kr.delete_rate);
  }
  return disagree ? 1 : 0;
}
