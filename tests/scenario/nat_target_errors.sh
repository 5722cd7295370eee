# NAT target errors: missing, repeated and malformed options, ports without a port protocol, the tables and chains the kernel refuses them in
t() { iptables "$@"; echo "rc=$?"; }
t -t nat -A POSTROUTING -j SNAT
t -t nat -A POSTROUTING -j SNAT --to-source 1.2.3.4:80
t -t nat -A POSTROUTING -j SNAT --to-source bogus
t -t nat -A POSTROUTING -p tcp -j SNAT --to-source 1.2.3.4:99999
t -t nat -A POSTROUTING -p tcp -j SNAT --to-source 1.2.3.4:200-100
t -t nat -A POSTROUTING -p tcp -j SNAT --to-source 1.2.3.4 --to-source 1.2.3.5
t -t nat -A POSTROUTING -p tcp -j SNAT --to-source 1.2.3.4/24
t -t nat -A POSTROUTING -p tcp -j SNAT --to-source " 1.2.3.4"
t -t nat -A POSTROUTING -p tcp -j SNAT --to-source 1.2.3.4:a
t -t nat -A POSTROUTING -p tcp -j SNAT --to-source :
t -t nat -A POSTROUTING -p tcp -j SNAT --to-source 1.2.3.4:100-200-300
t -t nat -A POSTROUTING -p tcp -j SNAT --to-source 1.2.3.4-
t -t nat -A POSTROUTING -p tcp -j SNAT --to-source 1.2.3.4:100/50
t -t nat -A POSTROUTING -p tcp -j SNAT --to-source [1.2.3.4]:80
t -t nat -A POSTROUTING -p tcp -j SNAT --to-source 1.2.3.4 --bogus
t -t nat -A PREROUTING -j SNAT --to-source 1.2.3.4
t -t filter -A INPUT -j SNAT --to-source 1.2.3.4
t -t mangle -A POSTROUTING -j MASQUERADE
t -t nat -A POSTROUTING -j DNAT --to-destination 1.2.3.4
t -t nat -A INPUT -j DNAT --to-destination 1.2.3.4
t -t nat -A PREROUTING -j DNAT
t -t nat -A PREROUTING -p tcp -j DNAT --to-destination 1.2.3.4:100/50
t -t nat -A PREROUTING -p tcp -j DNAT --to-destination 1.2.3.4:100-200/0
t -t nat -A PREROUTING -j DNAT --to-destination 1.2.3.4 --random-fully
t -t nat -A PREROUTING -j DNAT --to-destination 1.2.3.4:80 --to-destination 1.2.3.5
t -t nat -A PREROUTING -j MASQUERADE
t -t nat -A OUTPUT -j MASQUERADE
t -t nat -A POSTROUTING -j MASQUERADE --to-ports 100
t -t nat -A POSTROUTING -p tcp -j MASQUERADE --to-ports 100-
t -t nat -A POSTROUTING -p tcp -j MASQUERADE --to-ports abc
t -t nat -A POSTROUTING -p tcp -j MASQUERADE --to-source 1.2.3.4
t -t nat -A POSTROUTING -j REDIRECT
t -t nat -A INPUT -j REDIRECT
t -t nat -A OUTPUT -j REDIRECT --to-ports 80
t -t nat -A OUTPUT -p udp -j REDIRECT --to-ports 80:90
t -t nat -A PREROUTING -p tcp -j REDIRECT --to-ports 65535-1
t -t nat -A PREROUTING -p tcp -j REDIRECT --to-ports 10-20 --to-ports 30
t -t nat -A PREROUTING -p tcp -j REDIRECT --random-fully
t -t nat -N SUB
t -t nat -A SUB -j SNAT --to-source 1.2.3.4
t -t nat -A PREROUTING -j SUB
t -t nat -A POSTROUTING -j SUB
t -t nat -A OUTPUT -j SUB
iptables -t nat -S
