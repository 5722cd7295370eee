// br_netfilter (dev/br_netfilter_hooks.cpp), the physdev match and the CT
// target's notrack, driven through the commands: when the hooks exist,
// what a bridged packet carries while the IPv4 hooks see it, the header
// check and its drop reason, the bridge-nf-call-iptables switch, and the
// bridged-DNAT paths (connected neighbour, or through the bridge's
// neighbour output and br_nf_dev_xmit).
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include <fmt/format.h>

#include "cli/shell/shell.h"
#include "cli/sink.h"
#include "dev/br_netfilter.h"
#include "net/dev.h"
#include "net/net.h"
#include "net/sysctl.h"
#include "net/world.h"
#include "netfilter/nf_hook.h"
#include "netfilter/x_tables.h"

namespace skbox {
namespace {

constexpr const char* kTopo = R"(
ip netns add sw
ip netns add c1
ip netns add c2
ip -n sw link add br0 type bridge
ip -n sw addr add 10.0.0.1/24 dev br0
ip -n sw link set br0 up
ip -n sw link add vc1 type veth peer name eth0 netns c1
ip -n sw link add vc2 type veth peer name eth0 netns c2
ip -n sw link set vc1 master br0
ip -n sw link set vc2 master br0
ip -n sw link set vc1 up
ip -n sw link set vc2 up
ip -n c1 addr add 10.0.0.2/24 dev eth0
ip -n c2 addr add 10.0.0.3/24 dev eth0
ip -n c1 link set eth0 up
ip -n c2 link set eth0 up
ip -n c1 route add default via 10.0.0.1
ip -n c2 route add default via 10.0.0.1
)";

struct Rig {
  World w{1};
  explicit Rig(bool topo = true) {
    if (topo) {
      EXPECT_EQ(run(kTopo), "");
    }
  }
  std::string run(const std::string& script, std::string* out_text = nullptr) {
    StringSink out, err;
    run_script(w, script, "t.sh", out, err);
    if (out_text) *out_text = out.data;
    return err.data;
  }
  int ping(const char* from, const char* to, int n = 1) {
    std::string out;
    run(fmt::format("ip netns exec {} ping -c {} -i 0.2 -W 1 {}\n", from, n, to), &out);
    size_t at = out.find(" received");
    if (at == std::string::npos) return -1;
    size_t start = out.rfind(' ', at - 1);
    return std::stoi(out.substr(start + 1, at - start - 1));
  }
  Net& ns(const char* name) { return *w.netns_find(name); }
  const IptEntry& rule(const char* table, const char* chain, size_t i) {
    return ns("sw").xt->find(table)->find_chain(chain)->rules.at(i);
  }
};

// What the IPv4 hooks of the bridge host saw, by a hook of its own.
struct Seen {
  int n = 0;
  NetDevice* in = nullptr;
  NetDevice* out = nullptr;
  std::string physin, physout;
  bool bridged = false;
};
NfVerdict record(void* priv, SkbPtr& skb, const NfHookState& st) {
  auto* s = static_cast<Seen*>(priv);
  if (skb->protocol != 0x0800 || skb->head[skb->network_header + 9] != 1) return NfVerdict::Accept;  // ICMP only
  ++s->n;
  s->in = st.in;
  s->out = st.out;
  s->bridged = nf_bridge_info_exists(*skb);
  const NetDevice* pi = nf_bridge_get_physindev(*skb);
  const NetDevice* po = nf_bridge_get_physoutdev(*skb);
  s->physin = pi ? pi->name : "";
  s->physout = po ? po->name : "";
  return NfVerdict::Accept;
}

TEST(BrNetfilter, SysctlsInEveryNamespaceHooksWithTheFirstBridge) {
  Rig r(false);
  EXPECT_EQ(r.run("ip netns add a\n"), "");
  Net& a = r.ns("a");
  EXPECT_EQ(*sysctl_read(a, "net.bridge.bridge-nf-call-iptables"), "1");
  EXPECT_TRUE(a.nf_hooks.list(NFPROTO_BRIDGE, NF_BR_PRE_ROUTING)->empty());
  EXPECT_TRUE(a.nf_hooks.list(NFPROTO_IPV4, NF_INET_PRE_ROUTING)->empty());
  EXPECT_EQ(r.run("ip -n a link add br0 type bridge\nip -n a link add br1 type bridge\n"), "");
  EXPECT_EQ(a.nf_hooks.list(NFPROTO_BRIDGE, NF_BR_PRE_ROUTING)->size(), 1u);  // once per namespace
  EXPECT_EQ(a.nf_hooks.list(NFPROTO_BRIDGE, NF_BR_FORWARD)->size(), 1u);
  EXPECT_EQ(a.nf_hooks.list(NFPROTO_IPV4, NF_INET_PRE_ROUTING)->size(), 1u);  // ip_sabotage_in
  // Writes store 0/1 (brnf_sysctl_call_tables), per namespace.
  ASSERT_TRUE(sysctl_write(a, "net.bridge.bridge-nf-call-iptables", "7"));
  EXPECT_EQ(a.brnf.call_iptables, 1);
  ASSERT_TRUE(sysctl_write(a, "net.bridge.bridge-nf-call-iptables", "0"));
  EXPECT_EQ(a.brnf.call_iptables, 0);
  EXPECT_EQ(r.w.init_net().brnf.call_iptables, 1);
}

TEST(BrNetfilter, BridgedPacketSeenWithBridgeDevicesAndPorts) {
  Rig r;
  Net& sw = r.ns("sw");
  Seen pre, fwd, post;
  nf_register_net_hook(sw, {&record, &pre, NFPROTO_IPV4, NF_INET_PRE_ROUTING, 0});
  nf_register_net_hook(sw, {&record, &fwd, NFPROTO_IPV4, NF_INET_FORWARD, 0});
  nf_register_net_hook(sw, {&record, &post, NFPROTO_IPV4, NF_INET_POST_ROUTING, 0});
  EXPECT_EQ(r.ping("c1", "10.0.0.3"), 1);
  NetDevice* br = sw.dev_get_by_name("br0");
  EXPECT_EQ(pre.n, 2);  // the request and the reply
  EXPECT_EQ(pre.in, br);
  EXPECT_TRUE(pre.bridged);
  EXPECT_EQ(pre.physin, "vc2");  // the reply came in on c2's port
  EXPECT_EQ(pre.physout, "");
  EXPECT_EQ(fwd.n, 2);
  EXPECT_EQ(fwd.in, br);
  EXPECT_EQ(fwd.out, br);
  EXPECT_EQ(fwd.physout, "vc1");
  EXPECT_EQ(post.n, 2);
  EXPECT_EQ(post.in, nullptr);
  EXPECT_EQ(post.out, br);
  EXPECT_EQ(post.physin, "vc2");
  // Off: the IPv4 hooks never see bridged frames.
  ASSERT_TRUE(sysctl_write(sw, "net.bridge.bridge-nf-call-iptables", "0"));
  pre = fwd = post = Seen{};
  EXPECT_EQ(r.ping("c1", "10.0.0.3"), 1);
  EXPECT_EQ(pre.n + fwd.n + post.n, 0);
  nf_unregister_net_hook(sw, {&record, &pre, NFPROTO_IPV4, NF_INET_PRE_ROUTING, 0});
  nf_unregister_net_hook(sw, {&record, &fwd, NFPROTO_IPV4, NF_INET_FORWARD, 0});
  nf_unregister_net_hook(sw, {&record, &post, NFPROTO_IPV4, NF_INET_POST_ROUTING, 0});
}

TEST(BrNetfilter, LocalDeliveryRunsPreroutingOnce) {
  Rig r;
  Net& sw = r.ns("sw");
  Seen pre, in;
  nf_register_net_hook(sw, {&record, &pre, NFPROTO_IPV4, NF_INET_PRE_ROUTING, 0});
  nf_register_net_hook(sw, {&record, &in, NFPROTO_IPV4, NF_INET_LOCAL_IN, 0});
  EXPECT_EQ(r.ping("c1", "10.0.0.1", 2), 2);
  EXPECT_EQ(pre.n, 2);  // ip_sabotage_in kept ip_rcv from running it again
  EXPECT_EQ(in.n, 2);
  EXPECT_EQ(in.physin, "vc1");
  EXPECT_EQ(in.in, sw.dev_get_by_name("br0"));
  nf_unregister_net_hook(sw, {&record, &pre, NFPROTO_IPV4, NF_INET_PRE_ROUTING, 0});
  nf_unregister_net_hook(sw, {&record, &in, NFPROTO_IPV4, NF_INET_LOCAL_IN, 0});
}

// A frame with a broken IPv4 header on a port: br_validate_ipv4 drops it
// (InHdrErrors, SKB_DROP_REASON_IP_INHDR) unless bridge-nf-call-iptables=0.
TEST(BrNetfilter, BrokenIpv4HeaderDroppedBeforeTheBridge) {
  Rig r;
  Net& sw = r.ns("sw");
  NetDevice* vc1 = sw.dev_get_by_name("vc1");
  auto frame = [&] {
    SkbPtr skb = r.w.pool.alloc(64);
    uint8_t* h = skb->put(60);
    std::memset(h, 0, 60);
    h[0] = 0x02, h[5] = 0x99;  // unknown unicast destination: flooded if it gets that far
    h[6] = 0x02, h[11] = 0x42;
    h[12] = 0x08;  // IPv4 with version 0
    eth_type_trans(*skb, vc1);
    return skb;
  };
  auto drops = [&](DropReason d) { return sw.drops[static_cast<size_t>(d)]; };
  const auto inhdr = drops(DropReason::IP_INHDR);
  const auto hdrerr = sw.mib.ip[IpMib::InHdrErrors];
  netif_receive_skb(frame());
  EXPECT_EQ(drops(DropReason::IP_INHDR), inhdr + 1);
  EXPECT_EQ(sw.mib.ip[IpMib::InHdrErrors], hdrerr + 1);
  ASSERT_TRUE(sysctl_write(sw, "net.bridge.bridge-nf-call-iptables", "0"));
  netif_receive_skb(frame());
  EXPECT_EQ(drops(DropReason::IP_INHDR), inhdr + 1);
  EXPECT_EQ(sw.mib.ip[IpMib::InHdrErrors], hdrerr + 1);
}

// DNAT on the bridge host back to the same bridge: the frame is bridged to
// the new destination's port, whether the host's neighbour entry for it is
// connected (the MAC is copied at once) or not (it goes through br0's
// neighbour output, and br_nf_dev_xmit bridges it from its input port:
// br0 counts no transmit for it).
TEST(BrNetfilter, BridgedDnatThroughBothNeighbourPaths) {
  Rig r;
  Net& sw = r.ns("sw");
  // Forwarding on: without it ip_route_input gives the DNAT'ed packet an
  // ip_error route and it dies as InAddrErrors, as on Linux.
  EXPECT_EQ(r.run("ip netns exec sw sysctl -qw net.ipv4.ip_forward=1\n"
                  "ip netns exec sw iptables -t nat -A PREROUTING -d 10.0.0.1 -p icmp -j DNAT --to-destination "
                  "10.0.0.3\n"),
            "");
  NetDevice* br = sw.dev_get_by_name("br0");
  const auto tx = br->stats.tx_packets;
  EXPECT_EQ(r.ping("c1", "10.0.0.1"), 1);  // no neighbour for 10.0.0.3 yet: resolved by br0
  EXPECT_EQ(r.rule("nat", "PREROUTING", 0).pcnt, 1u);
  const auto tx_after_first = br->stats.tx_packets;
  // br0 sent its ARP reply to c1 and its ARP request for 10.0.0.3; the
  // DNAT'ed frame it resolved is not counted (br_nf_dev_xmit took it).
  EXPECT_EQ(tx_after_first, tx + 2);
  r.run("ip netns exec sw conntrack -F\n");
  EXPECT_EQ(r.ping("c1", "10.0.0.1"), 1);  // now REACHABLE: neigh_hh_bridge's copy
  EXPECT_EQ(br->stats.tx_packets, tx_after_first);
  EXPECT_EQ(r.rule("nat", "PREROUTING", 0).pcnt, 2u);
}

TEST(Physdev, MatchesPortsInvertsAndUnbridged) {
  Rig r;
  EXPECT_EQ(r.run("ip netns exec sw iptables -A FORWARD -p icmp -m physdev --physdev-in vc+ --physdev-out vc2\n"
                  "ip netns exec sw iptables -A FORWARD -p icmp -m physdev ! --physdev-in vc1\n"
                  "ip netns exec sw iptables -A INPUT -p icmp -m physdev ! --physdev-is-bridged --physdev-is-in\n"
                  "ip netns exec sw iptables -A OUTPUT -p icmp -m physdev ! --physdev-is-in\n"
                  "ip netns exec sw iptables -A OUTPUT -p icmp -m physdev --physdev-in x\n"),
            "");
  EXPECT_EQ(r.ping("c1", "10.0.0.3", 2), 2);
  EXPECT_EQ(r.rule("filter", "FORWARD", 0).pcnt, 2u);  // the requests
  EXPECT_EQ(r.rule("filter", "FORWARD", 1).pcnt, 2u);  // the replies
  EXPECT_EQ(r.ping("c1", "10.0.0.1", 1), 1);
  EXPECT_EQ(r.rule("filter", "INPUT", 0).pcnt, 1u);
  EXPECT_EQ(r.rule("filter", "OUTPUT", 0).pcnt, 1u);  // the host's reply: never bridged in
  EXPECT_EQ(r.rule("filter", "OUTPUT", 1).pcnt, 0u);
}

TEST(CtTarget, NotrackLeavesBridgedFlowsUntracked) {
  Rig r;
  EXPECT_EQ(r.run("ip netns exec sw iptables -t raw -A PREROUTING -s 10.0.0.2 -j NOTRACK\n"
                  "ip netns exec sw iptables -A FORWARD -m conntrack --ctstate UNTRACKED\n"
                  "ip netns exec sw iptables -A FORWARD -m conntrack --ctstate INVALID\n"),
            "");
  EXPECT_EQ(r.ping("c1", "10.0.0.3", 2), 2);
  EXPECT_EQ(r.rule("filter", "FORWARD", 0).pcnt, 2u);  // requests from 10.0.0.2
  EXPECT_EQ(r.rule("filter", "FORWARD", 1).pcnt, 2u);  // echo replies open no flow: INVALID
  std::string out;
  EXPECT_EQ(r.run("ip netns exec sw iptables -t raw -S PREROUTING\nip netns exec sw iptables -t raw -L PREROUTING -n\n",
                  &out),
            "");
  EXPECT_NE(out.find("-A PREROUTING -s 10.0.0.2/32 -j NOTRACK\n"), std::string::npos);
  EXPECT_NE(out.find("\nCT         0    --  10.0.0.2             0.0.0.0/0            NOTRACK\n"), std::string::npos);
}

}  // namespace
}  // namespace skbox
