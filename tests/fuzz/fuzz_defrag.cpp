// libFuzzer target for IPv4 reassembly (ip_defrag): the input is a list of
// 4-byte operations on one namespace: a fragment (few ids and sources so
// queues collide; offset, length, MF/DF from the bytes), time passing
// (timers fire: ip_expire), or a change of ipfrag_max_dist /
// ipfrag_high_thresh. Invariants: nothing crashes; ReasmReqds counts every
// fragment fed and ReasmOKs every datagram that came out; once every queue
// has expired no queue, no fragment memory and no packet is left (the
// pool's outstanding count is back where it started).
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "cli/shell/shell.h"
#include "cli/sink.h"
#include "core/skbuff.h"
#include "ipv4/ip_fragment.h"
#include "net/net.h"
#include "net/netdevice.h"
#include "net/world.h"

using namespace skbox;

namespace {

constexpr const char* kSetup =
    "ip netns add a\n"
    "ip link add eth0 netns a type veth peer name p0\n"
    "ip -n a addr add 10.0.0.2/24 dev eth0\n"
    "ip -n a link set eth0 up\n";

void check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz_defrag: invariant broken: %s\n", what);
  std::abort();
}

SkbPtr make_frag(World& w, NetDevice* dev, const uint8_t* op) {
  const uint16_t id = op[0] & 3;
  const uint32_t src = 0x0a000001 + ((op[0] >> 2) & 1);
  const uint32_t off = uint32_t(op[1]) * 8;
  const uint32_t len = op[2];  // 0 is allowed: a piece with nothing in it
  const bool mf = op[3] & 1, df = op[3] & 2;
  SkbPtr s = w.pool.alloc(14 + 20 + len);
  if (!s) return s;
  s->reserve(14);
  uint8_t* p = s->put(20 + len);
  std::memset(p, 0, 20 + len);
  p[0] = 0x45;
  p[2] = uint8_t((20 + len) >> 8);
  p[3] = uint8_t(20 + len);
  p[4] = uint8_t(id >> 8);
  p[5] = uint8_t(id);
  const uint16_t fo = uint16_t((mf ? 0x2000 : 0) | (df ? 0x4000 : 0) | (off / 8));
  p[6] = uint8_t(fo >> 8);
  p[7] = uint8_t(fo);
  p[8] = 64;
  p[9] = 1;
  for (int i = 0; i < 4; ++i) p[12 + i] = uint8_t(src >> (24 - 8 * i));
  p[16] = 10;
  p[19] = 2;
  for (uint32_t i = 0; i < len; ++i) p[20 + i] = uint8_t(op[3] + i);
  s->reset_network_header();
  s->mac_header = uint16_t(s->network_header - 14);
  s->dev = dev;
  s->protocol = 0x0800;
  return s;
}

// One namespace for the whole run (building a World per input would cost
// most of the time): each input starts from the default sysctls and no
// queue, and is checked on the counters' deltas.
struct Setup {
  World w{1};
  Net* net = nullptr;
  NetDevice* dev = nullptr;
  Setup() {
    StringSink out, err;
    if (run_script(w, kSetup, "setup", out, err) != 0) std::abort();
    net = w.netns_find("a");
    dev = net->dev_get_by_name("eth0");
    // Let the setup's own packets settle before counting.
    w.loop.run_until(w.now() + kSec);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4 * 512) return 0;
  static Setup s;
  World& w = s.w;
  Net* net = s.net;
  net->ipv4.ipfrag_max_dist = 64;
  net->ipv4.ipfrag_high_thresh = 4 * 1024 * 1024;
  const uint64_t base = w.pool.in_use();
  const uint64_t reqds0 = net->mib.ip[IpMib::ReasmReqds], oks0 = net->mib.ip[IpMib::ReasmOKs];
  const uint64_t timeouts0 = net->mib.ip[IpMib::ReasmTimeout], fails0 = net->mib.ip[IpMib::ReasmFails];
  uint64_t fed = 0, whole = 0;
  for (size_t i = 0; i + 4 <= size; i += 4) {
    const uint8_t* op = data + i;
    switch (op[0] >> 5) {
      case 6:  // time passes
        w.loop.run_until(w.now() + Duration(op[1]) * kSec / 8);
        break;
      case 7:  // sysctls
        if (op[1] & 1)
          net->ipv4.ipfrag_max_dist = op[2] & 7;
        else
          net->ipv4.ipfrag_high_thresh = (unsigned long)(op[2]) * 64;
        break;
      default: {
        SkbPtr f = make_frag(w, s.dev, op);
        if (!f) break;
        ++fed;
        SkbPtr done = ip_defrag(*net, std::move(f));
        if (done) {
          ++whole;
          check(done->network_len() <= 0xFFFF, "reassembled datagram over 64 KiB");
          consume_skb(std::move(done));
        }
      }
    }
    check(net->mib.ip[IpMib::ReasmReqds] - reqds0 == fed, "ReasmReqds == fragments fed");
    check(net->mib.ip[IpMib::ReasmOKs] - oks0 == whole, "ReasmOKs == datagrams out");
    check((ip_frag_queues(*net) == 0) == (ip_frag_mem(*net) == 0), "memory iff queues");
  }
  // Every queue expires within ipfrag_time (plus the wheel's rounding);
  // the ICMP errors they cause end too.
  w.loop.run_until(w.now() + 120 * kSec);
  check(ip_frag_queues(*net) == 0, "no queue left");
  check(ip_frag_mem(*net) == 0, "no fragment memory left");
  const uint64_t timeouts = net->mib.ip[IpMib::ReasmTimeout] - timeouts0;
  // A completion and a timeout each end a distinct queue, made by a fragment.
  check(net->mib.ip[IpMib::ReasmOKs] - oks0 + timeouts <= fed, "queues ended <= fragments fed");
  check(timeouts <= net->mib.ip[IpMib::ReasmFails] - fails0, "every timeout is a failure");
  check(w.pool.in_use() == base, "every packet ended");
  return 0;
}
