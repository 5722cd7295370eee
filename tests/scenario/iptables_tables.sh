# the raw, mangle, nat and security tables: their built-in chains, -S, -f, the kernel's whole-table checks (loops, a jump to a built-in chain, a match on the wrong protocol) and nat's refusal of DROP
for t in raw mangle nat security filter; do
  iptables -t $t -L -n
  iptables -t $t -S
done
iptables -t bogus -L; echo "rc=$?"
iptables -t raw -A PREROUTING -f -j DROP
iptables -t raw -A OUTPUT ! -f -p udp -j ACCEPT
iptables -t raw -L -n -v
iptables -t raw -S
iptables -N a
iptables -N b
iptables -A a -j b
iptables -A b -j a; echo "rc=$?"
iptables -A INPUT -j a; echo "rc=$?"
iptables -F b
iptables -A INPUT -j a; echo "rc=$?"
iptables -A b -j a; echo "rc=$?"
iptables -A b -j INPUT; echo "rc=$?"
iptables -A b -p udp -m tcp --dport 1 -j ACCEPT; echo "rc=$?"
iptables -A b ! -p tcp -m tcp --dport 1 -j ACCEPT; echo "rc=$?"
iptables -A b -p tcp --syn --dport 22 -j ACCEPT
iptables -A b -p tcp --tcp-flags SYN,ACK ACK -m tcp --sport 1:1023 -j ACCEPT
iptables -A b -p tcp ! --tcp-flags ALL NONE --tcp-option 2 -j ACCEPT
iptables -A b -p tcp --tcp-flags SYN; echo "rc=$?"
iptables -A b -p tcp --tcp-flags BOGUS SYN; echo "rc=$?"
iptables -A b -p tcp --syn --syn; echo "rc=$?"
iptables -L b
iptables -L b -n
iptables -S b
iptables -t nat -A POSTROUTING -j DROP; echo "rc=$?"
iptables -N REJECT; echo "rc=$?"
iptables -F; iptables -X
iptables -S
