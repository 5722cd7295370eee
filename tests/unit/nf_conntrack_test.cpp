// Connection tracking (netfilter/nf_conntrack*.cpp) with the hooks enabled
// by nf_ct_netns_get, as a conntrack match would: ICMP and UDP flows on a
// router, their states and timeouts in virtual time, RELATED errors, the
// skb's reference, the table limit and early drop, and the pool.
#include <gtest/gtest.h>

#include <string>

#include "cli/shell/shell.h"
#include "cli/sink.h"
#include "net/net.h"
#include "net/world.h"
#include "netfilter/nf_conntrack.h"

namespace skbox {
namespace {

constexpr const char* kRouter = R"(
ip netns add h1
ip netns add r
ip netns add h2
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip link add eth0 netns h1 type veth peer name r0 netns r
ip link add eth0 netns h2 type veth peer name r1 netns r
ip -n h1 addr add 10.0.1.2/24 dev eth0
ip -n r addr add 10.0.1.1/24 dev r0
ip -n r addr add 10.0.2.1/24 dev r1
ip -n h2 addr add 10.0.2.2/24 dev eth0
for d in "h1 eth0" "h2 eth0" "r r0" "r r1"; do set -- $d; ip -n $1 link set $2 up; done
ip -n h1 route add default via 10.0.1.1
ip -n h2 route add default via 10.0.2.1
)";

struct Rig {
  World w{1};
  Net* r = nullptr;
  Rig() {
    run(kRouter);
    r = w.netns_find("r");
    EXPECT_EQ(nf_ct_netns_get(*r), 0);
  }
  std::string run(const std::string& script) {
    StringSink out, err;
    run_script(w, script, "t.sh", out, err);
    return out.data + err.data;
  }
  std::string proc() { return nf_conntrack_proc_show(*r); }
  NfConntrackNet& cn() { return *r->ct; }
};

TEST(Conntrack, NotActiveUntilSomethingNeedsIt) {
  Rig rig;
  Net* h2 = rig.w.netns_find("h2");
  rig.run("ip netns exec h1 ping -c 1 10.0.2.2\n");
  EXPECT_EQ(nf_ct_net_maybe(*h2), nullptr);
  EXPECT_EQ(rig.r->nf_ct_sysctl.count, 1);
  nf_ct_netns_put(*rig.r);
  rig.run("ip netns exec h1 ping -c 1 10.0.2.2\n");
  EXPECT_EQ(rig.r->nf_ct_sysctl.count, 1);  // nothing new is tracked
}

TEST(Conntrack, PingPairsRequestAndReply) {
  Rig rig;
  EXPECT_NE(rig.run("ip netns exec h1 ping -c 2 -i 0.2 10.0.2.2\n").find("2 received"), std::string::npos);
  const std::string p = rig.proc();
  EXPECT_NE(p.find("ipv4     2 icmp     1 29 src=10.0.1.2 dst=10.0.2.2 type=8 code=0 id="), std::string::npos) << p;
  EXPECT_NE(p.find("src=10.0.2.2 dst=10.0.1.2 type=0 code=0 id="), std::string::npos) << p;
  EXPECT_NE(p.find("mark=0 zone=0 use=2\n"), std::string::npos) << p;
  EXPECT_EQ(p.find("UNREPLIED"), std::string::npos);
  EXPECT_EQ(rig.r->nf_ct_sysctl.count, 1);
}

TEST(Conntrack, TimeoutExpiresInVirtualTime) {
  Rig rig;
  rig.run("ip netns exec h1 ping -c 1 10.0.2.2\nsleep 10\n");
  EXPECT_NE(rig.proc().find(" icmp     1 19 "), std::string::npos) << rig.proc();
  rig.run("sleep 21\n");
  EXPECT_EQ(rig.proc(), "");
  EXPECT_EQ(rig.r->nf_ct_sysctl.count, 0);
}

TEST(Conntrack, UdpUnreplied) {
  Rig rig;
  rig.run("ip netns exec h2 nc -u -l -p 5000 >/dev/null &\nsleep 0.1\n"
          "echo hi | ip netns exec h1 nc -u -q1 -p 4000 10.0.2.2 5000\n");
  std::string p = rig.proc();
  EXPECT_NE(p.find("udp      17 28 src=10.0.1.2 dst=10.0.2.2 sport=4000 dport=5000 [UNREPLIED] "
                   "src=10.0.2.2 dst=10.0.1.2 sport=5000 dport=4000 mark=0"),
            std::string::npos)
      << p;
}

TEST(Conntrack, PortUnreachableIsRelatedAndLeavesTheFlowUnreplied) {
  Rig rig;
  rig.run("echo hi | ip netns exec h1 nc -u -q1 -p 4000 10.0.2.2 5001\n");
  const std::string p = rig.proc();
  EXPECT_NE(p.find("sport=4000 dport=5001 [UNREPLIED]"), std::string::npos) << p;
  EXPECT_EQ(rig.r->nf_ct_sysctl.count, 1);  // the error made no entry of its own
  EXPECT_EQ(rig.cn().stat.error, 0u);
}

TEST(Conntrack, LoneEchoReplyIsInvalid) {
  Rig rig;
  // h2 answers a request r never saw: make r see only the reply by
  // pinging from r itself with conntrack off, then on.
  nf_ct_netns_put(*rig.r);
  Net* h2 = rig.w.netns_find("h2");
  EXPECT_EQ(nf_ct_netns_get(*h2), 0);
  rig.run("ip netns exec h1 ping -c 1 10.0.2.2\n");
  // In h2 the request is NEW and confirmed at LOCAL_IN, the reply leaves
  // ESTABLISHED_REPLY: one entry, nothing invalid.
  EXPECT_EQ(h2->nf_ct_sysctl.count, 1);
  EXPECT_EQ(h2->ct->stat.invalid, 0u);
}

TEST(Conntrack, SkbReferenceKeepsTheEntryAndScrubDropsIt) {
  Rig rig;
  rig.run("ip netns exec h1 ping -c 3 -i 0.2 10.0.2.2\n");
  // Only the table holds the entry once the packets are gone.
  std::vector<NfConn*> l = nf_ct_list(rig.cn());
  ASSERT_EQ(l.size(), 1u);
  EXPECT_EQ(l[0]->use, 2u);  // table + our listing
  nf_ct_put(l[0]);
  EXPECT_EQ(rig.w.pool.in_use(), 0u);
}

TEST(Conntrack, FlushDeletesAndCounts) {
  Rig rig;
  rig.run("ip netns exec h1 ping -c 1 10.0.2.2\n"
          "echo hi | ip netns exec h1 nc -u -q1 -p 4000 10.0.2.2 5001\n");
  EXPECT_EQ(rig.r->nf_ct_sysctl.count, 2);
  EXPECT_EQ(nf_ct_iterate_cleanup(rig.cn(), [](const NfConn& c) { return c.protonum() == 17; }), 1u);
  EXPECT_EQ(rig.r->nf_ct_sysctl.count, 1);
}

TEST(Conntrack, TableFullDropsWhenNothingNearIsUnassured) {
  Rig rig;
  rig.r->world.netfilter.nf_conntrack_max = 1;
  rig.run("echo a | ip netns exec h1 nc -u -q1 -p 4000 10.0.2.2 5001\n");
  EXPECT_EQ(rig.r->nf_ct_sysctl.count, 1);
  // 8 buckets of 262144: the first flow is (all but surely) out of range.
  rig.run("echo b | ip netns exec h1 nc -u -q1 -p 4001 10.0.2.2 5001\n");
  EXPECT_EQ(rig.r->nf_ct_sysctl.count, 1);
  EXPECT_EQ(rig.cn().stat.drop, 1u);
  EXPECT_EQ(rig.cn().stat.early_drop, 0u);
}

TEST(Conntrack, TableFullEarlyDropsAnUnassuredNeighbour) {
  Rig rig;
  rig.r->world.netfilter.nf_conntrack_max = 1;
  rig.r->nf_ct_sysctl.buckets = 4;  // every tuple within the eviction range
  rig.run("echo a | ip netns exec h1 nc -u -q1 -p 4000 10.0.2.2 5001\n");
  rig.run("echo b | ip netns exec h1 nc -u -q1 -p 4001 10.0.2.2 5001\n");
  EXPECT_EQ(rig.r->nf_ct_sysctl.count, 1);
  EXPECT_EQ(rig.cn().stat.drop, 0u);
  EXPECT_EQ(rig.cn().stat.early_drop, 1u);
  std::vector<NfConn*> l = nf_ct_list(rig.cn());
  ASSERT_EQ(l.size(), 1u);
  EXPECT_EQ(l[0]->tuple[IP_CT_DIR_ORIGINAL].src_port, 4001);  // the newcomer stayed
  nf_ct_put(l[0]);
}

TEST(Conntrack, SteadyFlowAllocatesNoEntries) {
  Rig rig;
  rig.run("ip netns exec h1 ping -c 2 -i 0.2 10.0.2.2\nsleep 61\n");  // past the gc worker's run
  EXPECT_EQ(rig.r->nf_ct_sysctl.count, 0);
  rig.run("ip netns exec h1 ping -c 2 -i 0.2 10.0.2.2\n");
  EXPECT_EQ(rig.r->nf_ct_sysctl.count, 1);
}

}  // namespace
}  // namespace skbox
