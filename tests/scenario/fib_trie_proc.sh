# /proc/net/fib_trie and fib_triestat follow the trie through inserts (inflate), deletes (halve), ip rule (local split from main) and link down (flush).
cat /proc/net/fib_trie
cat /proc/net/fib_triestat
ip link set lo up
ip link add va type veth peer name vb
ip link set va up
ip addr add 10.1.2.3/24 dev va
for i in $(seq 1 40); do ip route add 192.168.$i.0/24 dev va; done
ip route add default via 10.1.2.1
ip route add 10.1.2.0/24 dev va tos 0x10 metric 7
ip route add unreachable 172.16.0.0/12
ip route add prohibit 172.16.5.0/24 table 100
cat /proc/net/fib_trie
cat /proc/net/fib_triestat
for i in $(seq 1 30); do ip route del 192.168.$i.0/24 dev va; done
cat /proc/net/fib_trie
cat /proc/net/fib_triestat
ip rule add from 1.2.3.4 table 7
cat /proc/net/fib_trie
cat /proc/net/fib_triestat
ip link set va down
cat /proc/net/fib_trie
cat /proc/net/fib_triestat
ls /proc/net/ | grep fib
