# net-tools ifconfig: "ifconfig DEV ADDR/LEN up", netmask/broadcast/mtu forms, listing, errors.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add veth1 type veth peer name veth2
ifconfig veth1 192.168.1.200/24 up
sleep 0.5
ip addr show veth1
ifconfig veth2 10.0.0.1 netmask 255.255.0.0 up
sleep 0.5
ip -4 addr show veth2
ifconfig veth2 broadcast 10.0.255.254
ip -4 addr show veth2
ifconfig veth2 mtu 1400
ifconfig veth2
ifconfig
ifconfig -a
ifconfig -s
ifconfig veth1 down
sleep 0.5
ifconfig veth1
ifconfig nope
echo "rc=$?"
ifconfig nope up
echo "rc=$?"
ifconfig veth1 300.1.1.1
echo "rc=$?"
ifconfig veth1 0.0.0.0
ip -4 addr show veth1
ifconfig lo up
sleep 0.5
ifconfig lo
