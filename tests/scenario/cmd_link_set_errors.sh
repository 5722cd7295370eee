# ip link set/add/del errors: bad mtu, unknown device, long names, missing netns, bad addresses.
ip link add v0 type veth peer name v0p
ip link set v0 mtu 67
echo "rc=$?"
ip link set v0 mtu 65536
echo "rc=$?"
ip link set v0 mtu abc
echo "rc=$?"
ip link set v0 mtu 68
echo "rc=$?"
ip link show v0 | head -n 1
ip link set nodev up
echo "rc=$?"
ip link set dev nodev mtu 1400
echo "rc=$?"
ip link set v0 name abcdefghijklmnopq
echo "rc=$?"
ip link set v0 name abcdefghijklmno
echo "rc=$?"
ip link add abcdefghijklmnopqrstu type veth peer name x1
echo "rc=$?"
ip link add x2 type veth peer name abcdefghijklmnopqrstu
echo "rc=$?"
ip link set abcdefghijklmno netns missing
echo "rc=$?"
ip link set abcdefghijklmno netns 99999
echo "rc=$?"
ip link set abcdefghijklmno address zz:zz
echo "rc=$?"
ip link set abcdefghijklmno address 01:00:00:00:00:01
echo "rc=$?"
ip link set abcdefghijklmno txqueuelen -1
echo "rc=$?"
ip link set abcdefghijklmno foo
echo "rc=$?"
ip link set abcdefghijklmno up down
echo "rc=$?"
ip link set
echo "rc=$?"
ip link set abcdefghijklmno name v0p
echo "rc=$?"
ip link set lo name lo2
echo "rc=$?"
ip link del lo
echo "rc=$?"
ip link del nodev
echo "rc=$?"
ip link add v0p type veth
echo "rc=$?"
ip link add name "bad name" type veth
echo "rc=$?"
ip link add x/y type veth
echo "rc=$?"
ip link add type bogus
echo "rc=$?"
ip link show abcdefghijklmno | head -n 1
ip -br link
