# Reverse-path filtering: a spoofed-path source is dropped with rp_filter=1 (strict), accepted with 2 (loose) and 0.
ip netns add a
ip netns add b
for ns in a b; do
  ip netns exec $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ip -n $ns link set lo up
done
ip link add a0 netns a type veth peer name b0 netns b
ip link add a1 netns a type veth peer name b1 netns b
ip -n a addr add 10.0.0.1/24 dev a0
ip -n a addr add 10.0.1.1/24 dev a1
ip -n b addr add 10.0.0.2/24 dev b0
ip -n b addr add 10.0.1.2/24 dev b1
ip -n a link set a0 up
ip -n a link set a1 up
ip -n b link set b0 up
ip -n b link set b1 up
ip netns exec a ping -c 1 -q 10.0.0.2 >/dev/null
ip netns exec b sysctl net.ipv4.conf.all.rp_filter net.ipv4.conf.default.rp_filter net.ipv4.conf.b0.rp_filter
echo "-- rp_filter 0: source 10.0.1.1 arrives on b0"
ip netns exec a ping -c 1 -W 1 -I 10.0.1.1 10.0.0.2
echo "rc=$?"
ip netns exec b sysctl -w net.ipv4.conf.all.rp_filter=1
ip netns exec a ping -c 1 -W 1 -I 10.0.1.1 10.0.0.2
echo "rc=$?"
ip -n b route get 10.0.0.2 from 10.0.1.1 iif b0
echo "rc=$?"
ip -n b route get 10.0.0.2 from 10.0.0.1 iif b0
ip netns exec b sysctl -w net.ipv4.conf.all.rp_filter=2
ip netns exec a ping -c 1 -W 1 -I 10.0.1.1 10.0.0.2
echo "rc=$?"
ip netns exec b sysctl -w net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.b0.rp_filter=1
ip netns exec a ping -c 1 -W 1 -I 10.0.1.1 10.0.0.2
echo "rc=$?"
ip netns exec b grep -E '^Ip:' /proc/net/snmp
