#include "netfilter/xt_x6.h"

#include <algorithm>
#include <bit>
#include <cctype>
#include <cstdlib>

#include <fmt/format.h>

#include "netfilter/x_tables.h"
#include "netfilter/xt_names.h"

namespace skbox {

namespace {

const XtOptEntry* lookup(std::span<const XtOptEntry> opts, int id) {
  for (const XtOptEntry& e : opts)
    if (e.id == id) return &e;
  return nullptr;
}

// inet_aton's forms (what getaddrinfo accepts for a numeric IPv4 host):
// a.b.c.d, a.b.c (c 16 bits), a.b (b 24 bits), a (32 bits), each part in
// C notation.
bool inet_aton_host(std::string_view s, uint32_t& out) {
  uint64_t parts[4];
  int n = 0;
  size_t pos = 0;
  while (true) {
    if (n == 4 || pos >= s.size() || !std::isdigit(static_cast<unsigned char>(s[pos]))) return false;
    size_t end = 0;
    uint64_t v;
    if (!xt_strtoul_base(s.substr(pos), &end, &v, 0, 0xffffffff)) return false;
    parts[n++] = v;
    pos += end;
    if (pos == s.size()) break;
    if (s[pos] != '.') return false;
    ++pos;
  }
  uint64_t a = 0;
  for (int i = 0; i < n - 1; ++i) {
    if (parts[i] > 255) return false;
    a |= parts[i] << (8 * (3 - i));
  }
  const uint64_t last_max = n == 1 ? 0xffffffff : n == 2 ? 0xffffff : n == 3 ? 0xffff : 0xff;
  if (parts[n - 1] > last_max) return false;
  out = static_cast<uint32_t>(a | parts[n - 1]);
  return true;
}

}  // namespace

void xtables_option_parse(std::string_view ext, std::span<const XtOptEntry> opts, int id, bool invert,
                          unsigned& xflags) {
  const XtOptEntry* e = lookup(opts, id);
  if (!e) return;
  const unsigned bit = 1u << id;
  if ((!(e->flags & XTOPT_MULTI) || (e->excl & bit)) && (xflags & bit))
    throw XtParamError{fmt::format("{}: option \"--{}\" can only be used once.\n", ext, e->name)};
  if (invert && !(e->flags & XTOPT_INVERT))
    throw XtParamError{fmt::format("{}: option \"--{}\" cannot be inverted.\n", ext, e->name)};
  xflags |= bit;
}

void xtables_options_fcheck(std::string_view ext, std::span<const XtOptEntry> opts, unsigned xflags) {
  for (const XtOptEntry& e : opts) {
    const unsigned ef = 1u << e.id;
    if ((e.flags & XTOPT_MAND) && !(xflags & ef))
      throw XtParamError{fmt::format("{}: option \"--{}\" must be specified\n", ext, e.name)};
    if (!(xflags & ef)) continue;
    for (int i = 0; i < 32; ++i) {
      if (i == e.id) continue;
      const XtOptEntry* o = lookup(opts, i);
      if (!o) continue;
      const unsigned of = 1u << i;
      if ((e.also & of) && !(xflags & of))
        throw XtParamError{fmt::format("{}: option \"--{}\" also requires \"--{}\".\n", ext, e.name, o->name)};
      if ((e.excl & of) && (xflags & (ef | of)) == (ef | of))
        throw XtParamError{
            fmt::format("{}: option \"--{}\" cannot be used together with \"--{}\".\n", ext, e.name, o->name)};
    }
  }
}

bool xt_strtoul_base(std::string_view s, size_t* end, uint64_t* value, uint64_t min, uint64_t max, int base) {
  size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  if (base == 0) {
    base = 10;
    if (i + 1 < s.size() && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X') && i + 2 < s.size() &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      base = 16;
      i += 2;
    } else if (i < s.size() && s[i] == '0') {
      base = 8;
    }
  }
  const size_t digits = i;
  uint64_t v = 0;
  bool overflow = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    int d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'z') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'Z') d = c - 'A' + 10;
    else break;
    if (d >= base) break;
    if (v > (UINT64_MAX - uint64_t(d)) / uint64_t(base)) overflow = true;
    v = v * uint64_t(base) + uint64_t(d);
  }
  if (i == digits) return false;  // no digits: strtoumax's end == s
  if (neg) v = overflow ? UINT64_MAX : uint64_t(0) - v;
  if (overflow) v = UINT64_MAX;
  if (end) *end = i;
  if (overflow || v < min || v > max) return false;
  if (value) *value = v;
  return end ? true : i == s.size();
}

uint64_t xtopt_parse_int(std::string_view ext, std::string_view opt, std::string_view arg, uint64_t min,
                         uint64_t max) {
  uint64_t v;
  if (!xt_strtoul_base(arg, nullptr, &v, min, max))
    throw XtParamError{
        fmt::format("{}: bad value for option \"--{}\", or out of range ({}-{}).\n", ext, opt, min, max)};
  return v;
}

unsigned xtopt_parse_mint(std::string_view ext, std::string_view opt, std::string_view arg, uint64_t min,
                          uint64_t max, std::array<uint64_t, 2>& out) {
  unsigned n = 0;
  size_t pos = 0;
  for (;;) {
    if (n == 2)
      throw XtParamError{fmt::format("{}: Too many components for option \"--{}\" (max: 2)\n", ext, opt)};
    std::string_view rest = arg.substr(pos);
    size_t end = 0;
    uint64_t v;
    if (rest.empty() || rest[0] == ':') {
      v = n == 1 ? max : min;
    } else {
      if (!xt_strtoul_base(rest, &end, &v, min, max))
        throw XtParamError{fmt::format("{}: bad value for option \"--{}\" near \"{}\", or out of range ({}-{}).\n",
                                       ext, opt, rest, min, max)};
      if (end < rest.size() && rest[end] != ':')
        throw XtParamError{fmt::format("{}: Argument to \"--{}\" has unexpected characters near \"{}\".\n", ext,
                                       opt, rest.substr(end))};
    }
    out[n++] = v;
    if (end >= rest.size()) break;
    pos += end + 1;
  }
  return n;
}

double xtopt_parse_float(std::string_view ext, std::string_view opt, std::string_view arg, unsigned min,
                         unsigned max) {
  const std::string s(arg);
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || *end != '\0' || (min != max && (v < min || v > max)))
    throw XtParamError{
        fmt::format("{}: bad value for option \"--{}\", or out of range ({}-{}).\n", ext, opt, min, max)};
  return v;
}

void xtopt_parse_markmask(std::string_view ext, std::string_view opt, std::string_view arg, uint32_t& mark,
                          uint32_t& mask) {
  auto bad = [&] {
    return XtParamError{fmt::format("{}: bad integer value for option \"--{}\", or out of range.\n", ext, opt)};
  };
  size_t end = 0;
  uint64_t v;
  if (!xt_strtoul_base(arg, &end, &v, 0, 0xffffffff)) throw bad();
  mark = static_cast<uint32_t>(v);
  mask = 0xffffffff;
  if (end < arg.size() && arg[end] == '/') {
    size_t mend = 0;
    if (!xt_strtoul_base(arg.substr(end + 1), &mend, &v, 0, 0xffffffff)) throw bad();
    mask = static_cast<uint32_t>(v);
    end += 1 + mend;
  }
  if (end != arg.size())
    throw XtParamError{fmt::format("{}: trailing garbage after value for option \"--{}\".\n", ext, opt)};
}

void xtopt_parse_hostmask(std::string_view ext, std::string_view opt, std::string_view arg, uint32_t& addr,
                          uint32_t& mask) {
  const size_t sl = arg.find('/');
  if (!inet_aton_host(arg.substr(0, sl), addr))
    throw XtParamError{"getaddrinfo: Name or service not known\n"};
  mask = 0xffffffff;
  if (sl == std::string_view::npos) return;
  std::string_view m = arg.substr(sl + 1);
  uint64_t len;
  uint32_t dotted;
  if (xt_strtoul_base(m, nullptr, &len, 0, 32)) {
    mask = len == 0 ? 0 : 0xffffffffu << (32 - len);
  } else if (inet_aton_host(m, dotted)) {
    // A contiguous mask becomes its prefix; 1.8.9 turns any other into /32.
    const int n = std::countl_one(dotted);
    if (n == 32 || uint32_t(dotted << n) == 0) mask = dotted;
  } else {
    throw XtParamError{fmt::format(
        "{}: bad value for option \"--{}\", neither a valid network mask nor valid CIDR (0-32).\n", ext, opt)};
  }
}

unsigned xtopt_parse_mport(std::string_view ext, std::string_view opt, std::string_view arg,
                           std::array<uint16_t, 2>& out) {
  out = {0, 0xffff};
  unsigned n = 0;
  size_t pos = 0;
  for (;;) {
    const size_t colon = arg.find(':', pos);
    std::string_view part = arg.substr(pos, colon == std::string_view::npos ? std::string_view::npos : colon - pos);
    if (n == 2)
      throw XtParamError{fmt::format("{}: Too many components for option \"--{}\" (max: 2)\n", ext, opt)};
    if (!part.empty()) {
      // getaddrinfo's service: a number (kept to 16 bits, as it is stored
      // with htons) or a name from /etc/services.
      int port = -1;
      if (std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        uint64_t v = 0;
        for (char c : part) v = (v * 10 + uint64_t(c - '0')) & 0xffffffffffffull;
        port = static_cast<int>(v & 0xffff);
      } else if (auto p = xt_service_port(part, false)) {
        port = *p;
      } else if (auto q = xt_service_port(part, true)) {
        port = *q;
      }
      if (port < 0) throw XtParamError{fmt::format("Port \"{}\" does not resolve to anything.\n", part)};
      out[n] = static_cast<uint16_t>(port);
    }
    ++n;
    if (colon == std::string_view::npos) break;
    pos = colon + 1;
  }
  if (n == 1) {
    out[1] = out[0];
    ++n;
  }
  return n;
}

uint8_t xtopt_parse_protocol(std::string_view arg) {
  uint64_t v;
  if (xt_strtoul_base(arg, nullptr, &v, 0, 255)) return static_cast<uint8_t>(v);
  if (arg == "all") return 0;
  if (auto p = xt_proto_by_name(arg)) return *p;
  throw XtParamError{fmt::format("unknown protocol \"{}\" specified", arg)};
}

bool xt_prefix_icase(std::string_view full, std::string_view arg) {
  if (arg.size() > full.size()) return false;
  for (size_t i = 0; i < arg.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(full[i])) != std::tolower(static_cast<unsigned char>(arg[i])))
      return false;
  return true;
}

}  // namespace skbox
