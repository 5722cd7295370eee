# ARP resolution by ping: requester REACHABLE, responder DELAY; /proc/net/arp, arp -n; STALE after a short reachable_time.
ip netns add a
ip netns add b
ip netns exec a sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns exec b sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
# both ends have ifindex 2: the kernel treats the carrier change as non-urgent and updates
# operstate (state UP, RUNNING, /sys/.../operstate) up to ~1 s later (linkwatch); let it settle
sleep 2
ip -n a neigh show
ip netns exec a sysctl -w net.ipv4.neigh.va.base_reachable_time_ms=200 net.ipv4.neigh.va.delay_first_probe_time=0
ip netns exec a ping -c 1 -q 10.0.0.2
ip -n a neigh show
ip -n b neigh show
ip -n a -s neigh show
ip netns exec a cat /proc/net/arp
ip netns exec b cat /proc/net/arp
ip -n a link show va
ip -n b link show vb
sleep 1.5
ip -n a neigh show
ip netns exec a ping -c 1 -q 10.0.0.2
sleep 0.5
ip -n a neigh show
ip netns exec a arp -n
