# An advertised MTU below net.ipv4.route.min_pmtu is raised to it and locked: DF is no longer set, so the router fragments.
for ns in h1 r h2; do
  ip netns add $ns
  ip netns exec $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ip -n $ns link set lo up
done
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip link add eth0 netns h1 type veth peer name r0 netns r
ip link add eth0 netns h2 type veth peer name r1 netns r
ip -n h1 addr add 10.0.1.2/24 dev eth0
ip -n r addr add 10.0.1.1/24 dev r0
ip -n r addr add 10.0.2.1/24 dev r1
ip -n h2 addr add 10.0.2.2/24 dev eth0
for d in "h1 eth0" "h2 eth0" "r r0" "r r1"; do set -- $d; ip -n $1 link set $2 up; done
ip -n h1 route add default via 10.0.1.1
ip -n h2 route add default via 10.0.2.1
ip -n r link set r1 mtu 500
ip netns exec h1 ping -c 1 -M want -s 1000 10.0.2.2 | head -2
ip -n h1 route get 10.0.2.2
ip netns exec h1 ping -c 1 -M want -s 1000 10.0.2.2 | grep -c 'bytes from'
ip netns exec h1 ping -c 1 -M do -s 600 10.0.2.2 | head -2
echo "rc=$?"
ip netns exec r grep -E '^Ip:' /proc/net/snmp
ip netns exec h1 sysctl net.ipv4.route.min_pmtu
ip netns exec h1 sysctl -w net.ipv4.route.min_pmtu=67
echo "rc=$?"
ip netns exec h1 sysctl -w net.ipv4.route.min_pmtu=68
ip -n h1 route flush cache
ip netns exec h1 ping -c 1 -M want -s 1000 10.0.2.2 | head -2
ip -n h1 route get 10.0.2.2
