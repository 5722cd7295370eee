# ping -b to a subnet broadcast address: needs -b, answered only where icmp_echo_ignore_broadcasts=0.
ip netns add b
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns exec b sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link set lo up
ip link add va type veth peer name vb netns b
ip addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip link set va up
ip -n b link set vb up
ip -n b link set lo up
ping -c 1 10.0.0.255
echo "rc=$?"
ping -b -c 1 -W 1 10.0.0.255
echo "rc=$?"
ip netns exec b sysctl -w net.ipv4.icmp_echo_ignore_broadcasts=0
ping -b -c 2 -i 0.2 10.0.0.255
echo "rc=$?"
ping -b -c 1 -W 1 255.255.255.255
echo "rc=$?"
