# ip -j/-j -p/-br/-o link and addr across several device kinds and namespaces.
ip netns add n1
ip netns add n2
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns exec n1 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add v1 type veth peer name v1p netns n1
ip link add v2 mtu 1400 type veth peer name v2p netns n2
ip link add dummyx type veth peer name dummyy
ip addr add 10.0.1.1/24 dev v1
ip addr add 10.0.2.1/24 brd + dev v2
ip addr add 192.168.7.1/32 dev dummyx label dummyx:1
ip -n n1 addr add 10.0.1.2/24 dev v1p
ip link set v1 up
ip -n n1 link set v1p up
ip link set dummyy down
sleep 2
ip -j link
ip -j -p link show v2
ip -j addr show dev dummyx
ip -j -p addr show dev v2
ip -br addr
ip -br link show type veth
ip -o link show dummyy
ip -o addr show
ip -o -4 addr show dev v1
ip -n n1 -j -p addr
ip -n n2 -br addr
ip -n n2 -o link
ip -all netns exec ip -br link
ip -j netns list
ip -br link show dev nope
echo "rc=$?"
ip -j link show nope
echo "rc=$?"
ip neigh add 10.0.1.9 lladdr 02:00:00:00:00:09 dev v1
ip -br neigh
ip -j neigh show dev v1
ip netns list-id
ip -n n1 netns list-id
ip link show master nope
echo "rc=$?"
ip link show master v1
echo "rc=$?"
