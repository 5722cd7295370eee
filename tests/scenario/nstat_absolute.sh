# nstat -a (absolute, no history read), -z patterns incl. snmp6, -j/-p JSON, usage errors
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
export NSTAT_HISTORY=/tmp/skbox_nstat_absolute.hist
ip netns add nst1
ip -n nst1 link set lo up
ip netns exec nst1 ping -c 3 -q 127.0.0.1 > /dev/null
echo "== -a"
ip netns exec nst1 nstat -a
echo "== -az patterns"
ip netns exec nst1 nstat -az UdpInDatagrams IcmpInEchos 'Ip*Rec*' 'Udp6*Errors'
echo "== -a -s twice: same numbers"
ip netns exec nst1 nstat -as 'Icmp*'
ip netns exec nst1 nstat -as 'Icmp*'
echo "== JSON"
ip netns exec nst1 nstat -aj 'IcmpOut*'
ip netns exec nst1 nstat -ajp 'IcmpOut*'
ip netns exec nst1 nstat -ajp NoSuchCounter
ip netns exec nst1 nstat -ajz 'Udp*Errors'
echo "== errors"
nstat -h 2>&1 | head -2; nstat -h > /dev/null 2>&1; echo "rc=$?"
nstat --bogus 2>&1 | head -2; echo "rc=$?"
nstat -t 0; echo "rc=$?"
nstat -V
ip netns del nst1
