# limit: -L/-S text of rates and bursts, parse errors; 2/sec burst 3 on a router passes exactly the pings the token bucket allows (counters)
. ./router_lib.inc
router_topo
ip netns exec r iptables -A FORWARD -p icmp --icmp-type echo-request -m limit --limit 2/sec --limit-burst 3 -j ACCEPT
ip netns exec r iptables -A FORWARD -p icmp --icmp-type echo-request -j DROP
ip netns exec h1 ping -c 20 -i 0.2 -W 1 10.0.2.2 | grep packets
ip netns exec r iptables -L FORWARD -n -v -x
ip netns exec r iptables -Z FORWARD
ip netns exec r iptables -R FORWARD 1 -p icmp --icmp-type echo-request -m limit --limit 3/s -j ACCEPT
ip netns exec h1 ping -c 10 -i 0.1 -W 1 10.0.2.2 | grep packets
ip netns exec r iptables -L FORWARD -n -v -x
ip netns exec r iptables -N L
for l in "" "--limit 3/min --limit-burst 5" "--limit 3/min --limit-burst 7" "--limit 7/m" "--limit 100" "--limit 10000/sec" "--limit 7/hour" "--limit 13/minute" "--limit 3/SEC --limit-burst 10000" "--limit 3abc/sec" "--limit-burst 010" "--limit-burst 0x10" "--limit 1/d --limit-burst 1" "--limit 2/h"; do
  ip netns exec r iptables -A L -m limit $l
done
ip netns exec r iptables -L L
ip netns exec r iptables -S L
ip netns exec r iptables -D L -m limit --limit 7/min
echo "rc=$?"
ip netns exec r iptables -C L -m limit --limit 7/min
echo "rc=$?"
for l in "--limit 100000/sec" "--limit 0/sec" "--limit 3/foo" "--limit 3/" "--limit x" "--limit -3/sec" "--limit-burst 10001" "--limit-burst x" "! --limit 3" "--limit 3 --limit 4" "--limit"; do
  ip netns exec r iptables -A L -m limit $l
  echo "rc=$?"
done
