# /proc/net/udp and ss list UDP sockets: a wildcard listener, a connected one after its first datagram, VXLAN's kernel socket; queued bytes in rx_queue.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns add a
ip netns add b
ip -n a link add veth0 type veth peer name veth0 netns b
ip -n a addr add 10.0.0.1/24 dev veth0
ip -n b addr add 10.0.0.2/24 dev veth0
ip -n a link set veth0 up
ip -n b link set veth0 up
ip -n b link add vx0 type vxlan id 42 dstport 4789 local 10.0.0.2
ip -n b link set vx0 up
ip netns exec b nc -u -l 5000 > /tmp/pnu1 &
j1=$!
ip netns exec b nc -u -l 10.0.0.2 5001 > /tmp/pnu2 &
j2=$!
sleep 1
ip netns exec b cat /proc/net/udp | head -1
echo "#SORT-BEGIN"
ip netns exec b cat /proc/net/udp | tail -n +2 | cut -d: -f2- | tr -s ' ' | cut -d' ' -f2-8
echo "#SORT-END"
echo hi | ip netns exec a nc -u -q0 -p 40000 10.0.0.2 5000
kill -STOP $j2
echo queued | ip netns exec a nc -u -q0 -p 40001 10.0.0.2 5001
echo queued | ip netns exec a nc -u -q0 -p 40001 10.0.0.2 5001
sleep 1
echo "#SORT-BEGIN"
ip netns exec b cat /proc/net/udp | tail -n +2 | cut -d: -f2- | tr -s ' ' | cut -d' ' -f2-8
echo "#SORT-END"
echo "#SORT-BEGIN"
ip netns exec b ss -uan | tail -n +2
echo "#SORT-END"
ip -n b link add vx1 type vxlan id 43 dstport 5000 local 10.0.0.2
ip -n b link set vx1 up
echo "rc=$?"
kill -CONT $j2
sleep 1
kill $j1 $j2
wait $j1
wait $j2
cat /tmp/pnu1 /tmp/pnu2
ip netns exec b grep -E '^Udp:' /proc/net/snmp
