# A VXLAN device as a bridge port (docker overlay style): pods on two hosts talk through br0 + vxlan0; proxy answers ARP from vxlan0's neighbour table; fdb show of the port.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
strip() {
  while read -r a b c d rest; do
    case "$d" in *.4789:) b=${b%.*}.PORT;; esac
    case "$rest" in
      *"ICMP echo"*) echo "$a $b $c $d $rest" | cut -d, -f1,3-;;
      *) echo "$a $b $c $d $rest";;
    esac
  done
}
for n in h1 h2 p1 p2; do
  ip netns add $n
  ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  # no IGMP reports for the bridges' link-local groups over the tunnel
  ip netns exec $n sysctl -qw net.ipv4.igmp_link_local_mcast_reports=0 2>/dev/null
done
ip -n h1 link add u1 type veth peer name u2 netns h2
ip -n h1 addr add 192.168.0.1/24 dev u1
ip -n h2 addr add 192.168.0.2/24 dev u2
ip -n h1 link set u1 up
ip -n h2 link set u2 up
ip -n h1 link add vxlan0 type vxlan id 42 remote 192.168.0.2 dstport 4789 dev u1 proxy
ip -n h2 link add vxlan0 type vxlan id 42 remote 192.168.0.1 dstport 4789 dev u2
for h in h1 h2; do
  ip -n $h link add br0 type bridge
  ip -n $h link set br0 up
  ip -n $h link set vxlan0 master br0
  ip -n $h link set vxlan0 up
done
ip -n h1 link add eth0 netns p1 type veth peer name vp1
ip -n h2 link add eth0 netns p2 type veth peer name vp2
ip -n h1 link set vp1 master br0
ip -n h2 link set vp2 master br0
ip -n h1 link set vp1 up
ip -n h2 link set vp2 up
ip -n p1 link set eth0 address 02:00:00:00:01:01
ip -n p2 link set eth0 address 02:00:00:00:02:02
ip -n p1 addr add 10.0.0.1/24 dev eth0
ip -n p2 addr add 10.0.0.2/24 dev eth0
ip -n p1 link set eth0 up
ip -n p2 link set eth0 up
ip -n h1 link show vxlan0
ip -n h1 -d link show vxlan0 | grep -o "bridge_slave state [a-z]*"
echo "== proxy: h1's vxlan0 answers for 10.0.0.2"
ip -n h1 neigh add 10.0.0.2 lladdr 02:00:00:00:02:02 dev vxlan0 nud permanent
# proxy also swallows ARP replies going out of vxlan0: p2 must know p1
ip -n p2 neigh add 10.0.0.1 lladdr 02:00:00:00:01:01 dev eth0
ip netns exec h2 tcpdump -n -t -l -i u2 > /tmp/vb2 2>/dev/null &
sleep 1
ip netns exec p1 ping -c 2 10.0.0.2 | head -3
sleep 1
kill %1
wait
strip < /tmp/vb2
ip -n p1 neigh show
ip -n h1 neigh show dev vxlan0
echo "== fdb of the port: the bridge's entries, then vxlan0's own"
ip netns exec h1 bridge fdb show dev vxlan0
ip netns exec h2 bridge fdb show dev vxlan0
ip -n h1 -s link show vxlan0 | tail -4
ip -n h2 -s link show vxlan0 | tail -4
echo "== nomaster"
ip -n h1 link set vxlan0 nomaster
ip -n h1 link show vxlan0
ip netns exec h1 bridge fdb show dev vxlan0
