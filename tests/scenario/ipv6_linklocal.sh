# IPv6 link-local (EUI-64) addresses: none without carrier, tentative right after carrier, final after DAD; lo ::1.
ip link add veth0 type veth peer name veth1
ip link set veth0 address 02:11:22:33:44:55
ip link set veth0 up
sleep 0.5
ip addr show veth0
ip link set veth1 up
sleep 0.5
ip addr show veth0
ip link set lo up
sleep 3
ip addr show
ip -6 addr show dev veth0
ip -br -6 addr
ip -6 route show
ip -6 route show table local
echo "#SORT-BEGIN"
cat /proc/net/if_inet6
echo "#SORT-END"
ip -j -6 addr show dev veth1
ip link set veth1 down
sleep 0.5
ip -6 addr show dev veth0
sysctl -w net.ipv6.conf.veth0.disable_ipv6=1
ip addr show veth0
