// The IPv4 forwarding information base: routing tables, route entries and the
// lookup the datapath calls (fib_lookup). The lookup structure is a plain
// longest-prefix match over per-length hash maps for now; the fib_trie issue
// replaces it behind this interface.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/expected.h"
#include "core/inline_vec.h"
#include "ipv4/fib_nh_exception.h"
#include "wire/addr.h"

namespace skbox {

class FibPoptrie;

class Net;
class NetDevice;
struct InIfaddr;

// rtm_type (include/uapi/linux/rtnetlink.h)
enum : uint8_t {
  RTN_UNSPEC = 0, RTN_UNICAST, RTN_LOCAL, RTN_BROADCAST, RTN_ANYCAST, RTN_MULTICAST,
  RTN_BLACKHOLE, RTN_UNREACHABLE, RTN_PROHIBIT, RTN_THROW, RTN_NAT, RTN_XRESOLVE,
};
// rtm_scope
enum : uint8_t {
  RT_SCOPE_UNIVERSE = 0, RT_SCOPE_SITE = 200, RT_SCOPE_LINK = 253, RT_SCOPE_HOST = 254,
  RT_SCOPE_NOWHERE = 255,
};
// rtm_protocol
enum : uint8_t {
  RTPROT_UNSPEC = 0, RTPROT_REDIRECT = 1, RTPROT_KERNEL = 2, RTPROT_BOOT = 3, RTPROT_STATIC = 4,
};
// Reserved table ids.
enum : uint32_t { RT_TABLE_UNSPEC = 0, RT_TABLE_DEFAULT = 253, RT_TABLE_MAIN = 254, RT_TABLE_LOCAL = 255 };
// fib_table_lookup flags: also use next hops whose link is down (where
// ignore_routes_with_linkdown would skip them), as route validation does.
// FIB_LOOKUP_TRIE_ONLY is skbox's own: walk the trie even where the
// compiled copy would answer (tests compare the two).
enum : unsigned { FIB_LOOKUP_IGNORE_LINKSTATE = 4, FIB_LOOKUP_TRIE_ONLY = 0x100 };
// rtnh_flags
enum : uint8_t { RTNH_F_DEAD = 1, RTNH_F_PERVASIVE = 2, RTNH_F_ONLINK = 4, RTNH_F_OFFLOAD = 8, RTNH_F_LINKDOWN = 16 };

struct FibNh {
  NetDevice* dev = nullptr;
  Ipv4Addr gw;          // 0 when directly connected
  uint8_t scope = RT_SCOPE_UNIVERSE;  // nh_scope: scope of the gateway's route
  uint8_t flags = 0;    // RTNH_F_*
  int weight = 1;
  // fib_nh_upper_bound: the hash-threshold bound fib_rebalance gives this
  // next hop of a multipath route (-1: not selectable).
  int upper_bound = 0;
  FnheSlot exceptions;  // nhc_exceptions: learned per-destination PMTUs
};

// One route: the kernel's fib_alias and fib_info in one object, its next
// hops first so that a lookup finds them on the route's first cache line.
struct FibRoute {
  InlineVec1<FibNh> nhs;  // empty for blackhole/unreachable/prohibit/throw
  Ipv4Addr dst;         // network address (host bits zero)
  uint8_t plen = 0;
  uint8_t tos = 0;
  uint8_t type = RTN_UNICAST;
  uint8_t scope = RT_SCOPE_UNIVERSE;
  uint8_t protocol = RTPROT_BOOT;
  uint32_t priority = 0;  // metric
  uint32_t table = RT_TABLE_MAIN;
  Ipv4Addr prefsrc;     // 0 when unset
  uint32_t mtu = 0;     // RTAX_MTU metric, 0 = unset
  uint32_t advmss = 0;
  bool mtu_lock = false;  // `mtu lock N`: RTAX_LOCK has the RTAX_MTU bit
  bool advmss_lock = false;
  // fib_flags: RTNH_F_LINKDOWN once every next hop lost carrier (kept until
  // one comes back); multipath dumps show it at route level.
  uint8_t fib_flags = 0;

  const FibNh* nh() const { return nhs.empty() ? nullptr : &nhs[0]; }
  NetDevice* dev() const { return nhs.empty() ? nullptr : nhs[0].dev; }
};

// What a lookup found (struct fib_result).
struct FibResult {
  const FibRoute* route = nullptr;
  const FibNh* nh = nullptr;
  uint8_t type = RTN_UNSPEC;
  uint8_t scope = RT_SCOPE_UNIVERSE;
  uint8_t prefixlen = 0;
  uint32_t table = 0;
  int nh_sel = 0;  // index of nh in route->nhs
};

// One prefix's answer to a plain flow (only daddr set), as table_lookup
// fills a FibResult from it: what the compiled copy (fib_poptrie.h) keeps
// per prefix so its answers never load the route.
struct FibPlainAnswer {
  const FibRoute* route = nullptr;  // null: no route here
  const FibNh* nh = nullptr;        // null: answered without a next hop
  int16_t err = 0;                  // table_lookup's return: 0 or the reject type's error
  int16_t nh_sel = 0;
  uint8_t type = 0, scope = 0, plen = 0;
};

// Lookup key (struct flowi4), the fields the rule/route lookup uses.
struct Flowi4 {
  Ipv4Addr daddr, saddr;
  int oif = 0, iif = 0;
  uint8_t tos = 0;
  uint8_t scope = RT_SCOPE_UNIVERSE;
  uint32_t mark = 0;
  uint8_t proto = 0;
  uint8_t flags = 0;
  // fl4_sport / fl4_dport, host order (the multipath L4 hash reads them).
  uint16_t sport = 0, dport = 0;
  // `ip route get` (inet_rtm_getroute) hands the lookup a synthesized skb,
  // which changes the custom multipath hash (policy 3).
  bool getroute = false;
};

// One rtnexthop of an RTA_MULTIPATH request (`ip route ... nexthop ...`).
struct FibNhConfig {
  Ipv4Addr gw;
  int oif = 0;
  uint8_t flags = 0;  // rtnh_flags
  int weight = 1;     // rtnh_hops + 1
};

// A route request (struct fib_config), as `ip route add|del` or the kernel's
// own fib_magic builds it. For deletes, unset keys match anything: type 0,
// scope RT_SCOPE_NOWHERE, protocol 0, priority 0, oif 0, gw 0, prefsrc 0.
struct FibConfig {
  Ipv4Addr dst;
  uint8_t dst_len = 0;
  uint8_t tos = 0;
  uint32_t table = RT_TABLE_MAIN;
  uint8_t protocol = RTPROT_BOOT;
  uint8_t scope = RT_SCOPE_UNIVERSE;
  uint8_t type = RTN_UNICAST;
  uint32_t flags = 0;        // rtm_flags (RTNH_F_ONLINK)
  uint32_t priority = 0;
  Ipv4Addr prefsrc;
  Ipv4Addr gw;
  int oif = 0;
  uint32_t mtu = 0;          // RTAX_MTU (0 = unset)
  uint32_t advmss = 0;
  uint32_t nlflags = 0;      // NLM_F_CREATE/EXCL/REPLACE/APPEND (devinet.h)
  std::vector<FibNhConfig> mp;  // RTA_MULTIPATH (fc_mp); empty when absent
  bool mtu_lock = false;     // RTAX_LOCK bit for RTAX_MTU
  bool advmss_lock = false;  // RTAX_LOCK bit for RTAX_ADVMSS
  // A delete request built by `ip route del` leaves these unset.
  static FibConfig for_delete() {
    FibConfig c;
    c.protocol = RTPROT_UNSPEC;
    c.scope = RT_SCOPE_NOWHERE;
    c.type = RTN_UNSPEC;
    return c;
  }
};

class Trie;

// One routing table (struct fib_table) over its LC-trie (fib_trie.h). The
// local table shares main's trie until the first policy rule.
class FibTable {
 public:
  explicit FibTable(uint32_t id, FibTable* alias = nullptr);
  ~FibTable();
  uint32_t id() const { return id_; }

  // fib_table_lookup: the longest prefix whose first fitting alias (tos,
  // scope, and a usable next hop for fl.oif) answers; 0 or the route
  // type's error with res filled, -EAGAIN when nothing matches.
  int table_lookup(const Flowi4& fl, FibResult& res, unsigned fib_flags = 0) const;
  // What the alias of exactly dst/plen (fl.daddr masked) answers a plain
  // flow, or no route when table_lookup would back off past that prefix.
  FibPlainAnswer plain_answer(const Flowi4& fl, int plen) const;
  // The route table_lookup answers with, or null on -EAGAIN.
  const FibRoute* lookup(const Flowi4& fl) const;
  // fib_table_insert for a route fib_create_info validated: the alias list
  // rules of NLM_F_EXCL/REPLACE/APPEND/CREATE. EEXIST for duplicates,
  // ENOENT without NLM_F_CREATE when nothing matches.
  Expected<void> insert(FibRoute r, uint32_t nlflags);
  // fib_table_delete: the first alias of dst/dst_len/tos that matches every
  // key set in cfg. ESRCH when none.
  Expected<void> remove(const FibConfig& cfg);
  // fib_table_flush: removes this table's routes for which pred holds.
  size_t remove_if(const std::function<bool(const FibRoute&)>& pred);

  // This table's routes in dump order: by prefix value, longer prefixes
  // first within one value, then alias order.
  std::vector<const FibRoute*> dump() const;
  // Visits this table's routes in dump order to change next-hop state in
  // place (fib_sync_down_dev / fib_sync_up).
  void for_each_route(const std::function<void(FibRoute&)>& fn);
  size_t size() const;
  const Trie& trie() const { return *trie_; }
  // Shares its trie with another table (local aliasing main).
  bool merged() const;
  // fib_unmerge for the local table: take this table's routes out of the
  // shared trie into one of its own.
  void unmerge_from(FibTable& main);

 private:
  uint32_t id_;
  std::shared_ptr<Trie> trie_;

  int answer(FibResult& res, const FibRoute& fa, int sel) const;
  // fib_table_lookup's walk itself.
  int trie_lookup(const Flowi4& fl, FibResult& res, unsigned fib_flags) const;
  // The compiled copy's answer for a plain flow, or null when the table
  // has no compiled copy.
  const FibPlainAnswer* fast_lookup(const Flowi4& fl) const;
  [[gnu::cold, gnu::noinline]] const FibPoptrie* build_fast() const;
  // Keeps the compiled copy in step with an insert.
  void fast_update(const FibRoute& added);
};

// The namespace's tables (local, main, default, and numbered ones).
struct FibRules;

class Fib {
 public:
  Fib();
  ~Fib();
  FibTable* get_table(uint32_t id) const;
  FibTable& new_table(uint32_t id);
  const std::map<uint32_t, std::unique_ptr<FibTable>>& tables() const { return tables_; }
  // The tables in the kernel's hash walk order (dumps, /proc/net/fib_trie).
  const std::vector<FibTable*>& walk_order() const { return order_; }
  uint32_t fnhe_genid = 0;  // net->fnhe_genid: bumped by `ip route flush cache`
  // net->ipv4.fib_has_custom_rules: set by the first rule a user adds; from
  // then on local and main are separate tries (fib_unmerge) and fib_lookup
  // walks the rule list.
  bool has_custom_rules = false;
  std::unique_ptr<FibRules> rules;

 private:
  std::map<uint32_t, std::unique_ptr<FibTable>> tables_;
  std::vector<FibTable*> order_;
};

// fib_props[type].error: 0, or the errno a route of this type answers with
// (-EAGAIN for throw).
int fib_type_error(uint8_t type);
// Splits local out of main's trie before the first custom rule (fib_unmerge).
void fib_unmerge(Net& net);

// fib_lookup: without custom rules the kernel keeps local and main in one
// trie (fib_new_table's alias), so one longest-prefix match spans both, a
// local alias first within a prefix; then the default table. On success
// fills res; otherwise returns -ENETUNREACH. Route types blackhole/
// unreachable/prohibit are returned in res.type for the caller to act on.
int fib_lookup(Net& net, const Flowi4& fl, FibResult& res, unsigned fib_flags = 0);
// __inet_dev_addr_type: the type of the route addr meets in table tb_id
// (RTN_UNICAST when none or a reject route, or when dev is given and the
// route's first next hop is elsewhere). While there are no custom rules the
// local table shares main's trie, so main's routes take part.
uint8_t inet_dev_addr_type(const Net& net, const NetDevice* dev, Ipv4Addr addr, uint32_t tb_id = RT_TABLE_LOCAL);

// --- the route control path (net/ipv4/fib_frontend.c, fib_semantics.c) ---
// inet_rtm_newroute: validates cfg as fib_create_info/fib_check_nh do
// (prefix, type/scope, next-hop device and gateway reachability, prefsrc)
// and inserts it into cfg.table (created on demand). Errors carry the
// kernel's extack text when it has one.
Expected<void> fib_route_add(Net& net, const FibConfig& cfg, std::string* extack = nullptr);
// inet_rtm_delroute. ESRCH when the table or route does not exist.
Expected<void> fib_route_del(Net& net, const FibConfig& cfg, std::string* extack = nullptr);

// The routes an address implies (fib_add_ifaddr / fib_del_ifaddr): `local`
// and `broadcast` routes in table local, the connected prefix in table main.
// iprim is the primary whose secondaries are being promoted, or nullptr.
void fib_add_ifaddr(NetDevice* dev, const InIfaddr& ifa);
void fib_del_ifaddr(NetDevice* dev, const InIfaddr& ifa, const InIfaddr* iprim);
// Removes the routes whose next hop uses dev (fib_sync_down_dev + fib_flush):
// with force (unregister) every one, else all but host-scope next hops.
void fib_flush_dev(Net& net, const NetDevice* dev, bool force);
// fib_nh_match plus the priority key: does route r match the next-hop
// part of a delete request (unset keys match anything)?
bool fib_nh_match(const FibConfig& cfg, const FibRoute& r);
// RTNH_F_LINKDOWN as the kernel would report it for nh now.
bool fib_nh_linkdown(const FibNh& nh);
// fib_props[type].scope: the narrowest scope a route of this type may have.
uint8_t fib_type_min_scope(uint8_t type);

}  // namespace skbox
