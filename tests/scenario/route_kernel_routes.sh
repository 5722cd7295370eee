# Kernel-generated routes: local/broadcast in table local, connected route in main; link down/up effects.
# carrier changes reach operstate, route "linkdown" flags and IPv6 addrconf asynchronously
# (linkwatch work), so the script sleeps briefly after each one before printing state.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add veth0 type veth peer name veth1
ip addr add 10.0.0.1/24 dev veth0
ip addr add 10.0.0.9/24 dev veth0
ip addr add 192.168.5.5/30 dev veth0
echo "-- down"
ip route show
ip route show table local
echo "-- up, no carrier"
ip link set veth0 up
sleep 0.5
ip route show
echo "-- carrier"
ip link set veth1 up
sleep 0.5
ip route show
ip route show table local
ip route show table all
ip route show table main dev veth0
ip route show proto kernel
ip route show scope link
ip route show type local table local
ip route list table 255
echo "-- down again"
ip link set veth0 down
sleep 0.5
ip route show
ip route show table local
ip route show table nope
echo "rc=$?"
