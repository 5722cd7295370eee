# The outer headers of VXLAN frames on the underlay as tcpdump -v shows them (no DF, ttl 64 or the ttl option, tos option, lengths), dstport 8472 decoded as OTV; IP id and UDP source port masked.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns add h1
ip netns add h2
ip netns exec h1 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns exec h2 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip -n h1 link add u1 type veth peer name u2 netns h2
ip -n h1 addr add 192.168.0.1/24 dev u1
ip -n h2 addr add 192.168.0.2/24 dev u2
ip -n h1 link set u1 up
ip -n h2 link set u2 up
ip -n h2 neigh add 192.168.0.1 lladdr 02:00:00:00:0a:01 dev u2
ip -n h1 link set u1 address 02:00:00:00:0a:01
ip -n h1 neigh add 192.168.0.2 lladdr 00:00:00:00:00:00 dev u1 nud permanent 2>/dev/null
ip -n h1 neigh del 192.168.0.2 dev u1 2>/dev/null
ip -n h1 link add va type vxlan id 1000 remote 192.168.0.2 dstport 4789
ip -n h1 link add vb type vxlan id 2000 remote 192.168.0.2 noudpcsum ttl 9 tos 0x28 dstport 0 2>/dev/null
ip -n h1 link set va address 02:00:00:00:00:0a
ip -n h1 link set vb address 02:00:00:00:00:0b
ip -n h1 addr add 10.0.0.1/24 dev va
ip -n h1 addr add 10.0.1.1/24 dev vb
ip -n h1 link set va up
ip -n h1 link set vb up
ip netns exec h2 tcpdump -n -t -l -v -i u2 udp > /tmp/vo 2>/dev/null &
sleep 1
ip netns exec h1 ping -c 1 -W 1 10.0.0.2 > /dev/null
sleep 3
ip netns exec h1 ping -c 1 -W 1 10.0.1.2 > /dev/null
sleep 3
kill %1
wait
# What Linux randomises is left out: the outer IP id and the UDP source
# port (a flow hash with a boot-time seed).
while read -r a b c d rest; do
  case "$a" in
    IP) echo "$a $b $c $d $rest" | cut -d, -f1-2,4-;;
    192.168.*) a=${a%.*}; echo "$a.PORT $b $c $d $rest";;
    *) echo "$a $b $c $d $rest";;
  esac
done < /tmp/vo
