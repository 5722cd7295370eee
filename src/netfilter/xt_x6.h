// libxtables' x6 option layer (iptables/libxtables/xtoptions.c) for the
// extensions that use it: the per-option attributes (invertible,
// mandatory, exclusive with, also requires), the generic checks
// xtables_option_parse and xtables_options_fcheck make, and the value
// parsers of the XTTYPE_* types, each with the message iptables 1.8.9
// prints. Every failure throws XtParamError (exit status 2).
//
// Not modelled: host names (only numeric addresses resolve; anything
// else is "Name or service not known", as without a resolver).
#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace skbox {

// xt_option_entry.flags
enum : uint8_t { XTOPT_INVERT = 1 << 0, XTOPT_MAND = 1 << 1, XTOPT_MULTI = 1 << 2 };

// The attributes of one option (by its id, 0..31).
struct XtOptEntry {
  std::string_view name;
  int id;
  uint8_t flags = 0;
  unsigned excl = 0;  // 1 << id of the options it cannot be used with
  unsigned also = 0;  // 1 << id of the options it needs
};

// xtables_option_parse's checks before the value is parsed: the option
// seen twice, a "!" it does not take. Marks it in `xflags`.
void xtables_option_parse(std::string_view ext, std::span<const XtOptEntry> opts, int id, bool invert,
                          unsigned& xflags);
// xtables_options_fcheck: mandatory options, then "also" and "excl" in
// table order.
void xtables_options_fcheck(std::string_view ext, std::span<const XtOptEntry> opts, unsigned xflags);

// xtables_strtoul_base: strtoumax semantics (leading blanks, a sign, base
// 0 = 0x/0 prefixes) in [min, max]. With `end`, trailing text is left for
// the caller (*end = its offset); without, it is a failure.
bool xt_strtoul_base(std::string_view s, size_t* end, uint64_t* value, uint64_t min, uint64_t max, int base = 0);

// XTTYPE_UINT8/16/32: "EXT: bad value for option \"--OPT\", or out of
// range (MIN-MAX)."
uint64_t xtopt_parse_int(std::string_view ext, std::string_view opt, std::string_view arg, uint64_t min,
                         uint64_t max);
// XTTYPE_UINT32RC: "A", "A:B", ":B", "A:" (missing parts are min/max).
// Returns how many parts there were.
unsigned xtopt_parse_mint(std::string_view ext, std::string_view opt, std::string_view arg, uint64_t min,
                          uint64_t max, std::array<uint64_t, 2>& out);
// XTTYPE_DOUBLE with a range.
double xtopt_parse_float(std::string_view ext, std::string_view opt, std::string_view arg, unsigned min,
                         unsigned max);
// XTTYPE_MARKMASK32: VALUE[/MASK], mask ~0 when absent.
void xtopt_parse_markmask(std::string_view ext, std::string_view opt, std::string_view arg, uint32_t& mark,
                          uint32_t& mask);
// XTTYPE_HOSTMASK: ADDR[/LEN|/MASK] (host order; the address is kept
// unmasked, as libxtables leaves it).
void xtopt_parse_hostmask(std::string_view ext, std::string_view opt, std::string_view arg, uint32_t& addr,
                          uint32_t& mask);
// XTTYPE_PORTRC: PORT[:PORT], numbers or service names. Returns the
// number of parts (1 or 2); out[1] = out[0] for one.
unsigned xtopt_parse_mport(std::string_view ext, std::string_view opt, std::string_view arg,
                           std::array<uint16_t, 2>& out);
// XTTYPE_PROTOCOL (xtables_parse_protocol): a number, "all" or a name.
uint8_t xtopt_parse_protocol(std::string_view arg);

// strncasecmp(full, arg, strlen(arg)) == 0: arg is a case-insensitive
// prefix of full (the empty string is a prefix of everything).
bool xt_prefix_icase(std::string_view full, std::string_view arg);

}  // namespace skbox
