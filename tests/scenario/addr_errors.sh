# ip addr errors: bad prefix, duplicates, missing device, deleting what is not there, bad usage.
ip link add veth0 type veth peer name veth1
ip addr add 10.0.0.0/33 dev veth0
echo "rc=$?"
ip addr add 10.0.0.1/24 dev nope
echo "rc=$?"
ip addr add 10.0.0.1/24
echo "rc=$?"
ip addr add 10.0.0.1/24 dev veth0
ip addr add 10.0.0.1/24 dev veth0
echo "rc=$?"
ip addr add 10.0.0.1/16 dev veth0
echo "rc=$?"
ip addr del 10.0.0.9/24 dev veth0
echo "rc=$?"
ip addr del 10.0.0.1/16 dev veth0
echo "rc=$?"
ip addr add 256.0.0.1/24 dev veth0
echo "rc=$?"
ip addr add foo dev veth0
echo "rc=$?"
ip addr add 10.0.0.7/24 dev veth0 scope bogus
echo "rc=$?"
ip addr show dev nope
echo "rc=$?"
ip addr flush
echo "rc=$?"
ip addr del dev veth0
echo "rc=$?"
ip -4 addr show dev veth0
ip address bogus
echo "rc=$?"
