# ss -s transport table (Total:/TCP: lines depend on the host: filtered), -h/-V, bad options and filters
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns add ss2
ip -n ss2 link add vx0 type vxlan id 7 dstport 4789
ip -n ss2 link add vx1 type vxlan id 8 dstport 4790
echo "== no sockets"
ip netns exec ss2 ss -s | grep -v -e '^Total:' -e '^TCP: '
ip -n ss2 link set vx0 up
ip -n ss2 link set vx1 up
echo "== two kernel UDP sockets"
ip netns exec ss2 ss -s | grep -v -e '^Total:' -e '^TCP: '
echo "== -s with a table: summary, then the list"
ip netns exec ss2 ss -s -uaH -4 | grep -v -e '^Total:' -e '^TCP: ' | grep -v 4790
echo "== version, help"
ss -V
ss -h | head -3; echo "rc=$?"
echo "== errors"
ss -Q 2>&1 | head -2; ss -Q > /dev/null 2>&1; echo "rc=$?"
ss --bogus 2>&1 | head -2; ss --bogus > /dev/null 2>&1; echo "rc=$?"
ss -u state 2>&1; echo "rc=$?"
ss -u state nosuch 2>&1; echo "rc=$?"
ss -u 10.0.0.1 2>&1; echo "rc=$?"
ss -f bogus 2>&1 | head -2; ss -f bogus > /dev/null 2>&1; echo "rc=$?"
ss -A bogus 2>&1 | head -2; ss -A bogus > /dev/null 2>&1; echo "rc=$?"
ip netns del ss2
