// Macro benchmark: 65507-byte UDP datagrams across an MTU-1500 veth pair,
// so each is cut into 45 fragments by ip_fragment and put back together by
// ip_defrag. Datagrams per second of wall time, skbox vs the real kernel in
// the same run; the kernel side needs root and network namespaces and is
// skipped (with a message) otherwise.
//   udp_frag [COUNT [BATCH]]
// Both sides send BATCH datagrams, let them arrive, then read them all and
// check count and length; COUNT datagrams are timed after a warm-up.
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "cli/shell/shell.h"
#include "cli/sink.h"
#include "core/snmp.h"
#include "net/net.h"
#include "net/socket.h"
#include "net/world.h"
#include "transport/udp.h"

// Every operator new is counted, so steady-state allocations per datagram
// can be reported beside the pool's own count.
namespace {
std::atomic<long> g_allocs{0};
}
void* operator new(std::size_t n) {
  g_allocs.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

constexpr uint32_t kPayload = 65507;  // the largest UDP payload over IPv4
constexpr uint16_t kPort = 5000;
constexpr int kRcvbuf = 4 << 20;      // 8 MiB after doubling: a batch of 64 fits

// The same topology on both sides.
constexpr const char* kSetup =
    "ip netns add a\nip netns add b\n"
    // No IPv6: its address configuration timers (DAD, router solicitation)
    // would run during the measurement.
    "ip netns exec a sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1\n"
    "ip netns exec b sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1\n"
    "ip link add va netns a type veth peer name vb netns b\n"
    "ip -n a link set va mtu 1500\nip -n b link set vb mtu 1500\n"
    "ip -n a addr add 10.0.0.1/24 dev va\nip -n b addr add 10.0.0.2/24 dev vb\n"
    "ip -n a link set va up\nip -n b link set vb up\n"
    "ip -n a link set lo up\nip -n b link set lo up\n";

struct Result {
  bool ok = false;
  double rate = 0;            // datagrams per second
  long allocs = -1;           // operator new calls while timed
  uint64_t pool_allocs = 0;   // of which SkbPool heap refills
  uint64_t frag_creates = 0, reasm_oks = 0;  // deltas over the timed run
  std::string why;            // when not ok
};

Result run_skbox(long count, int batch) {
  using namespace skbox;
  Result r;
  World w(1);
  StringSink out, err;
  if (run_script(w, kSetup, "setup", out, err) != 0) {
    r.why = "setup failed: " + out.data + err.data;
    return r;
  }
  Net* a = w.netns_find("a");
  Net* b = w.netns_find("b");
  // As on the kernel side (net.core.rmem_max is 4 MiB on the oracle).
  b->core.rmem_max = kRcvbuf;
  std::unique_ptr<Socket> rx, tx;
  sock_create(*b, AF_INET, SOCK_DGRAM, 0, &rx);
  sock_create(*a, AF_INET, SOCK_DGRAM, 0, &tx);
  if (!rx || !tx || rx->bind({Ipv4Addr(), kPort}) != 0 || rx->setsockopt(SOL_SOCKET, SO_RCVBUF, kRcvbuf) != 0) {
    r.why = "socket setup failed";
    return r;
  }
  const SockAddrIn to{Ipv4Addr::of(10, 0, 0, 2), kPort};
  std::vector<uint8_t> payload(kPayload), buf(kPayload + 1);
  for (uint32_t i = 0; i < kPayload; ++i) payload[i] = static_cast<uint8_t>(i * 7);
  long bad = 0;
  auto round = [&](int k) {
    for (int i = 0; i < k; ++i) {
      payload[0] = static_cast<uint8_t>(i);
      if (tx->sendmsg(payload, &to, 0) != kPayload) ++bad;
    }
    w.loop.run_until(w.now() + kMsec);
    for (int i = 0; i < k; ++i) {
      RecvInfo info;
      const long n = rx->recvmsg(buf, &info, 0);
      if (n != kPayload || buf[0] != static_cast<uint8_t>(i) || buf[kPayload - 1] != payload[kPayload - 1]) ++bad;
    }
    RecvInfo info;
    if (rx->recvmsg(buf, &info, 0) != -EAGAIN) ++bad;  // nothing extra
  };
  // One datagram first: its fragments wait in the neighbour's queue while
  // ARP resolves (the kernel answers ARP within the send; skbox's loop runs
  // afterwards), and a whole batch would overflow unres_qlen_bytes.
  round(1);
  for (int i = 0; i < 20; ++i) round(batch);  // pool and queues warm
  if (bad) {
    r.why = "warm-up: " + std::to_string(bad) + " datagrams lost or damaged (sent " +
            std::to_string(a->mib.udp[UdpMib::OutDatagrams]) + ", FragCreates " +
            std::to_string(a->mib.ip[IpMib::FragCreates]) + ", ReasmOKs " + std::to_string(b->mib.ip[IpMib::ReasmOKs]) +
            ", ReasmFails " + std::to_string(b->mib.ip[IpMib::ReasmFails]) + ", RcvbufErrors " +
            std::to_string(b->mib.udp[UdpMib::RcvbufErrors]) + ")";
    return r;
  }
  // Whole content check once (the timed loop checks count, length, ends).
  tx->sendmsg(payload, &to, 0);
  w.loop.run_until(w.now() + kMsec);
  RecvInfo info;
  if (rx->recvmsg(buf, &info, 0) != kPayload || std::memcmp(buf.data(), payload.data(), kPayload) != 0) {
    r.why = "datagram damaged";
    return r;
  }
  const uint64_t fc0 = a->mib.ip[IpMib::FragCreates], ro0 = b->mib.ip[IpMib::ReasmOKs];
  const uint64_t pool0 = w.pool.heap_allocations();
  const long alloc0 = g_allocs.load();
  const long rounds = (count + batch - 1) / batch;
  const auto t0 = std::chrono::steady_clock::now();
  for (long i = 0; i < rounds; ++i) round(batch);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double n = double(rounds) * batch;
  r.allocs = g_allocs.load() - alloc0;
  r.pool_allocs = w.pool.heap_allocations() - pool0;
  r.frag_creates = a->mib.ip[IpMib::FragCreates] - fc0;
  r.reasm_oks = b->mib.ip[IpMib::ReasmOKs] - ro0;
  if (bad) {
    r.why = std::to_string(bad) + " datagrams lost or damaged";
    return r;
  }
  r.rate = n / secs;
  r.ok = true;
  return r;
}

// --- kernel side: runs in a forked child inside its own network and mount
// namespaces, so the host's namespace is never touched. ---

bool sh(const char* cmd) { return std::system(cmd) == 0; }

// Ip FragCreates and ReasmOKs of the namespace the calling thread is in.
bool ip_snmp(uint64_t* frag_creates, uint64_t* reasm_oks) {
  FILE* f = std::fopen("/proc/self/net/snmp", "r");
  if (!f) return false;
  char head[4096], vals[4096];
  bool found = false;
  while (std::fgets(head, sizeof head, f) && std::fgets(vals, sizeof vals, f)) {
    if (std::strncmp(head, "Ip:", 3) != 0) continue;
    char* hs = nullptr;
    char* vs = nullptr;
    char* h = strtok_r(head, " \n", &hs);
    char* v = strtok_r(vals, " \n", &vs);
    while (h && v) {
      if (!std::strcmp(h, "FragCreates")) *frag_creates = std::strtoull(v, nullptr, 10);
      if (!std::strcmp(h, "ReasmOKs")) *reasm_oks = std::strtoull(v, nullptr, 10);
      h = strtok_r(nullptr, " \n", &hs);
      v = strtok_r(nullptr, " \n", &vs);
    }
    found = true;
    break;
  }
  std::fclose(f);
  return found;
}

// The child's work; writes a Result's numbers to `fd`.
int kernel_child(long count, int batch, int fd) {
  auto fail = [&](const char* why) {
    dprintf(fd, "fail %s\n", why);
    return 1;
  };
  if (unshare(CLONE_NEWNET | CLONE_NEWNS) != 0) return fail("unshare(CLONE_NEWNET|CLONE_NEWNS) failed");
  if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return fail("mount --make-rprivate / failed");
  ::mkdir("/run/netns", 0755);
  if (mount("tmpfs", "/run/netns", "tmpfs", 0, nullptr) != 0) return fail("tmpfs on /run/netns failed");
  std::string script = std::string("set -e\n") + kSetup;
  std::string cmd = "sh -c '" + script + "' >/dev/null 2>&1";
  if (!sh(cmd.c_str())) return fail("ip setup failed");
  const int ns_a = open("/run/netns/a", O_RDONLY), ns_b = open("/run/netns/b", O_RDONLY);
  if (ns_a < 0 || ns_b < 0) return fail("cannot open /run/netns/{a,b}");
  // A socket belongs to the namespace it was created in: make the receiver
  // in b, the sender in a, then use both from this one thread.
  if (setns(ns_b, CLONE_NEWNET) != 0) return fail("setns b");
  const int rx = socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in sin{};
  sin.sin_family = AF_INET;
  sin.sin_port = htons(kPort);
  if (rx < 0 || bind(rx, reinterpret_cast<sockaddr*>(&sin), sizeof sin) != 0) return fail("receiver socket");
  int v = 2 * kRcvbuf;  // SO_RCVBUFFORCE ignores rmem_max
  if (setsockopt(rx, SOL_SOCKET, SO_RCVBUFFORCE, &v, sizeof v) != 0 &&
      setsockopt(rx, SOL_SOCKET, SO_RCVBUF, &kRcvbuf, sizeof kRcvbuf) != 0)
    return fail("SO_RCVBUF");
  timeval tv{1, 0};  // a lost datagram must not hang the run
  setsockopt(rx, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (setns(ns_a, CLONE_NEWNET) != 0) return fail("setns a");
  const int tx = socket(AF_INET, SOCK_DGRAM, 0);
  if (tx < 0) return fail("sender socket");
  v = 4 << 20;
  setsockopt(tx, SOL_SOCKET, SO_SNDBUFFORCE, &v, sizeof v);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(kPort);
  to.sin_addr.s_addr = htonl(0x0a000002);
  std::vector<uint8_t> payload(kPayload), buf(kPayload + 1);
  for (uint32_t i = 0; i < kPayload; ++i) payload[i] = static_cast<uint8_t>(i * 7);
  long bad = 0;
  auto round = [&](int k) {
    for (int i = 0; i < k; ++i) {
      payload[0] = static_cast<uint8_t>(i);
      if (sendto(tx, payload.data(), kPayload, 0, reinterpret_cast<sockaddr*>(&to), sizeof to) != kPayload) ++bad;
    }
    for (int i = 0; i < k; ++i) {
      const ssize_t n = recv(rx, buf.data(), buf.size(), 0);
      if (n != kPayload || buf[0] != static_cast<uint8_t>(i) || buf[kPayload - 1] != payload[kPayload - 1]) {
        ++bad;
        if (n < 0) break;  // timed out: the rest are lost too
      }
    }
  };
  round(1);
  for (int i = 0; i < 20; ++i) round(batch);
  if (bad) return fail("warm-up datagrams lost or damaged");
  uint64_t fc0 = 0, ro0 = 0, fc1 = 0, ro1 = 0, unused = 0;
  ip_snmp(&fc0, &unused);  // this thread is in a
  setns(ns_b, CLONE_NEWNET);
  ip_snmp(&unused, &ro0);
  setns(ns_a, CLONE_NEWNET);
  const long rounds = (count + batch - 1) / batch;
  const auto t0 = std::chrono::steady_clock::now();
  for (long i = 0; i < rounds; ++i) round(batch);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ip_snmp(&fc1, &unused);
  setns(ns_b, CLONE_NEWNET);
  ip_snmp(&unused, &ro1);
  if (bad) {
    dprintf(fd, "fail %ld datagrams lost or damaged\n", bad);
    return 1;
  }
  dprintf(fd, "ok %.1f %llu %llu\n", double(rounds) * batch / secs, static_cast<unsigned long long>(fc1 - fc0),
          static_cast<unsigned long long>(ro1 - ro0));
  return 0;
}

Result run_kernel(long count, int batch) {
  Result r;
  if (geteuid() != 0) {
    r.why = "skipped: needs root (unshare CLONE_NEWNET, veth)";
    return r;
  }
  int p[2];
  if (pipe(p) != 0) {
    r.why = "pipe failed";
    return r;
  }
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    close(p[0]);
    _exit(kernel_child(count, batch, p[1]));
  }
  close(p[1]);
  std::string msg;
  char c[256];
  ssize_t n;
  while ((n = read(p[0], c, sizeof c)) > 0) msg.append(c, static_cast<size_t>(n));
  close(p[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  double rate = 0;
  unsigned long long fc = 0, ro = 0;
  if (std::sscanf(msg.c_str(), "ok %lf %llu %llu", &rate, &fc, &ro) == 3) {
    r.ok = true;
    r.rate = rate;
    r.frag_creates = fc;
    r.reasm_oks = ro;
  } else {
    r.why = msg.rfind("fail ", 0) == 0 ? "skipped: " + msg.substr(5) : "skipped: kernel side gave no result";
    while (!r.why.empty() && r.why.back() == '\n') r.why.pop_back();
  }
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  const long count = argc > 1 ? std::strtol(argv[1], nullptr, 10) : 20000;
  const int batch = argc > 2 ? std::atoi(argv[2]) : 16;
  if (count <= 0 || batch <= 0 || batch > 64) {
    std::fprintf(stderr, "usage: udp_frag [COUNT [BATCH<=64]]\n");
    return 2;
  }
  // The kernel first: the child is forked before skbox has grown the heap.
  const Result k = run_kernel(count, batch);
  const Result s = run_skbox(count, batch);
  std::printf("UDP %u-byte datagrams over veth MTU 1500 (45 fragments each), batches of %d, %ld timed\n", kPayload,
              batch, count);
  std::printf("%-8s %14s %14s %12s %s\n", "side", "dgram/s", "FragCreates", "ReasmOKs", "heap allocations");
  if (s.ok)
    std::printf("%-8s %14.0f %14llu %12llu %ld (%.4f/dgram; SkbPool %llu)\n", "skbox", s.rate,
                static_cast<unsigned long long>(s.frag_creates), static_cast<unsigned long long>(s.reasm_oks),
                s.allocs, double(s.allocs) / double(s.reasm_oks ? s.reasm_oks : 1),
                static_cast<unsigned long long>(s.pool_allocs));
  else
    std::printf("%-8s failed: %s\n", "skbox", s.why.c_str());
  if (k.ok)
    std::printf("%-8s %14.0f %14llu %12llu -\n", "kernel", k.rate, static_cast<unsigned long long>(k.frag_creates),
                static_cast<unsigned long long>(k.reasm_oks));
  else
    std::printf("%-8s %s\n", "kernel", k.why.c_str());
  if (s.ok && k.ok) std::printf("ratio skbox/kernel: %.2fx\n", s.rate / k.rate);
  return s.ok ? 0 : 1;
}
