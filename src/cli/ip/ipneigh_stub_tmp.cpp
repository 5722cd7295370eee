// TEMPORARY: replaced by ipneigh.cpp (the `ip neigh` engineer deletes this file).
#include "cli/ip/ip_common.h"

namespace skbox {
[[gnu::weak]] int do_ipneigh(Proc& p, const IpOptions&, std::span<const std::string>) {
  p.err.print("ip neigh: not implemented yet\n");
  return 1;
}
}  // namespace skbox
