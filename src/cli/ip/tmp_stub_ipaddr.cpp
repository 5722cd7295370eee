// TEMPORARY link stubs until ipaddress.cpp and ifconfig.cpp land (their author deletes this file).
#include "cli/ip/ip_common.h"
namespace skbox {
[[gnu::weak]] int do_ipaddr(Proc& p, const IpOptions&, std::span<const std::string>) { p.err.print("ip addr: not implemented yet\n"); return 1; }
[[gnu::weak]] int cmd_ifconfig(Proc& p, std::span<const std::string>) { p.err.print("ifconfig: not implemented yet\n"); return 1; }
}  // namespace skbox
