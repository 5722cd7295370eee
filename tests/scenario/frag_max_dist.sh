# ipfrag_max_dist: a queue left behind by more than max_dist fragments of its source restarts (ReasmFails); 0 turns it off.
. ./frag_lib.inc
cd /tmp
setup
ip netns exec h2 sysctl net.ipv4.ipfrag_max_dist
ip netns exec h2 sysctl -w net.ipv4.ipfrag_max_dist=-1
echo "rc=$?"
ip netns exec h2 sysctl -qw net.ipv4.ipfrag_max_dist=2
# dist ID FILLER: first piece of ID, FILLER pieces of other datagrams, last piece, first again.
dist() {
  local i=0
  {
    frag $1 0x2000 1 $(echo_hdr 1 0xabab 24) $(bytes 8 ab)
    while [ $i -lt $2 ]; do
      frag $(($1 + 0x100 + i)) 0x0004 1 $(bytes 8 ab)
      i=$((i + 1))
    done
    frag $1 0x0002 1 $(bytes 16 ab)
  } > dist.txt
  send dist.txt
  ip netns exec h2 grep -E '^Ip:' /proc/net/snmp | cut -d' ' -f15-17
}
dist 0x0801 1
dist 0x0802 2
# The queue restarted with the last piece: the first one completes it.
{ frag 0x0802 0x2000 1 $(echo_hdr 1 0xabab 24) $(bytes 8 ab); } > again.txt
send again.txt
ip netns exec h2 grep -E '^Ip:' /proc/net/snmp | cut -d' ' -f15-17
ip netns exec h2 sysctl -qw net.ipv4.ipfrag_max_dist=0
dist 0x0803 5
counters h2
