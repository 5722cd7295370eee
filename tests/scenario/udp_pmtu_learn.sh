# A UDP sender learns the path MTU from a router's Frag needed (udp_err -> route exception), then fragments its datagrams to fit.
for ns in h1 r h2; do
  ip netns add $ns
  ip netns exec $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ip -n $ns link set lo up
done
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip link add eth0 netns h1 type veth peer name r0 netns r
ip link add eth0 netns h2 type veth peer name r1 netns r
ip -n r link set r1 mtu 1400
ip -n h2 link set eth0 mtu 1400
ip -n h1 addr add 10.0.1.2/24 dev eth0
ip -n r addr add 10.0.1.1/24 dev r0
ip -n r addr add 10.0.2.1/24 dev r1
ip -n h2 addr add 10.0.2.2/24 dev eth0
for d in "h1 eth0" "h2 eth0" "r r0" "r r1"; do set -- $d; ip -n $1 link set $2 up; done
ip -n h1 route add default via 10.0.1.1
ip -n h2 route add default via 10.0.2.1
ip netns exec h2 nc -u -l 5000 > /tmp/udp_pmtu.out &
job=$!
sleep 1
head -c 1450 /dev/zero | tr '\0' a | ip netns exec h1 nc -u -q0 -p 40000 10.0.2.2 5000
echo "rc=$?"
ip -n h1 route get 10.0.2.2
ip netns exec h1 grep -E '^(Ip|Udp|Icmp):' /proc/net/snmp
head -c 1450 /dev/zero | tr '\0' b | ip netns exec h1 nc -u -q0 -p 40000 10.0.2.2 5000
echo "rc=$?"
sleep 1
kill $job
wait $job
echo "listener rc=$?"
wc -c < /tmp/udp_pmtu.out
head -c 5 /tmp/udp_pmtu.out; echo
ip netns exec h1 grep -E '^(Ip|Udp):' /proc/net/snmp
ip netns exec r grep -E '^Ip:' /proc/net/snmp
ip netns exec h2 grep -E '^(Ip|Udp):' /proc/net/snmp
