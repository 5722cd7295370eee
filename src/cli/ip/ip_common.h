// Shared pieces of the `ip` command (iproute2's ip/ip_common.h): the parsed
// global options, the subcommand entry points, and helpers that print the
// messages iproute2 prints.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "cli/command.h"
#include "core/expected.h"

namespace skbox {

class Net;
class NetDevice;

// Global options (`ip [OPTIONS] OBJECT ...`).
struct IpOptions {
  Net* net = nullptr;        // namespace the command acts on (-n NS or the caller's)
  int stats = 0;             // -s given N times (show_stats)
  bool json = false;         // -j
  bool pretty = false;       // -p
  bool brief = false;        // -br
  int details = 0;           // -d
  bool oneline = false;      // -o
  int family = 0;            // 0 = AF_UNSPEC, 2 = AF_INET (-4), 10 = AF_INET6 (-6), 17 = AF_PACKET (-0)
  bool force = false;        // -force (batch)
  bool numeric = false;      // -N
  bool resolve = false;      // -r
  bool all = false;          // -all (ip -all netns exec/delete)
};

// Subcommands. Each returns the exit status and prints like iproute2.
int do_ipneigh(Proc& p, const IpOptions& opts, std::span<const std::string> args);
int do_iplink(Proc& p, const IpOptions& opts, std::span<const std::string> args);
int do_ipaddr(Proc& p, const IpOptions& opts, std::span<const std::string> args);
int do_iproute(Proc& p, const IpOptions& opts, std::span<const std::string> args);
int do_ipnetns(Proc& p, const IpOptions& opts, std::span<const std::string> args);
int do_iprule(Proc& p, const IpOptions& opts, std::span<const std::string> args);

// Thrown to end an ip subcommand with a status, as iproute2's exit() calls do;
// the subcommand's entry point catches it and returns the status.
struct IpExit {
  int status;
};

// invarg(): "Error: argument "ARG" is wrong: MSG" and exit 255.
[[noreturn]] void ip_invarg(Proc& p, std::string_view msg, std::string_view arg);

// The argument cursor of an ip subcommand; next() is iproute2's NEXT_ARG(),
// which ends the command when no argument follows.
struct IpArgs {
  Proc& p;
  std::span<const std::string> a;
  size_t i = 0;
  bool more() const { return i < a.size(); }
  const std::string& cur() const { return a[i]; }
  const std::string& next();
};

// iproute2's matches(): `arg` is a non-empty prefix of `full`.
inline bool matches(std::string_view arg, std::string_view full) {
  return !arg.empty() && arg.size() <= full.size() && full.substr(0, arg.size()) == arg;
}

}  // namespace skbox

// ---------------------------------------------------------------------------
// Helpers shared by the ip subcommands (ip_common.cpp).
#include <cstdint>
#include <optional>
#include <vector>

#include "wire/addr.h"

namespace skbox {

// iproute2's json_writer: the exact spacing of `ip -j` and `ip -j -p`.
class JsonWriter {
 public:
  explicit JsonWriter(bool pretty) : pretty_(pretty) {}
  void start_object();
  void end_object();
  void start_array();
  void end_array();
  void name(std::string_view n);
  void string(std::string_view v);
  void raw(std::string_view v);  // a number, true/false or null
  std::string& str() { return out_; }
  int depth() const { return depth_; }

 private:
  void eor();
  void eol();
  std::string out_;
  bool pretty_;
  int depth_ = 0;
  char sep_ = 0;
};

// iproute2's print_* family: one call prints to the text stream, the JSON
// writer, or both, depending on the kind and whether -j was given.
enum class PrintKind { Any, Fp, Json };
class IpPrinter {
 public:
  explicit IpPrinter(const IpOptions& o) : json(o.json), jw(o.pretty) {}
  bool json;
  JsonWriter jw;
  std::string text;

  void fp(std::string_view s) {
    if (!json) text += s;
  }
  // fmt contains one "{}" for the value in text mode.
  void str(PrintKind k, const char* key, std::string_view fmt, std::string_view v);
  void uint(PrintKind k, const char* key, std::string_view fmt, uint64_t v);
  void sint(PrintKind k, const char* key, std::string_view fmt, int64_t v);
  void boolean(PrintKind k, const char* key, std::string_view text_s, bool v);
  void null(PrintKind k, const char* key, std::string_view fmt, std::string_view v);
  void open_object(const char* key = nullptr);
  void close_object();
  void open_array(const char* key = nullptr);
  void close_array();
  // Finishes: the JSON document (with iproute2's final newline) or the text.
  std::string finish();
};

// Errors as iproute2 prints them after a failed request: the kernel's
// extended ack as "Error: <msg>." or else "RTNETLINK answers: <strerror>".
void print_rtnl_error(Proc& p, int err, const std::string& extack);
std::string errno_str(int err);  // strerror text

// Address parsing (iproute2 get_addr_1/get_prefix for AF_INET).
struct InetPrefix {
  Ipv4Addr addr;
  int bitlen = 32;        // prefix length (32 when none given)
  bool has_len = false;   // "/N" was given (PREFIXLEN_SPECIFIED)
  bool is_default = false;  // "default"/"any"/"all"
};
std::optional<Ipv4Addr> parse_ipv4_loose(std::string_view s);  // "10", "10.1", strtoul parts
std::optional<InetPrefix> parse_inet_prefix(std::string_view s);

// Names (iproute2 rt_names.c).
std::string rtscope_n2a(uint8_t scope);
std::optional<uint8_t> rtscope_a2n(std::string_view s);
std::string rtproto_n2a(uint8_t proto);
std::optional<uint8_t> rtproto_a2n(std::string_view s);
std::string rttable_n2a(uint32_t id);
std::optional<uint32_t> rttable_a2n(std::string_view s);
std::string rtntype_n2a(uint8_t type);
std::optional<uint8_t> rtntype_a2n(std::string_view s);
std::optional<uint32_t> parse_u32(std::string_view s, int base = 0);
std::optional<int64_t> parse_i64(std::string_view s, int base = 0);

// The namespace a -n/netns argument names, as seen from the caller.
Net* ip_find_netns(Proc& p, const std::string& name);

}  // namespace skbox

namespace skbox {
// --- link printing, shared by `ip link` and `ip addr` (iplink.cpp) ---
// The flags the kernel reports (dev_get_flags): IFF_RUNNING/LOWER_UP from
// the operational state and carrier.
uint32_t dev_get_flags(const NetDevice* dev);
// print_linkinfo: the link part of one device (through the final newline).
// Returns false when the device is filtered out.
// inet6_dump: the device comes from the AF_INET6 link dump (inet6_fill_ifinfo,
// `ip -6 addr` without a device), which carries fewer attributes.
void print_linkinfo(IpPrinter& pr, const IpOptions& o, NetDevice* dev, bool do_link, bool inet6_dump = false);
// print_link_stats: the -s counters `ip -s addr` prints after the addresses.
void print_link_stats(IpPrinter& pr, const IpOptions& o, const NetDevice* dev, bool inet6_dump = false);
// print_linkinfo_brief: "NAME@PEER  STATE  " (+ address and flags for links).
void print_linkinfo_brief(IpPrinter& pr, const IpOptions& o, NetDevice* dev, bool do_link);
// The qdisc `ip link` shows: noop until the device was first opened.
std::string dev_qdisc_name(const NetDevice* dev);
// iproute2's "Device \"x\" does not exist." lookups and friends.
NetDevice* ip_dev_lookup(const IpOptions& o, std::string_view name);
// dev_change_name: renames dev in its namespace and runs NETDEV_CHANGENAME.
Expected<void> ip_dev_change_name(NetDevice* dev, const std::string& name);
// Writes `s` to stdout in one go.
void ip_emit(Proc& p, const std::string& s);
// What `ip -s {addr,route} flush` prints when it has nothing left to do.
void print_flush_done(Proc& p, int round);
}  // namespace skbox
