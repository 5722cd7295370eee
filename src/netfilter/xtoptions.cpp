#include "netfilter/xtoptions.h"

#include <fmt/format.h>

#include "netfilter/x_tables.h"

namespace skbox {

namespace {

const XtOptSpec* lookup(std::span<const XtOptSpec> table, int id) {
  for (const XtOptSpec& o : table)
    if (o.id == id) return &o;
  return nullptr;
}

int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

}  // namespace

void xt_option_parse(std::string_view ext, std::span<const XtOptSpec> table, int id, bool invert, unsigned& seen) {
  const XtOptSpec* o = lookup(table, id);
  if (seen & (1u << id))
    throw XtParamError{fmt::format("{}: option \"--{}\" can only be used once.\n", ext, o->name)};
  if (invert && !o->invert) throw XtParamError{fmt::format("{}: option \"--{}\" cannot be inverted.\n", ext, o->name)};
  seen |= 1u << id;
}

void xt_options_fcheck(std::string_view ext, std::span<const XtOptSpec> table, unsigned seen) {
  for (const XtOptSpec& e : table) {
    if (e.mand && !(seen & (1u << e.id)))
      throw XtParamError{fmt::format("{}: option \"--{}\" must be specified\n", ext, e.name)};
    if (!(seen & (1u << e.id))) continue;
    for (int i = 0; i < 32; ++i) {
      if (i == e.id) continue;
      const XtOptSpec* other = lookup(table, i);
      if (other && (e.excl & (1u << i)) && (seen & (1u << i)))
        throw XtParamError{
            fmt::format("{}: option \"--{}\" cannot be used together with \"--{}\".\n", ext, e.name, other->name)};
    }
  }
}

bool xt_strtoul_prefix(std::string_view s, size_t& end, uint64_t& value, uint64_t max) {
  size_t i = 0;
  while (i < s.size() && is_space(s[i])) ++i;
  if (i < s.size() && s[i] == '-') return false;
  if (i < s.size() && s[i] == '+') ++i;
  unsigned base = 10;
  size_t digits_at = i;
  if (i + 1 < s.size() && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X') && i + 2 < s.size() &&
      hexval(s[i + 2]) >= 0) {
    base = 16;
    digits_at = i + 2;
  } else if (i < s.size() && s[i] == '0') {
    base = 8;
  }
  uint64_t v = 0;
  bool overflow = false;
  size_t j = digits_at;
  for (; j < s.size(); ++j) {
    const int d = hexval(s[j]);
    if (d < 0 || unsigned(d) >= base) break;
    if (v > (UINT64_MAX - unsigned(d)) / base) overflow = true;
    else v = v * base + unsigned(d);
  }
  if (j == digits_at) return false;
  end = j;
  if (overflow || v > max) return false;
  value = v;
  return true;
}

uint32_t xt_parse_uint(std::string_view ext, std::string_view opt, std::string_view arg, uint32_t min, uint32_t max) {
  size_t end = 0;
  uint64_t v = 0;
  if (!xt_strtoul_prefix(arg, end, v, max) || end != arg.size() || v < min)
    throw XtParamError{
        fmt::format("{}: bad value for option \"--{}\", or out of range ({}-{}).\n", ext, opt, min, max)};
  return uint32_t(v);
}

void xt_parse_mark_mask(std::string_view ext, std::string_view opt, std::string_view arg, uint32_t& mark,
                        uint32_t& mask) {
  const std::string bad = fmt::format("{}: bad integer value for option \"--{}\", or out of range.\n", ext, opt);
  size_t end = 0;
  uint64_t v = 0;
  if (!xt_strtoul_prefix(arg, end, v, 0xffffffff)) throw XtParamError{bad};
  mark = uint32_t(v);
  mask = 0xffffffff;
  if (end < arg.size() && arg[end] == '/') {
    std::string_view rest = arg.substr(end + 1);
    size_t e2 = 0;
    if (!xt_strtoul_prefix(rest, e2, v, 0xffffffff)) throw XtParamError{bad};
    mask = uint32_t(v);
    end += 1 + e2;
  }
  if (end != arg.size())
    throw XtParamError{fmt::format("{}: trailing garbage after value for option \"--{}\".\n", ext, opt)};
}

unsigned xt_parse_range(std::string_view ext, std::string_view opt, std::string_view arg, uint32_t max,
                        std::array<uint32_t, 2>& out) {
  unsigned n = 0;
  size_t pos = 0;
  for (;;) {
    if (n == 2)
      throw XtParamError{fmt::format("{}: Too many components for option \"--{}\" (max: 2)\n", ext, opt)};
    std::string_view part = arg.substr(pos);
    size_t end = 0;
    uint64_t v = 0;
    if (part.empty() || part[0] == ':') {
      v = n == 1 ? max : 0;
    } else {
      if (!xt_strtoul_prefix(part, end, v, max))
        throw XtParamError{fmt::format("{}: bad value for option \"--{}\" near \"{}\", or out of range (0-{}).\n",
                                       ext, opt, part, max)};
      if (end < part.size() && part[end] != ':')
        throw XtParamError{fmt::format("{}: Argument to \"--{}\" has unexpected characters near \"{}\".\n", ext,
                                       opt, part.substr(end))};
    }
    out[n++] = uint32_t(v);
    if (end >= part.size()) break;
    pos += end + 1;
  }
  return n;
}

std::array<uint8_t, 6> xt_parse_ethermac(std::string_view arg) {
  std::array<uint8_t, 6> mac{};
  size_t pos = 0;
  for (size_t i = 0; i < 6; ++i) {
    size_t j = pos;
    unsigned v = 0;
    while (j < arg.size() && hexval(arg[j]) >= 0) v = (v << 4) | unsigned(hexval(arg[j++]));
    const bool last = i == 5;
    if (j - pos > 2 || (last ? j != arg.size() : (j >= arg.size() || arg[j] != ':')))
      throw XtParamError{"Invalid MAC address specified."};
    mac[i] = uint8_t(v);
    pos = j + 1;
  }
  return mac;
}

void xt_save_string(std::string& out, std::string_view s) {
  auto plain = [](char c) {
    return c == '_' || c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  };
  bool quote = s.empty();
  for (char c : s)
    if (!plain(c)) quote = true;
  out += ' ';
  if (!quote) {
    out += s;
    return;
  }
  out += '"';
  for (char c : s) {
    if (c == '"' || c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  out += '"';
}

}  // namespace skbox
