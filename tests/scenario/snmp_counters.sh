# /proc/net/snmp Ip/Icmp counters on both ends after successful, fragmented and failed pings.
ip netns add b
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns exec b sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add va type veth peer name vb netns b
ip addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip link set va up
ip -n b link set vb up
cat /proc/net/snmp
ping -c 3 -i 0.2 -q 10.0.0.2 >/dev/null
ping -c 1 -q -s 3000 10.0.0.2 >/dev/null
ping -c 1 -q 10.1.1.1
ping -c 1 -q -W 1 10.0.0.3 >/dev/null
grep -E '^(Ip|Icmp|IcmpMsg):' /proc/net/snmp
ip netns exec b grep -E '^(Ip|Icmp|IcmpMsg):' /proc/net/snmp
ip netns exec b cat /proc/net/snmp | head -n 2
