// iptable_mangle (net/ipv4/netfilter/iptable_mangle.c): the mangle table at
// all five hooks with priority NF_IP_PRI_MANGLE, after conntrack and before
// DNAT.
//
// Not modelled: ipt_mangle_out's re-route of a locally sent packet whose
// mark, TOS or addresses a rule changed.
#include "netfilter/x_tables.h"

namespace skbox {

extern const XtTableDesc iptable_mangle_desc = {
    "mangle",
    (1u << NF_INET_PRE_ROUTING) | (1u << NF_INET_LOCAL_IN) | (1u << NF_INET_FORWARD) | (1u << NF_INET_LOCAL_OUT) |
        (1u << NF_INET_POST_ROUTING),
    -150 /* NF_IP_PRI_MANGLE */};

}  // namespace skbox
