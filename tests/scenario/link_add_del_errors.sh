# ip link add/del/show errors: unknown device, duplicate names, bad type, bad usage.
ip link show nope
echo "rc=$?"
ip link show dev nope
echo "rc=$?"
ip link del nope
echo "rc=$?"
ip link set nope up
echo "rc=$?"
ip link add veth0 type veth peer name veth1
echo "rc=$?"
ip link add veth0 type veth peer name veth2
echo "rc=$?"
ip link add veth2 type veth peer name veth1
echo "rc=$?"
ip link add veth3 type veth peer name veth3
echo "rc=$?"
ip link add veth4 type nosuchtype
echo "rc=$?"
ip link add type veth
echo "rc=$?"
ip link show
ip link del lo
echo "rc=$?"
ip link delete veth1
echo "rc=$?"
ip link show veth0
echo "rc=$?"
ip link add name a type veth
echo "rc=$?"
ip -br link
ip link del dev a
ip -br link
ip link frobnicate
echo "rc=$?"
ip lnk show
echo "rc=$?"
ip -Z link
echo "rc=$?"
