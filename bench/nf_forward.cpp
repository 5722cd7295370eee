// Macro benchmark: one-way UDP forwarding through a router namespace with
// netfilter rules, skbox vs the real kernel in the same run.
//   nf_forward [COUNT [SECONDS [BATCH]]]
//
// Topology (the same shell commands on both sides):
//   h1 eth0 10.0.1.2 -- e1 10.0.1.1 | r | 10.0.2.1 e2 -- eth0 10.0.2.2 h2
// with r forwarding. r's configurations:
//   none     no rules at all (netfilter's filter table not even loaded);
//   100      FORWARD policy DROP, 100 rules the traffic does not match,
//            then `-j ACCEPT`, loaded with iptables-restore: every packet
//            walks all of them. The rules are a mix: `-s 198.18.x.y -j DROP`
//            (address mismatch), `-p tcp --dport P -j ACCEPT` (protocol
//            mismatch) and `-p udp --dport P -j DROP` with P != the traffic's
//            port (the udp match runs and fails);
//   10000    the same with 10,000 such rules;
//   ct       policy DROP, `-m conntrack --ctstate ESTABLISHED,RELATED -j
//            ACCEPT` then `--ctstate NEW -j ACCEPT` (one-way UDP stays NEW:
//            no reply is ever seen), so conntrack looks up every packet;
//   ct+masq  ct plus `-t nat -A POSTROUTING -o e2 -j MASQUERADE`. When a
//            side refuses the MASQUERADE rule (skbox before its NAT lands)
//            that side prints n/a.
// Traffic: one socket in h1 sends 64-byte UDP datagrams from port 4000 to
// 10.0.2.2:5000, one socket in h2 receives them. Both sides send a batch of
// BATCH datagrams, let them through, then read them all; the rate is
// datagrams received in h2 per second of wall time, over COUNT datagrams or
// SECONDS of wall time per case, whichever comes first, after a warm-up
// that resolves ARP. The kernel side uses sendmmsg/recvmmsg (two system
// calls per batch) in a forked child inside its own network and mount
// namespaces, with the topology built by `ip` and `iptables` (legacy) in
// named namespaces on a private /run/netns; it needs root and is skipped
// (n/a) otherwise. skbox runs in virtual time on one thread; every operator
// new is counted, so heap allocations per forwarded packet are printed.
// Nothing is asserted about the timings.
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
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

constexpr uint32_t kPayload = 64;
constexpr uint16_t kSport = 4000, kDport = 5000;
constexpr int kMaxBatch = 256;

constexpr const char* kSetup =
    "ip netns add h1\nip netns add r\nip netns add h2\n"
    // No IPv6: its address configuration timers would run meanwhile.
    "ip netns exec h1 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1\n"
    "ip netns exec r sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1\n"
    "ip netns exec h2 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1\n"
    "ip -n h1 link add eth0 type veth peer name e1 netns r\n"
    "ip -n h2 link add eth0 type veth peer name e2 netns r\n"
    "ip -n h1 addr add 10.0.1.2/24 dev eth0\n"
    "ip -n r addr add 10.0.1.1/24 dev e1\n"
    "ip -n r addr add 10.0.2.1/24 dev e2\n"
    "ip -n h2 addr add 10.0.2.2/24 dev eth0\n"
    "ip -n h1 link set eth0 up\nip -n r link set e1 up\nip -n r link set e2 up\nip -n h2 link set eth0 up\n"
    "ip -n h1 link set lo up\nip -n r link set lo up\nip -n h2 link set lo up\n"
    "ip -n h1 route add default via 10.0.1.1\n"
    "ip -n h2 route add default via 10.0.2.1\n"
    "ip netns exec r sysctl -qw net.ipv4.ip_forward=1\n";

constexpr const char* kConntrack =
    "ip netns exec r iptables -P FORWARD DROP\n"
    "ip netns exec r iptables -A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT\n"
    "ip netns exec r iptables -A FORWARD -m conntrack --ctstate NEW -j ACCEPT\n";

constexpr const char* kMasquerade = "ip netns exec r iptables -t nat -A POSTROUTING -o e2 -j MASQUERADE\n";

struct Case {
  std::string name;
  std::string script;    // must succeed
  std::string optional;  // may be refused: the side reports n/a
};

// N rules that 10.0.1.2:4000 -> 10.0.2.2:5000/udp does not match, then an
// ACCEPT, under policy DROP (so a mistake shows as nothing received).
std::string ruleset(int n) {
  std::string s = "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n";
  char line[128];
  for (int i = 0; i < n; ++i) {
    const int port = 6000 + i % 50000;  // never kDport
    switch (i % 3) {
      case 0:
        std::snprintf(line, sizeof line, "-A FORWARD -s 198.18.%d.%d/32 -j DROP\n", (i / 250) % 256, i % 250 + 1);
        break;
      case 1: std::snprintf(line, sizeof line, "-A FORWARD -p tcp -m tcp --dport %d -j ACCEPT\n", port); break;
      default: std::snprintf(line, sizeof line, "-A FORWARD -p udp -m udp --dport %d -j DROP\n", port); break;
    }
    s += line;
  }
  s += "-A FORWARD -j ACCEPT\nCOMMIT\n";
  return s;
}

struct Result {
  bool ok = false;
  double rate = 0;     // datagrams received per second
  long received = 0;   // timed
  long lost = 0;       // timed, sent but not received
  long allocs = -1;    // skbox: operator new calls while timed
  uint64_t pool_allocs = 0;
  std::string why;     // when not ok
};

bool timed_out(std::chrono::steady_clock::time_point t0, double seconds) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() >= seconds;
}

// --- skbox ---

Result run_skbox(const Case& c, long count, double seconds, int batch) {
  using namespace skbox;
  Result r;
  World w(1);
  StringSink out, err;
  if (run_script(w, kSetup, "setup", out, err) != 0 || run_script(w, c.script, "rules", out, err) != 0) {
    r.why = "setup failed: " + out.data + err.data;
    return r;
  }
  if (!c.optional.empty() && run_script(w, c.optional, "rules", out, err) != 0) {
    r.why = "refused: " + err.data;
    while (!r.why.empty() && r.why.back() == '\n') r.why.pop_back();
    if (const size_t nl = r.why.find('\n'); nl != std::string::npos) r.why.resize(nl);
    return r;
  }
  Net* h1 = w.netns_find("h1");
  Net* h2 = w.netns_find("h2");
  std::unique_ptr<Socket> rx, tx;
  sock_create(*h2, AF_INET, SOCK_DGRAM, 0, &rx);
  sock_create(*h1, AF_INET, SOCK_DGRAM, 0, &tx);
  if (!rx || !tx || rx->bind({Ipv4Addr(), kDport}) != 0 || tx->bind({Ipv4Addr(), kSport}) != 0) {
    r.why = "socket setup failed";
    return r;
  }
  const SockAddrIn to{Ipv4Addr::of(10, 0, 2, 2), kDport};
  std::vector<uint8_t> payload(kPayload, 0x5a), buf(kPayload + 1);
  // Sends k, lets them through, reads what came; returns how many.
  auto round = [&](int k) {
    for (int i = 0; i < k; ++i) tx->sendmsg(payload, &to, 0);
    w.loop.do_softirq();
    int got = 0;
    RecvInfo info;
    while (rx->recvmsg(buf, &info, 0) == kPayload) ++got;
    return got;
  };
  // The first datagrams wait for ARP (h1's and r's), resolved by the loop.
  round(1);
  w.loop.run_until(w.now() + kMsec);
  RecvInfo info;
  while (rx->recvmsg(buf, &info, 0) == kPayload) {
  }
  for (int i = 0; i < 50; ++i)
    if (round(batch) != batch) {
      r.why = "warm-up datagrams lost";
      return r;
    }
  const uint64_t pool0 = w.pool.heap_allocations();
  const long alloc0 = g_allocs.load();
  long sent = 0;
  const auto t0 = std::chrono::steady_clock::now();
  while (sent < count) {
    r.received += round(batch);
    sent += batch;
    if ((sent & 1023) < batch && timed_out(t0, seconds)) break;
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.allocs = g_allocs.load() - alloc0;
  r.pool_allocs = w.pool.heap_allocations() - pool0;
  r.lost = sent - r.received;
  r.rate = double(r.received) / secs;
  r.ok = r.received > 0;
  if (!r.ok) r.why = "nothing received";
  return r;
}

// --- the kernel, in a forked child in its own network and mount namespaces,
// so the host's namespace is never touched ---

bool sh(const std::string& script) {
  const std::string cmd = "sh -c '" + script + "' >/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0;
}

int kernel_child(const Case& c, long count, double seconds, int batch, int fd) {
  auto fail = [&](const char* why) {
    dprintf(fd, "fail %s\n", why);
    return 1;
  };
  if (unshare(CLONE_NEWNET | CLONE_NEWNS) != 0) return fail("unshare(CLONE_NEWNET|CLONE_NEWNS) failed");
  if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return fail("mount --make-rprivate / failed");
  ::mkdir("/run/netns", 0755);
  if (mount("tmpfs", "/run/netns", "tmpfs", 0, nullptr) != 0) return fail("tmpfs on /run/netns failed");
  if (!sh(std::string("set -e\n") + kSetup)) return fail("ip setup failed");
  if (!sh("set -e\n" + c.script)) return fail("iptables setup failed");
  if (!c.optional.empty() && !sh("set -e\n" + c.optional)) return fail("refused the rule");
  const int ns_h1 = open("/run/netns/h1", O_RDONLY), ns_h2 = open("/run/netns/h2", O_RDONLY);
  if (ns_h1 < 0 || ns_h2 < 0) return fail("cannot open /run/netns/{h1,h2}");
  // A socket belongs to the namespace it was made in: the receiver in h2,
  // the sender in h1, both used from this thread.
  if (setns(ns_h2, CLONE_NEWNET) != 0) return fail("setns h2");
  const int rx = socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in sin{};
  sin.sin_family = AF_INET;
  sin.sin_port = htons(kDport);
  if (rx < 0 || bind(rx, reinterpret_cast<sockaddr*>(&sin), sizeof sin) != 0) return fail("receiver socket");
  int v = 4 << 20;
  setsockopt(rx, SOL_SOCKET, SO_RCVBUFFORCE, &v, sizeof v);
  timeval tv{0, 200000};  // a lost datagram must not hang the run
  setsockopt(rx, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (setns(ns_h1, CLONE_NEWNET) != 0) return fail("setns h1");
  const int tx = socket(AF_INET, SOCK_DGRAM, 0);
  sin.sin_port = htons(kSport);
  if (tx < 0 || bind(tx, reinterpret_cast<sockaddr*>(&sin), sizeof sin) != 0) return fail("sender socket");
  setsockopt(tx, SOL_SOCKET, SO_SNDBUFFORCE, &v, sizeof v);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(kDport);
  to.sin_addr.s_addr = htonl(0x0a000202);
  static uint8_t payload[kPayload], bufs[kMaxBatch][kPayload + 1];
  static iovec siov[kMaxBatch], riov[kMaxBatch];
  static mmsghdr smsg[kMaxBatch], rmsg[kMaxBatch];
  std::memset(payload, 0x5a, sizeof payload);
  for (int i = 0; i < batch; ++i) {
    siov[i] = {payload, kPayload};
    smsg[i].msg_hdr = {};
    smsg[i].msg_hdr.msg_name = &to;
    smsg[i].msg_hdr.msg_namelen = sizeof to;
    smsg[i].msg_hdr.msg_iov = &siov[i];
    smsg[i].msg_hdr.msg_iovlen = 1;
    riov[i] = {bufs[i], kPayload + 1};
    rmsg[i].msg_hdr = {};
    rmsg[i].msg_hdr.msg_iov = &riov[i];
    rmsg[i].msg_hdr.msg_iovlen = 1;
  }
  auto round = [&](int k) {
    int sent = 0;
    while (sent < k) {
      const int n = sendmmsg(tx, smsg + sent, unsigned(k - sent), 0);
      if (n <= 0) break;
      sent += n;
    }
    int got = 0;
    while (got < sent) {
      // Blocks for the first (up to the timeout), then takes what is queued.
      const int n = recvmmsg(rx, rmsg, unsigned(sent - got), MSG_WAITFORONE, nullptr);
      if (n <= 0) break;
      got += n;
    }
    return got;
  };
  round(1);  // ARP
  for (int i = 0; i < 50; ++i)
    if (round(batch) != batch) return fail("warm-up datagrams lost");
  long sent = 0, received = 0;
  const auto t0 = std::chrono::steady_clock::now();
  while (sent < count) {
    received += round(batch);
    sent += batch;
    if ((sent & 1023) < batch && timed_out(t0, seconds)) break;
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  dprintf(fd, "ok %.1f %ld %ld\n", double(received) / secs, received, sent - received);
  return 0;
}

Result run_kernel(const Case& c, long count, double seconds, int batch) {
  Result r;
  if (geteuid() != 0) {
    r.why = "needs root";
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
    _exit(kernel_child(c, count, seconds, batch, p[1]));
  }
  close(p[1]);
  std::string msg;
  char b[256];
  ssize_t n;
  while ((n = read(p[0], b, sizeof b)) > 0) msg.append(b, static_cast<size_t>(n));
  close(p[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (std::sscanf(msg.c_str(), "ok %lf %ld %ld", &r.rate, &r.received, &r.lost) == 3) {
    r.ok = r.received > 0;
    if (!r.ok) r.why = "nothing received";
  } else {
    r.why = msg.rfind("fail ", 0) == 0 ? msg.substr(5) : "no result";
    while (!r.why.empty() && r.why.back() == '\n') r.why.pop_back();
  }
  return r;
}

long env_or(const char* name, long dflt) {
  const char* s = std::getenv(name);
  return s && *s ? std::strtol(s, nullptr, 10) : dflt;
}

}  // namespace

int main(int argc, char** argv) {
  const long count = argc > 1 ? std::strtol(argv[1], nullptr, 10) : 2000000;
  const double seconds = argc > 2 ? std::strtod(argv[2], nullptr) : 2.0;
  const int batch = argc > 3 ? std::atoi(argv[3]) : 64;
  if (count <= 0 || seconds <= 0 || batch <= 0 || batch > kMaxBatch) {
    std::fprintf(stderr, "usage: nf_forward [COUNT [SECONDS [BATCH<=%d]]]\n", kMaxBatch);
    return 2;
  }
  const int big = int(env_or("BENCH_NF_RULES", 10000));

  // The rulesets go through a file, read by iptables-restore on both sides
  // (skbox reads a host file its script never wrote).
  char dir[] = "/tmp/nf_forward.XXXXXX";
  if (!mkdtemp(dir)) {
    std::perror("mkdtemp");
    return 1;
  }
  auto restore_case = [&](int n) {
    const std::string path = std::string(dir) + "/rules" + std::to_string(n);
    if (FILE* f = std::fopen(path.c_str(), "w")) {
      const std::string rules = ruleset(n);
      std::fwrite(rules.data(), 1, rules.size(), f);
      std::fclose(f);
    }
    return "ip netns exec r iptables-restore < " + path + "\n";
  };
  const std::vector<Case> cases = {
      {"none", "", ""},
      {"100", restore_case(100), ""},
      {std::to_string(big), restore_case(big), ""},
      {"ct", kConntrack, ""},
      {"ct+masq", kConntrack, kMasquerade},
  };

  std::printf("UDP %u-byte datagrams h1 -> r -> h2, batches of %d, up to %ld or %.1f s per case\n", kPayload, batch,
              count, seconds);
  std::printf("%-8s %12s %12s %8s %10s %s\n", "rules", "skbox pps", "kernel pps", "ratio", "lost s/k",
              "skbox heap allocs/pkt");
  std::vector<std::string> notes;
  bool all_ok = true;
  for (const Case& c : cases) {
    const std::string& name = c.name;
    const Result k = run_kernel(c, count, seconds, batch);
    const Result s = run_skbox(c, count, seconds, batch);
    char sp[32] = "n/a", kp[32] = "n/a", ratio[32] = "n/a", lost[48], allocs[96] = "-";
    if (s.ok) std::snprintf(sp, sizeof sp, "%.0f", s.rate);
    if (k.ok) std::snprintf(kp, sizeof kp, "%.0f", k.rate);
    if (s.ok && k.ok) std::snprintf(ratio, sizeof ratio, "%.2fx", s.rate / k.rate);
    std::snprintf(lost, sizeof lost, "%s/%s", s.ok ? std::to_string(s.lost).c_str() : "-",
                  k.ok ? std::to_string(k.lost).c_str() : "-");
    if (s.ok)
      std::snprintf(allocs, sizeof allocs, "%.4f (SkbPool %llu)", double(s.allocs) / double(s.received),
                    static_cast<unsigned long long>(s.pool_allocs));
    std::printf("%-8s %12s %12s %8s %10s %s\n", name.c_str(), sp, kp, ratio, lost, allocs);
    std::fflush(stdout);
    if (!s.ok) notes.push_back(name + ": skbox " + s.why);
    if (!k.ok) notes.push_back(name + ": kernel " + k.why);
    // A refused optional rule (MASQUERADE not yet in skbox) is not a failure.
    if (!s.ok && c.optional.empty()) all_ok = false;
  }
  for (const std::string& n : notes) std::printf("  note: %s\n", n.c_str());
  for (int n : {100, big}) std::remove((std::string(dir) + "/rules" + std::to_string(n)).c_str());
  rmdir(dir);
  return all_ok ? 0 : 1;
}
