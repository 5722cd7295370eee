# NUD timers on a stale entry whose host is gone: STALE -> DELAY (on use) -> PROBE (unicast) -> FAILED.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link set lo up
ip link add veth0 type veth peer name veth1
ip link set veth0 up
ip link set veth1 up
ip addr add 10.0.0.1/24 dev veth0
sysctl -w net.ipv4.neigh.veth0.delay_first_probe_time=1
sysctl net.ipv4.neigh.veth0.ucast_solicit net.ipv4.neigh.veth0.mcast_solicit net.ipv4.neigh.veth0.retrans_time_ms
ip neigh add 10.0.0.50 lladdr 02:00:00:00:00:50 dev veth0 nud stale
ip neigh show
ping -c 1 -W 1 10.0.0.50 &
pid=$!
sleep 0.5
ip neigh show
wait $pid
echo "rc=$?"
sleep 1
ip neigh show
sleep 3
ip neigh show
ip -s link show veth1
