# A syntax error: bash runs the lines before it, then reports the error with the line number.
echo "before"
ip link add veth0 type veth peer name veth1
ip -br link show veth0 | grep -c veth0
if [ 1 -eq 1 ]; then
  echo "inside"
fi
for x in a b; do
  echo "$x"
done done
echo "after"
