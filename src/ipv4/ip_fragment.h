// IPv4 fragmentation (ip_fragment/ip_do_fragment, net/ipv4/ip_output.c) and
// reassembly (ip_defrag, net/ipv4/ip_fragment.c + inet_fragment.c).
#pragma once
#include <cstdint>

#include "core/skbuff.h"

namespace skbox {

class Net;
struct Ipv4Frags;

// ip_fragment: a datagram longer than mtu. With DF (and not ignore_df) it is
// refused with an ICMP "fragmentation needed"; otherwise it is cut into
// fragments of at most mtu bytes, each handed to `output`.
// A piece whose output fails stops the rest (FragFails); the error is
// returned as ip_do_fragment returns it.
using IpFragOutput = int (*)(Net&, SkbPtr);
int ip_fragment(Net& net, SkbPtr skb, uint32_t mtu, IpFragOutput output);

// ip_defrag (IP_DEFRAG_LOCAL_DELIVER): queues a fragment whose data starts at
// its IP header. Returns the reassembled datagram (data at the IP header, no
// fragment bits) when this fragment completed it; otherwise the fragment was
// queued or dropped and the result is empty.
SkbPtr ip_defrag(Net& net, SkbPtr skb);

// The namespace's reassembly memory (fqdir->mem: sizeof(struct ipq) per
// queue plus the truesize of every queued fragment) and its queue count.
uint64_t ip_frag_mem(Net& net);
uint32_t ip_frag_queues(Net& net);
// skb->truesize of a piece of `fraglen` bytes (IP header included) that
// ip_fragment cuts from `skb`: what the kernel's fast path (a locally built
// datagram, pre-split by ip_append_data) or slow path (ip_frag_next) gives.
uint32_t ip_frag_piece_truesize(const SkBuff& skb, uint32_t fraglen);

// Owner of a namespace's reassembly queues (net->ipv4.fqdir).
struct Ipv4FragsDeleter {
  void operator()(Ipv4Frags* f) const;
};

}  // namespace skbox
