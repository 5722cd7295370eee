// The sysctl registry of a network namespace: every file under
// /proc/sys/net that a new namespace has on Linux 6.x, with its mode, its
// value parser (proc_dointvec and friends, with the kernel's unit
// conversions) and either a binding to the state the datapath reads
// (Net::ipv4, devconf_all/devconf_dflt, in_device->cnf, neigh_parms,
// inet6_dev) or a stored per-namespace value.
//
// Per-device directories (ipv4/conf/DEV, ipv4/neigh/DEV, ipv6/conf/DEV,
// ipv6/neigh/DEV) follow the devices: ipv4 ones exist while dev->ip_ptr does,
// ipv6 ones while dev->ip6_ptr does.
//
// Not modelled: the init_net-only entries (net.core.netdev_max_backlog,
// net.ipv4.tcp_mem, net.ipv4.neigh.default, ...), since skbox's root namespace
// behaves like a fresh one; the side effects of most stored entries (nothing
// reads them yet); proc_dointvec's partial-write/file-position semantics.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.h"

namespace skbox {

class Net;
class NetDevice;

// Dotted ("net.ipv4.ip_forward") or slash form ("net/ipv4/ip_forward",
// "/proc/sys/net/ipv4/ip_forward"). A name containing '/' is taken as a path,
// so device names with dots are reachable ("net/ipv4/conf/vlan.5/rp_filter").
// Returns the value as `sysctl -n` prints it (no trailing newline).
// ENOENT unknown, EISDIR directory, EACCES write-only, EIO unset stable_secret.
Expected<std::string> sysctl_read(Net& net, std::string_view name);
// Writes like `echo VALUE > /proc/sys/...`. EINVAL bad value, EACCES
// read-only, ENOENT unknown (also an unknown congestion control), EISDIR.
Expected<void> sysctl_write(Net& net, std::string_view name, std::string_view value);
// Dotted names of every readable-or-not file under prefix ("" or "net" for
// all), in the order `sysctl -a` walks them (sorted directory entries).
std::vector<std::string> sysctl_list(Net& net, std::string_view prefix = "");

// --- path-level interface (procfs and the sysctl command) ---
// Paths are relative to /proc/sys with '/' separators ("net/ipv4/conf").
struct SysctlStat {
  bool dir = false;
  uint16_t mode = 0;  // 0555 for directories; 0644, 0444, 0200, 0600 for files
};
Expected<SysctlStat> sysctl_stat(Net& net, std::string_view path);
// Sorted entry names of a directory (ENOTDIR / ENOENT otherwise).
Expected<std::vector<std::string>> sysctl_readdir(Net& net, std::string_view path);
// File contents as read(2) returns them (value + "\n").
Expected<std::string> sysctl_read_path(Net& net, std::string_view path);
Expected<void> sysctl_write_path(Net& net, std::string_view path, std::string_view data);

// Table rows (sysctl_table.cpp). Kinds name the kernel proc handler.
namespace sysctl_detail {
enum class K : uint8_t {
  I,    // proc_dointvec[_minmax] (and proc_dou8vec_minmax)
  U,    // proc_douintvec[_minmax]
  UL,   // proc_doulongvec_minmax
  J,    // proc_dointvec_jiffies: seconds
  MS,   // proc_dointvec_ms_jiffies: ms, rounded up to a jiffy
  UH,   // proc_dointvec_userhz_jiffies: USER_HZ ticks
  B,    // int written as any number, stored as 0/1 (br_netfilter)
  V2,   // two ints (ip_local_port_range)
  V3,   // three ints (tcp_rmem, tcp_wmem)
  PGR,  // ping_group_range
  S,    // string with its own parser (see sysctl.cpp)
  RO,   // read-only
};
struct SysctlDef {
  std::string_view name;  // relative to net/ (global) or to the per-device dir
  std::string_view dflt;  // value in a new namespace (the `default` dir for conf)
  uint16_t mode;
  K kind;
  int64_t min, max;
  std::string_view all_dflt = {};  // conf/all value when it differs from default
  bool init_net_only = false;      // exists only in the initial namespace
  bool rw_in_init_net = false;     // 0644 in the initial namespace, `mode` elsewhere
};
inline constexpr int64_t kIntMin = INT32_MIN, kIntMax = INT32_MAX, kUintMax = UINT32_MAX;
inline constexpr int64_t kUlongMax = INT64_MAX;  // parsed as unsigned; see parse_ulong
struct SysctlTable {
  const SysctlDef* defs;
  size_t size;
};
SysctlTable global_defs();
SysctlTable ipv4_conf_defs();
SysctlTable ipv6_conf_defs();
SysctlTable ipv4_neigh_defs();
SysctlTable ipv6_neigh_defs();
}  // namespace sysctl_detail

}  // namespace skbox
