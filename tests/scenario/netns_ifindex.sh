# ifindex allocation per namespace, moving devices between namespaces, "ip link add ... netns NS".
ip netns add a
ip netns add b
ip link add v0 type veth peer name v1
ip link add v2 type veth peer name v3
ip link show
ip link set v1 netns a
ip link set v3 netns a
ip -n a link show
ip -n a link set v1 netns b
ip -n b link show
ip -n b link add w0 type veth peer name w1 netns a
ip -n b link show
ip -n a link show
ip link add x0 netns a type veth peer name x1
ip -n a link show
ip link show
ip link set v0 netns nope
echo "rc=$?"
ip link set nope netns a
echo "rc=$?"
ip -n a link set lo netns b
echo "rc=$?"
cat /sys/class/net/v0/ifindex /sys/class/net/v0/iflink
ip netns exec a cat /sys/class/net/v3/ifindex
ip netns exec b cat /sys/class/net/v1/iflink
ip netns list
ip -n a link add dup0 type veth peer name dup1
ip link add dup0 type veth peer name dup2
ip link set dup0 netns a
echo "rc=$?"
ip link show dup0
ip link set dup0 netns a name dup9
echo "rc=$?"
ip -n a -br link
