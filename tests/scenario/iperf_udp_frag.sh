# iperf -u with datagrams larger than the MTU: fragmented at the sender, refragmented by a router, reassembled
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns add a
ip netns add r
ip netns add b
ip link add va netns a type veth peer name ra netns r
ip link add rb netns r type veth peer name vb netns b
ip -n a addr add 10.0.1.1/24 dev va
ip -n r addr add 10.0.1.254/24 dev ra
ip -n r addr add 10.0.2.254/24 dev rb
ip -n b addr add 10.0.2.1/24 dev vb
ip -n r link set rb mtu 1000
ip -n b link set vb mtu 1000
for l in "a va" "r ra" "r rb" "b vb"; do set -- $l; ip -n $1 link set $2 up; done
ip -n a route add default via 10.0.1.254
ip -n b route add default via 10.0.2.254
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip netns exec b iperf -s -u -l 4000 > /tmp/iperf_frag_s.txt 2>&1 &
S=$!
sleep 1
ip netns exec a iperf -c 10.0.2.1 -u -l 4000 -n 40000 -b 10M -B 10.0.1.1:7000
echo rc=$?
sleep 1
kill $S
wait $S
echo "server rc=$?"
cat /tmp/iperf_frag_s.txt
for n in a r b; do
  echo "== $n"
  ip netns exec $n grep Ip: /proc/net/snmp | cut -d' ' -f15-20
  ip netns exec $n grep Udp: /proc/net/snmp | cut -d' ' -f1-5
done
