// iptable_raw (net/ipv4/netfilter/iptable_raw.c): the raw table, PREROUTING
// and OUTPUT at NF_IP_PRI_RAW, before conntrack sees the packet (so NOTRACK
// and TRACE take effect there).
#include "netfilter/x_tables.h"

namespace skbox {

extern const XtTableDesc iptable_raw_desc = {
    "raw", (1u << NF_INET_PRE_ROUTING) | (1u << NF_INET_LOCAL_OUT), -300 /* NF_IP_PRI_RAW */};

}  // namespace skbox
