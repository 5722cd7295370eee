# ip addr add/del/show/flush: primary/secondary, broadcast, label, scope, peer, promotion.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add veth0 type veth peer name veth1
ip addr add 10.0.0.1/24 dev veth0
ip addr add 10.0.0.2/24 dev veth0
ip addr add 10.0.0.3/24 brd + dev veth0 label veth0:1
ip addr add 10.9.0.1/16 broadcast 10.9.255.254 dev veth0
ip addr add 172.16.0.1 dev veth0
ip addr add 192.168.7.1/32 peer 192.168.7.2 dev veth0
ip addr add 10.0.1.1/24 dev veth0 scope link
ip addr add 10.0.2.1/24 dev veth0 scope host
ip addr show dev veth0
ip addr show label veth0:1
ip -4 addr show secondary
ip -4 addr show primary
ip addr del 10.0.0.1/24 dev veth0
ip addr show dev veth0
ip addr del 10.0.0.2 dev veth0
echo "rc=$?"
ip addr show dev veth0
ip addr add 10.0.0.1/24 dev veth0
ip addr add 10.0.0.5/24 dev veth0
sysctl -w net.ipv4.conf.veth0.promote_secondaries=1
ip addr del 10.0.0.1/24 dev veth0
ip -4 -o addr show dev veth0
ip route show
ip addr flush dev veth0 to 10.0.0.0/8
ip -4 -o addr show dev veth0
ip addr flush dev veth0
echo "rc=$?"
ip addr show dev veth0
ip addr flush dev veth0
echo "rc=$?"
