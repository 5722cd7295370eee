# nc -u to a closed port: ICMP port unreachable; -q closes before it is read (rc 0), -v probes see ECONNREFUSED (rc 1), -z alone sends nothing; Udp/Icmp counters
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns add a
ip netns add b
ip -n a link add veth0 type veth peer name veth0 netns b
ip -n a addr add 10.0.0.1/24 dev veth0
ip -n b addr add 10.0.0.2/24 dev veth0
ip -n a link set veth0 up
ip -n b link set veth0 up
ip netns exec b sysctl -qw net.ipv4.icmp_ratelimit=0
echo hi | ip netns exec a nc -u -q 1 10.0.0.2 5001
echo "rc=$?"
echo hi | ip netns exec a nc -u -w 1 10.0.0.2 5001
echo "rc=$?"
ip netns exec a nc -u -z -v 10.0.0.2 5001
echo "rc=$?"
ip netns exec a nc -u -z -n -v -w 2 10.0.0.2 5001
echo "rc=$?"
ip netns exec a nc -u -z 10.0.0.2 5001
echo "rc=$?"
ip netns exec a nc -u -v 10.0.0.2 5001 < /dev/null
echo "rc=$?"
ip netns exec a grep -E '^(Udp|Icmp):' /proc/net/snmp
ip netns exec b grep -E '^(Udp|Icmp):' /proc/net/snmp
