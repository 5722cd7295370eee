// iptable_nat (net/ipv4/netfilter/iptable_nat.c): the nat table, with
// PREROUTING, INPUT, OUTPUT and POSTROUTING chains. Unlike the other tables
// it is not walked for every packet: the NAT core (nf_nat_core.cpp) runs
// it for the first packet of each connection only, and only for packets
// conntrack tracks (its targets take nf_ct_netns_get; a nat table of
// plain ACCEPT or LOG rules sees nothing alone), then applies the binding
// to the rest.
#include "netfilter/nf_nat.h"
#include "netfilter/x_tables.h"

namespace skbox {

namespace {

// iptable_nat_do_chain for each hook: DNAT at PREROUTING/OUTPUT, SNAT at
// INPUT/POSTROUTING.
void iptable_nat_register(Net& net, XtTable& t) {
  for (uint8_t h : {NF_INET_PRE_ROUTING, NF_INET_POST_ROUTING, NF_INET_LOCAL_OUT, NF_INET_LOCAL_IN}) {
    NfHookOps ops;
    ops.hook = &ipt_do_table_hook;
    ops.priv = &t;
    ops.pf = NFPROTO_IPV4;
    ops.hooknum = h;
    ops.priority = HOOK2MANIP(h) == NF_NAT_MANIP_DST ? NF_IP_PRI_NAT_DST : NF_IP_PRI_NAT_SRC;
    nf_nat_ipv4_register_fn(net, ops);
  }
}

}  // namespace

extern const XtTableDesc iptable_nat_desc = {
    "nat",
    (1u << NF_INET_PRE_ROUTING) | (1u << NF_INET_LOCAL_IN) | (1u << NF_INET_LOCAL_OUT) | (1u << NF_INET_POST_ROUTING),
    NF_IP_PRI_NAT_DST, &iptable_nat_register};

}  // namespace skbox
