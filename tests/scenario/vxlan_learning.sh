# VXLAN learning: source MAC -> outer source IP entries, unicast after learning (no more flooding), a static entry refusing to move, ageing, nolearning.
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
for n in h1 h2 h3; do
  ip netns add $n
  ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip -n h1 link add u2 type veth peer name u1 netns h2
ip -n h1 link add u3 type veth peer name u1 netns h3
ip -n h1 addr add 192.168.2.1/24 dev u2
ip -n h1 addr add 192.168.3.1/24 dev u3
ip -n h2 addr add 192.168.2.2/24 dev u1
ip -n h3 addr add 192.168.3.3/24 dev u1
for n in h2 h3; do ip -n $n link set u1 up; done
ip -n h1 link set u2 up
ip -n h1 link set u3 up
ip -n h1 link add vxlan0 type vxlan id 7 dstport 4789 ageing 15
ip -n h1 link set vxlan0 address 02:00:00:00:00:01
ip -n h2 link add vxlan0 type vxlan id 7 dstport 4789 remote 192.168.2.1
ip -n h2 link set vxlan0 address 02:00:00:00:00:02
ip -n h3 link add vxlan0 type vxlan id 7 dstport 4789 remote 192.168.3.1 nolearning
ip -n h3 link set vxlan0 address 02:00:00:00:00:03
ip -n h1 addr add 10.0.0.1/24 dev vxlan0
ip -n h2 addr add 10.0.0.2/24 dev vxlan0
ip -n h3 addr add 10.0.0.3/24 dev vxlan0
for n in h1 h2 h3; do ip -n $n link set vxlan0 up; done
ip netns exec h1 bridge fdb append 00:00:00:00:00:00 dev vxlan0 dst 192.168.2.2
ip netns exec h1 bridge fdb append 00:00:00:00:00:00 dev vxlan0 dst 192.168.3.3
ip netns exec h3 tcpdump -n -t -l -i u1 > /tmp/vl3 2>/dev/null &
sleep 1
ip netns exec h1 ping -c 2 10.0.0.2 | head -3
ip netns exec h1 ping -c 1 10.0.0.3 | head -2
sleep 1
kill %1
wait
echo "== h3 underlay: only the flooded ARP request and its own traffic"
strip < /tmp/vl3
echo "== learned on h1"
ip netns exec h1 bridge fdb show dev vxlan0
echo "== learned on h2 (remote only), none on h3 (nolearning)"
ip netns exec h2 bridge fdb show dev vxlan0
ip netns exec h3 bridge fdb show dev vxlan0
ip -n h3 -d link show vxlan0 | grep -o "nolearning"
echo "== a static entry does not move"
ip netns exec h1 bridge fdb replace 02:00:00:00:00:02 dev vxlan0 dst 192.168.3.3 static
ip netns exec h1 ping -c 1 -W 1 10.0.0.2 | tail -2
ip netns exec h1 bridge fdb show dev vxlan0
ip -n h1 -s link show vxlan0 | tail -4
ip netns exec h1 bridge fdb del 02:00:00:00:00:02 dev vxlan0
echo "== ageing"
ip netns exec h1 ping -c 1 10.0.0.2 | head -2
ip netns exec h1 bridge fdb show dev vxlan0
sleep 30
ip netns exec h1 bridge fdb show dev vxlan0
