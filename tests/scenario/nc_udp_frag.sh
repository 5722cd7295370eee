# a 3000-byte nc -u datagram leaves fragmented over a 1500-byte veth and is reassembled; a 20000-byte input is two datagrams (16 KiB reads)
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns add a
ip netns add b
ip -n a link add veth0 type veth peer name veth0 netns b
ip -n a addr add 10.0.0.1/24 dev veth0
ip -n b addr add 10.0.0.2/24 dev veth0
ip -n a link set veth0 up
ip -n b link set veth0 up
ip netns exec b nc -u -l -W 3 5000 > /tmp/nc_fr1 &
job=$!
sleep 1
head -c 3000 /dev/zero | tr '\0' a | ip netns exec a nc -u -q 1 -p 40000 10.0.0.2 5000
echo "rc=$?"
head -c 20000 /dev/zero | tr '\0' b > /tmp/nc_fr2
ip netns exec a nc -u -q 1 -p 40000 10.0.0.2 5000 < /tmp/nc_fr2
echo "rc=$?"
wait $job
echo "listener rc=$?"
wc -c < /tmp/nc_fr1
ip netns exec a grep -E '^(Ip|Udp):' /proc/net/snmp
ip netns exec b grep -E '^(Ip|Udp):' /proc/net/snmp
