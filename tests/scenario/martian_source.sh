# Martian and local sources: loopback source off-link, accept_local, route_localnet, ping 127/8 via a veth.
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a link set lo up
ip -n b link set lo up
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a addr add 10.9.9.9/32 dev lo
ip -n b addr add 10.9.9.9/32 dev lo
ip -n a link set va up
ip -n b link set vb up
ip netns exec a ping -c 1 -W 1 -I 127.0.0.1 10.0.0.2
echo "rc=$?"
ip -n a route get 10.0.0.2 from 127.0.0.1
echo "rc=$?"
ip netns exec a ping -c 1 -W 1 -I 10.9.9.9 10.0.0.2
echo "rc=$?"
ip -n b route get 10.0.0.2 from 10.9.9.9 iif vb
echo "rc=$?"
ip netns exec b sysctl -w net.ipv4.conf.vb.accept_local=1
ip -n b route get 10.0.0.2 from 10.9.9.9 iif vb
ip -n b route get 127.0.0.1 from 10.0.0.1 iif vb
echo "rc=$?"
ip -n a route add 127.0.0.2/32 via 10.0.0.2
ip netns exec a ping -c 1 -W 1 127.0.0.2
echo "rc=$?"
ip netns exec b sysctl -w net.ipv4.conf.vb.route_localnet=1
ip -n b route get 127.0.0.1 from 10.0.0.1 iif vb
echo "rc=$?"
ip netns exec b sysctl -w net.ipv4.conf.all.route_localnet=1
ip -n b route get 127.0.0.1 from 10.0.0.1 iif vb
ip -n b route get 10.0.0.2 from 127.0.0.5 iif vb
echo "rc=$?"
ip -n b route get 10.0.0.2 from 0.0.0.0 iif vb
echo "rc=$?"
ip -n b route get 10.0.0.2 from 224.0.0.1 iif vb
echo "rc=$?"
