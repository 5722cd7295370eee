// Link layers: Ethernet (print-ether.c) and Linux cooked v2 (print-sll.c).
#include <fmt/format.h>

#include "cli/tcpdump/print.h"

namespace skbox::tcpdump {

std::string ethertype_name(uint16_t t) {
  switch (t) {
    case 0x0800: return "IPv4";
    case 0x0806: return "ARP";
    case 0x86dd: return "IPv6";
    case 0x8100: return "802.1Q";
    case 0x88cc: return "LLDP";
    default: return "Unknown";
  }
}

// etheraddr_string: without -n a name is looked up; none is known, so the
// OUI lookup fails and says so.
std::string Printer::mac(const uint8_t* m) const {
  std::string s = fmt::format("{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", m[0], m[1], m[2], m[3], m[4], m[5]);
  if (o.nflag) return s;
  bool bcast = true;
  for (int i = 0; i < 6; ++i) bcast = bcast && m[i] == 0xff;
  if (bcast) return "Broadcast";
  return s + " (oui Unknown)";
}

std::string Printer::print(int dlt, std::span<const uint8_t> data, uint32_t len) {
  out.clear();
  if (dlt == kDltLinuxSll2) sll2(data, len);
  else ether(data, len);
  out += '\n';
  return out;
}

bool Printer::ethertype(uint16_t type, std::span<const uint8_t> p, uint32_t len) {
  switch (type) {
    case 0x0800: ip(p, len); return true;
    case 0x0806: arp(p, len); return true;
    case 0x86dd: ip6(p, len); return true;
    default: return false;
  }
}

void Printer::ether(std::span<const uint8_t> p, uint32_t len) {
  if (p.size() < 14) {
    out += "[|ether]";
    return;
  }
  const uint16_t type = be16(&p[12]);
  auto header = [&] {
    out += fmt::format("{} > {}", mac(&p[6]), mac(&p[0]));
    if (!o.qflag) out += fmt::format(", ethertype {} (0x{:04x})", ethertype_name(type), type);
    out += fmt::format(", length {}: ", len);
  };
  if (o.eflag) header();
  if (!ethertype(type, p.subspan(14), len - 14)) {
    if (!o.eflag) header();
  }
}

void Printer::sll2(std::span<const uint8_t> p, uint32_t len) {
  if (p.size() < 20) {
    out += "[|sll2]";
    return;
  }
  const uint32_t ifindex = be32(&p[4]);
  std::string name = ifname ? ifname(ifindex) : std::string("?");
  out += fmt::format("{:<5} ", name);
  static const char* const kPkt[] = {"In", "B", "M", "P", "Out"};
  const uint8_t pt = p[10];
  out += fmt::format("{:<3} ", pt < 5 ? kPkt[pt] : "?");
  const uint16_t type = be16(&p[0]);
  auto header = [&] {
    out += fmt::format("ifindex {} ", ifindex);
    if (p[11] == 6) out += mac(&p[12]) + " ";
    if (!o.qflag)
      out += fmt::format("ethertype {} (0x{:04x}), length {}: ", ethertype_name(type), type, len);
  };
  if (o.eflag) header();
  if (!ethertype(type, p.subspan(20), len - 20)) {
    if (!o.eflag) header();
  }
}

}  // namespace skbox::tcpdump
