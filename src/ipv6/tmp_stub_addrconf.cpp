// TEMPORARY link stubs until addrconf.cpp lands (its author deletes this file).
#include <cstdlib>
#include "ipv6/addrconf.h"
#include "ipv6/ipv6.h"
namespace skbox {
[[gnu::weak]] Inet6Dev::Inet6Dev() {}
[[gnu::weak]] Inet6Dev::~Inet6Dev() {}
[[gnu::weak]] Ipv6NetState& ipv6_net(Net&) { std::abort(); }
[[gnu::weak]] const Ipv6NetState* ipv6_net_if(const Net&) { return nullptr; }
[[gnu::weak]] Inet6Ifaddr* ipv6_get_ifaddr(Net&, const Ipv6Addr&, const NetDevice*, bool) { return nullptr; }
[[gnu::weak]] std::optional<Ipv6Addr> ipv6_get_lladdr(const NetDevice*, uint32_t) { return std::nullopt; }
[[gnu::weak]] void addrconf_dad_failure(Inet6Ifaddr*) {}
}  // namespace skbox
