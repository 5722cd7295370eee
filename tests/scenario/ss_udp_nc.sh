# ss -u with nc's sockets: a UDP listener (UNCONN) that connects to its first peer (ESTAB), the client's socket, -l vs -a
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link set lo up
nc -u -l 127.0.0.1 5000 > /dev/null &
sleep 1
echo "== listener"
ss -ua
ss -ul
ss -u
echo hi | nc -u -w 2 -p 4000 127.0.0.1 5000 &
sleep 1
echo "== after the first datagram: both connected"
echo "#SORT-BEGIN"
ss -uan
echo "#SORT-END"
ss -ul
echo "#SORT-BEGIN"
ss -u state established
echo "#SORT-END"
sleep 3
echo "== the client exited"
ss -uan
