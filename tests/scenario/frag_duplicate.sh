# Duplicate fragments are dropped alone (the datagram still completes); a piece spanning two runs is an overlap.
. ./frag_lib.inc
cd /tmp
setup
# Same piece twice, then the rest: one reply, no failure.
{
  frag 0x0301 0x2000 1 $(echo_hdr 1 0xabab 24) $(bytes 8 ab)
  frag 0x0301 0x2000 1 $(echo_hdr 1 0xabab 24) $(bytes 8 ab)
  frag 0x0301 0x0002 1 $(bytes 16 ab)
} > dup.txt
send dup.txt
counters h2
# Pieces [8,16) and [16,24) arrive in order (one run), then [0,8), then
# [8,24) again: wholly inside the first run, a duplicate.
{
  frag 0x0302 0x2001 1 $(bytes 8 ab)
  frag 0x0302 0x2002 1 $(bytes 8 ab)
  frag 0x0302 0x2001 1 $(bytes 16 ab)
  frag 0x0302 0x2000 1 $(echo_hdr 2 0xabab 24)
  frag 0x0302 0x0003 1 $(bytes 8 ab)
} > run.txt
send run.txt
counters h2
# Pieces [16,24) then [8,16) (two runs, not merged), then [8,24): an overlap.
{
  frag 0x0303 0x2002 1 $(bytes 8 ab)
  frag 0x0303 0x2001 1 $(bytes 8 ab)
  frag 0x0303 0x2001 1 $(bytes 16 ab)
} > runs.txt
send runs.txt
counters h2
