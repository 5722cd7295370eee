# Rules refused by checkentry: iptables' "Run `dmesg'" error and the line the kernel logged (level, facility, text), read back with dmesg from any namespace
# The kernel log is the machine's (the oracle sandbox shares the host's), so
# only the newest netfilter line is shown after each refused rule.
klog() { dmesg -x -t | grep -E ': (x_tables|xt_|ipt_)' | tail -n 1; }
t() { "$@"; echo "rc=$?"; klog; }
t iptables -A INPUT -j TRACE
t iptables -t mangle -A INPUT -j REJECT
t iptables -t raw -A OUTPUT -j REJECT
t iptables -A INPUT -p udp -j REJECT --reject-with tcp-reset
iptables -A INPUT -p tcp -j REJECT --reject-with tcp-reset; echo "rc=$?"
t iptables -A OUTPUT -m mac --mac-source 02:00:00:00:00:01 -j ACCEPT
t iptables -t nat -A POSTROUTING -m mac --mac-source 02:00:00:00:00:01 -j ACCEPT
iptables -N c
iptables -A c -m mac --mac-source 02:00:00:00:00:01 -j ACCEPT; echo "rc=$?"
t iptables -A OUTPUT -j c
t iptables -A INPUT -m tcp --dport 80 -j ACCEPT
t iptables -A INPUT ! -p tcp -m tcp --dport 80 -j ACCEPT
t iptables -A INPUT -p udp -m icmp --icmp-type 8 -j ACCEPT
# (limit refuses with ERANGE: "iptables: Numerical result out of range.", not shown here)
t iptables -A INPUT -m limit --limit-burst 0 -j ACCEPT 2>/dev/null
t iptables -A INPUT -m limit --limit 1/day --limit-burst 10000 -j ACCEPT 2>/dev/null
t iptables -A INPUT -m addrtype --src-type LOCAL --limit-iface-out -j ACCEPT
t iptables -A OUTPUT -m addrtype --src-type LOCAL --limit-iface-in -j ACCEPT
iptables -S
iptables -t mangle -S
# another namespace refuses the same way and reads the same log
ip netns add n1
ip netns exec n1 iptables -A FORWARD -m udp --sport 53 -j ACCEPT; echo "rc=$?"
ip netns exec n1 dmesg -t | grep -E '^(x_tables|xt_|ipt_)' | tail -n 1
dmesg -t -l info | grep -E '^(x_tables|xt_|ipt_)' | tail -n 1
dmesg -r | grep 'udp match' | tail -n 1 | cut -d'[' -f1
dmesg -r | grep 'udp match' | tail -n 1 | cut -d']' -f2-
dmesg -t -l err,warn | grep -c -E '^(x_tables: ip_tables: udp match)'
dmesg -t -f user | grep -c -E '^(x_tables|xt_|ipt_)'
dmesg -t -k | grep -E '^(x_tables|xt_|ipt_)' | tail -n 1
