# Reassembly timeout: ICMP time exceeded only when the first fragment came; ipfrag_time; counters.
. ./frag_lib.inc
cd /tmp
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
