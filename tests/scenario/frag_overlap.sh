# Teardrop-style overlapping fragments kill the queue (ReasmOverlaps, ReasmFails); an overlap at the tail too.
. ./frag_lib.inc
cd /tmp
setup
# Classic teardrop: [0,24) then [16,24+) overlapping its end; then the rest never helps.
{
  frag 0x0201 0x2000 1 $(echo_hdr 1 0xabab 32) $(bytes 16 ab)
  frag 0x0201 0x0002 1 $(bytes 24 ab)
} > tear.txt
send tear.txt
counters h2
# The queue is gone: a correct final piece starts a new one that never completes.
{ frag 0x0201 0x0005 1 $(bytes 16 ab); } > rest.txt
send rest.txt
ip netns exec h2 grep -E '^Ip:' /proc/net/snmp | cut -d' ' -f15-17
# An overlap before the tail (found by the search, not the append path).
{
  frag 0x0202 0x0004 1 $(bytes 8 ab)
  frag 0x0202 0x2000 1 $(echo_hdr 2 0xabab 32) $(bytes 8 ab)
  frag 0x0202 0x2001 1 $(bytes 16 ab)
} > mid.txt
send mid.txt
counters h2
