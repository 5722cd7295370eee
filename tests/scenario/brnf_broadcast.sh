# br_netfilter with a broadcast ping: the flooded copies and the one that goes up share one connection (confirmed once at NF_BR_LOCAL_IN or POSTROUTING), counted NEW in INPUT and FORWARD
. ./brnf_lib.inc
brnf_topo
ip netns exec sw iptables -A INPUT -p icmp -m conntrack --ctstate NEW
ip netns exec sw iptables -A FORWARD -p icmp -m conntrack --ctstate NEW
ip netns exec sw sysctl -qw net.ipv4.icmp_echo_ignore_broadcasts=0
ip netns exec c2 sysctl -qw net.ipv4.icmp_echo_ignore_broadcasts=0
sleep 2
ip netns exec c1 ping -b -c 2 -i 0.3 -W 1 10.0.0.255 | grep -c "bytes from"
ip netns exec sw conntrack -L -p icmp
ip netns exec c2 ping -c 1 -W 1 10.0.0.2 | grep "packet loss"
ip netns exec sw conntrack -L -p icmp -s 10.0.0.3 2>/dev/null | grep -c "src=10.0.0.2 dst=10.0.0.3 type=0"
ip netns exec sw iptables -L -n -v -x | grep -v "^Chain"
