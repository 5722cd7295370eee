# UDP flows through a router: [UNREPLIED], replied (30 s), [ASSURED] on the packet after the reply, 120 s once the flow is older than 2 s; -p udp --sport/--dport filters
. ./router_lib.inc
router_topo
ip netns exec r iptables -A FORWARD -m conntrack --ctstate NEW,ESTABLISHED,RELATED -j ACCEPT
ip netns exec h2 nc -u -l -p 6000 > /dev/null &
sleep 0.3
echo one | ip netns exec h1 nc -u -q0 -p 4000 10.0.2.2 6000
sleep 0.2
ip netns exec r conntrack -L -p udp
# no listeners: each side's datagram draws a port unreachable, RELATED to the flow
echo a | ip netns exec h1 nc -u -q0 -p 4001 10.0.2.2 5001
echo back | ip netns exec h2 nc -u -q0 -p 5001 10.0.1.2 4001
ip netns exec r conntrack -L -p udp --dport 5001
echo c | ip netns exec h1 nc -u -q0 -p 4001 10.0.2.2 5001
ip netns exec r conntrack -L -p udp --sport 4001
echo a | ip netns exec h1 nc -u -q0 -p 4002 10.0.2.2 5002
echo back | ip netns exec h2 nc -u -q0 -p 5002 10.0.1.2 4002
sleep 2.1
echo c | ip netns exec h1 nc -u -q0 -p 4002 10.0.2.2 5002
ip netns exec r conntrack -L -p udp --sport 4002
echo "#SORT-BEGIN"
ip netns exec r conntrack -L -p udp 2>&1
echo "#SORT-END"
ip netns exec r conntrack -L -p udp -s 10.0.1.2 --reply-port-src 5002
ip netns exec r conntrack -L -p icmp
kill %1
