// IPv4 policy routing rules (net/core/fib_rules.c, net/ipv4/fib_rules.c):
// the ordered rule list `ip rule` edits and fib_lookup walks.
//
// Not modelled: VRF (an l3mdev rule is accepted but, with no l3 master
// device, never matches), tunnel metadata (a tun_id rule never matches),
// realms accounting (stored and shown only),
// uid ranges beyond root (every skbox process is uid 0).
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.h"
#include "ipv4/fib.h"

namespace skbox {

struct SkBuff;

// enum fr_act (include/uapi/linux/fib_rules.h); iproute2 also sends
// rtm_type values above these (throw 9, nat 10), which the kernel stores.
enum : uint8_t {
  FR_ACT_UNSPEC = 0, FR_ACT_TO_TBL, FR_ACT_GOTO, FR_ACT_NOP, FR_ACT_RES3, FR_ACT_RES4,
  FR_ACT_BLACKHOLE, FR_ACT_UNREACHABLE, FR_ACT_PROHIBIT,
};
// fib_rule_hdr.flags
enum : uint32_t {
  FIB_RULE_PERMANENT = 0x1, FIB_RULE_INVERT = 0x2, FIB_RULE_UNRESOLVED = 0x4,
  FIB_RULE_IIF_DETACHED = 0x8, FIB_RULE_OIF_DETACHED = 0x10,
};

struct FibRulePortRange {
  uint16_t start = 0, end = 0;
  bool set() const { return start != 0 && end != 0; }  // fib_rule_port_range_set
  bool operator==(const FibRulePortRange&) const = default;
};

// One rule (struct fib_rule + struct fib4_rule).
struct FibRule {
  using IfName = std::array<char, 16>;  // IFNAMSIZ, NUL-terminated; empty = unset

  uint32_t pref = 0;
  uint32_t table = 0;
  uint8_t action = FR_ACT_TO_TBL;
  uint32_t flags = 0;       // FIB_RULE_INVERT (PERMANENT is never set since 4.x)
  uint8_t proto = RTPROT_UNSPEC;
  IfName iifname{}, oifname{};
  uint32_t mark = 0, mark_mask = 0;
  uint64_t tun_id = 0;
  uint8_t l3mdev = 0;
  int32_t suppress_prefixlen = -1;
  int32_t suppress_ifgroup = -1;
  uint32_t target = 0;                 // goto target preference
  const FibRule* ctarget = nullptr;    // resolved goto target, or null (unresolved)
  uint32_t uid_start = 0, uid_end = 0xFFFFFFFF;  // fib_kuid_range_unset
  uint8_t ip_proto = 0;
  FibRulePortRange sport, dport;
  // fib4_rule
  Ipv4Addr src, dst;
  uint8_t src_len = 0, dst_len = 0;
  uint8_t tos = 0;                     // the dsfield as given (upper DSCP bits zero)
  uint32_t tclassid = 0;               // FRA_FLOW (realms)

  bool has_iif() const { return iifname[0] != '\0'; }
  bool has_oif() const { return oifname[0] != '\0'; }
  std::string_view iif() const { return iifname.data(); }
  std::string_view oif() const { return oifname.data(); }
};

// A namespace's rules, kept sorted by preference (equal preferences in
// insertion order). Owned by pointer so goto targets stay put.
struct FibRules {
  std::vector<std::unique_ptr<FibRule>> rules;
  // net->ipv4.fib_rules_require_fldissect: rules on ipproto or ports (not
  // bound to iif lo), which make input lookups read them from the packet.
  uint32_t require_fldissect = 0;
  FibRules();  // fib_default_rules_init: 0 local, 32766 main, 32767 default
};

// A request as `ip rule add|del` sends it (fib_rule_hdr + FRA_* attributes);
// an unset optional is an absent attribute.
struct FibRuleConfig {
  uint8_t action = FR_ACT_UNSPEC;
  uint32_t table = 0;  // frh_get_table: FRA_TABLE, else frh.table
  uint32_t flags = 0;
  uint8_t src_len = 0, dst_len = 0, tos = 0;
  std::optional<Ipv4Addr> src, dst;
  std::optional<uint32_t> priority, fwmark, fwmask, goto_target, flow;
  std::optional<int32_t> suppress_prefixlen, suppress_ifgroup;
  std::optional<std::string> iifname, oifname;
  std::optional<uint8_t> protocol, ip_proto, l3mdev;
  std::optional<std::pair<uint32_t, uint32_t>> uid_range;
  std::optional<FibRulePortRange> sport, dport;
  std::optional<uint64_t> tun_id;
};

// fib_newrule (RTM_NEWRULE). nlflags carries NLM_F_EXCL as `ip rule add`
// sends it. Errors carry the kernel's extack text when it has one.
Expected<void> fib_newrule(Net& net, const FibRuleConfig& cfg, uint32_t nlflags, std::string* extack = nullptr);
// fib_delrule (RTM_DELRULE): removes the first rule matching every key set.
Expected<void> fib_delrule(Net& net, const FibRuleConfig& cfg, std::string* extack = nullptr);
// fib_default_rule_pref: one below the second rule's preference, else 0.
uint32_t fib_default_rule_pref(const FibRules& rules);
// fib_nl_fill_rule's flags: the rule's own plus UNRESOLVED/IIF_DETACHED/
// OIF_DETACHED as the kernel reports them now.
uint32_t fib_rule_dump_flags(const Net& net, const FibRule& r);
// fib4_rules_early_flow_dissect: while rules need them, an input lookup
// takes the protocol and ports from the packet; otherwise they stay 0.
void fib4_rules_early_flow_dissect(const Net& net, const SkBuff& skb, Flowi4& fl);
// fib_rules_lookup + __fib_lookup: the rule walk (no custom-rule fast path).
int fib_rules_lookup(Net& net, const Flowi4& fl, FibResult& res, unsigned fib_flags = 0);

}  // namespace skbox
