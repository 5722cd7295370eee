# ip rule add/del/show: defaults, auto priorities, every selector and action, File exists, No such file, bad arguments.
ip rule
ip rule add from 10.0.0.0/8 table 10
ip rule add from 10.0.0.0/8 table 10
echo "rc=$?"
ip rule add to 1.2.3.4 lookup 100
ip rule add fwmark 0x1/0xff table 5 pref 100
ip rule add fwmark 7 table 5 priority 101
ip rule add fwmark 0/0xf0 table 5 order 102
ip rule add iif nope table 6
ip rule add oif lo table 6
ip rule add not from 1.1.1.1 blackhole
ip rule add tos 0x10 unreachable
ip rule add dsfield 0x04 type prohibit
ip rule add table main suppress_prefixlength 0
ip rule add goto 40000 pref 30000
ip rule add nop pref 200
ip rule add l3mdev pref 300
ip rule add table 0 pref 400
ip rule add table 1000 pref 401 proto static
ip rule add pref 402 ipproto tcp dport 80-90 sport 22 table 7
ip rule add pref 403 suppress_ifgroup 5 table 7
ip rule add pref 404 uidrange 100-200 table 7
ip rule add pref 405 realms 3/4 table 7
ip rule add pref 406 type throw
ip rule add pref 407 nat 1.2.3.4
ip rule add pref 408 from 10.1.2.3/16 to 5.6.7.8/24 table 5 proto 99
ip rule add pref 409 ipproto 200 dport 9 table 5
ip rule add pref 410 tun_id 5 table 1
ip rule add pref 411 sup_pl 8 sup_group default table local
ip rule add pref 412 not to 1.0.0.0/8 iif lo oif lo table 4294967295
ip rule
ip -d rule show pref 401
ip -d rule show pref 0
ip -j rule
ip -j -p rule show pref 100
echo "== duplicates"
ip rule add pref 10 table 5
ip rule add pref 10 table 5
echo "rc=$?"
ip rule add pref 10 table 5 not
echo "rc=$?"
ip rule add pref 10 table 5 proto static
ip rule add pref 10 table 5 tos 0x08
ip rule add pref 10 table 5 tos 0x08
echo "rc=$?"
ip rule add pref 10 table 5 fwmark 3
ip rule show pref 10
echo "== deletes"
ip rule del fwmark 1
echo "rc=$?"
ip rule del fwmark 1/0xff
ip rule del pref 10 table 7
echo "rc=$?"
ip rule del pref 11
echo "rc=$?"
ip rule del table 5 pref 10
ip rule show pref 10
ip rule del proto static
ip rule del tos 0x08
ip rule del pref 10
ip rule show pref 10
ip rule del
echo "rc=$?"
ip rule add
echo "rc=$?"
echo "== goto"
ip rule add pref 40 goto 50
ip rule show pref 40
ip rule add pref 50 table 7
ip rule show pref 40
ip rule del pref 50
ip rule show pref 40
ip rule add pref 41 goto 41
echo "rc=$?"
ip rule add pref 42 goto
echo "rc=$?"
ip rule add pref 43 type local
echo "rc=$?"
echo "== errors"
ip rule add tos 0x20 table 5
echo "rc=$?"
ip rule add tos 0x03 table 5
echo "rc=$?"
ip rule add tos 0x1e table 5
echo "rc=$?"
ip rule add tos lowdelay table 5
echo "rc=$?"
ip rule add l3mdev table 5
echo "rc=$?"
ip rule add pref abc table 1
echo "rc=$?"
ip rule add table abc
echo "rc=$?"
ip rule add fwmark x table 1
echo "rc=$?"
ip rule add fwmark 1/x table 1
echo "rc=$?"
ip rule add foo
echo "rc=$?"
ip rule add from 1.2.3.4/33 table 1
echo "rc=$?"
ip rule add from foo table 1
echo "rc=$?"
ip rule add iif 0123456789abcdefg table 1
echo "rc=$?"
ip rule add iif a/b table 1
echo "rc=$?"
ip rule add suppress_prefixlength -1 table 1
echo "rc=$?"
ip rule add suppress_ifgroup foo table 1
echo "rc=$?"
ip rule add ipproto 300
echo "rc=$?"
ip rule add sport x
echo "rc=$?"
ip rule add dport 0 table 1
echo "rc=$?"
ip rule add dport 65535 table 1
echo "rc=$?"
ip rule add sport 90-80 table 1
echo "rc=$?"
ip rule add uidrange 5-3 table 1
echo "rc=$?"
ip rule add uidrange 0-4294967295 table 1
echo "rc=$?"
ip rule add protocol foo table 1
echo "rc=$?"
ip rule foo
echo "rc=$?"
ip rule save junk
echo "rc=$?"
ip rule help 2>&1 | head -3
ip rule show foo
echo "rc=$?"
