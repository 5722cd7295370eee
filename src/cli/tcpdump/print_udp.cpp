// UDP (print-udp.c); VXLAN on its IANA port (print-vxlan.c).
#include <fmt/format.h>

#include "cli/tcpdump/print.h"
#include "wire/checksum.h"

namespace skbox::tcpdump {

// tcpport_string/udpport_string: /etc/services names unless -n.
std::string Printer::port(uint16_t p, bool tcp) const {
  if (!o.nflag) {
    switch (p) {
      case 22: return "ssh";
      case 53: return "domain";
      case 67: return "bootps";
      case 68: return "bootpc";
      case 80: return "http";
      case 123: return tcp ? "123" : "ntp";
      case 443: return "https";
      default: break;
    }
  }
  return std::to_string(p);
}

namespace {

// udp_cksum over the pseudo header and the datagram, checksum field
// included: 0 when it is right.
uint16_t udp_verify(std::span<const uint8_t> dgram, std::span<const uint8_t> iph, uint32_t ulen) {
  const Ipv4Addr src(be32(&iph[12])), dst(be32(&iph[16]));
  return wire::csum_tcpudp_magic(src, dst, ulen, 17, wire::csum_partial(dgram.first(ulen)));
}

}  // namespace

void Printer::udp(std::span<const uint8_t> p, uint32_t len, const std::string& src, const std::string& dst,
                  std::span<const uint8_t> iph) {
  if (p.size() < 8) {
    out += fmt::format("{} > {}: [|udp]", src, dst);
    return;
  }
  const uint16_t sport = be16(&p[0]), dport = be16(&p[2]), ulen = be16(&p[4]);
  out += fmt::format("{}.{} > {}.{}: ", src, port(sport, false), dst, port(dport, false));
  const uint32_t plen = ulen >= 8 ? ulen - 8u : 0;
  // -vv checks the checksum of a whole, fully captured datagram. Locally
  // sent ones whose checksum was left to offload (CHECKSUM_PARTIAL) show
  // up as bad, as on Linux.
  const bool fragmented = iph.size() >= 8 && (be16(&iph[6]) & 0x3fff);
  if (o.vflag > 1 && !fragmented && iph.size() >= 20 && ulen >= 8 && ulen <= len && p.size() >= ulen) {
    const uint16_t sum = be16(&p[6]);
    if (sum == 0) {
      out += "[no cksum] ";
    } else if (const uint16_t c = udp_verify(p, iph, ulen); c != 0) {
      uint32_t should = uint32_t(sum) + c;
      should = (should & 0xffff) + (should >> 16);
      should = (should & 0xffff) + (should >> 16);
      out += fmt::format("[bad udp cksum 0x{:04x} -> 0x{:04x}!] ", sum, should);
    } else {
      out += "[udp sum ok] ";
    }
  }
  if (o.qflag) {
    out += fmt::format("UDP, length {}", plen);
    return;
  }
  if (sport == 4789 || dport == 4789) {
    vxlan(p.subspan(8), plen);
    return;
  }
  if (sport == 8472 || dport == 8472) {  // Linux's old VXLAN port is OTV's to tcpdump
    otv(p.subspan(8), plen);
    return;
  }
  out += fmt::format("UDP, length {}", plen);
}

void Printer::vxlan(std::span<const uint8_t> p, uint32_t len) {
  out += "VXLAN";
  if (len < 8 || p.size() < 8) {
    out += " (invalid)";
    return;
  }
  const uint8_t flags = p[0];
  const uint32_t vni = be32(&p[4]) >> 8;
  out += fmt::format(", flags [{}] (0x{:02x}), vni {}\n", flags & 0x08 ? "I" : ".", flags, vni);
  ether(p.subspan(8), len - 8);
}

// print-otv.c: the same 8-byte layout as VXLAN, read as overlay + instance.
void Printer::otv(std::span<const uint8_t> p, uint32_t len) {
  out += "OTV";
  if (len < 8 || p.size() < 8) {
    out += " (invalid)";
    return;
  }
  const uint8_t flags = p[0];
  const uint32_t overlay = uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3];
  const uint32_t instance = be32(&p[4]) >> 8;
  out += fmt::format(", flags [{}] (0x{:02x}), overlay {}, instance {}\n", flags & 0x08 ? "I" : ".", flags,
                     overlay, instance);
  ether(p.subspan(8), len - 8);
}

}  // namespace skbox::tcpdump
