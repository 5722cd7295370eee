# br_netfilter hairpin NAT (Docker's published port, userland-proxy=false): a container reaches a port DNAT'ed on the bridge host to another container (bridged, replies un-NATed on the bridge) or to itself (back out its own port: only with hairpin on, and with MASQUERADE); without bridge-nf-call-iptables the replies bypass conntrack
. ./brnf_lib.inc
brnf_topo
ip netns exec sw sysctl -qw net.ipv4.ip_forward=1
ip netns exec sw sysctl -qw net.ipv4.conf.all.send_redirects=0 net.ipv4.conf.br0.send_redirects=0
ip netns exec sw iptables -t nat -N DOCKER
ip netns exec sw iptables -t nat -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
ip netns exec sw iptables -t nat -A DOCKER -p udp --dport 8080 -j DNAT --to-destination 10.0.0.3:80
ip netns exec sw iptables -t nat -A DOCKER -s 10.0.0.3 -p icmp -j DNAT --to-destination 10.0.0.3
ip netns exec sw iptables -t nat -A DOCKER ! -s 10.0.0.3 -p icmp -j DNAT --to-destination 10.0.0.2
ip netns exec sw iptables -A FORWARD -o br0 -p icmp -m physdev --physdev-in vc1 --physdev-out vc1
ip netns exec sw iptables -A FORWARD -o br0 -p icmp -m physdev --physdev-in vc2 --physdev-out vc2
ip netns exec sw iptables -A FORWARD -o br0 -p udp -m physdev --physdev-in vc1 --physdev-out vc2
sleep 2
echo "== c1 -> 10.0.0.1:8080 (DNAT to c2:80): bridged, the reply comes back from 10.0.0.1:8080"
echo pong | ip netns exec c2 nc -u -l -p 80 > /tmp/brnf_hairpin_c2 &
sleep 0.3
echo ping | ip netns exec c1 nc -u -w 1 -p 4000 10.0.0.1 8080
echo "rc=$?"
ip netns exec sw conntrack -L -p udp
echo "== c1 pings 10.0.0.1, DNAT'ed to c1 itself: hairpin off drops it at its own port"
ip netns exec c1 ping -c 2 -i 0.2 -W 1 10.0.0.1 | grep "packet loss"
ip netns exec sw bridge -d link show dev vc1 | grep -o "hairpin [a-z]*"
echo "== hairpin on, no MASQUERADE: c1 gets its own address as source (martian)"
ip netns exec sw bridge link set dev vc1 hairpin on
ip netns exec sw conntrack -F 2>/dev/null
ip netns exec c1 ping -c 2 -i 0.2 -W 1 10.0.0.1 | grep "packet loss"
echo "== hairpin on, MASQUERADE -s c1 -d c1 (Docker's hairpin rule)"
ip netns exec sw iptables -t nat -A POSTROUTING -s 10.0.0.2 -d 10.0.0.2 -p icmp -j MASQUERADE
ip netns exec sw conntrack -F 2>/dev/null
ip netns exec c1 ping -c 2 -i 0.2 -W 1 10.0.0.1 | grep "packet loss"
ip netns exec sw conntrack -L -p icmp
echo "== c2 reaching itself the same way, hairpin off on vc2"
ip netns exec c2 ping -c 1 -W 1 10.0.0.1 | grep "packet loss"
ip netns exec sw iptables -t nat -A POSTROUTING -s 10.0.0.3 -d 10.0.0.3 -p icmp -j MASQUERADE
ip netns exec sw bridge link set dev vc2 hairpin on
ip netns exec c2 ping -c 1 -W 1 10.0.0.1 | grep "packet loss"
ip netns exec sw iptables -L FORWARD -n -v -x | grep -v "^Chain"
ip netns exec sw iptables -t nat -L -n -v -x | grep -v "^Chain"
echo "== bridge-nf-call-iptables=0: DNAT happens when routed, replies are bridged untouched"
ip netns exec sw sysctl -qw net.bridge.bridge-nf-call-iptables=0
ip netns exec sw conntrack -F 2>/dev/null
echo pong2 | ip netns exec c2 nc -u -l -p 80 > /tmp/brnf_hairpin_c2b &
sleep 0.3
echo ping2 | ip netns exec c1 nc -u -w 1 -p 4001 10.0.0.1 8080
echo "rc=$?"
ip netns exec sw conntrack -L -p udp
kill %1 %2 2>/dev/null
cat /tmp/brnf_hairpin_c2 /tmp/brnf_hairpin_c2b
