# fib_multipath_use_neigh: ECMP skips next hops whose gateway neighbour is FAILED/INCOMPLETE, falls back to the first when none is good.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link set lo up
ip link add a0 type veth peer name a1
ip link add b0 type veth peer name b1
for d in a0 a1 b0 b1; do ip link set $d up; done
ip addr add 10.1.0.1/24 dev a0
ip addr add 10.2.0.1/24 dev b0
ip route add 192.168.0.0/16 nexthop via 10.1.0.2 nexthop via 10.2.0.2
sysctl -qw net.ipv4.fib_multipath_hash_seed=99
for i in 1 2 3 4 5 6; do ip route get 192.168.$i.1 | head -1; done
sysctl -qw net.ipv4.fib_multipath_use_neigh=1
ip neigh add 10.1.0.2 dev a0 nud failed
echo "rc=$?"
ip neigh replace 10.2.0.2 dev b0 nud incomplete
echo "rc=$?"
echo "#SORT-BEGIN"
ip neigh show
echo "#SORT-END"
for i in 1 2 3 4 5 6; do ip route get 192.168.$i.1 | head -1; done
ip neigh replace 10.1.0.2 dev a0 lladdr 02:00:00:00:00:01 nud stale
for i in 1 2 3 4 5 6; do ip route get 192.168.$i.1 | head -1; done
ip neigh replace 10.2.0.2 dev b0 lladdr 02:00:00:00:00:02 nud permanent
for i in 1 2 3 4 5 6; do ip route get 192.168.$i.1 | head -1; done
