# LOG target lines: ICMP echo in INPUT/OUTPUT, prefix, level (dmesg -x/-r), MAC= on input only, --log-macdecode, IP/TCP options and sequence numbers, --log-uid, UDP from nc, an ICMP error quoting the packet, fragments, nf_log_all_netns
# oracle: hand-written
# The LOG lines' expected output is derived by hand from the kernel's log
# format (Linux 6.18 net/netfilter/nf_log_syslog.c: nf_log_dump_packet_common,
# dump_mac_header, dump_ipv4_packet, nf_log_dump_tcp_header,
# nf_log_dump_udp_header, nf_log_dump_sk_uid_gid) applied to the packets
# each step sends: on the test machine LOG lines from the oracle's
# namespace reach the kernel log only with the host's
# net.netfilter.nf_log_all_netns=1, which must not be changed. Everything
# else the script prints was checked against the kernel by running the
# script in a sandbox namespace (where the LOG lines are missing and
# nf_log_all_netns does not exist: it is an init_net sysctl).
# Values Linux draws at random are masked (see klog): ping's echo id (its
# pid: root's ping uses a raw socket), the IP id of packets the kernel
# builds without DF (echo replies, ICMP errors: __ip_select_ident) and of
# a connected UDP socket's datagrams (inet_id starts at random).
. ./frag_lib.inc
cd /tmp
# mask: the values Linux draws at random, word by word: an echo's id
# (TYPE=0/8 CODE=0 ID=), the IP id of nc's datagrams (sent from port 4000,
# DF), and the outer IP id of packets the kernel builds without DF (the
# lines logged with the prefixes "h2 out: ", "h1 in: " and "root: ").
mask() {
  local l a n i w p1 p2 n1 out kern
  while IFS= read -r l; do
    a=($l)
    n=${#a[@]}
    case $l in "h2 out: "* | "h1 in: "* | "root: "*) kern=1 ;; *) kern=0 ;; esac
    out=""
    i=0
    while [ $i -lt $n ]; do
      w=${a[$i]}
      p2=""; p1=""
      [ $i -ge 2 ] && p2=${a[$((i - 2))]}
      [ $i -ge 1 ] && p1=${a[$((i - 1))]}
      n1=${a[$((i + 1))]}
      case $w in
        ID=*)
          if [ "$p1" = CODE=0 ] && [ "$p2" = TYPE=0 -o "$p2" = TYPE=8 ]; then
            w="ID=<ping>"
          else
            case "$p1 $n1" in
              "TTL="*" DF")
                [ "${a[$((i + 2))]} ${a[$((i + 3))]}" = "PROTO=UDP SPT=4000" ] && w="ID=<rnd>"
                kern=0 ;;
              "TTL="*" PROTO="*)
                [ $kern = 1 ] && w="ID=<rnd>"
                kern=0 ;;
              "TTL="*) kern=0 ;;
            esac
          fi
          ;;
      esac
      out="$out$w "
      i=$((i + 1))
    done
    echo "$out"
  done
}
# The netfilter lines logged since the last call, masked.
seen=0
klog() {
  dmesg -t | grep -E 'IN=[^ ]* OUT=' > log_basic.klog
  tail -n +$((seen + 1)) log_basic.klog | mask
  seen=$(wc -l < log_basic.klog)
}
# h1 (veth1 02:00:00:00:00:01, 10.0.0.1) -- h2 (eth0 02:00:00:00:00:02, 10.0.0.2)
setup
ip netns exec h2 iptables -A INPUT -p icmp -j LOG
ip netns exec h2 iptables -A OUTPUT -p icmp -j LOG --log-prefix "h2 out: " --log-level info
ip netns exec h2 iptables -S
echo "-- nf_log_all_netns=0: nothing from other namespaces"
sysctl net.netfilter.nf_log_all_netns
ip netns exec h2 sysctl net.netfilter.nf_log_all_netns; echo "rc=$?"
ip netns exec h1 ping -c 1 10.0.0.2 | grep ttl
klog
echo "-- nf_log_all_netns=1"
sysctl -w net.netfilter.nf_log_all_netns=1
ip netns exec h1 ping -c 1 10.0.0.2 | grep ttl
klog
echo "-- levels: default warning (4), info (6)"
dmesg -x -t | grep -E ' OUT=' | tail -n 2 | cut -d' ' -f1-9
dmesg -r | grep -E ' OUT=' | tail -n 2 | cut -c1-3
echo "-- --log-macdecode, --log-level by name"
ip netns exec h2 iptables -R INPUT 1 -p icmp -j LOG --log-macdecode --log-level debug --log-prefix "in: "
ip netns exec h1 ping -c 1 10.0.0.2 | grep ttl
klog
dmesg -x -t | grep -E ' OUT=' | tail -n 2 | cut -d' ' -f1-5
echo "-- a crafted TCP SYN with IP options, answered by REJECT --reject-with tcp-reset"
ip netns exec h2 iptables -F
ip netns exec h2 iptables -A INPUT -p tcp -j LOG --log-prefix "syn: " --log-ip-options --log-tcp-sequence --log-tcp-options
ip netns exec h2 iptables -A INPUT -p tcp -j REJECT --reject-with tcp-reset
ip netns exec h2 iptables -A OUTPUT -p tcp -j LOG --log-prefix "rst: " --log-tcp-sequence --log-tcp-options
ip netns exec h2 iptables -A INPUT -p udp -j LOG --log-prefix "udp in: " --log-ip-options
ip netns exec h2 iptables -A OUTPUT -p icmp -j LOG --log-prefix "h2 out: "
ip netns exec h1 iptables -A INPUT -p icmp -j LOG --log-prefix "h1 in: "
ip netns exec h1 iptables -A OUTPUT -p udp -j LOG --log-prefix "uid: " --log-uid
# 10.0.0.1:40000 -> 10.0.0.2:80, seq 16909060, window 64240, options MSS
# 1460, SACK permitted, timestamps, NOP, window scale 7; IP options NOP
# NOP NOP EOL (ihl 6).
words() {
  local w=""
  while [ $# -ge 2 ]; do w="$w 0x$1$2"; shift 2; done
  echo $w
}
tcpopts="02 04 05 b4 04 02 08 0a 00 00 00 01 00 00 00 00 01 03 03 07"
tcph="9c 40 00 50 01 02 03 04 00 00 00 00 a0 02 fa f0"
tc=$(csum 0x0a00 0x0001 0x0a00 0x0002 6 40 $(words $tcph 00 00 00 00 $tcpopts))
ic=$(csum 0x4600 64 0x1234 0x4000 0x4006 0x0a00 0x0001 0x0a00 0x0002 0x0101 0x0100)
dump 02 00 00 00 00 02 02 00 00 00 00 01 08 00 46 00 00 40 12 34 40 00 40 06 $(hex16 $ic) \
  0a 00 00 01 0a 00 00 02 01 01 01 00 $tcph $(hex16 $tc) 00 00 $tcpopts > log_basic_syn.txt
send log_basic_syn.txt
klog
echo "-- --log-uid on nc's datagram, the port unreachable it gets, both sides"
echo hi | ip netns exec h1 nc -u -q0 -p 4000 10.0.0.2 5000; echo "rc=$?"
klog
echo "-- fragments before reassembly (raw PREROUTING), the datagram after (INPUT)"
ip netns exec h2 iptables -t raw -A PREROUTING -p udp -j LOG --log-prefix "frag: "
# UDP 5001 -> 5001, 16 bytes of data (no checksum), cut after 8 of them.
{
  frag 0x0101 0x2000 17 13 89 13 89 00 18 00 00 $(bytes 8 ab)
  frag 0x0101 0x0002 17 $(bytes 8 ab)
} > log_basic_frag.txt
send log_basic_frag.txt
klog
echo "-- the initial namespace logs whatever nf_log_all_netns says"
sysctl -w net.netfilter.nf_log_all_netns=0
ip netns exec h1 ping -c 1 10.0.0.2 | grep ttl
ip link set lo up
iptables -A OUTPUT -o lo -p icmp -j LOG --log-prefix "root: "
iptables -A INPUT -i lo -p icmp -j LOG --log-prefix "root: " --log-macdecode
ping -c 1 127.0.0.1 | grep ttl
klog
