# REJECT: -L/-S text, every --reject-with type and abbreviation, kernel refusals and parse errors; ping and nc -u through a router see the ICMP errors; counters
. ./router_lib.inc
router_topo
ip netns exec r sysctl -qw net.ipv4.icmp_ratelimit=0
ip netns exec r iptables -A FORWARD -p icmp -j REJECT
ip netns exec r iptables -A FORWARD -p udp --dport 5000 -j REJECT --reject-with port-unreach
ip netns exec r iptables -A FORWARD -p udp --dport 5001 -j REJECT --reject-with icmp-host-
ip netns exec r iptables -A INPUT -p icmp -j REJECT --reject-with ICMP-ADMIN
ip netns exec r iptables -A OUTPUT -p tcp -j REJECT --reject-with tcp-rst
ip netns exec r iptables -A OUTPUT -p tcp -j REJECT --reject-with icmp-
ip netns exec r iptables -L
ip netns exec r iptables -L -n
ip netns exec r iptables -S
ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.0.2.2 | grep -E "From|packets"
for w in icmp-net-unreachable host-unreach icmp-proto-unreachable net-prohib icmp-host-prohibited; do
  ip netns exec r iptables -R FORWARD 1 -p icmp -j REJECT --reject-with $w
  ip netns exec h1 ping -c 1 -W 1 10.0.2.2 | grep -E "From|packets"
done
ip netns exec h1 ping -c 1 -W 1 10.0.1.1 | grep -E "From|packets"
echo hi | ip netns exec h1 nc -u -w 1 10.0.2.2 5000
echo "rc=$?"
ip netns exec h1 nc -u -z -v -w 1 10.0.2.2 5000
echo "rc=$?"
ip netns exec h1 nc -u -z -n -v -w 1 10.0.2.2 5001
echo "rc=$?"
ip netns exec r iptables -L INPUT -n -v -x
ip netns exec r iptables -L FORWARD -n -v -x
ip netns exec r iptables -L OUTPUT -n -v -x | tail -n +2
ip netns exec h1 grep -E '^Icmp' /proc/net/snmp
ip netns exec r grep -E '^Icmp' /proc/net/snmp
ip netns exec r iptables -t mangle -A INPUT -j REJECT
echo "rc=$?"
ip netns exec r iptables -t raw -A OUTPUT -j REJECT
echo "rc=$?"
ip netns exec r iptables -A INPUT -j REJECT --reject-with tcp-reset
echo "rc=$?"
ip netns exec r iptables -A INPUT ! -p tcp -j REJECT --reject-with tcp-reset
echo "rc=$?"
ip netns exec r iptables -A INPUT -j REJECT --reject-with foo
echo "rc=$?"
ip netns exec r iptables -A INPUT -j REJECT --reject-with port-unreach --reject-with net-unreach
echo "rc=$?"
ip netns exec r iptables -A INPUT -j REJECT ! --reject-with port-unreach
echo "rc=$?"
ip netns exec r iptables -A INPUT -j REJECT --reject-with
echo "rc=$?"
ip netns exec r iptables -D FORWARD -p udp --dport 5000 -j REJECT --reject-with icmp-port-unreachable
echo "rc=$?"
ip netns exec r iptables -S FORWARD
