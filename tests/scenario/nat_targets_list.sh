# SNAT, DNAT, MASQUERADE and REDIRECT rules: -L, -L -n, -S and iptables-save texts of every range form and flag
iptables -t nat -A POSTROUTING -o eth0 -j MASQUERADE
iptables -t nat -A POSTROUTING -p tcp -j MASQUERADE --to-ports 1000-2000 --random
iptables -t nat -A POSTROUTING -p udp -j MASQUERADE --to-ports 1000 --random-fully
iptables -t nat -A POSTROUTING -p tcp -j MASQUERADE --to-ports 100-200/7
iptables -t nat -A POSTROUTING -s 10.0.0.0/8 -j SNAT --to-source 1.2.3.4
iptables -t nat -A POSTROUTING -p tcp -j SNAT --to-source 1.2.3.4-1.2.3.9:100-200 --random --persistent
iptables -t nat -A POSTROUTING -p tcp -j SNAT --to-source :100-200
iptables -t nat -A POSTROUTING -p udp -j SNAT --to-source 1.2.3.4:53 --random-fully
iptables -t nat -A POSTROUTING -p tcp -j SNAT --to-source 1.2.3.4:0
iptables -t nat -A POSTROUTING -p tcp -j SNAT --to-source 1.2.3.9-1.2.3.4
iptables -t nat -A POSTROUTING -p tcp -j SNAT --to-source 1.2.3.4:100-200/50
iptables -t nat -A POSTROUTING -p icmp -j SNAT --to-source 1.2.3.4:5
iptables -t nat -A POSTROUTING -p sctp -j SNAT --to-source 1.2.3.4:5
iptables -t nat -A POSTROUTING ! -p tcp -j SNAT --to-source 1.2.3.4:5
iptables -t nat -A POSTROUTING -p tcp -j SNAT --to-source 1.2.3.4:" 5"
iptables -t nat -A POSTROUTING -p tcp -j SNAT --to-source 1.2.3.4:http
iptables -t nat -A POSTROUTING -p tcp -j SNAT --to-source 1.2.3.4:+5
iptables -t nat -A POSTROUTING -p tcp -j SNAT --to-source 1.2.3.4:0x10
iptables -t nat -A INPUT -p udp -j SNAT --to-source 10.9.9.9
iptables -t nat -A PREROUTING -p tcp --dport 80 -j DNAT --to-destination 10.0.0.1:8080
iptables -t nat -A PREROUTING -p tcp --dport 81 -j DNAT --to-destination 10.0.0.1-10.0.0.3
iptables -t nat -A PREROUTING -p tcp --dport 82 -j DNAT --to-destination 10.0.0.1:1000-2000/100
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination :80
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 1.2.3.4 --persistent --random
iptables -t nat -A PREROUTING -p tcp --dport 83 -j REDIRECT --to-ports 8080
iptables -t nat -A PREROUTING -p tcp --dport 84 -j REDIRECT --to-ports 8080-8090 --random
iptables -t nat -A PREROUTING -p tcp --dport 85 -j REDIRECT
iptables -t nat -A PREROUTING -p tcp -j REDIRECT --to-ports 0
iptables -t nat -A OUTPUT -p udp -j DNAT --to-destination 10.0.0.5
iptables -t nat -A OUTPUT -p udp -j REDIRECT --to-ports 53
iptables -t nat -L -n
iptables -t nat -L
iptables -t nat -L -n -v -x --line-numbers
iptables -t nat -S
iptables-save -t nat | grep -v "^#"
iptables -t nat -D POSTROUTING -p tcp -j SNAT --to-source 1.2.3.4-1.2.3.9:100-200 --random --persistent
iptables -t nat -C POSTROUTING -p tcp -j SNAT --to-source 1.2.3.4-1.2.3.9:100-200 --random
echo "rc=$?"
iptables -t nat -D PREROUTING -p tcp --dport 83 -j REDIRECT --to-ports 8080
iptables -t nat -S | grep -c -- -j
iptables -t nat -F
iptables-save -t nat | grep -v "^#"
