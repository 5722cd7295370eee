# Flooding of unknown unicast and broadcast to the other ports, `bridge link set` flood/learning/hairpin/cost/priority/state, and its errors.
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
ip -n h1 neigh add 10.0.0.9 lladdr 02:00:00:00:00:99 dev eth0
sleep 2
rx() { ip -n $1 -s link show eth0 | head -4 | tail -1 | tr -s ' ' | cut -d' ' -f3; }
snap() { a1=$(rx h1); a2=$(rx h2); a3=$(rx h3); }
delta() { echo "rx h1 +$(( $(rx h1) - a1 )) h2 +$(( $(rx h2) - a2 )) h3 +$(( $(rx h3) - a3 ))"; }
snap
ip netns exec h1 ping -c 3 -i 0.2 -W 1 -q 10.0.0.9; echo "rc=$?"
delta
snap
ip netns exec h1 ping -c 2 -i 0.2 -q 10.0.0.2 > /dev/null; echo "rc=$?"
delta
bridge link set dev v2 flood off
snap
ip netns exec h1 ping -c 2 -i 0.2 -W 1 -q 10.0.0.9 > /dev/null; echo "rc=$?"
delta
bridge link set dev v1 hairpin on
snap
ip netns exec h1 ping -c 2 -i 0.2 -W 1 -q 10.0.0.9 > /dev/null; echo "rc=$?"
delta
bridge link set dev v3 learning off
ip netns exec h3 ping -c 1 -q 10.0.0.1 > /dev/null; echo "rc=$?"
bridge fdb show br br0 | grep -v self
bridge link set dev v3 cost 7 priority 9
bridge link set dev v2 state learning
bridge -d link show
bridge link show dev v1
bridge link set dev v3 priority 64; echo "rc=$?"
bridge link set dev v3 cost 0; echo "rc=$?"
bridge link set dev v3 hairpin maybe; echo "rc=$?"
bridge link set dev v3 state bogus; echo "rc=$?"
bridge link set dev eth9 hairpin on; echo "rc=$?"
bridge link set dev br0 hairpin on; echo "rc=$?"
bridge link set hairpin on; echo "rc=$?"
bridge link show dev nosuch; echo "rc=$?"
bridge link foo; echo "rc=$?"
ip link set v3 down
bridge link set dev v3 state forwarding; echo "rc=$?"
bridge link
