# set -e: a failing ip command aborts the script with its exit status (2 for RTNETLINK errors).
set -e
ip link add veth0 type veth peer name veth1
echo "first add ok"
ip link add veth0 type veth peer name veth1 || echo "handled failure"
ip link show nope || true
echo "still running"
ip link add veth0 type veth peer name veth1
echo "not reached"
