# Bridge learning and forwarding: three hosts on br0, pings between them, the learned fdb, port states, rx counters.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add br0 type bridge
ip link set br0 up
for i in 1 2 3; do
  ip netns add h$i
  ip netns exec h$i sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ip link add v$i address 02:00:00:00:00:0$i type veth peer name eth0 address 02:00:00:00:01:0$i netns h$i
  ip link set v$i master br0
  ip link set v$i up
  ip -n h$i addr add 10.0.0.$i/24 dev eth0
  ip -n h$i link set eth0 up
done
sleep 2
bridge link
ip link show br0
ip -br link show master br0
ip netns exec h1 ping -c 2 -i 0.2 10.0.0.2
ip netns exec h3 ping -c 1 10.0.0.1
bridge fdb show br br0
bridge fdb show dev v1
ip -s link show v1 | head -4
ip -s link show br0 | head -4
ip netns exec h2 ip neigh show
