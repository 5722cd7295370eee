# nc -u timers in virtual time: -w idle timeout of a listener, -q closes the client socket at EOF (later datagrams: port unreachable), -q0 exits at EOF, -d -w
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns add a
ip netns add b
ip -n a link add veth0 type veth peer name veth0 netns b
ip -n a addr add 10.0.0.1/24 dev veth0
ip -n b addr add 10.0.0.2/24 dev veth0
ip -n a link set veth0 up
ip -n b link set veth0 up
ip netns exec b nc -u -l -w 2 5000 > /tmp/nc_tm1 &
job=$!
sleep 1
echo one | ip netns exec a nc -u -q 0 -p 40000 10.0.0.2 5000
echo "rc=$?"
sleep 1
echo two | ip netns exec a nc -u -q 0 -p 40000 10.0.0.2 5000
sleep 3
echo three | ip netns exec a nc -u -q 0 -p 40000 10.0.0.2 5000
wait $job
echo "listener rc=$?"
cat /tmp/nc_tm1
echo "== -q 3: socket closed at EOF"
echo hi | ip netns exec a nc -u -q 3 -p 40001 10.0.0.2 5001 &
job=$!
sleep 1
echo x | ip netns exec b nc -u -q 0 -p 5001 10.0.0.1 40001
sleep 1
echo x | ip netns exec b nc -u -q 0 -p 5001 10.0.0.1 40001
wait $job
echo "client rc=$?"
echo "== -w 2 without -q: still open"
ip netns exec a nc -u -d -w 2 -p 40002 10.0.0.2 5001 > /tmp/nc_tm2 &
job=$!
sleep 1
echo back | ip netns exec b nc -u -q 0 -p 5001 10.0.0.1 40002
wait $job
echo "client rc=$?"
cat /tmp/nc_tm2
ip netns exec a grep -E '^Udp:' /proc/net/snmp
ip netns exec b grep -E '^Udp:' /proc/net/snmp
