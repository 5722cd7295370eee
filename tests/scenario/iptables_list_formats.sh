# iptables -L (plain, -n, -v, -x, --line-numbers) and -S after appends, inserts, replaces and deletes in the filter table
iptables -L
iptables -N web
iptables -A INPUT -s 10.0.0.0/8 -j DROP
iptables -A INPUT -s 10.1.2.3 -d 192.168.0.0/16 -p tcp --dport 22 -j ACCEPT
iptables -A INPUT ! -s 10.1.2.3/24 -i eth+ -p udp --sport 1000:2000 -j web
iptables -I INPUT 2 -p icmp --icmp-type echo-request -j ACCEPT
iptables -A FORWARD -p icmp --icmp-type 3/1 -j DROP
iptables -A FORWARD -p icmp ! --icmp-type 8 -o veth0 -j RETURN
iptables -A FORWARD ! -p 47 -j ACCEPT
iptables -A FORWARD -p tcp ! --sport 80 ! --dport 1:1024 -g web
iptables -A OUTPUT -p udp --dport 53
iptables -A OUTPUT -p tcp --dport :100
iptables -A OUTPUT -d 1.2.3.4/255.255.0.0
iptables -A OUTPUT -d 10.0.0.1,10.0.0.2 -p icmp --icmp-type any
iptables -A web ! -i lo -p tcp --dport 80 -j ACCEPT
iptables -A web -j RETURN
iptables -R OUTPUT 2 -p tcp --dport 65535: -j DROP
iptables -D OUTPUT -p udp --dport 53
iptables -D FORWARD 1
iptables -P FORWARD DROP
iptables -L
iptables -L -n
iptables -L -v
iptables -nvx -L --line-numbers
iptables -S
iptables -S web
iptables -S INPUT 3
iptables -L INPUT 2
iptables -L web -n
iptables -C INPUT -s 10.0.0.0/8 -j DROP; echo "rc=$?"
