# ip link / ip addr show filters for bridges: master DEV, nomaster, type bridge and type bridge_slave (the master's kind), in brief and full forms.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add br0 type bridge
ip link add va address 02:00:00:00:00:0a type veth peer name vb
ip link add vc address 02:00:00:00:00:0c type veth peer name vd
ip link set va master br0
ip link set vc master br0
ip link set va up
ip link set vb up
ip addr add 10.0.0.1/24 dev va
ip -br link show master br0
ip addr show master br0
ip -br addr show master br0
ip -br addr show nomaster
ip link show type bridge
ip -br link show type bridge_slave
ip -br link show type veth_slave
ip link set vc nomaster
ip -br link show master br0
ip -br link show master va
