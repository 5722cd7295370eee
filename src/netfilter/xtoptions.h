// What libxtables' option parser (libxtables/xtoptions.c) checks for an
// extension and the messages it prints: an option used twice, an option
// that cannot be inverted, mandatory and mutually exclusive options (the
// x6_fcheck pass), and the typed parsers extensions share (unsigned
// integers with strtoul's base 0, value/mask pairs, colon ranges, MAC
// addresses), plus xtables_save_string's quoting for -S. All throw
// XtParamError with the real tool's text ("EXT: option \"--NAME\" ...").
//
// Not modelled: getopt_long's unique-prefix abbreviations of long options.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace skbox {

// One entry of an extension's option table (struct xt_option_entry):
// the name messages print (the first entry of its id), the id (a bit in
// the seen mask), the ids it excludes, and whether it is mandatory.
struct XtOptSpec {
  std::string_view name;
  int id;
  unsigned excl = 0;
  bool mand = false;
  bool invert = false;  // XTOPT_INVERT: `!` allowed before it
};

// xtables_option_parse's checks before an option's value is parsed:
// used once, `!` only where allowed. Marks id seen.
void xt_option_parse(std::string_view ext, std::span<const XtOptSpec> table, int id, bool invert, unsigned& seen);
// xtables_options_fcheck: mandatory options present, no excluded pair.
void xt_options_fcheck(std::string_view ext, std::span<const XtOptSpec> table, unsigned seen);

// xtables_strtoul: optional leading space, no sign, base 0 (0x.., 0..,
// decimal); parses the longest prefix, *end is where it stopped. False
// when nothing was parsed or the value exceeds max.
bool xt_strtoul_prefix(std::string_view s, size_t& end, uint64_t& value, uint64_t max);

// XTTYPE_UINT32 / UINT8 (xtopt_parse_int): the whole argument.
uint32_t xt_parse_uint(std::string_view ext, std::string_view opt, std::string_view arg, uint32_t min, uint32_t max);
// XTTYPE_MARKMASK32 (xtables_parse_mark_mask): VALUE[/MASK], mask ~0 when absent.
void xt_parse_mark_mask(std::string_view ext, std::string_view opt, std::string_view arg, uint32_t& mark,
                        uint32_t& mask);
// XTTYPE_UINT16RC (xtopt_parse_mint): "a", "a:b", ":b", "a:", ":" or "";
// an empty first part is 0, an empty second is max. Returns the count.
unsigned xt_parse_range(std::string_view ext, std::string_view opt, std::string_view arg, uint32_t max,
                        std::array<uint32_t, 2>& out);
// XTTYPE_ETHERMAC (xtopt_parse_ethermac): six hex parts of at most two digits.
std::array<uint8_t, 6> xt_parse_ethermac(std::string_view arg);

// xtables_save_string: " word" when only [A-Za-z0-9_-], else " \"...\""
// with \ before each ", \ and '.
void xt_save_string(std::string& out, std::string_view s);

}  // namespace skbox
