# A Docker host's default bridge network as dockerd 24 builds it with the
# legacy iptables backend and userland-proxy=false, then four packets
# traced through the rule set with TRACE:
#   1. container -> container over docker0
#   2. a host process -> a container
#   3. a container -> the outside world (MASQUERADE)
#   4. the outside -> a published port (DNAT), and a container reaching that
#      port on the host's address (hairpin NAT back out the same bridge port)
#
#   build/skbox run examples/docker-bridge.sh
#
# It also runs on Linux as root, but TRACE lines from a namespace other than
# the initial one reach the kernel log only with the host's
# net.netfilter.nf_log_all_netns=1, and `dmesg -C` clears the machine's log:
# run it in a throw-away VM, not on a host you care about.  TRACE=off runs
# the same flows without the tracing rules and the log: that is how
# tests/scenario/docker_bridge_flows.sh checks them against the kernel.
#
# Layout:
#   outside       eth0 192.168.1.100/24: a machine on the host's LAN
#   dockerhost    eth0 192.168.1.2/24 (the host's NIC), docker0 172.17.0.1/16
#   c1, c2        eth0 172.17.0.2/16 and .3, ports of docker0 (vethc1, vethc2);
#                 c1 publishes UDP 8080 -> 80 (`docker run -p 8080:80/udp`)

TRACE=${TRACE:-on}
[ "$TRACE" = on ] && sysctl -qw net.netfilter.nf_log_all_netns=1 2>/dev/null

for ns in outside dockerhost c1 c2; do
  ip netns add $ns
  ip netns exec $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ip -n $ns link set lo up
done
ip link add eth0 netns outside type veth peer name eth0 netns dockerhost
ip -n outside addr add 192.168.1.100/24 dev eth0
ip -n outside link set eth0 up
ip -n dockerhost addr add 192.168.1.2/24 dev eth0
ip -n dockerhost link set eth0 up

# dockerd: the bridge, forwarding, br_netfilter's bridge-nf-call-iptables,
# route_localnet for the host's own hairpin.
ip -n dockerhost link add docker0 type bridge
ip -n dockerhost addr add 172.17.0.1/16 dev docker0
ip -n dockerhost link set docker0 up
ip netns exec dockerhost sysctl -qw net.ipv4.ip_forward=1
ip netns exec dockerhost sysctl -qw net.bridge.bridge-nf-call-iptables=1
ip netns exec dockerhost sysctl -qw net.ipv4.conf.docker0.route_localnet=1

# Each container: a veth pair, one end in the container as eth0, the other
# a docker0 port with hairpin on (userland-proxy=false).
n=2
for c in c1 c2; do
  ip -n dockerhost link add veth$c type veth peer name eth0 netns $c
  ip -n dockerhost link set veth$c master docker0
  ip -n dockerhost link set veth$c type bridge_slave hairpin on
  ip -n dockerhost link set veth$c up
  ip -n $c addr add 172.17.0.$n/16 dev eth0
  ip -n $c link set eth0 up
  ip -n $c route add default via 172.17.0.1
  n=$((n + 1))
done

# What dockerd writes (iptables-save of a fresh host plus one published port).
ip netns exec dockerhost iptables-restore <<'EOF'
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:DOCKER - [0:0]
-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
-A OUTPUT -m addrtype --dst-type LOCAL -j DOCKER
-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
-A POSTROUTING -o docker0 -m addrtype --src-type LOCAL -j MASQUERADE
-A POSTROUTING -s 172.17.0.2/32 -d 172.17.0.2/32 -p udp -m udp --dport 80 -j MASQUERADE
-A DOCKER -p udp -m udp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
:DOCKER - [0:0]
:DOCKER-ISOLATION-STAGE-1 - [0:0]
:DOCKER-ISOLATION-STAGE-2 - [0:0]
:DOCKER-USER - [0:0]
-A FORWARD -j DOCKER-USER
-A FORWARD -j DOCKER-ISOLATION-STAGE-1
-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A FORWARD -o docker0 -j DOCKER
-A FORWARD -i docker0 ! -o docker0 -j ACCEPT
-A FORWARD -i docker0 -o docker0 -j ACCEPT
-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p udp -m udp --dport 80 -j ACCEPT
-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2
-A DOCKER-ISOLATION-STAGE-1 -j RETURN
-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
-A DOCKER-ISOLATION-STAGE-2 -j RETURN
-A DOCKER-USER -j RETURN
COMMIT
EOF

# The tracing rules: ICMP and the published port's traffic, at both raw hooks.
if [ "$TRACE" = on ]; then
  ip netns exec dockerhost iptables -t raw -A PREROUTING -p icmp -j TRACE
  ip netns exec dockerhost iptables -t raw -A OUTPUT -p icmp -j TRACE
  ip netns exec dockerhost iptables -t raw -A PREROUTING -p udp -m multiport --ports 80,8080 -j TRACE
fi

trace() {
  echo
  echo "== $1"
  [ "$TRACE" = on ] && dmesg -C
  shift
  "$@"
  [ "$TRACE" = on ] && dmesg -t | grep TRACE:
}

# The published port's server in c1: one nc per client, as a UDP nc
# answers only the first peer it hears from.
serve() {
  echo "hello from c1" | ip netns exec c1 nc -u -l -w 1 -p 80 > /dev/null &
  sleep 0.2
}

# Start from empty counters and no connections, so what is shown below is
# the flows' own: Linux's docker0 sends IGMP membership reports (for the
# snooping bridge's 224.0.0.106) in its first second up, and those pass
# OUTPUT and POSTROUTING too.
sleep 1.5
ip netns exec dockerhost iptables -t nat -Z
ip netns exec dockerhost iptables -Z
ip netns exec dockerhost conntrack -F 2>/dev/null

trace "1. container c2 -> container c1 (bridged; FORWARD -i docker0 -o docker0)" \
  ip netns exec c2 ping -c 1 -W 1 172.17.0.2
trace "2. host process -> container c1 (OUTPUT, then the bridge)" \
  ip netns exec dockerhost ping -c 1 -W 1 172.17.0.2
trace "3. container c1 -> outside (FORWARD -i docker0 ! -o docker0, MASQUERADE)" \
  ip netns exec c1 ping -c 1 -W 1 192.168.1.100
serve
trace "4a. outside -> published port 192.168.1.2:8080 (DNAT to 172.17.0.2:80)" \
  sh -c 'echo ping | ip netns exec outside nc -u -w 1 -p 40000 192.168.1.2 8080'
serve
trace "4b. container c2 -> the host's published port (hairpin through docker0)" \
  sh -c 'echo ping | ip netns exec c2 nc -u -w 1 -p 40001 192.168.1.2 8080'

echo
echo "== conntrack on the host"
ip netns exec dockerhost conntrack -L 2>/dev/null | sort
echo
echo "== the rule counters"
ip netns exec dockerhost iptables -t nat -L -n -v
ip netns exec dockerhost iptables -L FORWARD -n -v
wait
