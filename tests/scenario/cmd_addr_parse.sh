# ip addr add/del argument parsing errors: bad prefixes, bad addresses, duplicates, missing dev.
ip link add v0 type veth peer name v0p
ip addr add 1.2.3.4/33 dev v0
echo "rc=$?"
ip addr add 300.1.1.1/24 dev v0
echo "rc=$?"
ip addr add 1.2.3/24 dev v0
echo "rc=$?"
ip addr add 1.2.3.4/-1 dev v0
echo "rc=$?"
ip addr add 1.2.3.4/ dev v0
echo "rc=$?"
ip addr add abc dev v0
echo "rc=$?"
ip addr add 1.2.3.4/24
echo "rc=$?"
ip addr add dev v0
echo "rc=$?"
ip addr add 1.2.3.4/24 dev nodev
echo "rc=$?"
ip addr add 1.2.3.4/24 dev v0 scope bogus
echo "rc=$?"
ip addr add 1.2.3.4/24 dev v0 label foo
echo "rc=$?"
ip addr add 1.2.3.4/24 dev v0 broadcast 1.2.3.300
echo "rc=$?"
ip addr add 1.2.3.4/24 dev v0
echo "rc=$?"
ip addr add 1.2.3.4/24 dev v0
echo "rc=$?"
ip addr add 1.2.3.4/16 dev v0
echo "rc=$?"
ip addr add 1.2.3.4 dev v0
echo "rc=$?"
ip addr add 0.0.0.0/0 dev v0
echo "rc=$?"
ip addr add 10.9.9.9/0 dev v0
echo "rc=$?"
ip addr del 9.9.9.9/24 dev v0
echo "rc=$?"
ip addr del 1.2.3.4/25 dev v0
echo "rc=$?"
ip addr del 1.2.3.4 dev v0
echo "rc=$?"
ip addr show dev v0
ip addr flush dev nodev
echo "rc=$?"
ip addr show dev nodev
echo "rc=$?"
ip addr frob
echo "rc=$?"
