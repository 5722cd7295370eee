# ping -c -i -s -q -n -W -w -t -I -D-less options and their output, on a veth pair.
ip netns add b
for ns in "" "ip netns exec b"; do
  $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip link set lo up
ip link add va type veth peer name vb netns b
ip addr add 10.0.0.1/24 dev va
ip addr add 10.0.0.11/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip link set va up
ip -n b link set vb up
ip -n b link set lo up
ping -c 2 -i 0.2 10.0.0.2
echo "rc=$?"
ping -c 2 -i 0.2 -s 100 10.0.0.2
ping -c 1 -s 0 10.0.0.2
ping -c 1 -s 7 10.0.0.2
ping -c 1 -s 8 10.0.0.2
ping -c 3 -i 0.2 -q 10.0.0.2
ping -c 1 -n 10.0.0.2
ping -c 1 -I va 10.0.0.2
ping -c 1 -I 10.0.0.11 10.0.0.2
ping -c 1 -t 5 10.0.0.2
ping -D -c 1 10.0.0.2
ping -c 2 -i 0.2 -w 5 10.0.0.2
echo "rc=$?"
ping -w 1 -i 0.3 10.0.0.2 | grep -c bytes
ping -c 1 -W 1 10.0.0.3
echo "rc=$?"
ping -c 2 -i 0.2 -q 10.0.0.1
ping -c 1 10.0.0.255
echo "rc=$?"
