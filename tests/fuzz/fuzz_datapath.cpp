// libFuzzer target for the receive path: arbitrary Ethernet frames arrive on
// a router's veth (bench/topologies.h: a -- r -- b, forwarding on) and go
// through eth_type_trans, netif_rx, the backlog softirq, ARP, ip_rcv,
// routing, ip_forward / ip_local_deliver, ICMP and the ping sockets. The
// first input byte picks how much of the frame is fixed up so that random
// bytes get past the cheap checks: 0 raw, 1 IPv4 to r with a valid header
// checksum, 2 ARP, 3 IPv4 to be forwarded to b, 4 a UDP datagram for r's
// sockets on port 53 (read back after each input). Nothing may crash, and
// packets must not pile up (every one ends in consume_skb/kfree_skb_reason).
#include <netinet/in.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "bench/topologies.h"
#include "cli/shell/shell.h"
#include "core/skbuff.h"
#include "net/dev.h"
#include "net/net.h"
#include "net/world.h"
#include "net/socket.h"
#include "wire/checksum.h"

using namespace skbox;

namespace {

struct Setup {
  World w{1};
  NetDevice* e1 = nullptr;
  Setup() {
    StringSink out, err;
    if (run_script(w, bench::kRouterScript, "setup", out, err) != 0) {
      std::fprintf(stderr, "fuzz_datapath: setup failed:\n%s%s", out.data.c_str(), err.data.c_str());
      std::abort();
    }
    e1 = w.netns_find("r")->dev_get_by_name("e1");
    if (!e1) std::abort();
    // UDP sockets on port 53 of the router: one wildcard, one connected,
    // so datagrams reach the socket receive path (mode 4).
    Net& r = *w.netns_find("r");
    if (sock_create(r, AF_INET, SOCK_DGRAM, 0, &udp_any) || udp_any->bind({Ipv4Addr(), 53}) ||
        udp_any->setsockopt(IPPROTO_IP, IP_RECVERR, 1))
      std::abort();
    if (sock_create(r, AF_INET, SOCK_DGRAM, 0, &udp_conn) ||
        udp_conn->setsockopt(SOL_SOCKET, SO_REUSEADDR, 1) || udp_any->setsockopt(SOL_SOCKET, SO_REUSEADDR, 1) ||
        udp_conn->bind({Ipv4Addr(), 53}) || udp_conn->connect({Ipv4Addr::of(10, 0, 1, 2), 1000}))
      std::abort();
  }
  std::unique_ptr<Socket> udp_any, udp_conn;
  // Reads everything queued, as a server would.
  void drain() {
    uint8_t buf[2048];
    RecvInfo info;
    for (Socket* so : {udp_any.get(), udp_conn.get()}) {
      while (so->recvmsg(buf, &info, MSG_ERRQUEUE) != -EAGAIN) {
      }
      for (int i = 0; i < 64; ++i) {
        const long n = so->recvmsg(buf, &info, 0);
        if (n == -EAGAIN) break;
      }
    }
  }
};

void fix_ipv4(uint8_t* ip, size_t avail, const uint8_t dst[4]) {
  if (avail < 20) return;
  ip[0] = static_cast<uint8_t>(0x40 | ((ip[0] & 0x0f) < 5 ? 5 : (ip[0] & 0x0f)));
  const size_t ihl = (ip[0] & 0x0f) * 4u;
  if (avail < ihl) return;
  const uint16_t tot = static_cast<uint16_t>(avail);
  ip[2] = static_cast<uint8_t>(tot >> 8);
  ip[3] = static_cast<uint8_t>(tot);
  std::memcpy(ip + 16, dst, 4);
  ip[10] = ip[11] = 0;
  const uint16_t c = wire::ip_fast_csum({ip, ihl});
  std::memcpy(ip + 10, &c, 2);  // checksum bytes are stored as computed over the raw bytes
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Setup s;
  if (size < 1) return 0;
  const uint8_t mode = data[0] % 5;
  ++data;
  --size;
  if (size > 1514) size = 1514;

  SkbPtr skb = s.w.pool.alloc(static_cast<uint32_t>(size < 14 ? 14 : size));
  uint8_t* p = skb->put(static_cast<uint32_t>(size));
  if (size) std::memcpy(p, data, size);
  if (size >= 14 && mode != 0) {
    std::memcpy(p, s.e1->dev_addr.b.data(), 6);
    static const uint8_t r_addr[4] = {10, 0, 1, 1};
    static const uint8_t b_addr[4] = {10, 0, 2, 2};
    if (mode == 2) {
      p[12] = 0x08, p[13] = 0x06;
    } else {
      p[12] = 0x08, p[13] = 0x00;
      if (mode == 4 && size >= 14 + 20 + 4) {  // a datagram for the UDP sockets
        p[14] = 0x45;
        p[14 + 6] &= 0x1f;  // no DF/MF bits: most of these are whole datagrams
        p[14 + 9] = IPPROTO_UDP;
        p[14 + 20 + 2] = 0, p[14 + 20 + 3] = 53;
      }
      fix_ipv4(p + 14, size - 14, mode == 3 ? b_addr : r_addr);
    }
  }
  if (size < 14) {
    kfree_skb_reason(std::move(skb), DropReason::PKT_TOO_SMALL);
    return 0;
  }
  skb->dev = s.e1;
  skb->protocol = eth_type_trans(*skb, s.e1);
  netif_rx(std::move(skb));
  s.w.loop.run_until(s.w.loop.now() + 10 * kMsec);
  s.drain();
  // Queues in the stack are bounded (backlog, neighbour unres queues), so a
  // growing count of live packets is a leak.
  if (s.w.pool.in_use() > 4096) {
    std::fprintf(stderr, "fuzz_datapath: %llu packets still alive\n",
                 static_cast<unsigned long long>(s.w.pool.in_use()));
    std::abort();
  }
  return 0;
}
