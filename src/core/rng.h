// Seeded random numbers. Our own generator and our own range reduction:
// standard-library distributions differ between implementations and would
// break byte-identical output across machines.
#pragma once
#include <cstdint>

namespace skbox {

class Rng {
 public:
  explicit Rng(uint64_t seed = 1) { reseed(seed); }
  void reseed(uint64_t seed);
  uint64_t next_u64();
  uint32_t next_u32() { return static_cast<uint32_t>(next_u64() >> 32); }
  // Uniform in [0, n) for n > 0 (Lemire's multiply-shift, like the kernel's
  // get_random_u32_below()).
  uint32_t below(uint32_t n);

 private:
  uint64_t s_[4];
};

}  // namespace skbox
