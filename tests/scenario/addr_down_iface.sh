# Addresses and routes on a down interface: ping own address, peer, route get, then back up.
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a link set lo up
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec a ping -c 1 10.0.0.2 | grep -c 'bytes from'
ip -n a link set va down
ip -n a route show table all type local
ip -n a route show
ip netns exec a ping -c 1 -W 1 10.0.0.1
echo "rc=$?"
ip netns exec a ping -c 1 -W 1 10.0.0.2
echo "rc=$?"
ip -n a route get 10.0.0.1
echo "rc=$?"
ip -n a route get 10.0.0.2
echo "rc=$?"
ip netns exec b ping -c 1 -W 1 10.0.0.1
echo "rc=$?"
ip -n a addr show dev va
ip -n a link set va up
ip -n a route show
ip netns exec a ping -c 1 10.0.0.2 | grep -c 'bytes from'
