# Deleting a namespace destroys its devices, and each veth's peer in other namespaces.
ip netns add a
ip netns add b
ip link add va type veth peer name vh
ip link add vb type veth peer name vab
ip link set va netns a
ip link set vb netns a
ip link set vab netns b
ip -br link show
ip -n a -br link show
ip -n b -br link show
ip netns del a
# namespace teardown is asynchronous in the kernel (cleanup_net work): give it time
sleep 1
ip -br link show
ip -n b -br link show
ip link show vh
echo "rc=$?"
ip netns list
