# ICMP errors about masqueraded flows are translated back: h2's port unreachable for a UDP datagram from the router's address reaches h1 with the quoted packet rewritten to h1's address and port (IP ids left out)
. ./router_lib.inc
router_topo
ip netns exec r iptables -t nat -A POSTROUTING -o r1 -p udp -j MASQUERADE --to-ports 20000
ip netns exec h1 tcpdump -n -t -v -i eth0 -l icmp > /tmp/nat_icmp_h1 2>/dev/null &
ip netns exec h2 tcpdump -n -t -v -i eth0 -l icmp > /tmp/nat_icmp_h2 2>/dev/null &
sleep 0.5
echo x | ip netns exec h1 nc -u -q0 -p 4000 10.0.2.2 9
ip netns exec r conntrack -L -p udp
sleep 0.5
kill %1 %2
wait
for f in h2 h1; do
  echo "== $f"
  while read -r a rest; do
    case "$a" in
      IP) echo "$a $rest" | cut -d, -f1-2,4-;;
      *) echo "$a $rest";;
    esac
  done < /tmp/nat_icmp_$f
done
