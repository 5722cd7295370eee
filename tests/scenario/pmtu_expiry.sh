# A learned path MTU expires after net.ipv4.route.mtu_expires: ip route get shows the exception, then not; the next DF ping learns it again.
. ./router_lib.inc
router_topo 1400
ip netns exec h1 sysctl -w net.ipv4.route.mtu_expires=10
ip netns exec h1 ping -c 1 -M do -s 1400 10.0.2.2 | head -2
ip -n h1 route get 10.0.2.2
ip -n h1 route show cache
sleep 5
ip -n h1 route get 10.0.2.2
ip netns exec h1 ping -c 1 -M do -s 1400 10.0.2.2 | head -2
sleep 7
ip -n h1 route get 10.0.2.2
ip -n h1 route show cache
ip netns exec h1 ping -c 1 -M do -s 1400 10.0.2.2 | head -2
ip -n h1 route get 10.0.2.2
ip netns exec h1 grep -E '^Icmp(Msg)?:' /proc/net/snmp
