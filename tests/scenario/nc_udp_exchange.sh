# nc -u between two namespaces over veth: listener connects to its first peer, copies both ways; -q/-w ends the client; kill ends the listener (143)
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns add a
ip netns add b
ip -n a link add veth0 type veth peer name veth0 netns b
ip -n a addr add 10.0.0.1/24 dev veth0
ip -n b addr add 10.0.0.2/24 dev veth0
ip -n a link set veth0 up
ip -n b link set veth0 up
ip netns exec b nc -u -l 5000 > /tmp/nc_ex1 &
job=$!
sleep 1
echo hello | ip netns exec a nc -u -q 1 -p 40000 10.0.0.2 5000
echo "rc=$?"
printf 'line1\nline2\n' | ip netns exec a nc -u -q 1 -p 40000 10.0.0.2 5000
echo "rc=$?"
sleep 1
kill $job
wait $job
echo "listener rc=$?"
echo "== listener got"
cat /tmp/nc_ex1
echo "== reply from the listener's stdin"
echo pong | ip netns exec b nc -u -l -p 5001 > /tmp/nc_ex2 &
job=$!
sleep 1
echo ping | ip netns exec a nc -u -w 2 -p 40001 10.0.0.2 5001
echo "rc=$?"
kill $job
wait $job
echo "listener rc=$?"
cat /tmp/nc_ex2
echo "== counters"
ip netns exec a grep -E '^Udp:' /proc/net/snmp
ip netns exec b grep -E '^Udp:' /proc/net/snmp
