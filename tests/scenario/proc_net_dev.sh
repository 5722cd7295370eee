# /proc/net/dev, /sys/class/net/*/{mtu,address,operstate,carrier,ifindex,statistics}, ip -s link, after pings.
ip netns add b
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns exec b sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add va type veth peer name vb netns b
ip addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
cat /proc/net/dev
ls /sys/class/net
ip link set va up
ip -n b link set vb up
ip link set lo up
# both ends have ifindex 2: the kernel treats the carrier change as non-urgent and updates
# operstate (state UP, RUNNING, /sys/.../operstate) up to ~1 s later (linkwatch); let it settle
sleep 2
ping -c 4 -i 0.2 -q 10.0.0.2 >/dev/null
ping -c 2 -i 0.2 -q 127.0.0.1 >/dev/null
cat /proc/net/dev
ip netns exec b cat /proc/net/dev
ip -s link show va
ip -s -s link show lo
ip -n b -s -br link
ip -s -j link show va
for f in mtu address operstate carrier ifindex iflink type flags tx_queue_len addr_len broadcast; do
  echo "$f: $(cat /sys/class/net/va/$f)"
done
for f in rx_packets tx_packets rx_bytes tx_bytes rx_dropped tx_dropped; do
  echo "$f: $(cat /sys/class/net/va/statistics/$f)"
done
ip netns exec b ls /sys/class/net
ip netns exec b cat /sys/class/net/vb/ifindex /sys/class/net/vb/iflink
cat /sys/class/net/nope/mtu
echo "rc=$?"
