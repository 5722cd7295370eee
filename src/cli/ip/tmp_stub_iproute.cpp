// TEMPORARY link stubs until iproute.cpp, ipnetns.cpp and route.cpp land (their author deletes this file).
#include "cli/ip/ip_common.h"
namespace skbox {
[[gnu::weak]] int do_iproute(Proc& p, const IpOptions&, std::span<const std::string>) { p.err.print("ip route: not implemented yet\n"); return 1; }
[[gnu::weak]] int do_ipnetns(Proc& p, const IpOptions&, std::span<const std::string>) { p.err.print("ip netns: not implemented yet\n"); return 1; }
[[gnu::weak]] int cmd_route(Proc& p, std::span<const std::string>) { p.err.print("route: not implemented yet\n"); return 1; }
}  // namespace skbox
