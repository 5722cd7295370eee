# Loopback: down in a new namespace, what ping prints before/after "ip link set lo up".
ip link show lo
ip addr show lo
ping -c 1 -W 1 127.0.0.1
echo "rc=$?"
ip link set lo up
sleep 0.5
ip addr show lo
ip -br link show lo
ping -c 2 -i 0.2 127.0.0.1
echo "rc=$?"
ping -c 1 127.1.2.3
echo "rc=$?"
ip route show table local
cat /sys/class/net/lo/operstate /sys/class/net/lo/carrier /sys/class/net/lo/mtu /sys/class/net/lo/address /sys/class/net/lo/ifindex
