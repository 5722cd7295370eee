# Reassembly timeout: ICMP time exceeded only when the first fragment came; ipfrag_time; counters.
cd /tmp
# od -Ax -tx1 style dump of the bytes given as hex words.
dump() {
  local off=0 n=0 line="" b
  for b in "$@"; do
    [ $n -eq 0 ] && line=$(printf '%06x' $off)
    line="$line $b"
    n=$((n + 1))
    off=$((off + 1))
    if [ $n -eq 16 ]; then echo "$line"; n=0; fi
  done
  if [ $n -gt 0 ]; then echo "$line"; fi
}
# The Internet checksum of 16-bit words.
csum() {
  local s=0 w
  for w in "$@"; do s=$((s + w)); done
  while [ $((s >> 16)) -ne 0 ]; do s=$(((s & 0xffff) + (s >> 16))); done
  echo $((~s & 0xffff))
}
hex16() { printf '%02x %02x' $(($1 >> 8)) $(($1 & 255)); }
# frag ID FLAGS_OFFSET PROTO BYTE...: an Ethernet frame 02:00:00:00:00:01 ->
# 02:00:00:00:00:02 with an IPv4 fragment 10.0.0.1 -> 10.0.0.2 (offset in
# 8-byte units; MF is 0x2000).
frag() {
  local id=$1 fo=$2 proto=$3
  shift 3
  local tot=$((20 + $#))
  local c=$(csum 0x4500 $tot $id $fo $((0x4000 | proto)) 0x0a00 0x0001 0x0a00 0x0002)
  dump 02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00 $(hex16 $tot) $(hex16 $id) $(hex16 $fo) \
    40 $(printf '%02x' $proto) $(hex16 $c) 0a 00 00 01 0a 00 00 02 "$@"
}
# bytes N HEX: N copies of one byte.
bytes() {
  local i=0
  while [ $i -lt $1 ]; do printf '%s ' $2; i=$((i + 1)); done
}
# echo_hdr ID DATA_WORD DATA_LEN: an ICMP echo request header whose data is
# DATA_LEN bytes (even) of the 16-bit DATA_WORD repeated.
echo_hdr() {
  local words="" i=0
  while [ $i -lt $(($3 / 2)) ]; do words="$words $2"; i=$((i + 1)); done
  local c=$(csum 0x0800 $1 0x0001 $words)
  echo 08 00 $(hex16 $c) $(hex16 $1) 00 01
}
# send FILE: frames (hexdump) -> pcap -> out of h1's veth1.
send() {
  text2pcap -q $1 $1.pcap 2>/dev/null
  ip netns exec h1 tcpreplay -q -i veth1 $1.pcap >/dev/null
}
setup() {
  for ns in h1 h2; do
    ip netns add $ns
    ip netns exec $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  done
  ip link add veth1 netns h1 type veth peer name eth0 netns h2
  ip -n h1 link set veth1 address 02:00:00:00:00:01
  ip -n h2 link set eth0 address 02:00:00:00:00:02
  ip -n h1 addr add 10.0.0.1/24 dev veth1
  ip -n h2 addr add 10.0.0.2/24 dev eth0
  ip -n h1 link set veth1 up
  ip -n h2 link set eth0 up
  ip -n h2 neigh add 10.0.0.1 lladdr 02:00:00:00:00:01 dev eth0
}
counters() {
  ip netns exec $1 grep -E '^Ip:' /proc/net/snmp | cut -d' ' -f4,10,14-17
  ip netns exec $1 grep -E '^IpExt:' /proc/net/netstat | cut -d' ' -f19
  ip netns exec $1 grep -E '^Icmp:' /proc/net/snmp | cut -d' ' -f6,10,11,16,21,26
}
setup
{
  frag 0x0601 0x2000 1 $(echo_hdr 1 0xabab 24) $(bytes 8 ab)
  frag 0x0602 0x0002 1 $(bytes 16 ab)
} > half.txt
send half.txt
# The queue's timer_list is rounded up to the wheel's granularity (up to
# 2 s at 30 s): look before 30 s and after 32.
sleep 29
counters h2
sleep 4
counters h2
counters h1
ip netns exec h2 sysctl net.ipv4.ipfrag_time
ip netns exec h2 sysctl -w net.ipv4.ipfrag_time=5
{ frag 0x0603 0x2000 1 $(echo_hdr 3 0xabab 24) $(bytes 8 ab); } > third.txt
send third.txt
sleep 4
ip netns exec h2 grep -E '^Ip:' /proc/net/snmp | cut -d' ' -f14-17
sleep 2
ip netns exec h2 grep -E '^Ip:' /proc/net/snmp | cut -d' ' -f14-17
counters h1
