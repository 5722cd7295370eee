// iptable_nat (net/ipv4/netfilter/iptable_nat.c): the nat table, with
// PREROUTING, INPUT, OUTPUT and POSTROUTING chains. Unlike the other tables
// it is not walked for every packet: the NAT core runs it for the first
// packet of each connection only and applies the binding to the rest.
//
// Not modelled yet: the NAT core's hooks (until they land, the table holds
// rules but no packet walks it).
#include "netfilter/x_tables.h"

namespace skbox {

namespace {

void iptable_nat_register(Net&, XtTable&) {}

}  // namespace

extern const XtTableDesc iptable_nat_desc = {
    "nat",
    (1u << NF_INET_PRE_ROUTING) | (1u << NF_INET_LOCAL_IN) | (1u << NF_INET_LOCAL_OUT) | (1u << NF_INET_POST_ROUTING),
    -100 /* NF_IP_PRI_NAT_DST; SNAT runs at NF_IP_PRI_NAT_SRC, 100 */, &iptable_nat_register};

}  // namespace skbox
