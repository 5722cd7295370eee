// The /proc/sys/net registry (kernel/sysctl.c's proc handlers plus the
// net-specific handlers: devinet_conf_proc, devinet_sysctl_forward,
// addrconf_sysctl_forward/disable, neigh_proc_dointvec_*), driven by the
// tables in sysctl_table.cpp.
//
// Stored values (entries nothing in skbox reads yet) live in World::files
// under a key no script path can spell ("\x01sysctl:<netid>:..."), so they die
// with the World and never leak between namespaces; per-device ones are keyed
// by ifindex.
#include "net/sysctl.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <map>
#include <optional>
#include <unordered_map>

#include "ipv4/devinet.h"
#include "ipv6/addrconf.h"
#include "neigh/neighbour.h"
#include "net/net.h"
#include "net/netdevice.h"
#include "net/world.h"
#include "wire/addr.h"

namespace skbox {

using namespace sysctl_detail;

namespace {

constexpr int64_t kHz = 250;  // CONFIG_HZ of the oracle kernel (1 jiffy = 4 ms)
constexpr Duration kJiffy = kSec / kHz;
constexpr int64_t kSkbTruesizeEthFrame = 2090;  // SKB_TRUESIZE(ETH_FRAME_LEN): unres_qlen unit

enum class Scope : uint8_t { Global, V4Conf, V6Conf, V4Neigh, V6Neigh };
enum class Which : uint8_t { All, Default, Dev };

SysctlTable table_of(Scope s) {
  switch (s) {
    case Scope::Global: return global_defs();
    case Scope::V4Conf: return ipv4_conf_defs();
    case Scope::V6Conf: return ipv6_conf_defs();
    case Scope::V4Neigh: return ipv4_neigh_defs();
    case Scope::V6Neigh: return ipv6_neigh_defs();
  }
  return {nullptr, 0};
}

const SysctlDef* find_def(Scope s, std::string_view name) {
  SysctlTable t = table_of(s);
  auto end = t.defs + t.size;
  auto it = std::lower_bound(t.defs, end, name, [](const SysctlDef& d, std::string_view n) { return d.name < n; });
  return it != end && it->name == name ? it : nullptr;
}

uint16_t mode_in(Net& net, const SysctlDef& d) {
  return d.rw_in_init_net && &net == &net.world.init_net() ? 0644 : d.mode;
}

// ---- stored values ----
std::string store_key(const Net& net, std::string_view k) { return fmt::format("\x01sysctl:{}:{}", net.id, k); }
const std::string* store_get(Net& net, std::string_view k) {
  auto& f = net.world.files;
  auto it = f.find(store_key(net, k));
  return it == f.end() ? nullptr : &it->second;
}
void store_set(Net& net, std::string_view k, std::string v) { net.world.files[store_key(net, k)] = std::move(v); }

// ---- resolved node ----
struct Node {
  bool dir = false;
  Scope scope = Scope::Global;
  Which which = Which::All;
  NetDevice* dev = nullptr;
  const SysctlDef* def = nullptr;
  std::string gpath;  // global: path below net/ ("ipv4/conf" for a dir)
};

bool has_v4(const NetDevice* d) { return d->ip_ptr != nullptr; }
bool has_v6(const NetDevice* d) { return d->ip6_ptr != nullptr; }

std::vector<std::string_view> split_path(std::string_view p) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i <= p.size()) {
    size_t j = p.find('/', i);
    if (j == std::string_view::npos) j = p.size();
    if (j > i) out.push_back(p.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

std::string_view strip_proc_sys(std::string_view p) {
  constexpr std::string_view kPrefix = "/proc/sys";
  if (p.substr(0, kPrefix.size()) == kPrefix && (p.size() == kPrefix.size() || p[kPrefix.size()] == '/'))
    p.remove_prefix(kPrefix.size());
  return p;
}

Expected<Node> resolve(Net& net, std::string_view path) {
  auto c = split_path(strip_proc_sys(path));
  Node n;
  if (c.empty()) {
    n.dir = true;
    n.gpath = "\x01root";
    return n;
  }
  if (c[0] != "net") return Errno(ENOENT);
  c.erase(c.begin());
  // Per-device families.
  if (c.size() >= 2 && (c[0] == "ipv4" || c[0] == "ipv6") && (c[1] == "conf" || c[1] == "neigh")) {
    bool v4 = c[0] == "ipv4", conf = c[1] == "conf";
    n.scope = v4 ? (conf ? Scope::V4Conf : Scope::V4Neigh) : (conf ? Scope::V6Conf : Scope::V6Neigh);
    if (c.size() == 2) {
      n.dir = true;
      n.gpath = fmt::format("{}/{}", c[0], c[1]);
      return n;
    }
    if (conf && c[2] == "all") {
      n.which = Which::All;
    } else if (conf && c[2] == "default") {
      n.which = Which::Default;
    } else {
      NetDevice* d = net.dev_get_by_name(c[2]);
      if (!d || !(v4 ? has_v4(d) : has_v6(d))) return Errno(ENOENT);
      n.which = Which::Dev;
      n.dev = d;
    }
    if (c.size() == 3) {
      n.dir = true;
      return n;
    }
    n.def = find_def(n.scope, c[3]);
    if (!n.def) return Errno(ENOENT);
    if (c.size() > 4) return Errno(ENOTDIR);
    return n;
  }
  // Global entries.
  std::string joined;
  for (size_t i = 0; i < c.size(); ++i) {
    if (i) joined += '/';
    joined += c[i];
    if (i + 1 < c.size() && find_def(Scope::Global, joined)) return Errno(ENOTDIR);
  }
  n.scope = Scope::Global;
  n.gpath = joined;
  if ((n.def = find_def(Scope::Global, joined))) {
    if (n.def->init_net_only && &net != &net.world.init_net()) return Errno(ENOENT);
    return n;
  }
  if (joined.empty() || joined == "ipv4" || joined == "ipv6") {
    n.dir = true;
    return n;
  }
  SysctlTable t = global_defs();
  std::string pre = joined + "/";
  for (size_t i = 0; i < t.size; ++i)
    if (t.defs[i].name.substr(0, pre.size()) == pre) {
      n.dir = true;
      return n;
    }
  return Errno(ENOENT);
}

std::vector<std::string> children(Net& net, const Node& n) {
  std::vector<std::string> out;
  if (n.gpath == "\x01root") return {"net"};
  auto dev_names = [&](bool v4) {
    for (NetDevice* d : net.devices())
      if (v4 ? has_v4(d) : has_v6(d)) out.push_back(d->name);
  };
  if (n.scope != Scope::Global) {
    if (n.gpath.empty()) {  // a device directory: the table
      SysctlTable t = table_of(n.scope);
      for (size_t i = 0; i < t.size; ++i) out.emplace_back(t.defs[i].name);
    } else {  // ipv4/conf etc.
      if (n.scope == Scope::V4Conf || n.scope == Scope::V6Conf) {
        out.push_back("all");
        out.push_back("default");
      }
      dev_names(n.scope == Scope::V4Conf || n.scope == Scope::V4Neigh);
    }
  } else {
    std::string pre = n.gpath.empty() ? "" : n.gpath + "/";
    SysctlTable t = global_defs();
    for (size_t i = 0; i < t.size; ++i) {
      std::string_view nm = t.defs[i].name;
      if (nm.substr(0, pre.size()) != pre) continue;
      // Never listed: skbox's root namespace lists like a fresh one (what the
      // oracle's sandbox shows); reachable by name in the root only.
      if (t.defs[i].init_net_only) continue;
      nm.remove_prefix(pre.size());
      out.emplace_back(nm.substr(0, nm.find('/')));
    }
    if (n.gpath == "ipv4" || n.gpath == "ipv6") {
      out.push_back("conf");
      out.push_back("neigh");
    }
    if (n.gpath.empty()) {
      out.push_back("ipv4");
      out.push_back("ipv6");
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// ---- number parsing (proc_get_long) ----
bool is_space(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f'; }

// Parses up to max_n whitespace-separated integers, as the kernel's vector
// handlers do: base 0 (0x.., 0..), an optional '-', each followed by
// whitespace or the end. Text after the last wanted value is ignored.
// Returns EINVAL on malformed input or when nothing but blanks was written.
Expected<std::vector<int64_t>> parse_longs(std::string_view s, size_t max_n, bool is_unsigned = false) {
  std::vector<int64_t> out;
  size_t i = 0;
  while (out.size() < max_n) {
    while (i < s.size() && is_space(s[i])) ++i;
    if (i >= s.size()) break;
    bool neg = false;
    if (s[i] == '-') {
      neg = true;
      ++i;
    }
    if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) return Errno(EINVAL);
    int base = 10;
    if (s[i] == '0' && i + 1 < s.size() && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
      base = 16;
      i += 2;
    } else if (s[i] == '0') {
      base = 8;
    }
    unsigned __int128 v = 0;
    size_t start = i;
    while (i < s.size()) {
      int dg;
      char ch = s[i];
      if (ch >= '0' && ch <= '9') dg = ch - '0';
      else if (base == 16 && ch >= 'a' && ch <= 'f') dg = ch - 'a' + 10;
      else if (base == 16 && ch >= 'A' && ch <= 'F') dg = ch - 'A' + 10;
      else break;
      if (dg >= base) break;
      v = v * base + dg;
      if (v > UINT64_MAX) return Errno(EINVAL);
      ++i;
    }
    if (i == start && base == 16) return Errno(EINVAL);
    if (i < s.size() && !is_space(s[i])) return Errno(EINVAL);
    if (is_unsigned) {
      if (neg) return Errno(EINVAL);
      out.push_back(static_cast<int64_t>(static_cast<uint64_t>(v)));  // reinterpreted by the caller
    } else {
      if (v > (neg ? uint64_t(INT64_MAX) + 1 : uint64_t(INT64_MAX))) return Errno(EINVAL);
      out.push_back(neg ? -static_cast<int64_t>(v) : static_cast<int64_t>(v));
    }
  }
  if (out.empty()) return Errno(EINVAL);
  return out;
}

std::string_view rstrip(std::string_view s) {
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// "1,2-4,10" bitmaps (proc_do_large_bitmap) for ip_local_reserved_ports and
// icmp ratemask. Returns the canonical form.
Expected<std::string> parse_bitmap(std::string_view s, int64_t max) {
  s = rstrip(s);
  std::vector<bool> bits(size_t(max) + 1);
  size_t i = 0;
  auto num = [&](int64_t& out) -> bool {
    size_t st = i;
    int64_t v = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      v = v * 10 + (s[i] - '0');
      if (v > max) return false;
      ++i;
    }
    out = v;
    return i > st;
  };
  while (i < s.size()) {
    int64_t a, b;
    if (!num(a)) return Errno(EINVAL);
    b = a;
    if (i < s.size() && s[i] == '-') {
      ++i;
      if (!num(b) || b < a) return Errno(EINVAL);
    }
    for (int64_t k = a; k <= b; ++k) bits[size_t(k)] = true;
    if (i < s.size()) {
      if (s[i] != ',') return Errno(EINVAL);
      ++i;
    }
  }
  std::string out;
  for (int64_t k = 0; k <= max;) {
    if (!bits[size_t(k)]) {
      ++k;
      continue;
    }
    int64_t e = k;
    while (e + 1 <= max && bits[size_t(e + 1)]) ++e;
    if (!out.empty()) out += ',';
    out += e > k ? fmt::format("{}-{}", k, e) : fmt::to_string(k);
    k = e + 1;
  }
  return out;
}

// ---- bindings to Net state ----
using IntRef = int* (*)(Net&);
const std::unordered_map<std::string_view, IntRef>& global_bindings() {
  static const std::unordered_map<std::string_view, IntRef> m = {
      {"core/somaxconn", [](Net& n) { return &n.core.somaxconn; }},
      // br_netfilter_hooks.c's brnf_table (brnf_sysctl_call_tables stores 0/1).
      {"bridge/bridge-nf-call-arptables", [](Net& n) { return &n.brnf.call_arptables; }},
      {"bridge/bridge-nf-call-iptables", [](Net& n) { return &n.brnf.call_iptables; }},
      {"bridge/bridge-nf-call-ip6tables", [](Net& n) { return &n.brnf.call_ip6tables; }},
      {"bridge/bridge-nf-filter-vlan-tagged", [](Net& n) { return &n.brnf.filter_vlan_tagged; }},
      {"bridge/bridge-nf-filter-pppoe-tagged", [](Net& n) { return &n.brnf.filter_pppoe_tagged; }},
      {"bridge/bridge-nf-pass-vlan-input-dev", [](Net& n) { return &n.brnf.pass_vlan_indev; }},
      {"netfilter/nf_log_all_netns", [](Net& n) { return &n.world.netfilter.nf_log_all_netns; }},
      {"ipv4/ip_forward", [](Net& n) { return &n.devconf_all[Ipv4DevConf::FORWARDING]; }},
      {"ipv4/ip_default_ttl", [](Net& n) { return &n.ipv4.ip_default_ttl; }},
      {"ipv4/ip_no_pmtu_disc", [](Net& n) { return &n.ipv4.ip_no_pmtu_disc; }},
      {"ipv4/ip_nonlocal_bind", [](Net& n) { return &n.ipv4.ip_nonlocal_bind; }},
      {"ipv4/ip_forward_use_pmtu", [](Net& n) { return &n.ipv4.ip_forward_use_pmtu; }},
      {"ipv4/route/min_pmtu", [](Net& n) { return &n.ipv4.ip_rt_min_pmtu; }},
      {"ipv4/route/mtu_expires", [](Net& n) { return &n.ipv4.ip_rt_mtu_expires; }},
      {"ipv4/ipfrag_time", [](Net& n) { return &n.ipv4.ipfrag_time; }},
      {"ipv4/ipfrag_max_dist", [](Net& n) { return &n.ipv4.ipfrag_max_dist; }},
      {"ipv4/icmp_echo_ignore_all", [](Net& n) { return &n.ipv4.icmp_echo_ignore_all; }},
      {"ipv4/icmp_echo_enable_probe", [](Net& n) { return &n.ipv4.icmp_echo_enable_probe; }},
      {"ipv4/icmp_echo_ignore_broadcasts", [](Net& n) { return &n.ipv4.icmp_echo_ignore_broadcasts; }},
      {"ipv4/icmp_ignore_bogus_error_responses",
       [](Net& n) { return &n.ipv4.icmp_ignore_bogus_error_responses; }},
      {"ipv4/icmp_errors_use_inbound_ifaddr", [](Net& n) { return &n.ipv4.icmp_errors_use_inbound_ifaddr; }},
      {"ipv4/icmp_ratelimit", [](Net& n) { return &n.ipv4.icmp_ratelimit; }},
      {"ipv4/icmp_ratemask", [](Net& n) { return &n.ipv4.icmp_ratemask; }},
      {"ipv4/icmp_msgs_per_sec", [](Net& n) { return &n.ipv4.icmp_msgs_per_sec; }},
      {"ipv4/icmp_msgs_burst", [](Net& n) { return &n.ipv4.icmp_msgs_burst; }},
      {"ipv4/ip_local_port_range", [](Net& n) { return &n.ipv4.ip_local_port_range[0]; }},
      {"ipv4/ping_group_range", [](Net& n) { return &n.ipv4.ping_group_range[0]; }},
      {"ipv4/fib_multipath_hash_policy", [](Net& n) { return &n.ipv4.fib_multipath_hash_policy; }},
      {"ipv4/fib_multipath_hash_fields", [](Net& n) { return &n.ipv4.fib_multipath_hash_fields; }},
      {"ipv4/fib_multipath_use_neigh", [](Net& n) { return &n.ipv4.fib_multipath_use_neigh; }},
      {"ipv4/fib_multipath_hash_seed", [](Net& n) { return &n.ipv4.fib_multipath_hash_seed; }},
      // nf_conntrack_standalone.c: per namespace but max, a global only the
      // initial namespace may write (count/buckets read-only here).
      {"netfilter/nf_conntrack_count", [](Net& n) { return &n.nf_ct_sysctl.count; }},
      {"netfilter/nf_conntrack_max", [](Net& n) { return &n.world.netfilter.nf_conntrack_max; }},
      {"nf_conntrack_max", [](Net& n) { return &n.world.netfilter.nf_conntrack_max; }},
      {"netfilter/nf_conntrack_buckets", [](Net& n) { return &n.nf_ct_sysctl.buckets; }},
      {"netfilter/nf_conntrack_checksum", [](Net& n) { return &n.nf_ct_sysctl.checksum; }},
      {"netfilter/nf_conntrack_log_invalid", [](Net& n) { return &n.nf_ct_sysctl.log_invalid; }},
      {"netfilter/nf_conntrack_generic_timeout", [](Net& n) { return &n.nf_ct_sysctl.generic_timeout; }},
      {"netfilter/nf_conntrack_icmp_timeout", [](Net& n) { return &n.nf_ct_sysctl.icmp_timeout; }},
      {"netfilter/nf_conntrack_udp_timeout", [](Net& n) { return &n.nf_ct_sysctl.udp_timeout; }},
      {"netfilter/nf_conntrack_udp_timeout_stream", [](Net& n) { return &n.nf_ct_sysctl.udp_timeout_stream; }},
      {"netfilter/nf_conntrack_tcp_timeout_syn_sent", [](Net& n) { return &n.nf_ct_sysctl.tcp_timeout_syn_sent; }},
      {"netfilter/nf_conntrack_tcp_timeout_syn_recv", [](Net& n) { return &n.nf_ct_sysctl.tcp_timeout_syn_recv; }},
      {"netfilter/nf_conntrack_tcp_timeout_established",
       [](Net& n) { return &n.nf_ct_sysctl.tcp_timeout_established; }},
      {"netfilter/nf_conntrack_tcp_timeout_fin_wait", [](Net& n) { return &n.nf_ct_sysctl.tcp_timeout_fin_wait; }},
      {"netfilter/nf_conntrack_tcp_timeout_close_wait",
       [](Net& n) { return &n.nf_ct_sysctl.tcp_timeout_close_wait; }},
      {"netfilter/nf_conntrack_tcp_timeout_last_ack", [](Net& n) { return &n.nf_ct_sysctl.tcp_timeout_last_ack; }},
      {"netfilter/nf_conntrack_tcp_timeout_time_wait",
       [](Net& n) { return &n.nf_ct_sysctl.tcp_timeout_time_wait; }},
      {"netfilter/nf_conntrack_tcp_timeout_close", [](Net& n) { return &n.nf_ct_sysctl.tcp_timeout_close; }},
      {"netfilter/nf_conntrack_tcp_timeout_max_retrans",
       [](Net& n) { return &n.nf_ct_sysctl.tcp_timeout_max_retrans; }},
      {"netfilter/nf_conntrack_tcp_timeout_unacknowledged",
       [](Net& n) { return &n.nf_ct_sysctl.tcp_timeout_unacknowledged; }},
      {"netfilter/nf_conntrack_tcp_loose", [](Net& n) { return &n.nf_ct_sysctl.tcp_loose; }},
      {"netfilter/nf_conntrack_tcp_be_liberal", [](Net& n) { return &n.nf_ct_sysctl.tcp_be_liberal; }},
      {"netfilter/nf_conntrack_tcp_max_retrans", [](Net& n) { return &n.nf_ct_sysctl.tcp_max_retrans; }},
      {"netfilter/nf_conntrack_tcp_ignore_invalid_rst",
       [](Net& n) { return &n.nf_ct_sysctl.tcp_ignore_invalid_rst; }},
  };
  return m;
}

// unsigned long entries bound to Net state. ip4_frags_ns_ctl_register
// bounds each reassembly threshold by the other (extra1/extra2).
struct UlongBinding {
  std::string_view name;
  unsigned long* (*ref)(Net&);
  unsigned long* (*min)(Net&);
  unsigned long* (*max)(Net&);
};
const UlongBinding* ulong_binding(std::string_view name) {
  static const UlongBinding kUlong[] = {
      {"ipv4/ipfrag_high_thresh", [](Net& n) { return &n.ipv4.ipfrag_high_thresh; },
       [](Net& n) { return &n.ipv4.ipfrag_low_thresh; }, nullptr},
      {"ipv4/ipfrag_low_thresh", [](Net& n) { return &n.ipv4.ipfrag_low_thresh; }, nullptr,
       [](Net& n) { return &n.ipv4.ipfrag_high_thresh; }},
  };
  for (const auto& b : kUlong)
    if (b.name == name) return &b;
  return nullptr;
}

int nvalues(K k) { return k == K::V2 || k == K::PGR ? 2 : k == K::V3 ? 3 : 1; }

// neigh_parms fields behind net.ipv{4,6}.neigh.DEV.*
struct NeighField {
  std::string_view name;
  Duration NeighParms::*dur;
  int NeighParms::*num;
};
constexpr NeighField kNeighFields[] = {
    {"anycast_delay", &NeighParms::anycast_delay, nullptr},
    {"app_solicit", nullptr, &NeighParms::app_probes},
    {"base_reachable_time", &NeighParms::base_reachable_time, nullptr},
    {"base_reachable_time_ms", &NeighParms::base_reachable_time, nullptr},
    {"delay_first_probe_time", &NeighParms::delay_probe_time, nullptr},
    {"gc_stale_time", &NeighParms::gc_staletime, nullptr},
    {"interval_probe_time_ms", &NeighParms::interval_probe_time, nullptr},
    {"locktime", &NeighParms::locktime, nullptr},
    {"mcast_resolicit", nullptr, &NeighParms::mcast_reprobes},
    {"mcast_solicit", nullptr, &NeighParms::mcast_probes},
    {"proxy_delay", &NeighParms::proxy_delay, nullptr},
    {"proxy_qlen", nullptr, &NeighParms::proxy_qlen},
    {"retrans_time", &NeighParms::retrans_time, nullptr},
    {"retrans_time_ms", &NeighParms::retrans_time, nullptr},
    {"ucast_solicit", nullptr, &NeighParms::ucast_probes},
    {"unres_qlen", nullptr, &NeighParms::queue_len_bytes},
    {"unres_qlen_bytes", nullptr, &NeighParms::queue_len_bytes},
};
const NeighField* neigh_field(std::string_view name) {
  for (const auto& f : kNeighFields)
    if (f.name == name) return &f;
  return nullptr;
}

// Jiffies <-> the unit a kind shows.
int64_t jiffies_to_shown(K k, int64_t j) {
  switch (k) {
    case K::J: return j / kHz;
    case K::MS: return j * (1000 / kHz);
    case K::UH: return j * kUserHz / kHz;
    default: return j;
  }
}
int64_t shown_to_jiffies(K k, int64_t v) {
  switch (k) {
    case K::J: return v * kHz;
    case K::MS: return (v + (1000 / kHz) - 1) / (1000 / kHz);  // msecs_to_jiffies rounds up
    case K::UH: return v * kHz / kUserHz;
    default: return v;
  }
}

int devconf_index(std::string_view name) {
  for (int i = 0; i < Ipv4DevConf::kCount; ++i)
    if (Ipv4DevConf::kNames[i] == name) return i;
  return -1;
}

std::string which_key(const Node& n) {
  switch (n.which) {
    case Which::All: return "all";
    case Which::Default: return "default";
    case Which::Dev: return fmt::format("#{}", n.dev->ifindex);
  }
  return {};
}

std::string stored_key(const Node& n) {
  switch (n.scope) {
    case Scope::Global: return "g/" + n.gpath;
    case Scope::V4Conf: return fmt::format("4c/{}/{}", which_key(n), n.def->name);
    case Scope::V6Conf: return fmt::format("6c/{}/{}", which_key(n), n.def->name);
    case Scope::V4Neigh: return fmt::format("4n/{}/{}", which_key(n), n.def->name);
    case Scope::V6Neigh: return fmt::format("6n/{}/{}", which_key(n), n.def->name);
  }
  return {};
}

int* v4conf_ref(Net& net, const Node& n) {
  int i = devconf_index(n.def->name);
  if (i < 0) return nullptr;
  auto f = static_cast<Ipv4DevConf::Field>(i);
  switch (n.which) {
    case Which::All: return &net.devconf_all[f];
    case Which::Default: return &net.devconf_dflt[f];
    case Which::Dev: return &n.dev->ip_ptr->cnf[f];
  }
  return nullptr;
}

// The ipv6_devconf value (conf/all, conf/default or the inet6_dev's cnf)
// behind a node, for the entries addrconf models (ipv6_devconf_field).
Ipv6DevConf* v6conf_of(Net& net, const Node& n) {
  switch (n.which) {
    case Which::All: return &ipv6_net(net).devconf_all;
    case Which::Default: return &ipv6_net(net).devconf_dflt;
    case Which::Dev: return n.dev && n.dev->ip6_ptr ? &n.dev->ip6_ptr->cnf : nullptr;
  }
  return nullptr;
}
bool v6conf_bound(std::string_view name) {
  for (const Ipv6DevConfField& f : ipv6_devconf_fields())
    if (f.name == name) return true;
  return false;
}
int* v6conf_ref(Net& net, const Node& n) {
  Ipv6DevConf* c = v6conf_of(net, n);
  return c ? ipv6_devconf_field(*c, n.def->name) : nullptr;
}

// stable_secret as %pI6 prints it: eight 4-digit groups.
std::string in6_full(const Ipv6Addr& a) {
  std::string s;
  for (int i = 0; i < 8; ++i) s += fmt::format("{}{:04x}", i ? ":" : "", (a.b[2 * i] << 8) | a.b[2 * i + 1]);
  return s;
}

Node sibling(const Node& n, Which w, NetDevice* dev = nullptr) {
  Node s = n;
  s.which = w;
  s.dev = dev;
  return s;
}

// Current value text of a file node (no trailing newline).
Expected<std::string> read_value(Net& net, const Node& n);

std::string stored_or(Net& net, const Node& n, std::string_view dflt) {
  const std::string* s = store_get(net, stored_key(n));
  return s ? *s : std::string(dflt);
}

std::string v6conf_default(Net& net, const Node& n) {
  const SysctlDef& d = *n.def;
  if (n.which == Which::All) return std::string(d.all_dflt.empty() ? d.dflt : d.all_dflt);
  if (n.which == Which::Default) return std::string(d.dflt);
  // A device starts from `default` (materialised on later writes to default).
  if (d.name == "mtu") return fmt::to_string(n.dev->mtu);
  if (n.dev->is_loopback() && (d.name == "accept_dad" || d.name == "use_tempaddr")) return "-1";
  auto v = read_value(net, sibling(n, Which::Default));
  return v ? *v : std::string(d.dflt);
}

Expected<std::string> read_value(Net& net, const Node& n) {
  const SysctlDef& d = *n.def;
  if ((d.mode & 0444) == 0) return Errno(EACCES);
  switch (n.scope) {
    case Scope::Global: {
      auto& b = global_bindings();
      auto it = b.find(d.name);
      if (it != b.end()) {
        int* p = it->second(net);
        if (nvalues(d.kind) == 2) return fmt::format("{}\t{}", p[0], p[1]);
        if (d.kind == K::U) return fmt::to_string(static_cast<uint32_t>(*p));  // proc_douintvec
        return fmt::to_string(*p);
      }
      if (const UlongBinding* u = ulong_binding(d.name)) return fmt::to_string(*u->ref(net));
      return stored_or(net, n, d.dflt);
    }
    case Scope::V4Conf: {
      if (int* p = v4conf_ref(net, n)) return fmt::to_string(*p);
      return stored_or(net, n, d.dflt);
    }
    case Scope::V6Conf: {
      if (int* p = v6conf_ref(net, n)) return fmt::to_string(jiffies_to_shown(d.kind, *p));
      if (d.name == "stable_secret") {  // addrconf_sysctl_stable_secret
        Ipv6DevConf* c = n.which == Which::All ? nullptr : v6conf_of(net, n);
        if (!c || !c->stable_secret) return Errno(EIO);
        return in6_full(*c->stable_secret);
      }
      std::string v = stored_or(net, n, v6conf_default(net, n));
      if (d.name == "stable_secret" && v.empty()) return Errno(EIO);
      return v;
    }
    case Scope::V4Neigh:
    case Scope::V6Neigh: {
      const NeighParms* p = n.scope == Scope::V4Neigh && n.dev ? n.dev->arp_parms.get() : nullptr;
      const NeighField* f = neigh_field(d.name);
      if (!p || !f) return stored_or(net, n, d.dflt);
      if (f->dur) return fmt::to_string(jiffies_to_shown(d.kind, p->*(f->dur) / kJiffy));
      int v = p->*(f->num);
      if (d.name == "unres_qlen") v = int(v / kSkbTruesizeEthFrame);
      return fmt::to_string(v);
    }
  }
  return Errno(ENOENT);
}

// ---- writes ----
void set_v6_stored(Net& net, const Node& n, std::string v) { store_set(net, stored_key(n), std::move(v)); }

// Before `default` changes, devices that never had their own value keep the
// one they were created with (addrconf copies devconf_dflt at creation).
void materialise_v6_default(Net& net, const Node& n) {
  if (v6conf_bound(n.def->name)) return;
  for (NetDevice* d : net.devices()) {
    if (!has_v6(d)) continue;
    Node dn = sibling(n, Which::Dev, d);
    if (!store_get(net, stored_key(dn))) {
      auto v = read_value(net, dn);
      if (v) set_v6_stored(net, dn, *v);
    }
  }
}

// inet_forward_change: all.forwarding (alias ip_forward) rewrites default and
// every device, and turns accept_redirects on `all` off while forwarding.
void inet_forward_change(Net& net) {
  int on = net.devconf_all[Ipv4DevConf::FORWARDING];
  net.devconf_all[Ipv4DevConf::ACCEPT_REDIRECTS] = !on;
  net.devconf_dflt[Ipv4DevConf::FORWARDING] = on;
  for (NetDevice* d : net.devices())
    if (d->ip_ptr) d->ip_ptr->cnf[Ipv4DevConf::FORWARDING] = on;
}

std::string explicit_key(const NetDevice* dev, int idx) { return fmt::format("4s/#{}/{}", dev->ifindex, idx); }

// Writes one or more already-validated numbers into a node.
Expected<void> apply_ints(Net& net, const Node& n, const std::vector<int64_t>& v) {
  const SysctlDef& d = *n.def;
  switch (n.scope) {
    case Scope::Global: {
      auto& b = global_bindings();
      auto it = b.find(d.name);
      if (it == b.end()) {
        std::string s;
        for (size_t i = 0; i < v.size(); ++i) s += (i ? "\t" : "") + fmt::to_string(v[i]);
        store_set(net, stored_key(n), s);
        return {};
      }
      int* p = it->second(net);
      bool fwd = d.name == "ipv4/ip_forward";
      int old = *p;
      for (size_t i = 0; i < v.size(); ++i) p[i] = int(v[i]);
      if (fwd && old != *p) inet_forward_change(net);
      return {};
    }
    case Scope::V4Conf: {
      int* p = v4conf_ref(net, n);
      if (!p) {
        store_set(net, stored_key(n), fmt::to_string(v[0]));
        return {};
      }
      int idx = devconf_index(d.name);
      int old = *p;
      *p = int(v[0]);
      if (idx == Ipv4DevConf::FORWARDING) {  // devinet_sysctl_forward
        if (n.which == Which::All && old != *p) inet_forward_change(net);
        return {};
      }
      // devinet_conf_proc: remember what was set by hand; `default` flows
      // into every device that was not.
      if (n.which == Which::Dev) store_set(net, explicit_key(n.dev, idx), "1");
      if (n.which == Which::Default) {
        for (NetDevice* dev : net.devices())
          if (dev->ip_ptr && !store_get(net, explicit_key(dev, idx))) dev->ip_ptr->cnf[Ipv4DevConf::Field(idx)] = *p;
      }
      return {};
    }
    case Scope::V6Conf: {
      int nv = int(v[0]);
      Ipv6NetState& v6 = ipv6_net(net);
      if (d.name == "forwarding" && n.which == Which::All) {  // addrconf_fixup_forwarding
        v6.devconf_all.forwarding = v6.devconf_dflt.forwarding = nv;
        for (NetDevice* dev : net.devices())
          if (has_v6(dev)) dev->ip6_ptr->cnf.forwarding = nv;
        return {};
      }
      if (d.name == "addr_gen_mode") {  // addrconf_sysctl_addr_gen_mode
        if (n.which == Which::Dev) {
          if (!addrconf_set_addr_gen_mode(n.dev, nv)) return Errno(EINVAL);
          return {};
        }
        if (n.which == Which::All) {
          v6.devconf_dflt.addr_gen_mode = nv;
          for (NetDevice* dev : net.devices())
            if (has_v6(dev) && dev->ip6_ptr->cnf.addr_gen_mode != nv) (void)addrconf_set_addr_gen_mode(dev, nv);
        }
        *v6conf_ref(net, n) = nv;
        return {};
      }
      if (d.name == "disable_ipv6") {  // addrconf_disable_ipv6
        if (n.which == Which::Dev) {
          int old = n.dev->ip6_ptr->disable_ipv6;
          n.dev->ip6_ptr->disable_ipv6 = nv;
          if (!old != !nv) addrconf_disable_change(n.dev, nv != 0);
          return {};
        }
        *v6conf_ref(net, n) = nv;
        if (n.which == Which::All) {
          v6.devconf_dflt.disable_ipv6 = nv;
          for (NetDevice* dev : net.devices()) {
            if (!has_v6(dev)) continue;
            int old = dev->ip6_ptr->disable_ipv6;
            dev->ip6_ptr->disable_ipv6 = nv;
            if (!old != !nv) addrconf_disable_change(dev, nv != 0);
          }
        }
        return {};
      }
      if (int* p = v6conf_ref(net, n)) {
        *p = int(shown_to_jiffies(d.kind, v[0]));
        return {};
      }
      if (n.which == Which::Default) materialise_v6_default(net, n);
      set_v6_stored(net, n, fmt::to_string(v[0]));
      return {};
    }
    case Scope::V4Neigh:
    case Scope::V6Neigh: {
      NeighParms* p = n.scope == Scope::V4Neigh && n.dev ? n.dev->arp_parms.get() : nullptr;
      const NeighField* f = neigh_field(d.name);
      if (!p || !f) {
        int64_t shown = v[0];
        if (d.name == "unres_qlen") {
          store_set(net, fmt::format("{}/{}/unres_qlen_bytes", n.scope == Scope::V4Neigh ? "4n" : "6n", which_key(n)),
                    fmt::to_string(shown * kSkbTruesizeEthFrame));
        } else if (d.name == "unres_qlen_bytes") {
          store_set(net, fmt::format("{}/{}/unres_qlen", n.scope == Scope::V4Neigh ? "4n" : "6n", which_key(n)),
                    fmt::to_string(shown / kSkbTruesizeEthFrame));
        } else if (d.name == "base_reachable_time" || d.name == "base_reachable_time_ms" ||
                   d.name == "retrans_time_ms") {
          // Keep the twin file (seconds / ms) in step.
          auto twin = [&](std::string_view nm, K k, int64_t jiffies) {
            store_set(net, fmt::format("{}/{}/{}", n.scope == Scope::V4Neigh ? "4n" : "6n", which_key(n), nm),
                      fmt::to_string(jiffies_to_shown(k, jiffies)));
          };
          int64_t j = shown_to_jiffies(d.kind, shown);
          if (d.name == "base_reachable_time") twin("base_reachable_time_ms", K::MS, j);
          if (d.name == "base_reachable_time_ms") twin("base_reachable_time", K::J, j);
          if (d.name == "retrans_time_ms")
            twin("retrans_time", n.scope == Scope::V4Neigh ? K::UH : K::I, j);
        }
        store_set(net, stored_key(n), fmt::to_string(shown));
        return {};
      }
      if (f->dur) {
        p->*(f->dur) = shown_to_jiffies(d.kind, v[0]) * kJiffy;
        // neigh_proc_base_reachable_time re-derives reachable_time; the
        // neighbour code randomises it when it next uses it.
        if (f->dur == &NeighParms::base_reachable_time) p->reachable_time = p->base_reachable_time;
      } else if (d.name == "unres_qlen") {
        p->queue_len_bytes = int(v[0] * kSkbTruesizeEthFrame);
      } else {
        p->*(f->num) = int(v[0]);
      }
      return {};
    }
  }
  return Errno(ENOENT);
}

// String-valued entries.
Expected<void> write_string(Net& net, const Node& n, std::string_view data) {
  const SysctlDef& d = *n.def;
  std::string_view v = rstrip(data);
  while (!v.empty() && is_space(v.front())) v.remove_prefix(1);
  if (d.name == "stable_secret") {
    auto a = Ipv6Addr::parse(v);
    if (!a || n.which == Which::All) return Errno(EIO);
    addrconf_set_stable_secret(net, n.which == Which::Dev ? n.dev : nullptr, *a);
    return {};
  }
  if (d.name == "ipv4/ip_local_reserved_ports" || d.name == "ipv6/icmp/ratemask") {
    auto s = parse_bitmap(data, d.max);
    if (!s) return Errno(s.error());
    store_set(net, stored_key(n), *s);
    return {};
  }
  if (d.name == "ipv4/tcp_congestion_control") {
    auto avail = global_defs();
    std::string_view list;
    for (size_t i = 0; i < avail.size; ++i)
      if (avail.defs[i].name == "ipv4/tcp_available_congestion_control") list = avail.defs[i].dflt;
    bool ok = false;
    for (size_t i = 0; i <= list.size();) {
      size_t j = list.find(' ', i);
      if (j == std::string_view::npos) j = list.size();
      if (list.substr(i, j - i) == v) ok = true;
      i = j + 1;
    }
    if (!ok || v.empty()) return Errno(ENOENT);
    store_set(net, stored_key(n), std::string(v));
    return {};
  }
  if (d.name == "mptcp/path_manager" || d.name == "mptcp/scheduler") {
    bool ok = d.name == "mptcp/scheduler" ? v == "default" : (v == "kernel" || v == "userspace");
    if (!ok) return Errno(ENOENT);
    store_set(net, stored_key(n), std::string(v));
    return {};
  }
  if (d.name.substr(0, 17) == "netfilter/nf_log/") {
    static const std::map<std::string_view, std::string_view> kLoggers = {
        {"2", "nf_log_ipv4"}, {"3", "nf_log_arp"}, {"5", "nf_log_netdev"}, {"7", "nf_log_bridge"}, {"10", "nf_log_ipv6"}};
    auto it = kLoggers.find(d.name.substr(17));
    if (v != "NONE" && (it == kLoggers.end() || it->second != v)) return Errno(ENOENT);
    store_set(net, stored_key(n), std::string(v));
    return {};
  }
  if (d.name == "ipv4/tcp_fastopen_key") {
    uint32_t k[4];
    size_t i = 0;
    for (int part = 0; part < 4; ++part) {
      size_t st = i;
      uint64_t x = 0;
      while (i < v.size() && std::isxdigit(static_cast<unsigned char>(v[i]))) {
        x = x * 16 + uint64_t(std::isdigit(static_cast<unsigned char>(v[i])) ? v[i] - '0' : (std::tolower(v[i]) - 'a' + 10));
        if (x > UINT32_MAX) return Errno(EINVAL);
        ++i;
      }
      if (i == st) return Errno(EINVAL);
      k[part] = uint32_t(x);
      if (part < 3) {
        if (i >= v.size() || v[i] != '-') return Errno(EINVAL);
        ++i;
      }
    }
    if (i != v.size() && v[i] != ',') return Errno(EINVAL);
    store_set(net, stored_key(n), fmt::format("{:08x}-{:08x}-{:08x}-{:08x}", k[0], k[1], k[2], k[3]));
    return {};
  }
  return Errno(EINVAL);
}

Expected<void> write_value(Net& net, const Node& n, std::string_view data) {
  const SysctlDef& d = *n.def;
  if ((mode_in(net, d) & 0222) == 0 || d.kind == K::RO) return Errno(EACCES);
  if (data.empty()) return {};
  if (d.kind == K::S) return write_string(net, n, data);
  bool is_unsigned = d.kind == K::U || d.kind == K::UL || d.kind == K::PGR;
  auto parsed = parse_longs(data, size_t(nvalues(d.kind)), is_unsigned);
  if (!parsed) return Errno(parsed.error());
  std::vector<int64_t> v = *parsed;
  int64_t lo = d.min, hi = d.max;
  auto in_range = [&](int64_t x) { return x >= lo && x <= hi; };
  switch (d.kind) {
    case K::I:
      if (!in_range(v[0])) return Errno(EINVAL);
      break;
    case K::U:
      if (uint64_t(v[0]) > UINT32_MAX || !in_range(v[0])) return Errno(EINVAL);
      break;
    case K::UL: {
      uint64_t x = uint64_t(v[0]);
      if (x < uint64_t(lo) || (hi != kUlongMax && x > uint64_t(hi))) return Errno(EINVAL);
      if (const UlongBinding* u = ulong_binding(d.name)) {
        if ((u->min && x < *u->min(net)) || (u->max && x > *u->max(net))) return Errno(EINVAL);
        *u->ref(net) = x;
        return {};
      }
      std::string s = fmt::to_string(x);
      store_set(net, stored_key(n), s);
      return {};
    }
    case K::J:
      if (v[0] > INT32_MAX / kHz || v[0] < -(INT32_MAX / kHz)) return Errno(EINVAL);
      break;
    case K::MS: {
      if (v[0] < lo || v[0] > INT32_MAX) return Errno(EINVAL);
      int64_t j = shown_to_jiffies(K::MS, v[0]);
      if (j * (1000 / kHz) > INT32_MAX) return Errno(EINVAL);
      if (n.scope == Scope::Global) v[0] = jiffies_to_shown(K::MS, j);
      else if (!(n.scope == Scope::V4Neigh && n.dev && n.dev->arp_parms)) v[0] = jiffies_to_shown(K::MS, j);
      break;
    }
    case K::UH: {
      if (v[0] > INT32_MAX / kHz || v[0] < -(INT32_MAX / kHz)) return Errno(EINVAL);
      if (!(n.scope == Scope::V4Neigh && n.dev && n.dev->arp_parms))
        v[0] = jiffies_to_shown(K::UH, shown_to_jiffies(K::UH, v[0]));
      break;
    }
    case K::B:
      if (v[0] < INT32_MIN || v[0] > INT32_MAX) return Errno(EINVAL);
      v[0] = v[0] != 0;
      break;
    case K::V2:
    case K::V3:
    case K::PGR: {
      // Partial writes keep the values that were not given.
      auto cur = read_value(net, n);
      std::vector<int64_t> all = *parse_longs(*cur, size_t(nvalues(d.kind)));
      for (size_t i = 0; i < v.size(); ++i) {
        if (v[i] < lo || v[i] > hi) return Errno(EINVAL);
        all[i] = v[i];
      }
      if (d.kind == K::V2) {  // ipv4_local_port_range
        auto start = sysctl_read(net, "net/ipv4/ip_unprivileged_port_start");
        int64_t pports = start ? std::stoll(*start) : 1024;
        if (all[1] < all[0] || all[0] < pports) return Errno(EINVAL);
      }
      if (d.kind == K::PGR && all[1] < all[0]) all = {1, 0};  // ipv4_ping_group_range
      v = all;
      break;
    }
    default:
      return Errno(EINVAL);
  }
  // Cross-entry rules.
  if (n.scope == Scope::Global && d.name == "ipv4/ip_unprivileged_port_start") {
    auto r = sysctl_read(net, "net/ipv4/ip_local_port_range");
    if (r && v[0] > std::stoll(*r)) return Errno(EINVAL);
  }
  if (n.scope == Scope::V6Conf) {
    if (d.name == "mtu" && n.which == Which::Dev && v[0] > int64_t(n.dev->mtu)) return Errno(EINVAL);
  }
  if (n.scope == Scope::Global && d.name == "ipv4/route/flush") {
    rt_cache_flush(net);  // ipv4_sysctl_rtcache_flush
    return {};
  }
  if (n.scope == Scope::Global && d.name == "ipv6/route/flush") return {};
  return apply_ints(net, n, v);
}

// Dotted names use '.', paths '/'; a name with a '/' is a path already.
std::string to_path(std::string_view name) {
  std::string s(strip_proc_sys(name));
  if (s.find('/') == std::string::npos) std::replace(s.begin(), s.end(), '.', '/');
  return s;
}

void walk(Net& net, const std::string& path, std::vector<std::string>& out) {
  auto n = resolve(net, path);
  if (!n) return;
  if (!n->dir) {
    std::string dotted = path;
    std::replace(dotted.begin(), dotted.end(), '/', '.');
    out.push_back(dotted);
    return;
  }
  for (const std::string& c : children(net, *n)) walk(net, path.empty() ? c : path + "/" + c, out);
}

}  // namespace

Expected<SysctlStat> sysctl_stat(Net& net, std::string_view path) {
  auto n = resolve(net, path);
  if (!n) return Errno(n.error());
  if (n->dir) return SysctlStat{true, 0555};
  return SysctlStat{false, mode_in(net, *n->def)};
}

Expected<std::vector<std::string>> sysctl_readdir(Net& net, std::string_view path) {
  auto n = resolve(net, path);
  if (!n) return Errno(n.error());
  if (!n->dir) return Errno(ENOTDIR);
  return children(net, *n);
}

Expected<std::string> sysctl_read_path(Net& net, std::string_view path) {
  auto n = resolve(net, path);
  if (!n) return Errno(n.error());
  if (n->dir) return Errno(EISDIR);
  auto v = read_value(net, *n);
  if (!v) return Errno(v.error());
  return *v + "\n";
}

Expected<void> sysctl_write_path(Net& net, std::string_view path, std::string_view data) {
  auto n = resolve(net, path);
  if (!n) return Errno(n.error());
  if (n->dir) return Errno(EISDIR);
  return write_value(net, *n, data);
}

Expected<std::string> sysctl_read(Net& net, std::string_view name) {
  auto n = resolve(net, to_path(name));
  if (!n) return Errno(n.error());
  if (n->dir) return Errno(EISDIR);
  return read_value(net, *n);
}

Expected<void> sysctl_write(Net& net, std::string_view name, std::string_view value) {
  return sysctl_write_path(net, to_path(name), value);
}

std::vector<std::string> sysctl_list(Net& net, std::string_view prefix) {
  std::vector<std::string> out;
  std::string p = to_path(prefix);
  while (!p.empty() && p.back() == '/') p.pop_back();
  while (!p.empty() && p.front() == '/') p.erase(p.begin());
  walk(net, p, out);
  return out;
}

}  // namespace skbox
