// Protocol and service names from the host's /etc/protocols and
// /etc/services (read once, as libc's netdb does for the real iptables), and
// the ICMP type names iptables accepts and prints: see xt_names.h.
#include "netfilter/xt_names.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace skbox {

namespace {

// One line of /etc/protocols or /etc/services: the official name, the
// number, the protocol ("tcp"/"udp"; empty for /etc/protocols) and aliases.
struct NetdbEntry {
  std::string name;
  uint16_t num = 0;
  std::string proto;
  std::vector<std::string> aliases;
};

// Reads a netdb file of the host as getprotoent/getservent do, in file
// order (the first entry for a number is the one printed).
std::vector<NetdbEntry> read_netdb(const char* path, bool services) {
  std::vector<NetdbEntry> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (size_t h = line.find('#'); h != std::string::npos) line.resize(h);
    std::istringstream words(line);
    NetdbEntry e;
    std::string num;
    if (!(words >> e.name >> num)) continue;
    if (services) {
      const size_t sl = num.find('/');
      if (sl == std::string::npos) continue;
      e.proto = num.substr(sl + 1);
      num.resize(sl);
    }
    char* end = nullptr;
    const unsigned long v = std::strtoul(num.c_str(), &end, 10);
    if (num.empty() || *end || v > (services ? 65535u : 255u)) continue;
    e.num = static_cast<uint16_t>(v);
    for (std::string a; words >> a;) e.aliases.push_back(a);
    out.push_back(std::move(e));
  }
  return out;
}

const std::vector<NetdbEntry>& protocols() {
  static const std::vector<NetdbEntry> t = read_netdb("/etc/protocols", false);
  return t;
}

const std::vector<NetdbEntry>& services() {
  static const std::vector<NetdbEntry> t = read_netdb("/etc/services", true);
  return t;
}

bool has_name(const NetdbEntry& e, std::string_view name) {
  return e.name == name || std::find(e.aliases.begin(), e.aliases.end(), name) != e.aliases.end();
}

// Aliases (pong, ping, ttl-exceeded) follow their main name, so that a
// printed name is always the first entry with that type and code range.
constexpr XtIcmpName kIcmp[] = {
    {"any", 0xff, 0, 0xff},
    {"echo-reply", 0, 0, 0xff},
    {"pong", 0, 0, 0xff},
    {"destination-unreachable", 3, 0, 0xff},
    {"network-unreachable", 3, 0, 0},
    {"host-unreachable", 3, 1, 1},
    {"protocol-unreachable", 3, 2, 2},
    {"port-unreachable", 3, 3, 3},
    {"fragmentation-needed", 3, 4, 4},
    {"source-route-failed", 3, 5, 5},
    {"network-unknown", 3, 6, 6},
    {"host-unknown", 3, 7, 7},
    {"network-prohibited", 3, 9, 9},
    {"host-prohibited", 3, 10, 10},
    {"TOS-network-unreachable", 3, 11, 11},
    {"TOS-host-unreachable", 3, 12, 12},
    {"communication-prohibited", 3, 13, 13},
    {"host-precedence-violation", 3, 14, 14},
    {"precedence-cutoff", 3, 15, 15},
    {"source-quench", 4, 0, 0xff},
    {"redirect", 5, 0, 0xff},
    {"network-redirect", 5, 0, 0},
    {"host-redirect", 5, 1, 1},
    {"TOS-network-redirect", 5, 2, 2},
    {"TOS-host-redirect", 5, 3, 3},
    {"echo-request", 8, 0, 0xff},
    {"ping", 8, 0, 0xff},
    {"router-advertisement", 9, 0, 0xff},
    {"router-solicitation", 10, 0, 0xff},
    {"time-exceeded", 11, 0, 0xff},
    {"ttl-exceeded", 11, 0, 0xff},
    {"ttl-zero-during-transit", 11, 0, 0},
    {"ttl-zero-during-reassembly", 11, 1, 1},
    {"parameter-problem", 12, 0, 0xff},
    {"ip-header-bad", 12, 0, 0},
    {"required-option-missing", 12, 1, 1},
    {"timestamp-request", 13, 0, 0xff},
    {"timestamp-reply", 14, 0, 0xff},
    {"address-mask-request", 17, 0, 0xff},
    {"address-mask-reply", 18, 0, 0xff},
};

}  // namespace

std::string_view xt_proto_name(uint8_t proto) {
  for (const NetdbEntry& e : protocols())
    if (e.num == proto) return e.name;
  return {};
}

std::optional<uint8_t> xt_proto_by_name(std::string_view name) {
  for (const NetdbEntry& e : protocols())
    if (has_name(e, name)) return static_cast<uint8_t>(e.num);
  return std::nullopt;
}

std::string_view xt_service_name(uint16_t port, bool udp) {
  const std::string_view proto = udp ? "udp" : "tcp";
  for (const NetdbEntry& e : services())
    if (e.num == port && e.proto == proto) return e.name;
  return {};
}

std::optional<uint16_t> xt_service_port(std::string_view name, bool udp) {
  const std::string_view proto = udp ? "udp" : "tcp";
  for (const NetdbEntry& e : services())
    if (e.proto == proto && has_name(e, name)) return e.num;
  return std::nullopt;
}

std::span<const XtIcmpName> xt_icmp_names() { return kIcmp; }

}  // namespace skbox
