# examples/docker-bridge.sh without TRACE: dockerd's default bridge network (legacy iptables, userland-proxy=false) with br_netfilter; container->container, host->container, container->outside (MASQUERADE), outside->published UDP port (DNAT) and a container's hairpin to it; conntrack and the nat/FORWARD counters afterwards
TRACE=off
. ../../examples/docker-bridge.sh
