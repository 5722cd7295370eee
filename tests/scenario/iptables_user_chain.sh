# user chains: jump, RETURN, goto and the policy decide INPUT on a namespace; counters of each rule and of the policy
ip netns add a
ip netns add b
for ns in a b; do ip netns exec $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; done
ip link add v0 netns a type veth peer name v0 netns b
ip -n a addr add 10.9.0.1/24 dev v0
ip -n b addr add 10.9.0.2/24 dev v0
ip -n a link set v0 up
ip -n b link set v0 up
ip netns exec b iptables -N chk
ip netns exec b iptables -N deny
ip netns exec b iptables -A INPUT -p icmp -j chk
ip netns exec b iptables -A INPUT -p icmp --icmp-type echo-request -j ACCEPT
ip netns exec b iptables -A chk -s 10.9.0.1 -p icmp --icmp-type echo-reply -j RETURN
ip netns exec b iptables -A chk -i v+ -j RETURN
ip netns exec b iptables -A chk -j DROP
ip netns exec b iptables -P INPUT DROP
ip netns exec a ping -c 2 -i 0.2 -W 1 10.9.0.2 | grep "packet loss"
ip netns exec b iptables -L -v -n
ip netns exec b iptables -Z
ip netns exec b iptables -R INPUT 1 -p icmp -g deny
ip netns exec b iptables -A deny -p icmp --icmp-type 0 -j ACCEPT
ip netns exec a ping -c 2 -i 0.2 -W 1 10.9.0.2 | grep "packet loss"
ip netns exec b iptables -L -v -n
ip netns exec b iptables -S
