# Deleting a device's last IPv4 address kills its routes (gateway routes too) and flushes its ARP entries, permanent ones included (fib_disable_ip).
ip link add va type veth peer name vb
ip link set va up; ip link set vb up
ip addr add 10.1.0.1/24 dev va
ip addr add 10.2.0.1/24 dev va
ip neigh add 10.1.0.9 lladdr 02:00:00:00:00:09 dev va
ip neigh add 10.1.0.8 lladdr 02:00:00:00:00:08 dev va nud reachable
ip route add 10.5.0.0/16 via 10.1.0.9
ip route add 10.6.0.0/16 dev va scope host
echo "#SORT-BEGIN"
ip -4 neigh show dev va
echo "#SORT-END"
ip addr del 10.1.0.1/24 dev va
echo "#SORT-BEGIN"
ip -4 neigh show dev va
echo "#SORT-END"
ip route
ip route get 10.5.1.1
ip addr del 10.2.0.1/24 dev va
ip -4 neigh show dev va
echo "-- routes"
ip route
ip route get 10.5.1.1
echo rc=$?
cat /proc/net/fib_trie
