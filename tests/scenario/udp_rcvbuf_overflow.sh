# A reader that stops reading: its queue fills to rmem_default (256 small datagrams), the rest count as RcvbufErrors/InErrors and socket drops; reading resumes after SIGCONT.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns add a
ip netns add b
ip -n a link add veth0 type veth peer name veth0 netns b
ip -n a addr add 10.0.0.1/24 dev veth0
ip -n b addr add 10.0.0.2/24 dev veth0
ip -n a link set veth0 up
ip -n b link set veth0 up
ip netns exec a ping -c1 -q 10.0.0.2 > /dev/null
ip netns exec b nc -u -l 5000 > /tmp/urb.out &
job=$!
sleep 1
kill -STOP $job
for i in $(seq 300); do echo x | ip netns exec a nc -u -q0 -p 40000 10.0.0.2 5000; done
ip netns exec b grep -E '^Udp:' /proc/net/snmp
ip netns exec b cat /proc/net/udp | tail -n +2 | cut -d: -f2- | tr -s ' ' | cut -d' ' -f2-8,13
ip netns exec b ss -uan | tail -n +2
kill -CONT $job
sleep 1
ip netns exec b ss -uan | tail -n +2
kill $job
wait $job
wc -l < /tmp/urb.out
ip netns exec b grep -E '^Udp:' /proc/net/snmp
ip netns exec a grep -E '^Udp:' /proc/net/snmp
