# nc -u -l serves only its first peer: a second client's datagrams get ICMP port unreachable (no -k); -k answers whoever spoke last
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns add a
ip netns add b
ip -n a link add veth0 type veth peer name veth0 netns b
ip -n a addr add 10.0.0.1/24 dev veth0
ip -n b addr add 10.0.0.2/24 dev veth0
ip -n a link set veth0 up
ip -n b link set veth0 up
ip netns exec b nc -u -l -n -v 5000 > /tmp/nc_tc1 2>&1 &
job=$!
sleep 1
echo first | ip netns exec a nc -u -w 1 -p 40001 10.0.0.2 5000
echo "rc=$?"
echo second | ip netns exec a nc -u -w 1 -p 40002 10.0.0.2 5000
echo "rc=$?"
echo third | ip netns exec a nc -u -w 1 -p 40001 10.0.0.2 5000
echo "rc=$?"
kill $job
wait $job
echo "listener rc=$?"
cat /tmp/nc_tc1
ip netns exec a grep -E '^(Udp|Icmp):' /proc/net/snmp
ip netns exec b grep -E '^(Udp|Icmp):' /proc/net/snmp
echo "== -k"
ip netns exec b nc -u -l -k -n -v 5002 > /tmp/nc_tc2 2>&1 &
job=$!
sleep 1
echo one | ip netns exec a nc -u -w 1 -p 40003 10.0.0.2 5002
echo two | ip netns exec a nc -u -w 1 -p 40004 10.0.0.2 5002
echo three | ip netns exec a nc -u -w 1 -p 40004 10.0.0.2 5002
kill $job
wait $job
echo "listener rc=$?"
cat /tmp/nc_tc2
