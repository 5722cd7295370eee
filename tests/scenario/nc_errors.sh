# nc usage and option errors, missing/bad ports, bind and connect failures, exit statuses
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
nc
echo "rc=$?"
nc -u
echo "rc=$?"
nc -u 10.0.0.1
echo "rc=$?"
nc -u -l
echo "rc=$?"
nc -u 10.0.0.1 99999
echo "rc=$?"
nc -u 10.0.0.1 0
echo "rc=$?"
nc -u 10.0.0.1 abc
echo "rc=$?"
nc -Y
echo "rc=$?"
nc -u -w
echo "rc=$?"
nc -u -w x 10.0.0.1 5
echo "rc=$?"
nc -u -w -1 10.0.0.1 5
echo "rc=$?"
nc -u -q 1x 10.0.0.1 5
echo "rc=$?"
nc -u -M 300 10.0.0.1 5
echo "rc=$?"
nc -u -W 0 10.0.0.1 5
echo "rc=$?"
nc -u -l -z 5
echo "rc=$?"
nc -u -k 10.0.0.1 5
echo "rc=$?"
nc -u -l -s 10.0.0.1 5
echo "rc=$?"
nc -u -n -p abc 10.0.0.1 5
echo "rc=$?"
nc -u -n foo 5
echo "rc=$?"
nc -u -6 10.0.0.1 5
echo "rc=$?"
echo "== no route"
nc -u 10.0.0.1 5 < /dev/null
echo "rc=$?"
nc -u -v 10.0.0.1 5 < /dev/null
echo "rc=$?"
nc -v 10.0.0.1 5 < /dev/null
echo "rc=$?"
echo "== bind"
ip link set lo up
nc -u -s 10.9.9.9 127.0.0.1 5 < /dev/null
echo "rc=$?"
nc -u -l -n 10.9.9.9 5
echo "rc=$?"
nc -u -l -p 5 -s 10.9.9.9
echo "rc=$?"
echo "== broadcast"
ip link add d0 type veth peer name d1
ip link set d1 up
ip addr add 10.1.0.1/24 dev d0
ip link set d0 up
nc -u -n -v 10.1.0.255 5 < /dev/null
echo "rc=$?"
nc -u -n -v -b -z 10.1.0.255 5
echo "rc=$?"
echo "== tcp: nothing listens"
nc -n -v 127.0.0.1 5 < /dev/null
echo "rc=$?"
nc -n 127.0.0.1 5 < /dev/null
echo "rc=$?"
