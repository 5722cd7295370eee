# A port's address change moves its local fdb entry and the bridge address (lowest port), a shared address moves to the remaining port on nomaster; bridge_id follows.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add br0 type bridge
ip link add va address 02:00:00:00:00:0a type veth peer name vb address 02:00:00:00:00:0b
ip link add vc address 02:00:00:00:00:0c type veth peer name vd address 02:00:00:00:00:0d
ip link set va master br0
ip link set vc master br0
ip -br link show br0
bridge fdb show br br0 | grep -v self
ip link set vc address 02:00:00:00:00:01
ip -br link show br0
bridge fdb show br br0 | grep -v self
ip link set va address 02:00:00:00:00:01
bridge fdb show br br0 | grep -v self
ip link set vc nomaster
bridge fdb show br br0 | grep -v self
ip -br link show br0
ip -d link show br0 | grep -o "bridge_id [^ ]* designated_root [^ ]*"
