# tcpdump whose interface is deleted while it captures: "The interface disappeared", the summary and exit status 1.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add va type veth peer name vb
ip addr add 10.0.0.1/24 dev va
ip link set va up
ip link set vb up
# A permanent neighbour: one echo request crosses and nothing retries.
ip neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev va nud permanent
tcpdump -i va -n -t icmp > /tmp/tg1 2>&1 &
tcpdump -i vb -n -t -w /tmp/tg.pcap > /tmp/tg2 2>&1 &
sleep 1
ping -c 1 -W 0.4 10.0.0.2 > /dev/null
echo "ping rc=$?"
# libpcap hands packets over in blocks on a 1 s timer: let the block go
# out before the device does (a packet still in the ring is lost with it).
sleep 2
ip link del va
wait %1
echo "rc=$?"
wait %2
echo "rc=$?"
cat /tmp/tg1 /tmp/tg2 | cut -d, -f1,3-
tcpdump -r /tmp/tg.pcap -n -t 2>&1 | cut -d, -f1,3-
