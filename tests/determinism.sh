#!/usr/bin/env bash
# Same script + same --seed must give byte-identical output; a different seed
# must change the random parts (MAC addresses).
set -u
skbox=${1:-build/skbox}
script=$(mktemp)
trap 'rm -f "$script" /tmp/skbox-det.$$.*' EXIT
cat > "$script" <<'EOS'
ip netns add a
ip link add v0 type veth peer name v1 netns a
ip addr add 10.9.0.1/24 dev v0 && ip link set v0 up
ip -n a addr add 10.9.0.2/24 dev v1 && ip -n a link set v1 up
ping -c 2 -i 0.5 10.9.0.2
ip link show v0
ip -n a neigh show
cat /proc/net/snmp
EOS
"$skbox" run --seed 7 "$script" > /tmp/skbox-det.$$.1 2>&1
"$skbox" run --seed 7 "$script" > /tmp/skbox-det.$$.2 2>&1
"$skbox" run --seed 8 "$script" > /tmp/skbox-det.$$.3 2>&1
pass=0 fail=0
if cmp -s /tmp/skbox-det.$$.1 /tmp/skbox-det.$$.2; then pass=$((pass+1)); else
  echo "FAIL determinism: two runs with --seed 7 differ"; diff /tmp/skbox-det.$$.1 /tmp/skbox-det.$$.2 | head; fail=$((fail+1)); fi
if ! cmp -s /tmp/skbox-det.$$.1 /tmp/skbox-det.$$.3; then pass=$((pass+1)); else
  echo "FAIL determinism: --seed 7 and --seed 8 gave identical output (seed unused?)"; fail=$((fail+1)); fi
echo "determinism: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
