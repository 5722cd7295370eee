# Router with ip_forward=0: silent drop, which Ip counters and device counters move, ICMP-free.
for ns in h1 r h2; do
  ip netns add $ns
  ip netns exec $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip link add eth0 netns h1 type veth peer name r0 netns r
ip link add eth0 netns h2 type veth peer name r1 netns r
ip -n h1 addr add 10.0.1.2/24 dev eth0
ip -n r addr add 10.0.1.1/24 dev r0
ip -n r addr add 10.0.2.1/24 dev r1
ip -n h2 addr add 10.0.2.2/24 dev eth0
ip -n h1 link set eth0 up
ip -n h2 link set eth0 up
ip -n r link set r0 up
ip -n r link set r1 up
ip -n h1 route add default via 10.0.1.1
ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.0.2.2
echo "rc=$?"
ip netns exec h1 ping -c 1 -W 1 10.9.9.9
echo "rc=$?"
ip netns exec r grep -E '^(Ip|Icmp):' /proc/net/snmp
ip netns exec h1 grep -E '^(Icmp|IcmpMsg):' /proc/net/snmp
ip -n r -s link show r0
ip -n r -s link show r1
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec h1 ping -c 1 -W 1 10.9.9.9
echo "rc=$?"
ip netns exec h1 ping -c 1 -W 1 10.0.2.2
echo "rc=$?"
ip netns exec r grep -E '^(Ip|Icmp|IcmpMsg):' /proc/net/snmp
ip -n r -s link show r1
