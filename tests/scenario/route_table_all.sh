# ip route show table all / table N / type filters, and flush variants (table, prefix, proto, -s rounds, everything).
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link set lo up
ip link add a0 type veth peer name a1
ip link set a0 up; ip link set a1 up
ip addr add 10.1.0.1/24 dev a0
ip addr add 10.1.0.7/24 dev a0
ip route add 10.6.0.0/16 via 10.1.0.2 mtu lock 1300 advmss 1200
ip route add 10.8.0.0/16 via 10.1.0.2 advmss lock 900
ip route add 10.10.0.0/16 via 10.1.0.2 src 10.1.0.7 proto static
ip route add 10.12.0.0/16 via 10.20.0.2 dev a0 onlink
ip route add 10.14.0.0/16 dev a0 scope host
echo "== table all / flush"
ip route add 10.30.0.0/16 via 10.1.0.2 table 100
ip route add blackhole 10.31.0.0/16 table 200
ip route add unreachable 10.32.0.0/16 table 100 metric 5
ip route show table all
ip route show table 100
ip route show table 300
echo "rc=$?"
ip route flush table 100
ip route show table all type blackhole
ip route flush 10.6.0.0/15
echo "rc=$?"
ip route flush proto static
echo "rc=$?"
ip -s route flush 10.8.0.0/16
ip -s route flush 10.99.0.0/16
ip route flush
echo "rc=$?"
ip route
