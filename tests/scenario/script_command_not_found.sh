# Unknown commands: "NAME.sh: line N: foo: command not found" with status 127, and as the last command.
echo "start"
foo
echo "rc=$?"
ip link show lo | grep -q LOOPBACK
echo "grep rc=$?"
ip link show lo | grep -q NOPE
echo "grep rc=$?"
bar --option value
