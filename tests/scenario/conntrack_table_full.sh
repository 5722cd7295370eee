# nf_conntrack_max reached: a router's new flows are dropped ("nf_conntrack: nf_conntrack: table full, dropping packet", conntrack -S drop), established ones keep flowing, the limit is global but counted per namespace, and raising it lets new flows in
# oracle: hand-written
# Why hand-written: net.netfilter.nf_conntrack_max is a global that only the
# initial namespace may write (0444 elsewhere), and the oracle runs in a
# sandbox namespace and never changes host settings. Everything but the
# write (and so the drops) was checked against the kernel in the sandbox.
# Expected output from Linux 6.18 nf_conntrack_core.c: __nf_conntrack_alloc
# compares the namespace's own count with the global max and, when
# early_drop (8 buckets from the new tuple's, of 262144) finds nothing to
# evict, warns (net_warn_ratelimited: 10 per 5 s, the pr_fmt prefix doubles
# "nf_conntrack: ") and nf_conntrack_in drops the packet counting `drop`.
. ./router_lib.inc
router_topo
ip netns add other
ip netns exec r iptables -A FORWARD -m conntrack --ctstate NEW -j ACCEPT
ip netns exec other iptables -A INPUT -m conntrack --ctstate NEW -j ACCEPT
sysctl -w net.netfilter.nf_conntrack_max=2
ip netns exec r sysctl net.netfilter.nf_conntrack_max
ip netns exec r sysctl -w net.netfilter.nf_conntrack_max=5
dmesg -C
echo "== two UDP flows fill the table"
ip netns exec h2 nc -u -l -k -p 7000 > /tmp/ct_full_h2 &
sleep 0.2
echo a | ip netns exec h1 nc -u -w 0 -p 4001 10.0.2.2 7000
echo b | ip netns exec h1 nc -u -w 0 -p 4002 10.0.2.2 7000
ip netns exec r conntrack -C
ip netns exec r sysctl net.netfilter.nf_conntrack_count
echo "== a third flow and a ping are dropped at the router"
echo c | ip netns exec h1 nc -u -w 0 -p 4003 10.0.2.2 7000
ip netns exec h1 ping -c 1 -W 1 10.0.2.2 | grep "packet loss"
ip netns exec r conntrack -C
dmesg -t
echo "== the first flow still passes (its entry exists)"
echo a2 | ip netns exec h1 nc -u -w 0 -p 4001 10.0.2.2 7000
ip netns exec r iptables -L FORWARD -n -v -x | grep -v "^Chain"
echo "== drops per CPU, summed"
s=0
for d in $(ip netns exec r conntrack -S | tr ' ' '\n' | grep "^drop=" | cut -d= -f2); do s=$((s + d)); done
echo "drop=$s"
echo "== another namespace counts its own entries against the same max"
ip -n other link set lo up
ip netns exec other ping -c 1 -W 1 127.0.0.1 | grep "packet loss"
ip netns exec other conntrack -C
echo "== raising the limit lets new flows in"
sysctl -w net.netfilter.nf_conntrack_max=3
echo d | ip netns exec h1 nc -u -w 0 -p 4004 10.0.2.2 7000
ip netns exec r conntrack -C
sleep 0.2
kill %1
cat /tmp/ct_full_h2
