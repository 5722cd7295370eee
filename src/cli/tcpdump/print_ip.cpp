// IPv4 (print-ip.c) and the IPv6 header line (print-ip6.c).
#include <fmt/format.h>

#include <algorithm>

#include "cli/tcpdump/print.h"

namespace skbox::tcpdump {

std::string ipaddr_string(const uint8_t* a) { return fmt::format("{}.{}.{}.{}", a[0], a[1], a[2], a[3]); }

namespace {
const char* proto_name(uint8_t p) {
  switch (p) {
    case 1: return "ICMP";
    case 2: return "IGMP";
    case 6: return "TCP";
    case 17: return "UDP";
    case 47: return "GRE";
    case 58: return "ICMPv6";
    default: return nullptr;
  }
}
}  // namespace

void Printer::ip(std::span<const uint8_t> p, uint32_t len) {
  if (!o.eflag) out += "IP ";
  if (p.size() < 20) {
    out += "[|ip]";
    return;
  }
  const unsigned hlen = (p[0] & 0x0f) * 4u;
  const uint16_t tot = be16(&p[2]);
  const uint16_t frag = be16(&p[6]);
  const uint16_t off = static_cast<uint16_t>((frag & 0x1fff) * 8);
  const uint8_t proto = p[9];
  if ((p[0] >> 4) != 4) {
    out += fmt::format("IP{}", p[0] >> 4);
    return;
  }
  (void)len;
  if (o.vflag) {
    out += fmt::format("(tos 0x{:x}", p[1]);
    static const char* const kEcn[] = {"", ",ECT(1)", ",ECT(0)", ",CE"};
    out += kEcn[p[1] & 3];
    out += fmt::format(", ttl {}, id {}, offset {}, flags [", p[8], be16(&p[4]), off);
    std::string fl;
    if (frag & 0x8000) fl += "rsvd";
    if (frag & 0x4000) fl += "DF";
    if (frag & 0x2000) fl += "+";
    out += fl.empty() ? "none" : fl;
    const char* pn = proto_name(proto);
    out += fmt::format("], proto {} ({}), length {})\n    ", pn ? pn : "unknown", proto, tot);
  }
  const size_t end = std::min<size_t>(p.size(), std::max<size_t>(tot, hlen));
  std::span<const uint8_t> iph = p.first(std::min<size_t>(hlen, p.size()));
  std::span<const uint8_t> payload = end > hlen ? p.subspan(hlen, end - hlen) : std::span<const uint8_t>();
  const uint32_t plen = tot > hlen ? tot - hlen : 0;
  const std::string src = ipaddr_string(&p[12]), dst = ipaddr_string(&p[16]);
  if (off != 0) {
    // A later fragment: no transport header to decode.
    out += fmt::format("{} > {}: ", src, dst);
    const char* pn = proto_name(proto);
    if (o.nflag || !pn) out += fmt::format("ip-proto-{}", proto);
    else for (const char* c = pn; *c; ++c) out += static_cast<char>(std::tolower(*c));
    return;
  }
  switch (proto) {
    case 1:
      out += fmt::format("{} > {}: ", src, dst);
      icmp(payload, plen, iph);
      break;
    case 17: udp(payload, plen, src, dst, iph); break;
    case 6: tcp(payload, plen, src, dst, iph); break;
    default:
      out += fmt::format("{} > {}: ", src, dst);
      if (const char* pn = proto_name(proto)) out += fmt::format(" {}", pn);
      else out += fmt::format(" ip-proto-{}", proto);
      out += fmt::format(" {}", plen);
      break;
  }
}

void Printer::ip6(std::span<const uint8_t> p, uint32_t len) {
  (void)len;
  if (!o.eflag) out += "IP6 ";
  if (p.size() < 40) {
    out += "[|ip6]";
    return;
  }
  auto addr = [&](const uint8_t* a) {
    // RFC 5952: longest run of zero groups (at least two) becomes "::".
    uint16_t g[8];
    for (int i = 0; i < 8; ++i) g[i] = be16(a + 2 * i);
    int best = -1, bestlen = 0;
    for (int i = 0; i < 8;) {
      int j = i;
      while (j < 8 && g[j] == 0) ++j;
      if (j - i > bestlen) best = i, bestlen = j - i;
      i = j == i ? i + 1 : j;
    }
    if (bestlen < 2) best = -1;
    std::string s;
    for (int i = 0; i < 8; ++i) {
      if (i == best) {
        s += "::";
        i += bestlen - 1;
        continue;
      }
      if (!s.empty() && s.back() != ':') s += ':';
      s += fmt::format("{:x}", g[i]);
    }
    return s;
  };
  uint32_t plen = be16(&p[4]);
  out += fmt::format("{} > {}: ", addr(&p[8]), addr(&p[24]));
  uint8_t nh = p[6];
  size_t off = 40;
  if (nh == 0 && p.size() >= off + 8) {  // hop-by-hop options (MLD's router alert)
    const size_t l = (p[off + 1] + 1u) * 8;
    out += "HBH ";
    nh = p[off];
    off += l;
    plen = plen > l ? plen - static_cast<uint32_t>(l) : 0;
  }
  if (nh != 58) {
    out += fmt::format("ip-proto-{} {}", nh, plen);
    return;
  }
  // print-icmp6.c, the messages address configuration sends.
  out += "ICMP6, ";
  if (p.size() < off + 8) {
    out += "[|icmp6]";
    return;
  }
  const uint8_t* m = &p[off];
  const bool has_tgt = p.size() >= off + 24;
  switch (m[0]) {
    case 128:
    case 129:
      out += fmt::format("echo {}, id {}, seq {}", m[0] == 128 ? "request" : "reply", be16(m + 4), be16(m + 6));
      break;
    case 133: out += "router solicitation"; break;
    case 134: out += "router advertisement"; break;
    case 135: out += has_tgt ? "neighbor solicitation, who has " + addr(m + 8) : "neighbor solicitation"; break;
    case 136: out += has_tgt ? "neighbor advertisement, tgt is " + addr(m + 8) : "neighbor advertisement"; break;
    case 143: out += fmt::format("multicast listener report v2, {} group record(s)", be16(m + 6)); break;
    default: out += fmt::format("type-#{}", m[0]); break;
  }
  out += fmt::format(", length {}", plen);
}

}  // namespace skbox::tcpdump
