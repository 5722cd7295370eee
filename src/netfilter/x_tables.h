// The x_tables model (include/uapi/linux/netfilter_ipv4/ip_tables.h,
// net/netfilter/x_tables.c): a table holds chains, a chain holds rules, a
// rule is the fixed ipt_ip part, a list of matches and one target, with its
// packet and byte counters. Chains are kept as iptables shows them (built-in
// chains in hook order, then user chains by name) instead of the kernel's
// flat blob of ipt_entry; ipt_do_table walks them with the same semantics.
//
// Matches and targets are extensions (xt_match / xt_target in the kernel,
// xtables_match / xtables_target in iptables' libxtables). One class holds
// both halves of an extension, because they share its info struct: the
// kernel half (match/target, checkentry, destroy) and the command's half
// (parse, final_check, print for -L, save for -S). Each extension lives in
// its own file, src/netfilter/xt_NAME.cpp (ipt_NAME.cpp for IPv4-only
// ones), and registers itself by name.
//
// Not modelled: per-CPU counters, the table revision/replace protocol
// beyond what iptables-restore needs.
#pragma once
#include <array>
#include <cerrno>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "netfilter/nf_hook.h"

namespace skbox {

class Net;
struct PrintkSite;
struct XtTable;

// IFNAMSIZ: interface names in ipt_ip are 16 bytes, NUL padded.
constexpr size_t kXtIfNameSize = 16;

// ipt_ip.invflags (IPT_INV_*).
enum : uint8_t {
  IPT_INV_VIA_IN = 0x01, IPT_INV_VIA_OUT = 0x02, IPT_INV_SRCIP = 0x08,
  IPT_INV_DSTIP = 0x10, IPT_INV_FRAG = 0x20, IPT_INV_PROTO = 0x40,
};
// ipt_ip.flags
enum : uint8_t { IPT_F_FRAG = 0x01, IPT_F_GOTO = 0x02 };

// struct ipt_ip; addresses and masks in host order. An interface matches
// when (name ^ iface) & mask is all zero over 16 bytes: "eth+" has a mask
// over "eth" only, "lo" over "lo\0", no interface an empty mask.
struct IptIp {
  uint32_t src = 0, dst = 0, smsk = 0, dmsk = 0;
  std::array<char, kXtIfNameSize> iniface{}, outiface{};
  std::array<uint8_t, kXtIfNameSize> iniface_mask{}, outiface_mask{};
  uint16_t proto = 0;
  uint8_t flags = 0;  // IPT_F_FRAG (-f)
  uint8_t invflags = 0;
  bool operator==(const IptIp&) const = default;
};

// struct xt_action_param: what a match or target sees of one packet.
struct XtActionParam {
  SkBuff& skb;
  const NfHookState& state;
  const XtTable& table;
  const uint8_t* iph;     // the IPv4 header
  uint32_t len;           // bytes from the IPv4 header to the end of data
  uint32_t thoff;         // transport header offset from iph
  uint16_t fragoff;       // fragment offset in 8-byte units
  bool hotdrop = false;   // a match found the packet malformed: drop it
  const uint8_t* th() const { return iph + thoff; }
  uint32_t tlen() const { return len > thoff ? len - thoff : 0; }
};

// What checkentry sees (struct xt_mtchk_param / xt_tgchk_param): the
// table, the hooks the rule can be reached from, and the rule's ipt_ip.
struct XtCheckParam {
  Net& net;
  std::string_view table;
  unsigned hook_mask;  // 1 << NF_INET_* for each hook
  const IptIp& ip;
};

// A refused rule's reason in the kernel log, as checkentry and the core
// checks print it (pr_info_ratelimited): each returns EINVAL, which makes
// iptables say "Invalid argument. Run `dmesg' for more information.".
// xt_check_fail logs `msg` as given (an extension's own text, with its
// module prefix, e.g. "xt_multiport: ..."); the others print xt_check_match
// / xt_check_target's "x_tables: ip_tables: WHAT: ..." lines, WHAT being
// "tcp match" or "MASQUERADE target".
int xt_check_fail(const XtCheckParam& par, std::string_view msg);
// The same from the extension's own pr_info_ratelimited call site (each
// has its own ratelimit state; see core/printk.h), returning `err`.
int xt_check_fail(const XtCheckParam& par, const PrintkSite& site, std::string_view msg, int err = EINVAL);
// WHAT is only valid in `table`: "only valid in raw table, not filter".
int xt_check_table(const XtCheckParam& par, std::string_view what, std::string_view table);
// WHAT is only valid from `hooks` (1 << NF_INET_*): "used from hooks
// PREROUTING, but only usable from POSTROUTING" (matches: "only valid").
int xt_check_hooks(const XtCheckParam& par, std::string_view what, unsigned hooks);
// WHAT needs -p `proto` without "!": "only valid for protocol 6".
int xt_check_proto(const XtCheckParam& par, std::string_view what, uint8_t proto);

// A command-line problem (xtables_error(PARAMETER_PROBLEM)): iptables
// prints "iptables v1.8.9 (legacy): MSG" and exits 2.
struct XtParamError {
  std::string msg;
};

// One long option of an extension (struct xt_option_entry).
struct XtOption {
  std::string_view name;
  int id;
  bool has_arg = true;
};

// What an extension's parse() may look at besides its argument.
struct XtParseCtx {
  const IptIp& ip;     // -p, -s, ... seen so far
  std::string_view table;
  bool invert;         // a "!" came before the option
  std::span<const std::string> argv;
  size_t* ind;         // the next word: an option with two arguments takes it
  // Where a warning goes that the real tool prints on stderr and goes on
  // (iprange's reversed range); null: dropped.
  std::string* warnings = nullptr;
};

// The command-side half shared by matches and targets.
class XtExtension {
 public:
  virtual ~XtExtension() = default;
  // Parses one of its options (throws XtParamError).
  virtual void parse(int id, const std::string& arg, const XtParseCtx& ctx) = 0;
  // After the whole command line (x6_fcheck): e.g. a required option.
  virtual void final_check() {}
  // -L's text after the columns, each item with its leading space.
  virtual void print(std::string& out, bool numeric) const = 0;
  // -S's options after "-m NAME" / "-j NAME", each with its leading space.
  virtual void save(std::string& out) const = 0;
  // checkentry: 0, or the errno the kernel refuses the rule with (EINVAL:
  // "Invalid argument. Run `dmesg' for more information.").
  // It must have no side effect: skbox checks the whole table at each
  // change, as the kernel does at each replace, so it runs many times.
  virtual int checkentry(const XtCheckParam&) { return 0; }
  // The rule enters a live table, once (what the kernel's checkentry
  // takes, such as conntrack's nf_ct_netns_get), and leaves it (destroy:
  // nf_ct_netns_put). Paired exactly.
  virtual void attach(Net&) {}
  virtual void destroy(Net&) {}
};

class XtMatch : public XtExtension {
 public:
  const struct XtMatchType* type = nullptr;
  virtual bool match(XtActionParam& par) const = 0;
  virtual std::unique_ptr<XtMatch> clone() const = 0;
  virtual bool same(const XtMatch& o) const = 0;
};

// A target's verdict: NF_DROP, NF_ACCEPT, XT_CONTINUE (on to the next
// rule) or XT_RETURN.
enum class XtTargetRet : uint8_t { Drop, Accept, Continue, Return };

class XtTargetExt : public XtExtension {
 public:
  const struct XtTargetType* type = nullptr;
  virtual XtTargetRet target(XtActionParam& par) = 0;
  virtual std::unique_ptr<XtTargetExt> clone() const = 0;
  virtual bool same(const XtTargetExt& o) const = 0;
  // The name -S shows when it is not the kernel's (libxtables' .alias:
  // CT's "-j NOTRACK"); empty for the type's name.
  virtual std::string_view alias() const { return {}; }
};

// Value-compared extensions: Derived must be copyable and have ==.
template <class Derived, class Base>
class XtExtensionImpl : public Base {
 public:
  bool same(const Base& o) const override {
    auto* d = dynamic_cast<const Derived*>(&o);
    return d && *d == static_cast<const Derived&>(*this);
  }
  std::unique_ptr<Base> clone() const override {
    return std::make_unique<Derived>(static_cast<const Derived&>(*this));
  }
};
template <class Derived>
using XtMatchImpl = XtExtensionImpl<Derived, XtMatch>;
template <class Derived>
using XtTargetImpl = XtExtensionImpl<Derived, XtTargetExt>;

// struct xtables_match + xt_match: the name `-m` loads, its options, and
// how to make an instance.
struct XtMatchType {
  std::string_view name;
  std::span<const XtOption> options;
  std::unique_ptr<XtMatch> (*create)();
  uint8_t revision = 0;
};

struct XtTargetType {
  std::string_view name;
  std::span<const XtOption> options;
  std::unique_ptr<XtTargetExt> (*create)();
  uint8_t revision = 0;
  // The kernel's target when `name` is an alias of it (libxtables'
  // .real_name: NOTRACK is CT): what the rule holds and -L shows.
  std::string_view real_name = {};
};

// The extension registry (xtables_find_match / xtables_find_target).
void xt_register_match(const XtMatchType& t);
void xt_register_target(const XtTargetType& t);
const XtMatchType* xt_find_match(std::string_view name);
const XtTargetType* xt_find_target(std::string_view name);
std::unique_ptr<XtMatch> xt_make_match(const XtMatchType& t);
std::unique_ptr<XtTargetExt> xt_make_target(const XtTargetType& t);

// Registers at static initialisation; one per extension file.
struct XtMatchRegistrar {
  explicit XtMatchRegistrar(const XtMatchType& t) { xt_register_match(t); }
};
struct XtTargetRegistrar {
  explicit XtTargetRegistrar(const XtTargetType& t) { xt_register_target(t); }
};

struct XtChain;

// The standard target: a verdict, RETURN, a jump or goto to a user chain,
// none (the rule only counts: iptables without -j), or an extension.
enum class XtVerdict : uint8_t { None, Accept, Drop, Return, Jump, Ext };

struct XtTarget {
  XtVerdict verdict = XtVerdict::None;
  XtChain* chain = nullptr;  // for Jump
  bool go_to = false;        // IPT_F_GOTO
  std::unique_ptr<XtTargetExt> ext;  // for Ext
  XtTarget() = default;
  XtTarget(XtVerdict v, XtChain* c = nullptr, bool g = false) : verdict(v), chain(c), go_to(g) {}
  XtTarget(const XtTarget& o) : verdict(o.verdict), chain(o.chain), go_to(o.go_to), ext(o.ext ? o.ext->clone() : nullptr) {}
  XtTarget& operator=(const XtTarget& o) { return *this = XtTarget(o); }
  XtTarget(XtTarget&&) = default;
  XtTarget& operator=(XtTarget&&) = default;
  bool operator==(const XtTarget& o) const;
  // The name -L and -S show ("ACCEPT", a chain's, "REJECT"); "" for none.
  std::string_view name() const;
};

// struct ipt_entry
struct IptEntry {
  IptIp ip;
  std::vector<std::unique_ptr<XtMatch>> matches;
  XtTarget target;
  uint64_t pcnt = 0, bcnt = 0;
  IptEntry() = default;
  IptEntry(const IptEntry& o);
  IptEntry& operator=(const IptEntry& o) { return *this = IptEntry(o); }
  IptEntry(IptEntry&&) = default;
  IptEntry& operator=(IptEntry&&) = default;
  // Same rule, counters aside (what -D/-C compare, like iptc's is_same).
  bool same_rule(const IptEntry& o) const;
};

// Runs attach / destroy of each extension of a rule entering / leaving a
// live table.
void xt_entry_attach(Net& net, IptEntry& e);
void xt_entry_destroy(Net& net, IptEntry& e);

struct XtChain {
  std::string name;
  int hook = -1;  // NF_INET_* for a built-in chain, -1 for a user chain
  XtVerdict policy = XtVerdict::Accept;  // built-in chains: ACCEPT or DROP
  uint64_t pcnt = 0, bcnt = 0;           // the policy's counters
  std::vector<IptEntry> rules;
  bool builtin() const { return hook >= 0; }
  // XtTable::check()'s scratch: the hooks that reach this chain, and
  // whether the loop search is inside it.
  mutable unsigned check_mask = 0;
  mutable bool check_on_path = false;
};

// What makes a table (struct xt_table + its nf_hook_ops): name, the hooks
// it has chains at (in hook order), and its priority at each.
struct XtTableDesc {
  std::string_view name;
  unsigned valid_hooks;  // 1 << NF_INET_*
  int priority;
  // Registers the hooks (NULL: ipt_register_table's default, which runs
  // ipt_do_table at each valid hook with `priority`). The nat table
  // registers through the NAT core instead.
  void (*register_hooks)(Net& net, XtTable& t) = nullptr;
};

// struct xt_table + its xt_table_info.
struct XtTable {
  XtTable(const XtTableDesc& d, Net& n);
  const XtTableDesc& desc;
  Net& net;
  std::string_view name() const { return desc.name; }
  // Built-in chains in hook order, then user chains sorted by name (as
  // libiptc lists them). unique_ptr: jumps hold XtChain* across edits.
  std::vector<std::unique_ptr<XtChain>> chains;
  XtChain* hook_chain[NF_INET_NUMHOOKS] = {};

  XtChain* find_chain(std::string_view n) const;
  XtChain* add_user_chain(std::string n);
  void del_chain(XtChain* c);
  void rename_chain(XtChain* c, std::string n);
  // How many rules jump or go to c (the "N references" of iptables -L).
  unsigned references(const XtChain* c) const;
  // The same for every chain at once (a listing of a big table).
  std::unordered_map<const XtChain*, unsigned> reference_counts() const;
  // translate_table's checks over the whole table, as the kernel makes
  // them at every replace: no loop (ELOOP), each rule's extensions accept
  // the hooks their chain is reachable from. 0 or an errno.
  int check() const;
  // A staged copy for iptables-restore: same chains and rules (jumps
  // point into the copy), counters included, nothing attached.
  std::unique_ptr<XtTable> clone() const;
  // The commit of a checked staged copy: its rules are attached, the old
  // ones destroyed (in that order, as the kernel's replace, so shared
  // state like conntrack's hooks never drops out in between), then the
  // chains swap. The hooks keep pointing at this table.
  void replace(XtTable& staged);
};

// The tables a namespace can have, by name ("filter", "nat", "mangle",
// "raw", "security"); nullptr for a name the kernel has no table for.
const XtTableDesc* xt_find_table_desc(std::string_view name);
std::span<const XtTableDesc* const> xt_table_descs();

// Per-namespace x_tables state (net->xt + net->ipv4.iptable_*).
struct XtTables {
  explicit XtTables(Net& n) : net(n) {}
  ~XtTables();
  Net& net;
  // Instantiated on first use, in creation order (/proc/net/ip_tables_names
  // lists them newest first).
  std::vector<std::unique_ptr<XtTable>> tables;
  XtTable* find(std::string_view name) const;
  XtTable* filter() const { return find("filter"); }
};

// net->xt, created on first use.
XtTables& xt_net(Net& net);

// xt_find_table_lock + the table's init: the table of `net` named `name`,
// created with its hooks the first time (the kernel does it when iptables
// first asks for the table in a namespace). nullptr: no such table.
XtTable* xt_table_init(Net& net, std::string_view name);

// ipt_do_table for one packet at one hook: walks the chain of `hook` and
// returns the verdict (Accept or Drop). Reads the IPv4 header at
// skb->network_header; bumps rule and policy counters by the IP length.
NfVerdict ipt_do_table(XtTable& table, SkBuff& skb, const NfHookState& state);

// The default hook function of a table (priv is the XtTable).
NfVerdict ipt_do_table_hook(void* priv, SkbPtr& skb, const NfHookState& state);

}  // namespace skbox
