# bridge fdb show with IPv6 on: each device's own multicast addresses (all-nodes, solicited-node, the bridge's router groups), which IPv6 drops when a ready device goes down.
ip link add br0 type bridge
ip link add va address 02:00:00:00:00:0a type veth peer name vb address 02:00:00:00:00:0b
ip link set va master br0
ip link set br0 up
ip link set va up
ip link set vb up
sleep 3
bridge fdb show
ip link set br0 down
bridge fdb show
ip link set va down
bridge fdb show
ip link set br0 up
ip link set va up
sleep 1
bridge fdb show dev br0
