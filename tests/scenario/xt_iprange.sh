# -m iprange: source/destination ranges with !, the reversed-range warning, bad values and missing options; pings from two h1 addresses through a router counted by range
. ./router_lib.inc
router_topo
ipt() { ip netns exec r iptables "$@"; echo "rc=$?"; }
ipt -A INPUT -m iprange --src-range 10.0.0.1-10.0.0.9 -j ACCEPT
ipt -A INPUT -m iprange ! --src-range 10.0.0.1-10.0.0.9 --dst-range 10.1.1.1 -j ACCEPT
ipt -A INPUT -m iprange --dst-range 10.0.0.9-10.0.0.1 -j ACCEPT
ipt -A INPUT -m iprange ! --dst-range 10.1-10.2 -j ACCEPT
ipt -A INPUT -m iprange --src-range 10.0.0.300-10.0.0.1 -j ACCEPT
ipt -A INPUT -m iprange --src-range 10.0.0.1-foo -j ACCEPT
ipt -A INPUT -m iprange --src-range 10.0.0.1- -j ACCEPT
ipt -A INPUT -m iprange --src-range 10.0.0.1-10.0.0.2-10.0.0.3 -j ACCEPT
ipt -A INPUT -m iprange --src-range 10.0.0.1/24 -j ACCEPT
ipt -A INPUT -m iprange -j ACCEPT
ipt -A INPUT -m iprange --src-range 1.1.1.1 --src-range 1.1.1.2 -j ACCEPT
ip netns exec r iptables -L INPUT
ip netns exec r iptables -L INPUT -n
ip netns exec r iptables -S INPUT
ipt -D INPUT -m iprange --src-range 10.0.0.1-10.0.0.9 -j ACCEPT
ipt -D INPUT -m iprange --src-range 10.0.0.1-10.0.0.8 -j ACCEPT
ip netns exec r iptables -F INPUT
echo "== traffic"
ip -n h1 addr add 10.0.1.20/24 dev eth0
ip netns exec r iptables -A FORWARD -m iprange --src-range 10.0.1.1-10.0.1.9 -j ACCEPT
ip netns exec r iptables -A FORWARD -m iprange ! --dst-range 10.0.1.0-10.0.1.255 -j ACCEPT
ip netns exec r iptables -A FORWARD -m iprange --src-range 10.0.2.2-10.0.2.2 --dst-range 10.0.1.20-10.0.1.30 -j ACCEPT
ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.0.2.2 | grep "packet loss"
ip netns exec h1 ping -c 3 -i 0.2 -W 1 -I 10.0.1.20 10.0.2.2 | grep "packet loss"
ip netns exec r iptables -L FORWARD -n -v -x
