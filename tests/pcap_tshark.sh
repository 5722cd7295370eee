#!/usr/bin/env bash
# skbox's pcap files read by another dissector: runs examples/flannel-vxlan.sh
# (2 hosts x 1 pod) in skbox, captures a cross-host ping on host1's underlay
# eth0 (VXLAN in UDP 8472) and on the pod's eth0, exports both files with
# `cat` to skbox's stdout, and has tshark decode them. Checks: no malformed
# packet or bad checksum; the outer headers are flannel's (192.168.0.1 <->
# 192.168.0.2, UDP 8472, VNI 1); the inner frames run between the two VTEP
# MACs and carry the same IP/ICMP packets the pod sent and received (TTL one
# lower after host forwarding). When this machine can, the same capture is
# taken on the real kernel and its decode compared too.
#   tests/pcap_tshark.sh [SKBOX]
set -u
skbox=$(realpath "${1:-build/skbox}")
root=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v tshark >/dev/null; then
  echo "SKIP: pcap_tshark: tshark is not installed (scripts/bootstrap installs it)"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: pcap_tshark: $*"; fail=$((fail + 1)); }

# The capture script: a plain shell script, run by skbox (files stay in
# skbox's memory until `cat` exports one) or by bash on the real kernel.
# $1 = which file to print on stdout, $2 = where to write the captures.
cat > "$tmp/capture.sh" <<'EOF'
which=$1
dir=${2:-/tmp}
bash examples/flannel-vxlan.sh 2 1 > /dev/null
# Forget the underlay neighbour so the capture shows ARP on eth0 as well.
ip -n host1 neigh flush dev eth0
ip netns exec host1 tcpdump -i eth0 -w $dir/underlay.pcap 2> /dev/null &
ip netns exec host1-pod1 tcpdump -i eth0 -w $dir/pod.pcap 2> /dev/null &
sleep 2
ip netns exec host1-pod1 ping -c 3 -i 0.2 10.244.2.2 > /dev/null
sleep 1
kill %1 %2
wait
cat $dir/$which.pcap
EOF

# tshark warns on stderr when run as root; its exit status says whether the
# file could be read to the end.
tsh() { tshark -r "$1" -d udp.port==8472,vxlan -o ip.check_checksum:TRUE "${@:2}" 2>/dev/null; }

# check NAME DIR: the checks on DIR/underlay.pcap and DIR/pod.pcap.
check() {
  local name=$1 d=$2 fail0=$fail
  for f in underlay pod; do
    [ -s "$d/$f.pcap" ] || { bad "$name: $f.pcap is empty"; return; }
    tsh "$d/$f.pcap" > /dev/null || bad "$name: tshark cannot read $f.pcap to its end"
    local m
    m=$(tsh "$d/$f.pcap" -Y '_ws.malformed || _ws.expert.severity == error || ip.checksum.status == 0 || icmp.checksum.status == 0')
    [ -n "$m" ] && bad "$name: $f.pcap has malformed packets or bad checksums:" && echo "$m"
  done
  # Outer headers (first occurrence of each field) of the tunnelled ICMP.
  local outer
  outer=$(tsh "$d/underlay.pcap" -Y 'vxlan && icmp' -T fields -E occurrence=f -e ip.src -e ip.dst -e udp.dstport -e vxlan.vni | sort | uniq -c | sed 's/^ *//')
  [ "$outer" = "$(printf '3 192.168.0.1\t192.168.0.2\t8472\t1\n3 192.168.0.2\t192.168.0.1\t8472\t1')" ] ||
    { bad "$name: outer headers:"; echo "$outer"; }
  # The source port comes from the inner flow's hash, inside the local port
  # range (vxlan's default port_min/port_max: 32768..60999).
  local sports
  sports=$(tsh "$d/underlay.pcap" -Y 'vxlan' -T fields -E occurrence=f -e udp.srcport | sort -u | tr '\n' ' ')
  for p in $sports; do
    [ "$p" -ge 32768 ] && [ "$p" -le 60999 ] || bad "$name: outer UDP source port $p outside 32768..60999"
  done
  # Inner frames (last occurrence): Ethernet between the two VTEPs, TTL 63.
  local inner
  inner=$(tsh "$d/underlay.pcap" -Y 'vxlan && icmp' -T fields -E occurrence=l -e eth.src -e eth.dst -e ip.ttl -e icmp.type | sort | uniq -c | sed 's/^ *//')
  [ "$inner" = "$(printf '3 02:f1:00:00:00:01\t02:f1:00:00:00:02\t63\t8\n3 02:f1:00:00:00:02\t02:f1:00:00:00:01\t63\t0')" ] ||
    { bad "$name: inner Ethernet/TTL:"; echo "$inner"; }
  # The inner IP/ICMP packets are the pod's, byte for byte above the TTL.
  local fields=(-e ip.src -e ip.dst -e ip.id -e ip.len -e icmp.type -e icmp.code -e icmp.ident -e icmp.seq -e data.data)
  tsh "$d/underlay.pcap" -Y 'vxlan && icmp' -T fields -E occurrence=l "${fields[@]}" > "$d/inner.txt"
  tsh "$d/pod.pcap" -Y icmp -T fields "${fields[@]}" > "$d/pod.txt"
  [ "$(wc -l < "$d/pod.txt")" -eq 6 ] || bad "$name: pod capture has $(wc -l < "$d/pod.txt") ICMP packets, not 6"
  diff "$d/pod.txt" "$d/inner.txt" > "$d/diff.txt" || { bad "$name: inner packets differ from the pod's:"; cat "$d/diff.txt"; }
  # ARP for the remote VTEP's underlay address travels unencapsulated.
  tsh "$d/underlay.pcap" -Y 'arp.opcode == 2 && (arp.src.proto_ipv4 == 192.168.0.1 || arp.src.proto_ipv4 == 192.168.0.2)' |
    grep -q . || bad "$name: no ARP reply between the hosts on the underlay"
  # The outer UDP checksum is only reported: Linux computes it by default
  # (no `noudpcsum`), but a capture on veth sees the offloaded partial sum,
  # which tshark calls bad (0=bad 1=good 2=unverified 3=zero, not present).
  echo "note: pcap_tshark: $name: outer UDP checksum status (count status): $(tsh "$d/underlay.pcap" -Y vxlan -o udp.check_checksum:TRUE -T fields -E occurrence=f -e udp.checksum.status | sort | uniq -c | tr -s ' \n' ' ')"
  [ $fail -eq $fail0 ] && echo "ok: pcap_tshark: $name: $(tsh "$d/underlay.pcap" | wc -l) underlay + $(tsh "$d/pod.pcap" | wc -l) pod packets decode cleanly as VXLAN/ICMP"
}

mkdir "$tmp/skbox"
cd "$root"
for f in underlay pod; do
  "$skbox" run "$tmp/capture.sh" $f > "$tmp/skbox/$f.pcap" || bad "skbox run failed for $f"
done
check skbox "$tmp/skbox"

# The kernel's own capture of the same script, when this machine allows.
if [ "$(id -u)" -eq 0 ] && unshare -m -n true 2>/dev/null && command -v tcpdump >/dev/null; then
  mkdir "$tmp/kernel"
  unshare -m -n --propagation private bash -c "mkdir -p /run/netns; mount -t tmpfs tmpfs /run/netns;
    bash '$tmp/capture.sh' underlay '$tmp/kernel'" > /dev/null 2>&1
  check kernel "$tmp/kernel"
  # Same decoded inner packets on both, up to what differs by design: IP ids
  # and the ICMP echo identifier (random/pid on Linux); the payload bytes
  # after ping's timestamp must match
  # (ping's 16-byte timeval: tshark shows the first 8 bytes as the time,
  # the next 8 lead data.data).
  for n in skbox kernel; do
    awk -F'\t' -v OFS='\t' '{ print $1, $2, $4, $5, $6, $8, substr($9, 17) }' "$tmp/$n/inner.txt" > "$tmp/$n/cmp.txt"
  done
  if diff "$tmp/kernel/cmp.txt" "$tmp/skbox/cmp.txt" > /dev/null; then
    echo "ok: pcap_tshark: skbox's tunnelled packets decode as the kernel's do"
  else
    bad "skbox and kernel inner packets differ:"; diff "$tmp/kernel/cmp.txt" "$tmp/skbox/cmp.txt"
  fi
else
  echo "SKIP: pcap_tshark: kernel comparison (needs root and unshare)"
fi
[ $fail -eq 0 ]
