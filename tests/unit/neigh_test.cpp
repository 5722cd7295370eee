// ARP and the neighbour table driven through a World: resolution, failure,
// arp_ignore, gratuitous ARP / arp_accept, proxy ARP, receive validation,
// /proc/net/arp and the `ip neigh` / `arping` commands.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "bench/topologies.h"
#include "cli/shell/shell.h"
#include "cli/sink.h"
#include "neigh/neigh_table.h"
#include "net/dev.h"
#include "net/net.h"
#include "net/world.h"
#include "transport/ping.h"
#include "wire/arp.h"

namespace skbox {
namespace {

struct ShRun {
  int rc;
  std::string out, err;
};

ShRun sh(World& w, std::string_view script) {
  StringSink out, err;
  int rc = run_script(w, script, "t.sh", out, err);
  return ShRun{rc, out.data, err.data};
}

Neighbour* entry(Net& n, const char* dev, const char* ip) {
  return arp_table(n).lookup(n.dev_get_by_name(dev), *Ipv4Addr::parse(ip));
}

// Sends one echo request from a to dst through a ping socket, then lets
// virtual time run for `for_ns`.
void ping_once(World& w, Net& a, const char* dst, Duration for_ns) {
  PingSock* s = a.ping_socks->open();
  uint8_t payload[56] = {};
  a.ping_socks->sendto(s, *Ipv4Addr::parse(dst), 1, payload, sizeof payload);
  w.loop.run_until(w.now() + for_ns);
  a.ping_socks->close(s);
}

TEST(Arp, PingResolvesBothSides) {
  World w(1);
  ASSERT_EQ(sh(w, bench::kVethScript).rc, 0);
  Net& a = *w.netns_find("a");
  Net& b = *w.netns_find("b");
  ping_once(w, a, "10.0.0.2", 10 * kMsec);
  Neighbour* na = entry(a, "eth0", "10.0.0.2");
  Neighbour* nb = entry(b, "eth0", "10.0.0.1");
  ASSERT_TRUE(na && nb);
  // The requester got a unicast reply: REACHABLE. The responder learnt the
  // requester from its request (STALE), then used it for the echo reply.
  EXPECT_EQ(na->state(), NudState::Reachable);
  EXPECT_EQ(nb->state(), NudState::Delay);
  EXPECT_EQ(na->ha, b.dev_get_by_name("eth0")->dev_addr);
  EXPECT_EQ(na->probes, 4);  // ucast_probes + the one broadcast
  // DELAY turns REACHABLE without a probe? No confirmation arrives for b, so
  // after delay_first_probe_time it probes (unicast) and a answers.
  w.loop.run_until(w.now() + 6 * kSec);
  EXPECT_EQ(nb->state(), NudState::Reachable);
}

TEST(Arp, UnansweredResolutionFails) {
  World w(1);
  ASSERT_EQ(sh(w, bench::kVethScript).rc, 0);
  Net& a = *w.netns_find("a");
  Net& b = *w.netns_find("b");
  // What a packet socket on the peer sees (IPv6 chatter aside).
  ArpTap tap;
  tap.dev = b.dev_get_by_name("eth0");
  arp_table(b).tap_add(&tap);
  ping_once(w, a, "10.0.0.9", 500 * kMsec);
  Neighbour* n = entry(a, "eth0", "10.0.0.9");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->state(), NudState::Incomplete);
  w.loop.run_until(w.now() + 3 * kSec);
  EXPECT_EQ(n->state(), NudState::Failed);
  ASSERT_EQ(tap.rx.size(), 3u);  // mcast_solicit broadcasts, a second apart
  for (const ArpTap::Frame& f : tap.rx) EXPECT_EQ(f.pkt_type, PktType::Broadcast);
  // Each 250-jiffy retransmit timer sits in wheel level 1 and fires at the
  // next multiple of 8 jiffies: 1.024 s apart when armed on a tick.
  EXPECT_EQ(tap.rx[2].at - tap.rx[0].at, 2048 * kMsec);
  arp_table(b).tap_del(&tap);
  EXPECT_EQ(arp_table(a).stats.res_failed, 1u);
}

TEST(Arp, ArpIgnoreOneAnswersOnlyForTheReceivingDevice) {
  World w(1);
  ASSERT_EQ(sh(w, std::string(bench::kVethScript) +
                      "ip -n b link add dummyv type veth peer name dummyp\n"
                      "ip -n b addr add 10.9.9.9/24 dev dummyv\n"
                      "ip -n a route add 10.9.9.0/24 dev eth0\n"
                      "ip netns exec b sysctl -qw net.ipv4.conf.eth0.arp_ignore=1\n")
                .rc,
            0);
  Net& a = *w.netns_find("a");
  ping_once(w, a, "10.9.9.9", 500 * kMsec);
  Neighbour* n = entry(a, "eth0", "10.9.9.9");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->state(), NudState::Incomplete);
  // With the default arp_ignore=0 the same request is answered.
  World w2(1);
  ASSERT_EQ(sh(w2, std::string(bench::kVethScript) +
                       "ip -n b link add dummyv type veth peer name dummyp\n"
                       "ip -n b addr add 10.9.9.9/24 dev dummyv\n"
                       "ip -n a route add 10.9.9.0/24 dev eth0\n")
                .rc,
            0);
  Net& a2 = *w2.netns_find("a");
  ping_once(w2, a2, "10.9.9.9", 500 * kMsec);
  Neighbour* n2 = entry(a2, "eth0", "10.9.9.9");
  ASSERT_TRUE(n2);
  EXPECT_EQ(n2->state(), NudState::Reachable);
}

TEST(Arp, GratuitousArpUpdatesKnownEntriesAndCreatesOnlyWithArpAccept) {
  World w(1);
  ASSERT_EQ(sh(w, bench::kVethScript).rc, 0);
  Net& b = *w.netns_find("b");
  // Unknown sender: no entry without arp_accept.
  ShRun r = sh(w, "ip netns exec a arping -q -U -c 1 -I eth0 10.0.0.1\n");
  EXPECT_EQ(r.rc, 0) << r.err;
  EXPECT_EQ(entry(b, "eth0", "10.0.0.1"), nullptr);
  // arp_accept=1 creates it (STALE: a broadcast request).
  ASSERT_EQ(sh(w, "ip netns exec b sysctl -qw net.ipv4.conf.eth0.arp_accept=1\n"
                  "ip netns exec a arping -q -U -c 1 -I eth0 10.0.0.1\n")
                .rc,
            0);
  Neighbour* n = entry(b, "eth0", "10.0.0.1");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->state(), NudState::Stale);
  // A new MAC announced with -A (gratuitous reply) overrides the entry.
  ASSERT_EQ(sh(w, "ip -n a link set eth0 address 02:00:00:00:00:aa\n"
                  "ip netns exec a arping -q -A -c 1 -I eth0 10.0.0.1\n")
                .rc,
            0);
  EXPECT_EQ(n->ha.str(), "02:00:00:00:00:aa");
  // drop_gratuitous_arp ignores them.
  ASSERT_EQ(sh(w, "ip netns exec b sysctl -qw net.ipv4.conf.eth0.drop_gratuitous_arp=1\n"
                  "ip -n a link set eth0 address 02:00:00:00:00:bb\n"
                  "ip netns exec a arping -q -A -c 1 -I eth0 10.0.0.1\n")
                .rc,
            0);
  EXPECT_EQ(n->ha.str(), "02:00:00:00:00:aa");
}

TEST(Arp, ProxyEntryAnswersWhenForwarding) {
  World w(1);
  ASSERT_EQ(sh(w, std::string(bench::kVethScript) +
                      "ip -n b link add other type veth peer name otherp\n"
                      "ip -n b addr add 10.5.0.1/24 dev other\n"
                      "ip -n b link set other up\n"
                      "ip -n b link set otherp up\n"
                      "ip netns exec b sysctl -qw net.ipv4.ip_forward=1\n"
                      "ip -n b neigh add proxy 10.0.0.77 dev eth0\n"
                      "ip -n b route add 10.0.0.77/32 dev other\n")
                .rc,
            0);
  Net& a = *w.netns_find("a");
  ping_once(w, a, "10.0.0.77", 2 * kSec);  // proxy_delay is up to 0.8 s
  Neighbour* n = entry(a, "eth0", "10.0.0.77");
  ASSERT_TRUE(n);
  EXPECT_TRUE(n->nud_state & NUD_VALID);
  EXPECT_EQ(n->ha, w.netns_find("b")->dev_get_by_name("eth0")->dev_addr);
  ShRun r = sh(w, "ip -n b neigh show proxy\n");
  EXPECT_EQ(r.out, "10.0.0.77 dev eth0 proxy \n");
}

TEST(Arp, ShortFramesAreDroppedAsTooSmall) {
  World w(1);
  ASSERT_EQ(sh(w, bench::kVethScript).rc, 0);
  Net& b = *w.netns_find("b");
  NetDevice* dev = b.dev_get_by_name("eth0");
  SkbPtr skb = w.pool.alloc(20);
  std::memset(skb->put(20), 0, 20);
  skb->dev = dev;
  skb->protocol = 0x0806;
  skb->pkt_type = PktType::Broadcast;
  const uint64_t before = b.drops[size_t(DropReason::PKT_TOO_SMALL)];
  arp_rcv(std::move(skb));
  EXPECT_EQ(b.drops[size_t(DropReason::PKT_TOO_SMALL)], before + 1);
}

TEST(IpNeigh, AddShowFlushAndErrors) {
  World w(1);
  ASSERT_EQ(sh(w, "ip link add veth0 type veth peer name veth1\n"
                  "ip link set veth0 up\nip link set veth1 up\n"
                  "ip addr add 10.0.0.1/24 dev veth0\n"
                  "ip neigh add 10.0.0.5 lladdr 02:00:00:00:00:05 dev veth0\n"
                  "ip neigh add 10.0.0.6 lladdr 02:00:00:00:00:06 dev veth0 nud noarp\n"
                  "ip neigh add 10.0.0.7 lladdr 02:00:00:00:00:07 dev veth0 nud stale\n")
                .rc,
            0);
  ShRun r = sh(w, "ip neigh show\n");
  EXPECT_EQ(r.out,
            "10.0.0.5 dev veth0 lladdr 02:00:00:00:00:05 PERMANENT \n"
            "10.0.0.7 dev veth0 lladdr 02:00:00:00:00:07 STALE \n");
  r = sh(w, "ip neigh show nud noarp\n");
  EXPECT_EQ(r.out, "10.0.0.6 dev veth0 lladdr 02:00:00:00:00:06 NOARP \n");
  r = sh(w, "ip -j neigh show 10.0.0.7\n");
  EXPECT_EQ(r.out, "[{\"dst\":\"10.0.0.7\",\"dev\":\"veth0\",\"lladdr\":\"02:00:00:00:00:07\",\"state\":[\"STALE\"]}]\n");
  r = sh(w, "ip neigh add 10.0.0.5 lladdr 02:00:00:00:00:55 dev veth0; echo rc=$?\n");
  EXPECT_EQ(r.err, "RTNETLINK answers: File exists\n");
  EXPECT_EQ(r.out, "rc=2\n");
  r = sh(w, "ip neigh add 10.0.0.9 dev veth0; echo rc=$?\n");
  EXPECT_EQ(r.err, "Error: No link layer address given.\n");
  r = sh(w, "ip neigh add 10.0.0.9 lladdr 02:00:00:00:00:09; echo rc=$?\n");
  EXPECT_EQ(r.err, "Device and destination are required arguments.\n");
  EXPECT_EQ(r.out, "rc=255\n");
  r = sh(w, "ip neigh flush; echo rc=$?\n");
  EXPECT_EQ(r.err, "Flush requires arguments.\n");
  EXPECT_EQ(r.out, "rc=1\n");
  r = sh(w, "ip neigh flush all\nip neigh show\n");
  EXPECT_EQ(r.out, "10.0.0.5 dev veth0 lladdr 02:00:00:00:00:05 PERMANENT \n");
  r = sh(w, "ip -s neigh get 10.0.0.5 dev veth0\n");
  EXPECT_EQ(r.out, "10.0.0.5 dev veth0 lladdr 02:00:00:00:00:05  ref 1 used 0/0/0probes 0 PERMANENT \n");
  r = sh(w, "cat /proc/net/arp\n");
  EXPECT_EQ(r.out,
            "IP address       HW type     Flags       HW address            Mask     Device\n"
            "10.0.0.5         0x1         0x6         02:00:00:00:00:05     *        veth0\n");
  // Taking the device down flushes PERMANENT entries too.
  r = sh(w, "ip link set veth0 down\nip neigh show nud all\n");
  EXPECT_EQ(r.out, "");
}

TEST(Arping, RepliesDadAndErrors) {
  World w(1);
  ASSERT_EQ(sh(w, bench::kVethScript).rc, 0);
  ShRun r = sh(w, "ip netns exec a arping -c 2 -I eth0 10.0.0.2; echo rc=$?\n");
  EXPECT_NE(r.out.find("ARPING 10.0.0.2 from 10.0.0.1 eth0\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Sent 2 probes (1 broadcast(s))\nReceived 2 response(s)\nrc=0\n"), std::string::npos)
      << r.out;
  r = sh(w, "ip netns exec a arping -D -c 1 -I eth0 10.0.0.2; echo rc=$?\n");
  EXPECT_NE(r.out.find("from 0.0.0.0 eth0"), std::string::npos);
  EXPECT_NE(r.out.find("rc=1\n"), std::string::npos);
  r = sh(w, "ip netns exec a arping -c 1 -I nope 10.0.0.2; echo rc=$?\n");
  EXPECT_EQ(r.err, "arping: Device nope not available.\n");
  EXPECT_EQ(r.out, "rc=2\n");
  r = sh(w, "ip netns exec a arping -c x 10.0.0.2; echo rc=$?\n");
  EXPECT_EQ(r.err, "arping: invalid argument: 'x'\n");
  EXPECT_EQ(r.out, "rc=1\n");
}

}  // namespace
}  // namespace skbox
