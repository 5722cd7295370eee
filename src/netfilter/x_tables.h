// The x_tables model (include/uapi/linux/netfilter_ipv4/ip_tables.h,
// net/netfilter/x_tables.c): a table holds chains, a chain holds rules, a
// rule is the fixed ipt_ip part, a list of matches and one target, with its
// packet and byte counters. Chains are kept as iptables shows them (built-in
// chains in hook order, then user chains by name) instead of the kernel's
// flat blob of ipt_entry; ipt_do_table walks them with the same semantics.
//
// Not modelled yet: tables other than filter (nat, mangle, raw, security),
// -f (fragments), -m with other matches (state, conntrack, comment, ...),
// targets other than ACCEPT/DROP/RETURN/jump/goto (REJECT, LOG, MARK, ...),
// per-CPU counters, the table revision/replace protocol (iptables-restore).
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "netfilter/nf_hook.h"

namespace skbox {

class Net;

// IFNAMSIZ: interface names in ipt_ip are 16 bytes, NUL padded.
constexpr size_t kXtIfNameSize = 16;

// ipt_ip.invflags (IPT_INV_*).
enum : uint8_t {
  IPT_INV_VIA_IN = 0x01, IPT_INV_VIA_OUT = 0x02, IPT_INV_SRCIP = 0x08,
  IPT_INV_DSTIP = 0x10, IPT_INV_PROTO = 0x40,
};

// struct ipt_ip; addresses and masks in host order. An interface matches
// when (name ^ iface) & mask is all zero over 16 bytes: "eth+" has a mask
// over "eth" only, "lo" over "lo\0", no interface an empty mask.
struct IptIp {
  uint32_t src = 0, dst = 0, smsk = 0, dmsk = 0;
  std::array<char, kXtIfNameSize> iniface{}, outiface{};
  std::array<uint8_t, kXtIfNameSize> iniface_mask{}, outiface_mask{};
  uint16_t proto = 0;
  uint8_t invflags = 0;
  bool operator==(const IptIp&) const = default;
};

// The matches skbox knows, as their xt_match names.
enum class XtMatchKind : uint8_t { Tcp, Udp, Icmp };

// struct xt_tcp / xt_udp / ipt_icmp in one value type.
struct XtMatch {
  XtMatchKind kind = XtMatchKind::Tcp;
  std::array<uint16_t, 2> spts{0, 0xffff}, dpts{0, 0xffff};
  uint8_t icmp_type = 0;
  std::array<uint8_t, 2> icmp_code{0, 0xff};
  // XT_TCP_INV_SRCPT 0x01 / XT_TCP_INV_DSTPT 0x02 (same for udp);
  // IPT_ICMP_INV 0x01.
  uint8_t invflags = 0;
  bool operator==(const XtMatch&) const = default;
};

struct XtChain;

// The standard target: a verdict, RETURN, a jump or goto to a user chain,
// or none (the rule only counts: iptables without -j).
enum class XtVerdict : uint8_t { None, Accept, Drop, Return, Jump };

struct XtTarget {
  XtVerdict verdict = XtVerdict::None;
  XtChain* chain = nullptr;  // for Jump
  bool go_to = false;        // IPT_F_GOTO
  bool operator==(const XtTarget&) const = default;
};

// struct ipt_entry
struct IptEntry {
  IptIp ip;
  std::vector<XtMatch> matches;
  XtTarget target;
  uint64_t pcnt = 0, bcnt = 0;
  // Same rule, counters aside (what -D/-C compare, like iptc's is_same).
  bool same_rule(const IptEntry& o) const { return ip == o.ip && matches == o.matches && target == o.target; }
};

struct XtChain {
  std::string name;
  int hook = -1;  // NF_INET_* for a built-in chain, -1 for a user chain
  XtVerdict policy = XtVerdict::Accept;  // built-in chains: ACCEPT or DROP
  uint64_t pcnt = 0, bcnt = 0;           // the policy's counters
  std::vector<IptEntry> rules;
  bool builtin() const { return hook >= 0; }
};

// struct xt_table + its xt_table_info.
class XtTable {
 public:
  explicit XtTable(std::string name) : name(std::move(name)) {}
  std::string name;
  // Built-in chains in hook order, then user chains sorted by name (as
  // libiptc lists them). unique_ptr: jumps hold XtChain* across edits.
  std::vector<std::unique_ptr<XtChain>> chains;
  XtChain* hook_chain[NF_INET_NUMHOOKS] = {};

  XtChain* find_chain(std::string_view n) const;
  XtChain* add_user_chain(std::string n);
  void del_chain(XtChain* c);
  // How many rules jump or go to c (the "N references" of iptables -L).
  unsigned references(const XtChain* c) const;
};

// Per-namespace x_tables state (net->xt + net->ipv4.iptable_filter).
struct XtTables {
  std::unique_ptr<XtTable> filter;
  Net* net = nullptr;
  ~XtTables();
};

// net->xt, created on first use.
XtTables& xt_net(Net& net);

// iptable_filter_table_init: creates the filter table of `net` and
// registers its hooks, once (the kernel does it when iptables first asks
// for the table in a namespace).
XtTable& iptable_filter_init(Net& net);

// ipt_do_table for one packet at one hook: walks the chain of `hook` and
// returns the verdict (Accept or Drop). Reads the IPv4 header at
// skb->network_header; bumps rule and policy counters by the IP length.
NfVerdict ipt_do_table(XtTable& table, const SkBuff& skb, const NfHookState& state);

}  // namespace skbox
