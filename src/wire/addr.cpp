#include "wire/addr.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <cstring>

namespace skbox {

namespace {
int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::optional<MacAddr> MacAddr::parse(std::string_view s) {
  MacAddr m;
  size_t i = 0;
  for (int k = 0; k < 6; ++k) {
    if (k > 0) {
      if (i >= s.size() || s[i] != ':') return std::nullopt;
      ++i;
    }
    int v = 0, digits = 0;
    while (i < s.size() && digits < 2 && hexval(s[i]) >= 0) v = v * 16 + hexval(s[i++]), ++digits;
    if (digits == 0) return std::nullopt;
    m.b[k] = static_cast<uint8_t>(v);
  }
  if (i != s.size()) return std::nullopt;
  return m;
}

std::string MacAddr::str() const {
  return fmt::format("{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", b[0], b[1], b[2], b[3], b[4], b[5]);
}

std::optional<Ipv4Addr> Ipv4Addr::parse(std::string_view s) {
  uint32_t out = 0;
  size_t i = 0;
  for (int k = 0; k < 4; ++k) {
    if (k > 0) {
      if (i >= s.size() || s[i] != '.') return std::nullopt;
      ++i;
    }
    uint32_t v = 0;
    int digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && digits < 4) v = v * 10 + uint32_t(s[i++] - '0'), ++digits;
    if (digits == 0 || v > 255) return std::nullopt;
    out = (out << 8) | v;
  }
  if (i != s.size()) return std::nullopt;
  return Ipv4Addr(out);
}

std::string Ipv4Addr::str() const {
  return fmt::format("{}.{}.{}.{}", v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
}

// IPv6 text forms are delegated to libc's inet_pton/inet_ntop, which implement
// exactly the forms the real tools accept and print.
std::optional<Ipv6Addr> Ipv6Addr::parse(std::string_view s) {
  char buf[INET6_ADDRSTRLEN + 1];
  if (s.size() >= sizeof buf) return std::nullopt;
  std::memcpy(buf, s.data(), s.size());
  buf[s.size()] = 0;
  Ipv6Addr a;
  if (inet_pton(AF_INET6, buf, a.b.data()) != 1) return std::nullopt;
  return a;
}

std::string Ipv6Addr::str() const {
  char buf[INET6_ADDRSTRLEN];
  inet_ntop(AF_INET6, b.data(), buf, sizeof buf);
  return buf;
}

}  // namespace skbox
