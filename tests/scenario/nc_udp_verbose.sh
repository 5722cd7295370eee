# nc -v messages: Bound on / Connection received on (-n, and without -n: no resolver, getnameinfo warnings except localhost), udp probes and "succeeded!", service names
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link set lo up
ip netns add b
ip link add veth0 type veth peer name veth0 netns b
ip addr add 10.0.0.1/24 dev veth0
ip -n b addr add 10.0.0.2/24 dev veth0
ip link set veth0 up
ip -n b link set veth0 up
ip netns exec b nc -u -l -v 5000 > /tmp/nc_v1 2>&1 &
job=$!
sleep 1
echo a | nc -u -w 1 -p 40000 10.0.0.2 5000
kill $job
wait $job
echo "rc=$?"
cat /tmp/nc_v1
echo "== -n"
ip netns exec b nc -u -l -n -v -p 5001 > /tmp/nc_v2 2>&1 &
job=$!
sleep 1
echo b | nc -u -v -w 1 -p 40001 10.0.0.2 5001
echo "rc=$?"
kill $job
wait $job
cat /tmp/nc_v2
echo "== localhost"
nc -u -l -v 127.0.0.1 5002 > /tmp/nc_v3 2>&1 &
job=$!
sleep 1
echo c | nc -u -v -w 1 -p 40002 localhost 5002
echo "rc=$?"
kill $job
wait $job
cat /tmp/nc_v3
echo "== service name"
ip netns exec b nc -u -l -n -v -s 10.0.0.2 -p domain > /tmp/nc_v4 2>&1 &
job=$!
sleep 1
nc -u -v -z -w 0 -p 40003 10.0.0.2 domain
echo "rc=$?"
nc -u -n -v -z -w 0 -p 40003 10.0.0.2 53
echo "rc=$?"
sleep 1
kill $job
wait $job
cat /tmp/nc_v4
