# iperf -u over veth: fixed byte count (-n), banners, client/server reports, FIN + Server Report, Udp counters
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec b iperf -s -u > /tmp/iperf_veth_s.txt 2>&1 &
S=$!
sleep 1
ip netns exec a iperf -c 10.0.0.2 -u -n 14700 -B 10.0.0.1:7000
echo rc=$?
sleep 1
kill $S
wait $S
echo "server rc=$?"
cat /tmp/iperf_veth_s.txt
ip netns exec a grep Udp: /proc/net/snmp
ip netns exec b grep Udp: /proc/net/snmp
# a short last datagram (-n not a multiple of -l), another port, -b in Kbit/s
ip netns exec b iperf -s -u -p 6000 -B 10.0.0.2 > /tmp/iperf_veth_s.txt 2>&1 &
S=$!
sleep 1
ip netns exec a iperf -c 10.0.0.2 -u -p 6000 -b 500k -n 5000 -l 1000 -B 10.0.0.1:7001
echo rc=$?
sleep 1
kill $S
wait $S
echo "server rc=$?"
cat /tmp/iperf_veth_s.txt
