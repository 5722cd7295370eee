# Learned PMTU exceptions live with their route: kept across change, shadowed by an mtu metric, gone after del + add.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
for n in h r s; do ip netns add $n; ip -n $n link set lo up; ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; done
ip link add e0 netns h type veth peer name e1 netns r
ip link add e2 netns r type veth peer name e3 netns s
ip -n h addr add 10.1.0.1/24 dev e0
ip -n r addr add 10.1.0.2/24 dev e1
ip -n r addr add 10.2.0.1/24 dev e2
ip -n s addr add 10.2.0.2/24 dev e3
ip -n h link set e0 up; ip -n r link set e1 up; ip -n r link set e2 up; ip -n s link set e3 up
ip -n r link set e2 mtu 1400; ip -n s link set e3 mtu 1400
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip -n h route add 10.2.0.0/24 via 10.1.0.2
ip -n s route add default via 10.2.0.1
ip netns exec h ping -c 1 -s 1450 -M do 10.2.0.2 | grep -E "mtu|received"
ip netns exec h ping -c 1 -s 1450 -M do 10.2.0.2 | grep -E "mtu|received"
ip -n h route get 10.2.0.2
ip -n h route show cache
ip -n h route change 10.2.0.0/24 via 10.1.0.2 metric 0
ip -n h route get 10.2.0.2
ip -n h route replace 10.2.0.0/24 via 10.1.0.2 mtu 1300
ip -n h route get 10.2.0.2
ip netns exec h ping -c 1 -s 1450 -M do 10.2.0.2 | grep -E "mtu|received"
ip -n h route get 10.2.0.2
ip -n h route del 10.2.0.0/24
ip -n h route add 10.2.0.0/24 via 10.1.0.2
ip -n h route get 10.2.0.2
ip -n h route show cache
