# tcpdump on a veth: ARP + ICMP echo with -n, with -e, -c ending the capture, and the stderr banner/summary.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns add b
ip netns exec b sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add va type veth peer name vb netns b
ip addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip link set va up
ip -n b link set vb up
ip netns exec b tcpdump -i vb -n -t -c 6 > /tmp/td1 2>&1 &
tcpdump -i va -nn -e -t -l -c 6 > /tmp/td2 2>&1 &
tcpdump -i va -t -c 2 arp > /tmp/td3 2>&1 &
sleep 1
ping -c 2 -i 0.5 10.0.0.2 > /dev/null
wait
echo "== -n"
cut -d, -f1,3- /tmp/td1
echo "== -nn -e"
cut -d, -f1-3,5- /tmp/td2
echo "== names, -c 2 arp"
cat /tmp/td3
