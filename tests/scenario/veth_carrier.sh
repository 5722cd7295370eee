# veth admin/oper state and carrier: LOWER_UP only when both ends are up; /sys operstate/carrier.
# carrier changes reach operstate, route "linkdown" flags and IPv6 addrconf asynchronously
# (linkwatch work), so the script sleeps briefly after each one before printing state.
ip link add veth0 type veth peer name veth1
ip link show veth0
cat /sys/class/net/veth0/operstate
cat /sys/class/net/veth0/carrier
echo "rc=$?"
ip link set veth0 up
sleep 0.5
ip link show veth0
ip -br link show
cat /sys/class/net/veth0/operstate /sys/class/net/veth0/carrier
ip link set veth1 up
sleep 0.5
ip link show
ip -br link
cat /sys/class/net/veth0/operstate /sys/class/net/veth0/carrier /sys/class/net/veth1/operstate
ip link set veth0 down
sleep 0.5
ip -br link
cat /sys/class/net/veth1/operstate /sys/class/net/veth1/carrier
ip link del veth1
ip -br link
