# Ping of death: fragments adding up to more than 65535 bytes are dropped at reassembly (ReasmFails); 65535 exactly is delivered.
. ./frag_lib.inc
cd /tmp
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
