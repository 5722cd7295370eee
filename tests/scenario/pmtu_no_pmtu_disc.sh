# net.ipv4.ip_no_pmtu_disc: 1 ignores the advertised MTU (locked at min_pmtu), 2 and 3 drop Frag-needed; 0 learns it.
. ./router_lib.inc
router_topo 1400
for v in 1 2 3 0; do
  ip netns exec h1 sysctl -qw net.ipv4.ip_no_pmtu_disc=$v
  ip -n h1 route flush cache
  ip netns exec h1 ping -c 1 -M want -s 1400 10.0.2.2 | head -2
  ip -n h1 route get 10.0.2.2
done
ip netns exec h1 grep -E '^Icmp:' /proc/net/snmp
