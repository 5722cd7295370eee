# bridge fdb add/del/replace (master and self), states, show filters, and the errors of bad requests.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add br0 type bridge
ip link add va address 02:00:00:00:00:0a type veth peer name vb address 02:00:00:00:00:0b
ip link add vc address 02:00:00:00:00:0c type veth peer name vd address 02:00:00:00:00:0d
ip link set va master br0
ip link set vc master br0
bridge fdb show
bridge fdb add 02:00:00:00:00:01 dev va; echo "rc=$?"
bridge fdb add 02:00:00:00:00:02 dev va master static; echo "rc=$?"
bridge fdb add 02:00:00:00:00:03 dev va master dynamic; echo "rc=$?"
bridge fdb add 02:00:00:00:00:04 dev va master; echo "rc=$?"
bridge fdb add 02:00:00:00:00:04 dev va master; echo "rc=$?"
bridge fdb replace 02:00:00:00:00:04 dev vc master static; echo "rc=$?"
bridge fdb replace 02:00:00:00:00:05 dev vc master; echo "rc=$?"
bridge fdb show br br0
bridge fdb show dev vc
bridge fdb del 02:00:00:00:00:09 dev va master; echo "rc=$?"
bridge fdb del 02:00:00:00:00:04 dev va master; echo "rc=$?"
bridge fdb del 02:00:00:00:00:04 dev vc master; echo "rc=$?"
bridge fdb del 02:00:00:00:00:01 dev va; echo "rc=$?"
bridge fdb del 02:00:00:00:00:01 dev va; echo "rc=$?"
bridge fdb add 02:00:00:00:00:06 dev br0; echo "rc=$?"
bridge fdb add 02:00:00:00:00:07 dev br0 master; echo "rc=$?"
bridge fdb add 00:00:00:00:00:00 dev va master; echo "rc=$?"
bridge fdb add 02:00:00:00:00:08 dev vd master; echo "rc=$?"
bridge fdb add 02:00:00:00:00:08 dev va master vlan 5; echo "rc=$?"
bridge fdb add 02:00:00:00:00:08; echo "rc=$?"
bridge fdb add zz dev va; echo "rc=$?"
bridge fdb add 02:00:00:00:00:08 dev nosuch; echo "rc=$?"
bridge fdb show dev nosuch; echo "rc=$?"
bridge fdb foo; echo "rc=$?"
bridge foo; echo "rc=$?"
bridge fdb show br br0
