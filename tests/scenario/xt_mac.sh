# -m mac: --mac-source forms and !, bad addresses, the PREROUTING/INPUT/FORWARD-only check; pings from two hosts with fixed MACs counted by source MAC on a router
. ./router_lib.inc
router_topo
ipt() { ip netns exec r iptables "$@"; echo "rc=$?"; }
ipt -A INPUT -m mac --mac-source 00:11:22:aa:BB:cc -j ACCEPT
ipt -A INPUT -m mac ! --mac-source 0:1:2:a:b:c -j ACCEPT
ipt -A INPUT -m mac --mac-source 00:11:22:aa:bb -j ACCEPT
ipt -A INPUT -m mac --mac-source 00:11:22:aa:bb:cc:dd -j ACCEPT
ipt -A INPUT -m mac --mac-source 00:11:22:aa:bb:xx -j ACCEPT
ipt -A INPUT -m mac --mac-source 001:11:22:aa:bb:cc -j ACCEPT
ipt -A INPUT -m mac --mac-source 00-11-22-aa-bb-cc -j ACCEPT
ipt -A INPUT -m mac -j ACCEPT
ipt -A OUTPUT -m mac --mac-source 00:11:22:aa:bb:cc -j ACCEPT
ipt -A FORWARD -m mac --mac-source 00:11:22:aa:bb:cc -j ACCEPT
ipt -t nat -A POSTROUTING -m mac --mac-source 00:11:22:aa:bb:cc -j ACCEPT
ipt -t nat -A PREROUTING -m mac --mac-source 00:11:22:aa:bb:cc -j ACCEPT
ipt -N X
ipt -A X -m mac --mac-source 00:11:22:aa:bb:cc -j ACCEPT
ipt -A OUTPUT -j X
ip netns exec r iptables -L
ip netns exec r iptables -S
ipt -D INPUT -m mac --mac-source 00:11:22:AA:BB:CC -j ACCEPT
for t in filter nat; do ip netns exec r iptables -t $t -F; ip netns exec r iptables -t $t -X; done
echo "== traffic"
ip -n h1 link set eth0 down
ip -n h1 link set eth0 address 02:00:00:00:01:02
ip -n h1 link set eth0 up
ip -n h1 route add default via 10.0.1.1
ip -n h2 link set eth0 down
ip -n h2 link set eth0 address 02:00:00:00:02:02
ip -n h2 link set eth0 up
ip -n h2 route add default via 10.0.2.1
ip netns exec r iptables -t mangle -A PREROUTING -m mac --mac-source 02:00:00:00:01:02
ip netns exec r iptables -A FORWARD -m mac --mac-source 02:00:00:00:02:02
ip netns exec r iptables -A FORWARD -m mac ! --mac-source 02:00:00:00:02:02
ip netns exec r iptables -A INPUT -m mac --mac-source 02:00:00:00:01:02
ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.0.2.2 | grep "packet loss"
ip netns exec h2 ping -c 1 -W 1 10.0.1.2 | grep "packet loss"
ip netns exec h1 ping -c 1 -W 1 10.0.1.1 | grep "packet loss"
ip netns exec r iptables -t mangle -L PREROUTING -n -v -x
ip netns exec r iptables -L -n -v -x
