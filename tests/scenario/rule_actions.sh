# Rule actions in lookups: blackhole/unreachable/prohibit, goto past a rule, nop, not, fwmark and tos selectors, a missing table, deleting the main rule.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link set lo up
ip link add veth0 type veth peer name veth1
ip link set veth0 up
ip link set veth1 up
ip addr add 10.0.0.1/24 dev veth0
ip route get 10.0.0.5
ip rule add pref 300 to 9.9.9.9 blackhole
ip rule add pref 301 to 9.9.9.8 unreachable
ip rule add pref 302 to 9.9.9.7 prohibit
ip rule add pref 303 to 9.9.9.0/24 table 50
ip route get 9.9.9.9
echo "rc=$?"
ip route get 9.9.9.8
echo "rc=$?"
ip route get 9.9.9.7
echo "rc=$?"
ip route get 9.9.9.6
echo "rc=$?"
ping -c1 9.9.9.9
echo "rc=$?"
ping -c1 9.9.9.8
echo "rc=$?"
ping -c1 9.9.9.7
echo "rc=$?"
echo "== fwmark and tos"
ip rule add pref 100 fwmark 0x1/0xff prohibit
ip route get 10.0.0.5 mark 0x101
echo "rc=$?"
ip route get 10.0.0.5 mark 0x2
ip rule add pref 101 tos 0x10 unreachable
ip route get 10.0.0.5 tos 0x10
echo "rc=$?"
ip route get 10.0.0.5 tos 0x14
ip route get 10.0.0.5 dsfield 0x30
echo "rc=$?"
echo "== goto and nop"
ip rule add pref 200 to 10.0.0.7 table main
ip rule add pref 10 to 10.0.0.7 goto 200
ip rule add pref 20 to 10.0.0.0/24 blackhole
ip rule add pref 15 nop
ip route get 10.0.0.7
ip route get 10.0.0.8
echo "rc=$?"
ip rule add pref 11 to 10.0.0.8 goto 12
ip route get 10.0.0.8
echo "rc=$?"
ip rule add pref 12 to 10.0.0.8 unreachable
ip route get 10.0.0.8
echo "rc=$?"
ip rule del pref 12
ip route get 10.0.0.8
echo "rc=$?"
ip rule show pref 11
ip rule add pref 12 table main
ip rule show pref 11
ip route get 10.0.0.8
echo "== not"
ip rule add pref 5 not from 10.0.0.1 prohibit
ip route get 10.0.0.9 from 10.0.0.1
ip route get 10.0.0.9
echo "rc=$?"
ip rule flush
echo "== main rule deleted"
ip rule add pref 32766 table main
ip rule add pref 32767 table default
ip route get 10.0.0.5
ip rule del pref 32766
ip route get 10.0.0.5
echo "rc=$?"
ping -c1 -W1 10.0.0.5
echo "rc=$?"
ip rule
