# Random route churn in table 100 (types, metrics, tos) keeps the kernel's trie shape and its longest-prefix answers, backtracking included.
ip link set lo up
ip link add va type veth peer name vb
ip link set va up
ip link set vb up
ip addr add 10.0.0.1/8 dev va
ip rule add lookup 100 pref 100
n=0
ip route add unreachable 192.7.64.0/20 table 100 2>/dev/null && n=$((n+1))
ip route add throw 0.0.0.0/1 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route del 192.7.64.0/20 table 100
ip route add 0.0.0.0/1 dev va table 100 2>/dev/null && n=$((n+1))
ip route add unreachable 12.177.226.0/23 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route del 0.0.0.0/1 tos 0x10 table 100
ip route add unreachable 192.8.170.56/30 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 10.172.228.32/28 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add prohibit 192.24.119.0/24 table 100 2>/dev/null && n=$((n+1))
ip route del 12.177.226.0/23 metric 5 table 100
ip route add prohibit 192.20.0.0/16 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route del 0.0.0.0/1 table 100
ip route del 192.20.0.0/16 tos 0x10 table 100
ip route del 10.172.228.32/28 tos 0x10 table 100
ip route del 192.24.119.0/24 table 100
ip route add 19.222.239.134/32 dev va table 100 2>/dev/null && n=$((n+1))
ip route del 19.222.239.134/32 table 100
ip route add throw 10.17.28.220/30 table 100 2>/dev/null && n=$((n+1))
ip route del 10.17.28.220/30 table 100
ip route add 192.25.169.165/32 dev va table 100 2>/dev/null && n=$((n+1))
ip route del 192.25.169.165/32 table 100
ip route add blackhole 10.25.253.120/31 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add prohibit 172.168.249.0/24 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add prohibit 71.70.154.64/28 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 10.0.0.0/8 table 100 2>/dev/null && n=$((n+1))
ip route add throw 10.14.5.204/30 table 100 2>/dev/null && n=$((n+1))
ip route add 192.174.48.0/20 dev va table 100 2>/dev/null && n=$((n+1))
ip route add throw 172.17.105.163/32 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 10.31.120.0/23 table 100 2>/dev/null && n=$((n+1))
ip route del 192.8.170.56/30 metric 5 table 100
ip route del 71.70.154.64/28 tos 0x10 table 100
ip route add throw 10.173.224.0/22 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add 10.14.248.0/22 dev va tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add unreachable 10.11.44.0/24 table 100 2>/dev/null && n=$((n+1))
ip route add 212.47.221.0/24 dev va table 100 2>/dev/null && n=$((n+1))
ip route del 10.14.248.0/22 tos 0x10 table 100
ip route add 192.21.117.64/28 dev va table 100 2>/dev/null && n=$((n+1))
ip route add 10.21.0.0/16 dev va metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add 84.100.236.128/25 dev va metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 189.104.80.0/23 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add prohibit 0.0.0.0/0 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add 114.125.128.0/22 dev va table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 10.30.36.0/22 table 100 2>/dev/null && n=$((n+1))
ip route del 10.25.253.120/31 metric 5 table 100
ip route add unreachable 88.16.214.14/32 table 100 2>/dev/null && n=$((n+1))
ip route add throw 122.96.0.0/15 table 100 2>/dev/null && n=$((n+1))
ip route del 189.104.80.0/23 tos 0x10 table 100
ip route add blackhole 0.0.0.0/4 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add throw 156.0.0.0/8 table 100 2>/dev/null && n=$((n+1))
ip route del 0.0.0.0/4 tos 0x10 table 100
ip route del 172.168.249.0/24 metric 5 table 100
ip route add 10.31.68.249/32 dev va metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 172.170.0.0/15 table 100 2>/dev/null && n=$((n+1))
ip route del 10.30.36.0/22 table 100
ip route add throw 128.0.0.0/1 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add unreachable 192.169.179.0/25 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 1.1.184.16/31 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route del 192.169.179.0/25 tos 0x10 table 100
ip route add 192.175.49.192/28 dev va tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add prohibit 10.0.0.0/7 table 100 2>/dev/null && n=$((n+1))
ip route add prohibit 10.17.205.0/25 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 172.174.133.0/24 table 100 2>/dev/null && n=$((n+1))
ip route add throw 172.10.0.0/15 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route del 10.0.0.0/7 table 100
ip route del 192.174.48.0/20 table 100
ip route del 84.100.236.128/25 metric 5 table 100
ip route add 240.0.0.0/8 dev va table 100 2>/dev/null && n=$((n+1))
ip route del 10.173.224.0/22 metric 5 table 100
ip route add throw 191.38.0.0/16 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route del 240.0.0.0/8 table 100
ip route add prohibit 192.16.0.0/12 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route del 88.16.214.14/32 table 100
ip route del 156.0.0.0/8 table 100
ip route del 172.174.133.0/24 table 100
ip route add 0.0.0.0/0 dev va table 100 2>/dev/null && n=$((n+1))
ip route del 10.21.0.0/16 metric 5 table 100
ip route add prohibit 10.0.0.0/7 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add throw 209.168.155.55/32 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add prohibit 172.2.130.0/25 table 100 2>/dev/null && n=$((n+1))
ip route add prohibit 108.224.0.0/12 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 21.112.0.0/16 table 100 2>/dev/null && n=$((n+1))
ip route del 10.31.120.0/23 table 100
ip route add blackhole 172.170.208.0/20 table 100 2>/dev/null && n=$((n+1))
ip route add unreachable 10.25.0.0/16 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route del 10.31.68.249/32 metric 5 table 100
ip route add 172.174.122.0/25 dev va metric 5 table 100 2>/dev/null && n=$((n+1))
ip route del 172.174.122.0/25 metric 5 table 100
ip route del 122.96.0.0/15 table 100
ip route del 10.0.0.0/8 table 100
ip route add throw 172.1.151.112/28 table 100 2>/dev/null && n=$((n+1))
ip route add 110.163.48.161/32 dev va tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 10.31.192.0/18 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add unreachable 10.12.156.0/22 table 100 2>/dev/null && n=$((n+1))
ip route add throw 0.0.0.0/1 table 100 2>/dev/null && n=$((n+1))
ip route add throw 10.20.128.0/18 table 100 2>/dev/null && n=$((n+1))
ip route del 192.175.49.192/28 tos 0x10 table 100
ip route add prohibit 172.3.30.16/28 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route del 191.38.0.0/16 tos 0x10 table 100
ip route del 128.0.0.0/1 tos 0x10 table 100
ip route add prohibit 10.8.0.0/15 table 100 2>/dev/null && n=$((n+1))
ip route del 172.170.208.0/20 table 100
ip route del 10.14.5.204/30 table 100
ip route del 10.31.192.0/18 metric 5 table 100
ip route del 172.1.151.112/28 table 100
ip route add 168.0.0.0/8 dev va tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 192.171.55.0/24 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 192.168.214.128/25 table 100 2>/dev/null && n=$((n+1))
ip route add 204.71.147.212/30 dev va metric 5 table 100 2>/dev/null && n=$((n+1))
ip route del 10.11.44.0/24 table 100
ip route del 10.0.0.0/7 metric 5 table 100
ip route add unreachable 10.168.96.0/23 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add 0.0.0.0/0 dev va table 100 2>/dev/null && n=$((n+1))
ip route add prohibit 176.0.0.0/4 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 186.181.0.0/16 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add 192.21.56.0/23 dev va table 100 2>/dev/null && n=$((n+1))
ip route add prohibit 10.19.36.68/32 table 100 2>/dev/null && n=$((n+1))
ip route add 172.0.0.0/8 dev va table 100 2>/dev/null && n=$((n+1))
ip route add throw 192.23.93.23/32 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 254.0.0.0/7 table 100 2>/dev/null && n=$((n+1))
ip route add throw 10.171.44.0/24 table 100 2>/dev/null && n=$((n+1))
ip route add 10.168.0.0/15 dev va table 100 2>/dev/null && n=$((n+1))
ip route add 154.0.0.0/8 dev va table 100 2>/dev/null && n=$((n+1))
ip route add unreachable 172.27.244.0/22 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route del 10.19.36.68/32 table 100
ip route add throw 77.76.168.0/23 table 100 2>/dev/null && n=$((n+1))
ip route add 172.0.0.0/7 dev va tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route del 172.2.130.0/25 table 100
ip route add 172.18.128.0/18 dev va table 100 2>/dev/null && n=$((n+1))
ip route add unreachable 10.18.178.0/24 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 162.140.192.0/18 table 100 2>/dev/null && n=$((n+1))
ip route add 48.153.240.0/20 dev va tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add 102.105.33.88/32 dev va metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add throw 128.0.0.0/1 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 192.14.128.0/18 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add prohibit 192.170.192.0/18 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 172.1.192.0/18 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route del 254.0.0.0/7 table 100
ip route add throw 172.22.33.0/24 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add prohibit 192.9.0.0/16 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add 51.191.145.84/30 dev va tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add throw 172.2.226.0/25 table 100 2>/dev/null && n=$((n+1))
ip route add 32.57.64.0/22 dev va metric 5 table 100 2>/dev/null && n=$((n+1))
ip route del 110.163.48.161/32 tos 0x10 table 100
ip route add blackhole 172.3.198.138/32 table 100 2>/dev/null && n=$((n+1))
ip route add throw 10.1.71.0/24 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add 10.9.0.0/16 dev va table 100 2>/dev/null && n=$((n+1))
ip route add throw 216.180.200.49/32 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 0.0.0.0/1 table 100 2>/dev/null && n=$((n+1))
ip route add 172.170.0.0/18 dev va tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 192.0.0.0/7 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route del 32.57.64.0/22 metric 5 table 100
ip route add prohibit 0.0.0.0/0 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add 172.168.0.0/16 dev va table 100 2>/dev/null && n=$((n+1))
ip route del 108.224.0.0/12 table 100
ip route add 172.12.211.65/32 dev va tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add throw 172.169.0.0/16 table 100 2>/dev/null && n=$((n+1))
ip route add 1.186.0.0/15 dev va table 100 2>/dev/null && n=$((n+1))
ip route del 21.112.0.0/16 table 100
ip route del 0.0.0.0/1 table 100
ip route del 10.171.44.0/24 table 100
ip route del 10.1.71.0/24 tos 0x10 table 100
ip route add 242.0.0.0/7 dev va metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add unreachable 106.194.106.0/24 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add throw 128.0.0.0/1 table 100 2>/dev/null && n=$((n+1))
ip route add 192.16.0.0/12 dev va table 100 2>/dev/null && n=$((n+1))
ip route add 192.160.0.0/12 dev va tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route del 172.1.192.0/18 metric 5 table 100
ip route add unreachable 10.7.212.0/22 table 100 2>/dev/null && n=$((n+1))
ip route del 10.168.96.0/23 metric 5 table 100
ip route add blackhole 142.0.0.0/7 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add unreachable 210.111.0.0/18 table 100 2>/dev/null && n=$((n+1))
ip route add prohibit 172.10.0.0/15 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 7.192.144.0/24 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route del 114.125.128.0/22 table 100
ip route add prohibit 0.0.0.0/1 table 100 2>/dev/null && n=$((n+1))
ip route del 1.1.184.16/31 metric 5 table 100
ip route del 192.9.0.0/16 metric 5 table 100
ip route add 0.247.0.0/18 dev va table 100 2>/dev/null && n=$((n+1))
ip route del 77.76.168.0/23 table 100
ip route del 192.0.0.0/7 tos 0x10 table 100
ip route add blackhole 172.16.66.0/23 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route del 106.194.106.0/24 metric 5 table 100
ip route add blackhole 210.160.0.0/18 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route del 0.0.0.0/0 table 100
ip route add blackhole 172.10.81.128/31 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route del 192.21.117.64/28 table 100
ip route add unreachable 172.4.230.64/28 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 192.30.0.0/15 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route del 0.247.0.0/18 table 100
ip route add 60.36.150.235/32 dev va table 100 2>/dev/null && n=$((n+1))
ip route add prohibit 172.21.64.0/18 table 100 2>/dev/null && n=$((n+1))
ip route del 48.153.240.0/20 tos 0x10 table 100
ip route del 162.140.192.0/18 table 100
ip route del 172.16.66.0/23 tos 0x10 table 100
ip route add 172.10.0.0/15 dev va metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add unreachable 10.0.0.0/7 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add prohibit 172.14.0.0/16 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route del 10.168.0.0/15 table 100
ip route add prohibit 49.180.147.44/30 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add unreachable 198.102.0.0/16 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 172.21.234.62/31 table 100 2>/dev/null && n=$((n+1))
ip route del 192.170.192.0/18 tos 0x10 table 100
ip route del 172.0.0.0/7 tos 0x10 table 100
ip route add blackhole 104.179.224.0/20 table 100 2>/dev/null && n=$((n+1))
ip route del 10.17.205.0/25 metric 5 table 100
ip route add 10.23.29.240/28 dev va metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add throw 192.0.0.0/4 table 100 2>/dev/null && n=$((n+1))
ip route add prohibit 192.172.47.0/24 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 192.28.132.0/22 table 100 2>/dev/null && n=$((n+1))
ip route add 10.16.0.0/12 dev va table 100 2>/dev/null && n=$((n+1))
ip route add 192.0.0.0/12 dev va tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route del 142.0.0.0/7 tos 0x10 table 100
ip route add blackhole 10.160.0.0/12 table 100 2>/dev/null && n=$((n+1))
ip route del 172.21.234.62/31 table 100
ip route add prohibit 10.22.0.0/15 table 100 2>/dev/null && n=$((n+1))
ip route add 192.173.25.82/32 dev va metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 10.29.0.0/16 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route del 192.28.132.0/22 table 100
ip route del 192.160.0.0/12 tos 0x10 table 100
ip route del 51.191.145.84/30 tos 0x10 table 100
ip route add 10.132.0.0/15 dev va table 100 2>/dev/null && n=$((n+1))
ip route add 172.171.144.0/20 dev va table 100 2>/dev/null && n=$((n+1))
ip route add prohibit 172.174.192.0/18 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 172.16.0.0/12 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add unreachable 172.23.210.0/24 table 100 2>/dev/null && n=$((n+1))
ip route del 172.10.0.0/15 metric 5 table 100
ip route add 10.12.143.0/24 dev va metric 5 table 100 2>/dev/null && n=$((n+1))
ip route del 1.186.0.0/15 table 100
ip route add 192.24.199.128/25 dev va metric 5 table 100 2>/dev/null && n=$((n+1))
ip route del 10.25.0.0/16 metric 5 table 100
ip route add 172.0.0.0/7 dev va metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add 16.197.0.0/16 dev va table 100 2>/dev/null && n=$((n+1))
ip route del 0.0.0.0/0 metric 5 table 100
ip route add 172.1.39.0/24 dev va table 100 2>/dev/null && n=$((n+1))
ip route add throw 10.15.0.0/16 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add 172.15.0.0/16 dev va table 100 2>/dev/null && n=$((n+1))
ip route del 172.171.144.0/20 table 100
ip route del 210.160.0.0/18 metric 5 table 100
ip route add prohibit 192.0.72.0/24 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 172.174.236.0/22 table 100 2>/dev/null && n=$((n+1))
ip route del 10.20.128.0/18 table 100
ip route add unreachable 157.128.0.0/12 table 100 2>/dev/null && n=$((n+1))
ip route add 79.96.0.0/16 dev va table 100 2>/dev/null && n=$((n+1))
ip route add throw 128.0.0.0/1 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add unreachable 128.0.0.0/1 table 100 2>/dev/null && n=$((n+1))
ip route del 172.1.39.0/24 table 100
ip route add 10.0.0.0/7 dev va table 100 2>/dev/null && n=$((n+1))
ip route add throw 93.192.0.0/15 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route del 10.9.0.0/16 table 100
ip route add 10.174.167.0/24 dev va table 100 2>/dev/null && n=$((n+1))
ip route add prohibit 192.174.0.0/16 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add unreachable 10.8.31.0/25 table 100 2>/dev/null && n=$((n+1))
ip route add unreachable 10.7.70.0/23 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route del 102.105.33.88/32 metric 5 table 100
ip route add throw 129.199.91.171/32 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add 64.0.0.0/4 dev va tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add 0.0.0.0/0 dev va tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route del 10.7.70.0/23 metric 5 table 100
ip route add unreachable 10.169.0.0/16 table 100 2>/dev/null && n=$((n+1))
ip route del 172.12.211.65/32 tos 0x10 table 100
ip route add 172.168.0.0/16 dev va table 100 2>/dev/null && n=$((n+1))
ip route del 172.22.33.0/24 metric 5 table 100
ip route del 10.12.143.0/24 metric 5 table 100
ip route del 242.0.0.0/7 metric 5 table 100
ip route add throw 172.6.0.0/15 table 100 2>/dev/null && n=$((n+1))
ip route add 232.86.102.0/23 dev va tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add 10.23.27.0/25 dev va metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add unreachable 192.169.0.0/18 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route del 172.170.0.0/15 table 100
ip route del 64.0.0.0/4 tos 0x10 table 100
ip route add unreachable 10.7.104.0/22 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add 10.234.222.155/32 dev va table 100 2>/dev/null && n=$((n+1))
ip route del 10.174.167.0/24 table 100
ip route add 209.74.0.0/15 dev va table 100 2>/dev/null && n=$((n+1))
ip route add unreachable 10.11.242.0/23 table 100 2>/dev/null && n=$((n+1))
ip route add 22.100.106.64/32 dev va table 100 2>/dev/null && n=$((n+1))
ip route add 25.0.0.0/8 dev va metric 5 table 100 2>/dev/null && n=$((n+1))
ip route del 172.21.64.0/18 table 100
ip route add 0.0.0.0/0 dev va table 100 2>/dev/null && n=$((n+1))
ip route add 172.172.237.216/31 dev va table 100 2>/dev/null && n=$((n+1))
ip route add throw 0.0.0.0/0 table 100 2>/dev/null && n=$((n+1))
ip route add unreachable 182.226.0.0/15 table 100 2>/dev/null && n=$((n+1))
ip route del 172.17.105.163/32 table 100
ip route add unreachable 195.30.64.0/18 table 100 2>/dev/null && n=$((n+1))
ip route del 192.168.214.128/25 table 100
ip route add prohibit 172.160.0.0/12 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route del 172.170.0.0/18 tos 0x10 table 100
ip route add throw 192.1.0.0/16 table 100 2>/dev/null && n=$((n+1))
ip route add unreachable 172.171.164.0/22 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add 0.0.0.0/0 dev va metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 59.203.155.206/32 table 100 2>/dev/null && n=$((n+1))
ip route del 172.14.0.0/16 metric 5 table 100
ip route add throw 172.15.101.0/24 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add 172.20.0.0/16 dev va metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add 77.47.0.0/16 dev va metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 192.17.0.0/16 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route del 172.2.226.0/25 table 100
ip route del 0.0.0.0/0 metric 5 table 100
ip route add blackhole 246.80.0.0/12 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route del 154.0.0.0/8 table 100
ip route add unreachable 10.175.0.0/18 table 100 2>/dev/null && n=$((n+1))
ip route del 192.173.25.82/32 metric 5 table 100
ip route add throw 0.0.0.0/0 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add 10.20.162.28/32 dev va tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route del 172.10.0.0/15 table 100
ip route add throw 192.175.88.0/24 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add 225.76.189.229/32 dev va metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add 172.28.150.52/32 dev va table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 192.169.0.0/16 table 100 2>/dev/null && n=$((n+1))
ip route add 172.175.160.0/24 dev va metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add unreachable 172.6.192.0/20 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 183.80.0.0/12 table 100 2>/dev/null && n=$((n+1))
ip route del 232.86.102.0/23 tos 0x10 table 100
ip route add 10.168.0.0/15 dev va table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 189.250.234.0/24 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add prohibit 186.0.0.0/7 table 100 2>/dev/null && n=$((n+1))
ip route del 10.29.0.0/16 metric 5 table 100
ip route add 0.0.0.0/0 dev va table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 172.0.0.0/7 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add unreachable 33.16.0.0/12 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add 10.16.27.32/28 dev va tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add prohibit 10.24.0.0/18 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route del 10.132.0.0/15 table 100
ip route add 10.175.14.0/24 dev va table 100 2>/dev/null && n=$((n+1))
ip route add 172.20.23.234/32 dev va table 100 2>/dev/null && n=$((n+1))
ip route add 39.26.212.0/22 dev va tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route del 186.0.0.0/7 table 100
ip route add 200.182.176.0/20 dev va table 100 2>/dev/null && n=$((n+1))
ip route add prohibit 0.0.0.0/0 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 36.138.30.220/30 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route del 172.18.128.0/18 table 100
ip route del 172.0.0.0/7 metric 5 table 100
ip route add 156.0.0.0/12 dev va table 100 2>/dev/null && n=$((n+1))
ip route add prohibit 201.191.52.192/28 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add unreachable 172.170.0.0/15 table 100 2>/dev/null && n=$((n+1))
ip route del 210.111.0.0/18 table 100
ip route add blackhole 172.26.70.0/24 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route del 192.14.128.0/18 tos 0x10 table 100
ip route add throw 0.0.0.0/0 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 192.13.61.0/24 table 100 2>/dev/null && n=$((n+1))
ip route add 0.0.0.0/0 dev va table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 10.0.0.0/7 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add prohibit 24.46.224.0/20 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 141.219.43.128/25 table 100 2>/dev/null && n=$((n+1))
ip route add prohibit 172.23.5.0/24 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 192.26.55.128/25 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add 172.11.32.0/20 dev va table 100 2>/dev/null && n=$((n+1))
ip route add throw 0.0.0.0/1 table 100 2>/dev/null && n=$((n+1))
ip route add 172.0.0.0/7 dev va table 100 2>/dev/null && n=$((n+1))
ip route add 10.170.255.208/28 dev va table 100 2>/dev/null && n=$((n+1))
ip route del 192.13.61.0/24 table 100
ip route add 25.240.0.0/12 dev va table 100 2>/dev/null && n=$((n+1))
ip route add unreachable 234.0.0.0/7 table 100 2>/dev/null && n=$((n+1))
ip route add 192.0.0.0/8 dev va table 100 2>/dev/null && n=$((n+1))
ip route del 172.3.30.16/28 metric 5 table 100
ip route del 36.138.30.220/30 tos 0x10 table 100
ip route add throw 239.17.90.24/30 table 100 2>/dev/null && n=$((n+1))
ip route add throw 147.72.66.0/24 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route del 189.250.234.0/24 metric 5 table 100
ip route add unreachable 172.172.177.149/32 table 100 2>/dev/null && n=$((n+1))
ip route add unreachable 10.16.0.0/15 table 100 2>/dev/null && n=$((n+1))
ip route add unreachable 252.0.0.0/7 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 192.0.0.0/8 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add 192.160.0.0/12 dev va metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add 64.0.0.0/4 dev va tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add 233.220.0.0/16 dev va table 100 2>/dev/null && n=$((n+1))
ip route del 192.16.0.0/12 tos 0x10 table 100
ip route add throw 209.61.107.150/32 table 100 2>/dev/null && n=$((n+1))
ip route del 10.22.0.0/15 table 100
ip route add 172.172.7.0/24 dev va tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add unreachable 37.16.0.0/12 table 100 2>/dev/null && n=$((n+1))
ip route add throw 161.48.0.0/12 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add prohibit 192.22.103.0/24 table 100 2>/dev/null && n=$((n+1))
ip route del 246.80.0.0/12 tos 0x10 table 100
ip route add throw 0.0.0.0/0 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 96.78.162.255/32 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route del 212.47.221.0/24 table 100
ip route del 10.11.242.0/23 table 100
ip route add 235.172.49.248/30 dev va table 100 2>/dev/null && n=$((n+1))
ip route del 192.0.0.0/4 table 100
ip route add 192.169.186.80/30 dev va tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route del 172.169.0.0/16 table 100
ip route add prohibit 192.1.168.0/24 table 100 2>/dev/null && n=$((n+1))
ip route add 172.173.185.0/24 dev va table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 172.2.67.0/24 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add prohibit 226.149.0.0/16 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add 10.12.0.0/15 dev va table 100 2>/dev/null && n=$((n+1))
ip route add blackhole 192.0.64.84/30 table 100 2>/dev/null && n=$((n+1))
ip route add prohibit 95.193.28.0/24 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add 172.0.0.0/8 dev va table 100 2>/dev/null && n=$((n+1))
ip route del 10.0.0.0/7 table 100
ip route add 10.31.44.184/30 dev va table 100 2>/dev/null && n=$((n+1))
ip route add prohibit 192.10.109.0/24 table 100 2>/dev/null && n=$((n+1))
ip route del 192.0.72.0/24 tos 0x10 table 100
ip route add throw 0.0.0.0/0 tos 0x10 table 100 2>/dev/null && n=$((n+1))
ip route add 160.0.0.0/4 dev va table 100 2>/dev/null && n=$((n+1))
ip route del 10.31.44.184/30 table 100
ip route del 192.16.0.0/12 table 100
ip route add prohibit 172.10.12.240/32 metric 5 table 100 2>/dev/null && n=$((n+1))
ip route add unreachable 172.16.0.0/16 table 100 2>/dev/null && n=$((n+1))
echo added $n
ip route show table 100 | wc -l
cat /proc/net/fib_trie
cat /proc/net/fib_triestat
for i in $(seq 1 120); do
  ip route get 10.$((i*7%16)).$((i*13%256)).$((i*31%256)) 2>&1
  ip route get 172.$((16+i%3)).$((i*29%256)).$((i*3%256)) tos 0x10 2>&1
  ip route get 192.168.$((i*17%256)).$((i*5%256)) 2>&1
  ip route get $((i*37%223+1)).$((i*11%256)).$((i*3%256)).$i 2>&1
done
