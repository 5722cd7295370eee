# Unreachable destinations: no local route (connect fails), router without route (Net Unreachable), rejected routes at the router.
for ns in h1 r; do
  ip netns add $ns
  ip netns exec $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ip -n $ns link set lo up
done
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
# ip_error() and icmp_send() share one per-source token bucket; without this the 3rd error is rate-limited
ip netns exec r sysctl -qw net.ipv4.icmp_ratelimit=0
ip link add eth0 netns h1 type veth peer name r0 netns r
ip -n h1 addr add 10.0.1.2/24 dev eth0
ip -n r addr add 10.0.1.1/24 dev r0
ip -n h1 link set eth0 up
ip -n r link set r0 up
ip netns exec h1 ping -c 1 10.9.9.9
echo "rc=$?"
ip -n h1 route add default via 10.0.1.1
ip netns exec h1 ping -c 1 -W 1 10.9.9.9
echo "rc=$?"
ip -n r route add unreachable 10.9.0.0/16
ip -n r route add prohibit 10.8.0.0/16
ip -n r route add blackhole 10.7.0.0/16
ip netns exec h1 ping -c 1 -W 1 10.9.9.9
echo "rc=$?"
ip netns exec h1 ping -c 1 -W 1 10.8.8.8
echo "rc=$?"
ip netns exec h1 ping -c 1 -W 1 10.7.7.7
echo "rc=$?"
ip netns exec h1 ping -c 1 -W 1 10.6.6.6
echo "rc=$?"
ip -n r route add 10.5.0.0/16 via 10.0.1.99
ip netns exec h1 ping -c 1 -W 5 10.5.5.5
echo "rc=$?"
ip netns exec h1 ping -c 1 0.0.0.0
echo "rc=$?"
