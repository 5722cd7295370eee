# proxy_arp on a router: on-link /16 host reaches another subnet through proxied ARP; arp_ignore modes.
for ns in h1 r h2; do
  ip netns add $ns
  ip netns exec $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip link add eth0 netns h1 type veth peer name r0 netns r
ip link add eth0 netns h2 type veth peer name r1 netns r
ip -n h1 addr add 10.0.1.2/16 dev eth0
ip -n r addr add 10.0.1.1/24 dev r0
ip -n r addr add 10.0.2.1/24 dev r1
ip -n h2 addr add 10.0.2.2/24 dev eth0
for d in "h1 eth0" "h2 eth0" "r r0" "r r1"; do set -- $d; ip -n $1 link set $2 up; done
ip -n h2 route add default via 10.0.2.1
ip netns exec h1 arping -c 1 -I eth0 10.0.2.2 | grep -E 'Unicast|Received' | cut -d' ' -f1-4
ip netns exec r sysctl -w net.ipv4.conf.r0.proxy_arp=1 net.ipv4.neigh.r0.proxy_delay=0
ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.0.2.2 | grep -E 'bytes from|received'
ip -n h1 neigh show 10.0.2.2 | cut -d' ' -f1-3,6
ip netns exec h1 arping -c 1 -I eth0 10.0.2.2 | grep -E 'Unicast|Received' | cut -d' ' -f1-4
ip netns exec h1 arping -c 1 -I eth0 10.0.1.77 | grep -E 'Unicast|Received' | cut -d' ' -f1-4
ip netns exec h1 arping -c 1 -I eth0 10.0.2.1 | grep -E 'Unicast|Received' | cut -d' ' -f1-4
ip netns exec r sysctl -w net.ipv4.conf.r0.arp_ignore=1
ip netns exec h1 arping -c 1 -I eth0 10.0.2.1 | grep -E 'Unicast|Received' | cut -d' ' -f1-4
ip netns exec h1 arping -c 1 -I eth0 10.0.1.1 | grep -E 'Unicast|Received' | cut -d' ' -f1-4
ip netns exec r sysctl -w net.ipv4.conf.r0.arp_ignore=8
ip netns exec h1 arping -c 1 -I eth0 10.0.1.1 | grep -E 'Unicast|Received' | cut -d' ' -f1-4
ip netns exec r sysctl -w net.ipv4.conf.r0.proxy_arp=0 net.ipv4.conf.all.proxy_arp=1
ip netns exec h1 arping -c 1 -I eth0 10.0.2.2 | grep -E 'Unicast|Received' | cut -d' ' -f1-4
ip netns exec r grep -E '^(Ip|IcmpMsg):' /proc/net/snmp
