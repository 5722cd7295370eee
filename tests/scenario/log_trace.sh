# TRACE: a ping walking h2's tables (raw PREROUTING and OUTPUT policies, a matched rule, a non-terminal MARK rule in a user chain, the chain's implicit return, the policy), MARK= once set, the reply's OUTPUT walk without UID (a kernel socket), -j TRACE outside raw refused, and -L/-S of TRACE
# oracle: hand-written
# The TRACE lines' expected output is derived by hand from Linux 6.18:
# ip_tables.c trace_packet names each entry that matched as
# table:chain:{rule|return|policy}:N (N counts from the chain's first rule;
# a built-in chain's policy is its last entry, a user chain's implicit
# RETURN "return"), logged before the entry's target runs, through
# nf_log_trace with LOG's default flags (nf_log_syslog.c: level 4, TCP
# sequence/options, IP options and UID, MARK= when skb->mark is set). On the
# test machine those lines reach the kernel log only with the host's
# net.netfilter.nf_log_all_netns=1, which must not be changed; the rest of
# the output was checked against the kernel in a sandbox namespace.
# Masked: ping's echo id (root's ping: its pid) and the IP id of the echo
# reply (built without DF: __ip_select_ident draws it).
. ./frag_lib.inc
mask() {
  local l w out prev
  while IFS= read -r l; do
    out=""; prev=""
    for w in $l; do
      case "$prev $w" in
        "CODE=0 ID="*) w="ID=<ping>" ;;
        "TTL="*" ID="*) case $l in *TYPE=0*) w="ID=<rnd>" ;; esac ;;
      esac
      out="$out$w "
      prev=$w
    done
    echo "$out"
  done
}
setup
ip -n h2 link set lo up
sysctl -qw net.netfilter.nf_log_all_netns=1
ip netns exec h2 iptables -t raw -A PREROUTING -p icmp -j TRACE
ip netns exec h2 iptables -t raw -A OUTPUT -p icmp -j TRACE
ip netns exec h2 iptables -N IN_ICMP
ip netns exec h2 iptables -A INPUT -s 10.0.0.9 -j DROP
ip netns exec h2 iptables -A INPUT -p icmp -j IN_ICMP
ip netns exec h2 iptables -A IN_ICMP -p icmp --icmp-type echo-request -j MARK --set-mark 0x1
ip netns exec h2 iptables -t raw -S
ip netns exec h2 iptables -t raw -L PREROUTING -n
echo "-- TRACE is a raw-table target"
ip netns exec h2 iptables -A INPUT -p icmp -j TRACE; echo "rc=$?"
dmesg -C
echo "-- a ping from h1"
ip netns exec h1 ping -c 1 -W 1 10.0.0.2 | grep "packet loss"
dmesg -t | grep "^TRACE: " | mask
echo "-- h2 pings itself over lo: OUTPUT with UID, then PREROUTING on lo"
dmesg -C
ip netns exec h2 ping -c 1 -W 1 10.0.0.2 | grep "packet loss"
dmesg -t | grep "^TRACE: " | mask
ip netns exec h2 iptables -L INPUT -n -v -x | grep -v "^Chain"
