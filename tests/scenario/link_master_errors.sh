# ip link master/nomaster on devices that cannot be masters, unknown masters and kinds, and the master/nomaster show filters.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add va type veth peer name vb
ip link add vc type veth peer name vd
ip link set va master vc
echo rc=$?
ip link set va master nope
echo rc=$?
ip link add x0 type foo
echo rc=$?
ip link add va type foo
echo rc=$?
ip link set va nomaster
echo rc=$?
ip link show master vc
echo rc=$?
ip link show master nope
echo rc=$?
ip link show nomaster
ip -br link show nomaster
