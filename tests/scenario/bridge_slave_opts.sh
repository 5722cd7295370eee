# Port options through `ip link set DEV type bridge_slave ...` and ip -d link, `bridge -s fdb` ages, moving a port to another namespace removes it from the bridge.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add br0 type bridge
ip link add va address 02:00:00:00:00:0a type veth peer name vb address 02:00:00:00:00:0b
ip link set va master br0
bridge fdb add 02:00:00:00:00:04 dev va master static
sleep 1.5
bridge -s fdb show br br0
ip link set va type bridge_slave foo; echo "rc=$?"
ip link set va type bridge_slave cost 9 hairpin on learning off state 0 priority 5; echo "rc=$?"
bridge -d link
ip link set va type bridge_slave flood maybe; echo "rc=$?"
ip link set vb type bridge_slave cost 3; echo "rc=$?"
ip link set va type bridge_slave priority 70; echo "rc=$?"
ip link set br0 up
ip link set va up
ip link set vb up
ip link set va type bridge_slave state 2 bcast_flood off mcast_flood off flood off; echo "rc=$?"
bridge -d link
ip -d link show va | grep -o "bridge_slave state [a-z]* priority [0-9]* cost [0-9]* hairpin [a-z]* guard [a-z]* root_block [a-z]* fastleave [a-z]* learning [a-z]* flood [a-z]* port_id [^ ]* port_no [^ ]* designated_port [0-9]* designated_cost [0-9]* designated_bridge [^ ]* designated_root [^ ]*"
ip -d link show va | grep -o "topology_change_ack.*locked off"
ip netns add other
ip link set va netns other
bridge link
bridge fdb show br br0
ip link show br0
