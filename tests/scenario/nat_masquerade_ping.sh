# MASQUERADE on a router: h1's pings reach h2 from the router's address, replies come back, conntrack shows the reply tuple, counters of the nat table count the first packet only
. ./router_lib.inc
router_topo
ip netns exec r iptables -t nat -A POSTROUTING -o r1 -j MASQUERADE
ip netns exec r iptables -t nat -L -n -v
ip netns exec h1 ping -c 3 -i 0.2 -W 1 10.0.2.2 | grep "packet loss"
ip netns exec r iptables -t nat -L -n -v
ip netns exec r conntrack -L
ip netns exec r conntrack -L -o extended
ip netns exec h2 ping -c 1 -W 1 10.0.1.2 | grep "packet loss"
ip netns exec r iptables -t nat -S
