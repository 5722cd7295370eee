# conntrack and state matches (conntrack revision 3, state as its alias): -L, -L -n and -S of every option, abbreviations, -D/-C by value, parse errors
ip netns add r
ip netns exec r iptables -A INPUT -m state --state NEW,ESTABLISHED
ip netns exec r iptables -A INPUT -m state ! --state INVALID
ip netns exec r iptables -A INPUT -m state --state related,untracked,inv,n,e
ip netns exec r iptables -A INPUT -m conntrack --ctstate NEW,RELATED,DNAT,SNAT,UNTRACKED,INVALID,ESTABLISHED
ip netns exec r iptables -A INPUT -m conntrack ! --ctstate NEW --ctproto udp ! --ctorigsrc 10.0.0.1/24 --ctorigdst 10.1.2.3 --ctreplsrc 1.2.3.4/255.255.0.0 ! --ctrepldst 0.0.0.0/0
ip netns exec r iptables -A INPUT -m conntrack --ctorigsrcport 53 ! --ctorigdstport 1000:2000 --ctreplsrcport domain --ctrepldstport :100
ip netns exec r iptables -A INPUT -m conntrack --ctstatus NONE
ip netns exec r iptables -A INPUT -m conntrack ! --ctstatus EXPECTED,SEEN_REPLY,ASSURED,CONFIRMED --ctexpire 10:20 --ctdir REPLY
ip netns exec r iptables -A INPUT -m conntrack ! --ctexpire 5 --ctdir original --ctproto 6
ip netns exec r iptables -A INPUT -m conntrack --ctproto 0
ip netns exec r iptables -A INPUT -m conntrack --ctproto tcp --ctorigsrc 127.0.0.1 --ctorigdst 0.0.0.0
ip netns exec r iptables -A INPUT -m conntrack --ctorigsrc 1.2.3.4/33 --ctorigsrcport 70000 --ctreplsrcport 5:3 --ctexpire 5:3
ip netns exec r iptables -A INPUT -m conntrack --ctexpire :7 --ctorigdstport 7: -m state --state new -m state --state est
ip netns exec r iptables -A FORWARD -m conntrack --ctstate INVALID -j DROP
ip netns exec r iptables -A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
ip netns exec r iptables -L
ip netns exec r iptables -L -n
ip netns exec r iptables -S
ip netns exec r iptables -C FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
echo "rc=$?"
ip netns exec r iptables -D FORWARD -m conntrack --ctstate INVALID -j DROP
echo "rc=$?"
ip netns exec r iptables -D INPUT -m conntrack --ctstate INVALID,NEW,RELATED,ESTABLISHED,UNTRACKED,SNAT,DNAT
echo "rc=$?"
ip netns exec r iptables -D INPUT -m conntrack --ctstate NEW
echo "rc=$?"
ip netns exec r iptables -t nat -A PREROUTING -m state --state NEW
echo "rc=$?"
ip netns exec r iptables -t raw -A PREROUTING -m conntrack --ctstate UNTRACKED
echo "rc=$?"
ip netns exec r iptables -t nat -S PREROUTING
for o in "-m state --state FOO" "-m state --state NEW," "-m state --state ,NEW" "-m state --state NEW --state EST" "-m state" "-m state ! --state" \
    "-m conntrack" "-m conntrack --ctstate FOO" "-m conntrack --ctstate NEW," "-m conntrack --ctstate ,NEW" "-m conntrack --ctproto foo" \
    "-m conntrack ! --ctstatus NONE --ctproto 0" "-m conntrack --ctproto all" "-m conntrack --ctorigsrc 1.2.3.4/x" \
    "-m conntrack --ctorigsrcport foo" "-m conntrack --ctorigsrcport 1:2:3" "-m conntrack --ctstatus FOO" "-m conntrack --ctstatus NONE," \
    "-m conntrack --ctexpire x" "-m conntrack --ctexpire 5:x" "-m conntrack --ctexpire 1:2:3" "-m conntrack --ctexpire 4294967296" \
    "-m conntrack --ctexpire 5x" "-m conntrack --ctdir foo" "-m conntrack ! --ctdir REPLY" "-m conntrack --ctstate NEW --ctstate NEW" \
    "-m conntrack --ctstatus new"; do
  ip netns exec r iptables -A INPUT $o
  echo "rc=$?"
done
