# Resolution failure: INCOMPLETE while probing, FAILED after; "Destination Host Unreachable" needs lo up.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add veth0 type veth peer name veth1
ip link set veth0 up
ip link set veth1 up
ip addr add 10.0.0.1/24 dev veth0
echo "-- lo down: the local ICMP error cannot be delivered"
ping -c 1 -W 4 10.0.0.66
echo "rc=$?"
ip neigh show
ip link set lo up
echo "-- lo up"
ping -c 1 -W 5 10.0.0.77 &
pid=$!
sleep 0.5
ip neigh show 10.0.0.77
wait $pid
echo "rc=$?"
echo "#SORT-BEGIN"
ip neigh show
echo "#SORT-END"
ping -c 2 10.0.0.78
echo "rc=$?"
ip -s link show veth0
