# tcpdump errors: unknown interface, bad filter expressions, bad options and counts, missing capture file; exit statuses.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add va type veth peer name vb
tcpdump -i nosuch -n
echo "rc=$?"
tcpdump -i va -n 'foo bar'
echo "rc=$?"
ip link set va up
tcpdump -i va -n 'foo bar'
echo "rc=$?"
tcpdump -i va -n icmp and
echo "rc=$?"
tcpdump -i va -n 'port 99999'
echo "rc=$?"
tcpdump -i any -n 'tcp[99'
echo "rc=$?"
tcpdump -r /tmp/does-not-exist
echo "rc=$?"
tcpdump -i va -c 0
echo "rc=$?"
tcpdump -i va -c x
echo "rc=$?"
tcpdump -i va -s -5
echo "rc=$?"
tcpdump -i
echo "rc=$?"
ping -c 1 -W 1 10.9.9.9 > /dev/null 2>&1
tcpdump -i va -c 1 -w /tmp/te.pcap 'foo bar'
echo "rc=$?"
printf 'garbage' > /tmp/te-garbage.pcap
tcpdump -r /tmp/te-garbage.pcap
echo "rc=$?"
tcpdump --version
echo "rc=$?"
tcpdump --bogus 2>&1 | head -1
