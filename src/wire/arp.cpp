#include "wire/arp.h"

#include <fmt/format.h>

#include "wire/ethernet.h"

namespace skbox::wire {

Result<ArpRepr> ArpRepr::parse(ArpPacket<const uint8_t> a) {
  if (Error e = a.check_len(); e != Error::Ok) return e;
  if ((a.htype() != ARPHRD_ETHER && a.htype() != ARPHRD_IEEE802) || a.ptype() != ETH_P_IP ||
      a.hlen() != 6 || a.plen() != 4)
    return Error::Unsupported;
  return ArpRepr{a.op(), a.sha(), a.spa(), a.tha(), a.tpa()};
}

void ArpRepr::emit(ArpPacket<uint8_t> a) const {
  a.set_htype(ARPHRD_ETHER);
  a.set_ptype(ETH_P_IP);
  a.set_hlen(6);
  a.set_plen(4);
  a.set_op(op);
  a.set_sha(sha);
  a.set_spa(spa);
  a.set_tha(tha);
  a.set_tpa(tpa);
}

std::string arp_pretty(std::span<const uint8_t> pkt) {
  auto r = ArpRepr::parse(ArpPacket(pkt));
  if (!r) return fmt::format("ARP {} len={}", error_name(r.error()), pkt.size());
  switch (r->op) {
    case ARPOP_REQUEST:
      return fmt::format("ARP, Request who-has {} tell {}", r->tpa.str(), r->spa.str());
    case ARPOP_REPLY:
      return fmt::format("ARP, Reply {} is-at {}", r->spa.str(), r->sha.str());
  }
  return fmt::format("ARP, op {} {} > {}", r->op, r->spa.str(), r->tpa.str());
}

}  // namespace skbox::wire
