// The NAT core (net/netfilter/nf_nat_core.c): see nf_nat.h.
#include "netfilter/nf_nat.h"

#include "net/net.h"

namespace skbox {

void nf_nat_cleanup_conntrack(NfConn&) {}

}  // namespace skbox
