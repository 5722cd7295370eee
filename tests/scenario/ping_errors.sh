# ping usage errors and their exit codes: bad counts/sizes/ttl/interval, unknown device, missing host.
ip link set lo up
ping
echo "rc=$?"
ping -c 0 127.0.0.1
echo "rc=$?"
ping -c abc 127.0.0.1
echo "rc=$?"
ping -c 1 -s 65508 127.0.0.1
echo "rc=$?"
ping -c 1 -s -1 127.0.0.1
echo "rc=$?"
ping -c 1 -t 300 127.0.0.1
echo "rc=$?"
ping -c 1 -i abc 127.0.0.1
echo "rc=$?"
ping -c 1 -W -1 127.0.0.1
echo "rc=$?"
ping -c 1 -I nope 127.0.0.1
echo "rc=$?"
ping -c 1 -I 10.9.9.9 127.0.0.1
echo "rc=$?"
ping -c 1 -M bogus 127.0.0.1
echo "rc=$?"
ping -c 1 -Z 127.0.0.1
echo "rc=$?"
ping -c 1 127.0.0.1 127.0.0.2
echo "rc=$?"
