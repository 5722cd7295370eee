#!/usr/bin/env bash
# examples/flannel-vxlan.sh at scale: N hosts x PODS pods (default 100 x 10:
# 1,101 namespaces, 9,900 routes + neighbours + fdb entries). Reports, for
# skbox and for the real kernel in the same run:
#   bring-up    wall seconds of the example's setup (everything before its demo pings)
#   memory      skbox: peak RSS of the process; kernel: growth of Slab + Percpu
#               in /proc/meminfo over the setup (rough: the whole machine's view)
#   ping rt/s   `ping -f -q -c COUNT` from host1-pod1 to the last pod of the
#               last host (VXLAN both ways): round trips per second of wall time
# The kernel side runs in a private `unshare -m -n` sandbox (needs root), at
# FLANNEL_KERNEL_N hosts (default: the same N). Nothing here is asserted.
#   bench/flannel.sh [BUILD] [N] [PODS]
set -u
build=${1:-build}
n=${2:-${FLANNEL_N:-100}}
pods=${3:-${FLANNEL_PODS:-10}}
kn=${FLANNEL_KERNEL_N:-$n}
count=${FLANNEL_PING_COUNT:-100000}
kcount=${FLANNEL_KERNEL_PING_COUNT:-100000}
root=$(cd "$(dirname "$0")/.." && pwd)
skbox=$(realpath "$build/skbox")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The example's setup alone: everything above its demo (which starts at the
# "What host1 now knows" comment).
grep -q '^# What host1 now knows' "$root/examples/flannel-vxlan.sh" ||
  { echo "bench/flannel.sh: cannot find the demo part of examples/flannel-vxlan.sh"; exit 1; }
sed '/^# What host1 now knows/,$d' "$root/examples/flannel-vxlan.sh" > "$tmp/setup.sh"

now() { date +%s.%N; }
sub() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a - b}'; }

# skbox: one run with the setup alone (time, RSS), one with the flood ping
# added; the ping's wall time is the difference.
skbox_run() {  # SCRIPT OUT: prints "seconds maxrss_kb"
  local t0 t1
  t0=$(now)
  /usr/bin/time -f "%M" -o "$tmp/rss" "$skbox" run "$1" > "$2" 2>&1
  t1=$(now)
  echo "$(sub "$t1" "$t0") $(tail -1 "$tmp/rss")"
}
target=10.244.$n.$((pods + 1))
printf 'bash %s %s %s\n' "$tmp/setup.sh" "$n" "$pods" > "$tmp/sk_setup.sh"
{ cat "$tmp/sk_setup.sh"; echo "ip netns exec host1-pod1 ping -f -q -c $count $target"; } > "$tmp/sk_ping.sh"
read -r s_up s_rss < <(skbox_run "$tmp/sk_setup.sh" "$tmp/skbox_setup.out")
read -r s_all s_rss2 < <(skbox_run "$tmp/sk_ping.sh" "$tmp/skbox_ping.out")
s_rx=$(sed -n 's/.* \([0-9]*\) received.*/\1/p' "$tmp/skbox_ping.out")
[ -s "$tmp/skbox_setup.out" ] && { echo "skbox setup printed:"; head -5 "$tmp/skbox_setup.out"; }
s_ping=$(sub "$s_all" "$s_up")
s_rate=$(awk -v r="${s_rx:-0}" -v t="$s_ping" 'BEGIN{ if (t > 0) printf "%d", r / t; else print "n/a" }')
[ "$s_rss2" -gt "$s_rss" ] && s_rss=$s_rss2
s_ns=$(( 1 + n + n * pods ))

# The kernel: the same setup script, then the same ping, in a sandbox.
k_up="n/a" k_mem="n/a" k_rate="n/a" k_rx=""
if [ "$(id -u)" -eq 0 ] && unshare -m -n true 2>/dev/null; then
  ktarget=10.244.$kn.$((pods + 1))
  unshare -m -n --propagation private bash -c "
    mkdir -p /run/netns; mount -t tmpfs tmpfs /run/netns
    kmem() { awk '/^(Slab|Percpu):/ { s += \$2 } END { print s }' /proc/meminfo; }
    m0=\$(kmem); t0=\$(date +%s.%N)
    bash '$tmp/setup.sh' $kn $pods > '$tmp/kernel_setup.out' 2>&1
    t1=\$(date +%s.%N); m1=\$(kmem)
    echo \"\$t0 \$t1 \$((m1 - m0))\" > '$tmp/kernel_times'
    ip netns exec host1-pod1 ping -f -q -c $kcount $ktarget > '$tmp/kernel_ping.out' 2>&1
  " 2>/dev/null
  if [ -s "$tmp/kernel_times" ]; then
    read -r kt0 kt1 kmem < "$tmp/kernel_times"
    k_up=$(sub "$kt1" "$kt0")
    k_mem=$((kmem / 1024))
    ms=$(sed -n 's/.*time \([0-9]*\)ms.*/\1/p' "$tmp/kernel_ping.out")
    k_rx=$(sed -n 's/.* \([0-9]*\) received.*/\1/p' "$tmp/kernel_ping.out")
    [ -n "$ms" ] && [ "$ms" -gt 0 ] && k_rate=$(( k_rx * 1000 / ms ))
  fi
  [ -s "$tmp/kernel_setup.out" ] && { echo "kernel setup printed:"; head -5 "$tmp/kernel_setup.out"; }
fi

echo "flannel-vxlan: skbox at $n hosts x $pods pods ($s_ns namespaces), kernel at $kn hosts x $pods pods"
printf "%-28s %14s %14s\n" "" skbox kernel
printf "%-28s %14s %14s\n" "bring-up (s)" "$s_up" "$k_up"
printf "%-28s %14s %14s\n" "memory (MiB)" "$((s_rss / 1024)) RSS" "$k_mem slab"
printf "%-28s %14s %14s\n" "pod-to-pod ping (rt/s)" "$s_rate" "$k_rate"
printf "%-28s %14s %14s\n" "  replies / sent" "${s_rx:-0}/$count" "${k_rx:-0}/$kcount"
