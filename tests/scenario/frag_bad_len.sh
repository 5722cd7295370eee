# Malformed fragments: a tiny non-final piece, a second different end, data past the end: the queue dies (ReasmFails).
. ./frag_lib.inc
cd /tmp
setup
# A non-final piece shorter than 8 bytes holds nothing.
{ frag 0x0901 0x2000 1 08 00 00 00; } > tiny.txt
send tiny.txt
ip netns exec h2 grep -E '^Ip:' /proc/net/snmp | cut -d' ' -f15-17
# Two final pieces that disagree on the end.
{
  frag 0x0902 0x0002 1 $(bytes 16 ab)
  frag 0x0902 0x0003 1 $(bytes 16 ab)
} > ends.txt
send ends.txt
ip netns exec h2 grep -E '^Ip:' /proc/net/snmp | cut -d' ' -f15-17
# A non-final piece beyond the known end.
{
  frag 0x0903 0x0002 1 $(bytes 16 ab)
  frag 0x0903 0x2004 1 $(bytes 16 ab)
} > past.txt
send past.txt
ip netns exec h2 grep -E '^Ip:' /proc/net/snmp | cut -d' ' -f15-17
# A non-final piece of 12 bytes keeps 8; the datagram still completes.
{
  frag 0x0904 0x2000 1 $(echo_hdr 4 0xabab 16) $(bytes 4 ab)
  frag 0x0904 0x2001 1 $(bytes 12 ab)
  frag 0x0904 0x0002 1 $(bytes 8 ab)
} > odd.txt
send odd.txt
counters h2
