# A bridge port holds one promiscuity and one allmulti reference (ip -d link), beside the admin's promisc flag; nomaster drops them.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add br0 type bridge
ip link add va type veth peer name vb
ip link set va master br0
ip -d link show va | grep -o "promiscuity.*allmulti [0-9]*"
ip link set va promisc on
ip link show va
ip -d link show va | grep -o "promiscuity.*allmulti [0-9]*"
ip link set va nomaster
ip -d link show va | grep -o "promiscuity.*allmulti [0-9]*"
ip link set va promisc off
ip -d link show va | grep -o "promiscuity.*allmulti [0-9]*"
