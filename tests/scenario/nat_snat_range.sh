# SNAT into an address range: each source keeps one address of the range (the kernel's hash of source and destination, or of the source alone with --persistent); its port stays when free, else a random one (masked)
. ./router_lib.inc
router_topo
for i in 2 3 4 5 6 7 8 9; do ip -n h1 addr add 10.0.1.1$i/24 dev eth0; done
ip -n r addr add 10.0.2.100/24 dev r1
for i in 1 2 3 4 5 6 7 8 9; do ip -n r addr add 10.0.2.10$i/24 dev r1; done
ip netns exec r iptables -t nat -A POSTROUTING -o r1 -p icmp -j SNAT --to-source 10.0.2.100-10.0.2.109
ip netns exec r iptables -t nat -A POSTROUTING -o r1 -p udp -j SNAT --to-source 10.0.2.100-10.0.2.109 --persistent
for i in 2 3 4 5 6 7 8 9; do
  ip netns exec h1 ping -c 1 -W 1 -I 10.0.1.1$i 10.0.2.2 | grep "packet loss"
  echo x | ip netns exec h1 nc -u -q0 -s 10.0.1.1$i -p 4000 10.0.2.2 7000
done
echo "#SORT-BEGIN"
ip netns exec r conntrack -L -p icmp 2>/dev/null
# the address each source got (the port is random where it clashed)
ip netns exec r conntrack -L -p udp 2>/dev/null | tr -s ' ' | cut -d' ' -f4,10
echo "#SORT-END"
ip netns exec r conntrack -L -p udp --reply-port-dst 4000 2>/dev/null | wc -l
