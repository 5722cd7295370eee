// Netfilter hook points (netfilter/nf_hook.h) as the bridge calls them:
// which hooks a frame crosses, in what order, with which devices, and what
// a drop or a steal does to the packet.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli/shell/shell.h"
#include "cli/sink.h"
#include "net/net.h"
#include "net/world.h"
#include "netfilter/nf_hook.h"

namespace skbox {
namespace {

// Host h0 bridges ports p1 (peer in ns n1, 10.0.0.1) and p2 (peer in ns
// n2, 10.0.0.2); br0 itself has 10.0.0.254.
constexpr const char* kSetup = R"(
ip netns add h0
ip netns add n1
ip netns add n2
ip -n h0 link add br0 type bridge
ip -n h0 link add p1 type veth peer name e1 netns n1
ip -n h0 link add p2 type veth peer name e2 netns n2
ip -n h0 link set p1 master br0
ip -n h0 link set p2 master br0
ip -n h0 addr add 10.0.0.254/24 dev br0
ip -n n1 addr add 10.0.0.1/24 dev e1
ip -n n2 addr add 10.0.0.2/24 dev e2
for d in br0 p1 p2; do ip -n h0 link set $d up; done
ip -n n1 link set e1 up
ip -n n2 link set e2 up
)";

struct Seen {
  std::vector<std::string> log;
  NfVerdict verdict = NfVerdict::Accept;
  uint8_t drop_hook = 0xff;
  SkbPtr stolen;
};

NfVerdict record(void* priv, SkbPtr& skb, const NfHookState& st) {
  auto* s = static_cast<Seen*>(priv);
  static const char* kNames[] = {"PRE", "IN", "FWD", "OUT", "POST"};
  std::string e = kNames[st.hook];
  e += st.in ? " in=" + st.in->name : "";
  e += st.out ? " out=" + st.out->name : "";
  s->log.push_back(e);
  if (st.hook != s->drop_hook) return NfVerdict::Accept;
  if (s->verdict == NfVerdict::Stolen) {
    // A stealing hook owns what it steals: keep the first, free the rest.
    if (!s->stolen) s->stolen = std::move(skb);
    else consume_skb(std::move(skb));
  }
  return s->verdict;
}

struct Rig {
  World w{1};
  Net* h0 = nullptr;
  Seen seen;
  Rig() {
    StringSink out, err;
    EXPECT_EQ(run_script(w, kSetup, "setup", out, err), 0) << err.data;
    h0 = w.netns_find("h0");
    for (uint8_t hook = 0; hook < NF_BR_BROUTING; ++hook) {
      NfHookOps ops;
      ops.hook = &record;
      ops.priv = &seen;
      ops.pf = NFPROTO_BRIDGE;
      ops.hooknum = hook;
      EXPECT_EQ(nf_register_net_hook(*h0, ops), 0);
    }
  }
  std::string run(const std::string& script) {
    StringSink out, err;
    run_script(w, script, "t.sh", out, err);
    return out.data + err.data;
  }
};

TEST(NfHook, BridgedUnicastCrossesPreForwardPost) {
  Rig r;
  r.run("ip netns exec n1 ping -c 1 10.0.0.2 >/dev/null\n");
  // The first frames are ARP broadcasts (flooded and passed up); find the
  // echo request, known unicast by then: in on p1, out on p2.
  const std::vector<std::string> want = {"PRE in=p1", "FWD in=p1 out=p2", "POST out=p2"};
  bool found = false;
  for (size_t i = 0; i + 3 <= r.seen.log.size(); ++i)
    found |= std::vector<std::string>(r.seen.log.begin() + i, r.seen.log.begin() + i + 3) == want;
  EXPECT_TRUE(found);
}

TEST(NfHook, BridgeOwnTrafficCrossesLocalInAndLocalOut) {
  Rig r;
  EXPECT_NE(r.run("ip netns exec n1 ping -c 1 10.0.0.254\n").find("1 received"), std::string::npos);
  bool in = false, out = false;
  for (const auto& e : r.seen.log) {
    in |= e == "IN in=p1";
    out |= e == "OUT out=p1";
  }
  EXPECT_TRUE(in);
  EXPECT_TRUE(out);
}

TEST(NfHook, DropAtForwardStopsBridgingAndCountsTheReason) {
  Rig r;
  r.seen.verdict = NfVerdict::Drop;
  r.seen.drop_hook = NF_BR_FORWARD;
  EXPECT_NE(r.run("ip netns exec n1 ping -c 2 -W 1 10.0.0.2\n").find("0 received"), std::string::npos);
  EXPECT_GT(r.h0->drops[static_cast<size_t>(DropReason::NETFILTER_DROP)], 0u);
  // The bridge's own address still answers: LOCAL_IN/OUT were not dropped.
  EXPECT_NE(r.run("ip netns exec n1 ping -c 1 10.0.0.254\n").find("1 received"), std::string::npos);
}

TEST(NfHook, StolenPacketBelongsToTheHook) {
  Rig r;
  r.seen.verdict = NfVerdict::Stolen;
  r.seen.drop_hook = NF_BR_PRE_ROUTING;
  r.run("ip netns exec n1 ping -c 1 -W 1 10.0.0.254 >/dev/null\n");
  ASSERT_TRUE(r.seen.stolen);
  EXPECT_EQ(r.seen.stolen->dev->name, "p1");
  EXPECT_EQ(r.h0->drops[static_cast<size_t>(DropReason::NETFILTER_DROP)], 0u);
  consume_skb(std::move(r.seen.stolen));
}

// The IPv4 hooks (ip_rcv, ip_local_deliver, ip_forward, __ip_local_out,
// ip_output) on a router h0 between n1 (10.0.1.2) and n2 (10.0.2.2).
constexpr const char* kRouter = R"(
ip netns add h0
ip netns add n1
ip netns add n2
ip netns exec h0 sysctl -qw net.ipv4.ip_forward=1
ip -n h0 link add p1 type veth peer name e1 netns n1
ip -n h0 link add p2 type veth peer name e2 netns n2
ip -n h0 addr add 10.0.1.1/24 dev p1
ip -n h0 addr add 10.0.2.1/24 dev p2
ip -n n1 addr add 10.0.1.2/24 dev e1
ip -n n2 addr add 10.0.2.2/24 dev e2
for d in p1 p2; do ip -n h0 link set $d up; done
ip -n n1 link set e1 up
ip -n n2 link set e2 up
ip -n n1 route add default via 10.0.1.1
ip -n n2 route add default via 10.0.2.1
)";

struct Ipv4Rig {
  World w{1};
  Seen h0_seen, n1_seen;
  Ipv4Rig() {
    StringSink out, err;
    EXPECT_EQ(run_script(w, kRouter, "setup", out, err), 0) << err.data;
    for (auto [name, seen] : {std::pair{"h0", &h0_seen}, std::pair{"n1", &n1_seen}}) {
      for (uint8_t hook = 0; hook < NF_INET_NUMHOOKS; ++hook) {
        NfHookOps ops;
        ops.hook = &record;
        ops.priv = seen;
        ops.pf = NFPROTO_IPV4;
        ops.hooknum = hook;
        EXPECT_EQ(nf_register_net_hook(*w.netns_find(name), ops), 0);
      }
    }
  }
  std::string run(const std::string& script) {
    StringSink out, err;
    run_script(w, script, "t.sh", out, err);
    return out.data + err.data;
  }
};

TEST(NfHook, Ipv4ForwardedAndLocalPacketsCrossTheirHooks) {
  Ipv4Rig r;
  EXPECT_NE(r.run("ip netns exec n1 ping -c 1 10.0.2.2\n").find("1 received"), std::string::npos);
  const auto& h = r.h0_seen.log;
  // The echo request is routed through: PRE, FORWARD, POST. POSTROUTING
  // still sees the input device (ip_output passes skb->dev as indev).
  const std::vector<std::string> fwd = {"PRE in=p1", "FWD in=p1 out=p2", "POST in=p1 out=p2"};
  bool found = false;
  for (size_t i = 0; i + 3 <= h.size(); ++i)
    found |= std::vector<std::string>(h.begin() + i, h.begin() + i + 3) == fwd;
  EXPECT_TRUE(found);
  // The sender's own packet leaves through OUTPUT then POSTROUTING; the
  // reply comes in through PREROUTING then INPUT.
  const auto& n = r.n1_seen.log;
  ASSERT_GE(n.size(), 4u);
  EXPECT_EQ(n[0], "OUT out=e1");
  EXPECT_EQ(n[1], "POST out=e1");
  EXPECT_EQ(n[n.size() - 2], "PRE in=e1");
  EXPECT_EQ(n[n.size() - 1], "IN in=e1");
}

TEST(NfHook, Ipv4OutputDropFailsTheSendWithEperm) {
  Ipv4Rig r;
  r.n1_seen.verdict = NfVerdict::Drop;
  r.n1_seen.drop_hook = NF_INET_LOCAL_OUT;
  // iputils ping says nothing about the EPERM and counts the probe as sent
  // (as with iptables -A OUTPUT -j DROP on Linux 6.18); ip_send_skb counts
  // OutDiscards.
  const std::string out = r.run("ip netns exec n1 ping -c 1 -W 1 10.0.2.2\n");
  EXPECT_NE(out.find("1 packets transmitted, 0 received"), std::string::npos) << out;
  EXPECT_EQ(out.find("sendmsg"), std::string::npos) << out;
  EXPECT_EQ(r.w.netns_find("n1")->mib.ip[IpMib::OutDiscards], 1u);
}

TEST(NfHook, RegistrationOrderAndErrors) {
  World w{1};
  Net& net = w.init_net();
  NfHookOps a;
  a.hook = &record;
  a.pf = NFPROTO_IPV4;
  a.hooknum = NF_INET_FORWARD;
  a.priority = 10;
  NfHookOps b = a, c = a;
  b.priority = -5;
  c.priority = 10;
  c.priv = &a;
  EXPECT_EQ(nf_register_net_hook(net, a), 0);
  EXPECT_EQ(nf_register_net_hook(net, b), 0);
  EXPECT_EQ(nf_register_net_hook(net, c), 0);
  const auto* l = net.nf_hooks.list(NFPROTO_IPV4, NF_INET_FORWARD);
  ASSERT_EQ(l->size(), 3u);
  EXPECT_EQ((*l)[0].priority, -5);
  EXPECT_EQ((*l)[1].priv, nullptr);  // equal priority: the earlier first
  EXPECT_EQ((*l)[2].priv, &a);
  nf_unregister_net_hook(net, a);
  EXPECT_EQ(l->size(), 2u);
  NfHookOps bad = a;
  bad.hooknum = NF_BR_BROUTING;  // IPv4 has five hooks
  EXPECT_EQ(nf_register_net_hook(net, bad), -EINVAL);
  bad.pf = 99;
  EXPECT_EQ(nf_register_net_hook(net, bad), -EINVAL);
}

}  // namespace
}  // namespace skbox
