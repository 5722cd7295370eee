# -m multiport (rev 1): -L/-L -n/-S of sports/dports/ports lists with ranges and !, parse errors (protocol, 15-port limit, ranges, exclusive options); UDP through a router counted by port
. ./router_lib.inc
router_topo
ip netns exec h2 sysctl -qw net.ipv4.icmp_ratelimit=0
ipt() { ip netns exec r iptables "$@"; echo "rc=$?"; }
ipt -A INPUT -m multiport --dports 1,2 -j ACCEPT
ipt -A INPUT -p icmp -m multiport --dports 1,2 -j ACCEPT
ipt -A INPUT ! -p tcp -m multiport --dports 1,2 -j ACCEPT
ipt -A INPUT -p tcp -m multiport -j ACCEPT
ipt -A INPUT -p tcp -m multiport --dports 1,2 --sports 3 -j ACCEPT
ipt -A INPUT -p tcp -m multiport --dports 1 --destination-ports 3 -j ACCEPT
ipt -A INPUT -p tcp -m multiport --dports 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16 -j ACCEPT
ipt -A INPUT -p tcp -m multiport --dports 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15:16 -j ACCEPT
ipt -A INPUT -p tcp -m multiport --dports 5:3 -j ACCEPT
ipt -A INPUT -p tcp -m multiport --dports 5:5 -j ACCEPT
ipt -A INPUT -p tcp -m multiport --dports 5: -j ACCEPT
ipt -A INPUT -p tcp -m multiport --dports 1,,2 -j ACCEPT
ipt -A INPUT -p tcp -m multiport --dports foo -j ACCEPT
ipt -A INPUT -p tcp -m multiport --dports 70000 -j ACCEPT
ipt -A INPUT -p tcp -m multiport --dports 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15 -j ACCEPT
ipt -A INPUT -p tcp -m multiport --dports 1,2,3,4,5,6,7,8,9,10,11,12,13,14:20 -j ACCEPT
ipt -A INPUT -p tcp -m multiport --dports http,ssh:telnet,8080 -j ACCEPT
ipt -A INPUT -p udp -m multiport ! --sports domain,5000:5010 -j ACCEPT
ipt -A INPUT -p tcp -m multiport --ports 22 -j DROP
ipt -A INPUT -p sctp -m multiport --source-ports 22,80 -j DROP
ipt -A INPUT -p 6 -m multiport --dports 22 -m multiport --sports 23 -j DROP
ip netns exec r iptables -L INPUT
ip netns exec r iptables -L INPUT -n
ip netns exec r iptables -S INPUT
ipt -D INPUT -p tcp -m multiport --ports 22 -j DROP
ipt -D INPUT -p tcp -m multiport --ports 23 -j DROP
ipt -C INPUT -p udp -m multiport ! --sports 53,5000:5010 -j ACCEPT
ipt -C INPUT -p udp -m multiport --sports 53,5000:5010 -j ACCEPT
ip netns exec r iptables -F INPUT
echo "== traffic"
ip netns exec h1 ping -c 1 -W 1 10.0.2.2 | grep -c "1 received"
ip netns exec r iptables -A FORWARD -p udp -m multiport --dports 5000,5002:5004 -j DROP
ip netns exec r iptables -A FORWARD -p udp -m multiport --ports 6000 -j ACCEPT
ip netns exec r iptables -A FORWARD -p udp -m multiport ! --dports 5000:5010 -j ACCEPT
ip netns exec r iptables -A FORWARD -p udp -m multiport --sports 40005 -j ACCEPT
sp=40000
for port in 5000 5001 5002 5004 5005 6000 7000; do
  sp=$((sp + 1))
  echo hi | ip netns exec h1 nc -u -q 0 -p $sp 10.0.2.2 $port
done
sleep 1
ip netns exec r iptables -L FORWARD -n -v -x
