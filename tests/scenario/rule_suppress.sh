# wg-quick's policy routing (not fwmark + suppress_prefixlength 0) and suppress_ifgroup, checked with pings through two uplinks.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns add h
ip netns add isp
ip netns add vpn
ip -n h link set lo up
ip -n vpn link set lo up
ip -n h link add a0 type veth peer name a1 netns isp
ip -n h link add b0 type veth peer name b1 netns vpn
ip -n h addr add 10.1.0.1/24 dev a0
ip -n h addr add 10.2.0.1/24 dev b0
ip -n h link set a0 up
ip -n h link set b0 up
ip -n isp addr add 10.1.0.2/24 dev a1
ip -n isp link set a1 up
ip -n vpn addr add 10.2.0.2/24 dev b1
ip -n vpn addr add 8.8.8.8/32 dev lo
ip -n vpn link set b1 up
ip -n vpn route add default via 10.2.0.1
ip -n h route add default via 10.1.0.2
ip netns exec isp sysctl -qw net.ipv4.icmp_ratelimit=0
ip netns exec h ping -c1 -W1 8.8.8.8
echo "rc=$?"
echo "== wg-quick rules"
ip -n h route add default via 10.2.0.2 dev b0 table 51820
ip -n h rule add not fwmark 51820 table 51820
ip -n h rule add table main suppress_prefixlength 0
ip -n h rule
ip -n h route get 10.1.0.2
ip -n h route get 10.2.0.2
ip netns exec h ping -c1 -W1 8.8.8.8 | grep -E "bytes from|transmitted"
ip netns exec h ping -c1 -W1 10.1.0.2 | grep -E "bytes from|transmitted"
ip netns exec h ping -c1 -W1 -m 51820 8.8.8.8
echo "rc=$?"
echo "== suppress_ifgroup"
ip -n h link set a0 group 5
ip -n h rule add pref 90 table main suppress_ifgroup 5
ip -n h rule add pref 91 unreachable
ip -n h rule show pref 90
ip -n h route get 10.1.0.2
echo "rc=$?"
ip -n h route get 10.2.0.2
ip netns exec h ping -c1 -W1 10.1.0.2
echo "rc=$?"
ip -n h rule del pref 91
ip -n h rule del pref 90
ip -n h rule del table main suppress_prefixlength 0
ip netns exec h ping -c1 -W1 8.8.8.8 | grep -E "bytes from|transmitted"
ip netns del h
ip netns del isp
ip netns del vpn
