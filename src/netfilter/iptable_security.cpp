// iptable_security (net/ipv4/netfilter/iptable_security.c): the security
// table's INPUT, FORWARD and OUTPUT chains, after filter
// (NF_IP_PRI_SECURITY). Without an LSM there is nothing for its SECMARK
// targets to do, but its chains filter like any other.
#include "netfilter/x_tables.h"

namespace skbox {

extern const XtTableDesc iptable_security_desc = {
    "security", (1u << NF_INET_LOCAL_IN) | (1u << NF_INET_FORWARD) | (1u << NF_INET_LOCAL_OUT),
    50 /* NF_IP_PRI_SECURITY */};

}  // namespace skbox
