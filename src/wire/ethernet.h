// Ethernet II header view (struct ethhdr) and value struct.
// Not modelled: 802.3 length frames / LLC, the FCS (never present in an skb).
#pragma once
#include <cstdint>
#include <cstring>
#include <span>
#include <string>

#include "wire/addr.h"
#include "wire/be.h"
#include "wire/error.h"

namespace skbox::wire {

// Linux's names (include/uapi/linux/if_ether.h). The guard lets a file also
// include <linux/if_ether.h>, whose macros have the same values; use these
// names unqualified.
#ifndef ETH_P_IP
inline constexpr size_t ETH_ALEN = 6;
inline constexpr size_t ETH_HLEN = 14;
inline constexpr size_t ETH_ZLEN = 60;  // minimum frame without FCS
inline constexpr size_t ETH_DATA_LEN = 1500;
inline constexpr size_t ETH_FRAME_LEN = 1514;
inline constexpr uint16_t ETH_P_IP = 0x0800;
inline constexpr uint16_t ETH_P_ARP = 0x0806;
inline constexpr uint16_t ETH_P_8021Q = 0x8100;
inline constexpr uint16_t ETH_P_IPV6 = 0x86DD;
inline constexpr uint16_t ETH_P_8021AD = 0x88A8;
// Values below this are 802.3 lengths, not types (eth_type_trans).
inline constexpr uint16_t ETH_P_802_3_MIN = 0x0600;
#endif
inline constexpr size_t VLAN_HLEN = 4;

const char* ethertype_name(uint16_t type);  // "IPv4", "ARP", ... or nullptr

template <class B = uint8_t>
class EthernetFrame {
 public:
  static constexpr size_t kHeaderLen = ETH_HLEN;

  constexpr EthernetFrame() = default;
  constexpr explicit EthernetFrame(std::span<B> buf) : b_(buf) {}
  template <class O>
    requires std::is_same_v<B, const O>
  constexpr EthernetFrame(EthernetFrame<O> o) : b_(o.buffer()) {}

  // The one gate: after Ok, every accessor below is in bounds.
  constexpr Error check_len() const { return b_.size() < ETH_HLEN ? Error::Truncated : Error::Ok; }
  static constexpr Result<EthernetFrame> checked(std::span<B> buf) {
    EthernetFrame f(buf);
    if (Error e = f.check_len(); e != Error::Ok) return e;
    return f;
  }

  constexpr std::span<B> buffer() const { return b_; }
  MacAddr dst() const { return mac_at(0); }
  MacAddr src() const { return mac_at(6); }
  constexpr uint16_t ethertype() const { return load_be16(p() + 12); }
  constexpr std::span<B> payload() const { return b_.subspan(ETH_HLEN); }

  void set_dst(const MacAddr& m) requires Mutable<B> { std::memcpy(p(), m.b.data(), 6); }
  void set_src(const MacAddr& m) requires Mutable<B> { std::memcpy(p() + 6, m.b.data(), 6); }
  constexpr void set_ethertype(uint16_t t) requires Mutable<B> { store_be16(p() + 12, t); }

 private:
  constexpr B* p() const { return b_.data(); }
  MacAddr mac_at(size_t off) const {
    MacAddr m;
    std::memcpy(m.b.data(), p() + off, 6);
    return m;
  }
  std::span<B> b_;
};

struct EthernetRepr {
  MacAddr dst;
  MacAddr src;
  uint16_t ethertype = 0;

  static Result<EthernetRepr> parse(EthernetFrame<const uint8_t> f) {
    if (Error e = f.check_len(); e != Error::Ok) return e;
    return EthernetRepr{f.dst(), f.src(), f.ethertype()};
  }
  static constexpr size_t buffer_len() { return ETH_HLEN; }
  // `f` must hold at least buffer_len() bytes.
  void emit(EthernetFrame<uint8_t> f) const {
    f.set_dst(dst);
    f.set_src(src);
    f.set_ethertype(ethertype);
  }
  bool operator==(const EthernetRepr&) const = default;
};

// ipv4/ipv6 multicast group -> MAC (ip_eth_mc_map / ipv6_eth_mc_map).
constexpr MacAddr ip_eth_mc_map(Ipv4Addr group) {
  return MacAddr{{0x01, 0x00, 0x5e, uint8_t((group.v >> 16) & 0x7f), uint8_t(group.v >> 8), uint8_t(group.v)}};
}
constexpr MacAddr ipv6_eth_mc_map(const Ipv6Addr& group) {
  return MacAddr{{0x33, 0x33, group.b[12], group.b[13], group.b[14], group.b[15]}};
}

// "Ethernet 02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff type=ARP len=42"
std::string ethernet_pretty(std::span<const uint8_t> frame);

}  // namespace skbox::wire
