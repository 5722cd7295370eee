// Topologies shared by the macro benchmarks and the allocation test, built
// with the same commands a user would type (and that bench/run.sh runs on
// the real kernel).
#pragma once

namespace skbox::bench {

// Two namespaces joined by a veth pair: a (10.0.0.1) <-> b (10.0.0.2).
inline constexpr const char* kVethScript = R"(ip netns add a
ip netns add b
ip -n a link add eth0 type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n a link set lo up
ip -n b link set lo up
)";

// h1 (10.0.1.2) -- r (10.0.1.1 | 10.0.2.1, forwarding) -- h2 (10.0.2.2).
inline constexpr const char* kRouterScript = R"(ip netns add a
ip netns add r
ip netns add b
ip -n a link add eth0 type veth peer name e1 netns r
ip -n b link add eth0 type veth peer name e2 netns r
ip -n a addr add 10.0.1.2/24 dev eth0
ip -n r addr add 10.0.1.1/24 dev e1
ip -n r addr add 10.0.2.1/24 dev e2
ip -n b addr add 10.0.2.2/24 dev eth0
ip -n a link set eth0 up
ip -n r link set e1 up
ip -n r link set e2 up
ip -n b link set eth0 up
ip -n a route add default via 10.0.1.1
ip -n b route add default via 10.0.2.1
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
)";

inline constexpr const char* kVethTarget = "10.0.0.2";
inline constexpr const char* kRouterTarget = "10.0.2.2";

}  // namespace skbox::bench
