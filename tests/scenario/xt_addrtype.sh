# -m addrtype (rev 1): -L/-S of type lists, prefixes and !, parse errors, checkentry of --limit-iface-in/out by hook; local, forwarded, broadcast and loopback traffic on a router counted by the routing type of its addresses
. ./router_lib.inc
router_topo
ipt() { ip netns exec r iptables "$@"; echo "rc=$?"; }
ipt -A INPUT -m addrtype --dst-type LOCAL -j ACCEPT
ipt -A INPUT -m addrtype --src-type local,unicast ! --dst-type BROADCAST,MULTICAST,blackhole -j ACCEPT
ipt -A INPUT -m addrtype --src-type UNSPEC,UNICAST,LOCAL,BROADCAST,ANYCAST,MULTICAST,BLACKHOLE,UNREACHABLE,PROHIBIT,THROW,NAT,XRESOLVE -j ACCEPT
ipt -A INPUT -m addrtype --src-type LOC -j ACCEPT
ipt -A INPUT -m addrtype --src-type U -j ACCEPT
ipt -A INPUT -m addrtype --src-type LOCALX -j ACCEPT
ipt -A INPUT -m addrtype --src-type foo,LOCAL -j ACCEPT
ipt -A INPUT -m addrtype --src-type LOCAL,foo -j ACCEPT
ipt -A INPUT -m addrtype --src-type LOCAL, -j ACCEPT
ipt -A INPUT -m addrtype -j ACCEPT
ipt -A INPUT -m addrtype --limit-iface-in -j ACCEPT
ipt -A INPUT -m addrtype --dst-type LOCAL --limit-iface-in -j ACCEPT
ipt -A INPUT -m addrtype --dst-type LOCAL --limit-iface-out -j ACCEPT
ipt -A OUTPUT -m addrtype --dst-type LOCAL --limit-iface-in -j ACCEPT
ipt -A OUTPUT -m addrtype --dst-type LOCAL --limit-iface-out -j ACCEPT
ipt -A FORWARD -m addrtype --dst-type LOCAL --limit-iface-out --limit-iface-in -j ACCEPT
ipt -A FORWARD -m addrtype --dst-type LOCAL --dst-type UNICAST -j ACCEPT
ipt -A FORWARD -m addrtype ! --limit-iface-in --dst-type LOCAL -j ACCEPT
ipt -N X
ipt -A X -m addrtype --dst-type LOCAL --limit-iface-out -j ACCEPT
ipt -A INPUT -j X
ipt -A FORWARD -j X
ipt -t nat -A OUTPUT -m addrtype --dst-type LOCAL --limit-iface-in -j RETURN
ip netns exec r iptables -L
ip netns exec r iptables -L -n
ip netns exec r iptables -S
ipt -D INPUT -m addrtype --src-type LOCAL -j ACCEPT
ipt -D INPUT -m addrtype --src-type LOCAL,UNICAST -j ACCEPT
ip netns exec r iptables -F
ip netns exec r iptables -X
echo "== traffic"
ip netns exec r iptables -t mangle -A PREROUTING -m addrtype --dst-type LOCAL
ip netns exec r iptables -t mangle -A PREROUTING -m addrtype --dst-type LOCAL --limit-iface-in
ip netns exec r iptables -t mangle -A PREROUTING -m addrtype --dst-type UNICAST
ip netns exec r iptables -t mangle -A PREROUTING -m addrtype --dst-type BROADCAST
ip netns exec r iptables -t mangle -A PREROUTING -m addrtype --src-type LOCAL
ip netns exec r iptables -A INPUT -m addrtype ! --src-type LOCAL --dst-type LOCAL
ip netns exec r iptables -A FORWARD -m addrtype --dst-type LOCAL
ip netns exec r iptables -A FORWARD -m addrtype --src-type UNICAST --dst-type UNICAST --limit-iface-out
ip netns exec r iptables -A OUTPUT -m addrtype --src-type LOCAL --dst-type LOCAL
ip netns exec r iptables -A OUTPUT -m addrtype --src-type LOCAL --limit-iface-out ! --dst-type LOCAL
ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.0.1.1 | grep "packet loss"
ip netns exec h1 ping -c 1 -W 1 10.0.2.1 | grep "packet loss"
ip netns exec h1 ping -c 3 -i 0.2 -W 1 10.0.2.2 | grep "packet loss"
ip netns exec h1 ping -b -c 1 -W 1 10.0.1.255 2>&1 | grep "packet loss"
ip netns exec r ping -c 1 -W 1 10.0.2.1 | grep "packet loss"
ip netns exec r iptables -t mangle -L PREROUTING -n -v -x
ip netns exec r iptables -L -n -v -x
