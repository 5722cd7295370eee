# ip route get through policy rules: source routing to a second table, fwmark/tos/iif selectors, table local after the split, -d and -j.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns add h
ip netns add g1
ip netns add g2
ip -n h link set lo up
ip -n g2 link set lo up
ip -n h link add a0 type veth peer name a1 netns g1
ip -n h link add b0 type veth peer name b1 netns g2
ip -n h addr add 10.1.0.1/24 dev a0
ip -n h addr add 10.2.0.1/24 dev b0
ip -n h link set a0 up
ip -n h link set b0 up
ip -n g1 addr add 10.1.0.2/24 dev a1
ip -n g1 link set a1 up
ip -n g2 addr add 10.2.0.2/24 dev b1
ip -n g2 addr add 8.8.8.8/32 dev lo
ip -n g2 link set b1 up
ip -n h route add default via 10.1.0.2
ip -n h route get 8.8.8.8 from 10.2.0.1
ip -n h route get 10.1.0.1
ip -n h route add default via 10.2.0.2 table 100
ip -n h rule add from 10.2.0.1 table 100
ip -n h route get 8.8.8.8 from 10.2.0.1
ip -n h route get 8.8.8.8
ip -n h -d route get 8.8.8.8
ip -n h route get 10.1.0.1
ip -n h route get 127.0.0.1
ip -n h route get 10.2.0.2 from 10.2.0.1
ip -n h -j route get 8.8.8.8 from 10.2.0.1
ip netns exec h ping -c1 -W1 -I 10.2.0.1 8.8.8.8 | grep -E "bytes from|transmitted"
ip netns exec h ping -c1 -W1 8.8.8.8 | grep -E "bytes from|transmitted"
ip -n h rule add pref 200 fwmark 0x10/0xf0 table 100
ip -n h route get 8.8.8.8 mark 0x13
ip -n h rule add pref 201 tos 0x08 table 100
ip -n h route get 8.8.8.8 tos 0x08
ip -n h rule add pref 202 iif b0 table 100
ip netns exec h sysctl -qw net.ipv4.ip_forward=1
ip -n h route get 9.9.9.9 from 10.2.0.2 iif b0
ip -n h route get 10.1.0.1 from 10.2.0.2 iif b0
ip -n h route get 9.9.9.9 from 10.1.0.2 iif a0
ip -n h route get fibmatch 8.8.8.8 from 10.2.0.1
ip netns del h
ip netns del g1
ip netns del g2
