# DNAT in OUTPUT: h1's pings and datagrams to 192.0.2.1 are rerouted to h2 and the replies come back from 192.0.2.1; nat rules without conntrack users see no packets
. ./router_lib.inc
router_topo
ip netns exec h1 iptables -t nat -A OUTPUT -j ACCEPT
ip netns exec h1 ping -c 1 -W 1 10.0.2.2 | grep "packet loss"
ip netns exec h1 iptables -t nat -L OUTPUT -n -v
ip netns exec h1 iptables -t nat -A OUTPUT -d 192.0.2.1 -j DNAT --to-destination 10.0.2.2
ip netns exec h1 ping -c 2 -i 0.2 -W 1 192.0.2.1 | grep -E "bytes from|loss"
ip netns exec h1 conntrack -L -p icmp
echo pong | ip netns exec h2 nc -u -l -p 5000 > /tmp/nat_ldnat &
sleep 0.3
echo ping | ip netns exec h1 nc -u -w 1 -p 4000 192.0.2.1 5000
ip netns exec h1 conntrack -L -p udp
ip netns exec h1 iptables -t nat -L OUTPUT -n -v
kill %1 2>/dev/null
cat /tmp/nat_ldnat
