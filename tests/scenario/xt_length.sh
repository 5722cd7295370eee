# -m length: value and range forms (:b, a:, reversed, 0x), !, parse errors; small, medium and large pings through a router counted by IP total length
. ./router_lib.inc
router_topo
ipt() { ip netns exec r iptables "$@"; echo "rc=$?"; }
ipt -A INPUT -m length --length 100 -j ACCEPT
ipt -A INPUT -m length ! --length 100:200 -j ACCEPT
ipt -A INPUT -m length --length :200 -j ACCEPT
ipt -A INPUT -m length --length 100: -j ACCEPT
ipt -A INPUT -m length --length 200:100 -j ACCEPT
ipt -A INPUT -m length --length 0x10:010 -j ACCEPT
ipt -A INPUT -m length --length : -j ACCEPT
ipt -A INPUT -m length --length 70000 -j ACCEPT
ipt -A INPUT -m length --length 1:2:3 -j ACCEPT
ipt -A INPUT -m length --length 1x -j ACCEPT
ipt -A INPUT -m length --length 1-2 -j ACCEPT
ipt -A INPUT -m length -j ACCEPT
ipt -A INPUT -m length --length 1 --length 2 -j ACCEPT
ip netns exec r iptables -L INPUT
ip netns exec r iptables -L INPUT -n
ip netns exec r iptables -S INPUT
ipt -D INPUT -m length --length 0:200 -j ACCEPT
ipt -D INPUT -m length --length 0:201 -j ACCEPT
ip netns exec r iptables -F INPUT
echo "== traffic"
ip netns exec r iptables -A FORWARD -p icmp -m length --length 0:100
ip netns exec r iptables -A FORWARD -p icmp -m length --length 101:1000
ip netns exec r iptables -A FORWARD -p icmp -m length ! --length 0:1000
ip netns exec r iptables -A FORWARD -p icmp -m length --length 84
ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.0.2.2 | grep "packet loss"
ip netns exec h1 ping -c 1 -s 10 -W 1 10.0.2.2 | grep "packet loss"
ip netns exec h1 ping -c 1 -s 500 -W 1 10.0.2.2 | grep "packet loss"
ip netns exec h1 ping -c 1 -s 1400 -W 1 10.0.2.2 | grep "packet loss"
ip netns exec r iptables -L FORWARD -n -v -x
