# ip -br/-o/-j/-d/-s link and addr output formats for lo and a veth pair in two namespaces.
ip netns add ns1
ip link add veth0 type veth peer name veth1 netns ns1
ip addr add 10.1.0.1/24 dev veth0
ip link set veth0 up
ip link set lo up
sleep 0.5
ip -br link
ip -br addr
ip -br -4 addr
ip -o link
ip -o -4 addr
ip -j link show veth0
ip -j -p addr show dev lo
ip -4 -j addr show
ip -n ns1 -br link
ip -n ns1 -j link
ip -d link show veth0
ip link show up
ip -4 addr show up
ip link list type veth
