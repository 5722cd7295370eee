# rp_filter's reverse lookup sees the packet mark only with src_valid_mark=1, so an fwmark rule decides whether `ip route get ... iif ... mark` passes.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link set lo up
ip link add va type veth peer name vb
ip link add wa type veth peer name wb
ip link set va up; ip link set vb up; ip link set wa up; ip link set wb up
ip addr add 10.1.0.1/24 dev va
ip addr add 10.2.0.1/24 dev wa
sysctl -qw net.ipv4.ip_forward=1
sysctl -qw net.ipv4.conf.all.rp_filter=1
sysctl -qw net.ipv4.conf.wa.rp_filter=1
# 192.0.2.0/24 lives behind va in main, behind wa in table 100 for mark 7.
ip route add 192.0.2.0/24 via 10.1.0.2
ip route add 192.0.2.0/24 via 10.2.0.2 table 100
ip rule add fwmark 7 lookup 100 pref 100
ip route get 10.1.0.5 from 192.0.2.9 iif wa mark 7
echo rc=$?
ip route get 10.1.0.5 from 192.0.2.9 iif va mark 7
echo rc=$?
sysctl -qw net.ipv4.conf.wa.src_valid_mark=1
ip route get 10.1.0.5 from 192.0.2.9 iif wa mark 7
echo rc=$?
ip route get 10.1.0.5 from 192.0.2.9 iif wa
echo rc=$?
sysctl -qw net.ipv4.conf.all.src_valid_mark=1
ip route get 10.1.0.5 from 192.0.2.9 iif va mark 7
echo rc=$?
