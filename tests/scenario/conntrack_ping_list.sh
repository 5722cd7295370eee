# a router tracks pings once a conntrack rule needs it: /proc/net/nf_conntrack, conntrack -L/-o extended, -C, the count sysctl; untracked namespaces list nothing
. ./router_lib.inc
router_topo
ip netns exec r conntrack -L
ip netns exec r cat /proc/net/nf_conntrack
ip netns exec r iptables -A FORWARD -m conntrack --ctstate NEW,ESTABLISHED -j ACCEPT
ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.0.2.2 | grep "packet loss"
ip netns exec r cat /proc/net/nf_conntrack
ip netns exec r conntrack -L
ip netns exec r conntrack -L -o extended
ip netns exec r conntrack -C
ip netns exec r sysctl net.netfilter.nf_conntrack_count
ip netns exec h1 conntrack -L
ip netns exec h1 conntrack -C
ip netns exec h1 ping -c 1 -W 1 10.0.2.1 | grep "packet loss"
ip netns exec h1 ping -c 1 -W 1 10.0.1.1 | grep "packet loss"
echo "#SORT-BEGIN"
ip netns exec r conntrack -L 2>/dev/null
echo "#SORT-END"
ip netns exec r conntrack -L -d 10.0.2.1
ip netns exec r conntrack -L -p icmp --icmp-type 8 -s 10.0.1.2 -d 10.0.2.2
ip netns exec r conntrack -C
