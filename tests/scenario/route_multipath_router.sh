# ECMP on a router: forwarded pings and ip route get iif pick paths by the packet's flow hash (policies 0 and 1, fixed seed); per-link counters on the far side.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
for n in h r s; do ip netns add $n; ip -n $n link set lo up; ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; done
ip link add e0 netns h type veth peer name e1 netns r
ip link add s1 netns s type veth peer name r1 netns r
ip link add s2 netns s type veth peer name r2 netns r
ip -n h addr add 10.1.0.1/24 dev e0
ip -n r addr add 10.1.0.2/24 dev e1
ip -n r addr add 10.3.0.1/24 dev r1
ip -n r addr add 10.4.0.1/24 dev r2
ip -n s addr add 10.3.0.2/24 dev s1
ip -n s addr add 10.4.0.2/24 dev s2
for i in 1 2 3 4 5 6 7 8; do ip -n s addr add 172.16.0.$i/32 dev lo; done
ip -n h link set e0 up; ip -n r link set e1 up; ip -n r link set r1 up; ip -n r link set r2 up
ip -n s link set s1 up; ip -n s link set s2 up
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip netns exec r sysctl -qw net.ipv4.fib_multipath_hash_seed=777
ip -n h route add default via 10.1.0.2
ip -n r route add 172.16.0.0/24 nexthop via 10.3.0.2 nexthop via 10.4.0.2
ip -n s route add 10.1.0.0/24 via 10.3.0.1
sleep 1
for i in 1 2 3 4 5 6 7 8; do ip -n r route get 172.16.0.$i from 10.1.0.1 iif e1 | head -1; done
for i in 1 2 3 4 5 6 7 8; do ip -n r route get 172.16.0.$i from 10.1.0.1 iif e1 ipproto tcp sport 5$i dport 80 | head -1; done
for i in 1 2 3 4 5 6 7 8; do ip netns exec h ping -c 1 -W 1 172.16.0.$i | grep -E "received"; done
ip netns exec s cat /sys/class/net/s1/statistics/rx_packets
ip netns exec s cat /sys/class/net/s2/statistics/rx_packets
ip netns exec r sysctl -qw net.ipv4.fib_multipath_hash_policy=1
for i in 1 2 3 4 5 6 7 8; do ip -n r route get 172.16.0.$i from 10.1.0.1 iif e1 | head -1; done
for i in 1 2 3 4 5 6 7 8; do ip -n r route get 172.16.0.$i from 10.1.0.1 iif e1 ipproto tcp sport 5$i dport 80 | head -1; done
for i in 1 2 3 4 5 6 7 8; do ip -n r route get 172.16.0.$i from 10.1.0.1 iif e1 ipproto icmp | head -1; done
for i in 1 2 3 4 5 6 7 8; do ip netns exec h ping -c 1 -W 1 172.16.0.$i | grep -E "received"; done
ip netns exec s cat /sys/class/net/s1/statistics/rx_packets
ip netns exec s cat /sys/class/net/s2/statistics/rx_packets
