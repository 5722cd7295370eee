// The real kernel's IPv4 route lookup, measured on this machine in the same
// run as skbox's (bench/fib_lookup.cpp). The process moves itself into a new
// network namespace (never the host's), loads the same prefixes there with
// `ip -batch`, and times the kernel's fib_table_lookup through the BPF helper
// bpf_fib_lookup: an XDP program, run by BPF_PROG_TEST_RUN, walks the
// pre-generated destinations with bpf_loop and looks each one up in the main
// table (BPF_FIB_LOOKUP_DIRECT, SKIP_NEIGH), so the time is the kernel's own
// lookup plus the helper's result handling. A second program does the same
// loop without the helper call; its time is subtracted.
//
// The BPF program is a few instructions assembled here. bpf_fib_lookup is
// offered only to programs that declare a GPL-compatible licence, so the
// program declares "Dual BSD/GPL": it is skbox's own code, and the string
// only tells the kernel it may call the helper.
#pragma once
#include <linux/bpf.h>
#include <linux/btf.h>
#include <net/if.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <sched.h>

#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace kernel_fib {

struct Prefix {
  uint32_t dst;
  int plen;
};

struct Result {
  bool ok = false;
  std::string why;             // when !ok
  double load_s = 0;           // ip -batch of every prefix
  size_t loaded = 0;           // prefixes the kernel accepted
  double ns[2] = {0, 0};       // per lookup, loop overhead subtracted
  double raw_ns[2] = {0, 0};   // per lookup as timed
  double helper_ns[2] = {0, 0};  // of ns: bpf_fib_lookup's own share, the rest is the trie walk
  uint64_t hits[2] = {0, 0};   // lookups that found a unicast route
  size_t looked_up[2] = {0, 0};
  double delete_rate = 0, insert_rate = 0;  // ip -batch, one netlink request per route
};

namespace detail {

inline long bpf(int cmd, union bpf_attr* a) { return syscall(SYS_bpf, cmd, a, sizeof *a); }

inline bpf_insn insn(uint8_t code, uint8_t dst, uint8_t src, int16_t off, int32_t imm) {
  bpf_insn i{};
  i.code = code;
  i.dst_reg = dst & 0xf;
  i.src_reg = src & 0xf;
  i.off = off;
  i.imm = imm;
  return i;
}
inline bpf_insn mov_reg(int d, int s) { return insn(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0); }
inline bpf_insn mov_imm(int d, int32_t v) { return insn(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, v); }
inline bpf_insn add_imm(int d, int32_t v) { return insn(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, v); }
inline bpf_insn st_imm(int size, int d, int16_t off, int32_t v) { return insn(BPF_ST | BPF_MEM | size, d, 0, off, v); }
inline bpf_insn stx(int size, int d, int s, int16_t off) { return insn(BPF_STX | BPF_MEM | size, d, s, off, 0); }
inline bpf_insn ldx(int size, int d, int s, int16_t off) { return insn(BPF_LDX | BPF_MEM | size, d, s, off, 0); }
inline bpf_insn call(int32_t helper) { return insn(BPF_JMP | BPF_CALL, 0, 0, 0, helper); }
inline bpf_insn jeq_imm(int d, int32_t v, int16_t off) { return insn(BPF_JMP | BPF_JEQ | BPF_K, d, 0, off, v); }
inline bpf_insn jne_imm(int d, int32_t v, int16_t off) { return insn(BPF_JMP | BPF_JNE | BPF_K, d, 0, off, v); }
inline bpf_insn exit_insn() { return insn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0); }
inline void ld_imm64(std::vector<bpf_insn>& p, int d, int src, int32_t imm) {
  p.push_back(insn(BPF_LD | BPF_DW | BPF_IMM, d, src, 0, imm));
  p.push_back(insn(0, 0, 0, 0, 0));
}

// The loop state on the main program's stack, handed to the callback:
// [0] hits, [8] the XDP context (spilled), [16] struct bpf_fib_lookup.
constexpr int kState = -16 - int(sizeof(bpf_fib_lookup));
constexpr int kParams = 16;

// Main program: zero the state, call bpf_loop(n, callback, &state), return
// the hit count. The callback reads destination `index` from the address
// map, looks it up (or not, for the baseline) and counts successes.
struct Program {
  std::vector<bpf_insn> insns;
  uint32_t callback_at = 0;  // first instruction of the callback
};
inline Program program(int map_fd, uint32_t n, int ifindex, bool lookup) {
  Program prog;
  std::vector<bpf_insn>& p = prog.insns;
  p.push_back(mov_reg(6, 1));
  for (int off = kState; off < 0; off += 8) p.push_back(st_imm(BPF_DW, 10, int16_t(off), 0));
  p.push_back(stx(BPF_DW, 10, 6, int16_t(kState + 8)));
  p.push_back(mov_imm(1, int32_t(n)));
  const size_t at = p.size();
  ld_imm64(p, 2, BPF_PSEUDO_FUNC, 0);  // patched below: callback offset
  p.push_back(mov_reg(3, 10));
  p.push_back(add_imm(3, kState));
  p.push_back(mov_imm(4, 0));
  p.push_back(call(BPF_FUNC_loop));
  p.push_back(ldx(BPF_DW, 0, 10, int16_t(kState)));
  p.push_back(exit_insn());
  p[at].imm = int32_t(p.size() - at - 1);
  prog.callback_at = uint32_t(p.size());

  // callback(index = r1, state = r2)
  const int16_t params = kParams;
  p.push_back(mov_reg(6, 2));
  p.push_back(stx(BPF_W, 10, 1, -4));
  ld_imm64(p, 1, BPF_PSEUDO_MAP_FD, map_fd);
  p.push_back(mov_reg(2, 10));
  p.push_back(add_imm(2, -4));
  p.push_back(call(BPF_FUNC_map_lookup_elem));
  std::vector<bpf_insn> body;
  // A successful lookup rewrites the parameters (egress device, gateway,
  // MTU, addresses): start each lookup from a fresh copy.
  for (int off = 0; off < int(sizeof(bpf_fib_lookup)); off += 8) body.push_back(st_imm(BPF_DW, 6, int16_t(params + off), 0));
  body.push_back(st_imm(BPF_B, 6, int16_t(params + offsetof(bpf_fib_lookup, family)), 2 /* AF_INET */));
  body.push_back(st_imm(BPF_W, 6, int16_t(params + offsetof(bpf_fib_lookup, ifindex)), ifindex));
  body.push_back(ldx(BPF_W, 1, 0, 0));
  body.push_back(stx(BPF_W, 6, 1, int16_t(params + offsetof(bpf_fib_lookup, ipv4_dst))));
  if (lookup) {
    body.push_back(ldx(BPF_DW, 1, 6, 8));
    body.push_back(mov_reg(2, 6));
    body.push_back(add_imm(2, params));
    body.push_back(mov_imm(3, int32_t(sizeof(bpf_fib_lookup))));
    body.push_back(mov_imm(4, BPF_FIB_LOOKUP_DIRECT | BPF_FIB_LOOKUP_SKIP_NEIGH));
    body.push_back(call(BPF_FUNC_fib_lookup));
  } else {
    body.push_back(mov_imm(0, BPF_FIB_LKUP_RET_SUCCESS));
  }
  body.push_back(jne_imm(0, BPF_FIB_LKUP_RET_SUCCESS, 3));
  body.push_back(ldx(BPF_DW, 1, 6, 0));
  body.push_back(add_imm(1, 1));
  body.push_back(stx(BPF_DW, 6, 1, 0));
  p.push_back(jeq_imm(0, 0, int16_t(body.size())));
  p.insert(p.end(), body.begin(), body.end());
  p.push_back(mov_imm(0, 0));
  p.push_back(exit_insn());
  return prog;
}

// bpf_loop's callback must be described by BTF (func_info): the smallest
// BTF that does it has an int, one prototype and the two functions.
inline int load_btf(std::string* err) {
  const char strings[] = "\0int\0main\0cb";
  const uint32_t types[] = {
      1, BTF_KIND_INT << 24, 4, (BTF_INT_SIGNED << 24) | 32,  // [1] int
      0, BTF_KIND_FUNC_PROTO << 24, 1,                          // [2] int (void)
      5, BTF_KIND_FUNC << 24, 2,                                // [3] main
      10, BTF_KIND_FUNC << 24, 2,                               // [4] cb
  };
  std::vector<char> blob(sizeof(btf_header) + sizeof types + sizeof strings);
  btf_header h{};
  h.magic = BTF_MAGIC;
  h.version = BTF_VERSION;
  h.hdr_len = sizeof h;
  h.type_off = 0;
  h.type_len = sizeof types;
  h.str_off = sizeof types;
  h.str_len = sizeof strings;
  std::memcpy(blob.data(), &h, sizeof h);
  std::memcpy(blob.data() + sizeof h, types, sizeof types);
  std::memcpy(blob.data() + sizeof h + sizeof types, strings, sizeof strings);
  union bpf_attr a {};
  a.btf = reinterpret_cast<uintptr_t>(blob.data());
  a.btf_size = uint32_t(blob.size());
  const int fd = int(bpf(BPF_BTF_LOAD, &a));
  if (fd < 0) *err = std::string("BPF_BTF_LOAD: ") + std::strerror(errno);
  return fd;
}

inline int load(const std::vector<bpf_insn>& p, uint32_t callback_at, std::string* err) {
  static char log[1 << 16];
  log[0] = 0;
  const int btf = load_btf(err);
  if (btf < 0) return -1;
  const bpf_func_info funcs[2] = {{0, 3}, {callback_at, 4}};
  union bpf_attr a {};
  a.prog_btf_fd = uint32_t(btf);
  a.func_info_rec_size = sizeof(bpf_func_info);
  a.func_info = reinterpret_cast<uintptr_t>(funcs);
  a.func_info_cnt = 2;
  a.prog_type = BPF_PROG_TYPE_XDP;
  a.insns = reinterpret_cast<uintptr_t>(p.data());
  a.insn_cnt = uint32_t(p.size());
  a.license = reinterpret_cast<uintptr_t>("Dual BSD/GPL");
  a.log_buf = reinterpret_cast<uintptr_t>(log);
  a.log_size = sizeof log;
  a.log_level = 1;
  const int fd = int(bpf(BPF_PROG_LOAD, &a));
  close(btf);
  if (fd < 0) *err = std::string("BPF_PROG_LOAD: ") + std::strerror(errno) + "\n" + log;
  return fd;
}

// Runs prog once; returns its return value (hits) and the kernel's timing.
inline bool run(int prog, uint32_t* retval, double* ns) {
  unsigned char pkt[64] = {};
  union bpf_attr a {};
  a.test.prog_fd = uint32_t(prog);
  a.test.data_in = reinterpret_cast<uintptr_t>(pkt);
  a.test.data_size_in = sizeof pkt;
  a.test.repeat = 1;
  if (bpf(BPF_PROG_TEST_RUN, &a) < 0) return false;
  *retval = a.test.retval;
  *ns = double(a.test.duration);
  return true;
}

inline bool shell(const std::string& cmd) { return std::system(cmd.c_str()) == 0; }

inline std::string dotted(uint32_t a) {
  char b[20];
  std::snprintf(b, sizeof b, "%u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
  return b;
}

// `ip -force -batch -` over the given lines; returns seconds taken.
inline double batch(const std::vector<std::string>& lines) {
  const auto t0 = std::chrono::steady_clock::now();
  FILE* f = popen("ip -force -batch - >/dev/null 2>&1", "w");
  if (!f) return -1;
  for (const std::string& l : lines) std::fputs(l.c_str(), f);
  pclose(f);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

inline std::string route_line(const char* verb, const Prefix& p, size_t i) {
  // 16 gateways on one link, as a router's few peers: the kernel shares one
  // fib_info per gateway, as it would for a real feed.
  return std::string("route ") + verb + " " + dotted(p.dst) + "/" + std::to_string(p.plen) + " via 10.255.0." +
         std::to_string(2 + i % 16) + "\n";
}

}  // namespace detail

// Loads pfx into a fresh namespace and times lookups of both streams for at
// least `seconds` each; sample: prefix indices for the update timing.
inline Result measure(const std::vector<Prefix>& pfx, const std::vector<uint32_t>* streams[2], double seconds,
                      const std::vector<uint32_t>& sample) {
  using namespace detail;
  Result r;
  if (geteuid() != 0) return r.why = "needs root", r;
  if (unshare(CLONE_NEWNET) != 0) return r.why = std::string("unshare(CLONE_NEWNET): ") + std::strerror(errno), r;
  if (!shell("ip link add kfib0 type veth peer name kfib1 && ip link set kfib0 up && ip link set kfib1 up && "
             "ip addr add 10.255.0.1/16 dev kfib0 && sysctl -qw net.ipv4.ip_forward=1"))
    return r.why = "could not set up a veth in the new namespace", r;
  const int ifindex = int(if_nametoindex("kfib0"));  // /sys shows the host's devices

  std::vector<std::string> lines;
  lines.reserve(pfx.size());
  for (size_t i = 0; i < pfx.size(); ++i) lines.push_back(route_line("add", pfx[i], i));
  r.load_s = batch(lines);
  {
    FILE* f = popen("ip route show table main | wc -l", "r");
    size_t n = 0;
    if (f) {
      if (std::fscanf(f, "%zu", &n) != 1) n = 0;
      pclose(f);
    }
    r.loaded = n ? n - 1 : 0;  // less the connected route of kfib0
  }

  // Per stream: the address map and the two programs over it.
  struct Stream {
    int map = -1, with = -1, without = -1;
    uint32_t n = 0;
    ~Stream() {
      for (int fd : {map, with, without})
        if (fd >= 0) close(fd);
    }
  } st[2];
  const uint32_t kMaxLoop = 1u << 23;  // BPF_MAX_LOOPS
  for (int k = 0; k < 2; ++k) {
    const std::vector<uint32_t>& s = *streams[k];
    Stream& x = st[k];
    x.n = uint32_t(std::min<size_t>(s.size(), kMaxLoop));
    union bpf_attr a {};
    a.map_type = BPF_MAP_TYPE_ARRAY;
    a.key_size = 4;
    a.value_size = 8;  // array values sit 8 bytes apart anyway
    a.max_entries = x.n;
    a.map_flags = BPF_F_MMAPABLE;
    x.map = int(bpf(BPF_MAP_CREATE, &a));
    if (x.map < 0) return r.why = std::string("BPF_MAP_CREATE: ") + std::strerror(errno), r;
    void* mem = mmap(nullptr, size_t(x.n) * 8, PROT_READ | PROT_WRITE, MAP_SHARED, x.map, 0);
    if (mem == MAP_FAILED) return r.why = std::string("mmap of the map: ") + std::strerror(errno), r;
    auto* v = static_cast<uint64_t*>(mem);
    for (uint32_t i = 0; i < x.n; ++i) v[i] = __builtin_bswap32(s[i]);  // network order, as ipv4_dst
    munmap(mem, size_t(x.n) * 8);
    const Program pw = program(x.map, x.n, ifindex, true), pb = program(x.map, x.n, ifindex, false);
    x.with = load(pw.insns, pw.callback_at, &r.why);
    if (x.with < 0) return r;
    x.without = load(pb.insns, pb.callback_at, &r.why);
    if (x.without < 0) return r;
  }
  // ns per lookup with the loop's own cost subtracted (and as timed).
  auto time = [&](const Stream& x, double* raw, uint32_t* hits) {
    uint32_t dummy = 0;
    double t = 0, total = 0, base = 0;
    size_t runs = 0;
    run(x.with, hits, &t);  // warm-up
    do {
      if (!run(x.with, hits, &t)) return -1.0;
      total += t;
      double b = 0;
      run(x.without, &dummy, &b);
      base += b;
      ++runs;
    } while (total < seconds * 1e9);
    *raw = total / double(runs * x.n);
    return (total - base) / double(runs * x.n);
  };
  for (int k = 0; k < 2; ++k) {
    uint32_t hits = 0;
    r.ns[k] = time(st[k], &r.raw_ns[k], &hits);
    if (r.ns[k] < 0) return r.why = std::string("BPF_PROG_TEST_RUN: ") + std::strerror(errno), r;
    r.hits[k] = hits;
    r.looked_up[k] = st[k].n;
  }

  lines.clear();
  for (uint32_t i : sample) lines.push_back(route_line("del", pfx[i], i));
  r.delete_rate = double(sample.size()) / batch(lines);
  lines.clear();
  for (uint32_t i : sample) lines.push_back(route_line("add", pfx[i], i));
  r.insert_rate = double(sample.size()) / batch(lines);

  // The helper's own work (device, forwarding and table checks; for a hit
  // also the result and MTU handling) on tables that answer at once: empty
  // (every lookup misses) and only a default route (every lookup hits).
  // Weighted by the stream's hit rate it is what the helper costs besides
  // fib_table_lookup's walk.
  if (!shell("ip route flush proto boot")) return r.why = "ip route flush failed", r;
  double miss_ns[2], hit_ns[2];
  for (int k = 0; k < 2; ++k) {
    uint32_t hits = 0;
    double raw = 0;
    miss_ns[k] = time(st[k], &raw, &hits);
  }
  if (!shell("ip route add default via 10.255.0.2")) return r.why = "ip route add default failed", r;
  for (int k = 0; k < 2; ++k) {
    uint32_t hits = 0;
    double raw = 0;
    hit_ns[k] = time(st[k], &raw, &hits);
    const double rate = double(r.hits[k]) / double(r.looked_up[k]);
    r.helper_ns[k] = miss_ns[k] + rate * (hit_ns[k] - miss_ns[k]);
  }
  r.ok = true;
  return r;
}

}  // namespace kernel_fib
