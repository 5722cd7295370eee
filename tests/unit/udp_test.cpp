// UDP sockets (transport/udp*.cpp) through the socket API (net/socket.h).
// Expected errnos and counters are those of Linux 6.18 for the same calls.
#include <gtest/gtest.h>
#include <netinet/udp.h>

#include <string>
#include <vector>

#include "cli/shell/shell.h"
#include "cli/sink.h"
#include "net/net.h"
#include "net/socket.h"
#include "net/world.h"
#include "transport/udp.h"

namespace skbox {
namespace {

// Two namespaces a (10.0.0.1) and b (10.0.0.2) on a veth pair of `mtu`.
struct Pair {
  World w{1};
  Net* a = nullptr;
  Net* b = nullptr;
  explicit Pair(int mtu = 1500) {
    StringSink out, err;
    const std::string script =
        "ip netns add a\nip netns add b\n"
        "ip link add va netns a mtu " + std::to_string(mtu) + " type veth peer name vb netns b mtu " +
        std::to_string(mtu) +
        "\nip -n a addr add 10.0.0.1/24 dev va\nip -n b addr add 10.0.0.2/24 dev vb\n"
        "ip -n a link set va up\nip -n b link set vb up\nip -n a link set lo up\nip -n b link set lo up\n";
    EXPECT_EQ(run_script(w, script, "t.sh", out, err), 0) << err.data;
    a = w.netns_find("a");
    b = w.netns_find("b");
  }
  std::unique_ptr<Socket> sock(Net* n) {
    std::unique_ptr<Socket> s;
    EXPECT_EQ(sock_create(*n, AF_INET, SOCK_DGRAM, 0, &s), 0);
    return s;
  }
  void settle() { w.loop.run_until(w.now() + 10 * kMsec); }
};

const Ipv4Addr kA = Ipv4Addr::of(10, 0, 0, 1), kB = Ipv4Addr::of(10, 0, 0, 2);

std::span<const uint8_t> bytes(const std::string& s) { return {reinterpret_cast<const uint8_t*>(s.data()), s.size()}; }

TEST(Udp, SendtoAndRecvfromAcrossVeth) {
  Pair p;
  auto srv = p.sock(p.b);
  ASSERT_EQ(srv->bind({Ipv4Addr(), 5000}), 0);
  auto cli = p.sock(p.a);
  const SockAddrIn to{kB, 5000};
  ASSERT_EQ(cli->sendmsg(bytes("hello"), &to, 0), 5);
  p.settle();
  std::vector<uint8_t> buf(100);
  RecvInfo info;
  ASSERT_EQ(srv->recvmsg(buf, &info, 0), 5);
  EXPECT_EQ(std::string(buf.begin(), buf.begin() + 5), "hello");
  EXPECT_EQ(info.from.addr, kA);
  SockAddrIn me;
  cli->getsockname(&me);
  EXPECT_EQ(info.from.port, me.port);
  // Autobind picked a port in ip_local_port_range.
  EXPECT_GE(me.port, 32768);
  EXPECT_LE(me.port, 60999);
  EXPECT_EQ(srv->recvmsg(buf, &info, 0), -EAGAIN);
  // InDatagrams is counted when the datagram is read.
  EXPECT_EQ(p.b->mib.udp[UdpMib::InDatagrams], 1u);
  EXPECT_EQ(p.a->mib.udp[UdpMib::OutDatagrams], 1u);
}

TEST(Udp, BindConflictsAndReuse) {
  Pair p;
  auto s1 = p.sock(p.b), s2 = p.sock(p.b), s3 = p.sock(p.b);
  ASSERT_EQ(s1->bind({Ipv4Addr(), 6000}), 0);
  EXPECT_EQ(s2->bind({kB, 6000}), -EADDRINUSE);  // the wildcard covers it
  EXPECT_EQ(s2->bind({Ipv4Addr::of(10, 9, 9, 9), 6000}), -EADDRNOTAVAIL);
  EXPECT_EQ(s1->bind({Ipv4Addr(), 6001}), -EINVAL);  // already bound
  ASSERT_EQ(s2->setsockopt(SOL_SOCKET, SO_REUSEADDR, 1), 0);
  EXPECT_EQ(s2->bind({Ipv4Addr(), 6000}), -EADDRINUSE);  // both must ask
  ASSERT_EQ(s1->setsockopt(SOL_SOCKET, SO_REUSEADDR, 1), 0);
  EXPECT_EQ(s2->bind({Ipv4Addr(), 6000}), 0);
  ASSERT_EQ(s3->setsockopt(SOL_SOCKET, SO_REUSEPORT, 1), 0);
  EXPECT_EQ(s3->bind({Ipv4Addr(), 6000}), -EADDRINUSE);
}

TEST(Udp, EphemeralPortRangeOfOnePort) {
  Pair p;
  p.b->ipv4.ip_local_port_range[0] = p.b->ipv4.ip_local_port_range[1] = 40000;
  auto s1 = p.sock(p.b), s2 = p.sock(p.b);
  ASSERT_EQ(s1->bind({Ipv4Addr(), 0}), 0);
  SockAddrIn n;
  s1->getsockname(&n);
  EXPECT_EQ(n.port, 40000);
  EXPECT_EQ(s2->bind({Ipv4Addr(), 0}), -EADDRINUSE);
}

TEST(Udp, ClosedPortAnswersAndConnectedSenderSeesRefused) {
  Pair p;
  auto cli = p.sock(p.a);
  ASSERT_EQ(cli->connect({kB, 7000}), 0);
  SockAddrIn me;
  cli->getsockname(&me);
  EXPECT_EQ(me.addr, kA);  // connect fixed the source address
  ASSERT_EQ(cli->sendmsg(bytes("x"), nullptr, 0), 1);
  p.settle();
  EXPECT_EQ(p.b->mib.udp[UdpMib::NoPorts], 1u);
  EXPECT_TRUE(cli->poll() & POLLERR);
  std::vector<uint8_t> buf(10);
  EXPECT_EQ(cli->recvmsg(buf, nullptr, 0), -ECONNREFUSED);
  EXPECT_EQ(cli->recvmsg(buf, nullptr, 0), -EAGAIN);  // reported once
  // An unconnected sender hears nothing (no IP_RECVERR).
  auto un = p.sock(p.a);
  SockAddrIn to{kB, 7000};
  ASSERT_EQ(un->sendmsg(bytes("x"), &to, 0), 1);
  p.settle();
  EXPECT_FALSE(un->poll() & POLLERR);
  EXPECT_EQ(p.b->mib.udp[UdpMib::NoPorts], 2u);
}

TEST(Udp, ReceiveBufferOverflowCountsRcvbufErrors) {
  Pair p;
  auto srv = p.sock(p.b);
  ASSERT_EQ(srv->bind({Ipv4Addr(), 5000}), 0);
  auto cli = p.sock(p.a);
  SockAddrIn to{kB, 5000};
  std::string payload(1000, 'z');
  // Resolve the neighbour first: its unresolved queue has a limit too.
  ASSERT_EQ(cli->sendmsg(bytes(payload), &to, 0), 1000);
  p.settle();
  std::vector<uint8_t> buf(2000);
  ASSERT_EQ(srv->recvmsg(buf, nullptr, 0), 1000);
  for (int i = 0; i < 200; ++i) ASSERT_EQ(cli->sendmsg(bytes(payload), &to, 0), 1000);
  p.settle();
  // 1000 bytes + headers cost a 2 KiB head each (truesize 2304): the queue
  // takes datagrams while they fit in rmem_default (212992), 92 of them as
  // on Linux 6.18.
  const uint64_t queued = 92;
  EXPECT_EQ(p.b->mib.udp[UdpMib::RcvbufErrors], 200 - queued);
  EXPECT_EQ(p.b->mib.udp[UdpMib::InErrors], 200 - queued);
  uint64_t n = 0;
  while (srv->recvmsg(buf, nullptr, 0) == 1000) ++n;
  EXPECT_EQ(n, queued);
}

TEST(Udp, LargeDatagramIsFragmentedAndReassembled) {
  Pair p;
  auto srv = p.sock(p.b);
  ASSERT_EQ(srv->bind({Ipv4Addr(), 5000}), 0);
  auto cli = p.sock(p.a);
  SockAddrIn to{kB, 5000};
  std::string payload(65507, 'q');
  ASSERT_EQ(cli->sendmsg(bytes(payload), &to, 0), 65507);
  std::string too_big(65508, 'q');
  EXPECT_EQ(cli->sendmsg(bytes(too_big), &to, 0), -EMSGSIZE);
  p.settle();
  EXPECT_EQ(p.a->mib.ip[IpMib::FragOKs], 1u);
  EXPECT_EQ(p.a->mib.ip[IpMib::FragCreates], 45u);  // ceil(65515 / 1480)
  EXPECT_EQ(p.b->mib.ip[IpMib::ReasmOKs], 1u);
  std::vector<uint8_t> buf(70000);
  RecvInfo info;
  ASSERT_EQ(srv->recvmsg(buf, &info, 0), 65507);
  EXPECT_EQ(buf[65506], 'q');
  // With DF ("do"), the datagram must fit the MTU.
  ASSERT_EQ(cli->setsockopt(IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DO), 0);
  EXPECT_EQ(cli->sendmsg(bytes(std::string(1473, 'x')), &to, 0), -EMSGSIZE);
  EXPECT_EQ(cli->sendmsg(bytes(std::string(1472, 'x')), &to, 0), 1472);
}

TEST(Udp, TruncatedReadAndPeek) {
  Pair p;
  auto srv = p.sock(p.b);
  ASSERT_EQ(srv->bind({Ipv4Addr(), 5000}), 0);
  auto cli = p.sock(p.a);
  SockAddrIn to{kB, 5000};
  ASSERT_EQ(cli->sendmsg(bytes("abcdef"), &to, 0), 6);
  p.settle();
  std::vector<uint8_t> buf(3);
  RecvInfo info;
  EXPECT_EQ(srv->recvmsg(buf, &info, MSG_PEEK), 3);
  EXPECT_TRUE(info.truncated);
  EXPECT_EQ(srv->recvmsg(buf, &info, MSG_TRUNC), 6);  // the real length
  EXPECT_EQ(srv->recvmsg(buf, &info, 0), -EAGAIN);   // the rest was discarded
  EXPECT_EQ(p.b->mib.udp[UdpMib::InDatagrams], 1u);
}

TEST(Udp, CorkedSendsLeaveAsOneDatagram) {
  Pair p;
  auto srv = p.sock(p.b);
  ASSERT_EQ(srv->bind({Ipv4Addr(), 5000}), 0);
  auto cli = p.sock(p.a);
  SockAddrIn to{kB, 5000};
  ASSERT_EQ(cli->sendmsg(bytes("ab"), &to, MSG_MORE), 2);
  ASSERT_EQ(cli->sendmsg(bytes("cd"), &to, MSG_MORE), 2);
  ASSERT_EQ(cli->setsockopt(IPPROTO_UDP, UDP_CORK, 1), 0);
  ASSERT_EQ(cli->sendmsg(bytes("ef"), &to, 0), 2);
  p.settle();
  EXPECT_EQ(p.a->mib.udp[UdpMib::OutDatagrams], 0u);
  ASSERT_EQ(cli->setsockopt(IPPROTO_UDP, UDP_CORK, 0), 0);
  p.settle();
  std::vector<uint8_t> buf(100);
  ASSERT_EQ(srv->recvmsg(buf, nullptr, 0), 6);
  EXPECT_EQ(std::string(buf.begin(), buf.begin() + 6), "abcdef");
}

TEST(Udp, SendErrors) {
  Pair p;
  auto s = p.sock(p.a);
  EXPECT_EQ(s->sendmsg(bytes("x"), nullptr, 0), -EDESTADDRREQ);
  SockAddrIn zero_port{kB, 0};
  EXPECT_EQ(s->sendmsg(bytes("x"), &zero_port, 0), -EINVAL);
  SockAddrIn far{Ipv4Addr::of(192, 168, 1, 1), 53};
  EXPECT_EQ(s->sendmsg(bytes("x"), &far, 0), -ENETUNREACH);
  SockAddrIn bcast{Ipv4Addr::of(10, 0, 0, 255), 53};
  EXPECT_EQ(s->sendmsg(bytes("x"), &bcast, 0), -EACCES);
  ASSERT_EQ(s->setsockopt(SOL_SOCKET, SO_BROADCAST, 1), 0);
  EXPECT_EQ(s->sendmsg(bytes("x"), &bcast, 0), 1);
  std::unique_ptr<Socket> bad;
  EXPECT_EQ(sock_create(*p.a, AF_INET, SOCK_RAW, 0, &bad), -ESOCKTNOSUPPORT);
}

TEST(Udp, ProcNetUdpListsBoundSockets) {
  Pair p;
  auto s = p.sock(p.b);
  ASSERT_EQ(s->bind({kB, 5000}), 0);
  const std::string t = udp4_seq_show(*p.b);
  const auto nl = t.find('\n');
  EXPECT_EQ(nl, 127u);
  EXPECT_EQ(t.substr(nl + 1, 46), " 5000: 0200000A:1388 00000000:0000 07 00000000");
}

}  // namespace
}  // namespace skbox
