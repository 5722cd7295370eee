# Route metrics and attributes: mtu/advmss (lock, clamping) in show/-j/get and /proc/net/route; src/proto/scope/onlink and their filters.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link set lo up
ip link add a0 type veth peer name a1
ip link set a0 up; ip link set a1 up
ip addr add 10.1.0.1/24 dev a0
ip addr add 10.1.0.7/24 dev a0
echo "== metrics"
ip route add 10.6.0.0/16 via 10.1.0.2 mtu lock 1300 advmss 1200
ip route add 10.7.0.0/16 via 10.1.0.2 mtu 1400
ip route add 10.8.0.0/16 via 10.1.0.2 advmss lock 900
ip route show 10.6.0.0/15
ip route show 10.8.0.0/16
ip -j route show 10.6.0.0/16
ip -d -j route show 10.7.0.0/16
ip route get 10.6.1.1
ip route get 10.7.1.1
ip -j route get 10.6.1.1
cat /proc/net/route
ip route add 10.9.0.0/16 via 10.1.0.2 mtu 70000
echo "rc=$?"
ip route add 10.9.0.0/16 via 10.1.0.2 mtu 0
echo "rc=$?"
ip route add 10.9.0.0/16 via 10.1.0.2 mtu x
echo "rc=$?"
ip route del 10.7.0.0/16 mtu 1500
echo "rc=$?"
ip route del 10.7.0.0/16 mtu 1400
echo "rc=$?"
echo "== src/proto/scope/onlink"
ip route add 10.10.0.0/16 via 10.1.0.2 src 10.1.0.7 proto static
echo "rc=$?"
ip route add 10.11.0.0/16 via 10.1.0.2 src 10.9.9.9
echo "rc=$?"
ip route add 10.12.0.0/16 via 10.20.0.2 dev a0 onlink
echo "rc=$?"
ip route add 10.13.0.0/16 via 10.20.0.2 onlink
echo "rc=$?"
ip route add 10.14.0.0/16 dev a0 scope host
echo "rc=$?"
ip route add 10.15.0.0/16 via 10.1.0.2 scope link
echo "rc=$?"
ip route add 10.16.0.0/16 via 10.1.0.2 proto 99 scope 7
echo "rc=$?"
ip route
ip route get 10.10.1.1
ip route get 10.12.1.1
ip route show proto static
ip route show scope link
ip route show src 10.1.0.7
