// libFuzzer target for layer 2 and the overlay: arbitrary frames arrive on
// a bridge port (br_handle_frame: learning, fdb lookup, flooding, local
// delivery up br0) or as VXLAN datagrams on the underlay (udp_rcv, the UDP
// tunnel table, vxlan_rcv, then the inner frame into the bridge through the
// vxlan port and back out through vxlan_xmit's head-end replication), with a
// tcpdump-style tap on every device of the namespace. The first input byte
// picks the mode: 0 a raw frame on port p1, 1 the same with a unicast
// source (so it is learned), 2 a well-formed outer IPv4/UDP/VXLAN header
// around random bytes, 3 the same with a random VXLAN header. Nothing may
// crash and packets must not pile up.
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "cli/shell/shell.h"
#include "core/skbuff.h"
#include "net/dev.h"
#include "net/net.h"
#include "net/packet_tap.h"
#include "net/world.h"
#include "wire/checksum.h"

using namespace skbox;

namespace {

constexpr const char* kScript = R"(
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns add h
ip netns exec h sh -c '
ip link add br0 type bridge ageing_time 200
ip link add p1 type veth peer name q1
ip link add p2 type veth peer name q2
ip link set p1 master br0
ip link set p2 master br0
ip link add u0 type veth peer name u1
ip addr add 192.168.0.1/24 dev u0
ip link add vx0 type vxlan id 7 dstport 4789 local 192.168.0.1 dev u0
ip link set vx0 master br0
bridge fdb append 00:00:00:00:00:00 dev vx0 dst 192.168.0.2
bridge fdb append 00:00:00:00:00:00 dev vx0 dst 192.168.0.3
ip neigh add 192.168.0.2 lladdr 02:00:00:00:00:02 dev u0 nud permanent
for d in br0 p1 p2 q1 q2 u0 u1 vx0 lo; do ip link set $d up; done
ip addr add 10.1.0.1/24 dev br0
'
)";

// Counts what it sees, as a capture would, so the tap path runs too.
struct CountingTap : PacketTap {
  uint64_t frames = 0, bytes = 0;
  void tap(const SkBuff&, std::span<const uint8_t> frame, NetDevice*, bool) override {
    ++frames;
    bytes += frame.size();
  }
};

struct Setup {
  World w{1};
  Net* h = nullptr;
  NetDevice* p1 = nullptr;
  NetDevice* u0 = nullptr;
  CountingTap tap;
  Setup() {
    StringSink out, err;
    if (run_script(w, kScript, "setup", out, err) != 0) {
      std::fprintf(stderr, "fuzz_l2: setup failed:\n%s%s", out.data.c_str(), err.data.c_str());
      std::abort();
    }
    h = w.netns_find("h");
    p1 = h ? h->dev_get_by_name("p1") : nullptr;
    u0 = h ? h->dev_get_by_name("u0") : nullptr;
    if (!p1 || !u0) std::abort();
    dev_add_pack(*h, nullptr, &tap);
  }
};

void put16(uint8_t* p, uint16_t v) {
  p[0] = static_cast<uint8_t>(v >> 8);
  p[1] = static_cast<uint8_t>(v);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Setup s;
  if (size < 1) return 0;
  const uint8_t mode = data[0] % 4;
  ++data;
  --size;
  if (size > 1400) size = 1400;

  // Modes 2 and 3 wrap the input in Ethernet + IPv4 + UDP (+ VXLAN).
  constexpr size_t kOuter = 14 + 20 + 8;
  const bool vxlan = mode >= 2;
  const size_t hdr = vxlan ? kOuter + (mode == 2 ? 8 : 0) : 0;
  const size_t total = hdr + size;
  if (total < 14) return 0;
  SkbPtr skb = s.w.pool.alloc(static_cast<uint32_t>(total));
  uint8_t* p = skb->put(static_cast<uint32_t>(total));
  if (size) std::memcpy(p + hdr, data, size);
  NetDevice* dev = s.p1;
  if (mode == 1) p[6] &= 0xfe;  // a unicast source: learned
  if (vxlan) {
    dev = s.u0;
    std::memcpy(p, s.u0->dev_addr.b.data(), 6);
    static const uint8_t peer[6] = {2, 0, 0, 0, 0, 2};
    std::memcpy(p + 6, peer, 6);
    put16(p + 12, 0x0800);
    uint8_t* ip = p + 14;
    std::memset(ip, 0, 20);
    ip[0] = 0x45;
    put16(ip + 2, static_cast<uint16_t>(total - 14));
    ip[8] = 64;
    ip[9] = 17;
    static const uint8_t src[4] = {192, 168, 0, 2}, dst[4] = {192, 168, 0, 1};
    std::memcpy(ip + 12, src, 4);
    std::memcpy(ip + 16, dst, 4);
    const uint16_t c = wire::ip_fast_csum({ip, 20});
    std::memcpy(ip + 10, &c, 2);
    uint8_t* udp = ip + 20;
    put16(udp, 49152);
    put16(udp + 2, 4789);
    put16(udp + 4, static_cast<uint16_t>(total - 34));
    put16(udp + 6, 0);  // no checksum
    if (mode == 2) {
      uint8_t* vx = udp + 8;
      std::memset(vx, 0, 8);
      vx[0] = 0x08;  // I flag
      vx[6] = 7;     // VNI 7
    }
  }
  skb->dev = dev;
  skb->protocol = eth_type_trans(*skb, dev);
  netif_rx(std::move(skb));
  s.w.loop.run_until(s.w.loop.now() + 10 * kMsec);
  if (s.w.pool.in_use() > 4096) {
    std::fprintf(stderr, "fuzz_l2: %llu packets still alive\n", static_cast<unsigned long long>(s.w.pool.in_use()));
    std::abort();
  }
  return 0;
}
