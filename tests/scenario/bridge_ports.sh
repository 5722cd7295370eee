# Bridge ports: MAC inheritance (lowest port, or the admin's), mtu = min of ports, carrier, nomaster, moving and deleting ports, deleting the bridge, enslave errors, ip -d link.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add br0 type bridge forward_delay 400 hello_time 300
ip -d link show br0 | grep -o "bridge forward_delay.*nf_call_arptables 0"
ip link add va address 02:00:00:00:00:0a type veth peer name vb address 02:00:00:00:00:0b
ip link add vc address 02:00:00:00:00:0c type veth peer name vd address 02:00:00:00:00:0d
ip link set vc master br0
ip link show br0
ip link set va master br0
ip link show br0
ip link set br0 up
ip link show br0
ip link set va up
ip link set vb up
sleep 1
ip link show br0
bridge link
ip -d link show br0 | grep -o "bridge_id [^ ]* designated_root [^ ]*"
ip -d link show va | grep -o "bridge_slave state [a-z]* priority [0-9]* cost [0-9]* hairpin [a-z]* guard [a-z]* root_block [a-z]* fastleave [a-z]* learning [a-z]* flood [a-z]* port_id [^ ]* port_no [^ ]* designated_port [0-9]*"
ip link set vc mtu 1400
ip link show br0
ip link set va nomaster
ip link show br0
bridge fdb show br br0 | grep -v self
ip -br link show master br0
ip link set va master br0
ip link set va master br0; echo "rc=$?"
ip link set br0 master br0; echo "rc=$?"
ip link set lo master br0; echo "rc=$?"
ip link set va master nosuch; echo "rc=$?"
ip link add br1 type bridge
ip link set br1 master br0; echo "rc=$?"
ip link set va master br1; echo "rc=$?"
ip -br link show master br1
ip link set br0 address 02:00:00:00:00:01
ip link set va master br0
ip link show br0
bridge fdb show br br0 | grep -v self
ip link set br0 mtu 1300
ip link set vc mtu 1500
ip link show br0
ip link del vc
ip link show br0
bridge link
ip link del br0
ip link show va
ip link show vb
bridge link
