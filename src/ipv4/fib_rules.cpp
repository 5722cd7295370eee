// Policy routing (net/ipv4/fib_rules.c, net/core/fib_rules.c): the rule
// list, its walk on every lookup once a rule was added, and the control
// path behind `ip rule add|del`.
#include "ipv4/fib_rules.h"

#include <cerrno>
#include <cstring>

#include "core/skbuff.h"
#include "ipv4/devinet.h"
#include "net/net.h"
#include "net/netdevice.h"

namespace skbox {

namespace {

std::unique_ptr<FibRule> default_rule(uint32_t pref, uint32_t table) {
  auto r = std::make_unique<FibRule>();
  r->pref = pref;
  r->table = table;
  r->action = FR_ACT_TO_TBL;
  r->proto = RTPROT_KERNEL;
  return r;
}

// fib_table_lookup on a table that may not exist.
int table_lookup(const FibTable* t, const Flowi4& fl, FibResult& res, unsigned flags) {
  return t ? t->table_lookup(fl, res, flags) : -EAGAIN;
}

// A rule's iif/oif holds while a device of that name exists in the
// namespace and is the flow's device: the same answer as the kernel's
// ifindex that attach_rules/detach_rules keep in step with the name.
bool ifname_is(const Net& net, int ifindex, std::string_view name) {
  if (!ifindex) return false;
  const NetDevice* dev = net.dev_get_by_index(ifindex);
  return dev && dev->name == name;
}

// fib_rule_match + fib4_rule_match.
bool fib_rule_match(const Net& net, const FibRule& r, const Flowi4& fl) {
  auto match = [&] {
    if (r.has_iif() && !ifname_is(net, fl.iif, r.iif())) return false;
    if (r.has_oif() && !ifname_is(net, fl.oif, r.oif())) return false;
    if ((r.mark ^ fl.mark) & r.mark_mask) return false;
    if (r.tun_id) return false;  // flows carry no tunnel key
    if (r.l3mdev) return false;  // no l3 master devices
    constexpr uint32_t uid = 0;  // every task is root
    if (uid < r.uid_start || uid > r.uid_end) return false;
    const uint32_t smask = inet_make_mask(r.src_len), dmask = inet_make_mask(r.dst_len);
    if (((fl.saddr.v ^ r.src.v) & smask) || ((fl.daddr.v ^ r.dst.v) & dmask)) return false;
    // The tos selector compares the flow's dsfield under IPTOS_RT_MASK.
    if (r.tos && r.tos != (fl.tos & 0x1C)) return false;
    if (r.ip_proto && r.ip_proto != fl.proto) return false;
    if (r.sport.set() && (fl.sport < r.sport.start || fl.sport > r.sport.end)) return false;
    if (r.dport.set() && (fl.dport < r.dport.start || fl.dport > r.dport.end)) return false;
    return true;
  };
  bool ret = match();
  return (r.flags & FIB_RULE_INVERT) ? !ret : ret;
}

// fib4_rule_action
int fib4_rule_action(Net& net, const FibRule& r, const Flowi4& fl, FibResult& res, unsigned flags) {
  switch (r.action) {
    case FR_ACT_TO_TBL: break;
    case FR_ACT_UNREACHABLE: return -ENETUNREACH;
    case FR_ACT_PROHIBIT: return -EACCES;
    default: return -EINVAL;  // blackhole and anything else
  }
  if (r.l3mdev) return -EAGAIN;
  return table_lookup(net.fib.get_table(r.table), fl, res, flags);
}

// fib4_rule_suppress: ignore an answer whose prefix is too short or whose
// device is in the suppressed group.
bool fib4_rule_suppress(const FibRule& r, const FibResult& res) {
  if (static_cast<int>(res.prefixlen) <= r.suppress_prefixlen) return true;
  const NetDevice* dev = res.route ? res.route->dev() : nullptr;
  return r.suppress_ifgroup != -1 && dev && dev->group == static_cast<uint32_t>(r.suppress_ifgroup);
}

FibRule::IfName to_ifname(const std::optional<std::string>& s) {
  FibRule::IfName n{};
  if (s) std::strncpy(n.data(), s->c_str(), n.size() - 1);
  return n;
}

// fib_nl2rule (+ fib_nl2rule_rtnl): the rule a request describes.
Expected<std::unique_ptr<FibRule>> fib_nl2rule(Net& net, const FibRuleConfig& c, std::string* extack) {
  auto fail = [&](const char* msg, int err = EINVAL) -> Expected<std::unique_ptr<FibRule>> {
    if (extack && msg) *extack = msg;
    return Errno(err);
  };
  if (c.src_len && (!c.src || c.src_len > 32)) return fail("Invalid source address");
  if (c.dst_len && (!c.dst || c.dst_len > 32)) return fail("Invalid dst address");
  auto r = std::make_unique<FibRule>();
  r->action = c.action;
  r->pref = c.priority.value_or(0);
  r->proto = c.protocol.value_or(RTPROT_UNSPEC);
  r->iifname = to_ifname(c.iifname);
  r->oifname = to_ifname(c.oifname);
  if (c.fwmark) {
    r->mark = *c.fwmark;
    // A non-zero mark alone compares all bits.
    if (r->mark) r->mark_mask = 0xFFFFFFFF;
  }
  if (c.fwmask) r->mark_mask = *c.fwmask;
  r->tun_id = c.tun_id.value_or(0);
  if (c.l3mdev) {
    r->l3mdev = *c.l3mdev;
    if (r->l3mdev != 1) return fail("Invalid l3mdev attribute");
  }
  r->flags = c.flags;
  r->table = c.table;
  r->suppress_prefixlen = c.suppress_prefixlen.value_or(-1);
  r->suppress_ifgroup = c.suppress_ifgroup.value_or(-1);
  if (c.goto_target) {
    if (r->action != FR_ACT_GOTO) return fail("Unexpected goto");
    r->target = *c.goto_target;
  } else if (r->action == FR_ACT_GOTO) {
    return fail("Missing goto target for action goto");
  }
  if (r->l3mdev && r->table) return fail("l3mdev and table are mutually exclusive");
  if (c.uid_range) {
    auto [s, e] = *c.uid_range;
    if (s == 0xFFFFFFFF || e == 0xFFFFFFFF || s > e) return fail("Invalid uid range");
    r->uid_start = s;
    r->uid_end = e;
  }
  r->ip_proto = c.ip_proto.value_or(0);
  auto valid = [](const FibRulePortRange& p) { return p.start && p.end && p.end < 0xFFFF && p.start <= p.end; };
  if (c.sport) {
    if (!valid(*c.sport)) return fail("Invalid sport range");
    r->sport = *c.sport;
  }
  if (c.dport) {
    if (!valid(*c.dport)) return fail("Invalid dport range");
    r->dport = *c.dport;
  }
  // fib_nl2rule_rtnl
  if (!c.priority) r->pref = fib_default_rule_pref(*net.fib.rules);
  if (c.goto_target && r->target <= r->pref) return fail("Backward goto not supported");
  // fib4 fields (fib4_rule_configure stores them; compare reads the request)
  if (c.src_len) r->src = *c.src;
  if (c.dst_len) r->dst = *c.dst;
  r->src_len = c.src_len;
  r->dst_len = c.dst_len;
  r->tos = c.tos;
  r->tclassid = c.flow.value_or(0);
  return r;
}

// fib4_rule_compare: the request's fib4 keys that are set.
bool fib4_rule_compare(const FibRule& r, const FibRuleConfig& c) {
  if (c.src_len && r.src_len != c.src_len) return false;
  if (c.dst_len && r.dst_len != c.dst_len) return false;
  if (c.tos && r.tos != c.tos) return false;
  if (c.flow && r.tclassid != *c.flow) return false;
  if (c.src_len && r.src != *c.src) return false;
  if (c.dst_len && r.dst != *c.dst) return false;
  return true;
}

// rule_exists: an add with NLM_F_EXCL refuses a rule equal in every
// generic key (not the invert flag) and the set fib4 keys.
bool rule_exists(const FibRules& rules, const FibRuleConfig& c, const FibRule& n) {
  for (const auto& rp : rules.rules) {
    const FibRule& r = *rp;
    if (r.action != n.action || r.table != n.table || r.pref != n.pref) continue;
    if (r.iifname != n.iifname || r.oifname != n.oifname) continue;
    if (r.mark != n.mark || r.suppress_ifgroup != n.suppress_ifgroup) continue;
    if (r.suppress_prefixlen != n.suppress_prefixlen || r.mark_mask != n.mark_mask) continue;
    if (r.tun_id != n.tun_id || r.l3mdev != n.l3mdev) continue;
    if (r.uid_start != n.uid_start || r.uid_end != n.uid_end) continue;
    if (r.ip_proto != n.ip_proto || r.proto != n.proto) continue;
    if (!(r.sport == n.sport) || !(r.dport == n.dport)) continue;
    if (!fib4_rule_compare(r, c)) continue;
    return true;
  }
  return false;
}

// rule_find: the first rule matching every key the request set.
FibRule* rule_find(FibRules& rules, const FibRuleConfig& c, const FibRule& n) {
  for (const auto& rp : rules.rules) {
    FibRule& r = *rp;
    if (n.action && r.action != n.action) continue;
    if (n.table && r.table != n.table) continue;
    if (c.priority && r.pref != n.pref) continue;
    if (n.has_iif() && r.iifname != n.iifname) continue;
    if (n.has_oif() && r.oifname != n.oifname) continue;
    if (n.mark && r.mark != n.mark) continue;
    if (n.suppress_ifgroup != -1 && r.suppress_ifgroup != n.suppress_ifgroup) continue;
    if (n.suppress_prefixlen != -1 && r.suppress_prefixlen != n.suppress_prefixlen) continue;
    if (n.mark_mask && r.mark_mask != n.mark_mask) continue;
    if (n.tun_id && r.tun_id != n.tun_id) continue;
    if (n.l3mdev && r.l3mdev != n.l3mdev) continue;
    if (c.uid_range && (r.uid_start != n.uid_start || r.uid_end != n.uid_end)) continue;
    if (n.ip_proto && r.ip_proto != n.ip_proto) continue;
    if (n.proto && r.proto != n.proto) continue;
    if (n.sport.set() && !(r.sport == n.sport)) continue;
    if (n.dport.set() && !(r.dport == n.dport)) continue;
    if (!fib4_rule_compare(r, c)) continue;
    return &r;
  }
  return nullptr;
}

// fib_rule_requires_fldissect
bool requires_fldissect(const Net& net, const FibRule& r) {
  const NetDevice* lo = net.loopback();
  if (r.has_iif() && lo && r.iif() == lo->name) return false;
  return r.ip_proto || r.sport.set() || r.dport.set();
}

// fib_empty_table: the lowest unused table id.
FibTable* fib_empty_table(Net& net) {
  for (uint32_t id = 1;; ++id) {
    if (!net.fib.get_table(id)) return &net.fib.new_table(id);
    if (id == 0xFFFFFFFF) return nullptr;
  }
}

}  // namespace

FibRules::FibRules() {
  rules.push_back(default_rule(0, RT_TABLE_LOCAL));
  rules.push_back(default_rule(0x7FFE, RT_TABLE_MAIN));
  rules.push_back(default_rule(0x7FFF, RT_TABLE_DEFAULT));
}

uint32_t fib_default_rule_pref(const FibRules& rules) {
  if (rules.rules.size() >= 2 && rules.rules[1]->pref) return rules.rules[1]->pref - 1;
  return 0;
}

uint32_t fib_rule_dump_flags(const Net& net, const FibRule& r) {
  uint32_t f = r.flags;
  if (r.action == FR_ACT_GOTO && !r.ctarget) f |= FIB_RULE_UNRESOLVED;
  if (r.has_iif() && !net.dev_get_by_name(r.iif())) f |= FIB_RULE_IIF_DETACHED;
  if (r.has_oif() && !net.dev_get_by_name(r.oif())) f |= FIB_RULE_OIF_DETACHED;
  return f;
}

Expected<void> fib_newrule(Net& net, const FibRuleConfig& c, uint32_t nlflags, std::string* extack) {
  auto nr = fib_nl2rule(net, c, extack);
  if (!nr) return Errno(nr.error());
  std::unique_ptr<FibRule> rule = std::move(*nr);
  FibRules& rules = *net.fib.rules;
  if ((nlflags & NLM_F_EXCL) && rule_exists(rules, c, *rule)) return Errno(EEXIST);

  // fib4_rule_configure
  auto fail = [&](const char* msg) -> Expected<void> {
    if (extack) *extack = msg;
    return Errno(EINVAL);
  };
  if (c.tos) {
    if (c.tos & 0x03) return fail("Invalid dsfield (tos): ECN bits must be 0");
    if (c.tos & ~0x1E) return fail("Invalid tos");
  }
  fib_unmerge(net);
  if (rule->table == RT_TABLE_UNSPEC && !rule->l3mdev && rule->action == FR_ACT_TO_TBL) {
    FibTable* t = fib_empty_table(net);
    if (!t) return Errno(ENOBUFS);
    rule->table = t->id();
  }
  net.fib.has_custom_rules = true;

  if (c.goto_target)
    for (const auto& r : rules.rules)
      if (r->pref == rule->target) {
        rule->ctarget = r.get();
        break;
      }
  // After the last rule of lower or equal preference.
  auto pos = rules.rules.begin();
  while (pos != rules.rules.end() && (*pos)->pref <= rule->pref) ++pos;
  FibRule* added = rule.get();
  if (requires_fldissect(net, *rule)) ++rules.require_fldissect;
  rules.rules.insert(pos, std::move(rule));
  for (const auto& r : rules.rules)
    if (r->action == FR_ACT_GOTO && r->target == added->pref && !r->ctarget) r->ctarget = added;
  return {};
}

Expected<void> fib_delrule(Net& net, const FibRuleConfig& c, std::string* extack) {
  auto nr = fib_nl2rule(net, c, extack);
  if (!nr) return Errno(nr.error());
  FibRules& rules = *net.fib.rules;
  FibRule* victim = rule_find(rules, c, **nr);
  if (!victim) return Errno(ENOENT);
  if (victim->flags & FIB_RULE_PERMANENT) return Errno(EPERM);
  for (const auto& r : rules.rules)
    if (r->ctarget == victim) r->ctarget = nullptr;
  if (requires_fldissect(net, *victim) && rules.require_fldissect) --rules.require_fldissect;
  for (auto it = rules.rules.begin(); it != rules.rules.end(); ++it)
    if (it->get() == victim) {
      rules.rules.erase(it);
      break;
    }
  // fib4_rule_delete splits the tables; from then on the kernel walks the
  // rules (seen on 6.18: deleting only the default rule reports `table local`).
  fib_unmerge(net);
  net.fib.has_custom_rules = true;
  return {};
}

void fib4_rules_early_flow_dissect(const Net& net, const SkBuff& skb, Flowi4& fl) {
  if (!net.fib.rules->require_fldissect) return;
  if (!skb.head || skb.network_header == SkBuff::kNoHeader || skb.network_len() < 20) return;
  const uint8_t* iph = skb.head + skb.network_header;
  fl.proto = iph[9];
  // Ports of the first header only: fragments carry none.
  if (((iph[6] << 8) | iph[7]) & 0x3FFF) return;
  const uint32_t ihl = uint32_t(iph[0] & 0xf) * 4;
  int off = -1;  // proto_ports_offset
  switch (fl.proto) {
    case 6: case 17: case 33: case 50: case 132: case 136: off = 0; break;
    case 51: off = 4; break;
    default: break;
  }
  if (off < 0 || skb.network_len() < ihl + uint32_t(off) + 4) return;
  const uint8_t* p = iph + ihl + off;
  fl.sport = uint16_t((p[0] << 8) | p[1]);
  fl.dport = uint16_t((p[2] << 8) | p[3]);
}

int fib_rules_lookup(Net& net, const Flowi4& fl, FibResult& res, unsigned flags) {
  const auto& v = net.fib.rules->rules;
  size_t i = 0;
  while (i < v.size()) {
    const FibRule* r = v[i++].get();
    if (!fib_rule_match(net, *r, fl)) continue;
    if (r->action == FR_ACT_GOTO) {
      // Jump: the walk goes on at the target (always further down the list).
      if (r->ctarget) {
        size_t j = i;
        while (j < v.size() && v[j].get() != r->ctarget) ++j;
        if (j < v.size()) i = j;
      }
      continue;
    }
    if (r->action == FR_ACT_NOP) continue;
    int err = fib4_rule_action(net, *r, fl, res, flags);
    if (!err && fib4_rule_suppress(*r, res)) continue;
    if (err != -EAGAIN) return err;
  }
  return -ESRCH;
}

int fib_lookup(Net& net, const Flowi4& fl, FibResult& res, unsigned flags) {
  if (net.fib.has_custom_rules) {
    int err = fib_rules_lookup(net, fl, res, flags);
    return err == -ESRCH ? -ENETUNREACH : err;
  }
  // Without custom rules: main (local merged into it), then the default
  // table only when main has no answer at all (nothing, or a throw route).
  int err = table_lookup(net.fib.get_table(RT_TABLE_MAIN), fl, res, flags);
  if (err == -EAGAIN) err = table_lookup(net.fib.get_table(RT_TABLE_DEFAULT), fl, res, flags);
  return err == -EAGAIN ? -ENETUNREACH : err;
}

}  // namespace skbox
