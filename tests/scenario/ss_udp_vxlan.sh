# ss -u on VXLAN's kernel UDP sockets: columns, -a/-l/-n/-H/-4/-6/-m/-p, -t, state filters, service names, errors
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns add ss1
ip -n ss1 link set lo up
ip -n ss1 link add vx0 type vxlan id 42 dstport 4789
echo "== down: no socket yet"
ip netns exec ss1 ss -ua
ip -n ss1 link set vx0 up
echo "== ss -u (established only: no State column)"
ip netns exec ss1 ss -u; echo "rc=$?"
echo "== -ua / -uan / -ul / -uaH"
ip netns exec ss1 ss -ua
ip netns exec ss1 ss -uan
ip netns exec ss1 ss -ul
ip netns exec ss1 ss -uaH
echo "== -4 / -6 / -p / -m"
ip netns exec ss1 ss -ua4
ip netns exec ss1 ss -ua6
ip netns exec ss1 ss -uap
ip netns exec ss1 ss -uam
echo "== tcp and udp"
ip netns exec ss1 ss -t
ip netns exec ss1 ss -ta
ip netns exec ss1 ss -tua
echo "== state filters"
ip netns exec ss1 ss -u state unconnected
ip netns exec ss1 ss -u state established
ip netns exec ss1 ss -u exclude established
ip netns exec ss1 ss -u state bogus; echo "rc=$?"
echo "== a second socket on a named port (123 = ntp)"
ip -n ss1 link add vx1 type vxlan id 43 dstport 123
ip -n ss1 link set vx1 up
echo "#SORT-BEGIN"
ip netns exec ss1 ss -ua
echo "#SORT-END"
echo "#SORT-BEGIN"
ip netns exec ss1 ss -uan
echo "#SORT-END"
echo "== down again"
ip -n ss1 link set vx0 down
ip -n ss1 link set vx1 down
ip netns exec ss1 ss -uaH; echo "rc=$?"
ip netns del ss1
