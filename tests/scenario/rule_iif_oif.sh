# iif/oif/ipproto rules on a router: forwarded packets filtered or sent to another table by input device or protocol, [detached] names, renames, oif lookups.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns add c
ip netns add r
ip netns add s
ip -n r link set lo up
ip -n r link add r1 type veth peer name c0 netns c
ip -n r link add r2 type veth peer name s0 netns s
ip -n c addr add 10.1.0.2/24 dev c0
ip -n c link set c0 up
ip -n c route add default via 10.1.0.1
ip -n s addr add 10.2.0.2/24 dev s0
ip -n s link set s0 up
ip -n s route add default via 10.2.0.1
ip -n r addr add 10.1.0.1/24 dev r1
ip -n r addr add 10.2.0.1/24 dev r2
ip -n r link set r1 up
ip -n r link set r2 up
ip netns exec r sysctl -qw net.ipv4.ip_forward=1 net.ipv4.icmp_ratelimit=0
ip netns exec c ping -c1 -W1 10.2.0.2 | grep -E "bytes from|transmitted"
echo "== iif prohibit"
ip -n r rule add pref 100 iif r1 to 10.2.0.0/24 prohibit
ip netns exec c ping -c1 -W1 10.2.0.2
echo "rc=$?"
ip netns exec r ping -c1 -W1 10.2.0.2 | grep -E "bytes from|transmitted"
ip -n r route get 10.2.0.2 from 10.1.0.2 iif r1
echo "rc=$?"
echo "== iif to a table"
ip -n r rule del pref 100
ip -n r rule add pref 100 iif r1 table 100
ip -n r route add unreachable 10.2.0.0/24 table 100
ip netns exec c ping -c1 -W1 10.2.0.2
echo "rc=$?"
ip -n r route add throw 10.2.0.2 table 100
ip netns exec c ping -c1 -W1 10.2.0.2 | grep -E "bytes from|transmitted"
echo "== detached"
ip -n r rule add pref 101 iif ghost prohibit
ip -n r rule add pref 102 oif ghost prohibit
ip -n r rule
ip -n r link set r1 down
ip -n r link set r1 name ghost
ip -n r rule
ip -n r link set ghost name r1
ip -n r link set r1 up
ip -n r rule show iif r1
ip -n r link add ghost type veth peer name ghost2
ip -n r rule show iif ghost
ip -n r link del ghost
ip -n r rule show oif ghost
echo "== oif"
ip -n r rule add pref 50 oif r2 prohibit
ip -n r route get 10.2.0.2
ip -n r route get 10.2.0.2 oif r2
ip -n r route get 10.1.0.2 oif r2
ip netns exec r ping -c1 -W1 -I r2 10.2.0.2 | grep -E "bytes from|transmitted"
ip -n r rule add pref 40 oif r2 to 10.2.0.2 unreachable
ip -n r route get 10.2.0.2 oif r2
echo "rc=$?"
ip -n r rule add pref 30 iif lo to 10.2.0.2 blackhole
ip -n r route get 10.2.0.2
echo "rc=$?"
ip netns exec c ping -c1 -W1 10.2.0.2 | grep -E "bytes from|transmitted"
echo "== ipproto"
ip -n r rule add pref 60 iif r1 ipproto icmp prohibit
ip netns exec c ping -c1 -W1 10.2.0.2
echo "rc=$?"
ip -n r rule del pref 60
ip -n r rule add pref 60 iif r1 ipproto udp dport 1-1000 prohibit
ip netns exec c ping -c1 -W1 10.2.0.2 | grep -E "bytes from|transmitted"
ip -n r rule show ipproto udp
ip netns del c
ip netns del r
ip netns del s
