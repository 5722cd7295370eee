# MASQUERADE bindings are forgotten when the out device loses the address they use or goes down; other entries stay
. ./router_lib.inc
router_topo
ip netns exec r iptables -t nat -A POSTROUTING -o r1 -j MASQUERADE
ip netns exec r iptables -A FORWARD -m conntrack --ctstate NEW -j ACCEPT
echo a | ip netns exec h1 nc -u -q0 -p 4000 10.0.2.2 7000
echo b | ip netns exec h2 nc -u -q0 -p 4001 10.0.1.2 7001
ip netns exec r conntrack -L -p udp 2>&1 | sort
ip -n r addr add 10.0.2.9/24 dev r1
ip -n r addr del 10.0.2.9/24 dev r1
ip netns exec r conntrack -C
ip -n r addr add 10.0.2.5/24 dev r1
ip -n r addr del 10.0.2.1/24 dev r1
ip netns exec r conntrack -L -p udp 2>&1 | sort
ip -n r route add default via 10.0.2.2
echo c | ip netns exec h1 nc -u -q0 -p 4002 10.0.2.2 7002
ip netns exec r conntrack -L -p udp --sport 4002
ip -n r link set r1 down
ip netns exec r conntrack -L -p udp 2>&1 | sort
