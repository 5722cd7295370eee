# VXLAN drops: an unknown VNI is dropped by the tunnel socket (no port unreachable), a down device closes the port (port unreachable), no route or a route through the device itself count as tx errors.
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
ip -n h1 link add vxlan0 type vxlan id 42 remote 192.168.0.2 dstport 4789
ip -n h2 link add vxlan0 type vxlan id 43 remote 192.168.0.1 dstport 4789
ip -n h1 addr add 10.0.0.1/24 dev vxlan0
ip -n h2 addr add 10.0.0.2/24 dev vxlan0
ip -n h1 link set vxlan0 up
ip -n h2 link set vxlan0 up
echo "== VNI 43 into a VNI 42 endpoint"
ip netns exec h2 ping -c 1 -W 1 10.0.0.1 | tail -2
sleep 3
ip netns exec h1 grep Udp: /proc/net/snmp
ip netns exec h1 grep Icmp: /proc/net/snmp
ip -n h1 -s link show vxlan0 | tail -4
ip -n h2 -s link show vxlan0 | tail -4
echo "== the endpoint down: its port is closed"
ip -n h1 link set vxlan0 down
ip netns exec h2 ping -c 1 -W 1 10.0.0.1 | tail -2
sleep 3
ip netns exec h1 grep Udp: /proc/net/snmp
ip netns exec h1 grep Icmp: /proc/net/snmp
echo "== no route to the remote"
ip -n h1 link add vx1 type vxlan id 50 remote 172.16.0.1 dstport 4789
ip -n h1 addr add 10.1.0.1/24 dev vx1
ip -n h1 link set vx1 up
ip netns exec h1 ping -c 1 -W 1 10.1.0.2 | tail -2
sleep 3
ip -n h1 -s -s link show vx1 | tail -6
echo "== a route to the remote through the device itself"
ip -n h1 link add vx2 type vxlan id 51 remote 172.17.0.1 dstport 4789
ip -n h1 addr add 10.2.0.1/24 dev vx2
ip -n h1 link set vx2 up
ip -n h1 route add 172.17.0.1 dev vx2
ip netns exec h1 ping -c 1 -W 1 10.2.0.2 | tail -2
sleep 3
ip -n h1 -s -s link show vx2 | tail -6
