# ip link add/show/del of vxlan devices: options as ip -d link prints them, MTU from the lower device, iproute2's parse errors and the kernel's.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link add u1 type veth peer name u2
ip link set u1 mtu 9000
t() { echo "+ ip $*"; ip "$@"; echo "rc=$?"; }
t link add vx0 type vxlan
t link add vx0 type vxlan dstport 4789
t link add vx0 type vxlan id 5 remote 1.1.1.1 group 239.1.1.1 dstport 4789
t link add vx0 type vxlan id 5 group 1.1.1.1 dstport 4789
t link add vx0 type vxlan id 5 remote 239.1.1.1 dstport 4789
t link add vx0 type vxlan id 5 local 239.1.1.1 dstport 4789
t link add vx0 type vxlan id 16777216 dstport 4789
t link add vx0 type vxlan id abc dstport 4789
t link add vx0 type vxlan id 5 dstport 4789 dev nosuch
t link add vx0 type vxlan id 5 dstport 4789 ttl 256
t link add vx0 type vxlan id 5 dstport 4789 ttl x
t link add vx0 type vxlan id 5 dstport 4789 tos 300
t link add vx0 type vxlan id 5 dstport 4789 ageing x
t link add vx0 type vxlan id 5 dstport 70000
t link add vx0 type vxlan id 5 dstport 4789 remote foo
t link add vx0 type vxlan id 5 dstport 4789 srcport 10
t link add vx0 type vxlan id 5 dstport 4789 srcport 10 5
t link add vx0 type vxlan id 5 dstport 4789 group 239.1.1.1
t link add vx0 type vxlan id 5 dstport 4789 foo
t link add vx0 type vxlan id 5 dstport 4789 remote 1.1.1.1
t link add vx1 type vxlan id 5 dstport 4789 remote 1.1.1.2
t link add vx1 type vxlan id 5 dstport 4789 local 1.1.1.2
t link add vx1 type vxlan id 5 dstport 4790
t link add vx2 type vxlan id 5
t link add vx3 type vxlan id 6 dstport 0 dev u1
t link add vx4 type vxlan id 7 dstport 4789 local 10.1.1.1 remote 10.1.1.2 ttl 10 tos 0x10 nolearning proxy l2miss l3miss noudpcsum ageing 100 srcport 1000 2000
t link add vx5 type vxlan id 8 dstport 4789 group 239.1.1.1 dev u1 ttl inherit tos inherit ageing none
t link add vx6 type vxlan vni 0x10 dstport 4789 ttl auto tos 10
t link add vx0 type vxlan id 9 dstport 4789
ip -d link show
echo "== mtu follows the lower device at creation"
ip link show vx3 | head -1
ip link show vx5 | head -1
echo "== del"
t link del vx1
t link del vx1
ip link show | grep -c vx
echo "== the lower device takes its vxlan devices along"
ip link del u2
ip link show
