# statistic: nth counters through a router (the counter restarts at each table change), random with probability 0 and 1, -L/-S text and parse errors
. ./router_lib.inc
router_topo
ip netns exec r iptables -A FORWARD -p icmp --icmp-type echo-request -m statistic --mode nth --every 3 --packet 0 -j DROP
ip netns exec r iptables -A FORWARD -p icmp --icmp-type echo-request -m statistic --mode nth --every 2 --packet 1
ip netns exec r iptables -A FORWARD -p icmp --icmp-type echo-request -m statistic --mode nth ! --every 4 --packet 3
ip netns exec h1 ping -c 9 -i 0.2 -W 1 10.0.2.2 | grep packets
ip netns exec r iptables -L FORWARD -n -v -x | tail -n +2
ip netns exec r iptables -A FORWARD -p udp
ip netns exec h1 ping -c 4 -i 0.2 -W 1 10.0.2.2 | grep packets
ip netns exec r iptables -L FORWARD -n -v -x | tail -n +2
ip netns exec r iptables -F FORWARD
ip netns exec r iptables -A FORWARD -p icmp --icmp-type echo-request -m statistic --mode random --probability 0
ip netns exec r iptables -A FORWARD -p icmp --icmp-type echo-request -m statistic --mode random --probability 1
ip netns exec r iptables -A FORWARD -p icmp --icmp-type echo-request -m statistic --mode random ! --probability 1
ip netns exec h1 ping -c 3 -i 0.2 -W 1 10.0.2.2 | grep packets
ip netns exec r iptables -L FORWARD -n -v -x | tail -n +2
ip netns exec r iptables -N S
for o in "--mode random --probability 0.5" "--mode random --probability 0.33333333349" "--mode random ! --probability 0.25" "--mode random --probability 0.2000000000" "--mode random --probability 1e-1" "--mode nth --every 3 --packet 0" "--mode nth --every 3 --packet 2" "--mode nth ! --every 2 --packet 1" "--mode nth --every 4294967295 --packet 0"; do
  ip netns exec r iptables -A S -m statistic $o
done
ip netns exec r iptables -L S
ip netns exec r iptables -S S
for o in "" "--mode foo" "--mode random" "--mode nth" "--mode nth --every 3" "--mode nth --packet 1" "--mode nth --every 3 --packet 3" "--mode nth --every 0 --packet 0" "--mode random --probability 1.5" "--mode random --probability x" "--mode random --probability 0.5 --every 2 --packet 0" "--probability 0.5" "! --mode random --probability 0.5" "--mode random --probability 0.5 --mode nth" "--mode nth --every 2 --packet 0 --probability 0.5" "--mode random --every 2 --packet 0" "--mode nth --every 2 ! --packet 0"; do
  ip netns exec r iptables -A S -m statistic $o
  echo "rc=$?"
done
