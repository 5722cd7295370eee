# Background jobs: pings with & and wait, $! and per-job wait status, output order, set -e and exit N.
ip netns add a
ip netns add b
ip link add va type veth peer name vb
ip link set va netns a
ip link set vb netns b
ip -n a addr add 10.5.0.1/24 dev va
ip -n b addr add 10.5.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec a ping -c 3 -i 0.5 -q 10.5.0.2 > /dev/null &
p1=$!
ip netns exec b ping -c 1 -W 1 -q 10.5.0.99 > /dev/null &
p2=$!
wait $p1
echo "p1 rc=$?"
wait $p2
echo "p2 rc=$?"
(sleep 0.4; echo "slow") &
(sleep 0.2; echo "fast") &
echo "foreground first"
wait
echo "all done"
sleep 0.1 &
wait %1 2>/dev/null
echo "job rc=$?"
wait 12345
echo "wait bogus rc=$?"
check() {
  set -e
  ip -n a link show va >/dev/null
  echo "va present"
  ip -n a link show vb >/dev/null
  echo "not reached"
}
( check )
echo "check rc=$?"
set -e
ip link show lo >/dev/null
if ! ip link show nodev 2>/dev/null; then echo "if-guarded failure ok"; fi
ip link show nodev 2>/dev/null || echo "or-guarded failure ok"
ip -n b link show va
echo "not reached either"
