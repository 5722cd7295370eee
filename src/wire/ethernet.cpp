#include "wire/ethernet.h"

#include <fmt/format.h>

namespace skbox::wire {

const char* ethertype_name(uint16_t type) {
  switch (type) {
    case ETH_P_IP: return "IPv4";
    case ETH_P_ARP: return "ARP";
    case ETH_P_IPV6: return "IPv6";
    case ETH_P_8021Q: return "802.1Q";
    case ETH_P_8021AD: return "802.1ad";
  }
  return nullptr;
}

std::string ethernet_pretty(std::span<const uint8_t> frame) {
  EthernetFrame f(frame);
  if (f.check_len() != Error::Ok) return fmt::format("Ethernet truncated len={}", frame.size());
  const char* name = ethertype_name(f.ethertype());
  return fmt::format("Ethernet {} > {} type={} len={}", f.src().str(), f.dst().str(),
                     name ? std::string(name) : fmt::format("0x{:04x}", f.ethertype()), frame.size());
}

}  // namespace skbox::wire
