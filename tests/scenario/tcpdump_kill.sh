# tcpdump stopped by kill of its job (SIGTERM): a filter expression, the summary on stderr, exit status 0.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns add b
ip netns exec b sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add va type veth peer name vb netns b
ip addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip link set va up
ip -n b link set vb up
ip netns exec b tcpdump -i vb -n -t 'icmp and dst host 10.0.0.2' > /tmp/tk1 2>&1 &
tcpdump -l -i va -q -t -n icmp[icmptype] == icmp-echoreply > /tmp/tk2 2>&1 &
sleep 1
ping -c 3 -i 0.2 10.0.0.2 > /dev/null
sleep 1
kill %1
kill $!
wait %1
echo "rc=$?"
wait
echo "rc=$?"
cut -d, -f1,3- /tmp/tk1
cut -d, -f1,3- /tmp/tk2
kill %5
echo "rc=$?"
kill
echo "rc=$?"
kill -FOO %1
echo "rc=$?"
