# Numbered tables appear in /proc/net/fib_trie, fib_triestat and `ip route show table all` in the kernel's hash order (id & 255, newest first in a bucket).
ip link set lo up
ip link add va type veth peer name vb
ip link set va up
ip addr add 10.9.0.1/16 dev va
ip route add blackhole 1.2.3.0/24 table 100
ip route add unreachable 1.2.3.0/24 table 356
ip route add 10.9.7.0/24 dev va table 356
ip route add prohibit 5.0.0.0/8 table default
ip route add 8.8.8.8 via 10.9.0.254 table 3
ip route add throw 8.8.0.0/16 table 3
cat /proc/net/fib_trie
cat /proc/net/fib_triestat
ip route show table all
ip -j route show table 356
ip route flush table 356
ip route show table 356
echo rc=$?
cat /proc/net/fib_trie | grep -c Id
ip route show table 4242
echo rc=$?
