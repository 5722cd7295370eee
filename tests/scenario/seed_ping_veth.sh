# Seed scenario (verbatim): veth into a namespace, ifconfig/route there, ping it from the host.
ip netns add t1
ip link add veth1 type veth peer name veth2
ip link set veth1 netns t1
ip netns exec t1 ifconfig veth1 192.168.1.200/24 up
ip addr add 192.168.1.100/24 dev veth2 && ip link set veth2 up
ip netns exec t1 route add default gw 192.168.1.100
ping -c 3 192.168.1.200
