# conntrack -E: the NEW and UPDATE events of a router's ping and UDP exchange (timeouts as of the packet's jiffy), -e NEW -p udp filtering, the event count on exit; conntrack -D and -F afterwards
. ./router_lib.inc
router_topo
ip netns exec r iptables -A FORWARD -m conntrack --ctstate NEW,ESTABLISHED -j ACCEPT
ip netns exec r conntrack -E > /tmp/ct_events_all 2> /tmp/ct_events_all.err &
ip netns exec r conntrack -E -e NEW -p udp > /tmp/ct_events_new 2> /tmp/ct_events_new.err &
sleep 0.3
ip netns exec h1 ping -c 1 -W 1 10.0.2.2 | grep "packet loss"
echo pong | ip netns exec h2 nc -u -l -p 5000 > /dev/null &
sleep 0.2
echo ping | ip netns exec h1 nc -u -w 1 -p 4000 10.0.2.2 5000
sleep 0.2
kill %1 %2
wait %1 %2 2>/dev/null
sleep 0.2
cat /tmp/ct_events_all /tmp/ct_events_all.err /tmp/ct_events_new /tmp/ct_events_new.err
ip netns exec r conntrack -D -p udp 2>&1
ip netns exec r conntrack -F 2>&1
ip netns exec r conntrack -C
