# REDIRECT: datagrams forwarded through r to port 53 land on r's own listener on 5353 (the incoming device's address); from r itself, OUTPUT redirection goes to 127.0.0.1 (whose answer, sent from 10.0.2.1, finds no socket)
. ./router_lib.inc
router_topo
ip netns exec r iptables -t nat -A PREROUTING -i r0 -p udp --dport 53 -j REDIRECT --to-ports 5353
ip netns exec r iptables -t nat -A OUTPUT -p udp --dport 54 -j REDIRECT --to-ports 5354
echo answer | ip netns exec r nc -u -l -p 5353 > /tmp/nat_redir1 &
sleep 0.3
echo query | ip netns exec h1 nc -u -w 1 -p 4000 10.0.2.2 53
ip netns exec r conntrack -L -p udp --orig-port-dst 53
echo local | ip netns exec r nc -u -l -p 5354 > /tmp/nat_redir2 &
sleep 0.3
echo q2 | ip netns exec r nc -u -w 1 -p 4001 10.0.2.2 54
ip netns exec r conntrack -L -p udp --orig-port-dst 54
ip netns exec r iptables -t nat -L -n -v
kill %1 %2 2>/dev/null
cat /tmp/nat_redir1 /tmp/nat_redir2
