# Reassembly of crafted ICMP echo fragments: in order, out of order, three pieces; the replies come back.
. ./frag_lib.inc
cd /tmp
setup
# Echo request id 1: 8-byte header + 24 bytes, cut at 16 (in order).
{
  frag 0x0101 0x2000 1 $(echo_hdr 1 0xabab 24) $(bytes 8 ab)
  frag 0x0101 0x0002 1 $(bytes 16 ab)
} > inorder.txt
send inorder.txt
counters h2
# Echo request id 2 in three pieces, last first, then first, then middle.
{
  frag 0x0102 0x0004 1 $(bytes 8 cd)
  frag 0x0102 0x2000 1 $(echo_hdr 2 0xcdcd 32) $(bytes 8 cd)
  frag 0x0102 0x2002 1 $(bytes 16 cd)
} > reorder.txt
send reorder.txt
counters h2
counters h1
# The same id again starts a new datagram once the first completed.
send reorder.txt
ip netns exec h2 grep -E '^Ip:' /proc/net/snmp | cut -d' ' -f15-17
ip -n h2 -s link show eth0 | tail -4
