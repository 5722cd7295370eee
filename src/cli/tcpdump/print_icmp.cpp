// ICMP (print-icmp.c): echo, unreachable, time exceeded, redirect.
#include <fmt/format.h>

#include "cli/tcpdump/print.h"

namespace skbox::tcpdump {

void Printer::icmp(std::span<const uint8_t> p, uint32_t len, std::span<const uint8_t> iph) {
  (void)iph;
  if (p.size() < 4) {
    out += "ICMP [|icmp]";
    return;
  }
  const uint8_t type = p[0], code = p[1];
  std::string s;
  // The quoted datagram of an error: its IP header and first 8 bytes.
  std::span<const uint8_t> inner = p.size() > 8 ? p.subspan(8) : std::span<const uint8_t>();
  const bool has_inner = inner.size() >= 20;
  const unsigned ihl = has_inner ? (inner[0] & 0x0f) * 4u : 0;
  switch (type) {
    case 0:
    case 8:
      s = fmt::format("echo {}, id {}, seq {}", type == 8 ? "request" : "reply", p.size() >= 8 ? be16(&p[4]) : 0,
                      p.size() >= 8 ? be16(&p[6]) : 0);
      break;
    case 3: {
      if (!has_inner) {
        s = "dest_unreach";
        break;
      }
      const std::string dst = ipaddr_string(&inner[16]);
      switch (code) {
        case 0: s = fmt::format("net {} unreachable", dst); break;
        case 1: s = fmt::format("host {} unreachable", dst); break;
        case 2: s = fmt::format("{} protocol {} unreachable", dst, inner[9]); break;
        case 3: {
          const uint8_t pr = inner[9];
          if (inner.size() >= ihl + 4 && (pr == 6 || pr == 17))
            s = fmt::format("{} {} port {} unreachable", dst, pr == 6 ? "tcp" : "udp",
                            port(be16(&inner[ihl + 2]), pr == 6));
          else
            s = fmt::format("{} protocol {} port unreachable", dst, pr);
          break;
        }
        case 4: {
          const uint16_t mtu = p.size() >= 8 ? be16(&p[6]) : 0;
          s = mtu ? fmt::format("{} unreachable - need to frag (mtu {})", dst, mtu)
                  : fmt::format("{} unreachable - need to frag", dst);
          break;
        }
        case 5: s = fmt::format("{} unreachable - source route failed", dst); break;
        case 6: s = fmt::format("net {} unreachable - unknown", dst); break;
        case 7: s = fmt::format("host {} unreachable - unknown", dst); break;
        case 9: s = fmt::format("net {} unreachable - admin prohibited", dst); break;
        case 10: s = fmt::format("host {} unreachable - admin prohibited", dst); break;
        case 13: s = fmt::format("host {} unreachable - admin prohibited filter", dst); break;
        default: s = fmt::format("{} unreachable - #{}", dst, code); break;
      }
      break;
    }
    case 5:
      s = has_inner && p.size() >= 8
              ? fmt::format("redirect {} to {} {}", ipaddr_string(&inner[16]),
                            code == 1 ? "host" : code == 0 ? "net" : "tos", ipaddr_string(&p[4]))
              : "redirect";
      break;
    case 11: s = code == 0 ? "time exceeded in-transit" : "ip reassembly time exceeded"; break;
    case 12: s = "parameter problem"; break;
    case 13: s = "time stamp request"; break;
    case 14: s = "time stamp reply"; break;
    default: s = fmt::format("type-#{}", type); break;
  }
  out += "ICMP " + s + fmt::format(", length {}", len);
  if (o.vflag && has_inner && (type == 3 || type == 4 || type == 5 || type == 11 || type == 12)) {
    out += "\n\t";
    const bool e = o.eflag;
    o.eflag = false;
    ip(inner, static_cast<uint32_t>(inner.size()));
    o.eflag = e;
  }
}

}  // namespace skbox::tcpdump
