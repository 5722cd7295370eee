# iperf usage and error paths: no -s/-c, server bind to a foreign address (TCP client output is racy on Linux)
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec a iperf -u
echo rc=$?
ip netns exec a iperf -s -u -B 10.0.0.9
echo rc=$?
ip netns exec a iperf -s -u -p 6000 -B 10.0.0.2
echo rc=$?
