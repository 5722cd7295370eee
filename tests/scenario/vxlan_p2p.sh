# Point-to-point VXLAN with `remote` over a veth underlay: ping through it, counters on both ends, the default fdb entry, ip -d link.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns add h1
ip netns add h2
ip netns exec h1 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns exec h2 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip -n h1 link add u1 type veth peer name u2 netns h2
ip -n h1 addr add 192.168.0.1/24 dev u1
ip -n h2 addr add 192.168.0.2/24 dev u2
ip -n h1 link set u1 up
ip -n h2 link set u2 up
ip -n h1 link add vxlan0 type vxlan id 42 remote 192.168.0.2 dstport 4789 dev u1
ip -n h2 link add vxlan0 type vxlan id 42 remote 192.168.0.1 dstport 4789 dev u2
ip -n h1 addr add 10.0.0.1/24 dev vxlan0
ip -n h2 addr add 10.0.0.2/24 dev vxlan0
ip -n h1 link set vxlan0 up
ip -n h2 link set vxlan0 up
ip -n h1 -d link show vxlan0
ip netns exec h1 ping -c 2 10.0.0.2
ip -n h1 -s link show vxlan0
ip -n h2 -s link show vxlan0
ip -n h1 -s link show u1
ip netns exec h1 bridge fdb show dev vxlan0
ip netns exec h2 bridge fdb show dev vxlan0
ip netns exec h2 grep Udp: /proc/net/snmp
ip netns exec h1 ip neigh show dev vxlan0
echo "== lower device gone"
ip -n h1 link del u1
ip -n h1 link show
