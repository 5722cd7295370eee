// tcpdump's packet printer (netdissect), for the protocols skbox carries:
// Ethernet, Linux cooked v2 (-i any), ARP, IPv4, ICMP, UDP, TCP, VXLAN (and
// OTV on 8472, as tcpdump reads Linux's legacy VXLAN port) and
// an IPv6 header line. Each line is what tcpdump 4.99 prints after the
// timestamp. Not modelled: name resolution (addresses stay numeric, as in a
// sandbox without DNS), application protocols (DNS, DHCP...), IP options,
// ICMPv6 details, -x/-X hex dumps.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <tuple>

namespace skbox::tcpdump {

constexpr int kDltEn10mb = 1;
constexpr int kDltLinuxSll2 = 276;

struct PrintOpts {
  int nflag = 0;  // -n: numeric ports too
  bool eflag = false;
  int vflag = 0;
  bool qflag = false;
};

class Printer {
 public:
  explicit Printer(PrintOpts o) : o(o) {}
  // One packet of link type dlt; caplen bytes in data, len on the wire.
  // Returns the text after the timestamp, newline included.
  std::string print(int dlt, std::span<const uint8_t> data, uint32_t len);

  PrintOpts o;
  // ifindex -> name for cooked headers (if_indextoname); "?" when unknown.
  std::function<std::string(uint32_t)> ifname;

  // Internals shared by the protocol printers.
  std::string out;
  void ether(std::span<const uint8_t> p, uint32_t len);
  void sll2(std::span<const uint8_t> p, uint32_t len);
  bool ethertype(uint16_t type, std::span<const uint8_t> p, uint32_t len);
  void arp(std::span<const uint8_t> p, uint32_t len);
  void ip(std::span<const uint8_t> p, uint32_t len);
  void ip6(std::span<const uint8_t> p, uint32_t len);
  void icmp(std::span<const uint8_t> p, uint32_t len, std::span<const uint8_t> iph);
  void udp(std::span<const uint8_t> p, uint32_t len, const std::string& src, const std::string& dst,
           std::span<const uint8_t> iph);
  void tcp(std::span<const uint8_t> p, uint32_t len, const std::string& src, const std::string& dst,
           std::span<const uint8_t> iph);
  void vxlan(std::span<const uint8_t> p, uint32_t len);
  void otv(std::span<const uint8_t> p, uint32_t len);

  std::string mac(const uint8_t* m) const;
  std::string port(uint16_t port, bool tcp) const;

 private:
  // tcp_seq_hash: the first seq/ack seen per connection, for relative numbers.
  struct SeqBase {
    uint32_t seq, ack;
  };
  std::map<std::tuple<uint32_t, uint32_t, uint16_t, uint16_t>, SeqBase> tcp_seq_;
};

inline uint16_t be16(const uint8_t* p) { return static_cast<uint16_t>(p[0] << 8 | p[1]); }
inline uint32_t be32(const uint8_t* p) {
  return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3];
}
std::string ipaddr_string(const uint8_t* a);
std::string ethertype_name(uint16_t t);

}  // namespace skbox::tcpdump
