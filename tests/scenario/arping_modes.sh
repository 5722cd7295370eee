# arping -c -I, -U (unsolicited), -A (reply mode), -D (duplicate detection), no responder, errors.
ip netns add b
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns exec b sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add va type veth peer name vb netns b
ip addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip link set va up
ip -n b link set vb up
arping -c 1 -I va 10.0.0.2
echo "rc=$?"
ip neigh show
ip -n b neigh show
arping -q -c 1 -I va 10.0.0.2
echo "rc=$?"
arping -c 1 -i 0.2 -I va 10.0.0.2
echo "rc=$?"
arping -D -c 1 -I va 10.0.0.2
echo "rc=$?"
arping -D -c 1 -w 1 -I va 10.0.0.3
echo "rc=$?"
ip link set va address 02:00:00:00:00:aa
arping -U -c 1 -I va 10.0.0.1
echo "rc=$?"
ip -n b neigh show
ip link set va address 02:00:00:00:00:bb
arping -A -c 1 -I va 10.0.0.1
echo "rc=$?"
ip -n b neigh show
arping -c 1 -w 1 -I va 10.0.0.9
echo "rc=$?"
arping -c 1 -I nope 10.0.0.2
echo "rc=$?"
arping -c 1 -I va
echo "rc=$?"
