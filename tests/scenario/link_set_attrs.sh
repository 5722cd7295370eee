# ip link set: mtu, address, name, up/down, txqueuelen, alias; their errors; /sys reflects them.
ip link add veth0 type veth peer name veth1
ip link set veth0 mtu 9000
ip link set veth0 address 02:00:00:00:00:aa
ip link set veth0 txqueuelen 500
ip link set veth0 alias "uplink port"
ip link show veth0
cat /sys/class/net/veth0/mtu /sys/class/net/veth0/address /sys/class/net/veth0/tx_queue_len
ip link set veth0 mtu 67
echo "rc=$?"
ip link set veth0 mtu 65536
echo "rc=$?"
ip link set veth0 mtu abc
echo "rc=$?"
ip link set veth0 address 01:00:00:00:00:01
echo "rc=$?"
ip link set veth0 address zz:00:00:00:00:01
echo "rc=$?"
ip link set veth0 name veth9
echo "rc=$?"
ip link set veth9 name veth1
echo "rc=$?"
ip link set veth9 name averyveryverylongname
echo "rc=$?"
ip link set veth0 up
echo "rc=$?"
sleep 0.5
ip link set dev veth9 name v9 mtu 1400 up
echo "rc=$?"
sleep 0.5
ip link show
ip link set v9 down
ip link set v9 mtu 1500
ip link set veth1 address 02:00:00:00:00:bb up
sleep 0.5
ip link show
ip link set lo mtu 1280
ip link show lo
ip link set lo bogus
echo "rc=$?"
ip link set
echo "rc=$?"
