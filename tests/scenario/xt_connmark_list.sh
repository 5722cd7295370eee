# connmark match and CONNMARK target (revision 2): -L, -L -n and -S of every form, tables and chains they are allowed in, -D by value, parse errors
ip netns add r
for o in "--mark 1" "! --mark 0x10/0xff" "--mark 0xffffffff/0xffffffff" "--mark 5/7" "--mark 010" "--mark  3"; do
  ip netns exec r iptables -A INPUT -m connmark $o
done
for o in "--set-xmark 0x1/0xff" "--set-mark 0x4000/0x4000" "--set-mark 5" "--and-mark 0xf" "--or-mark 0xf" "--xor-mark 0xf" \
    "--save-mark" "--save-mark --mask 0xff" "--save-mark --nfmask 0xff --ctmask 0xf0" "--restore-mark" "--restore-mark --mask 0xff" \
    "--restore-mark --ctmask 0xff --nfmask 0xf0" "--restore-mark --nfmask 0xf0" "--set-xmark 0x0/0xffffffff" "--set-xmark 3" \
    "--save-mark --left-shift-mark 3" "--restore-mark --right-shift-mark 4" "--set-xmark 1/3 --right-shift-mark 0" "--set-mark 1 --left-shift-mark 32"; do
  ip netns exec r iptables -A OUTPUT -j CONNMARK $o
done
ip netns exec r iptables -L
ip netns exec r iptables -L -n
ip netns exec r iptables -S
ip netns exec r iptables -D OUTPUT -j CONNMARK --or-mark 0x4000
echo "rc=$?"
ip netns exec r iptables -D INPUT -m connmark --mark 0x5/0x7
echo "rc=$?"
ip netns exec r iptables -t raw -A PREROUTING -j CONNMARK --save-mark
echo "rc=$?"
ip netns exec r iptables -t nat -A PREROUTING -j CONNMARK --restore-mark --mask 0x4000
echo "rc=$?"
ip netns exec r iptables -t mangle -A POSTROUTING -m connmark --mark 1 -j CONNMARK --set-mark 2
echo "rc=$?"
ip netns exec r iptables -t mangle -S
for o in "-j CONNMARK" "-j CONNMARK --set-mark 1 --save-mark" "-j CONNMARK --mask 1 --ctmask 2" "-j CONNMARK --save-mark --mask 1 --ctmask 2" \
    "-j CONNMARK --set-mark x" "-j CONNMARK --set-mark 1/x" "-j CONNMARK --set-mark 0x100000000" "-j CONNMARK --and-mark x" \
    "-j CONNMARK ! --set-mark 1" "-j CONNMARK --left-shift-mark 33 --save-mark" "-j CONNMARK --left-shift-mark 3" \
    "-j CONNMARK --save-mark --save-mark" "-m connmark" "-m connmark --mark x" "-m connmark --mark 1/" "-m connmark --mark 1 --mark 2" \
    "-j CONNMARK --set-mark 1/" "-j CONNMARK --set-mark 1x"; do
  ip netns exec r iptables -A INPUT $o
  echo "rc=$?"
done
