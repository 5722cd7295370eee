# ECMP routes: ip route add/append/del with nexthop clauses, show/-o/-j/-d, /proc/net/route, parse and kernel errors, dead/linkdown next hops.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link set lo up
ip link add a0 type veth peer name a1
ip link add b0 type veth peer name b1
ip link set a0 up
ip link set b0 up
ip link set a1 up
ip addr add 10.1.0.1/24 dev a0
ip addr add 10.2.0.1/24 dev b0
ip route add 192.168.0.0/16 nexthop via 10.1.0.2 dev a0 weight 2 nexthop via 10.2.0.2 dev b0
ip route show
ip -j route show 192.168.0.0/16
ip -d route show 192.168.0.0/16
cat /proc/net/route
ip route add 192.168.0.0/16 nexthop via 10.1.0.2 dev a0 nexthop via 10.2.0.2 dev b0
echo "rc=$?"
ip route append 192.168.0.0/16 nexthop via 10.1.0.2 dev a0 weight 2 nexthop via 10.2.0.2 dev b0
echo "rc=$?"
ip route add 172.16.0.0/16 nexthop via 10.1.0.2 weight 0
echo "rc=$?"
ip route add 172.16.0.0/16 nexthop via 10.1.0.2 weight 257
echo "rc=$?"
ip route add 172.16.0.0/16 nexthop via 10.1.0.2 weight x
echo "rc=$?"
ip route add 172.16.0.0/16 nexthop via 10.9.0.2
echo "rc=$?"
ip route add 172.16.0.0/16 nexthop via 10.1.0.2 nexthop via 10.9.0.2
echo "rc=$?"
ip route add 172.16.0.0/16 via 10.1.0.2 nexthop via 10.2.0.2
echo "rc=$?"
ip route add 172.16.0.0/16 dev a0 nexthop via 10.2.0.2
echo "rc=$?"
ip route add 172.16.0.0/16 nexthop via 10.1.0.2 dev b0
echo "rc=$?"
ip route add 172.16.0.0/16 nexthop dev a0 nexthop dev b0
echo "rc=$?"
ip route add 172.17.0.0/16 nexthop via 10.1.0.2
echo "rc=$?"
ip route add blackhole 172.18.0.0/16 nexthop via 10.1.0.2
echo "rc=$?"
ip route add 172.19.0.0/16 nexthop via 10.1.0.2 nexthop via 10.1.0.2
echo "rc=$?"
ip route add 172.20.0.0/16 nexthop via 10.1.0.3 dev a0 nexthop via 10.1.0.2 dev a0 nexthop via 10.2.0.5 dev b0 weight 3
echo "rc=$?"
ip route add 172.21.0.0/16 nexthop via 10.1.0.2 dev a1
echo "rc=$?"
ip route add 172.22.0.0/16 nexthop
echo "rc=$?"
ip route add 172.22.0.0/16 nexthop via
echo "rc=$?"
ip route add 172.22.0.0/16 nexthop foo
echo "rc=$?"
ip route add 172.22.0.0/16 nexthop dev nope
echo "rc=$?"
ip route add 172.22.0.0/16 nexthop via 10.1.0.2 pervasive
echo "rc=$?"
ip route add 172.22.0.0/16 nexthop via 10.1.0.2 metric 5
echo "rc=$?"
ip route add 172.22.0.0/16 scope host nexthop dev a0 nexthop dev b0
echo "rc=$?"
ip route add 172.23.0.0/16 metric 5 nexthop via 10.1.0.2 onlink dev a0 nexthop via inet 10.2.0.2 dev b0 weight 256
echo "rc=$?"
ip route
ip -o route
ip route show dev a0
ip route show via 10.1.0.2
ip route get 192.168.1.1 oif a0
ip route get 172.17.1.1
ip route del 172.20.0.0/16 dev b0
echo "rc=$?"
ip route del 172.20.0.0/16 nexthop via 10.1.0.3 dev a0 nexthop via 10.1.0.2 dev a0
echo "rc=$?"
ip route del 172.23.0.0/16 nexthop via 10.1.0.2 nexthop dev a0
echo "rc=$?"
ip route del 172.23.0.0/16 nexthop dev a0 nexthop dev b0
echo "rc=$?"
ip route del 192.168.0.0/16 via 10.1.0.2
echo "rc=$?"
ip route del 172.19.0.0/16 nexthop via 10.1.0.2 nexthop via 10.1.0.2 nexthop via 10.2.0.3
echo "rc=$?"
ip route
ip link set b0 down
ip route
ip -j route show 172.20.0.0/16
ip link set b0 up
ip route
sysctl -qw net.ipv4.conf.all.ignore_routes_with_linkdown=1
ip route
ip link del a0
ip route
