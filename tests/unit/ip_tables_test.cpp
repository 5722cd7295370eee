// ipt_do_table (netfilter/ip_tables.cpp) through the iptables command: which
// rule decides, jumps and returns, goto, the policy, counters, inversions
// and interface wildcards, checked on the filter table's counters.
#include <gtest/gtest.h>

#include <string>

#include "cli/shell/shell.h"
#include "cli/sink.h"
#include "net/net.h"
#include "net/world.h"
#include "netfilter/x_tables.h"

namespace skbox {
namespace {

constexpr const char* kSetup = R"(
ip netns add a
ip netns add b
ip link add v0 netns a type veth peer name v0 netns b
ip -n a addr add 10.9.0.1/24 dev v0
ip -n b addr add 10.9.0.2/24 dev v0
ip -n a link set v0 up
ip -n b link set v0 up
)";

struct Rig {
  World w{1};
  Rig() { EXPECT_EQ(run("x", kSetup), ""); }
  std::string run(const char*, const std::string& script) {
    StringSink out, err;
    run_script(w, script, "t.sh", out, err);
    return err.data;
  }
  // Pings a -> b n times; returns how many replies came back.
  int ping(int n) {
    StringSink out, err;
    run_script(w, "ip netns exec a ping -c " + std::to_string(n) + " -i 0.2 -W 1 10.9.0.2", "p.sh", out, err);
    size_t at = out.data.find(" received");
    if (at == std::string::npos) return -1;
    size_t start = out.data.rfind(' ', at - 1);
    return std::stoi(out.data.substr(start + 1, at - start - 1));
  }
  XtTable& filter() { return *w.netns_find("b")->xt->filter(); }
  const IptEntry& rule(const char* chain, size_t i) { return filter().find_chain(chain)->rules.at(i); }
};

TEST(IpTables, FirstMatchWinsAndCounts) {
  Rig r;
  EXPECT_EQ(r.run("x", "ip netns exec b iptables -A INPUT -p icmp -j DROP\n"
                       "ip netns exec b iptables -A INPUT -p icmp -j ACCEPT\n"), "");
  EXPECT_EQ(r.ping(2), 0);
  EXPECT_EQ(r.rule("INPUT", 0).pcnt, 2u);
  EXPECT_EQ(r.rule("INPUT", 0).bcnt, 168u);
  EXPECT_EQ(r.rule("INPUT", 1).pcnt, 0u);
}

TEST(IpTables, PolicyDecidesWhenNothingMatches) {
  Rig r;
  EXPECT_EQ(r.run("x", "ip netns exec b iptables -A INPUT -p udp -j ACCEPT\n"
                       "ip netns exec b iptables -P INPUT DROP\n"), "");
  EXPECT_EQ(r.ping(1), 0);
  EXPECT_EQ(r.filter().find_chain("INPUT")->pcnt, 1u);
  EXPECT_EQ(r.rule("INPUT", 0).pcnt, 0u);
}

TEST(IpTables, JumpAndReturn) {
  Rig r;
  EXPECT_EQ(r.run("x", "ip netns exec b iptables -N u\n"
                       "ip netns exec b iptables -A INPUT -j u\n"
                       "ip netns exec b iptables -A INPUT -j DROP\n"
                       "ip netns exec b iptables -A u -s 10.9.0.1 -j RETURN\n"
                       "ip netns exec b iptables -A u -j ACCEPT\n"), "");
  EXPECT_EQ(r.ping(1), 0);  // RETURN goes back to INPUT, whose next rule drops
  EXPECT_EQ(r.rule("u", 0).pcnt, 1u);
  EXPECT_EQ(r.rule("u", 1).pcnt, 0u);
  EXPECT_EQ(r.rule("INPUT", 1).pcnt, 1u);
  EXPECT_EQ(r.run("x", "ip netns exec b iptables -R u 1 ! -s 10.9.0.1 -j RETURN\n"), "");
  EXPECT_EQ(r.ping(1), 1);  // the inverted source does not match: u accepts
  EXPECT_EQ(r.rule("u", 1).pcnt, 1u);
}

TEST(IpTables, GotoFallsToPolicy) {
  Rig r;
  EXPECT_EQ(r.run("x", "ip netns exec b iptables -N u\n"
                       "ip netns exec b iptables -A INPUT -g u\n"
                       "ip netns exec b iptables -A INPUT -j ACCEPT\n"
                       "ip netns exec b iptables -P INPUT DROP\n"), "");
  EXPECT_EQ(r.ping(1), 0);  // the end of u returns past INPUT: the policy
  EXPECT_EQ(r.rule("INPUT", 1).pcnt, 0u);
  EXPECT_EQ(r.filter().find_chain("INPUT")->pcnt, 1u);
}

TEST(IpTables, InterfaceWildcardAndInversion) {
  Rig r;
  EXPECT_EQ(r.run("x", "ip netns exec b iptables -A INPUT -i v+ -p icmp --icmp-type echo-request -j DROP\n"), "");
  EXPECT_EQ(r.ping(1), 0);
  EXPECT_EQ(r.run("x", "ip netns exec b iptables -R INPUT 1 -i w+ -j DROP\n"), "");
  EXPECT_EQ(r.ping(1), 1);
  EXPECT_EQ(r.run("x", "ip netns exec b iptables -R INPUT 1 ! -i v0 -j DROP\n"
                       "ip netns exec b iptables -A OUTPUT -o v0 -p icmp ! --icmp-type echo-reply -j DROP\n"), "");
  EXPECT_EQ(r.ping(1), 1);
  EXPECT_EQ(r.rule("OUTPUT", 0).pcnt, 0u);
}

// iptables-restore commits a staged copy: jumps must land in the live
// table's chains, and a refused commit must leave the live table alone.
TEST(IpTables, RestoreSwapsInWholeTables) {
  Rig r;
  EXPECT_EQ(r.run("x", "printf '*filter\\n:u - [0:0]\\n-A INPUT -j u\\n-A u -p icmp -j DROP\\nCOMMIT\\n' | "
                       "ip netns exec b iptables-restore\n"), "");
  EXPECT_EQ(r.ping(1), 0);
  const XtChain* u = r.filter().find_chain("u");
  ASSERT_NE(u, nullptr);
  EXPECT_EQ(r.rule("INPUT", 0).target.chain, u);
  EXPECT_EQ(u->rules.at(0).pcnt, 1u);
  // A loop through INPUT is refused at COMMIT: nothing changes.
  EXPECT_NE(r.run("x", "printf '*filter\\n:u - [0:0]\\n-A INPUT -j u\\n-A u -j u\\nCOMMIT\\n' | "
                       "ip netns exec b iptables-restore\n"), "");
  EXPECT_EQ(r.filter().find_chain("u"), u);
  EXPECT_EQ(r.ping(1), 0);
  EXPECT_EQ(u->rules.at(0).pcnt, 2u);
}

}  // namespace
}  // namespace skbox
