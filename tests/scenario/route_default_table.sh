# Without rules a failed main lookup falls to the default table: unreachable in main answers EHOSTUNREACH only while table default does not exist.
ip link set lo up
ip link add va type veth peer name vb
ip link set va up
ip addr add 10.9.0.1/16 dev va
ip route add unreachable 192.0.2.0/24
ip route add prohibit 198.51.100.0/24
ip route get 192.0.2.1
echo rc=$?
ip route get 198.51.100.1
echo rc=$?
ip route add 203.0.113.0/24 via 10.9.0.254 table default
ip route get 203.0.113.9
echo rc=$?
ip route get 192.0.2.1
echo rc=$?
ip route get 198.51.100.1
echo rc=$?
ip route add 192.0.2.0/24 via 10.9.0.253 table default
ip route get 192.0.2.1
echo rc=$?
ping -c 1 -W 1 192.0.2.1
echo rc=$?
ip route show table default
ip route del 192.0.2.0/24 table default
ip route flush table default
ip route get 192.0.2.1
echo rc=$?
