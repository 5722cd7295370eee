# Every route type in show/table all/type filters, their add errors, and what ip route get (output, iif, fibmatch, -j) answers.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
for n in h r s; do ip netns add $n; ip -n $n link set lo up; ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; done
ip link add e0 netns h type veth peer name e1 netns r
ip link add e2 netns r type veth peer name e3 netns s
ip -n h addr add 10.1.0.1/24 dev e0
ip -n r addr add 10.1.0.2/24 dev e1
ip -n r addr add 10.2.0.1/24 dev e2
ip -n s addr add 10.2.0.2/24 dev e3
ip -n h link set e0 up; ip -n r link set e1 up; ip -n r link set e2 up; ip -n s link set e3 up
ip -n r link set e2 mtu 1400; ip -n s link set e3 mtu 1400
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip -n h route add 10.2.0.0/24 via 10.1.0.2
ip -n s route add default via 10.2.0.1
echo "== types"
ip -n h route add blackhole 10.50.0.0/16
ip -n h route add unreachable 10.51.0.0/16
ip -n h route add prohibit 10.52.0.0/16
ip -n h route add throw 10.53.0.0/16
ip -n h route add local 10.54.0.0/16 dev lo
ip -n h route add broadcast 10.55.0.255 dev e0
ip -n h route add multicast 239.1.0.0/16 dev e0
ip -n h route add unicast 10.56.0.0/16 via 10.1.0.2
ip -n h route add nat 10.57.0.0/16 via 10.1.0.2
echo "rc=$?"
ip -n h route add anycast 10.58.0.1 dev e0
echo "rc=$?"
ip -n h route add blackhole 10.59.0.0/16 dev e0
echo "rc=$?"
ip -n h route add unreachable 10.59.0.0/16 via 10.1.0.2
echo "rc=$?"
ip -n h route show table all
ip -n h route show type unreachable
ip -n h route show table local type local
for a in 10.50.1.1 10.51.1.1 10.52.1.1 10.53.1.1 10.54.1.1 10.55.0.255 239.1.2.3 10.56.1.1 10.58.0.1; do ip -n h route get $a; echo rc=$?; done
for a in 10.50.1.1 10.51.1.1 10.52.1.1 10.53.1.1; do ip -n h route get $a from 10.9.9.9 iif e0; echo rc=$?; done
ip -n h -j route get 10.54.1.1
ip -n h route get fibmatch 10.52.1.1
ip -n h route get fibmatch 10.54.1.1
ip -n h route get fibmatch 10.53.1.1
echo "rc=$?"
