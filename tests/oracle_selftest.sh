#!/usr/bin/env bash
# Self-test of tools/oracle that needs neither root nor skbox: masks, modes, summary, exit codes.
set -u
cd "$(dirname "$0")/.." || exit 1
ORACLE=tools/oracle
T=$(mktemp -d /tmp/oracle-selftest.XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
check() { # NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then echo "ok   $1"; else
    echo "FAIL $1"; diff -u <(printf '%s\n' "$2") <(printf '%s\n' "$3") | sed 's/^/     /'; fails=$((fails + 1)); fi
}

# --- masks
in='64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=0.049 ms
64 bytes from 10.0.0.2: icmp_seq=2 ttl=64 time=123 ms
3 packets transmitted, 3 received, 0% packet loss, time 2028ms
rtt min/avg/max/mdev = 0.054/0.146/0.317/0.121 ms
Unicast reply from 10.0.0.2 [C6:3F:F7:61:DD:63]  0.755ms
    link/ether c6:3f:f7:61:dd:63 brd ff:ff:ff:ff:ff:ff link-netns t1
    link/ether 02:11:22:33:44:55 brd ff:ff:ff:ff:ff:ff
    inet6 fe80::11:22ff:fe33:4455/64 scope link
    inet6 fe80::c43f:f7ff:fe61:dd63/64 scope link
    inet6 fe80::1/64 scope link
fe80000000000000c43ff7fffe61dd63 03 40 20 80    veth0
{"address":"00:00:00:00:00:00","local":"fe80::ff:fe00:1"}
    cache expires 599sec mtu 1400
10.0.0.2 dev va lladdr c6:3f:f7:61:dd:63  ref 1 used 0/0/0probes 4 REACHABLE
#SORT-BEGIN
10.0.0.9 dev a lladdr 12:34:56:78:9a:bd REACHABLE
10.0.0.1 dev a lladdr 12:34:56:78:9a:be STALE
#SORT-END
[1700000000.123456] 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=0.1 ms'
want='64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=<rtt> ms
64 bytes from 10.0.0.2: icmp_seq=2 ttl=64 time=<rtt> ms
3 packets transmitted, 3 received, 0% packet loss, time <t>ms
rtt min/avg/max/mdev = <rtt> ms
Unicast reply from 10.0.0.2 [<mac1>]  <rtt>ms
    link/ether <mac1> brd ff:ff:ff:ff:ff:ff link-netns t1
    link/ether <mac2> brd ff:ff:ff:ff:ff:ff
    inet6 <ll2>/64 scope link
    inet6 <ll1>/64 scope link
    inet6 fe80::1/64 scope link
<ll1> 03 40 20 80    veth0
{"address":"00:00:00:00:00:00","local":"<ll3>"}
    cache expires <t>sec mtu 1400
10.0.0.2 dev va lladdr <mac1>  ref 1 used <t>probes 4 REACHABLE
#SORT-BEGIN
10.0.0.1 dev a lladdr <mac4> STALE
10.0.0.9 dev a lladdr <mac5> REACHABLE
#SORT-END
[<ts>] 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=<rtt> ms'
check masks "$want" "$(printf '%s\n' "$in" | $ORACLE --mask)"

# --- modes, with fake skbox binaries and a scratch scenario directory
mkdir "$T/sc"
printf '# a\necho "mac 02:00:00:00:00:01"\nexit 3\n' >"$T/sc/a.sh"
printf 'mac 02:00:00:00:00:07\n[exit 3]\n' >"$T/sc/a.out"
printf '# oracle: hand-written\necho b\n' >"$T/sc/b.sh"
printf 'b\n[exit 0]\n' >"$T/sc/b.out"
printf '#!/bin/bash\n[ "$1 $2 $3" = "run --seed 1" ] || exit 99\nbash "$4"\n' >"$T/good"
printf '#!/bin/bash\necho wrong\n' >"$T/bad"
chmod +x "$T/good" "$T/bad"
out=$(SKBOX="$T/good" $ORACLE --skbox-only "$T/sc/a.sh" "$T/sc/b.sh"); rc=$?
check "skbox pass summary" "2 passed, 0 failed, 0 skipped" "$(printf '%s\n' "$out" | tail -n 1)"
check "skbox pass exit" 0 "$rc"
out=$(SKBOX="$T/bad" $ORACLE --skbox-only "$T/sc/a.sh" "$T/sc/b.sh"); rc=$?
check "skbox fail summary" "0 passed, 2 failed, 0 skipped" "$(printf '%s\n' "$out" | tail -n 1)"
check "skbox fail exit" 1 "$rc"
check "skbox fail diff" 1 "$(printf '%s\n' "$out" | grep -c '^+++ skbox/a$')"
printf '# pending\na\n' >"$T/pend"
out=$(SKBOX="$T/bad" $ORACLE --skbox-only --pending "$T/pend" "$T/sc/a.sh" "$T/sc/b.sh"); rc=$?
check "pending failure not counted" "0 passed, 1 failed, 0 skipped" "$(printf '%s\n' "$out" | tail -n 1)"
check "pending line" 1 "$(printf '%s\n' "$out" | grep -c '^PEND  skbox  a (pending)$')"
out=$(SKBOX="$T/good" $ORACLE --skbox-only --pending "$T/pend" "$T/sc/a.sh"); rc=$?
check "pending that passes fails" "0 passed, 1 failed, 0 skipped" "$(printf '%s\n' "$out" | tail -n 1)"
check "pending that passes exit" 1 "$rc"
out=$(SKBOX="$T/nope" $ORACLE --skbox-only "$T/sc/a.sh"); rc=$?
check "skbox missing" "0 passed, 0 failed, 1 skipped" "$(printf '%s\n' "$out" | tail -n 1)"
check "skbox missing exit" 0 "$rc"
rm "$T/sc/a.out"
out=$(SKBOX="$T/good" $ORACLE --skbox-only "$T/sc/a.sh"); rc=$?
check "missing .out fails" "0 passed, 1 failed, 0 skipped" "$(printf '%s\n' "$out" | tail -n 1)"
out=$(SKBOX="$T/good" $ORACLE --bogus 2>&1); rc=$?
check "bad option exit" 2 "$rc"

echo "selftest: $fails failure(s)"
[ $fails = 0 ]
