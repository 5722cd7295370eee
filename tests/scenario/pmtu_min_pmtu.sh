# An advertised MTU below net.ipv4.route.min_pmtu is raised to it and locked: DF is no longer set, so the router fragments.
. ./router_lib.inc
router_topo
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
