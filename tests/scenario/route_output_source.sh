# Output route source checks: ping 0.0.0.0 with lo never up / up / down again, -I with local, foreign and down addresses.
ping -c 1 0.0.0.0
echo "rc=$?"
ip route get 0.0.0.0
ip link set lo up
ping -c 1 0.0.0.0 | grep -c 'bytes from'
ip link add va type veth peer name vb
ip addr add 10.0.0.1/24 dev va
ip addr add 10.1.1.1/24 dev lo
ip link set va up
ip link set lo down
ping -c 1 -W 1 0.0.0.0
echo "rc=$?"
ip route get 0.0.0.0
ip route get 10.0.0.2 from 127.0.0.1
echo "rc=$?"
ip route get 10.0.0.2 from 10.1.1.1
ping -c 1 -W 1 -I 10.1.1.1 10.0.0.2
echo "rc=$?"
ping -c 1 -W 1 -I 10.9.9.9 10.0.0.2
echo "rc=$?"
ping -c 1 -W 1 -I 10.0.0.1 0.0.0.0 | head -n 1
ip link set va down
ping -c 1 -W 1 -I 10.0.0.1 10.0.0.2
echo "rc=$?"
ping -c 1 -W 1 -I va 10.0.0.2
echo "rc=$?"
