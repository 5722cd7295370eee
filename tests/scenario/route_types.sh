# blackhole/unreachable/prohibit/throw routes: how they show, what ip route get and ping print.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link set lo up
ip link add veth0 type veth peer name veth1
ip link set veth0 up
ip link set veth1 up
ip addr add 10.0.0.1/24 dev veth0
ip route add blackhole 10.10.0.0/16
ip route add unreachable 10.11.0.0/16
ip route add prohibit 10.12.0.0/16
ip route add throw 10.13.0.0/16
ip route add 10.14.0.0/16 via 10.0.0.2
ip route add blackhole 10.14.1.0/24 metric 7
ip route
ip route get 10.10.1.1
echo "rc=$?"
ip route get 10.11.1.1
echo "rc=$?"
ip route get 10.12.1.1
echo "rc=$?"
ip route get 10.13.1.1
echo "rc=$?"
ip route get 10.14.1.1
echo "rc=$?"
ping -c 1 -W 1 10.10.1.1
echo "rc=$?"
ping -c 1 -W 1 10.11.1.1
echo "rc=$?"
ping -c 1 -W 1 10.12.1.1
echo "rc=$?"
ping -c 1 -W 1 10.13.1.1
echo "rc=$?"
ip route del blackhole 10.10.0.0/16
ip route del 10.11.0.0/16
echo "rc=$?"
ip route del unreachable 10.11.0.0/16
ip route show type prohibit
ip -j route show type blackhole
