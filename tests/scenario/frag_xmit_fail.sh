# A fragment the device refuses (the veth peer's MTU is smaller) ends the datagram: FragFails, OutDiscards, the rest never sent; a packet to a down loopback is dropped without an error (noop qdisc).
. ./router_lib.inc
router_topo 576
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
