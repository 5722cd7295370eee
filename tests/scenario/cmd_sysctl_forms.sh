# sysctl forms: several -w keys, -q, -e, -n, -N, -p from stdin, -a with -r, /proc/sys via cat and echo.
ip link add v0 type veth peer name v0p
sysctl -w net.ipv4.ip_forward=1 net.ipv4.conf.v0.rp_filter=2 net.ipv4.ip_default_ttl=32
sysctl -n net.ipv4.ip_forward net.ipv4.conf.v0.rp_filter net.ipv4.ip_default_ttl
sysctl -N net.ipv4.ip_forward
sysctl net.ipv4.ip_forward=0
echo "rc=$?"
sysctl -q -w net.ipv4.ip_forward=1
echo "rc=$?"
sysctl -e net.ipv4.nope
echo "rc=$?"
sysctl -e -w net.ipv4.nope=1
echo "rc=$?"
sysctl -q -w net.ipv4.nope=1
echo "rc=$?"
sysctl -w net.ipv4.ip_forward=0 net.ipv4.nope=1 net.ipv4.ip_default_ttl=64
echo "rc=$?"
sysctl net.ipv4.ip_forward net.ipv4.ip_default_ttl
sysctl -w net.ipv4.ip_default_ttl=0
echo "rc=$?"
sysctl -w net.ipv4.ip_default_ttl=256
echo "rc=$?"
sysctl -w " net.ipv4.ip_forward = 1 "
echo "rc=$?"
sysctl -p - <<EOF
# comment
net.ipv4.ip_forward = 0
; another comment
net.ipv4.conf.v0.arp_ignore=1

-net.ipv4.nope = 3
net.ipv4.conf.v0.arp_announce = 2
EOF
echo "rc=$?"
sysctl -a -r 'conf\.v0\.(arp_ignore|arp_announce|rp_filter)$'
sysctl -a -r '^net\.ipv4\.ip_forward$'
sysctl -a -N -r 'neigh\.v0\.mcast_solicit'
sysctl net.ipv4.conf.v0
echo "rc=$?"
sysctl -x
echo "rc=$?"
cat /proc/sys/net/ipv4/conf/v0/arp_ignore
echo 2 > /proc/sys/net/ipv4/conf/v0/arp_ignore
cat /proc/sys/net/ipv4/conf/v0/arp_ignore
echo abc > /proc/sys/net/ipv4/conf/v0/arp_ignore
echo "rc=$?"
echo 1 > /proc/sys/net/ipv4/conf/nodev/arp_ignore
echo "rc=$?"
cat /proc/sys/net/ipv4/conf/nodev/arp_ignore
echo "rc=$?"
