# -m comment: /* text */ in -L, -S quoting of spaces, quotes, backslashes and empty text, the 255-byte cut, option errors; a commented rule counts pings through a router
. ./router_lib.inc
router_topo
ipt() { ip netns exec r iptables "$@"; echo "rc=$?"; }
ipt -A INPUT -m comment --comment "hello world" -j ACCEPT
ipt -A INPUT -m comment --comment hello_world-1 -j ACCEPT
ipt -A INPUT -m comment --comment 'say "hi" it'"'"'s \ back' -j ACCEPT
ipt -A INPUT -m comment --comment 'a$b`c*/d' -j ACCEPT
ipt -A INPUT -m comment --comment '' -j ACCEPT
ipt -A INPUT -p tcp -m comment --comment "kube: svc/x" -m comment --comment second -j ACCEPT
ipt -A INPUT -m comment --comment $(printf 'x%.0s' $(seq 300)) -j ACCEPT
ipt -A INPUT -m comment -j ACCEPT
ipt -A INPUT -m comment ! --comment x -j ACCEPT
ipt -A INPUT -m comment --comment a --comment b -j ACCEPT
ip netns exec r iptables -L INPUT
ip netns exec r iptables -L INPUT -n
ip netns exec r iptables -S INPUT
ipt -D INPUT -m comment --comment "hello world" -j ACCEPT
ipt -D INPUT -m comment --comment "hello worl" -j ACCEPT
ipt -D INPUT -m comment --comment $(printf 'x%.0s' $(seq 256)) -j ACCEPT
ip netns exec r iptables -F INPUT
echo "== traffic"
ip netns exec r iptables -A FORWARD -s 10.0.1.2 -m comment --comment "from h1" -j ACCEPT
ip netns exec r iptables -A FORWARD -m comment --comment "everything else" -j ACCEPT
ip netns exec h1 ping -c 3 -i 0.2 -W 1 10.0.2.2 | grep "packet loss"
ip netns exec r iptables -L FORWARD -n -v -x
