#include "netfilter/xtables.h"

#include <bit>

#include <fmt/format.h>

#include "netfilter/x_tables.h"
#include "netfilter/xt_names.h"

namespace skbox {

std::optional<unsigned long> xt_strtoui(std::string_view s, unsigned long max) {
  if (s.empty() || s.size() > 10) return std::nullopt;
  unsigned long v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + unsigned(c - '0');
  }
  if (v > max) return std::nullopt;
  return v;
}

std::optional<uint64_t> xt_strtoul0(std::string_view s, uint64_t max) {
  if (s.empty()) return std::nullopt;
  unsigned base = 10;
  if (s.size() > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    s.remove_prefix(2);
    if (s.empty()) return std::nullopt;
  } else if (s.size() > 1 && s[0] == '0') {
    base = 8;
    s.remove_prefix(1);
  }
  uint64_t v = 0;
  for (char c : s) {
    unsigned d;
    if (c >= '0' && c <= '9') d = unsigned(c - '0');
    else if (c >= 'a' && c <= 'f') d = unsigned(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') d = unsigned(c - 'A' + 10);
    else return std::nullopt;
    if (d >= base) return std::nullopt;
    if (v > (max - d) / base) return std::nullopt;
    v = v * base + d;
  }
  return v;
}

std::optional<uint32_t> xt_parse_ipaddr(std::string_view s) {
  uint32_t a = 0;
  int parts = 0;
  size_t pos = 0;
  while (true) {
    size_t dot = s.find('.', pos);
    auto v = xt_strtoui(s.substr(pos, dot == std::string_view::npos ? std::string_view::npos : dot - pos), 255);
    if (!v || ++parts > 4) return std::nullopt;
    a |= uint32_t(*v) << (8 * (4 - parts));
    if (dot == std::string_view::npos) break;
    pos = dot + 1;
  }
  return a;
}

void xt_parse_addr(std::string_view arg, uint32_t& addr, uint32_t& mask) {
  std::string_view a = arg, m;
  const size_t sl = arg.find('/');
  if (sl != std::string_view::npos) {
    a = arg.substr(0, sl);
    m = arg.substr(sl + 1);
  }
  mask = 0xffffffff;
  if (sl != std::string_view::npos) {
    if (m.find('.') != std::string_view::npos) {
      auto v = xt_parse_ipaddr(m);
      if (!v) throw XtParamError{"host/network `" + std::string(m) + "' not found"};
      mask = *v;
    } else {
      auto bits = xt_strtoui(m, 32);
      if (!bits) throw XtParamError{"invalid mask `" + std::string(m) + "' specified"};
      mask = *bits == 0 ? 0 : 0xffffffffu << (32 - *bits);
    }
  }
  auto v = a == "localhost" ? std::optional<uint32_t>(0x7f000001) : xt_parse_ipaddr(a);
  if (!v) throw XtParamError{"host/network `" + std::string(a) + "' not found"};
  addr = *v & mask;
}

std::string xt_ipaddr_str(uint32_t a) {
  return fmt::format("{}.{}.{}.{}", a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff);
}

int xt_mask_len(uint32_t m) {
  int n = std::countl_one(m);
  return (n == 32 || uint32_t(m << n) == 0) ? n : -1;
}

std::string xt_mask_str(uint32_t m) {
  int n = xt_mask_len(m);
  if (n == 32) return "";
  if (n >= 0) return "/" + std::to_string(n);
  return "/" + xt_ipaddr_str(m);
}

uint16_t xt_parse_port(std::string_view s, bool udp) {
  if (auto v = xt_strtoui(s, 65535)) return uint16_t(*v);
  if (auto p = xt_service_port(s, udp)) return *p;
  throw XtParamError{"invalid port/service `" + std::string(s) + "' specified"};
}

std::array<uint16_t, 2> xt_parse_port_range(std::string_view s, bool udp) {
  size_t c = s.find(':');
  if (c == std::string_view::npos) {
    uint16_t p = xt_parse_port(s, udp);
    return {p, p};
  }
  uint16_t lo = c == 0 ? 0 : xt_parse_port(s.substr(0, c), udp);
  uint16_t hi = c + 1 == s.size() ? 65535 : xt_parse_port(s.substr(c + 1), udp);
  if (lo > hi) throw XtParamError{"invalid portrange (min > max)"};
  return {lo, hi};
}

std::string xt_port_str(uint16_t port, bool udp, bool numeric) {
  std::string_view s = numeric ? std::string_view{} : xt_service_name(port, udp);
  return s.empty() ? std::to_string(port) : std::string(s);
}

}  // namespace skbox
