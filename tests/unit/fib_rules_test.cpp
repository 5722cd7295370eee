// The policy-rule walk (fib_rules_lookup) and the rule control path:
// ordering, auto priorities, selectors, actions, goto/nop, suppressors and
// the [detached] device names. Expected answers checked against Linux 6.18.
#include <gtest/gtest.h>

#include <cerrno>

#include "cli/shell/shell.h"
#include "cli/sink.h"
#include "ipv4/devinet.h"
#include "ipv4/fib_rules.h"
#include "net/net.h"
#include "net/netdevice.h"
#include "net/world.h"

namespace skbox {
namespace {

Ipv4Addr A(const char* s) { return *Ipv4Addr::parse(s); }

struct FibRulesTest : ::testing::Test {
  World w{1};
  StringSink out, err;
  Net* n = nullptr;
  void SetUp() override {
    const char* script =
        "ip netns add t\n"
        "ip -n t link set lo up\n"
        "ip -n t link add v0 type veth peer name v1\n"
        "ip -n t link set v0 up\n"
        "ip -n t link set v1 up\n"
        "ip -n t addr add 10.0.0.1/24 dev v0\n"
        "ip -n t addr add 10.9.0.1/24 dev v1\n"
        "ip -n t route add default via 10.0.0.2\n"
        "ip -n t route add default via 10.9.0.2 table 100\n"
        "ip -n t route add 10.5.0.0/16 via 10.9.0.2 table 100\n";
    ASSERT_EQ(run_script(w, script, "setup", out, err), 0) << err.data;
    n = w.netns_find("t");
    ASSERT_TRUE(n);
  }
  Expected<void> add(FibRuleConfig c) {
    if (!c.action) c.action = FR_ACT_TO_TBL;
    return fib_newrule(*n, c, NLM_F_CREATE | NLM_F_EXCL);
  }
  // Lookup result as (error, table).
  std::pair<int, uint32_t> lookup(const char* dst, uint32_t mark = 0, int iif = 0, const char* src = nullptr,
                                  uint8_t tos = 0) {
    Flowi4 fl;
    fl.daddr = A(dst);
    if (src) fl.saddr = A(src);
    fl.mark = mark;
    fl.iif = iif ? iif : n->loopback()->ifindex;
    fl.tos = tos;
    FibResult res;
    int e = fib_lookup(*n, fl, res);
    return {e, e ? 0 : res.table};
  }
  std::vector<uint32_t> prefs() const {
    std::vector<uint32_t> v;
    for (auto& r : n->fib.rules->rules) v.push_back(r->pref);
    return v;
  }
};

TEST_F(FibRulesTest, DefaultsAndAutoPriority) {
  EXPECT_EQ(prefs(), (std::vector<uint32_t>{0, 32766, 32767}));
  EXPECT_FALSE(n->fib.has_custom_rules);
  FibRuleConfig c;
  c.table = 100;
  ASSERT_TRUE(add(c));
  ASSERT_TRUE(add(c));  // a different auto priority, so no EEXIST
  EXPECT_EQ(prefs(), (std::vector<uint32_t>{0, 32764, 32765, 32766, 32767}));
  EXPECT_TRUE(n->fib.has_custom_rules);
  c.priority = 32764;
  auto r = add(c);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), EEXIST);
  // The invert flag is not part of rule_exists.
  c.flags = FIB_RULE_INVERT;
  EXPECT_FALSE(add(c));
}

TEST_F(FibRulesTest, SourceRuleSelectsTable) {
  FibRuleConfig c;
  c.table = 100;
  c.src = A("10.9.0.1");
  c.src_len = 32;
  ASSERT_TRUE(add(c));
  EXPECT_EQ(lookup("8.8.8.8"), (std::pair<int, uint32_t>{0, RT_TABLE_MAIN}));
  EXPECT_EQ(lookup("8.8.8.8", 0, 0, "10.9.0.1"), (std::pair<int, uint32_t>{0, 100u}));
  // Local addresses still answer from the local rule first.
  EXPECT_EQ(lookup("10.0.0.1", 0, 0, "10.9.0.1"), (std::pair<int, uint32_t>{0, RT_TABLE_LOCAL}));
}

TEST_F(FibRulesTest, ActionsAndMissingTable) {
  FibRuleConfig c;
  c.priority = 10;
  c.dst = A("9.9.9.0");
  c.dst_len = 24;
  c.table = 4242;  // no such table: the walk goes on
  ASSERT_TRUE(add(c));
  EXPECT_EQ(lookup("9.9.9.1").first, 0);
  c.priority = 11;
  c.table = 0;
  c.action = FR_ACT_PROHIBIT;
  ASSERT_TRUE(add(c));
  EXPECT_EQ(lookup("9.9.9.1").first, -EACCES);
  c.priority = 9;
  c.action = FR_ACT_UNREACHABLE;
  ASSERT_TRUE(add(c));
  EXPECT_EQ(lookup("9.9.9.1").first, -ENETUNREACH);
  c.priority = 8;
  c.action = FR_ACT_BLACKHOLE;
  ASSERT_TRUE(add(c));
  EXPECT_EQ(lookup("9.9.9.1").first, -EINVAL);
  EXPECT_EQ(lookup("9.9.8.1").first, 0);
}

TEST_F(FibRulesTest, NoRuleLeftIsNetUnreachable) {
  while (n->fib.rules->rules.size() > 1) {
    FibRuleConfig d;
    d.priority = n->fib.rules->rules.back()->pref;
    ASSERT_TRUE(fib_delrule(*n, d));
  }
  EXPECT_EQ(lookup("10.0.0.5").first, -ENETUNREACH);
  EXPECT_EQ(lookup("10.0.0.1"), (std::pair<int, uint32_t>{0, RT_TABLE_LOCAL}));
  // Deleting the local rule (pref 0) is allowed.
  FibRuleConfig d;
  d.priority = 0;
  ASSERT_TRUE(fib_delrule(*n, d));
  EXPECT_EQ(lookup("10.0.0.1").first, -ENETUNREACH);
  EXPECT_EQ(fib_delrule(*n, d).error(), ENOENT);
  // With an empty list the auto priority is 0.
  FibRuleConfig c;
  c.table = RT_TABLE_MAIN;
  ASSERT_TRUE(add(c));
  EXPECT_EQ(prefs(), (std::vector<uint32_t>{0}));
}

TEST_F(FibRulesTest, GotoNopAndUnresolvedTargets) {
  FibRuleConfig b;
  b.priority = 20;
  b.action = FR_ACT_BLACKHOLE;
  ASSERT_TRUE(add(b));
  FibRuleConfig g;
  g.priority = 10;
  g.action = FR_ACT_GOTO;
  g.goto_target = 30;
  ASSERT_TRUE(add(g));  // unresolved: the walk goes past it
  EXPECT_EQ(lookup("10.0.0.5").first, -EINVAL);
  FibRuleConfig t;
  t.priority = 30;
  t.table = 100;
  ASSERT_TRUE(add(t));  // resolves the goto: the blackhole is jumped over
  EXPECT_EQ(lookup("10.0.0.5"), (std::pair<int, uint32_t>{0, 100u}));
  FibRuleConfig nop;
  nop.priority = 5;
  nop.action = FR_ACT_NOP;
  ASSERT_TRUE(add(nop));
  EXPECT_EQ(lookup("10.0.0.5"), (std::pair<int, uint32_t>{0, 100u}));
  ASSERT_TRUE(fib_delrule(*n, t));
  EXPECT_TRUE(fib_rule_dump_flags(*n, *n->fib.rules->rules[2]) & FIB_RULE_UNRESOLVED);
  EXPECT_EQ(lookup("10.0.0.5").first, -EINVAL);
  // Backward jumps are refused.
  g.priority = 40;
  std::string ext;
  EXPECT_EQ(fib_newrule(*n, g, NLM_F_CREATE | NLM_F_EXCL, &ext).error(), EINVAL);
  EXPECT_EQ(ext, "Backward goto not supported");
}

TEST_F(FibRulesTest, MarkTosInvertSelectors) {
  FibRuleConfig c;
  c.priority = 10;
  c.fwmark = 0x10;
  c.fwmask = 0xf0;
  c.table = 100;
  ASSERT_TRUE(add(c));
  EXPECT_EQ(lookup("8.8.8.8", 0x13).second, 100u);
  EXPECT_EQ(lookup("8.8.8.8", 0x23).second, RT_TABLE_MAIN);
  FibRuleConfig t;
  t.priority = 11;
  t.tos = 0x08;
  t.action = FR_ACT_PROHIBIT;
  ASSERT_TRUE(add(t));
  EXPECT_EQ(lookup("8.8.8.8", 0, 0, nullptr, 0x08).first, -EACCES);
  EXPECT_EQ(lookup("8.8.8.8", 0, 0, nullptr, 0x28).first, -EACCES);  // upper DSCP bits are masked
  EXPECT_EQ(lookup("8.8.8.8", 0, 0, nullptr, 0x0c).first, 0);
  t.tos = 0x20;
  t.priority = 12;
  std::string ext;
  EXPECT_FALSE(fib_newrule(*n, t, NLM_F_EXCL, &ext));
  EXPECT_EQ(ext, "Invalid tos");
  FibRuleConfig v;
  v.priority = 5;
  v.flags = FIB_RULE_INVERT;
  v.dst = A("8.8.8.8");
  v.dst_len = 32;
  v.action = FR_ACT_UNREACHABLE;
  ASSERT_TRUE(add(v));
  EXPECT_EQ(lookup("8.8.4.4").first, -ENETUNREACH);
  EXPECT_EQ(lookup("8.8.8.8").first, 0);
}

TEST_F(FibRulesTest, SuppressPrefixlengthAndIfgroup) {
  FibRuleConfig w;
  w.table = 100;
  w.flags = FIB_RULE_INVERT;
  w.fwmark = 51820;
  ASSERT_TRUE(add(w));
  FibRuleConfig s;
  s.table = RT_TABLE_MAIN;
  s.suppress_prefixlen = 0;
  ASSERT_TRUE(add(s));
  EXPECT_EQ(lookup("8.8.8.8").second, 100u);           // main's default is suppressed
  EXPECT_EQ(lookup("10.0.0.5").second, RT_TABLE_MAIN);  // a /24 is not
  EXPECT_EQ(lookup("8.8.8.8", 51820).second, RT_TABLE_MAIN);
  n->dev_get_by_name("v0")->group = 7;
  FibRuleConfig g;
  g.priority = 1;
  g.table = RT_TABLE_MAIN;
  g.suppress_ifgroup = 7;
  ASSERT_TRUE(add(g));
  FibRuleConfig u;
  u.priority = 2;
  u.action = FR_ACT_UNREACHABLE;
  ASSERT_TRUE(add(u));
  EXPECT_EQ(lookup("10.0.0.5").first, -ENETUNREACH);
  EXPECT_EQ(lookup("10.9.0.5").second, RT_TABLE_MAIN);
}

TEST_F(FibRulesTest, IifFollowsTheDeviceName) {
  FibRuleConfig c;
  c.priority = 10;
  c.iifname = "ghost";
  c.action = FR_ACT_PROHIBIT;
  ASSERT_TRUE(add(c));
  const FibRule& r = *n->fib.rules->rules[1];
  EXPECT_TRUE(fib_rule_dump_flags(*n, r) & FIB_RULE_IIF_DETACHED);
  NetDevice* v0 = n->dev_get_by_name("v0");
  EXPECT_EQ(lookup("10.9.0.5", 0, v0->ifindex).first, 0);
  ASSERT_EQ(run_script(w, "ip -n t link set v0 down\nip -n t link set v0 name ghost\n", "t", out, err), 0);
  EXPECT_FALSE(fib_rule_dump_flags(*n, r) & FIB_RULE_IIF_DETACHED);
  EXPECT_EQ(lookup("10.9.0.5", 0, v0->ifindex).first, -EACCES);
  // iif lo matches locally generated lookups.
  FibRuleConfig l;
  l.priority = 5;
  l.iifname = "lo";
  l.action = FR_ACT_BLACKHOLE;
  ASSERT_TRUE(add(l));
  EXPECT_EQ(lookup("10.9.0.5").first, -EINVAL);
}

TEST_F(FibRulesTest, DeleteMatchesOnlyTheKeysGiven) {
  FibRuleConfig c;
  c.priority = 30;
  c.fwmark = 1;
  c.fwmask = 0xff;
  c.table = 100;
  ASSERT_TRUE(add(c));
  FibRuleConfig d;
  d.fwmark = 1;  // implies mask 0xffffffff
  EXPECT_EQ(fib_delrule(*n, d).error(), ENOENT);
  d.fwmask = 0xff;
  EXPECT_TRUE(fib_delrule(*n, d));
  // table 0 with to-table asks for a fresh table id.
  FibRuleConfig e;
  e.priority = 40;
  e.table = 0;
  ASSERT_TRUE(add(e));
  EXPECT_EQ(n->fib.rules->rules[1]->table, 1u);
}

}  // namespace
}  // namespace skbox
