# fdb ageing: learned and dynamic entries expire after ageing_time (virtual sleep in skbox), static ones stay; a port going down flushes what was learned on it.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add br0 type bridge ageing_time 300
ip -d link show br0 | grep -o "ageing_time [0-9]*"
ip link set br0 up
for i in 1 2; do
  ip netns add h$i
  ip netns exec h$i sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ip link add v$i address 02:00:00:00:00:0$i type veth peer name eth0 address 02:00:00:00:01:0$i netns h$i
  ip link set v$i master br0
  ip link set v$i up
  ip -n h$i addr add 10.0.0.$i/24 dev eth0
  ip -n h$i link set eth0 up
done
sleep 2
ip netns exec h1 ping -c 1 -q 10.0.0.2 > /dev/null; echo "rc=$?"
bridge fdb add 02:00:00:00:00:77 dev v1 master dynamic
bridge fdb add 02:00:00:00:00:78 dev v1 master static
bridge fdb show br br0 | grep -v self
sleep 2
echo "after 2s"
bridge fdb show br br0 | grep -v self
sleep 2
echo "after 4s"
bridge fdb show br br0 | grep -v self
ip link set br0 type bridge ageing_time 1000
ip -d link show br0 | grep -o "ageing_time [0-9]*"
ip netns exec h1 ping -c 1 -q 10.0.0.2 > /dev/null; echo "rc=$?"
bridge fdb show br br0 | grep -v self
ip -n h2 link set eth0 down
sleep 1
echo "h2 down"
bridge fdb show br br0 | grep -v self
bridge link
ip link set br0 down
bridge link
bridge fdb show br br0 | grep -v self
