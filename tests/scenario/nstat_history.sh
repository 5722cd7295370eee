# nstat: prime the history with -rn, deltas after pings, -s keeps it, patterns update only what they match
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
export NSTAT_HISTORY=/tmp/skbox_nstat_history.hist
ip link set lo up
nstat -rn; echo "rc=$?"
echo "== nothing happened"
nstat; echo "rc=$?"
ping -c 2 -q 127.0.0.1 > /dev/null
echo "== after 2 pings"
nstat
echo "== again: nothing new"
nstat
ping -c 1 -q 127.0.0.1 > /dev/null
echo "== -s: show, keep the history"
nstat -s 'Icmp*'
echo "== a pattern: prints and saves only Ip*"
nstat 'Ip*'
echo "== the Icmp increase is still there"
nstat
echo "== -z with patterns (zero rows too)"
ping -c 1 -q 127.0.0.1 > /dev/null
nstat -z IcmpInEchos IcmpInErrors UdpInDatagrams
echo "== -r: reset history, prints absolute"
nstat -r 'Icmp*Echo*'
