# iptables-save and iptables-restore: table order, counters (-c; every commit zeroes the built-in policies' counters), --noflush, --test, -T, the set-counters option, and the errors of a bad file (line numbers, exit codes)
iptables-save; echo "rc=$?"
iptables -N foo
iptables -A INPUT -s 1.2.3.4 -p udp --dport 53 -j foo
iptables -A foo -j ACCEPT
iptables -t nat -L >/dev/null
iptables -t raw -A PREROUTING -f -j DROP
iptables-save
iptables-save -c -t filter
iptables-save -t bogus; echo "rc=$?"
iptables-save -x; echo "rc=$?"
r1='*filter\n:INPUT DROP [3:4]\n:bar - [0:0]\n-A INPUT -s 1.2.3.4 -j bar\n[5:6] -A bar -j ACCEPT\nCOMMIT\n'
printf "$r1" | iptables-restore; echo "rc=$?"
iptables-save -c -t filter
printf "$r1" | iptables-restore -c; echo "rc=$?"
iptables-save -c -t filter
iptables -A INPUT -c 7 8 -j ACCEPT
iptables -L INPUT -v -x -n
printf '*filter\n-A INPUT --bogus\nCOMMIT\n' | iptables-restore; echo "rc=$?"
printf '*filter\n-A INPUT -j nochain\nCOMMIT\n' | iptables-restore; echo "rc=$?"
printf '*filter\n-A INPUT -j ACCEPT\n' | iptables-restore; echo "rc=$?"
printf '*bogus\nCOMMIT\n' | iptables-restore; echo "rc=$?"
printf '*nat\n-A PREROUTING -p udp -m tcp --dport 1 -j ACCEPT\nCOMMIT\n' | iptables-restore; echo "rc=$?"
printf '*filter\n:INPUT BOGUS [0:0]\nCOMMIT\n' | iptables-restore; echo "rc=$?"
printf '*filter\n:INPUT\nCOMMIT\n' | iptables-restore; echo "rc=$?"
printf '*filter\n:x - [0:0]\n:x - [0:0]\nCOMMIT\n' | iptables-restore; echo "rc=$?"
printf '*filter\n-A INPUT -t nat -j ACCEPT\nCOMMIT\n' | iptables-restore; echo "rc=$?"
printf '*filter\n:a - [0:0]\n:b - [0:0]\n-A a -j b\n-A b -j a\n-A INPUT -j a\nCOMMIT\n' | iptables-restore; echo "rc=$?"
printf '*filter\n:baz - [0:0]\n-A baz -j ACCEPT\nCOMMIT\n' | iptables-restore --noflush; echo "rc=$?"
printf '*filter\n:baz - [0:0]\n-A baz -j DROP\nCOMMIT\n' | iptables-restore -n; echo "rc=$?"
printf '*filter\n-N x\n-A x -j RETURN\n-I INPUT -j x\n-D INPUT 1\n-X x\nCOMMIT\n' | iptables-restore -n; echo "rc=$?"
printf '*filter\n-F\nCOMMIT\n*raw\n-F\nCOMMIT\n' | iptables-restore -n -T raw; echo "rc=$?"
printf '*filter\n-F\nCOMMIT\n' | iptables-restore -t; echo "rc=$?"
iptables-save
iptables-restore /nonexistent; echo "rc=$?"
iptables-restore -x; echo "rc=$?"
