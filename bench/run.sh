#!/usr/bin/env bash
# ICMP echo round trips per second of wall time on one core, skbox vs the
# real kernel on the same topology, measured in the same run. The kernel side
# runs `ping -f` in a private network namespace sandbox (needs root).
set -u
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
count=${BENCH_COUNT:-200000}
kcount=${BENCH_KERNEL_COUNT:-100000}

kernel_setup() {  # the same commands as bench/topologies.h
  sed -n "/^inline constexpr const char\* k$1Script = R\"(/,/^)\";/p" "$here/topologies.h" | sed '1s/.*R"(//; $d'
}

kernel_rate() {  # topology size target
  local topo=$1 size=$2 target=$3
  unshare -m -n --propagation private bash -c "
    mkdir -p /run/netns 2>/dev/null; mount -t tmpfs tmpfs /run/netns
    $(kernel_setup "$topo")
    out=\$(ip netns exec a ping -f -q -c $kcount -s $size $target 2>&1)
    ms=\$(echo \"\$out\" | sed -n 's/.*time \([0-9]*\)ms.*/\1/p')
    rx=\$(echo \"\$out\" | sed -n 's/.* \([0-9]*\) received.*/\1/p')
    [ -n \"\$ms\" ] && [ \"\$ms\" -gt 0 ] && echo \$(( rx * 1000 / ms ))
  " 2>/dev/null
}

can_kernel=0
[ "$(id -u)" -eq 0 ] && unshare -m -n true 2>/dev/null && command -v ping >/dev/null && can_kernel=1

printf "%-8s %5s %16s %16s %8s\n" topology size "skbox rt/s" "kernel rt/s" ratio
for topo in Veth Router; do
  for size in 56 1400; do
    lt=$(echo "$topo" | tr A-Z a-z)
    target=10.0.0.2; [ "$topo" = Router ] && target=10.0.2.2
    s=$("$build/icmp_echo" "$lt" "$size" "$count" 2>/dev/null || echo 0)
    k="n/a"; r="n/a"
    if [ $can_kernel -eq 1 ]; then
      k=$(kernel_rate "$topo" "$size" "$target"); [ -z "$k" ] && k="n/a"
      [ "$k" != "n/a" ] && [ "$k" -gt 0 ] && r=$(awk -v a="$s" -v b="$k" 'BEGIN{printf "%.1fx", a/b}')
    fi
    printf "%-8s %5s %16s %16s %8s\n" "$lt" "$size" "$s" "$k" "$r"
  done
done

# Route lookup and update: skbox's fib trie, the compiled poptrie and DPDK's
# rte_lpm on the 2024 BGP table (see bench/fib_lookup.cpp for the options).
echo
echo "IPv4 route lookup (bench/fib_lookup ${BENCH_FIB_ARGS:-}):"
"$build/fib_lookup" ${BENCH_FIB_ARGS:-}

# 65507-byte UDP datagrams over an MTU-1500 veth pair: 45 fragments each,
# fragmented and reassembled, skbox vs the kernel (see bench/udp_frag.cpp).
echo
"$build/udp_frag" "${BENCH_UDP_FRAG_COUNT:-20000}"

# One-way 64-byte UDP forwarded by a router namespace with no rules, 100 and
# 10,000 non-matching FORWARD rules, conntrack, and conntrack + MASQUERADE,
# skbox vs the kernel (see bench/nf_forward.cpp; BENCH_NF_RULES sets the
# large ruleset's size).
echo
"$build/nf_forward" "${BENCH_NF_COUNT:-2000000}" "${BENCH_NF_SECONDS:-2}"

# A flannel (VXLAN) pod network at 100 hosts x 10 pods: bring-up time, memory
# and cross-host pod ping rate, skbox vs the kernel (see bench/flannel.sh).
echo
"$here/flannel.sh" "$build"
