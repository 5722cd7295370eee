# u32: matching the ICMP type, the UDP port and a word past the end through a router (counters); -L/-S text and every parse error
. ./router_lib.inc
router_topo
ip netns exec r iptables -A FORWARD -m u32 --u32 "0>>22&0x3C@100=0:0xffffffff"
ip netns exec r iptables -A FORWARD -m u32 --u32 "6&0xFF=1&&0>>22&0x3C@0>>24=0"
ip netns exec r iptables -A FORWARD -m u32 --u32 "6 & 0xFF = 1 && 0 >> 22 & 0x3C @ 0 >> 24 = 8" -j DROP
ip netns exec r iptables -A FORWARD -m u32 ! --u32 "6&0xFF=17&&0>>22&0x3C@0&0xFFFF=5000,5001:5003" -j ACCEPT
ip netns exec r iptables -A FORWARD -m u32 --u32 "0>>28=4" -j DROP
ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.0.2.2 | grep packets
ip netns exec h1 ping -c 1 -s 200 -W 1 10.0.2.2 | grep packets
echo hi | ip netns exec h1 nc -u -w 1 10.0.2.2 5002
echo hi | ip netns exec h1 nc -u -w 1 10.0.2.2 5009
ip netns exec r iptables -L FORWARD -n -v -x | tail -n +2
ip netns exec r iptables -D FORWARD 3
ip netns exec h1 ping -c 1 -W 1 10.0.2.2 | grep packets
ip netns exec r iptables -L FORWARD -n -v -x | tail -n +2
ip netns exec r iptables -N U
for u in "0>>22&0x3C@4>>16=0:0xFFFF" "6&0xFF=1&&0>>22&0x3C@0>>24=8:010,0x0" "0<<3=5" " 0x10 = +1 " "0&1&2&3&4&5&6&7&8&9=1" "0=1,2,3,4,5,6,7,8,9,10" "0=1&&0=1&&0=1&&0=1&&0=1&&0=1&&0=1&&0=1&&0=1&&0=1"; do
  ip netns exec r iptables -A U -m u32 --u32 "$u"
done
ip netns exec r iptables -A U -m u32 ! --u32 "0 >> 28 = 4 && 8 & 0xFF0000 >> 16 = 6, 17"
ip netns exec r iptables -L U
ip netns exec r iptables -S U
ip netns exec r iptables -A U -m u32
echo "rc=$?"
for u in "" "0" "0=" "=1" "0<3=1" "0>3=1" "0 x 3=1" "0=1&2=3" "0=&&2=3" "0=1 2" "0=x" "y=1" "0=1:" "0=4294967296" "0&1&2&3&4&5&6&7&8&9&10=1" "0=1,2,3,4,5,6,7,8,9,10,11" "0=1&&0=1&&0=1&&0=1&&0=1&&0=1&&0=1&&0=1&&0=1&&0=1&&0=1" "0=1&&" "0=-1"; do
  ip netns exec r iptables -A U -m u32 --u32 "$u"
  echo "rc=$?"
done
ip netns exec r iptables -A U -m u32 --u32 "0=1" --u32 "0=2"
echo "rc=$?"
