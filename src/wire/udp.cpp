#include "wire/udp.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace skbox::wire {

namespace {
template <class Addr>
Result<UdpRepr> parse_any(UdpPacket<const uint8_t> p, const Addr& src, const Addr& dst) {
  if (Error e = p.check_len(); e != Error::Ok) return e;
  if (!p.verify_checksum(src, dst)) return Error::BadChecksum;
  return UdpRepr{p.src_port(), p.dst_port(), p.payload()};
}

template <class Addr>
void emit_any(const UdpRepr& r, UdpPacket<uint8_t> p, const Addr& src, const Addr& dst) {
  UdpPacket<uint8_t> q(p.buffer().first(r.buffer_len()));
  q.set_src_port(r.src_port);
  q.set_dst_port(r.dst_port);
  q.set_length(uint16_t(r.buffer_len()));
  uint8_t* to = q.buffer().data() + UdpPacket<>::kHeaderLen;
  if (!r.payload.empty() && r.payload.data() != to) std::memmove(to, r.payload.data(), r.payload.size());
  q.fill_checksum(src, dst);
}
}  // namespace

Result<UdpRepr> UdpRepr::parse(UdpPacket<const uint8_t> p, Ipv4Addr src, Ipv4Addr dst) {
  return parse_any(p, src, dst);
}
Result<UdpRepr> UdpRepr::parse(UdpPacket<const uint8_t> p, const Ipv6Addr& src, const Ipv6Addr& dst) {
  return parse_any(p, src, dst);
}
void UdpRepr::emit(UdpPacket<uint8_t> p, Ipv4Addr src, Ipv4Addr dst) const { emit_any(*this, p, src, dst); }
void UdpRepr::emit(UdpPacket<uint8_t> p, const Ipv6Addr& src, const Ipv6Addr& dst) const {
  emit_any(*this, p, src, dst);
}

bool UdpRepr::operator==(const UdpRepr& o) const {
  return src_port == o.src_port && dst_port == o.dst_port && std::ranges::equal(payload, o.payload);
}

std::string udp_pretty(std::span<const uint8_t> seg) {
  UdpPacket p(seg);
  if (Error e = p.check_len(); e != Error::Ok) return fmt::format("UDP {} len={}", error_name(e), seg.size());
  return fmt::format("UDP {} > {} len={}", p.src_port(), p.dst_port(), p.length() - UdpPacket<>::kHeaderLen);
}

}  // namespace skbox::wire
