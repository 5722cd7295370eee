// Macro benchmark: ICMP echo round trips through skbox's datapath, one
// thread, wall time. bench/run.sh runs the same topology on the kernel with
// `ping -f` and prints both with their ratio.
//   icmp_echo veth|router SIZE COUNT
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "bench/topologies.h"
#include "cli/shell/shell.h"
#include "net/net.h"
#include "net/world.h"
#include "transport/ping.h"

int main(int argc, char** argv) {
  using namespace skbox;
  if (argc < 4) {
    std::fprintf(stderr, "usage: icmp_echo veth|router SIZE COUNT\n");
    return 2;
  }
  const bool router = std::strcmp(argv[1], "router") == 0;
  const size_t size = std::strtoul(argv[2], nullptr, 10);
  const long count = std::strtol(argv[3], nullptr, 10);

  World w(1);
  StringSink out, err;
  if (run_script(w, router ? bench::kRouterScript : bench::kVethScript, "setup", out, err) != 0) {
    std::fprintf(stderr, "setup failed:\n%s%s", out.data.c_str(), err.data.c_str());
    return 1;
  }
  Net* a = w.netns_find("a");
  PingSock* s = a->ping_socks->open();
  const Ipv4Addr dst = *Ipv4Addr::parse(router ? bench::kRouterTarget : bench::kVethTarget);
  std::vector<uint8_t> payload(size, 0x5a);
  PingMessage m;
  auto round_trip = [&](uint16_t seq) {
    if (a->ping_socks->sendto(s, dst, seq, payload.data(), payload.size()) < 0) return false;
    w.loop.do_softirq();
    return a->ping_socks->recv(s, m) && m.kind == PingMessage::Kind::EchoReply;
  };
  for (int i = 0; i < 1000; ++i)
    if (!round_trip(static_cast<uint16_t>(i))) {
      std::fprintf(stderr, "warm-up ping %d got no reply\n", i);
      return 1;
    }
  const auto t0 = std::chrono::steady_clock::now();
  for (long i = 0; i < count; ++i)
    if (!round_trip(static_cast<uint16_t>(i))) {
      std::fprintf(stderr, "ping %ld got no reply\n", i);
      return 1;
    }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("%.0f\n", count / secs);
  return 0;
}
