# br_netfilter: the bridge host's conntrack sees bridged flows (ICMP and UDP between containers, in=br0) and the flows to its own address once, with bridge-nf-call-iptables=1; with 0 bridged flows are not tracked; NOTRACK in raw PREROUTING works on bridged packets
. ./brnf_lib.inc
brnf_topo
# Listings name the protocol: the namespaces' IGMP reports (tracked too)
# come at random times.
ip netns exec sw iptables -A FORWARD -i br0 -o br0 -p icmp -m conntrack --ctstate NEW,ESTABLISHED -j ACCEPT
ip netns exec sw iptables -A FORWARD -i br0 -o br0 -p udp -m conntrack --ctstate NEW,ESTABLISHED -j ACCEPT
ip netns exec sw iptables -A INPUT -p icmp -m conntrack --ctstate NEW,ESTABLISHED
sleep 2
ip netns exec c1 ping -c 2 -i 0.2 -W 1 10.0.0.3 | grep "packet loss"
ip netns exec c2 nc -u -l -p 6000 > /dev/null &
sleep 0.3
echo one | ip netns exec c1 nc -u -q0 -p 4000 10.0.0.3 6000
sleep 0.2
echo a | ip netns exec c1 nc -u -q0 -p 4001 10.0.0.3 5001
echo back | ip netns exec c2 nc -u -q0 -p 5001 10.0.0.2 4001
ip netns exec c1 ping -c 1 -W 1 10.0.0.1 | grep "packet loss"
echo "#SORT-BEGIN"
ip netns exec sw conntrack -L -p icmp 2>&1
ip netns exec sw conntrack -L -p udp 2>&1
echo "#SORT-END"
ip netns exec sw conntrack -L -p udp --dport 6000
ip netns exec sw conntrack -L -p icmp -d 10.0.0.1
ip netns exec sw iptables -L FORWARD -n -v -x | grep -v "^Chain"
echo "== NOTRACK for bridged UDP to port 7000"
ip netns exec sw iptables -t raw -A PREROUTING -i br0 -p udp --dport 7000 -j NOTRACK
ip netns exec sw iptables -I FORWARD -m conntrack --ctstate UNTRACKED -m physdev --physdev-in vc1 --physdev-out vc2
echo x | ip netns exec c1 nc -u -q0 -p 4007 10.0.0.3 7000
ip netns exec sw conntrack -L -p udp --dport 7000
ip netns exec sw iptables -L FORWARD 1 -n -v -x
echo "== bridge-nf-call-iptables=0"
ip netns exec sw conntrack -F
ip netns exec sw sysctl -qw net.bridge.bridge-nf-call-iptables=0
ip netns exec c1 ping -c 2 -i 0.2 -W 1 10.0.0.3 | grep "packet loss"
echo two | ip netns exec c1 nc -u -q0 -p 4000 10.0.0.3 6000
ip netns exec c1 ping -c 1 -W 1 10.0.0.1 | grep "packet loss"
ip netns exec sw conntrack -L -p icmp
ip netns exec sw conntrack -L -p udp
kill %1
