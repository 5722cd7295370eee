# tcpdump on a router's interfaces: ICMP time exceeded and host unreachable, forwarded echo, -i any, icmp filter, kill.
for ns in h1 r h2; do
  ip netns add $ns
  ip netns exec $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ip -n $ns link set lo up
done
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip link add eth0 netns h1 type veth peer name r0 netns r
ip link add eth0 netns h2 type veth peer name r1 netns r
ip -n h1 addr add 10.0.1.2/24 dev eth0
ip -n r addr add 10.0.1.1/24 dev r0
ip -n r addr add 10.0.2.1/24 dev r1
ip -n h2 addr add 10.0.2.2/24 dev eth0
ip -n h1 link set eth0 up
ip -n h2 link set eth0 up
ip -n r link set r0 up
ip -n r link set r1 up
ip -n h1 route add default via 10.0.1.1
ip -n h2 route add default via 10.0.2.1
ip netns exec r tcpdump -i any -n -t icmp > /tmp/te1 2>&1 &
ip netns exec h1 tcpdump -i eth0 -n -t 'icmp[icmptype] != icmp-echo' > /tmp/te2 2>&1 &
sleep 1
ip netns exec h1 ping -c 1 -t 1 10.0.2.2 > /dev/null
ip netns exec h1 ping -c 1 10.0.2.2 > /dev/null
ip netns exec h1 ping -c 1 -W 1 10.0.2.9 > /dev/null
sleep 4
kill %1 %2
wait
cut -d, -f1,3- /tmp/te1
cut -d, -f1,3- /tmp/te2
