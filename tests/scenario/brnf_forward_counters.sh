# br_netfilter: container-to-container pings over a bridge walk the host's iptables FORWARD chain (-i br0 -o br0, physdev ports) with bridge-nf-call-iptables=1 and skip it with 0; INPUT/PREROUTING/POSTROUTING counters; the sysctl is per namespace
. ./brnf_lib.inc
brnf_topo
# The rules count ICMP only and the chain headers (policy counters) are
# left out: the namespaces' IGMP reports come at random times.
cnt() { ip netns exec sw iptables "$@" -n -v -x | grep -v "^Chain"; }
ip netns exec sw sysctl net.bridge.bridge-nf-call-iptables net.bridge.bridge-nf-call-arptables
ip netns exec sw iptables -A FORWARD -p icmp -i br0 -o br0 -m physdev --physdev-in vc1 --physdev-out vc2 -j ACCEPT
ip netns exec sw iptables -A FORWARD -p icmp -m physdev --physdev-is-in --physdev-is-out --physdev-is-bridged
ip netns exec sw iptables -A FORWARD -p icmp -i br0 -o br0
ip netns exec sw iptables -A FORWARD -p icmp -m physdev ! --physdev-is-bridged
ip netns exec sw iptables -A INPUT -p icmp -i br0 -m physdev --physdev-in vc1
ip netns exec sw iptables -A INPUT -p icmp -m physdev --physdev-is-in ! --physdev-is-bridged
ip netns exec sw iptables -A INPUT -p icmp -m physdev --physdev-in vc2
ip netns exec sw iptables -A OUTPUT -p icmp -o br0
ip netns exec sw iptables -t mangle -A PREROUTING -p icmp -i br0 -m physdev --physdev-in vc1
ip netns exec sw iptables -t mangle -A PREROUTING -p icmp -i vc1
ip netns exec sw iptables -t mangle -A POSTROUTING -p icmp -o br0 -m physdev --physdev-out vc2 --physdev-is-bridged
ip netns exec sw iptables -t mangle -A POSTROUTING -p icmp -o br0 -m physdev ! --physdev-is-bridged
sleep 2
ip netns exec c1 ping -c 3 -i 0.2 -W 1 10.0.0.3 | grep "packet loss"
ip netns exec c1 ping -c 2 -i 0.2 -W 1 10.0.0.1 | grep "packet loss"
cnt -L
cnt -t mangle -L PREROUTING
cnt -t mangle -L POSTROUTING
echo "== a physdev DROP stops the replies"
ip netns exec sw iptables -Z
ip netns exec sw iptables -t mangle -Z
ip netns exec sw iptables -I FORWARD -m physdev --physdev-in vc2 -p icmp --icmp-type echo-reply -j DROP
ip netns exec c1 ping -c 2 -i 0.2 -W 1 10.0.0.3 | grep "packet loss"
cnt -L FORWARD
echo "== bridge-nf-call-iptables=0: bridged frames skip iptables"
ip netns exec sw sysctl -w net.bridge.bridge-nf-call-iptables=0
ip netns exec sw sysctl -w net.bridge.bridge-nf-call-iptables=5
ip netns exec sw sysctl net.bridge.bridge-nf-call-iptables
ip netns exec sw sysctl -w net.bridge.bridge-nf-call-iptables=0
ip netns exec c1 sysctl net.bridge.bridge-nf-call-iptables
ip netns exec sw iptables -Z
ip netns exec sw iptables -t mangle -Z
ip netns exec c1 ping -c 2 -i 0.2 -W 1 10.0.0.3 | grep "packet loss"
ip netns exec c1 ping -c 2 -i 0.2 -W 1 10.0.0.1 | grep "packet loss"
cnt -L
cnt -t mangle -L PREROUTING
cnt -t mangle -L POSTROUTING
