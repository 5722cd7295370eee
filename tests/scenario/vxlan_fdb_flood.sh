# VXLAN head-end replication: all-zeros fdb entries with several dsts (append/del), static per-MAC entries, replace, the errors, and the copies tcpdump sees on each underlay.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
# tcpdump lines without what Linux randomises: the outer UDP source port
# (a hash with a boot-time seed) and the ICMP id.
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
ip -n h1 link add vxlan0 type vxlan id 7 dstport 4789 nolearning
ip -n h1 link set vxlan0 address 02:00:00:00:00:01
ip -n h2 link add vxlan0 type vxlan id 7 dstport 4789 remote 192.168.2.1
ip -n h2 link set vxlan0 address 02:00:00:00:00:02
ip -n h3 link add vxlan0 type vxlan id 7 dstport 4789 remote 192.168.3.1
ip -n h3 link set vxlan0 address 02:00:00:00:00:03
ip -n h1 addr add 10.0.0.1/24 dev vxlan0
ip -n h2 addr add 10.0.0.2/24 dev vxlan0
ip -n h3 addr add 10.0.0.3/24 dev vxlan0
for n in h1 h2 h3; do ip -n $n link set vxlan0 up; done
echo "== no fdb entry: dropped"
ip netns exec h1 ping -c 1 -W 1 10.0.0.2 | tail -2
# the neighbour's 3 ARP probes are dropped too
sleep 3
ip -n h1 -s link show vxlan0 | tail -2
echo "== flood list"
ip netns exec h1 bridge fdb append 00:00:00:00:00:00 dev vxlan0 dst 192.168.2.2
echo "rc=$?"
ip netns exec h1 bridge fdb append 00:00:00:00:00:00 dev vxlan0 dst 192.168.3.3
echo "rc=$?"
ip netns exec h1 bridge fdb append 00:00:00:00:00:00 dev vxlan0 dst 192.168.3.3
echo "rc=$?"
ip netns exec h1 bridge fdb add 00:00:00:00:00:00 dev vxlan0 dst 192.168.9.9
echo "rc=$?"
ip netns exec h1 bridge fdb replace 00:00:00:00:00:00 dev vxlan0 dst 192.168.9.9
echo "rc=$?"
ip netns exec h1 bridge fdb show dev vxlan0
ip netns exec h2 tcpdump -n -t -l -i u1 > /tmp/vf2 2>/dev/null &
ip netns exec h3 tcpdump -n -t -l -i u1 > /tmp/vf3 2>/dev/null &
sleep 1
ip netns exec h1 ping -c 1 10.0.0.2 | head -2
ip netns exec h1 ping -c 1 10.0.0.3 | head -2
sleep 1
kill %1 %2
wait
echo "== h2 underlay"
strip < /tmp/vf2
echo "== h3 underlay"
strip < /tmp/vf3
ip -n h1 -s link show vxlan0 | tail -4
echo "== static entries"
ip netns exec h1 bridge fdb add 02:00:00:00:00:02 dev vxlan0 dst 192.168.2.2
echo "rc=$?"
ip netns exec h1 bridge fdb add 02:00:00:00:00:02 dev vxlan0 dst 192.168.2.2
echo "rc=$?"
ip netns exec h1 bridge fdb add 02:00:00:00:00:03 dev vxlan0 dst 192.168.3.3 static
ip netns exec h1 bridge fdb add 02:00:00:00:00:09 dev vxlan0 dst 192.168.2.9 port 4790 vni 8 via u2
ip netns exec h1 bridge fdb replace 02:00:00:00:00:09 dev vxlan0 dst 192.168.2.10
ip netns exec h1 bridge fdb add 02:00:00:00:00:0b dev vxlan0 dst 192.168.2.11 port 4790 vni 8 via u2
ip netns exec h1 bridge fdb add 02:00:00:00:00:0c dev vxlan0 dst 192.168.2.12 port 4789 vni 7
ip netns exec h1 bridge fdb add 02:00:00:00:00:0a dev vxlan0
echo "rc=$?"
ip netns exec h1 bridge fdb add 02:00:00:00:00:0a dev vxlan0 dst 192.168.2.9 dynamic
echo "rc=$?"
ip netns exec h1 bridge fdb show dev vxlan0
ip netns exec h1 bridge fdb show | grep vxlan0
echo "== delete"
ip netns exec h1 bridge fdb del 00:00:00:00:00:00 dev vxlan0 dst 192.168.9.9
echo "rc=$?"
ip netns exec h1 bridge fdb del 00:00:00:00:00:00 dev vxlan0 dst 192.168.2.2
echo "rc=$?"
ip netns exec h1 bridge fdb del 02:00:00:00:00:09 dev vxlan0
echo "rc=$?"
ip netns exec h1 bridge fdb del 02:00:00:00:00:09 dev vxlan0
echo "rc=$?"
ip netns exec h1 bridge fdb del 02:00:00:00:00:03 dev vxlan0 dst 192.168.3.4
echo "rc=$?"
ip netns exec h1 bridge fdb show dev vxlan0
echo "== down keeps static entries"
ip -n h1 link set vxlan0 down
ip netns exec h1 bridge fdb show dev vxlan0
