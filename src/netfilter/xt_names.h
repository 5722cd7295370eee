// Names iptables prints and parses: protocol names (getprotobynumber over
// the host's /etc/protocols), service names (getservbyport over
// /etc/services) and the ICMP type names of `--icmp-type`. Like the real
// tool, output follows the host's files (the oracle's are Debian 12's).
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace skbox {

// /etc/protocols: name of a protocol number, empty when none.
std::string_view xt_proto_name(uint8_t proto);
std::optional<uint8_t> xt_proto_by_name(std::string_view name);
// /etc/services: the first name of a port for "tcp" or "udp", empty when none.
std::string_view xt_service_name(uint16_t port, bool udp);
std::optional<uint16_t> xt_service_port(std::string_view name, bool udp);

// xt_icmp_codes: a name for (type, code range).
struct XtIcmpName {
  std::string_view name;
  uint8_t type, code_min, code_max;
};
std::span<const XtIcmpName> xt_icmp_names();

}  // namespace skbox
