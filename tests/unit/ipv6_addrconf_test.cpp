// IPv6 link-local addrconf: interface ids, DAD and its packets, disable_ipv6,
// addr_gen_mode. Expected values were taken from Linux 6.18.
#include <gtest/gtest.h>

#include <string>

#include "cli/shell/shell.h"
#include "cli/sink.h"
#include "ipv4/fib.h"
#include "ipv4/devinet.h"
#include "ipv6/addrconf.h"
#include "ipv6/route.h"
#include "net/net.h"
#include "net/sysctl.h"
#include "net/world.h"

namespace skbox {
namespace {

Ipv6Addr a6(const char* s) { return *Ipv6Addr::parse(s); }

void run(World& w, std::string_view script) {
  StringSink out, err;
  ASSERT_EQ(run_script(w, script, "t.sh", out, err), 0) << out.data << err.data;
}

constexpr std::string_view kPair =
    "ip link add veth0 type veth peer name veth1\n"
    "ip link set veth0 address 02:11:22:33:44:55\n"
    "ip link set veth0 up\n"
    "ip link set veth1 up\n";

uint64_t out_msgs(NetDevice* d, uint8_t type) { return d->ip6_ptr->stats.icmpmsg[256 + type]; }

TEST(Ipv6Addrconf, StableAddressMatchesKernel) {
  // Linux 6.18, veth (perm_addr all zeros), dad_count 0.
  const uint8_t hw[6] = {};
  EXPECT_EQ(ipv6_stable_address(a6("fe80::"), a6("2001:db8:1:2:3:4:5:6"), hw, 0), a6("fe80::ff05:eb87:4e94:b3ad"));
  EXPECT_EQ(ipv6_stable_address(a6("fe80::"), a6("2001:db8::1"), hw, 0), a6("fe80::88cf:4891:a68c:e03f"));
}

TEST(Ipv6Addrconf, LinkLocalLifecycle) {
  World w(1);
  run(w, kPair);
  Net& net = w.init_net();
  NetDevice* v0 = net.dev_get_by_name("veth0");
  ASSERT_TRUE(v0 && v0->ip6_ptr);
  ASSERT_EQ(v0->ip6_ptr->addrs.size(), 1u);
  const Inet6Ifaddr& ifa = *v0->ip6_ptr->addrs[0];
  EXPECT_EQ(ifa.addr, a6("fe80::11:22ff:fe33:4455"));
  EXPECT_EQ(ifa.scope, RT_SCOPE_LINK);
  EXPECT_TRUE(ifa.tentative());
  EXPECT_EQ(ifa.flags, uint32_t(IFA_F_PERMANENT | IFA_F_TENTATIVE));
  EXPECT_FALSE(ipv6_get_lladdr(v0, IFA_F_TENTATIVE));
  run(w, "sleep 3\nip link set lo up\n");
  EXPECT_FALSE(ifa.tentative());
  EXPECT_EQ(ipv6_get_lladdr(v0, IFA_F_TENTATIVE), a6("fe80::11:22ff:fe33:4455"));
  EXPECT_EQ(ipv6_get_ifaddr(net, ifa.addr, v0, true), &ifa);
  // One DAD NS, one RS, four MLDv2 reports (2 during DAD, 2 after), as Linux.
  EXPECT_EQ(out_msgs(v0, 135), 1u);
  EXPECT_EQ(out_msgs(v0, 133), 1u);
  EXPECT_EQ(out_msgs(v0, 143), 4u);
  EXPECT_EQ(v0->stats.tx_packets, 6u);
  EXPECT_EQ(v0->stats.tx_bytes, 516u);
  // ::1 on lo, with its local route; fe80::/64 in main, ff00::/8 in local.
  NetDevice* lo = net.loopback();
  ASSERT_EQ(lo->ip6_ptr->addrs.size(), 1u);
  EXPECT_EQ(lo->ip6_ptr->addrs[0]->addr, a6("::1"));
  EXPECT_EQ(lo->ip6_ptr->addrs[0]->prefixlen, 128);
  int prefix = 0, local = 0, mcast = 0;
  for (const Ipv6Route& r : ipv6_routes(net)) {
    if (r.type == RTN_UNICAST && r.table == RT_TABLE_MAIN && r.dst_len == 64) ++prefix;
    if (r.type == RTN_LOCAL && r.table == RT_TABLE_LOCAL) ++local;
    if (r.type == RTN_MULTICAST && r.table == RT_TABLE_LOCAL) ++mcast;
  }
  EXPECT_EQ(prefix, 2);
  EXPECT_EQ(local, 3);
  EXPECT_EQ(mcast, 2);
  // Down: addresses and routes go.
  run(w, "ip link set veth0 down\n");
  EXPECT_TRUE(v0->ip6_ptr->addrs.empty());
  for (const Ipv6Route& r : ipv6_routes(net)) EXPECT_NE(r.dev, v0);
}

TEST(Ipv6Addrconf, DisableStopsEveryTransmission) {
  World w(7);
  run(w, "sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1\n");
  run(w, kPair);
  run(w, "ip link set lo up\nsleep 60\n");
  Net& net = w.init_net();
  for (NetDevice* d : net.devices()) {
    ASSERT_TRUE(d->ip6_ptr) << d->name;
    EXPECT_EQ(d->ip6_ptr->cnf.disable_ipv6, 1);
    EXPECT_TRUE(d->ip6_ptr->addrs.empty()) << d->name;
    EXPECT_EQ(d->stats.tx_packets, 0u) << d->name;
  }
  // Enabled, then disabled again in the middle of DAD: nothing more leaves.
  run(w, "sysctl -qw net.ipv6.conf.all.disable_ipv6=0\nsleep 0.1\n");
  NetDevice* v0 = net.dev_get_by_name("veth0");
  EXPECT_EQ(v0->ip6_ptr->addrs.size(), 1u);
  run(w, "sysctl -qw net.ipv6.conf.all.disable_ipv6=1\n");
  const uint64_t tx = v0->stats.tx_packets;
  run(w, "sleep 7200\n");
  EXPECT_EQ(v0->stats.tx_packets, tx);
  EXPECT_TRUE(v0->ip6_ptr->addrs.empty());
}

TEST(Ipv6Addrconf, SameSeedSameTimeline) {
  auto trace = [](uint64_t seed) {
    World w(seed);
    std::string s;
    StringSink out, err;
    run_script(w, kPair, "t.sh", out, err);
    NetDevice* v0 = w.init_net().dev_get_by_name("veth0");
    for (int i = 0; i < 40; ++i) {
      run_script(w, "sleep 0.1\n", "t.sh", out, err);
      s += std::to_string(v0->stats.tx_packets) + ",";
    }
    return s;
  };
  EXPECT_EQ(trace(3), trace(3));
}

TEST(Ipv6Addrconf, AddrGenModeAndStableSecret) {
  World w(1);
  run(w, kPair);
  run(w, "sleep 3\n");
  Net& net = w.init_net();
  NetDevice* v0 = net.dev_get_by_name("veth0");
  // Stable-privacy needs a secret.
  EXPECT_FALSE(addrconf_set_addr_gen_mode(v0, IN6_ADDR_GEN_MODE_STABLE_PRIVACY));
  EXPECT_FALSE(addrconf_set_addr_gen_mode(v0, 4));
  // Writing a secret switches the mode but adds nothing until the next link-up.
  addrconf_set_stable_secret(net, v0, a6("2001:db8:1:2:3:4:5:6"));
  EXPECT_EQ(v0->ip6_ptr->cnf.addr_gen_mode, IN6_ADDR_GEN_MODE_STABLE_PRIVACY);
  EXPECT_EQ(v0->ip6_ptr->addrs.size(), 1u);
  run(w, "ip link set veth0 down\nip link set veth0 up\nsleep 3\n");
  ASSERT_EQ(v0->ip6_ptr->addrs.size(), 1u);
  EXPECT_EQ(v0->ip6_ptr->addrs[0]->addr, a6("fe80::ff05:eb87:4e94:b3ad"));
  EXPECT_EQ(v0->ip6_ptr->addrs[0]->flags, uint32_t(IFA_F_PERMANENT | IFA_F_STABLE_PRIVACY));
  // Back to EUI-64: a new address, newest first, the old one stays.
  ASSERT_TRUE(addrconf_set_addr_gen_mode(v0, IN6_ADDR_GEN_MODE_EUI64));
  ASSERT_EQ(v0->ip6_ptr->addrs.size(), 2u);
  EXPECT_EQ(v0->ip6_ptr->addrs[0]->addr, a6("fe80::11:22ff:fe33:4455"));
  // Through sysctl: the device file reads the device's own secret.
  EXPECT_EQ(*sysctl_read(net, "net.ipv6.conf.veth0.stable_secret"), "2001:0db8:0001:0002:0003:0004:0005:0006");
  EXPECT_FALSE(sysctl_read(net, "net.ipv6.conf.veth1.stable_secret"));
  EXPECT_FALSE(sysctl_write(net, "net.ipv6.conf.all.stable_secret", "::1"));
  EXPECT_EQ(*sysctl_read(net, "net.ipv6.conf.veth0.router_solicitation_interval"), "4");
  EXPECT_EQ(*sysctl_read(net, "net.ipv6.conf.lo.accept_dad"), "-1");
  EXPECT_EQ(*sysctl_read(net, "net.ipv6.conf.all.accept_dad"), "0");
}

TEST(Ipv6Addrconf, DuplicateAddressFails) {
  World w(1);
  run(w,
      "ip link add veth0 type veth peer name veth1\n"
      "ip link set veth0 address 02:11:22:33:44:55\n"
      "ip link set veth1 address 02:11:22:33:44:55\n"
      "ip link set veth0 up\nip link set veth1 up\nsleep 3\n");
  Net& net = w.init_net();
  int failed = 0;
  for (const char* n : {"veth0", "veth1"}) {
    NetDevice* d = net.dev_get_by_name(n);
    ASSERT_EQ(d->ip6_ptr->addrs.size(), 1u);
    if (d->ip6_ptr->addrs[0]->flags & IFA_F_DADFAILED) {
      ++failed;
      EXPECT_TRUE(d->ip6_ptr->addrs[0]->tentative());
    }
  }
  EXPECT_GE(failed, 1);
}

TEST(Ipv6Addrconf, StablePrivacyConflictRegenerates) {
  // Both ends of a veth share the default secret and a zero perm_addr, so
  // they pick the same address; the loser retries with dad_count 1 (Linux).
  World w(1);
  run(w,
      "sysctl -qw net.ipv6.conf.default.stable_secret=2001:db8::1\n"
      "ip link add veth0 type veth peer name veth1\n"
      "ip link set veth0 up\nip link set veth1 up\nsleep 5\n");
  Net& net = w.init_net();
  int retried = 0;
  for (const char* n : {"veth0", "veth1"}) {
    NetDevice* d = net.dev_get_by_name(n);
    auto& addrs = d->ip6_ptr->addrs;
    if (addrs.size() == 2) {
      ++retried;
      EXPECT_EQ(addrs[0]->addr, a6("fe80::b6e6:a87d:e6e7:aba"));
      EXPECT_EQ(addrs[0]->flags, uint32_t(IFA_F_PERMANENT | IFA_F_STABLE_PRIVACY));
      EXPECT_EQ(addrs[1]->addr, a6("fe80::88cf:4891:a68c:e03f"));
      EXPECT_TRUE(addrs[1]->flags & IFA_F_DADFAILED);
    } else {
      ASSERT_EQ(addrs.size(), 1u);
      EXPECT_EQ(addrs[0]->addr, a6("fe80::88cf:4891:a68c:e03f"));
      EXPECT_FALSE(addrs[0]->tentative());
    }
  }
  EXPECT_EQ(retried, 1);
}

}  // namespace
}  // namespace skbox
