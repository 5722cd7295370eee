# -m mark and -j MARK (rev 2): -L "MARK set/or/and/xor/xset" and -S --set-xmark of every option, mark match value/mask and !, parse errors; marks set in mangle PREROUTING decide filter FORWARD rules for pings and UDP through a router
. ./router_lib.inc
router_topo
ip netns exec h2 sysctl -qw net.ipv4.icmp_ratelimit=0
ipt() { ip netns exec r iptables "$@"; echo "rc=$?"; }
ipt -A INPUT -m mark --mark 1 -j ACCEPT
ipt -A INPUT -m mark ! --mark 0x4000/0x4000 -j ACCEPT
ipt -A INPUT -m mark --mark 0xffffffff/0xffffffff -j ACCEPT
ipt -A INPUT -m mark --mark 010/0 -j ACCEPT
ipt -A INPUT -m mark --mark 0x100000000 -j ACCEPT
ipt -A INPUT -m mark --mark foo -j ACCEPT
ipt -A INPUT -m mark --mark 1x -j ACCEPT
ipt -A INPUT -m mark --mark 1/ -j ACCEPT
ipt -A INPUT -m mark --mark -1 -j ACCEPT
ipt -A INPUT -m mark -j ACCEPT
ipt -A INPUT -m mark --mark 1 --mark 2 -j ACCEPT
ipt -A INPUT -j MARK --set-mark 1
ipt -t nat -A PREROUTING -j MARK --set-mark 2
ipt -t raw -A OUTPUT -j MARK --or-mark 4
ipt -t mangle -A POSTROUTING -j MARK --set-mark 0x4000/0x4000
ipt -t mangle -A POSTROUTING -j MARK --set-xmark 0x4000/0x4000
ipt -t mangle -A POSTROUTING -j MARK --set-xmark 5
ipt -t mangle -A POSTROUTING -j MARK --and-mark 0xff
ipt -t mangle -A POSTROUTING -j MARK --or-mark 0x10
ipt -t mangle -A POSTROUTING -j MARK --xor-mark 0x10
ipt -t mangle -A POSTROUTING -j MARK --xor-mark 0
ipt -t mangle -A POSTROUTING -j MARK --set-mark 0
ipt -t mangle -A POSTROUTING -j MARK --set-xmark 0x5/0x1
ipt -t mangle -A POSTROUTING -j MARK --and-mark 1/2
ipt -t mangle -A POSTROUTING -j MARK --or-mark ""
ipt -t mangle -A POSTROUTING -j MARK --set-mark 1 --or-mark 2
ipt -t mangle -A POSTROUTING -j MARK --set-mark 1 --set-mark 2
ipt -t mangle -A POSTROUTING -j MARK
ipt -t mangle -A POSTROUTING -j MARK ! --set-mark 1
ipt -t mangle -A POSTROUTING -j MARK --set-mark 1/foo
ip netns exec r iptables -L INPUT
ip netns exec r iptables -L INPUT -n
ip netns exec r iptables -S INPUT
ip netns exec r iptables -t mangle -L POSTROUTING -n
ip netns exec r iptables -t mangle -S POSTROUTING
ip netns exec r iptables -t nat -S PREROUTING
ip netns exec r iptables -t raw -S OUTPUT
ipt -t mangle -D POSTROUTING -j MARK --or-mark 0x4000
ipt -t mangle -D POSTROUTING -j MARK --set-xmark 0x10/0x10
ipt -t mangle -D POSTROUTING -j MARK --set-xmark 0x10/0x11
for t in filter nat raw mangle; do ip netns exec r iptables -t $t -F; done
echo "== traffic"
ip netns exec h1 ping -c 1 -W 1 10.0.2.2 | grep -c "1 received"
ip netns exec r iptables -t mangle -A PREROUTING -i r0 -p icmp -j MARK --set-mark 0x4000/0x4000
ip netns exec r iptables -t mangle -A PREROUTING -i r0 -p udp --dport 5001 -j MARK --set-xmark 0x2/0xff
ip netns exec r iptables -t mangle -A PREROUTING -i r0 -p udp --dport 5002 -j MARK --or-mark 0x4001
ip netns exec r iptables -t mangle -A PREROUTING -m mark --mark 0x4001 -j MARK --and-mark 0x4000
ip netns exec r iptables -A FORWARD -m mark --mark 0x2 -j DROP
ip netns exec r iptables -A FORWARD -m mark --mark 0x4000/0x4000 -j ACCEPT
ip netns exec r iptables -A FORWARD -m mark ! --mark 0
ip netns exec r iptables -A FORWARD -m mark --mark 0
ip netns exec h1 ping -c 3 -i 0.2 -W 1 10.0.2.2 | grep "packet loss"
for port in 5001 5002 5003; do
  echo hi | ip netns exec h1 nc -u -q 0 -p 4$port 10.0.2.2 $port
done
sleep 1
ip netns exec r iptables -t mangle -L PREROUTING -n -v -x
ip netns exec r iptables -L FORWARD -n -v -x
