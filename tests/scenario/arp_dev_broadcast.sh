# Link-layer broadcast address (ip link set brd): where ARP requests go, otherhost drops, bad lladdr errors.
ip netns add b
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns exec b sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add va address 02:00:00:00:00:0a broadcast 02:00:00:00:00:0b type veth peer name vb address 02:00:00:00:00:0b netns b
ip link show va
ip -n b link show vb
ip addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip link set va up
ip -n b link set vb up
ping -c 1 -W 1 10.0.0.2 | grep -E 'bytes from|received'
ip neigh show dev va
ip link set va brd 02:00:00:00:00:99
sysctl -qw net.ipv4.neigh.va.mcast_solicit=1
ip link show va | grep link/
ip neigh flush dev va
ping -c 1 -W 1 10.0.0.2 | grep -E 'bytes from|received'
ip -n b -s link show vb
arping -c 1 -I va 10.0.0.2 | tail -n 1
ip link set va brd ff:ff:ff:ff:ff:ff
arping -c 1 -I va 10.0.0.2 | tail -n 1
ip link add br type veth peer name x
echo "rc=$?"
ip link add vx brd 02:01 type veth
echo "rc=$?"
ip link set va brd 02:00:00:00:00:00:11
echo "rc=$?"
ip link set va brd 02:00
echo "rc=$?"
ip link set va broadcast zz
echo "rc=$?"
ip link show va | grep link/
