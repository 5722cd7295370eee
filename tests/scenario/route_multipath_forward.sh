# ECMP forwarding: a host with two routers to a server; pings spread by the flow hash, fall back when a path dies.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
for n in h r1 r2 s; do ip netns add $n; ip -n $n link set lo up; ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; done
ip link add h1 netns h type veth peer name r1h netns r1
ip link add h2 netns h type veth peer name r2h netns r2
ip link add s1 netns s type veth peer name r1s netns r1
ip link add s2 netns s type veth peer name r2s netns r2
ip -n h addr add 10.1.0.1/24 dev h1
ip -n h addr add 10.2.0.1/24 dev h2
ip -n r1 addr add 10.1.0.2/24 dev r1h
ip -n r2 addr add 10.2.0.2/24 dev r2h
ip -n r1 addr add 10.3.0.1/24 dev r1s
ip -n r2 addr add 10.4.0.1/24 dev r2s
ip -n s addr add 10.3.0.2/24 dev s1
ip -n s addr add 10.4.0.2/24 dev s2
for i in 1 2 3 4 5 6 7 8; do ip -n s addr add 172.16.0.$i/32 dev lo; done
ip -n h link set h1 up; ip -n h link set h2 up
ip -n r1 link set r1h up; ip -n r1 link set r1s up
ip -n r2 link set r2h up; ip -n r2 link set r2s up
ip -n s link set s1 up; ip -n s link set s2 up
ip netns exec r1 sysctl -qw net.ipv4.ip_forward=1
ip netns exec r2 sysctl -qw net.ipv4.ip_forward=1
ip -n r1 route add 172.16.0.0/24 via 10.3.0.2
ip -n r2 route add 172.16.0.0/24 via 10.4.0.2
ip -n r1 route add 10.2.0.0/24 via 10.1.0.1
ip -n r2 route add 10.1.0.0/24 via 10.2.0.1
ip -n h route add 172.16.0.0/24 nexthop via 10.1.0.2 nexthop via 10.2.0.2
ip -n s route add default nexthop via 10.3.0.1 nexthop via 10.4.0.1
ip netns exec h sysctl -qw net.ipv4.fib_multipath_hash_seed=4242
ip netns exec s sysctl -qw net.ipv4.fib_multipath_hash_seed=4242
ip netns exec r1 sysctl -qw net.ipv4.fib_multipath_hash_seed=4242
sleep 1
for i in 1 2 3 4 5 6 7 8; do ip -n h route get 172.16.0.$i | head -1; done
for i in 1 2 3 4 5 6 7 8; do ip -n s route get 10.1.0.1 from 172.16.0.$i | head -1; done
for i in 1 2 3 4 5 6 7 8; do ip netns exec h ping -c 1 -W 1 172.16.0.$i | grep -E "bytes from|received"; done
ip netns exec r1 cat /sys/class/net/r1h/statistics/rx_packets
ip netns exec r2 cat /sys/class/net/r2h/statistics/rx_packets
ip netns exec r1 cat /sys/class/net/r1s/statistics/rx_packets
ip netns exec r2 cat /sys/class/net/r2s/statistics/rx_packets
ip -n h link set h1 down
ip -n h route
for i in 1 2 3 4; do ip netns exec h ping -c 1 -W 1 172.16.0.$i | grep -E "bytes from|received"; done
ip -n h link set h1 up
ip -n h route
for i in 1 2 3 4; do ip -n h route get 172.16.0.$i | head -1; done
ip -n r1 link set r1s down
sleep 1
ip -n s route
ip netns exec s sysctl -qw net.ipv4.conf.all.ignore_routes_with_linkdown=1
ip -n s route
for i in 1 2 3 4 5 6 7 8; do ip -n s route get 10.1.0.1 from 172.16.0.$i | head -1; done
