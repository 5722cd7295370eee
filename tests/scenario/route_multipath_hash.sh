# ECMP path choice with a fixed net.ipv4.fib_multipath_hash_seed: ip route get under hash policies 0-3, with from/ipproto/sport/dport.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link set lo up
ip link add a0 type veth peer name a1
ip link add b0 type veth peer name b1
ip link add c0 type veth peer name c1
for d in a0 a1 b0 b1 c0 c1; do ip link set $d up; done
ip addr add 10.1.0.1/24 dev a0
ip addr add 10.2.0.1/24 dev b0
ip addr add 10.3.0.1/24 dev c0
ip route add 192.168.0.0/16 nexthop via 10.1.0.2 nexthop via 10.2.0.2 weight 2 nexthop via 10.3.0.2
ip route add 10.99.0.0/16 nexthop via 10.1.0.2 nexthop via 10.2.0.2
sysctl net.ipv4.fib_multipath_hash_seed
sysctl -w net.ipv4.fib_multipath_hash_seed=12345
echo "== policy 0"
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do ip route get 192.168.$i.7 | head -1; done
for i in 1 2 3 4 5 6; do ip route get 192.168.$i.7 from 10.1.0.1 | head -1; done
for i in 1 2 3 4 5 6; do ip route get 192.168.$i.7 from 10.2.0.1 | head -1; done
for i in 1 2 3 4 5 6; do ip route get 10.99.$i.1 ipproto tcp sport 100$i dport 80 | head -1; done
echo "== policy 1"
sysctl -w net.ipv4.fib_multipath_hash_policy=1
for i in 1 2 3 4 5 6 7 8; do ip route get 192.168.1.$i ipproto udp sport 1000 dport $((2000+i)) | head -1; done
for i in 1 2 3 4 5 6; do ip route get 192.168.$i.7 | head -1; done
for p in "ipproto udp" "ipproto udp sport 0 dport 0" "ipproto tcp" "ipproto icmp" "ipproto udp sport 5" "ipproto udp dport 5"; do
  echo "-- $p"
  for i in 1 2 3 4 5 6 7 8; do ip route get 10.99.$i.7 $p | head -1; done
done
ip route get 10.99.1.1 ipproto 50
echo "rc=$?"
ip route get 10.99.1.1 ipproto foo
echo "rc=$?"
ip route get 10.99.1.1 sport x
echo "rc=$?"
sysctl -w net.ipv4.fib_multipath_hash_seed=7
for i in 1 2 3 4 5 6; do ip route get 192.168.2.$i ipproto tcp sport $((3000+i)) dport 80 | head -1; done
echo "== policy 0, seed 7"
sysctl -w net.ipv4.fib_multipath_hash_policy=0
for i in 1 2 3 4 5 6; do ip route get 192.168.3.$i | head -1; done
echo "== policy 3"
sysctl -w net.ipv4.fib_multipath_hash_policy=3
sysctl -w net.ipv4.fib_multipath_hash_fields=0x0037
for i in 1 2 3 4 5 6; do ip route get 192.168.2.$i ipproto tcp sport $((3000+i)) dport 80 | head -1; done
sysctl -w net.ipv4.fib_multipath_hash_fields=0x0003
for i in 1 2 3 4 5 6; do ip route get 192.168.2.$i | head -1; done
echo "== policy 2"
sysctl -w net.ipv4.fib_multipath_hash_policy=2
for i in 1 2 3 4 5 6; do ip route get 192.168.2.$i ipproto tcp sport $((3000+i)) dport 80 | head -1; done
sysctl -w net.ipv4.fib_multipath_hash_policy=4
echo "rc=$?"
