// x_tables bookkeeping (net/netfilter/x_tables.c, the table half of
// net/ipv4/netfilter/ip_tables.c): the extension registry, chains of a
// table, and translate_table's whole-table checks.
#include "netfilter/x_tables.h"

#include <algorithm>
#include <cerrno>
#include <unordered_map>

#include <fmt/format.h>

#include "core/printk.h"
#include "net/net.h"
#include "net/world.h"

namespace skbox {

namespace {

template <class T>
std::vector<const T*>& registry() {
  static std::vector<const T*> r;
  return r;
}

template <class T>
const T* find_in(std::string_view name) {
  for (const T* t : registry<T>())
    if (t->name == name) return t;
  return nullptr;
}

}  // namespace

void xt_register_match(const XtMatchType& t) { registry<XtMatchType>().push_back(&t); }
void xt_register_target(const XtTargetType& t) { registry<XtTargetType>().push_back(&t); }
const XtMatchType* xt_find_match(std::string_view name) { return find_in<XtMatchType>(name); }
const XtTargetType* xt_find_target(std::string_view name) { return find_in<XtTargetType>(name); }

std::unique_ptr<XtMatch> xt_make_match(const XtMatchType& t) {
  auto m = t.create();
  m->type = &t;
  return m;
}

std::unique_ptr<XtTargetExt> xt_make_target(const XtTargetType& t) {
  auto m = t.create();
  m->type = &t;
  return m;
}

bool XtTarget::operator==(const XtTarget& o) const {
  if (verdict != o.verdict || chain != o.chain || go_to != o.go_to) return false;
  if (verdict != XtVerdict::Ext) return true;
  return ext->type == o.ext->type && ext->same(*o.ext);
}

std::string_view XtTarget::name() const {
  switch (verdict) {
    case XtVerdict::Accept: return "ACCEPT";
    case XtVerdict::Drop: return "DROP";
    case XtVerdict::Return: return "RETURN";
    case XtVerdict::Jump: return chain->name;
    case XtVerdict::Ext: return ext->type->real_name.empty() ? ext->type->name : ext->type->real_name;
    case XtVerdict::None: break;
  }
  return "";
}

IptEntry::IptEntry(const IptEntry& o) : ip(o.ip), target(o.target), pcnt(o.pcnt), bcnt(o.bcnt) {
  matches.reserve(o.matches.size());
  for (const auto& m : o.matches) matches.push_back(m->clone());
}

bool IptEntry::same_rule(const IptEntry& o) const {
  if (!(ip == o.ip) || !(target == o.target) || matches.size() != o.matches.size()) return false;
  for (size_t i = 0; i < matches.size(); ++i)
    if (matches[i]->type != o.matches[i]->type || !matches[i]->same(*o.matches[i])) return false;
  return true;
}

// --- tables -------------------------------------------------------------

XtTable::XtTable(const XtTableDesc& d, Net& n) : desc(d), net(n) {
  static constexpr const char* kHookNames[] = {"PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"};
  for (int h = 0; h < NF_INET_NUMHOOKS; ++h) {
    if (!(d.valid_hooks & (1u << h))) continue;
    auto c = std::make_unique<XtChain>();
    c->name = kHookNames[h];
    c->hook = h;
    hook_chain[h] = c.get();
    chains.push_back(std::move(c));
  }
}

namespace {

// Built-in chains come first; the user chains after them are sorted by name.
auto first_user_chain(const std::vector<std::unique_ptr<XtChain>>& chains) {
  return std::find_if(chains.begin(), chains.end(), [](const auto& c) { return !c->builtin(); });
}

auto user_chain_slot(const std::vector<std::unique_ptr<XtChain>>& chains, std::string_view n) {
  return std::lower_bound(first_user_chain(chains), chains.end(), n,
                          [](const auto& c, std::string_view k) { return c->name < k; });
}

}  // namespace

XtChain* XtTable::find_chain(std::string_view n) const {
  for (const auto& c : chains) {
    if (!c->builtin()) break;
    if (c->name == n) return c.get();
  }
  auto it = user_chain_slot(chains, n);
  return it != chains.end() && (*it)->name == n ? it->get() : nullptr;
}

XtChain* XtTable::add_user_chain(std::string n) {
  auto c = std::make_unique<XtChain>();
  c->name = std::move(n);
  XtChain* raw = c.get();
  // User chains after the built-in ones, sorted by name (libiptc's order).
  chains.insert(user_chain_slot(chains, raw->name), std::move(c));
  return raw;
}

void XtTable::del_chain(XtChain* c) {
  std::erase_if(chains, [&](const auto& o) { return o.get() == c; });
}

void XtTable::rename_chain(XtChain* c, std::string n) {
  auto it = std::find_if(chains.begin(), chains.end(), [&](const auto& o) { return o.get() == c; });
  std::unique_ptr<XtChain> own = std::move(*it);
  chains.erase(it);
  own->name = std::move(n);
  auto at = user_chain_slot(chains, own->name);
  chains.insert(at, std::move(own));
}

std::unordered_map<const XtChain*, unsigned> XtTable::reference_counts() const {
  std::unordered_map<const XtChain*, unsigned> n;
  for (const auto& ch : chains)
    for (const IptEntry& e : ch->rules)
      if (e.target.verdict == XtVerdict::Jump) ++n[e.target.chain];
  return n;
}

unsigned XtTable::references(const XtChain* c) const {
  unsigned n = 0;
  for (const auto& ch : chains)
    for (const IptEntry& e : ch->rules)
      if (e.target.verdict == XtVerdict::Jump && e.target.chain == c) ++n;
  return n;
}

namespace {

// Depth-first walk from a built-in chain, collecting each chain's hook
// mask in its check scratch; false on a loop (a chain already on the path).
bool mark_from(const XtChain* c, unsigned hook_bit) {
  if (c->check_on_path) return false;
  if (c->check_mask & hook_bit) return true;  // already explored for this hook
  c->check_mask |= hook_bit;
  c->check_on_path = true;
  for (const IptEntry& e : c->rules)
    if (e.target.verdict == XtVerdict::Jump && !mark_from(e.target.chain, hook_bit)) {
      c->check_on_path = false;
      return false;
    }
  c->check_on_path = false;
  return true;
}

}  // namespace

std::unique_ptr<XtTable> XtTable::clone() const {
  auto t = std::make_unique<XtTable>(desc, net);
  t->chains.clear();
  std::fill(std::begin(t->hook_chain), std::end(t->hook_chain), nullptr);
  std::unordered_map<const XtChain*, XtChain*> map;
  map.reserve(chains.size());
  for (const auto& c : chains) {
    auto n = std::make_unique<XtChain>();
    n->name = c->name;
    n->hook = c->hook;
    n->policy = c->policy;
    n->pcnt = c->pcnt;
    n->bcnt = c->bcnt;
    if (c->builtin()) t->hook_chain[c->hook] = n.get();
    map.emplace(c.get(), n.get());
    t->chains.push_back(std::move(n));
  }
  for (size_t i = 0; i < chains.size(); ++i) {
    t->chains[i]->rules = chains[i]->rules;
    for (IptEntry& e : t->chains[i]->rules)
      if (e.target.verdict == XtVerdict::Jump) e.target.chain = map.at(e.target.chain);
  }
  return t;
}

void XtTable::replace(XtTable& staged) {
  for (auto& c : staged.chains)
    for (IptEntry& e : c->rules) xt_entry_attach(net, e);
  for (auto& c : chains)
    for (IptEntry& e : c->rules) xt_entry_destroy(net, e);
  chains.swap(staged.chains);
  std::copy(std::begin(staged.hook_chain), std::end(staged.hook_chain), std::begin(hook_chain));
  staged.chains.clear();
}

int XtTable::check() const {
  for (const auto& c : chains) c->check_mask = 0;
  for (int h = 0; h < NF_INET_NUMHOOKS; ++h) {
    if (!hook_chain[h]) continue;
    if (!mark_from(hook_chain[h], 1u << h)) return ELOOP;
  }
  // Every rule is checked, a chain no hook reaches with an empty mask.
  for (const auto& c : chains) {
    for (const IptEntry& e : c->rules) {
      XtCheckParam par{net, name(), c->check_mask, e.ip};
      for (const auto& m : e.matches)
        if (int err = m->checkentry(par)) return err;
      if (e.target.verdict == XtVerdict::Ext)
        if (int err = e.target.ext->checkentry(par)) return err;
    }
  }
  return 0;
}

namespace {

// The pr_info_ratelimited call sites of xt_check_match / xt_check_target:
// one per message, each with its own ratelimit state, as each macro
// expansion in the kernel has.
struct CheckSites {
  PrintkSite table, hooks, proto;
};
constexpr CheckSites kMatchSites{{"xt_check_match"}, {"xt_check_match"}, {"xt_check_match"}};
constexpr CheckSites kTargetSites{{"xt_check_target"}, {"xt_check_target"}, {"xt_check_target"}};

const CheckSites& check_sites(std::string_view what) {
  return what.ends_with(" target") ? kTargetSites : kMatchSites;
}

int check_log(const XtCheckParam& par, const PrintkSite& site, std::string_view what, std::string_view text) {
  printk_ratelimited(par.net.world, site, LOGLEVEL_INFO, fmt::format("x_tables: ip_tables: {}: {}", what, text));
  return EINVAL;
}

// textify_hooks: the hook names joined by '/'.
std::string textify_hooks(unsigned mask) {
  static constexpr const char* kNames[] = {"PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"};
  std::string s;
  for (int h = 0; h < NF_INET_NUMHOOKS; ++h)
    if (mask & (1u << h)) s += (s.empty() ? "" : "/") + std::string(kNames[h]);
  return s;
}

}  // namespace

int xt_check_fail(const XtCheckParam& par, std::string_view msg) {
  static constexpr PrintkSite kSite{"checkentry"};
  return xt_check_fail(par, kSite, msg);
}

int xt_check_fail(const XtCheckParam& par, const PrintkSite& site, std::string_view msg, int err) {
  printk_ratelimited(par.net.world, site, LOGLEVEL_INFO, msg);
  return err;
}

int xt_check_table(const XtCheckParam& par, std::string_view what, std::string_view table) {
  if (par.table == table) return 0;
  return check_log(par, check_sites(what).table, what, fmt::format("only valid in {} table, not {}", table, par.table));
}

int xt_check_hooks(const XtCheckParam& par, std::string_view what, unsigned hooks) {
  if (!(par.hook_mask & ~hooks)) return 0;
  const bool target = what.ends_with(" target");
  return check_log(par, check_sites(what).hooks, what,
                   fmt::format("used from hooks {}, but only {} from {}", textify_hooks(par.hook_mask),
                               target ? "usable" : "valid", textify_hooks(hooks)));
}

int xt_check_proto(const XtCheckParam& par, std::string_view what, uint8_t proto) {
  if (par.ip.proto == proto && !(par.ip.invflags & IPT_INV_PROTO)) return 0;
  return check_log(par, check_sites(what).proto, what, fmt::format("only valid for protocol {}", proto));
}

void xt_entry_attach(Net& net, IptEntry& e) {
  for (auto& m : e.matches) m->attach(net);
  if (e.target.ext) e.target.ext->attach(net);
}

void xt_entry_destroy(Net& net, IptEntry& e) {
  for (auto& m : e.matches) m->destroy(net);
  if (e.target.ext) e.target.ext->destroy(net);
}

XtTables::~XtTables() {
  for (auto& t : tables)
    for (auto& c : t->chains)
      for (IptEntry& e : c->rules) xt_entry_destroy(net, e);
}

XtTable* XtTables::find(std::string_view name) const {
  for (const auto& t : tables)
    if (t->name() == name) return t.get();
  return nullptr;
}

XtTables& xt_net(Net& net) {
  if (!net.xt) net.xt = std::make_unique<XtTables>(net);
  return *net.xt;
}

NfVerdict ipt_do_table_hook(void* priv, SkbPtr& skb, const NfHookState& state) {
  return ipt_do_table(*static_cast<XtTable*>(priv), *skb, state);
}

XtTable* xt_table_init(Net& net, std::string_view name) {
  XtTables& xt = xt_net(net);
  if (XtTable* t = xt.find(name)) return t;
  const XtTableDesc* d = xt_find_table_desc(name);
  if (!d) return nullptr;
  XtTable& t = *xt.tables.emplace_back(std::make_unique<XtTable>(*d, net));
  if (d->register_hooks) {
    d->register_hooks(net, t);
    return &t;
  }
  for (int h = 0; h < NF_INET_NUMHOOKS; ++h) {
    if (!(d->valid_hooks & (1u << h))) continue;
    NfHookOps ops;
    ops.hook = &ipt_do_table_hook;
    ops.priv = &t;
    ops.pf = NFPROTO_IPV4;
    ops.hooknum = uint8_t(h);
    ops.priority = d->priority;
    nf_register_net_hook(net, ops);
  }
  return &t;
}

}  // namespace skbox

namespace skbox {

extern const XtTableDesc iptable_filter_desc, iptable_nat_desc, iptable_mangle_desc, iptable_raw_desc,
    iptable_security_desc;

std::span<const XtTableDesc* const> xt_table_descs() {
  static const XtTableDesc* const kDescs[] = {&iptable_filter_desc, &iptable_nat_desc, &iptable_mangle_desc,
                                              &iptable_raw_desc, &iptable_security_desc};
  return kDescs;
}

const XtTableDesc* xt_find_table_desc(std::string_view name) {
  for (const XtTableDesc* d : xt_table_descs())
    if (d->name == name) return d;
  return nullptr;
}

}  // namespace skbox
