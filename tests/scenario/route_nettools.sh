# net-tools route: add default gw, -net/-host with netmask/dev/metric, route -n output, del, errors.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add veth0 type veth peer name veth1
ip link set veth1 up
ifconfig veth0 192.168.1.100/24 up
route -n
route add default gw 192.168.1.1
route add -net 10.0.0.0 netmask 255.0.0.0 gw 192.168.1.2
route add -net 172.16.0.0/16 dev veth0
route add -host 8.8.4.4 gw 192.168.1.3 metric 5
route add -net 10.20.0.0/16 reject
route -n
ip route
route add default gw 10.9.9.9
echo "rc=$?"
route add -net 10.30.0.0/16 dev nope
echo "rc=$?"
route add -net 10.30.0.1 netmask 255.255.0.0 dev veth0
echo "rc=$?"
route del -net 10.0.0.0 netmask 255.0.0.0
route del default
route del -host 8.8.4.4
route del default
echo "rc=$?"
route -n
route add foo
echo "rc=$?"
