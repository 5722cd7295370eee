# tcpdump -i any (Linux cooked v2) printed live, written with -w and read back with -r (filters, -e, -c, -q).
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns add b
ip netns exec b sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add va type veth peer name vb netns b
ip addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip link set va up
ip -n b link set vb up
ip netns exec b tcpdump -i any -n -t -c 6 > /tmp/ta1 2>&1 &
ip netns exec b tcpdump -i any -c 6 -w /tmp/ta.pcap > /tmp/ta2 2>&1 &
tcpdump -i va -w /tmp/tv.pcap -c 6 2> /tmp/ta3 &
sleep 1
ping -c 2 -i 0.5 10.0.0.2 > /dev/null
wait
cut -d, -f1,3- /tmp/ta1
cat /tmp/ta2 /tmp/ta3
ls /tmp/ta.pcap /tmp/tv.pcap
echo "== -r any -e"
ip netns exec b tcpdump -r /tmp/ta.pcap -n -e -t 2>&1 | cut -d, -f1-2,4-
echo "== -r any, no -n, filter"
ip netns exec b tcpdump -r /tmp/ta.pcap -t 'icmp[icmptype] == icmp-echo' 2>&1 | cut -d, -f1,3-
echo "== -r veth -q arp"
tcpdump -r /tmp/tv.pcap -q -t -n arp 2>&1
echo "== -r veth -c 3 -n"
tcpdump -r /tmp/tv.pcap -c 3 -t -n 2>/dev/null | cut -d, -f1,3-
echo "== -r veth -c 1 -nn -e"
tcpdump -r /tmp/tv.pcap -c 1 -nn -e -t 2>&1
echo "== -r with -w"
tcpdump -r /tmp/tv.pcap -w /tmp/tv2.pcap icmp 2>&1
tcpdump -r /tmp/tv2.pcap -t -n 2>&1 | cut -d, -f1,3-
tcpdump -r /tmp/tv2.pcap -n "foo bar"
echo "rc=$?"
