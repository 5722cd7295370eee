# Route-level linkdown of an ECMP route: set when created with every link down, cleared by one carrier, not set again by one link losing it.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add a0 type veth peer name a1
ip link add b0 type veth peer name b1
ip link set a0 up; ip link set b0 up
ip addr add 10.1.0.1/24 dev a0
ip addr add 10.2.0.1/24 dev b0
ip route add 10.9.0.0/16 nexthop via 10.1.0.2 nexthop via 10.2.0.2
ip route show 10.9.0.0/16
ip -j route show 10.9.0.0/16
ip link set a1 up
sleep 1
ip route show 10.9.0.0/16
ip link set a1 down
sleep 1
ip -j route show 10.9.0.0/16
