# bridge fdb on a vxlan device: append/replace/del semantics, port/vni/via printing, iproute2's and the kernel's errors.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add vx0 type vxlan id 1 dstport 4789
bridge fdb append 00:00:00:00:00:00 dev vx0 dst 10.1.1.1
bridge fdb append 00:00:00:00:00:00 dev vx0 dst 10.1.1.2
bridge fdb append 00:00:00:00:00:00 dev vx0 dst 10.1.1.2
bridge fdb add 00:00:00:00:00:00 dev vx0 dst 10.1.1.3; echo rc=$?
bridge fdb replace 00:00:00:00:00:00 dev vx0 dst 10.1.1.3; echo rc=$?
bridge fdb add 02:00:00:00:00:01 dev vx0 dst 10.1.1.4 port 99 vni 5 static
bridge fdb replace 02:00:00:00:00:01 dev vx0 dst 10.1.1.5 port 98
bridge fdb del 00:00:00:00:00:00 dev vx0 dst 10.1.1.1
bridge fdb show dev vx0
bridge fdb replace 02:00:00:00:00:07 dev vx0 dst 10.1.1.5 ; echo rc=$?
bridge fdb replace 01:00:00:00:00:07 dev vx0 dst 10.1.1.5 ; echo rc=$?
bridge fdb add 02:00:00:00:00:08 dev vx0 dst 10.1.1.5 via nosuch ; echo rc=$?
bridge fdb add 02:00:00:00:00:08 dev vx0 dst 10.1.1.5 port x ; echo rc=$?
bridge fdb add 02:00:00:00:00:08 dev vx0 dst 10.1.1.5 vni 16777216 ; echo rc=$?
bridge fdb add 02:00:00:00:00:08 dev vx0 dst foo ; echo rc=$?
bridge fdb del 02:00:00:00:00:09 dev vx0 ; echo rc=$?
bridge fdb show dev vx0
