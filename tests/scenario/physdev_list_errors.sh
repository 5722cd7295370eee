# -m physdev: -L/-S texts of every option and inversion, wildcards, parse errors, and checkentry refusing --physdev-out/--physdev-is-out in OUTPUT unless --physdev-is-bridged
iptables -A FORWARD -m physdev --physdev-in veth0 -j ACCEPT
iptables -A FORWARD -m physdev ! --physdev-in veth0 --physdev-out veth1 -j ACCEPT
iptables -A FORWARD -m physdev --physdev-is-in --physdev-is-out --physdev-is-bridged
iptables -A FORWARD -m physdev ! --physdev-is-in ! --physdev-is-out ! --physdev-is-bridged
iptables -A FORWARD -m physdev --physdev-in veth+ ! --physdev-out eth+ -j DROP
iptables -A FORWARD -m physdev --physdev-is-bridged --physdev-out x+ --physdev-is-in ! --physdev-in veth0 ! --physdev-is-out
iptables -A FORWARD -m physdev --physdev-in=abc
iptables -A FORWARD -m physdev --physdev-in 0123456789abcde
iptables -A FORWARD -m physdev --physdev-in ""
iptables -A FORWARD -m physdev --physdev-in "a b"; echo "rc=$?"
iptables -A INPUT -m physdev --physdev-in veth0
iptables -A INPUT -m physdev --physdev-out veth0
iptables -A OUTPUT -m physdev --physdev-is-bridged
iptables -A OUTPUT -m physdev --physdev-is-bridged --physdev-out veth0
iptables -t nat -A POSTROUTING -m physdev --physdev-out veth0
iptables -t mangle -A POSTROUTING -m physdev --physdev-is-out --physdev-is-bridged
iptables -L -n
iptables -L FORWARD
iptables -L FORWARD -n -v --line-numbers
iptables -S
iptables -t nat -S POSTROUTING
iptables -t mangle -S POSTROUTING
echo "== refused in OUTPUT"
iptables -A OUTPUT -m physdev --physdev-out veth0; echo "rc=$?"
iptables -A OUTPUT -m physdev --physdev-is-out; echo "rc=$?"
iptables -A OUTPUT -m physdev ! --physdev-is-out; echo "rc=$?"
iptables -A OUTPUT -m physdev --physdev-out veth0 ! --physdev-is-bridged; echo "rc=$?"
iptables -t mangle -A OUTPUT -m physdev --physdev-is-out; echo "rc=$?"
iptables -N chain1
iptables -A chain1 -m physdev --physdev-out veth0
iptables -A OUTPUT -j chain1; echo "rc=$?"
iptables -A FORWARD -j chain1; echo "rc=$?"
echo "== parse errors"
iptables -A FORWARD -m physdev; echo "rc=$?"
iptables -A FORWARD -m physdev --physdev-in; echo "rc=$?"
iptables -A FORWARD -m physdev ! --physdev-in; echo "rc=$?"
iptables -A FORWARD -m physdev --physdev-in a --physdev-in b; echo "rc=$?"
iptables -A FORWARD -m physdev --physdev-is-in --physdev-is-in; echo "rc=$?"
iptables -A FORWARD -m physdev --physdev-in 0123456789abcdef; echo "rc=$?"
iptables -A FORWARD -m physdev --physdev-in 0123456789abcdefg; echo "rc=$?"
iptables -A FORWARD -m physdev --physdev-bogus; echo "rc=$?"
iptables -A FORWARD -m physdev ! ! --physdev-in a; echo "rc=$?"
iptables -A FORWARD -m physdev --physdev-is-bridged x; echo "rc=$?"
echo "== delete"
iptables -D FORWARD -m physdev --physdev-in veth0 --physdev-out veth1 -j ACCEPT; echo "rc=$?"
iptables -D FORWARD -m physdev ! --physdev-in veth0 --physdev-out veth1 -j ACCEPT; echo "rc=$?"
iptables -C FORWARD -m physdev --physdev-in veth+ ! --physdev-out eth+ -j DROP; echo "rc=$?"
iptables -C FORWARD -m physdev --physdev-in veth+ --physdev-out eth+ -j DROP; echo "rc=$?"
iptables -S FORWARD
iptables-save | grep physdev
