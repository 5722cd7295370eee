# /proc/net/netstat TcpExt/IpExt/MPTcpExt lines in a fresh namespace and after pings.
ip netns add b
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns exec b sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
cat /proc/net/netstat
ip link add va type veth peer name vb netns b
ip addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip link set va up
ip -n b link set vb up
ping -c 3 -i 0.2 -q 10.0.0.2 >/dev/null
ping -c 1 -q -s 3000 10.0.0.2 >/dev/null
ping -c 1 -q -b 10.0.0.255 >/dev/null 2>&1
grep IpExt /proc/net/netstat
ip netns exec b grep IpExt /proc/net/netstat
ip netns exec b cat /proc/net/netstat | wc -l
