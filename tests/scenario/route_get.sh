# ip route get: local, connected, via gateway, default, from/iif/oif, and unreachable lookups.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link set lo up
ip link add veth0 type veth peer name veth1
ip link set veth0 up
ip link set veth1 up
ip addr add 10.0.0.1/24 dev veth0
ip addr add 10.0.0.2/24 dev veth1
ip route get 10.0.0.9
ip route get 8.8.8.8
echo "rc=$?"
ip route add 172.16.0.0/12 via 10.0.0.254 src 10.0.0.1
ip route add default via 10.0.0.254 dev veth0
ip route get 8.8.8.8
ip route get 172.20.1.1
ip route get 10.0.0.1
ip route get 127.0.0.5
ip route get 10.0.0.255
ip route get 255.255.255.255
ip route get 224.0.0.1
ip route get 10.0.0.9 from 10.0.0.2
ip route get 10.0.0.9 oif veth1
ip route get 10.0.0.9 from 10.0.0.2 iif veth0
echo "rc=$?"
ip route get 10.0.0.9 oif nope
echo "rc=$?"
ip route get 10.0.0.0/24
echo "rc=$?"
ip route get
echo "rc=$?"
ip route get 1.2.3.4 from 1.2.3.5
echo "rc=$?"
ip -j route get 10.0.0.9
