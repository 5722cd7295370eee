// libxtables' helpers (iptables/libxtables/xtables.c) that every
// extension's parse and print share: numbers, addresses, masks, ports.
// Parse errors throw XtParamError with the real tool's message.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace skbox {

// xtables_strtoui: decimal only, at most `max`.
std::optional<unsigned long> xt_strtoui(std::string_view s, unsigned long max);
// strtoul with base 0 (0x.., 0.., decimal), as the mark/u32 parsers use.
std::optional<uint64_t> xt_strtoul0(std::string_view s, uint64_t max);

// xtables_numeric_to_ipaddr: one to four dotted parts.
std::optional<uint32_t> xt_parse_ipaddr(std::string_view s);
// ADDR[/MASK], MASK a length or dotted; the address is masked as
// xtables_ipparse_any does.
void xt_parse_addr(std::string_view arg, uint32_t& addr, uint32_t& mask);
std::string xt_ipaddr_str(uint32_t a);
// The prefix length of a contiguous mask, -1 otherwise.
int xt_mask_len(uint32_t m);
// xtables_ipmask_to_numeric: "" for /32, "/N", or "/a.b.c.d".
std::string xt_mask_str(uint32_t m);

// A port or service name of `proto` ("tcp", "udp"; names only for those).
uint16_t xt_parse_port(std::string_view s, bool udp);
// xtables_parse_port_range: PORT, PORT:PORT, :PORT, PORT:
std::array<uint16_t, 2> xt_parse_port_range(std::string_view s, bool udp);
// A port as -L prints it: its service name unless numeric.
std::string xt_port_str(uint16_t port, bool udp, bool numeric);

}  // namespace skbox
