# icmp_echo_ignore_all / icmp_echo_ignore_broadcasts: no reply, which counters still move.
ip netns add b
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns exec b sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add va type veth peer name vb netns b
ip addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip link set va up
ip -n b link set vb up
ip netns exec b sysctl net.ipv4.icmp_echo_ignore_all net.ipv4.icmp_echo_ignore_broadcasts
ip netns exec b sysctl -w net.ipv4.icmp_echo_ignore_all=1
ping -c 2 -i 0.2 -W 1 10.0.0.2
echo "rc=$?"
ip netns exec b grep -E '^(Ip|Icmp|IcmpMsg):' /proc/net/snmp
ip netns exec b ping -c 1 -W 1 10.0.0.2
echo "rc=$?"
ip netns exec b ping -c 1 -W 1 127.0.0.1
echo "rc=$?"
ip netns exec b sysctl -w net.ipv4.icmp_echo_ignore_all=0
ip netns exec b sysctl -w net.ipv4.icmp_echo_ignore_broadcasts=0
ping -c 1 -W 1 -b 10.0.0.255 | grep -c 'bytes from'
ip netns exec b sysctl -w net.ipv4.icmp_echo_ignore_broadcasts=1
ping -c 1 -W 1 -b 10.0.0.255
echo "rc=$?"
ip netns exec b grep -E '^(Ip|Icmp|IcmpMsg):' /proc/net/snmp
ip -n b -s link show vb
