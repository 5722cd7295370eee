// Multipath hashing and path selection (see fib_multipath.h).
#include "ipv4/fib_multipath.h"

#include <cstring>
#include <string>

#include "core/skbuff.h"
#include "ipv4/devinet.h"
#include "ipv4/ip.h"
#include "neigh/neigh_table.h"
#include "neigh/neighbour.h"
#include "net/net.h"
#include "net/netdevice.h"

namespace skbox {

namespace {

constexpr uint64_t rotl(uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

struct SipState {
  uint64_t v0, v1, v2, v3;
  void round() {
    v0 += v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32);
    v2 += v3; v3 = rotl(v3, 16); v3 ^= v2;
    v0 += v3; v3 = rotl(v3, 21); v3 ^= v0;
    v2 += v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32);
  }
};

uint64_t load_le64(const uint8_t* p) {
  uint64_t x = 0;
  for (int i = 7; i >= 0; --i) x = (x << 8) | p[i];
  return x;
}

// SipHash-2-4 of a buffer whose length is a multiple of 8 (the flow_keys
// slice always is), as the kernel's siphash() computes it.
uint64_t siphash_2_4(const uint8_t* data, size_t len, uint64_t k0, uint64_t k1) {
  SipState s{0x736f6d6570736575ULL ^ k0, 0x646f72616e646f6dULL ^ k1, 0x6c7967656e657261ULL ^ k0,
             0x7465646279746573ULL ^ k1};
  for (size_t i = 0; i + 8 <= len; i += 8) {
    uint64_t m = load_le64(data + i);
    s.v3 ^= m;
    s.round();
    s.round();
    s.v0 ^= m;
  }
  const uint64_t b = uint64_t(len) << 56;
  s.v3 ^= b;
  s.round();
  s.round();
  s.v0 ^= b;
  s.v2 ^= 0xff;
  for (int i = 0; i < 4; ++i) s.round();
  return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
}

void put_be16(uint8_t* p, uint16_t v) {
  p[0] = uint8_t(v >> 8);
  p[1] = uint8_t(v);
}
void put_be32(uint8_t* p, uint32_t v) {
  p[0] = uint8_t(v >> 24);
  p[1] = uint8_t(v >> 16);
  p[2] = uint8_t(v >> 8);
  p[3] = uint8_t(v);
}

// The kernel compares the big-endian fields as the little-endian host reads
// them; byte-swapping the host-order values gives the same order.
uint32_t as_le32(uint32_t host) { return __builtin_bswap32(host); }
uint16_t as_le16(uint16_t host) { return __builtin_bswap16(host); }


// Upper bounds as fib_rebalance computes them, from the next hops' state now.
void upper_bounds(const FibRoute& r, int* out) {
  auto usable = [&](const FibNh& nh) {
    if (nh.flags & RTNH_F_DEAD) return false;
    if (nh.dev && ip_ignore_linkdown(*nh.dev->net, nh.dev) && fib_nh_linkdown(nh)) return false;
    return true;
  };
  uint64_t total = 0;
  for (const FibNh& nh : r.nhs)
    if (usable(nh)) total += uint64_t(nh.weight);
  uint64_t w = 0;
  for (size_t i = 0; i < r.nhs.size(); ++i) {
    const FibNh& nh = r.nhs[i];
    if (!usable(nh) || !total) {
      out[i] = -1;
      continue;
    }
    w += uint64_t(nh.weight);
    // DIV_ROUND_CLOSEST_ULL((u64)w << 31, total) - 1
    out[i] = int(((w << 31) + total / 2) / total - 1);
  }
}

// fib_good_nh: a gateway whose neighbour entry exists must be NUD_VALID.
bool fib_good_nh(Net& net, const FibNh& nh) {
  uint8_t state = NUD_REACHABLE;
  if (nh.scope == RT_SCOPE_LINK && net.arp_tbl)
    if (Neighbour* n = arp_table(net).lookup(nh.dev, nh.gw)) state = n->nud_state;
  return state & NUD_VALID;
}

// ip_multipath_l3_keys: ICMP errors hash on the header they quote, so they
// follow the flow they belong to.
void l3_keys_from_skb(const SkBuff& skb, MultipathKeys& k) {
  const uint8_t* iph = skb.head + skb.network_header;
  const uint32_t avail = skb.network_len();
  auto addr = [](const uint8_t* p) { return Ipv4Addr((uint32_t(p[0]) << 24) | (p[1] << 16) | (p[2] << 8) | p[3]); };
  k.saddr = addr(iph + 12);
  k.daddr = addr(iph + 16);
  if (iph[9] != 1 /* IPPROTO_ICMP */) return;
  if (((iph[6] << 8) | iph[7]) & 0x1FFF) return;
  const uint32_t ihl = uint32_t(iph[0] & 0xf) * 4;
  if (avail < ihl + 8) return;
  const uint8_t type = iph[ihl];
  // icmp_is_err
  if (type != 3 && type != 4 && type != 5 && type != 11 && type != 12) return;
  if (avail < ihl + 8 + 20) return;
  k.saddr = addr(iph + ihl + 8 + 12);
  k.daddr = addr(iph + ihl + 8 + 16);
}

// skb_flow_dissect_flow_keys, the fields the L4 policy uses.
void l4_keys_from_skb(const SkBuff& skb, MultipathKeys& k) {
  const uint8_t* iph = skb.head + skb.network_header;
  const uint32_t avail = skb.network_len();
  k.saddr = Ipv4Addr((uint32_t(iph[12]) << 24) | (iph[13] << 16) | (iph[14] << 8) | iph[15]);
  k.daddr = Ipv4Addr((uint32_t(iph[16]) << 24) | (iph[17] << 16) | (iph[18] << 8) | iph[19]);
  k.ip_proto = iph[9];
  const bool frag = ((iph[6] << 8) | iph[7]) & 0x3FFF;  // IP_MF | IP_OFFSET
  if (frag) return;  // fragments are hashed without ports (no FLOW_DISSECTOR_F_PARSE_1ST_FRAG)
  const uint32_t ihl = uint32_t(iph[0] & 0xf) * 4;
  // proto_ports_offset: TCP, UDP, DCCP, ESP, SCTP, UDP-Lite at 0; AH at 4.
  int off = -1;
  switch (k.ip_proto) {
    case 6: case 17: case 33: case 50: case 132: case 136: off = 0; break;
    case 51: off = 4; break;
    default: break;
  }
  if (off < 0 || avail < ihl + uint32_t(off) + 4) return;
  const uint8_t* p = iph + ihl + off;
  k.sport = uint16_t((p[0] << 8) | p[1]);
  k.dport = uint16_t((p[2] << 8) | p[3]);
}

// The 5-tuple from the packet when there is one, else from the flow.
MultipathKeys l4_keys(const Flowi4* fl, const SkBuff* skb, bool from_skb) {
  MultipathKeys k;
  if (from_skb) {
    l4_keys_from_skb(*skb, k);
  } else if (fl) {
    k.saddr = fl->saddr;
    k.daddr = fl->daddr;
    k.sport = fl->sport;
    k.dport = fl->dport;
    k.ip_proto = fl->proto;
  }
  return k;
}

constexpr uint32_t rol32(uint32_t x, int b) { return (x << b) | (x >> (32 - b)); }

// jhash_2words(a, b, 0)
uint32_t jhash_2words(uint32_t a, uint32_t b) {
  const uint32_t init = 0xdeadbeefu + (2u << 2);
  uint32_t c = init;
  a += init;
  b += init;
  c ^= b; c -= rol32(b, 14);
  a ^= c; a -= rol32(c, 11);
  b ^= a; b -= rol32(a, 25);
  c ^= b; c -= rol32(b, 16);
  a ^= c; a -= rol32(c, 4);
  b ^= a; b -= rol32(a, 14);
  c ^= b; c -= rol32(b, 24);
  return c;
}

bool has_ipv4_header(const SkBuff* skb) {
  return skb && skb->head && skb->network_header != SkBuff::kNoHeader && skb->network_len() >= 20;
}

}  // namespace

bool ip_ignore_linkdown(const Net& net, const NetDevice* dev) {
  if (!dev || !dev->ip_ptr) return false;
  return net.devconf_all[Ipv4DevConf::IGNORE_ROUTES_WITH_LINKDOWN] ||
         dev->ip_ptr->cnf[Ipv4DevConf::IGNORE_ROUTES_WITH_LINKDOWN];
}

uint32_t flow_hash_from_keys_seed(const MultipathKeys& in, uint32_t seed) {
  MultipathKeys k = in;
  // __flow_hash_consistentify
  if (as_le32(k.daddr.v) < as_le32(k.saddr.v)) std::swap(k.saddr, k.daddr);
  if (as_le16(k.dport) < as_le16(k.sport)) std::swap(k.sport, k.dport);
  // struct flow_keys from `basic` on: basic(4) tags(4) vlan(8) cvlan(8)
  // keyid(4) ports(4) icmp(4) v4addrs(8), padded to the u64 the struct's
  // alignment leaves (the rest of the addrs union, zero).
  uint8_t buf[48] = {};
  buf[2] = k.ip_proto;
  put_be16(buf + 28, k.sport);
  put_be16(buf + 30, k.dport);
  put_be32(buf + 36, k.saddr.v);
  put_be32(buf + 40, k.daddr.v);
  const uint64_t key = (uint64_t(seed) << 32) | seed;
  uint32_t h = uint32_t(siphash_2_4(buf, sizeof buf, key, key));
  return h ? h : 1;
}

uint32_t fib_multipath_seed(Net& net) {
  const uint32_t user = static_cast<uint32_t>(net.ipv4.fib_multipath_hash_seed);
  if (user) return user;
  // A fixed mix of the namespace id stands in for get_random_u32().
  uint64_t x = (uint64_t(net.id) + 1) * 0x9E3779B97F4A7C15ULL;
  x ^= x >> 31;
  return uint32_t(x) | 1;
}

int fib_multipath_hash(Net& net, const Flowi4* fl, const SkBuff* skb) {
  const long policy = net.ipv4.fib_multipath_hash_policy;
  const bool from_skb = has_ipv4_header(skb);
  MultipathKeys k;
  switch (policy) {
    case 1:
      k = l4_keys(fl, skb, from_skb);
      break;
    case 3: {
      // Custom: the outer fields net.ipv4.fib_multipath_hash_fields selects
      // (skbox dissects no encapsulation, so inner fields hash as absent).
      const long fields = net.ipv4.fib_multipath_hash_fields;
      const MultipathKeys all = l4_keys(fl, skb, from_skb);
      if (fields & 0x01) k.saddr = all.saddr;
      if (fields & 0x02) k.daddr = all.daddr;
      if (fields & 0x04) k.ip_proto = all.ip_proto;
      if (fields & 0x10) k.sport = all.sport;
      if (fields & 0x20) k.dport = all.dport;
      uint32_t h = (fields & 0x3f) ? flow_hash_from_keys_seed(k, fib_multipath_seed(net)) : 0;
      // fib_multipath_custom_hash_skb folds the (empty) inner hash in.
      if (from_skb || (fl && fl->getroute)) h = jhash_2words(h, 0);
      return int(h >> 1);
    }
    case 2: {
      // L3, or the inner L3 of an encapsulation; with an skb the ICMP-error
      // rule of policy 0 does not apply.
      const MultipathKeys all = l4_keys(fl, skb, from_skb);
      k.saddr = all.saddr;
      k.daddr = all.daddr;
      break;
    }
    default:  // 0
      if (from_skb) {
        l3_keys_from_skb(*skb, k);
      } else if (fl) {
        k.saddr = fl->saddr;
        k.daddr = fl->daddr;
      }
      break;
  }
  return int(flow_hash_from_keys_seed(k, fib_multipath_seed(net)) >> 1);
}

void fib_rebalance(FibRoute& r) {
  if (r.nhs.size() < 2) return;
  int b[256];
  std::vector<int> big;
  int* out = b;
  if (r.nhs.size() > 256) {
    big.resize(r.nhs.size());
    out = big.data();
  }
  upper_bounds(r, out);
  for (size_t i = 0; i < r.nhs.size(); ++i) r.nhs[i].upper_bound = out[i];
}

void fib_select_multipath(Net& net, FibResult& res, int hash, const Flowi4* fl) {
  const FibRoute& r = *res.route;
  const bool use_neigh = net.ipv4.fib_multipath_use_neigh != 0;
  const Ipv4Addr saddr = fl ? fl->saddr : Ipv4Addr();
  int score = -1;
  for (size_t i = 0; i < r.nhs.size(); ++i) {
    const FibNh& nh = r.nhs[i];
    // Bounds are those of the last fib_rebalance (route change or device
    // event), not recomputed per packet: a sysctl flip alone changes none.
    const int bound = nh.upper_bound;
    if (bound == -1 || (use_neigh && !fib_good_nh(net, nh))) continue;
    int nh_score = 0;
    // nh_saddr: the source address this next hop would pick.
    if (!saddr.is_any() && nh.dev && inet_select_addr(nh.dev, nh.gw, r.scope) == saddr) nh_score += 2;
    if (hash <= bound) nh_score += 1;
    if (score < nh_score) {
      res.nh = &nh;
      res.nh_sel = static_cast<int>(i);
      score = nh_score;
      if (nh_score == 3 || (saddr.is_any() && nh_score == 1)) return;
    }
  }
}

bool fib_select_path(Net& net, FibResult& res, const Flowi4& fl, const SkBuff* skb) {
  if (fl.oif || !res.route || res.route->nhs.size() < 2) return false;
  fib_select_multipath(net, res, fib_multipath_hash(net, &fl, skb), &fl);
  return true;
}

}  // namespace skbox
