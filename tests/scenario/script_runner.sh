# Script-runner features: variables, loops, functions, pipes with grep/wc/head, & + wait, exit codes.
N=3
PREFIX="10.0"
setup() {
  ip link add "$1" type veth peer name "$2"
  echo "created $1 <-> $2"
}
for i in 1 2 3; do
  setup "a$i" "b$i"
done
i=0
while [ $i -lt 2 ]; do
  i=$((i + 1))
  ip addr add "$PREFIX.$i.1/24" dev "a$i"
done
ip -br link | grep -c '^a'
ip -br link | grep '^b' | wc -l
ip -br link | head -n 2
ip -o -4 addr | grep -v ' lo ' | wc -l
if ip link show a1 >/dev/null 2>&1; then echo "a1 exists"; else echo "a1 missing"; fi
if ip link show zz >/dev/null 2>&1; then echo "zz exists"; else echo "zz missing"; fi
ip link show zz 2>/dev/null || echo "fallback ran"
ip link show a2 >/dev/null && echo "and-list ran"
case "$PREFIX" in 10.*) echo "private" ;; *) echo "other" ;; esac
count() { ip -br link | wc -l; }
echo "links: $(count)"
(sleep 0.3; echo "background 1") &
(sleep 0.1; echo "background 2") &
wait
echo "after wait"
sleep 0.2 &
pid=$!
wait $pid
echo "wait rc=$?"
false
echo "false rc=$?"
true
echo "true rc=$?"
ip link show nope 2>&1 | head -n 1
echo "pipe rc=$?"
echo "$(echo nested $(echo subst))"
x=5; echo $((x * 2 + 1))
foo_not_a_command --help
echo "rc=$?"
./no_such_file.sh
echo "rc=$?"
exit 3
