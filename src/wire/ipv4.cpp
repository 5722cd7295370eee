#include "wire/ipv4.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace skbox::wire {

Result<Ipv4Repr> Ipv4Repr::parse(Ipv4Packet<const uint8_t> p) {
  if (Error e = p.check_rcv(); e != Error::Ok) return e;
  Ipv4Repr r;
  r.src = p.src();
  r.dst = p.dst();
  r.protocol = p.protocol();
  r.payload_len = uint16_t(p.total_len() - p.header_len());
  r.ttl = p.ttl();
  r.tos = p.tos();
  r.id = p.ident();
  r.frag_off = p.frag_off();
  r.options = p.options();
  return r;
}

void Ipv4Repr::emit(Ipv4Packet<uint8_t> p) const {
  size_t hl = buffer_len();
  p.set_header_len(hl);
  p.set_tos(tos);
  p.set_total_len(uint16_t(hl + payload_len));
  p.set_ident(id);
  p.set_frag_off(frag_off);
  p.set_ttl(ttl);
  p.set_protocol(protocol);
  p.set_src(src);
  p.set_dst(dst);
  if (!options.empty()) std::memmove(p.buffer().data() + Ipv4Packet<>::kMinHeaderLen, options.data(), options.size());
  p.fill_checksum();
}

bool Ipv4Repr::operator==(const Ipv4Repr& o) const {
  return src == o.src && dst == o.dst && protocol == o.protocol && payload_len == o.payload_len &&
         ttl == o.ttl && tos == o.tos && id == o.id && frag_off == o.frag_off &&
         std::ranges::equal(options, o.options);
}

std::string ipv4_pretty(std::span<const uint8_t> pkt) {
  Ipv4Packet p(pkt);
  if (Error e = p.check_len(); e != Error::Ok)
    return fmt::format("IPv4 {} len={}", error_name(e), pkt.size());
  const char* name = ip_proto_name(p.protocol());
  std::string s = fmt::format("IPv4 src={} dst={} proto={} ttl={} len={}", p.src().str(), p.dst().str(),
                              name ? std::string(name) : std::to_string(p.protocol()), p.ttl(), p.total_len());
  if (p.dont_frag()) s += " DF";
  if (p.more_frags()) s += " MF";
  if (p.frag_offset()) s += fmt::format(" off={}", p.frag_offset());
  if (!p.verify_checksum()) s += " bad-checksum";
  return s;
}

}  // namespace skbox::wire
