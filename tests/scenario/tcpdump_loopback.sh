# tcpdump on lo and on any with loopback traffic: libpcap skips lo's outgoing copies but the kernel still counts them.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link set lo up
tcpdump -i lo -n -t -e -c 2 > /tmp/lo1 2>&1 &
tcpdump -i any -n -t -c 2 > /tmp/lo2 2>&1 &
sleep 1
ping -c 1 127.0.0.1 > /dev/null
wait
cut -d, -f1-3,5- /tmp/lo1
cut -d, -f1,3- /tmp/lo2
