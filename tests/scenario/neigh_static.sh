# ip neigh add/replace/change/del/flush/show with PERMANENT/NOARP/STALE/REACHABLE entries, and errors.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add veth0 type veth peer name veth1
ip link set veth0 up
ip link set veth1 up
ip addr add 10.0.0.1/24 dev veth0
ip neigh show
ip neigh add 10.0.0.5 lladdr 02:00:00:00:00:05 dev veth0
ip neigh add 10.0.0.6 lladdr 02:00:00:00:00:06 dev veth0 nud noarp
ip neigh add 10.0.0.7 lladdr 02:00:00:00:00:07 dev veth0 nud stale
ip neigh add 10.0.0.8 lladdr 02:00:00:00:00:08 dev veth0 nud reachable
ip neigh add 10.99.0.1 lladdr 02:00:00:00:00:09 dev veth0
echo "#SORT-BEGIN"
ip neigh show
echo "#SORT-END"
ip neigh show 10.0.0.5
echo "#SORT-BEGIN"
ip neigh show nud permanent
echo "#SORT-END"
ip neigh show nud noarp
echo "#SORT-BEGIN"
ip neigh show dev veth0 nud stale
echo "#SORT-END"
ip -j neigh show 10.0.0.6
ip neigh add 10.0.0.5 lladdr 02:00:00:00:00:55 dev veth0
echo "rc=$?"
ip neigh replace 10.0.0.5 lladdr 02:00:00:00:00:55 dev veth0
ip neigh change 10.0.0.7 lladdr 02:00:00:00:00:77 dev veth0 nud permanent
ip neigh change 10.0.0.44 lladdr 02:00:00:00:00:44 dev veth0
echo "rc=$?"
ip neigh replace 10.0.0.44 lladdr 02:00:00:00:00:44 dev veth0 nud stale
echo "#SORT-BEGIN"
ip neigh show dev veth0
echo "#SORT-END"
ip neigh add 10.0.0.9 lladdr 02:00:00:00:00:09 dev nope
echo "rc=$?"
ip neigh add 10.0.0.9 lladdr zz dev veth0
echo "rc=$?"
ip neigh add 10.0.0.9 dev veth0
echo "rc=$?"
ip neigh add 10.0.0.9 lladdr 02:00:00:00:00:09
echo "rc=$?"
ip neigh add 10.0.0.9 lladdr 02:00:00:00:00:09 dev veth0 nud bogus
echo "rc=$?"
ip neigh del 10.0.0.99 dev veth0
echo "rc=$?"
ip neigh del 10.0.0.5 dev veth0
ip neigh del 10.0.0.5 dev veth0
echo "rc=$?"
ip neigh flush dev veth0 nud stale
echo "#SORT-BEGIN"
ip neigh show
echo "#SORT-END"
ip neigh flush dev veth0
echo "rc=$?"
echo "#SORT-BEGIN"
ip neigh show
echo "#SORT-END"
ip neigh flush all
echo "rc=$?"
echo "#SORT-BEGIN"
ip neigh show
echo "#SORT-END"
ip link set veth0 down
ip neigh show
cat /proc/net/arp
