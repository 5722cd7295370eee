// The NAT core (net/netfilter/nf_nat_core.c): choosing a connection's
// binding (get_unique_tuple), recording it in the conntrack entry, the
// per-namespace hooks that run the nat tables' lookups, and applying the
// binding to each packet (nf_nat_packet; the rewriting itself is in
// nf_nat_proto.cpp). See nf_nat.h.
#include <netinet/in.h>

#include <algorithm>
#include <bit>

#include "net/net.h"
#include "net/world.h"
#include "netfilter/nf_nat.h"

namespace skbox {

namespace {

constexpr unsigned kMaxAttempts = 128;  // nf_nat_l4proto_unique_tuple's max_attempts
constexpr size_t kMinBysource = 64;

NfNatNet* nat_net_of(const NfConn& ct) { return ct.cnet ? &ct.cnet->nat : nullptr; }

// Bob Jenkins' lookup3 hashword, as the kernel's jhash2: the address
// choice in a range must land where Linux's does.
uint32_t jhash2(const uint32_t* k, uint32_t length, uint32_t initval) {
  auto rot = [](uint32_t x, int r) { return std::rotl(x, r); };
  uint32_t a, b, c;
  a = b = c = 0xdeadbeef + (length << 2) + initval;
  while (length > 3) {
    a += k[0];
    b += k[1];
    c += k[2];
    a -= c; a ^= rot(c, 4);  c += b;
    b -= a; b ^= rot(a, 6);  a += c;
    c -= b; c ^= rot(b, 8);  b += a;
    a -= c; a ^= rot(c, 16); c += b;
    b -= a; b ^= rot(a, 19); a += c;
    c -= b; c ^= rot(b, 4);  b += a;
    length -= 3;
    k += 3;
  }
  switch (length) {
    case 3: c += k[2]; [[fallthrough]];
    case 2: b += k[1]; [[fallthrough]];
    case 1:
      a += k[0];
      c ^= b; c -= rot(b, 14);
      a ^= c; a -= rot(c, 11);
      b ^= a; b -= rot(a, 25);
      c ^= b; c -= rot(b, 16);
      a ^= c; a -= rot(c, 4);
      b ^= a; b -= rot(a, 14);
      c ^= b; c -= rot(b, 24);
      break;
    default: break;
  }
  return c;
}

// The 32-bit word the kernel sees in memory for an address (network byte
// order read by a little-endian CPU).
uint32_t raw_word(Ipv4Addr a) { return __builtin_bswap32(a.v); }

uint32_t reciprocal_scale(uint32_t val, uint32_t ep_ro) {
  return static_cast<uint32_t>((uint64_t(val) * ep_ro) >> 32);
}

uint16_t random_u16(const NfConn& ct) { return static_cast<uint16_t>(ct.cnet->net.world.rng.next_u32()); }

// hash_by_src: the original source (address, port, protocol).
size_t hash_by_src(const NfNatNet& nn, const NfConntrackTuple& t) {
  uint32_t h = jhash2(&t.src.v, 1, uint32_t(t.src_port) << 8 | t.protonum);
  return h & (nn.bysource.size() - 1);
}

void bysource_insert(NfNatNet& nn, NfConn& ct) {
  NfConn*& head = nn.bysource[hash_by_src(nn, ct.tuple[IP_CT_DIR_ORIGINAL])];
  ct.nat_bysource_next = head;
  head = &ct;
}

// The by-source hash grows with the SNAT'ed entries (warm-up only).
void bysource_grow(NfNatNet& nn, NfConntrackNet& cn) {
  if (nn.bysource.size() >= kMinBysource && nn.bysource_count <= nn.bysource.size()) return;
  nn.bysource.assign(std::max(kMinBysource, nn.bysource.size() * 2), nullptr);
  for (NfConn* c = cn.all_head; c; c = c->all_next)
    if (c->status & IPS_SRC_NAT_DONE) bysource_insert(nn, *c);
}

// nf_nat_used_tuple: would the reply to `tuple` (an original-direction
// tuple after NAT) be some other connection's?
bool nf_nat_used_tuple(const NfConntrackTuple& tuple, const NfConn& ignored) {
  NfConntrackTuple reply;
  if (!nf_ct_invert_tuple(reply, tuple)) reply = tuple;
  return ignored.cnet && nf_conntrack_tuple_taken(*ignored.cnet, reply, &ignored);
}

bool inet_in_range(const NfConntrackTuple& t, const NfNatRange2& r) {
  return t.src.v >= r.min_addr.v && t.src.v <= r.max_addr.v;
}

bool is_icmp(uint8_t proto) { return proto == IPPROTO_ICMP; }

bool has_ports(uint8_t proto) {
  return proto == IPPROTO_TCP || proto == IPPROTO_UDP || proto == IPPROTO_UDPLITE || proto == IPPROTO_DCCP ||
         proto == IPPROTO_SCTP;
}

// l4proto_in_range: the manipulable part of the tuple within [min, max].
bool l4proto_in_range(const NfConntrackTuple& t, NfNatManipType mt, uint16_t min, uint16_t max) {
  if (is_icmp(t.protonum)) return t.src_port >= min && t.src_port <= max;
  if (!has_ports(t.protonum)) return true;
  const uint16_t port = mt == NF_NAT_MANIP_SRC ? t.src_port : t.dst_port;
  return port >= min && port <= max;
}

// in_range: would source-mapping to `t` satisfy the range?
bool in_range(const NfConntrackTuple& t, const NfNatRange2& r) {
  if ((r.flags & NF_NAT_RANGE_MAP_IPS) && !inet_in_range(t, r)) return false;
  if (!(r.flags & NF_NAT_RANGE_PROTO_SPECIFIED)) return true;
  return l4proto_in_range(t, NF_NAT_MANIP_SRC, r.min_proto, r.max_proto);
}

// find_appropriate_src: this source is already mapped by another
// connection; reuse its mapping if it fits the range.
bool find_appropriate_src(const NfNatNet& nn, const NfConntrackTuple& tuple, NfConntrackTuple& result,
                          const NfNatRange2& range) {
  if (nn.bysource.empty()) return false;
  for (NfConn* c = nn.bysource[hash_by_src(nn, tuple)]; c; c = c->nat_bysource_next) {
    const NfConntrackTuple& t = c->tuple[IP_CT_DIR_ORIGINAL];
    if (t.protonum != tuple.protonum || t.src.v != tuple.src.v || t.src_port != tuple.src_port) continue;
    nf_ct_invert_tuple(result, c->tuple[IP_CT_DIR_REPLY]);
    result.dst = tuple.dst;
    result.dst_port = tuple.dst_port;
    result.icmp_type = tuple.icmp_type;
    result.icmp_code = tuple.icmp_code;
    if (in_range(result, range)) return true;
  }
  return false;
}

// find_best_ips_proto: an address of the range chosen by hashing the
// source (and the destination, unless --persistent), so a client keeps
// its address across connections.
void find_best_ips_proto(NfConntrackTuple& tuple, const NfNatRange2& range, NfNatManipType mt) {
  if (!(range.flags & NF_NAT_RANGE_MAP_IPS)) return;
  Ipv4Addr& var = mt == NF_NAT_MANIP_SRC ? tuple.src : tuple.dst;
  if (range.min_addr.v == range.max_addr.v) {
    var = range.min_addr;
    return;
  }
  // The kernel hashes the whole 16-byte nf_inet_addr; for IPv4 only the
  // first word is set.
  const uint32_t words[4] = {raw_word(tuple.src), 0, 0, 0};
  const uint32_t j =
      jhash2(words, 4, (range.flags & NF_NAT_RANGE_PERSISTENT) ? 0 : raw_word(tuple.dst) /* ^ zone id 0 */);
  const uint32_t dist = range.max_addr.v - range.min_addr.v + 1;
  var = Ipv4Addr(range.min_addr.v + reciprocal_scale(j, dist));
}

// nf_nat_l4proto_unique_tuple: the port (or ICMP id) moved into the range
// until the tuple is unique, starting at a random offset (or the shifted
// one for DNAT's port/base form), in at most 128 tries then halving
// windows from new random offsets.
void l4proto_unique_tuple(NfConntrackTuple& tuple, const NfNatRange2& range, NfNatManipType mt, const NfConn& ct) {
  uint16_t* keyptr;
  unsigned min, range_size;
  if (is_icmp(tuple.protonum)) {
    keyptr = &tuple.src_port;
    if (!(range.flags & NF_NAT_RANGE_PROTO_SPECIFIED)) {
      min = 0;
      range_size = 65536;
    } else {
      min = range.min_proto;
      range_size = unsigned(range.max_proto) - range.min_proto + 1;
    }
  } else {
    if (!has_ports(tuple.protonum)) return;
    keyptr = mt == NF_NAT_MANIP_SRC ? &tuple.src_port : &tuple.dst_port;
    if (!(range.flags & NF_NAT_RANGE_PROTO_SPECIFIED)) {
      if (mt == NF_NAT_MANIP_DST) return;  // a destination port is never invented
      if (*keyptr < 1024) {
        // Ports below 512 stay below 512 (credential passing), 512-1023 in 600-1023.
        if (*keyptr < 512) {
          min = 1;
          range_size = 511;
        } else {
          min = 600;
          range_size = 1023 - 600 + 1;
        }
      } else {
        min = 1024;
        range_size = 65535 - 1024 + 1;
      }
    } else {
      unsigned lo = range.min_proto, hi = range.max_proto;
      if (hi < lo) std::swap(lo, hi);
      min = lo;
      range_size = hi - lo + 1;
    }
  }
  uint16_t off = (range.flags & NF_NAT_RANGE_PROTO_OFFSET) ? static_cast<uint16_t>(*keyptr - range.base_proto)
                                                           : random_u16(ct);
  unsigned attempts = std::min(range_size, kMaxAttempts);
  for (;;) {
    for (unsigned i = 0; i < attempts; ++i, ++off) {
      *keyptr = static_cast<uint16_t>(min + off % range_size);
      if (!nf_nat_used_tuple(tuple, ct)) return;
    }
    if (attempts >= range_size || attempts < 16) return;
    attempts /= 2;
    off = random_u16(ct);
  }
}

// get_unique_tuple: the new original-direction tuple for this side.
void get_unique_tuple(NfConntrackTuple& tuple, const NfConntrackTuple& orig, const NfNatRange2& range, NfConn& ct,
                      NfNatManipType mt) {
  // 1) A source keeps its own address/port when it fits the range and is
  // free, else the mapping an earlier connection of the same source got.
  if (mt == NF_NAT_MANIP_SRC && !(range.flags & NF_NAT_RANGE_PROTO_RANDOM_ALL)) {
    if (in_range(orig, range)) {
      if (!nf_nat_used_tuple(orig, ct)) {
        tuple = orig;
        return;
      }
    } else if (const NfNatNet* nn = nat_net_of(ct); nn && find_appropriate_src(*nn, orig, tuple, range)) {
      if (!nf_nat_used_tuple(tuple, ct)) return;
    }
  }
  // 2) The address from the range.
  tuple = orig;
  find_best_ips_proto(tuple, range, mt);
  // 3) Keep the port when it is in range and unique, else find one.
  if (!(range.flags & NF_NAT_RANGE_PROTO_RANDOM_ALL)) {
    if (range.flags & NF_NAT_RANGE_PROTO_SPECIFIED) {
      if (!(range.flags & NF_NAT_RANGE_PROTO_OFFSET) &&
          l4proto_in_range(tuple, mt, range.min_proto, range.max_proto) &&
          (range.min_proto == range.max_proto || !nf_nat_used_tuple(tuple, ct)))
        return;
    } else if (!nf_nat_used_tuple(tuple, ct)) {
      return;
    }
  }
  l4proto_unique_tuple(tuple, range, mt, ct);
}

}  // namespace

NfVerdict nf_nat_setup_info(NfConn& ct, const NfNatRange2& range, NfNatManipType maniptype) {
  if (ct.confirmed()) return NfVerdict::Accept;
  if (nf_nat_initialized(ct, maniptype)) return NfVerdict::Drop;  // WARN_ON in Linux
  // The packet as it looks now: the inverse of the (maybe already
  // DNAT'ed) reply tuple.
  NfConntrackTuple curr, nt;
  nf_ct_invert_tuple(curr, ct.tuple[IP_CT_DIR_REPLY]);
  get_unique_tuple(nt, curr, range, ct, maniptype);
  if (!(nt == curr)) {
    NfConntrackTuple reply;
    nf_ct_invert_tuple(reply, nt);
    nf_conntrack_alter_reply(ct, reply);
    ct.status |= maniptype == NF_NAT_MANIP_SRC ? IPS_SRC_NAT : IPS_DST_NAT;
  }
  if (maniptype == NF_NAT_MANIP_SRC && ct.cnet) {
    NfNatNet& nn = ct.cnet->nat;
    ++nn.bysource_count;
    bysource_grow(nn, *ct.cnet);  // rehashes the others (flagged SRC_NAT_DONE)
    bysource_insert(nn, ct);
  }
  ct.status |= maniptype == NF_NAT_MANIP_DST ? IPS_DST_NAT_DONE : IPS_SRC_NAT_DONE;
  return NfVerdict::Accept;
}

NfVerdict nf_nat_alloc_null_binding(NfConn& ct, uint8_t hooknum) {
  const NfNatManipType mt = HOOK2MANIP(hooknum);
  // The reply tuple, in case it was already mangled (a local packet).
  const Ipv4Addr ip = mt == NF_NAT_MANIP_SRC ? ct.tuple[IP_CT_DIR_REPLY].dst : ct.tuple[IP_CT_DIR_REPLY].src;
  NfNatRange2 range;
  range.flags = NF_NAT_RANGE_MAP_IPS;
  range.min_addr = range.max_addr = ip;
  return nf_nat_setup_info(ct, range, mt);
}

void nf_nat_cleanup_conntrack(NfConn& ct) {
  if (!(ct.status & IPS_SRC_NAT_DONE)) return;
  NfNatNet* nn = nat_net_of(ct);
  if (!nn || nn->bysource.empty()) return;
  NfConn** link = &nn->bysource[hash_by_src(*nn, ct.tuple[IP_CT_DIR_ORIGINAL])];
  while (*link && *link != &ct) link = &(*link)->nat_bysource_next;
  if (*link) {
    *link = ct.nat_bysource_next;
    --nn->bysource_count;
  }
  ct.nat_bysource_next = nullptr;
  ct.status &= ~IPS_SRC_NAT_DONE;
}

NfVerdict nf_nat_packet(NfConn& ct, uint8_t ctinfo, uint8_t hooknum, SkBuff& skb) {
  const NfNatManipType mt = HOOK2MANIP(hooknum);
  const uint8_t dir = CTINFO2DIR(ctinfo);
  uint32_t statusbit = mt == NF_NAT_MANIP_SRC ? IPS_SRC_NAT : IPS_DST_NAT;
  if (dir == IP_CT_DIR_REPLY) statusbit ^= IPS_NAT_MASK;
  if (!(ct.status & statusbit)) return NfVerdict::Accept;
  // nf_nat_manip_pkt: the packet takes the inverse of the other
  // direction's tuple.
  NfConntrackTuple target;
  nf_ct_invert_tuple(target, ct.tuple[!dir]);
  return nf_nat_ipv4_manip_pkt(skb, 0, target, mt) ? NfVerdict::Accept : NfVerdict::Drop;
}

NfVerdict nf_nat_inet_fn(void* priv, SkbPtr& skb, const NfHookState& state) {
  uint8_t ctinfo;
  NfConn* ct = nf_ct_get(*skb, &ctinfo);
  // Untracked: it is the user's business to filter it.
  if (!ct) return NfVerdict::Accept;
  const NfNatManipType mt = HOOK2MANIP(state.hook);
  // nf_nat_oif_changed: a MASQUERADE'd flow now leaving by another device.
  auto oif_changed = [&] {
    return ct->masq_ifindex && state.hook == NF_INET_POST_ROUTING && CTINFO2DIR(ctinfo) == IP_CT_DIR_ORIGINAL &&
           state.out && state.out->ifindex != ct->masq_ifindex;
  };
  switch (ctinfo) {
    case IP_CT_RELATED:
    case IP_CT_RELATED_REPLY:
    case IP_CT_NEW:
      if (!nf_nat_initialized(*ct, mt)) {
        // The first packet of the connection at this hook: the nat tables
        // decide, else the null binding.
        const NfNatNet& nn = *static_cast<const NfNatNet*>(priv);
        bool bound = false;
        for (const NfHookOps& ops : nn.lookups[state.hook]) {
          const NfVerdict v = ops.hook(ops.priv, skb, state);
          if (v != NfVerdict::Accept) return v;
          if (nf_nat_initialized(*ct, mt)) {
            bound = true;
            break;
          }
        }
        if (!bound) {
          const NfVerdict v = nf_nat_alloc_null_binding(*ct, state.hook);
          if (v != NfVerdict::Accept) return v;
        }
      } else if (oif_changed()) {
        nf_ct_kill(ct);
        return NfVerdict::Drop;
      }
      break;
    default:  // ESTABLISHED, ESTABLISHED_REPLY
      if (oif_changed()) {
        nf_ct_kill(ct);
        return NfVerdict::Drop;
      }
  }
  return nf_nat_packet(*ct, ctinfo, state.hook, *skb);
}

int nf_nat_ipv4_register_fn(Net& net, const NfHookOps& ops) {
  NfNatNet& nn = nf_ct_net(net).nat;
  if (nn.users == 0) {
    if (int err = nf_nat_ipv4_register_hooks(net, &nn)) return err;
  }
  std::vector<NfHookOps>& l = nn.lookups[ops.hooknum];
  auto at = std::find_if(l.begin(), l.end(), [&](const NfHookOps& o) { return ops.priority < o.priority; });
  l.insert(at, ops);
  ++nn.users;
  return 0;
}

void nf_nat_ipv4_unregister_fn(Net& net, const NfHookOps& ops) {
  NfConntrackNet* cn = nf_ct_net_maybe(net);
  if (!cn || cn->nat.users == 0) return;
  NfNatNet& nn = cn->nat;
  std::erase_if(nn.lookups[ops.hooknum], [&](const NfHookOps& o) { return o.hook == ops.hook && o.priv == ops.priv; });
  if (--nn.users == 0) nf_nat_ipv4_unregister_hooks(net, &nn);
}

}  // namespace skbox
