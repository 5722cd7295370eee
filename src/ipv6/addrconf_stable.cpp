// Interface identifiers of automatic addresses: EUI-64 from the MAC
// (ipv6_generate_eui64 / addrconf_ifid_eui48) and RFC 7217 stable-privacy ids
// (ipv6_generate_stable_address), which hash one raw SHA-1 block the way the
// kernel does (sha1_transform on the initial state, no length padding).
// Not modelled: dev_id (shared OSA cards), EUI-64 for non-Ethernet types.
#include <algorithm>
#include <array>
#include <optional>
#include <cstring>

#include "ipv6/addrconf.h"
#include "ipv6/ipv6.h"
#include "net/net.h"

namespace skbox {

namespace {

uint32_t rol32(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

// One SHA-1 compression of a 64-byte block into state h (FIPS 180-4 6.1.2).
void sha1_transform(std::array<uint32_t, 5>& h, const uint8_t block[64]) {
  uint32_t w[80];
  for (int i = 0; i < 16; ++i)
    w[i] = uint32_t(block[4 * i]) << 24 | uint32_t(block[4 * i + 1]) << 16 | uint32_t(block[4 * i + 2]) << 8 |
           block[4 * i + 3];
  for (int i = 16; i < 80; ++i) w[i] = rol32(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
  for (int i = 0; i < 80; ++i) {
    uint32_t f, k;
    if (i < 20) {
      f = (b & c) | (~b & d);
      k = 0x5a827999;
    } else if (i < 40) {
      f = b ^ c ^ d;
      k = 0x6ed9eba1;
    } else if (i < 60) {
      f = (b & c) | (b & d) | (c & d);
      k = 0x8f1bbcdc;
    } else {
      f = b ^ c ^ d;
      k = 0xca62c1d6;
    }
    uint32_t t = rol32(a, 5) + f + e + k + w[i];
    e = d;
    d = c;
    c = rol32(b, 30);
    b = a;
    a = t;
  }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
  h[4] += e;
}

// ipv6_reserved_interfaceid (RFC 5453): ids a generated address must avoid.
bool reserved_interfaceid(const Ipv6Addr& a) {
  const uint8_t* id = a.b.data() + 8;
  static constexpr uint8_t kZero[8] = {};
  if (std::memcmp(id, kZero, 8) == 0) return true;  // subnet-router anycast
  // 0200:5eff:fe00:0000 - 0200:5eff:fe00:5212 (IANA Ethernet block)
  static constexpr uint8_t kIana[5] = {0x02, 0x00, 0x5e, 0xff, 0xfe};
  if (std::memcmp(id, kIana, 5) == 0 && id[5] == 0 && ((id[6] << 8) | id[7]) <= 0x5212) return true;
  // fdff:ffff:ffff:ff80 - fdff:ffff:ffff:ffff (subnet anycast)
  static constexpr uint8_t kAny[7] = {0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
  if (std::memcmp(id, kAny, 7) == 0 && id[7] >= 0x80) return true;
  return false;
}

}  // namespace

bool ipv6_generate_eui64(const NetDevice* dev, uint8_t eui[8]) {
  if (dev->type != ARPHRD_ETHER) return false;
  const auto& m = dev->dev_addr.b;
  eui[0] = m[0] ^ 2;  // flip the universal/local bit
  eui[1] = m[1];
  eui[2] = m[2];
  eui[3] = 0xff;
  eui[4] = 0xfe;
  eui[5] = m[3];
  eui[6] = m[4];
  eui[7] = m[5];
  return true;
}

Ipv6Addr ipv6_stable_address(const Ipv6Addr& prefix, const Ipv6Addr& secret, std::span<const uint8_t> hwaddr,
                             uint8_t dad_count) {
  // The kernel's packed block: secret[16], prefix[8], hwaddr[MAX_ADDR_LEN=32],
  // dad_count, zero padding to 64 bytes.
  uint8_t block[64] = {};
  std::memcpy(block, secret.b.data(), 16);
  std::memcpy(block + 16, prefix.b.data(), 8);
  std::memcpy(block + 24, hwaddr.data(), std::min<size_t>(hwaddr.size(), 32));
  block[56] = dad_count;
  std::array<uint32_t, 5> h = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
  sha1_transform(h, block);
  Ipv6Addr a = prefix;
  // The first two digest words are stored as host (little-endian) words.
  for (int w = 0; w < 2; ++w)
    for (int i = 0; i < 4; ++i) a.b[8 + 4 * w + i] = uint8_t(h[w] >> (8 * i));
  return a;
}

bool ipv6_generate_stable_address(Ipv6Addr* addr, uint8_t dad_count, const Inet6Dev* idev) {
  std::optional<Ipv6Addr> secret = idev->cnf.stable_secret;
  if (!secret) {
    const Ipv6NetState* s = ipv6_net_if(*idev->dev->net);
    if (s) secret = s->devconf_dflt.stable_secret;
  }
  if (!secret) return false;
  const int max_retries = ipv6_sysctl_int(*idev->dev->net, "idgen_retries", 3);
  for (;;) {
    Ipv6Addr t = ipv6_stable_address(*addr, *secret, idev->perm_addr.b, dad_count);
    if (!reserved_interfaceid(t)) {
      *addr = t;
      return true;
    }
    if (++dad_count > max_retries) return false;
  }
}

}  // namespace skbox
