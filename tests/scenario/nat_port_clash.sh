# two clients with the same source port behind one MASQUERADE: the second is remapped; with --to-ports of two ports the third flow finds none free and is dropped at confirmation (insert_failed)
. ./router_lib.inc
router_topo
ip -n h1 addr add 10.0.1.3/24 dev eth0
ip -n h1 addr add 10.0.1.4/24 dev eth0
ip netns exec r iptables -t nat -A POSTROUTING -o r1 -p udp --dport 7000 -j MASQUERADE
ip netns exec r iptables -t nat -A POSTROUTING -o r1 -p udp --dport 7001 -j MASQUERADE --to-ports 6000-6001
for a in 2 3; do echo x | ip netns exec h1 nc -u -q0 -s 10.0.1.$a -p 4000 10.0.2.2 7000; done
ip netns exec r conntrack -L -p udp --dport 7000 --reply-port-dst 4000 2>/dev/null | wc -l
ip netns exec r conntrack -L -p udp --dport 7000 2>/dev/null | wc -l
for a in 2 3 4; do echo x | ip netns exec h1 nc -u -q0 -s 10.0.1.$a -p 4000 10.0.2.2 7001; done
ip netns exec r conntrack -L -p udp --dport 7001 2>/dev/null | wc -l
ip netns exec r conntrack -L -p udp --dport 7001 --reply-port-dst 6000 2>/dev/null | wc -l
ip netns exec r conntrack -L -p udp --dport 7001 --reply-port-dst 6001 2>/dev/null | wc -l
# (per-cpu counters: the CPU that dropped varies)
ip netns exec r conntrack -S | grep -c ' drop=1 '
ip netns exec r iptables -t nat -L POSTROUTING -n -v
