# ip route add/del/show: via, dev, src, metric, scope, proto, default, table; and their errors.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add veth0 type veth peer name veth1
ip link set veth0 up
ip link set veth1 up
ip addr add 10.0.0.1/24 dev veth0
ip route add 10.1.0.0/16 via 10.0.0.254
ip route add 10.2.0.0/16 via 10.0.0.254 dev veth0 metric 100
ip route add 10.3.0.0/16 dev veth0 src 10.0.0.1 proto static
ip route add 10.4.0.0/16 dev veth0 scope link metric 5
ip route add 10.5.5.5 via 10.0.0.2
ip route add default via 10.0.0.254
ip route add 10.6.0.0/16 via 10.0.0.3 table 100
ip route add 10.7.0.0/16 dev veth0 proto 42
ip route
ip route show table 100
ip route show 10.2.0.0/16
ip route show root 10.0.0.0/8
ip route show match 10.1.2.3
ip route show exact 10.3.0.0/16
ip route show via 10.0.0.254
echo "-- errors"
ip route add 10.1.0.0/16 via 10.0.0.254
echo "rc=$?"
ip route add 10.8.0.0/16 via 192.168.0.1
echo "rc=$?"
ip route add 10.8.0.0/16 via 10.0.0.1
echo "rc=$?"
ip route add 10.8.0.0/16 dev nope
echo "rc=$?"
ip route add 10.8.0.0/33 dev veth0
echo "rc=$?"
ip route add 10.8.0.1/16 dev veth0
echo "rc=$?"
ip route add 10.8.0.0/16 dev veth0 src 10.9.9.9
echo "rc=$?"
ip route add 10.8.0.0/16
echo "rc=$?"
ip route add 10.8.0.0/16 dev veth0 metric abc
echo "rc=$?"
ip route del 10.9.0.0/16
echo "rc=$?"
ip route del 10.1.0.0/16 via 10.0.0.253
echo "rc=$?"
ip route add 10.8.0.0/16 dev veth0 table nope
echo "rc=$?"
echo "-- deletes"
ip route del 10.1.0.0/16
ip route del default
ip route del 10.2.0.0/16 metric 100
ip route del 10.6.0.0/16 table 100
ip route flush proto 42
ip route
ip route flush table 100
echo "rc=$?"
ip link set veth0 down
ip route
