# /sys/class/net attribute reads for lo and veth across up/down, rename and namespaces.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns add n1
ip netns exec n1 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add a0 type veth peer name b0 netns n1
ip link set a0 mtu 1300 address 02:00:00:00:00:0a
ls /sys/class/net
for f in mtu operstate ifindex iflink carrier address broadcast addr_len type flags tx_queue_len dormant; do
  echo "$f=$(cat /sys/class/net/a0/$f 2>&1)"
done
cat /sys/class/net/a0/carrier
echo "rc=$?"
ip link set a0 up
ip -n n1 link set b0 up
ip addr add 10.3.0.1/24 dev a0
ip -n n1 addr add 10.3.0.2/24 dev b0
sleep 2
for f in operstate carrier flags; do
  echo "$f=$(cat /sys/class/net/a0/$f)"
done
ping -c 2 -i 0.2 -q 10.3.0.2 >/dev/null
echo "ping rc=$?"
for f in rx_packets tx_packets rx_bytes tx_bytes rx_dropped tx_dropped; do
  echo "$f=$(cat /sys/class/net/a0/statistics/$f)"
done
ip netns exec n1 cat /sys/class/net/b0/statistics/rx_packets
cat /sys/class/net/lo/mtu /sys/class/net/lo/operstate /sys/class/net/lo/type /sys/class/net/lo/flags
ip link set a0 name a9
ls /sys/class/net
cat /sys/class/net/a9/ifindex
cat /sys/class/net/a0/ifindex
echo "rc=$?"
echo 1400 > /sys/class/net/a9/mtu
cat /sys/class/net/a9/mtu
ip link show a9 | head -n 1
