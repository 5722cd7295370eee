# ping -f -c N gets every reply (a zero round trip must not end it early) and prints one dot and one backspace per packet.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add va type veth peer name vb
ip addr add 10.0.0.1/24 dev va
ip link set va up
ip netns add n1
ip link set vb netns n1
ip -n n1 addr add 10.0.0.2/24 dev vb
ip -n n1 link set vb up
ping -f -c 5 10.0.0.2 | tr "\b" B | head -2
ping -f -q -c 200 10.0.0.2 | grep transmitted | cut -d, -f1-3
