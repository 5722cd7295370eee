# tcpdump -vv on UDP: a locally sent datagram's checksum is left to offload (shown bad on the sender's side), a fragmented one is complete; zero checksum; counters.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns add a
ip netns add b
ip -n a link add veth0 type veth peer name veth0 netns b
ip -n a addr add 10.0.0.1/24 dev veth0
ip -n b addr add 10.0.0.2/24 dev veth0
ip -n a link set veth0 up
ip -n b link set veth0 up
ip netns exec a ping -c1 -q 10.0.0.2 > /dev/null
ip netns exec b nc -u -l 5000 > /tmp/utc.out &
job=$!
ip netns exec a tcpdump -n -vv -i veth0 -w /tmp/utc.pcap udp 2>/dev/null &
td=$!
sleep 1
echo hello | ip netns exec a nc -u -q0 -p 40000 10.0.0.2 5000
head -c 2000 /dev/zero | tr '\0' z | ip netns exec a nc -u -q0 -p 40000 10.0.0.2 5000
sleep 1
kill $td
wait $td
kill $job
wait $job
tcpdump -n -t -vv -r /tmp/utc.pcap 2>/dev/null | grep -v '^IP '
wc -c < /tmp/utc.out
ip netns exec b grep -E '^Udp:' /proc/net/snmp
