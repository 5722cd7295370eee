# kube-proxy (iptables mode) conformance: a real-shaped nat/filter rule set of 300 generated services plus live ones loaded with iptables-restore --noflush; ClusterIP load balancing over two endpoints, MASQUERADE of node-originated and hairpin traffic via the 0x4000 mark, save/restore round trip
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
for ns in node ext c p1 p2; do
  ip netns add $ns
  ip netns exec $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ip -n $ns link set lo up
done
ip netns exec node sysctl -qw net.ipv4.ip_forward=1
ip link add eth0 netns node type veth peer name eth0 netns ext
ip -n node addr add 192.168.0.2/24 dev eth0
ip -n ext addr add 192.168.0.1/24 dev eth0
ip -n node link set eth0 up
ip -n ext link set eth0 up
ip -n node route add default via 192.168.0.1
n=0
for pod in c:10.244.0 p1:10.244.1 p2:10.244.2; do
  name=${pod%%:*}; net=${pod#*:}
  ip link add veth$n netns node type veth peer name eth0 netns $name
  ip -n node addr add $net.1/24 dev veth$n
  ip -n node link set veth$n up
  ip -n $name addr add $net.2/24 dev eth0
  ip -n $name link set eth0 up
  ip -n $name route add default via $net.1
  n=$((n + 1))
done
# what kube-proxy writes (services svc1: 2 endpoints, svc3: 1 endpoint), after 300 other services
{
  echo "*nat"
  for ch in KUBE-SERVICES KUBE-POSTROUTING KUBE-MARK-MASQ KUBE-NODEPORTS KUBE-SVC-SVC1 KUBE-SEP-SVC1A KUBE-SEP-SVC1B KUBE-SVC-SVC3 KUBE-SEP-SVC3A; do
    echo ":$ch - [0:0]"
  done
  for i in $(seq 1 300); do echo ":KUBE-SVC-G$i - [0:0]"; echo ":KUBE-SEP-G$i - [0:0]"; done
  echo '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES'
  echo '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES'
  echo '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING'
  echo '-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000'
  echo '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN'
  echo '-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000'
  echo '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully'
  for i in $(seq 1 300); do
    echo "-A KUBE-SERVICES -d 10.97.$((i / 200)).$((i % 200 + 1))/32 -p udp -m comment --comment \"gen/svc$i:dns cluster IP\" -m udp --dport 53 -j KUBE-SVC-G$i"
    echo "-A KUBE-SVC-G$i ! -s 10.244.0.0/16 -d 10.97.$((i / 200)).$((i % 200 + 1))/32 -p udp -m comment --comment \"gen/svc$i:dns cluster IP\" -m udp --dport 53 -j KUBE-MARK-MASQ"
    echo "-A KUBE-SVC-G$i -m comment --comment \"gen/svc$i:dns -> 10.244.9.$((i % 250 + 2)):53\" -j KUBE-SEP-G$i"
    echo "-A KUBE-SEP-G$i -s 10.244.9.$((i % 250 + 2))/32 -m comment --comment \"gen/svc$i:dns\" -j KUBE-MARK-MASQ"
    echo "-A KUBE-SEP-G$i -p udp -m comment --comment \"gen/svc$i:dns\" -m udp -j DNAT --to-destination 10.244.9.$((i % 250 + 2)):53"
  done
  echo '-A KUBE-SERVICES -d 10.96.0.10/32 -p udp -m comment --comment "kube-system/kube-dns:dns cluster IP" -m udp --dport 53 -j KUBE-SVC-SVC1'
  echo '-A KUBE-SERVICES -d 10.96.0.30/32 -p udp -m comment --comment "default/echo:udp cluster IP" -m udp --dport 7 -j KUBE-SVC-SVC3'
  echo '-A KUBE-SVC-SVC1 ! -s 10.244.0.0/16 -d 10.96.0.10/32 -p udp -m comment --comment "kube-system/kube-dns:dns cluster IP" -m udp --dport 53 -j KUBE-MARK-MASQ'
  echo '-A KUBE-SVC-SVC1 -m comment --comment "kube-system/kube-dns:dns -> 10.244.1.2:53" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-SVC1A'
  echo '-A KUBE-SVC-SVC1 -m comment --comment "kube-system/kube-dns:dns -> 10.244.2.2:53" -j KUBE-SEP-SVC1B'
  echo '-A KUBE-SEP-SVC1A -s 10.244.1.2/32 -m comment --comment "kube-system/kube-dns:dns" -j KUBE-MARK-MASQ'
  echo '-A KUBE-SEP-SVC1A -p udp -m comment --comment "kube-system/kube-dns:dns" -m udp -j DNAT --to-destination 10.244.1.2:53'
  echo '-A KUBE-SEP-SVC1B -s 10.244.2.2/32 -m comment --comment "kube-system/kube-dns:dns" -j KUBE-MARK-MASQ'
  echo '-A KUBE-SEP-SVC1B -p udp -m comment --comment "kube-system/kube-dns:dns" -m udp -j DNAT --to-destination 10.244.2.2:53'
  echo '-A KUBE-SVC-SVC3 ! -s 10.244.0.0/16 -d 10.96.0.30/32 -p udp -m comment --comment "default/echo:udp cluster IP" -m udp --dport 7 -j KUBE-MARK-MASQ'
  echo '-A KUBE-SVC-SVC3 -m comment --comment "default/echo:udp -> 10.244.1.2:7" -j KUBE-SEP-SVC3A'
  echo '-A KUBE-SEP-SVC3A -s 10.244.1.2/32 -m comment --comment "default/echo:udp" -j KUBE-MARK-MASQ'
  echo '-A KUBE-SEP-SVC3A -p udp -m comment --comment "default/echo:udp" -m udp -j DNAT --to-destination 10.244.1.2:7'
  echo '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS'
  echo "COMMIT"
  echo "*filter"
  echo ":KUBE-FORWARD - [0:0]"
  echo '-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD'
  echo '-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP'
  echo '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT'
  echo '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT'
  echo "COMMIT"
} > /tmp/kp_rules
ip netns exec node iptables -P FORWARD DROP
ip netns exec node iptables -A FORWARD -s 10.244.0.0/16 -j ACCEPT
ip netns exec node iptables-restore --noflush < /tmp/kp_rules
echo "restore rc=$?"
ip netns exec node iptables-save | grep -c "^-A"
ip netns exec p1 nc -u -l -k -p 53 > /dev/null &
ip netns exec p2 nc -u -l -k -p 53 > /dev/null &
ip netns exec p1 nc -u -l -k -p 7 > /dev/null &
sleep 0.3
# pod -> ClusterIP: every flow lands on one of the two endpoints, unmasqueraded
for p in $(seq 5001 5020); do echo q | ip netns exec c nc -u -q0 -p $p 10.96.0.10 53; done
ip netns exec node conntrack -L -d 10.96.0.10 -s 10.244.0.2 2>/dev/null | wc -l
ip netns exec node conntrack -L -d 10.96.0.10 -s 10.244.0.2 --reply-src 10.244.1.2 --reply-dst 10.244.0.2 2>/dev/null > /tmp/kp_a
ip netns exec node conntrack -L -d 10.96.0.10 -s 10.244.0.2 --reply-src 10.244.2.2 --reply-dst 10.244.0.2 2>/dev/null > /tmp/kp_b
cat /tmp/kp_a /tmp/kp_b | wc -l
# node -> ClusterIP: marked, then masqueraded (--random-fully: the port is left out) to the node's address toward the endpoint
echo q | ip netns exec node nc -u -q0 -p 6000 10.96.0.30 7
ip netns exec node conntrack -L -p udp --sport 6000 2>/dev/null | tr -s ' ' | cut -d' ' -f4-11
# hairpin: the endpoint reaching itself through its service is masqueraded
echo q | ip netns exec p1 nc -u -q0 -p 6001 10.96.0.30 7
ip netns exec node conntrack -L -p udp --sport 6001 2>/dev/null | tr -s ' ' | cut -d' ' -f4-11
ip netns exec node iptables -t nat -L KUBE-POSTROUTING -n -v -x
ip netns exec node iptables -t nat -L KUBE-SVC-SVC3 -n -v -x
ip netns exec node iptables -L KUBE-FORWARD -n -v -x
# round trip: what iptables-save prints restores to the same table
ip netns exec node iptables-save | grep "^-" > /tmp/kp_save1
ip netns exec node iptables-save | ip netns exec node iptables-restore
ip netns exec node iptables-save -c | grep -v "^#" | grep -c "^\[0:0\] -A"
ip netns exec node iptables-save | grep "^-" > /tmp/kp_save2
wc -l < /tmp/kp_save2
grep -vxF -f /tmp/kp_save1 /tmp/kp_save2 | wc -l
ip netns exec node iptables -t nat -S KUBE-SVC-SVC1
kill %1 %2 %3
