# NOTRACK and CT --notrack in the raw table: -L/-S texts, untracked pings never reach conntrack -L, --ctstate UNTRACKED / --state UNTRACKED counters, the nat table ignores them, CT option refusals and parse errors
. ./router_lib.inc
router_topo
ip netns exec r iptables -t raw -A PREROUTING -s 10.0.1.2 -p icmp -j NOTRACK
ip netns exec r iptables -t raw -A PREROUTING -p udp --dport 5000 -j CT --notrack
ip netns exec r iptables -t raw -A PREROUTING -j CT
ip netns exec r iptables -t raw -A PREROUTING -j CT --zone 0
ip netns exec r iptables -A FORWARD -m conntrack --ctstate UNTRACKED -j ACCEPT
ip netns exec r iptables -A FORWARD -m state --state UNTRACKED
ip netns exec r iptables -A FORWARD -m conntrack --ctstate NEW,ESTABLISHED
ip netns exec r iptables -t nat -A POSTROUTING -o r1 -j MASQUERADE
ip netns exec r iptables -t raw -S
ip netns exec r iptables -t raw -L -n
ip netns exec h1 ping -c 3 -i 0.2 -W 1 10.0.2.2 | grep "packet loss"
echo "== untracked: no entry, not masqueraded (h2 sees 10.0.1.2)"
ip netns exec r conntrack -L
ip netns exec h2 ip neigh show 10.0.1.2
ip netns exec h2 ping -c 2 -i 0.2 -W 1 10.0.1.2 | grep "packet loss"
ip netns exec r conntrack -L
ip netns exec r iptables -L FORWARD -n -v -x
ip netns exec r iptables -t raw -L PREROUTING -n -v -x
ip netns exec r iptables -t nat -L POSTROUTING -n -v -x
echo "== delete the NOTRACK rule: pings are tracked and masqueraded"
ip netns exec r iptables -t raw -D PREROUTING -j CT --notrack -s 10.0.1.2 -p icmp; echo "rc=$?"
ip netns exec r iptables -t raw -D PREROUTING -s 10.0.1.2 -p icmp -j NOTRACK; echo "rc=$?"
ip netns exec r iptables -Z
ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.0.2.2 | grep "packet loss"
echo "#SORT-BEGIN"
ip netns exec r conntrack -L
echo "#SORT-END"
ip netns exec r iptables -L FORWARD -n -v -x
echo "== refusals"
ip netns exec r iptables -A INPUT -j NOTRACK; echo "rc=$?"
ip netns exec r iptables -t mangle -A PREROUTING -j CT --notrack; echo "rc=$?"
ip netns exec r iptables -t raw -A PREROUTING -j CT --notrack --zone 5; echo "rc=$?"
ip netns exec r iptables -t raw -A PREROUTING -p udp -j CT --helper bogus; echo "rc=$?"
ip netns exec r iptables -t raw -A PREROUTING -j CT --helper ftp; echo "rc=$?"
ip netns exec r iptables -t raw -A PREROUTING -p udp -j CT --timeout bogus; echo "rc=$?"
ip netns exec r iptables -t raw -A PREROUTING -j NOTRACK --notrack; echo "rc=$?"
ip netns exec r iptables -t raw -A PREROUTING -j CT --notrack --notrack; echo "rc=$?"
ip netns exec r iptables -t raw -A PREROUTING -j CT --ctevents bogus; echo "rc=$?"
ip netns exec r iptables -t raw -A PREROUTING -j CT --zone 70000; echo "rc=$?"
ip netns exec r iptables -t raw -A PREROUTING -j CT --zone x; echo "rc=$?"
ip netns exec r iptables -t raw -D PREROUTING -j NOTRACK; echo "rc=$?"
ip netns exec r iptables -N NOTRACK; echo "rc=$?"
ip netns exec r iptables -t raw -S
ip netns exec r iptables-save -t raw | grep -v "^#"
