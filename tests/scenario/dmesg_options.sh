# dmesg (util-linux 2.38.1): usage, option errors and exit statuses, and the output formats on a log file (-F: -x -r -t -d -l -f -J -p --noescape --color=always)
dmesg -h
dmesg -V
dmesg --bogus; echo "rc=$?"
dmesg -i; echo "rc=$?"
dmesg -l; echo "rc=$?"
dmesg --level; echo "rc=$?"
dmesg foo; echo "rc=$?"
dmesg -l bogus; echo "rc=$?"
dmesg -l bogus,warn; echo "rc=$?"
dmesg -l warn,; echo "rc=$?"
dmesg -l ,warn; echo "rc=$?"
dmesg -l warn,,err; echo "rc=$?"
dmesg -l 8; echo "rc=$?"
dmesg -l warning; echo "rc=$?"
dmesg -l 99999999999999999999; echo "rc=$?"
dmesg -f bogus; echo "rc=$?"
dmesg -f 12; echo "rc=$?"
dmesg -f local0; echo "rc=$?"
dmesg -f 99999999999999999999; echo "rc=$?"
dmesg -l WARN,4 -f KERN,ftp,11 --since tomorrow; echo "rc=$?"
dmesg -l ''; echo "rc=$?"
dmesg --lev=; echo "rc=$?"
dmesg -t -r; echo "rc=$?"
dmesg -r -x; echo "rc=$?"
dmesg -r -T; echo "rc=$?"
dmesg -H -r; echo "rc=$?"
dmesg -d -r; echo "rc=$?"
dmesg -e -r; echo "rc=$?"
dmesg -L -r; echo "rc=$?"
dmesg -w -S; echo "rc=$?"
dmesg -S -r -l err; echo "rc=$?"
dmesg --time-format bogus; echo "rc=$?"
dmesg --time-format raw; echo "rc=$?"
dmesg --time-format; echo "rc=$?"
dmesg -s x; echo "rc=$?"
dmesg -s 0x10; echo "rc=$?"
dmesg -s -1; echo "rc=$?"
dmesg -s 4294967296; echo "rc=$?"
dmesg -Lbogus; echo "rc=$?"
dmesg --since bogus; echo "rc=$?"
dmesg --until 2020-01-01T10:00; echo "rc=$?"
dmesg --since @1700000000; echo "rc=$?"
dmesg --since tomorrow; echo "rc=$?"
dmesg --until '2000-01-01 00:00'; echo "rc=$?"
dmesg -F /nonexistent/dmesg.log; echo "rc=$?"
dmesg -d --time-format iso 2>&1 >/dev/null; echo "rc=$?"
cd /tmp
printf '<4>[   12.345678] hello\n<6>[   13.000001] sub: world\n  second line\n<3>[   20.500000] eth0: link down\x01\n<12>[   21.000000] from user: x\n<27>[   21.250000] daemon "quoted" \\ err\n' > dmesg_options.log
dmesg -F dmesg_options.log
dmesg -F dmesg_options.log -x
dmesg -F dmesg_options.log -r
dmesg -F dmesg_options.log -t
dmesg -F dmesg_options.log -d
dmesg -F dmesg_options.log -t -d
dmesg -F dmesg_options.log -l err,warn
dmesg -F dmesg_options.log -l 6 -x
dmesg -F dmesg_options.log -k
dmesg -F dmesg_options.log -u -x
dmesg -F dmesg_options.log -f daemon
dmesg -F dmesg_options.log -r -l err; echo "rc=$?"
dmesg -F dmesg_options.log -J
dmesg -F dmesg_options.log -J -x -l err
dmesg -F dmesg_options.log -p
dmesg -F dmesg_options.log --noescape -l err -t
dmesg -F dmesg_options.log --color=always
dmesg -F dmesg_options.log --color=always -x -l err
printf 'no prefix\nat all\n' > dmesg_options.log
dmesg -F dmesg_options.log
dmesg -F dmesg_options.log -x
printf '<5>[12] whole seconds\n<abc>no number\n<6>[ 12x] bad stamp\n<7>[3.5] half\n<99>[1.000001] big\n' > dmesg_options.log
dmesg -F dmesg_options.log
dmesg -F dmesg_options.log -x
dmesg -F dmesg_options.log -t
dmesg -F dmesg_options.log -r
