# A UDP sender learns the path MTU from a router's Frag needed (udp_err -> route exception), then fragments its datagrams to fit.
. ./router_lib.inc
router_topo 1400
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
