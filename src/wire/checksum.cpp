#include "wire/checksum.h"

#include "wire/be.h"

namespace skbox::wire {

uint32_t csum_partial(std::span<const uint8_t> data, uint32_t sum) {
  // 32-bit words into a 64-bit accumulator: 2^32 words before it can
  // overflow, far beyond any packet. Folding mod 0xffff later makes this equal
  // to the 16-bit word sum.
  const uint8_t* p = data.data();
  size_t n = data.size(), i = 0;
  uint64_t acc = sum;
  for (; i + 4 <= n; i += 4) acc += load_be32(p + i);
  if (i + 2 <= n) acc += load_be16(p + i), i += 2;
  if (i < n) acc += uint32_t(p[i]) << 8;
  acc = (acc & 0xffffffff) + (acc >> 32);
  acc = (acc & 0xffffffff) + (acc >> 32);
  return uint32_t(acc);
}

uint32_t csum_ipv6_nofold(const Ipv6Addr& src, const Ipv6Addr& dst, uint32_t len, uint8_t proto,
                          uint32_t sum) {
  uint32_t s = csum_partial(src.b, sum);
  s = csum_partial(dst.b, s);
  s = csum_add(s, len);
  return csum_add(s, proto);
}

}  // namespace skbox::wire
