# ip route replace/change/append/prepend semantics and metrics with the same prefix.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add veth0 type veth peer name veth1
ip link add veth2 type veth peer name veth3
ip link set veth0 up
ip link set veth1 up
ip link set veth2 up
ip link set veth3 up
ip addr add 10.0.0.1/24 dev veth0
ip addr add 10.0.1.1/24 dev veth2
ip route replace 10.5.0.0/16 via 10.0.0.2
ip route
ip route replace 10.5.0.0/16 via 10.0.1.2
ip route
ip route change 10.5.0.0/16 via 10.0.0.3
ip route
ip route change 10.6.0.0/16 via 10.0.0.3
echo "rc=$?"
ip route add 10.5.0.0/16 via 10.0.1.9 metric 10
ip route append 10.5.0.0/16 via 10.0.1.7
echo "rc=$?"
ip route prepend 10.5.0.0/16 via 10.0.1.8
echo "rc=$?"
ip route
ip route replace 10.5.0.0/16 dev veth2 metric 10
ip route
ip route get 10.5.1.1
ip route del 10.5.0.0/16
ip route
ip route del 10.5.0.0/16
ip route
ip route del 10.5.0.0/16
echo "rc=$?"
ip route replace default via 10.0.0.2
ip route replace default via 10.0.1.2
ip route
route -n
