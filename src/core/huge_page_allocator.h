// An allocator for the large flat arrays a lookup indexes at random (the
// compiled route table): blocks of 2 MiB and more are 2 MiB aligned and
// advised as transparent huge pages, so a random lookup costs a cache miss
// and not also a TLB miss. Smaller blocks come from malloc as usual.
#pragma once
#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <new>

namespace skbox {

template <class T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr size_t kHuge = size_t(2) << 20;

  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) {}

  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    void* p = nullptr;
    if (bytes >= kHuge) {
      p = std::aligned_alloc(kHuge, (bytes + kHuge - 1) & ~(kHuge - 1));
      // Advice only: without THP the block still works on small pages.
      if (p) (void)madvise(p, bytes, MADV_HUGEPAGE);
    } else {
      p = std::malloc(bytes ? bytes : 1);
    }
    if (!p) throw std::bad_alloc();
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t) { std::free(p); }

  template <class U>
  bool operator==(const HugePageAllocator<U>&) const { return true; }
};

}  // namespace skbox
