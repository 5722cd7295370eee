# A DROP in OUTPUT fails the send with EPERM: ping says nothing and counts the probe, Ip OutDiscards moves; rule and policy counters.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns add n1
ip link add e1 netns n1 type veth peer name p1
ip -n n1 addr add 10.0.1.2/24 dev e1
ip -n n1 link set e1 up
ip addr add 10.0.1.1/24 dev p1
ip link set p1 up
ip netns exec n1 ping -c 1 -W 1 10.0.1.1 | grep -c 'bytes from'
ip netns exec n1 iptables -A OUTPUT -p icmp -j DROP
ip netns exec n1 ping -c 2 -i 0.2 -W 1 10.0.1.1
echo "rc=$?"
ip netns exec n1 grep -E '^Ip:' /proc/net/snmp
ip netns exec n1 iptables -L OUTPUT -n -v -x
ip netns exec n1 iptables -D OUTPUT 1
ip netns exec n1 ping -c 1 -W 1 10.0.1.1 | grep -c 'bytes from'
ip netns exec n1 iptables -L OUTPUT -n -v -x
