# Static PERMANENT/NOARP neighbours: ping uses them without ARP, ip -s neigh, wrong lladdr, arp -n.
ip netns add b
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns exec b sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add va type veth peer name vb netns b
ip -n b link set vb address 02:00:00:00:00:0b
ip link set va address 02:00:00:00:00:0a
ip addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip link set va up
ip -n b link set vb up
ip neigh add 10.0.0.2 lladdr 02:00:00:00:00:0b dev va nud permanent
ip neigh add 10.0.0.3 lladdr 02:00:00:00:00:0c dev va nud noarp
ip -s neigh show dev va
ping -c 2 -i 0.2 10.0.0.2 | grep -c 'bytes from'
ip -s link show va | head -n 6
ip neigh show 10.0.0.2
ip -n b neigh show
ip neigh replace 10.0.0.2 lladdr 02:00:00:00:00:99 dev va nud permanent
ping -c 1 -W 1 10.0.0.2
echo "rc=$?"
ip -n b -s link show vb
ip neigh show dev va
ip neigh del 10.0.0.2 dev va
ping -c 1 -W 1 10.0.0.2 | grep -c 'bytes from'
ip neigh show 10.0.0.2
arp -n
