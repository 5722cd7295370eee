// `ss` (cli/ss.cpp) over sockets opened through the socket API: the
// expected texts are what iproute2 6.1's ss printed on Linux 6.18 for the
// same calls (python sockets in a fresh namespace, stdout not a terminal).
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "cli/shell/shell.h"
#include "cli/sink.h"
#include "net/net.h"
#include "net/socket.h"
#include "net/world.h"

namespace skbox {
namespace {

struct Ns {
  World w{1};
  Net* n = nullptr;
  Ns() {
    StringSink out, err;
    EXPECT_EQ(run_script(w, "ip netns add a\nip -n a link set lo up\n", "t.sh", out, err), 0) << err.data;
    n = w.netns_find("a");
  }
  std::unique_ptr<Socket> sock() {
    std::unique_ptr<Socket> s;
    EXPECT_EQ(sock_create(*n, AF_INET, SOCK_DGRAM, 0, &s), 0);
    return s;
  }
  std::string run(const std::string& cmd) {
    StringSink out, err;
    run_script(w, "ip netns exec a " + cmd + "\n", "t.sh", out, err);
    return out.data + err.data;
  }
  void settle() { w.loop.run_until(w.now() + 10 * kMsec); }
};

std::span<const uint8_t> bytes(const std::string& s) { return {reinterpret_cast<const uint8_t*>(s.data()), s.size()}; }

const Ipv4Addr kLo = Ipv4Addr::of(127, 0, 0, 1);

TEST(Ss, ConnectedAndQueuedUdpSockets) {
  Ns ns;
  auto srv = ns.sock();
  ASSERT_EQ(srv->bind({Ipv4Addr(), 5000}), 0);
  auto cli = ns.sock();
  ASSERT_EQ(cli->bind({kLo, 4000}), 0);
  ASSERT_EQ(cli->connect({kLo, 5000}), 0);
  ASSERT_EQ(cli->sendmsg(bytes("hello"), nullptr, 0), 5);
  ASSERT_EQ(cli->sendmsg(bytes(std::string(1000, 'x')), nullptr, 0), 1000);
  ns.settle();
  // Linux prints the sockets in hash-slot order, which is random per
  // namespace; skbox's is by port.
  EXPECT_EQ(ns.run("ss -ua"),
            "State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n"
            "ESTAB  0      0          127.0.0.1:4000    127.0.0.1:5000       \n"
            "UNCONN 3136   0            0.0.0.0:5000      0.0.0.0:*          \n");
  EXPECT_EQ(ns.run("ss -u"),
            "Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n"
            "0      0          127.0.0.1:4000    127.0.0.1:5000       \n");
  EXPECT_EQ(ns.run("ss -uam"),
            "State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess                                           \n"
            "ESTAB  0      0          127.0.0.1:4000    127.0.0.1:5000\n"
            "\t skmem:(r0,rb212992,t0,tb212992,f0,w0,o0,bl0,d0)\n"
            "UNCONN 3136   0            0.0.0.0:5000      0.0.0.0:*   \n"
            "\t skmem:(r3136,rb212992,t0,tb212992,f960,w0,o0,bl0,d0)\n");
}

TEST(Ss, HeaderOnlyAndNoHeader) {
  Ns ns;
  EXPECT_EQ(ns.run("ss -t"), "State Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n");
  EXPECT_EQ(ns.run("ss -uH"), "");
  auto s = ns.sock();
  ASSERT_EQ(s->bind({kLo, 53}), 0);
  EXPECT_EQ(ns.run("ss -uaH"), "UNCONN 0      0      127.0.0.1:domain 0.0.0.0:*\n");
  EXPECT_EQ(ns.run("ss -uanH"), "UNCONN 0      0      127.0.0.1:53 0.0.0.0:*\n");
}

}  // namespace
}  // namespace skbox
