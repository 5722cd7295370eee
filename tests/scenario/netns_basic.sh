# ip netns add/list/del/exec and their errors (duplicate, missing namespace, bad usage).
ip netns list
echo "rc=$?"
ip netns add red
ip netns add blue
ip netns add green
ip netns list
ip netns add red
echo "rc=$?"
ip netns exec red ip link show
echo "rc=$?"
ip -n blue link show
ip -n nope link show
echo "rc=$?"
ip netns exec nope true
echo "rc=$?"
ip netns exec red false
echo "rc=$?"
ip netns exec red sh -c 'exit 7'
echo "rc=$?"
ip netns exec red nosuchcmd
echo "rc=$?"
ip netns del green
echo "rc=$?"
ip netns list
ip netns del green
echo "rc=$?"
ip netns delete blue
ip netns
ip netns add
echo "rc=$?"
ip netns identify
echo "rc=$?"
ip netns exec red ip netns identify
ls /run/netns
