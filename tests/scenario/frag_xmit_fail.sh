# A fragment the device refuses (the veth peer's MTU is smaller) ends the datagram: FragFails, OutDiscards, the rest never sent; a packet to a down loopback is dropped without an error (noop qdisc).
for ns in h1 r h2; do
  ip netns add $ns
  ip netns exec $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ip -n $ns link set lo up
done
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip link add eth0 netns h1 type veth peer name r0 netns r
ip link add eth0 netns h2 type veth peer name r1 netns r
ip -n r link set r1 mtu 576
ip -n h2 link set eth0 mtu 576
ip -n h1 addr add 10.0.1.2/24 dev eth0
ip -n r addr add 10.0.1.1/24 dev r0
ip -n r addr add 10.0.2.1/24 dev r1
ip -n h2 addr add 10.0.2.2/24 dev eth0
for d in "h1 eth0" "h2 eth0" "r r0" "r r1"; do set -- $d; ip -n $1 link set $2 up; done
ip -n h1 route add default via 10.0.1.1
ip -n h2 route add default via 10.0.2.1
ip -n r link set r1 mtu 500
ip netns exec h1 ping -c 1 -M want -s 1000 10.0.2.2 >/dev/null
ip netns exec h2 tcpdump -n -t -i eth0 -w /tmp/fxf.pcap icmp 2>/dev/null &
T=$!
sleep 1
ip netns exec h1 ping -c 1 -M want -s 1000 10.0.2.2 | grep -c 'bytes from'
sleep 1
kill $T
wait $T
tcpdump -n -t -r /tmp/fxf.pcap 2>/dev/null | cut -d, -f1,3-
ip netns exec h2 grep -E '^(Ip|Icmp):' /proc/net/snmp
ip -n r -s link show r1 | tail -4
ip -n h2 -s link show eth0 | tail -4
ip -n h2 link set lo down
ip netns exec h2 ping -c 1 -W 1 10.0.2.2 | tail -2
ip netns exec h2 grep -E '^Ip:' /proc/net/snmp
ip -n h2 -s link show lo | tail -2
