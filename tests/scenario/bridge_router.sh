# The bridge as an IP interface: an address on br0, hosts ping it, and it routes between two bridges (br0 and br1) with ip_forward.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
sysctl -qw net.ipv4.ip_forward=1
ip link add br0 type bridge
ip link add br1 type bridge
ip addr add 10.0.0.254/24 dev br0
ip addr add 10.1.0.254/24 dev br1
ip link set br0 up
ip link set br1 up
for i in 1 2 3; do
  ip netns add h$i
  ip netns exec h$i sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ip link add v$i address 02:00:00:00:00:0$i type veth peer name eth0 address 02:00:00:00:01:0$i netns h$i
  ip -n h$i link set eth0 up
  ip link set v$i up
done
ip link set v1 master br0
ip link set v2 master br0
ip link set v3 master br1
ip -n h1 addr add 10.0.0.1/24 dev eth0
ip -n h2 addr add 10.0.0.2/24 dev eth0
ip -n h3 addr add 10.1.0.3/24 dev eth0
ip -n h1 route add default via 10.0.0.254
ip -n h2 route add default via 10.0.0.254
ip -n h3 route add default via 10.1.0.254
sleep 2
ip -4 addr show dev br0
ip route show
ip netns exec h1 ping -c 2 -i 0.2 10.0.0.254
ip netns exec h1 ping -c 2 -i 0.2 10.1.0.3
ip netns exec h3 ping -c 1 10.0.0.2
echo "#SORT-BEGIN"
ip neigh show dev br0
echo "#SORT-END"
ip neigh show dev br1
bridge fdb show br br1 | grep -v self
ip -s link show br1 | head -4
ip netns exec h1 ip neigh show
ip link set v3 nomaster
ip netns exec h1 ping -c 1 -W 1 10.1.0.3; echo "rc=$?"
