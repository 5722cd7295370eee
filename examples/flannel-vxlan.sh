# A Kubernetes pod network as flannel (vxlan backend) and the bridge CNI
# plugin build it: N hosts with PODS pods each, pods on different hosts
# talking through VXLAN tunnels over a shared underlay switch.
#
#   build/skbox run examples/flannel-vxlan.sh [N] [PODS]     (default 3 hosts x 2 pods)
#
# Runs unchanged on Linux as root, e.g. in a throw-away sandbox:
#   unshare -m -n --propagation private bash -c 'mkdir -p /run/netns;
#     mount -t tmpfs tmpfs /run/netns; bash examples/flannel-vxlan.sh 3 2'
#
# Layout, for host I (1..N, N <= 254) and pod K (1..PODS):
#   underlay      namespace with the switch: bridge sw0, one port vethI per host
#   hostI         eth0 192.168.0.I/16 (the node's NIC, plugged into sw0)
#                 flannel.1 vxlan VNI 1, UDP 8472, 10.244.I.0/32, MAC 02:f1:00:00:HH:LL (I in hex)
#                 cni0 bridge 10.244.I.1/24, the pods' gateway
#   hostI-podK    eth0 10.244.I.(K+1)/24, its host end is port vethK of cni0
N=${1:-3}
PODS=${2:-2}

# flanneld gives every host's VTEP a MAC and publishes it in the host's subnet
# lease; here it is derived from the host number so every host can name it.
vtep_mac() { printf '02:f1:00:00:%02x:%02x' $(($1 / 256)) $(($1 % 256)); }

# The underlay: one L2 segment joining the hosts' eth0.
ip netns add underlay
ip -n underlay link add sw0 type bridge
ip -n underlay link set sw0 up

for i in $(seq 1 $N); do
  h=host$i
  ip netns add $h
  ip -n $h link set lo up
  ip -n underlay link add veth$i type veth peer name eth0 netns $h
  ip -n underlay link set veth$i master sw0 up
  ip -n $h addr add 192.168.0.$i/16 dev eth0
  ip -n $h link set eth0 up
  ip netns exec $h sysctl -qw net.ipv4.ip_forward=1

  # flanneld: the VTEP (MTU = eth0's 1500 - 50 bytes of VXLAN headers),
  # holding the first address of the host's pod subnet.
  ip -n $h link add flannel.1 address $(vtep_mac $i) mtu 1450 type vxlan \
     id 1 local 192.168.0.$i dev eth0 dstport 8472 nolearning
  ip -n $h addr add 10.244.$i.0/32 dev flannel.1
  ip -n $h link set flannel.1 up

  # The bridge CNI plugin: cni0 is the pods' gateway (isGateway); each pod is
  # a veth pair with one end on cni0 (hairpinMode, as kube-flannel sets it).
  ip -n $h link add cni0 mtu 1450 type bridge
  ip -n $h addr add 10.244.$i.1/24 dev cni0
  ip -n $h link set cni0 up
  for k in $(seq 1 $PODS); do
    pod=$h-pod$k
    ip netns add $pod
    ip -n $pod link set lo up
    ip -n $h link add veth$k mtu 1450 type veth peer name eth0 netns $pod
    ip -n $h link set veth$k master cni0 up
    bridge -n $h link set dev veth$k hairpin on
    ip -n $pod addr add 10.244.$i.$((k + 1))/24 dev eth0
    ip -n $pod link set eth0 up
    # isDefaultGateway, plus the flannel network route host-local adds.
    ip -n $pod route add default via 10.244.$i.1 dev eth0
    ip -n $pod route add 10.244.0.0/16 via 10.244.$i.1 dev eth0
  done
done

# flanneld on host I, for every other host J's subnet lease: an ARP entry for
# J's VTEP address, an FDB entry sending J's VTEP MAC to J's underlay address,
# then the route (flannel's AddARP, AddFDB and RouteReplace, in that order;
# all three are netlink "replace" requests, hence `replace` here).
for i in $(seq 1 $N); do
  for j in $(seq 1 $N); do
    [ $j -eq $i ] && continue
    ip -n host$i neigh replace 10.244.$j.0 lladdr $(vtep_mac $j) dev flannel.1 nud permanent
    bridge -n host$i fdb replace $(vtep_mac $j) dev flannel.1 dst 192.168.0.$j self permanent
    ip -n host$i route replace 10.244.$j.0/24 via 10.244.$j.0 dev flannel.1 onlink
  done
done

# What host1 now knows about the other hosts (the kernel lists neighbours in
# the order of a randomly keyed hash: sorted here).
ip -n host1 route show dev flannel.1 | head -3
ip -n host1 neigh show dev flannel.1 | sort | head -3
bridge -n host1 fdb show dev flannel.1 | head -3

# Pod to pod across hosts: pod1 of host1 to pod1 of host2 and to the last pod
# of the last host (inner ICMP in UDP 8472 on the hosts' eth0).
ip netns exec host1-pod1 ping -c 3 10.244.2.2
ip netns exec host1-pod1 ping -c 3 10.244.$N.$((PODS + 1))
