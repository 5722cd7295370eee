// Big-endian loads and stores: the only place bytes are swapped. Every wire
// view reads and writes its fields through these, so accessors return host
// order and nothing above src/wire ever sees network order.
#pragma once
#include <cstdint>

namespace skbox::wire {

constexpr uint16_t load_be16(const uint8_t* p) { return uint16_t((p[0] << 8) | p[1]); }
constexpr uint32_t load_be32(const uint8_t* p) {
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}
constexpr void store_be16(uint8_t* p, uint16_t v) {
  p[0] = uint8_t(v >> 8);
  p[1] = uint8_t(v);
}
constexpr void store_be32(uint8_t* p, uint32_t v) {
  p[0] = uint8_t(v >> 24);
  p[1] = uint8_t(v >> 16);
  p[2] = uint8_t(v >> 8);
  p[3] = uint8_t(v);
}

}  // namespace skbox::wire
