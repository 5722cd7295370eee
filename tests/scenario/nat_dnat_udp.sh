# DNAT port forward: h2 sends to the router's 10.0.2.1:8080, h1's listener on 5000 gets it and answers; the reply leaves from 10.0.2.1:8080; conntrack shows the rewritten reply tuple
. ./router_lib.inc
router_topo
ip netns exec r iptables -t nat -A PREROUTING -i r1 -p udp --dport 8080 -j DNAT --to-destination 10.0.1.2:5000
echo pong | ip netns exec h1 nc -u -l -p 5000 > /tmp/nat_dnat1 &
sleep 0.3
echo ping | ip netns exec h2 nc -u -w 1 -p 4000 10.0.2.1 8080
echo "rc=$?"
ip netns exec r conntrack -L -p udp
ip netns exec r iptables -t nat -L PREROUTING -n -v
ip netns exec r iptables -t nat -A PREROUTING -i r1 -p udp --dport 8081 -j DNAT --to-destination 10.0.1.2
echo two | ip netns exec h1 nc -u -l -p 8081 > /tmp/nat_dnat2 &
sleep 0.3
echo one | ip netns exec h2 nc -u -w 1 -p 4001 10.0.2.1 8081
ip netns exec r conntrack -L -p udp --dport 8081
ip netns exec r conntrack -L -p udp --reply-port-src 8081
kill %1 %2 2>/dev/null
cat /tmp/nat_dnat1 /tmp/nat_dnat2
