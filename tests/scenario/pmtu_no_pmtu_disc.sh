# net.ipv4.ip_no_pmtu_disc: 1 ignores the advertised MTU (locked at min_pmtu), 2 and 3 drop Frag-needed; 0 learns it.
for ns in h1 r h2; do
  ip netns add $ns
  ip netns exec $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ip -n $ns link set lo up
done
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip link add eth0 netns h1 type veth peer name r0 netns r
ip link add eth0 netns h2 type veth peer name r1 netns r
ip -n r link set r1 mtu 1400
ip -n h2 link set eth0 mtu 1400
ip -n h1 addr add 10.0.1.2/24 dev eth0
ip -n r addr add 10.0.1.1/24 dev r0
ip -n r addr add 10.0.2.1/24 dev r1
ip -n h2 addr add 10.0.2.2/24 dev eth0
for d in "h1 eth0" "h2 eth0" "r r0" "r r1"; do set -- $d; ip -n $1 link set $2 up; done
ip -n h1 route add default via 10.0.1.1
ip -n h2 route add default via 10.0.2.1
for v in 1 2 3 0; do
  ip netns exec h1 sysctl -qw net.ipv4.ip_no_pmtu_disc=$v
  ip -n h1 route flush cache
  ip netns exec h1 ping -c 1 -M want -s 1400 10.0.2.2 | head -2
  ip -n h1 route get 10.0.2.2
done
ip netns exec h1 grep -E '^Icmp:' /proc/net/snmp
