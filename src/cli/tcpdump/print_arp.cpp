// ARP over Ethernet (print-arp.c).
#include <fmt/format.h>

#include "cli/tcpdump/print.h"

namespace skbox::tcpdump {

void Printer::arp(std::span<const uint8_t> p, uint32_t len) {
  if (!o.eflag) out += "ARP, ";
  if (p.size() < 8) {
    out += "[|ARP]";
    return;
  }
  const uint16_t hrd = be16(&p[0]), pro = be16(&p[2]), op = be16(&p[6]);
  const uint8_t hln = p[4], pln = p[5];
  if (pro != 0x0800 || pln != 4 || hln == 0 || o.vflag) {
    out += fmt::format("{} (len {}), {} (len {})", hrd == 1 ? "Ethernet" : "Unknown Hardware", hln,
                       ethertype_name(pro), pln);
    if (!o.vflag) return;
    out += ", ";
  }
  if (hrd != 1 || hln != 6 || pln != 4 || p.size() < 28u) {
    out += "[|ARP]";
    return;
  }
  const uint8_t* sha = &p[8];
  const uint8_t* spa = &p[14];
  const uint8_t* tha = &p[18];
  const uint8_t* tpa = &p[24];
  switch (op) {
    case 1: {
      out += "Request who-has " + ipaddr_string(tpa);
      bool zero = true;
      for (int i = 0; i < 6; ++i) zero = zero && tha[i] == 0;
      if (!zero) out += " (" + mac(tha) + ")";
      out += " tell " + ipaddr_string(spa);
      break;
    }
    case 2: out += "Reply " + ipaddr_string(spa) + " is-at " + mac(sha); break;
    default: out += fmt::format("Unknown ({})", op); break;
  }
  out += fmt::format(", length {}", len);
}

}  // namespace skbox::tcpdump
