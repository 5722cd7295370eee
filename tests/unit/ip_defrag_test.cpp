// ip_defrag against the kernel's rules (net/ipv4/ip_fragment.c,
// inet_fragment.c): completion in any order, duplicates vs overlaps by run,
// oversize, bad lengths, memory accounting and ipfrag_high_thresh,
// ipfrag_max_dist, expiry; and no packet left behind.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "cli/shell/shell.h"
#include "cli/sink.h"
#include "core/snmp.h"
#include "ipv4/ip.h"
#include "ipv4/ip_fragment.h"
#include "net/net.h"
#include "net/netdevice.h"
#include "net/socket.h"
#include "net/world.h"
#include "transport/udp.h"
#include "wire/checksum.h"

namespace skbox {
namespace {

constexpr const char* kSetup =
    "ip netns add a\n"
    "ip link add eth0 netns a type veth peer name p0\n"
    "ip -n a addr add 10.0.0.2/24 dev eth0\n"
    "ip -n a link set eth0 up\n";

struct DefragTest : ::testing::Test {
  World w{1};
  Net* net = nullptr;
  NetDevice* dev = nullptr;

  void SetUp() override {
    StringSink out, err;
    ASSERT_EQ(run_script(w, kSetup, "setup", out, err), 0) << out.data << err.data;
    net = w.netns_find("a");
    dev = net->dev_get_by_name("eth0");
  }

  // One fragment of datagram `id` from 10.0.0.1: payload [off, off+len)
  // (off in bytes, a multiple of 8), MF as given.
  SkbPtr frag(uint16_t id, uint32_t off, uint32_t len, bool mf, uint32_t src = 0x0a000001) {
    SkbPtr s = w.pool.alloc(14 + 20 + len);
    s->reserve(14);
    uint8_t* p = s->put(20 + len);
    std::memset(p, 0, 20 + len);
    p[0] = 0x45;
    p[2] = uint8_t((20 + len) >> 8);
    p[3] = uint8_t(20 + len);
    p[4] = uint8_t(id >> 8);
    p[5] = uint8_t(id);
    const uint16_t fo = uint16_t((mf ? 0x2000 : 0) | (off / 8));
    p[6] = uint8_t(fo >> 8);
    p[7] = uint8_t(fo);
    p[8] = 64;
    p[9] = 17;
    for (int i = 0; i < 4; ++i) p[12 + i] = uint8_t(src >> (24 - 8 * i));
    const uint8_t dst[4] = {10, 0, 0, 2};
    std::memcpy(p + 16, dst, 4);
    for (uint32_t i = 0; i < len; ++i) p[20 + i] = uint8_t(off + i);
    s->reset_network_header();
    s->mac_header = uint16_t(s->network_header - 14);
    s->dev = dev;
    s->protocol = 0x0800;
    return s;
  }
  // Feeds a fragment; returns true when a datagram came out (and frees it).
  bool feed(SkbPtr s, uint32_t* total = nullptr) {
    SkbPtr whole = ip_defrag(*net, std::move(s));
    if (!whole) return false;
    if (total) *total = whole->network_len();
    consume_skb(std::move(whole));
    return true;
  }
  uint64_t ip(IpMib::Field m) { return net->mib.ip[m]; }
  uint64_t drops(DropReason r) { return net->drops[size_t(r)]; }
};

TEST_F(DefragTest, CompletesInAndOutOfOrder) {
  EXPECT_FALSE(feed(frag(1, 0, 16, true)));
  uint32_t total = 0;
  EXPECT_TRUE(feed(frag(1, 16, 8, false), &total));
  EXPECT_EQ(total, 20u + 24u);
  EXPECT_FALSE(feed(frag(2, 16, 8, false)));
  EXPECT_FALSE(feed(frag(2, 0, 8, true)));
  EXPECT_TRUE(feed(frag(2, 8, 8, true)));
  EXPECT_EQ(ip(IpMib::ReasmReqds), 5u);
  EXPECT_EQ(ip(IpMib::ReasmOKs), 2u);
  EXPECT_EQ(ip(IpMib::ReasmFails), 0u);
  EXPECT_EQ(ip_frag_queues(*net), 0u);
  EXPECT_EQ(ip_frag_mem(*net), 0u);
}

TEST_F(DefragTest, DuplicateInsideRunIsDroppedAlone) {
  feed(frag(3, 8, 8, true));
  feed(frag(3, 16, 8, true));  // appended: one run [8,24)
  EXPECT_FALSE(feed(frag(3, 8, 16, true)));
  EXPECT_EQ(drops(DropReason::DUP_FRAG), 1u);
  EXPECT_EQ(ip(IpMib::ReasmFails), 0u);
  feed(frag(3, 0, 8, true));
  EXPECT_TRUE(feed(frag(3, 24, 8, false)));
}

TEST_F(DefragTest, PieceSpanningTwoRunsIsOverlap) {
  feed(frag(4, 16, 8, true));
  feed(frag(4, 8, 8, true));  // before the tail: a run of its own
  EXPECT_FALSE(feed(frag(4, 8, 16, true)));
  EXPECT_EQ(net->mib.ipext[IpExtMib::ReasmOverlaps], 1u);
  EXPECT_EQ(ip(IpMib::ReasmFails), 1u);
  EXPECT_EQ(ip_frag_queues(*net), 0u);
  EXPECT_EQ(ip_frag_mem(*net), 0u);
}

TEST_F(DefragTest, OversizeFails) {
  for (uint32_t off = 0; off < 65120; off += 1480) feed(frag(5, off, 1480, true));
  EXPECT_FALSE(feed(frag(5, 65120, 400, false)));
  EXPECT_EQ(ip(IpMib::ReasmFails), 1u);
  EXPECT_EQ(ip(IpMib::ReasmOKs), 0u);
  EXPECT_EQ(ip_frag_mem(*net), 0u);
}

TEST_F(DefragTest, BadLengthsKillQueue) {
  EXPECT_FALSE(feed(frag(6, 0, 4, true)));  // nothing left after rounding
  EXPECT_EQ(ip(IpMib::ReasmFails), 1u);
  feed(frag(7, 16, 16, false));
  EXPECT_FALSE(feed(frag(7, 24, 16, false)));  // a second, different end
  EXPECT_EQ(ip(IpMib::ReasmFails), 2u);
  EXPECT_EQ(ip_frag_queues(*net), 0u);
}

TEST_F(DefragTest, MemoryAccountingAndHighThresh) {
  feed(frag(8, 0, 16, true));
  const uint64_t one = ip_frag_mem(*net);
  EXPECT_EQ(one, 200u + 832u);  // sizeof(struct ipq) + a small frame's truesize
  net->ipv4.ipfrag_low_thresh = 0;
  net->ipv4.ipfrag_high_thresh = one - 1;
  EXPECT_FALSE(feed(frag(8, 16, 8, false)));  // even the existing queue is refused
  EXPECT_EQ(ip(IpMib::ReasmFails), 1u);
  EXPECT_EQ(drops(DropReason::NOT_SPECIFIED), 1u);
  net->ipv4.ipfrag_high_thresh = one;
  EXPECT_TRUE(feed(frag(8, 16, 8, false)));
  net->ipv4.ipfrag_high_thresh = 0;
  EXPECT_FALSE(feed(frag(9, 0, 16, true)));
  EXPECT_EQ(ip_frag_queues(*net), 0u);
}

TEST_F(DefragTest, MaxDistRestartsQueue) {
  net->ipv4.ipfrag_max_dist = 2;
  feed(frag(10, 0, 16, true));
  feed(frag(11, 8, 8, true));
  feed(frag(12, 8, 8, true));
  EXPECT_FALSE(feed(frag(10, 16, 8, false)));  // 3 fragments later: too far
  EXPECT_EQ(ip(IpMib::ReasmFails), 1u);
  EXPECT_EQ(drops(DropReason::FRAG_TOO_FAR), 1u);
  EXPECT_TRUE(feed(frag(10, 0, 16, true)));  // the restarted queue completes
}

TEST_F(DefragTest, ExpiryCountsAndFreesEverything) {
  const uint64_t before = w.pool.in_use();
  feed(frag(13, 8, 8, true));
  feed(frag(14, 0, 8, true));
  w.loop.run_until(w.now() + 29 * kSec);
  EXPECT_EQ(ip(IpMib::ReasmTimeout), 0u);
  w.loop.run_until(w.now() + 4 * kSec);
  EXPECT_EQ(ip(IpMib::ReasmTimeout), 2u);
  EXPECT_EQ(ip(IpMib::ReasmFails), 2u);
  EXPECT_EQ(ip_frag_queues(*net), 0u);
  EXPECT_EQ(ip_frag_mem(*net), 0u);
  w.loop.run_until(w.now() + kSec);  // the ICMP error has gone out and away
  EXPECT_EQ(w.pool.in_use(), before);
}

// The receive-queue charge of a reassembled datagram is the kernel's
// truesize (inet_frag_reasm_finish): the head's, plus each later piece's
// unless it was copied into the head's tailroom while the head was still
// linear. Numbers are Linux 6.18's for UDP between two namespaces over a
// veth pair of MTU 1500 (ss -uam, and RcvbufErrors with rmem_default 212992).
struct ReasmTruesize {
  World w{1};
  Net* a = nullptr;
  Net* b = nullptr;
  std::unique_ptr<Socket> rx, tx;
  ReasmTruesize() {
    StringSink out, err;
    const char* script =
        "ip netns add a\nip netns add b\n"
        "ip link add va netns a type veth peer name vb netns b\n"
        "ip -n a addr add 10.0.0.1/24 dev va\nip -n b addr add 10.0.0.2/24 dev vb\n"
        "ip -n a link set va up\nip -n b link set vb up\n";
    EXPECT_EQ(run_script(w, script, "t.sh", out, err), 0) << err.data;
    a = w.netns_find("a");
    b = w.netns_find("b");
    EXPECT_EQ(sock_create(*b, AF_INET, SOCK_DGRAM, 0, &rx), 0);
    EXPECT_EQ(sock_create(*a, AF_INET, SOCK_DGRAM, 0, &tx), 0);
    EXPECT_EQ(rx->bind({Ipv4Addr(), 5000}), 0);
  }
  UdpSock& receiver() { return static_cast<UdpSock&>(*rx); }
  bool send(uint32_t len) {
    const std::vector<uint8_t> payload(len, 0x5a);
    const SockAddrIn to{Ipv4Addr::of(10, 0, 0, 2), 5000};
    if (tx->sendmsg(payload, &to, 0) != long(len)) return false;
    w.loop.run_until(w.now() + kMsec);
    return true;
  }
  // Sends `n` datagrams of `len` bytes without reading them and returns the
  // charge of the first one; the neighbour is resolved beforehand.
  uint32_t queue(uint32_t len, int n) {
    EXPECT_TRUE(send(len));
    std::vector<uint8_t> buf(65536);
    RecvInfo info;
    EXPECT_EQ(rx->recvmsg(buf, &info, 0), long(len));
    EXPECT_EQ(receiver().rmem_alloc, 0u);
    EXPECT_TRUE(send(len));
    const uint32_t one = receiver().rmem_alloc;
    for (int i = 1; i < n; ++i) EXPECT_TRUE(send(len));
    return one;
  }
  uint64_t rcvbuf_errors() { return b->mib.udp[UdpMib::RcvbufErrors]; }
};

TEST(ReasmTruesize, OneTinyTailPieceIsCoalescedIntoTheHead) {
  ReasmTruesize t;
  EXPECT_EQ(t.queue(1473, 300), 2304u);  // 1480 + 1 bytes: the byte fits the head's tailroom
  EXPECT_EQ(t.rcvbuf_errors(), 300u - 92u);
  EXPECT_EQ(t.b->mib.ip[IpMib::ReasmOKs], 301u);
}

TEST(ReasmTruesize, PiecesAfterAChainedOneAreChainedToo) {
  ReasmTruesize t;
  // 1480 + 1480 + 48: the second does not fit and starts the frag_list, so
  // the small third one is chained as well.
  EXPECT_EQ(t.queue(3000, 300), 2304u + 2304u + 832u);
  EXPECT_EQ(t.rcvbuf_errors(), 300u - 39u);
}

TEST(ReasmTruesize, LargestDatagram) {
  ReasmTruesize t;
  EXPECT_EQ(t.queue(65507, 300), 44u * 2304u + 1280u);  // 45 pieces, the last of 395 bytes
  EXPECT_EQ(t.rcvbuf_errors(), 300u - 2u);
  EXPECT_EQ(ip_frag_mem(*t.b), 0u);
  EXPECT_EQ(ip_frag_queues(*t.b), 0u);
}

TEST(ReasmTruesize, UnfragmentedDatagramsKeepTheSendersTruesize) {
  ReasmTruesize t;
  EXPECT_EQ(t.queue(100, 1), 832u);
  ReasmTruesize u;
  EXPECT_EQ(u.queue(1000, 1), 2304u);
  EXPECT_EQ(t.b->mib.ip[IpMib::ReasmReqds] + u.b->mib.ip[IpMib::ReasmReqds], 0u);
}

}  // namespace
}  // namespace skbox
