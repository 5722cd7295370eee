# ip rule flush (with and without selectors) keeps only rules of preference 0; lookups with no rule left; auto priorities on a short list.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link set lo up
ip link add veth0 type veth peer name veth1
ip link set veth0 up
ip link set veth1 up
ip addr add 10.0.0.1/24 dev veth0
ip rule add table 9
ip rule add table 9 from 5.5.5.5
ip rule add pref 100 fwmark 3 table 7 proto static
ip rule add pref 101 iif veth0 table 7
ip rule add pref 102 not to 1.2.3.0/24 prohibit
ip rule
ip rule flush table 7 proto boot
ip rule
ip rule flush proto static
ip rule
ip rule flush pref 102
ip rule flush not
ip rule flush from 5.5.5.5
ip rule
ip rule flush junk
echo "rc=$?"
ip rule flush
ip rule
ip route get 10.0.0.5
echo "rc=$?"
ping -c1 -W1 10.0.0.1 | grep -E "bytes from|transmitted"
ping -c1 -W1 127.0.0.1 | grep -E "bytes from|transmitted"
ping -c1 -W1 10.0.0.5
echo "rc=$?"
ip rule del pref 0
ip rule
ip route get 10.0.0.1
echo "rc=$?"
ip rule add table main
ip rule add table 10
ip rule add table default
ip rule
ip rule show pref 0 table main
ip rule flush
ip rule
ip route get 10.0.0.5
ip rule add pref 0 from all table local
ip -j rule
