// iptable_filter (net/ipv4/netfilter/iptable_filter.c): the filter table
// with its INPUT, FORWARD and OUTPUT chains, hooked at LOCAL_IN, FORWARD
// and LOCAL_OUT with priority NF_IP_PRI_FILTER. Like the kernel (since
// tables are instantiated per namespace on demand), it exists in a
// namespace from the first iptables command there.
//
// Not modelled: the forward=0 module parameter (FORWARD policy DROP).
#include "netfilter/x_tables.h"

namespace skbox {

extern const XtTableDesc iptable_filter_desc = {
    "filter", (1u << NF_INET_LOCAL_IN) | (1u << NF_INET_FORWARD) | (1u << NF_INET_LOCAL_OUT),
    0 /* NF_IP_PRI_FILTER */};

}  // namespace skbox
