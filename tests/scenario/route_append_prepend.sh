# ip route change/replace/append/prepend/test on one prefix: alias order, File exists / No such file, metric keys, and del matching.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link set lo up
ip link add a0 type veth peer name a1
ip link set a0 up; ip link set a1 up
ip addr add 10.1.0.1/24 dev a0
ip addr add 10.1.0.7/24 dev a0
echo "== change/replace/append/prepend"
ip route change 10.5.0.0/16 via 10.1.0.2
echo "rc=$?"
ip route replace 10.5.0.0/16 via 10.1.0.2
echo "rc=$?"
ip route append 10.5.0.0/16 via 10.1.0.3
echo "rc=$?"
ip route prepend 10.5.0.0/16 via 10.1.0.4
echo "rc=$?"
ip route append 10.5.0.0/16 via 10.1.0.3
echo "rc=$?"
ip route prepend 10.5.0.0/16 via 10.1.0.4
echo "rc=$?"
ip route add 10.5.0.0/16 via 10.1.0.9
echo "rc=$?"
ip route add 10.5.0.0/16 via 10.1.0.9 metric 10
echo "rc=$?"
ip route append 10.5.0.0/16 via 10.1.0.8 metric 10
echo "rc=$?"
ip route show 10.5.0.0/16
ip route change 10.5.0.0/16 via 10.1.0.6
echo "rc=$?"
ip route show 10.5.0.0/16
ip route replace 10.5.0.0/16 via 10.1.0.8 metric 10
echo "rc=$?"
ip route replace 10.5.0.0/16 via 10.1.0.9 metric 10
echo "rc=$?"
ip route show 10.5.0.0/16
ip route change 10.5.0.0/16 via 10.1.0.5 metric 20
echo "rc=$?"
ip route test 10.5.0.0/16 via 10.1.0.5 metric 20
echo "rc=$?"
ip route show 10.5.0.0/16
ip route del 10.5.0.0/16
echo "rc=$?"
ip route show 10.5.0.0/16
ip route del 10.5.0.0/16 metric 10
echo "rc=$?"
ip route del 10.5.0.0/16 via 10.1.0.3
echo "rc=$?"
ip route show 10.5.0.0/16
