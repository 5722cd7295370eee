# Redirections: 2>&1, 2>/dev/null, >/dev/null, order of 2>&1 and pipes, stderr of commands in functions.
ip link show nodev
echo "rc=$?"
ip link show nodev 2>/dev/null
echo "rc=$?"
ip link show nodev 2>&1 | cut -d: -f1
ip link show nodev 2>&1 >/dev/null | wc -l
ip link show nodev >/dev/null 2>&1
echo "rc=$?"
echo to-stderr >&2
echo to-stderr-2 1>&2 | wc -l
f() { echo "out $1"; echo "err $1" >&2; }
f a 2>/dev/null
f b >/dev/null
f c 2>&1 | tr a-z A-Z
out=$(f d 2>&1)
echo "captured: $out"
out=$(ip link show nodev 2>&1)
echo "captured rc=$? [$out]"
ping -c 1 -W 1 10.9.9.9 2>&1 | head -n 1
echo "pipestatus ${PIPESTATUS[0]} ${PIPESTATUS[1]}"
set -o pipefail
ip link show nodev 2>/dev/null | cat
echo "pipefail rc=$?"
set +o pipefail
cat /proc/sys/net/ipv4/nope 2>&1
echo "rc=$?"
cat < /proc/sys/net/ipv4/ip_default_ttl
exec 2>&1
ip link show nodev2
echo "after exec rc=$?"
