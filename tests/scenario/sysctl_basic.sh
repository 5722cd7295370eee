# sysctl read/-w/-n/-q/slash form, per-namespace values, errors; /proc/sys/net files directly.
ip link add veth0 type veth peer name veth1
sysctl net.ipv4.ip_forward
sysctl -n net.ipv4.ip_forward
sysctl net/ipv4/ip_forward
sysctl -w net.ipv4.ip_forward=1
sysctl net.ipv4.conf.veth0.forwarding net.ipv4.conf.all.forwarding net.ipv4.conf.default.forwarding
sysctl -q -w net.ipv4.ip_forward=0
sysctl net.ipv4.conf.veth0.forwarding
sysctl -w net.ipv4.conf.veth0.forwarding=1
sysctl net.ipv4.ip_forward
cat /proc/sys/net/ipv4/ip_forward /proc/sys/net/ipv4/conf/veth0/forwarding
echo 1 > /proc/sys/net/ipv4/ip_forward
cat /proc/sys/net/ipv4/ip_forward
ip netns add t1
ip netns exec t1 sysctl net.ipv4.ip_forward
sysctl net.ipv4.nope
echo "rc=$?"
sysctl -w net.ipv4.nope=1
echo "rc=$?"
sysctl -w net.ipv4.ip_forward=abc
echo "rc=$?"
sysctl -w net.ipv4.ip_forward
echo "rc=$?"
sysctl -q net.ipv4.nope
echo "rc=$?"
sysctl -w net.ipv4.conf.nope.forwarding=1
echo "rc=$?"
sysctl net.ipv4.conf.veth0.rp_filter net.ipv4.conf.veth0.arp_ignore net.ipv4.conf.veth0.accept_local
sysctl net.ipv4.ip_default_ttl net.ipv4.icmp_echo_ignore_all net.ipv4.icmp_echo_ignore_broadcasts
sysctl net.ipv4.neigh.default.gc_thresh1 net.ipv4.neigh.veth0.base_reachable_time_ms net.ipv4.neigh.veth0.mcast_solicit
sysctl net.core.somaxconn net.core.netdev_max_backlog
ls /proc/sys/net/ipv4/conf
ls /proc/sys/net/ipv4/neigh
ls /proc/sys/net/ipv4/conf/veth0 | head -n 5
ip link set veth0 name veth9
ls /proc/sys/net/ipv4/conf
sysctl net.ipv4.conf.veth0.forwarding
echo "rc=$?"
sysctl
echo "rc=$?"
