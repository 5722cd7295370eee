# Multipath routes under replace/change/prepend/append, in another table, flushed with -s, and when a device loses its last address (next hops die, route goes with the last one).
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link set lo up
ip link add a0 type veth peer name a1
ip link add b0 type veth peer name b1
for d in a0 a1 b0 b1; do ip link set $d up; done
ip addr add 10.1.0.1/24 dev a0
ip addr add 10.2.0.1/24 dev b0
ip route add 10.9.0.0/16 via 10.1.0.2
ip route replace 10.9.0.0/16 nexthop via 10.1.0.2 nexthop via 10.2.0.2
ip route
ip route replace 10.9.0.0/16 nexthop via 10.1.0.2 nexthop via 10.2.0.2; echo rc=$?
ip route change 10.9.0.0/16 nexthop via 10.2.0.2 weight 3 nexthop via 10.1.0.2; echo rc=$?
ip route prepend 10.9.0.0/16 nexthop via 10.2.0.2 nexthop via 10.1.0.2 weight 3; echo rc=$?
ip route append 10.9.0.0/16 nexthop via 10.2.0.2 weight 3 nexthop via 10.1.0.2; echo rc=$?
ip route append 10.9.0.0/16 via 10.1.0.2 metric 3; echo rc=$?
ip route
ip route add 10.10.0.0/16 table 50 nexthop via 10.1.0.2 nexthop via 10.2.0.2
ip route show table 50
ip route show table all
ip -s route flush 10.9.0.0/16
ip route
ip route flush table 50
ip route show table 50
ip route add 10.11.0.0/16 nexthop via 10.1.0.2 nexthop via 10.2.0.2
ip addr del 10.2.0.1/24 dev b0
ip route
ip route add 10.12.0.0/16 src 10.1.0.1 nexthop via 10.1.0.2 nexthop dev b0
ip route
ip addr del 10.1.0.1/24 dev a0
ip route
