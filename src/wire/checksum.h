// Internet checksum (RFC 1071) with the Linux helper names: csum_partial,
// csum_fold, csum_tcpudp_magic, csum_ipv6_magic, csum_replace2/4, csum16_add.
//
// A "wsum" (uint32_t) is an unfolded ones'-complement sum of the data taken as
// big-endian 16-bit words; a "sum16" (uint16_t) is the folded, complemented
// value as it appears in a header field, in host order. Linux does the same
// arithmetic on native-endian words; ones'-complement sums are byte-order
// independent, so every sum16 here equals the bytes Linux stores.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>

#include "wire/addr.h"

namespace skbox::wire {

// Ones'-complement add/subtract on 32-bit partial sums (end-around carry).
constexpr uint32_t csum_add(uint32_t a, uint32_t b) {
  uint32_t r = a + b;
  return r + (r < b);
}
constexpr uint32_t csum_sub(uint32_t a, uint32_t b) { return csum_add(a, ~b); }
constexpr uint32_t csum_unfold(uint16_t s) { return s; }

// Folds to 16 bits and complements: the value to store in a checksum field.
// On a received header, folding the sum over the whole header gives 0 if valid.
constexpr uint16_t csum_fold(uint32_t s) {
  s = (s & 0xffff) + (s >> 16);
  s = (s & 0xffff) + (s >> 16);
  return uint16_t(~s);
}

// Sum of `data` (an odd trailing byte is the high half of a zero-padded word)
// added to `sum`.
uint32_t csum_partial(std::span<const uint8_t> data, uint32_t sum = 0);

// Adds the sum of a block that started at byte `offset` of the whole: a block
// at an odd offset has its bytes in the other halves of each word.
constexpr uint32_t csum_block_add(uint32_t sum, uint32_t block, size_t offset) {
  if (offset & 1) block = (block >> 8) | (block << 24);
  return csum_add(sum, block);
}

// ip_fast_csum: folded checksum over an IPv4 header; 0 when it verifies.
inline uint16_t ip_fast_csum(std::span<const uint8_t> hdr) { return csum_fold(csum_partial(hdr)); }

// IPv4 pseudo header (src, dst, zero, proto, len) added to `sum`.
constexpr uint32_t csum_tcpudp_nofold(Ipv4Addr src, Ipv4Addr dst, uint32_t len, uint8_t proto,
                                      uint32_t sum) {
  uint64_t s = uint64_t(sum) + src.v + dst.v + len + proto;
  s = (s & 0xffffffff) + (s >> 32);
  s = (s & 0xffffffff) + (s >> 32);
  return uint32_t(s);
}
constexpr uint16_t csum_tcpudp_magic(Ipv4Addr src, Ipv4Addr dst, uint32_t len, uint8_t proto,
                                     uint32_t sum) {
  return csum_fold(csum_tcpudp_nofold(src, dst, len, proto, sum));
}

// IPv6 pseudo header (RFC 8200 8.1: src, dst, 32-bit length, 3 zero bytes,
// next header) added to `sum`, folded and complemented.
uint32_t csum_ipv6_nofold(const Ipv6Addr& src, const Ipv6Addr& dst, uint32_t len, uint8_t proto,
                          uint32_t sum);
inline uint16_t csum_ipv6_magic(const Ipv6Addr& src, const Ipv6Addr& dst, uint32_t len,
                                uint8_t proto, uint32_t sum) {
  return csum_fold(csum_ipv6_nofold(src, dst, len, proto, sum));
}

// Pseudo-header sums for a transport checksum, so UDP/TCP views take either
// address family: the full check is csum_fold(pseudo_header_sum(...) + data).
constexpr uint32_t pseudo_header_sum(Ipv4Addr src, Ipv4Addr dst, uint8_t proto, uint32_t len) {
  return csum_tcpudp_nofold(src, dst, len, proto, 0);
}
inline uint32_t pseudo_header_sum(const Ipv6Addr& src, const Ipv6Addr& dst, uint8_t proto, uint32_t len) {
  return csum_ipv6_nofold(src, dst, len, proto, 0);
}

// --- Incremental update (RFC 1624 eqn. 3), same arithmetic as Linux so the
// --- resulting field is bit-identical (including the 0x0000/0xffff choice).

// 16-bit ones'-complement add/sub (csum16_add / csum16_sub).
constexpr uint16_t csum16_add(uint16_t csum, uint16_t addend) {
  uint16_t r = uint16_t(csum + addend);
  return uint16_t(r + (r < addend));
}
constexpr uint16_t csum16_sub(uint16_t csum, uint16_t addend) { return csum16_add(csum, uint16_t(~addend)); }

// A 16-bit field covered by `check` changed from `from` to `to`.
constexpr void csum_replace2(uint16_t& check, uint16_t from, uint16_t to) {
  check = uint16_t(~csum16_add(csum16_sub(uint16_t(~check), from), to));
}
// A 32-bit field (e.g. an address rewritten by NAT) changed.
constexpr void csum_replace4(uint16_t& check, uint32_t from, uint32_t to) {
  uint32_t tmp = csum_sub(~csum_unfold(check), from);
  check = csum_fold(csum_add(tmp, to));
}

}  // namespace skbox::wire
