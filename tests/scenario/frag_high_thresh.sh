# ipfrag_high_thresh: over it no queue is found or made (ReasmFails), queue + truesize accounting, 0 refuses all; threshold bounds.
. ./frag_lib.inc
cd /tmp
setup
ip netns exec h2 sysctl net.ipv4.ipfrag_high_thresh net.ipv4.ipfrag_low_thresh
ip netns exec h2 sysctl -w net.ipv4.ipfrag_high_thresh=100
echo "rc=$?"
ip netns exec h2 sysctl -w net.ipv4.ipfrag_low_thresh=5000000
echo "rc=$?"
ip netns exec h2 sysctl -qw net.ipv4.ipfrag_low_thresh=0
# One queue holding one small fragment costs 200 + 832 bytes.
ip netns exec h2 sysctl -w net.ipv4.ipfrag_high_thresh=1032
for id in 1 2 3; do
  frag $((0x0700 + id)) 0x2000 1 $(echo_hdr $id 0xabab 24) $(bytes 8 ab) > first$id.txt
  frag $((0x0700 + id)) 0x0002 1 $(bytes 16 ab) > last$id.txt
done
send first1.txt
send first2.txt
send first3.txt
ip netns exec h2 grep -E '^Ip:' /proc/net/snmp | cut -d' ' -f15-17
# Over the threshold even a queue that exists takes nothing.
send last1.txt
ip netns exec h2 grep -E '^Ip:' /proc/net/snmp | cut -d' ' -f15-17
ip netns exec h2 sysctl -qw net.ipv4.ipfrag_high_thresh=4194304
send last1.txt
ip netns exec h2 grep -E '^Ip:' /proc/net/snmp | cut -d' ' -f15-17
# One queue left (1032 bytes): 1031 refuses, 1032 accepts.
ip netns exec h2 sysctl -qw net.ipv4.ipfrag_high_thresh=1031
send last2.txt
ip netns exec h2 grep -E '^Ip:' /proc/net/snmp | cut -d' ' -f15-17
ip netns exec h2 sysctl -qw net.ipv4.ipfrag_high_thresh=1032
send last2.txt
ip netns exec h2 grep -E '^Ip:' /proc/net/snmp | cut -d' ' -f15-17
ip netns exec h2 sysctl -qw net.ipv4.ipfrag_high_thresh=0
send first3.txt
send last3.txt
counters h2
counters h1
