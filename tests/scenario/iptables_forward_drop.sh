# a DROP rule in the router's FORWARD chain blocks ping from h1 to h2; iptables -L -n -v counts the packets
. ./router_lib.inc
router_topo
ip netns exec h1 ping -c 1 -W 1 10.0.2.2 | grep -c "1 received"
ip netns exec r iptables -A FORWARD -p icmp --icmp-type echo-request -s 10.0.1.2 -j DROP
ip netns exec r iptables -A FORWARD -i r0 -p udp --dport 5000 -j DROP
ip netns exec h1 ping -c 3 -i 0.2 -W 1 10.0.2.2 | grep "packet loss"
ip netns exec r iptables -L -n -v
ip netns exec r iptables -L FORWARD -v -x --line-numbers
ip netns exec r iptables -Z FORWARD
ip netns exec r iptables -D FORWARD 1
ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.0.2.2 | grep "packet loss"
ip netns exec r iptables -nvL FORWARD
