# Ping of death: fragments adding up to more than 65535 bytes are dropped at reassembly (ReasmFails); 65535 exactly is delivered.
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
# bigfrag ID FLAGS_OFFSET LEN: a fragment with LEN zero bytes of payload, one
# header line then 16-byte lines.
bigfrag() {
  local id=$1 fo=$2 len=$3
  local tot=$((20 + len))
  local c=$(csum 0x4500 $tot $id $fo 0x4001 0x0a00 0x0001 0x0a00 0x0002)
  echo "000000 02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00 $(hex16 $tot) $(hex16 $id) $(hex16 $fo) 40 01 $(hex16 $c) 0a 00 00 01 0a 00 00 02"
  local off=34 end=$((34 + len))
  while [ $((off + 16)) -le $end ]; do
    printf '%06x 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n' $off
    off=$((off + 16))
  done
  if [ $off -lt $end ]; then printf '%06x %s\n' $off "$(bytes $((end - off)) 00)"; fi
}
setup
# pod ID LASTLEN: 44 pieces of 1480 bytes, then a last one of LASTLEN at 65120.
pod() {
  local i=0
  while [ $i -lt 44 ]; do
    bigfrag $1 $((0x2000 + i * 185)) 1480
    i=$((i + 1))
  done
  bigfrag $1 8140 $2
}
pod 0x0501 395 > fit.txt
send fit.txt
counters h2
ip netns exec h2 grep -E '^Icmp:' /proc/net/snmp | cut -d' ' -f2-4
pod 0x0502 400 > over.txt
send over.txt
counters h2
ip -n h2 -s link show eth0 | tail -4
