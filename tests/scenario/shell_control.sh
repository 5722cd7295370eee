# Shell control flow and text plumbing: functions with return, case, nested loops, pipes into sort/tail, here-docs.
add_pair() {
  local a=$1 b=$2
  ip link add "$a" type veth peer name "$b" || return 4
  echo "pair $a/$b"
}
for n in 3 1 2; do
  add_pair "x$n" "y$n"
done
add_pair x1 y9
echo "add_pair rc=$?"
ip -br link | cut -d' ' -f1 | sort
ip -br link | cut -d' ' -f1 | sort -r | head -n 2
ip -br link | sort | tail -n 2
ip -o link | wc -l
for dev in $(ip -br link | cut -d@ -f1 | cut -d' ' -f1 | sort); do
  case $dev in
    lo) echo "$dev: loopback" ;;
    x*) echo "$dev: left" ;;
    y[12]) echo "$dev: right low" ;;
    *) echo "$dev: other" ;;
  esac
done
i=0
until [ $i -ge 3 ]; do
  j=0
  while true; do
    j=$((j + 1))
    [ $j -gt 2 ] && break
    [ $j -eq 1 ] && continue
    echo "i=$i j=$j"
  done
  i=$((i + 1))
done
cat <<EOF
devices: $(ip -br link | wc -l)
literal \$HOME and $((2 + 3))
EOF
cat <<'EOF'
quoted $(not run) $HOME
EOF
while read -r name state rest; do
  echo "read: $name $state"
done <<EOF
$(ip -br link show x1)
EOF
words="a b  c"
set -- $words
echo "argc=$# first=$1 last=${3}"
echo "${#words} ${words:-x} ${unset_var:-default} ${words/b/B}"
arr=(one two three)
echo "${arr[1]} ${#arr[@]}"
arr[5]=six
arr+=(seven)
i=1
arr[$i]=TWO
arr[i+1]+=X
echo "${arr[*]} n=${#arr[@]} keys=${!arr[@]} last=${arr[-1]}"
for x in "${arr[@]:1:3}"; do echo "<$x>"; done
echo "${arr[@]/e/E}"
devs=($(ip -br link | cut -d' ' -f1 | cut -d@ -f1 | sort))
echo "${#devs[@]} devices, first ${devs[0]}"
printf '%s-%d\n' alpha 1 beta 2
echo done | grep -q done && echo "grep -q ok"
ip -br link | grep -c nomatch
echo "grep rc=$?"
{ echo group1; echo group2; } | tail -n 1
(exit 7)
echo "subshell rc=$?"
! false
echo "negate rc=$?"
