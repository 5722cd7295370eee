# both ends of a veth pair in one namespace (the Docker veth case): a ping out one end to the other's address is a martian (local source: even the ARP request goes unanswered) unless accept_local; the reply comes back over lo and belongs to the bound device; rp_filter strict refuses it, loose lets it through
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link set lo up
ip link add v1 type veth peer name v2
ip addr add 10.0.0.1/24 dev v1
ip addr add 10.0.0.2/24 dev v2
ip link set v1 up
ip link set v2 up
ping -c 1 -W 1 -I v1 10.0.0.2 | grep -E "loss"
nstat -az IpInAddrErrors TcpExtIPReversePathFilter | tail -n +2
sysctl -w net.ipv4.conf.v2.accept_local=1
ping -c 1 -W 1 -I v1 10.0.0.2 | grep -E "loss"
ip route get 10.0.0.1 from 10.0.0.2 iif v2
sysctl -w net.ipv4.conf.v2.rp_filter=1 net.ipv4.conf.all.rp_filter=1
ping -c 1 -W 1 -I v1 10.0.0.2 | grep -E "loss"
nstat -az TcpExtIPReversePathFilter | tail -n +2
sysctl -w net.ipv4.conf.all.rp_filter=2
ping -c 1 -W 1 -I v1 10.0.0.2 | grep -E "loss"
sysctl -w net.ipv4.conf.v2.accept_local=0
ping -c 1 -W 1 -I v1 10.0.0.2 | grep -E "loss"
nstat -az TcpExtIPReversePathFilter | tail -n +2
