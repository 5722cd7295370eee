// ipt_do_table (net/ipv4/netfilter/ip_tables.c): the rule walk of one
// table at one hook, and the table/chain bookkeeping iptables edits.
//
// Semantics as the kernel's: a rule whose ipt_ip part and every match
// accept the packet has its counters bumped, then its target decides:
// ACCEPT/DROP end the walk, a jump pushes the return point (a goto does
// not), RETURN pops it (or, with nothing pushed, falls to the built-in
// chain's policy, whose counters are bumped too), and the end of a user
// chain is an implicit RETURN. A tcp/udp/icmp match never matches a non-
// first fragment, and a header too short for it drops the packet
// (hotdrop).
//
// Not modelled yet: -f, the jump stack limit (the kernel's ruleset checks
// refuse loops; skbox refuses them nowhere yet, the depth is capped at 64).
#include <algorithm>

#include "core/skbuff.h"
#include "net/netdevice.h"
#include "netfilter/x_tables.h"

namespace skbox {

XtChain* XtTable::find_chain(std::string_view n) const {
  for (const auto& c : chains)
    if (c->name == n) return c.get();
  return nullptr;
}

XtChain* XtTable::add_user_chain(std::string n) {
  auto c = std::make_unique<XtChain>();
  c->name = std::move(n);
  XtChain* raw = c.get();
  // User chains after the built-in ones, sorted by name (libiptc's order).
  auto at = std::find_if(chains.begin(), chains.end(),
                         [&](const auto& o) { return !o->builtin() && raw->name < o->name; });
  chains.insert(at, std::move(c));
  return raw;
}

void XtTable::del_chain(XtChain* c) {
  std::erase_if(chains, [&](const auto& o) { return o.get() == c; });
}

unsigned XtTable::references(const XtChain* c) const {
  unsigned n = 0;
  for (const auto& ch : chains)
    for (const IptEntry& e : ch->rules)
      if (e.target.verdict == XtVerdict::Jump && e.target.chain == c) ++n;
  return n;
}

namespace {

bool iface_match(const NetDevice* dev, const std::array<char, kXtIfNameSize>& name,
                 const std::array<uint8_t, kXtIfNameSize>& mask) {
  // ifname_compare_aligned over the NUL-padded device name ("" when none).
  char dn[kXtIfNameSize] = {};
  if (dev) dev->name.copy(dn, std::min(dev->name.size(), kXtIfNameSize - 1));
  for (size_t i = 0; i < kXtIfNameSize; ++i)
    if ((dn[i] ^ name[i]) & mask[i]) return false;
  return true;
}

uint32_t load32(const uint8_t* p) { return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3]; }
uint16_t load16(const uint8_t* p) { return uint16_t(p[0] << 8 | p[1]); }

// ip_packet_match
bool ip_packet_match(const uint8_t* iph, const IptIp& ip, const NfHookState& st) {
  auto inv = [&](uint8_t flag, bool cond) { return cond != bool(ip.invflags & flag); };
  if (inv(IPT_INV_SRCIP, (load32(iph + 12) & ip.smsk) != ip.src) ||
      inv(IPT_INV_DSTIP, (load32(iph + 16) & ip.dmsk) != ip.dst))
    return false;
  if (inv(IPT_INV_VIA_IN, !iface_match(st.in, ip.iniface, ip.iniface_mask))) return false;
  if (inv(IPT_INV_VIA_OUT, !iface_match(st.out, ip.outiface, ip.outiface_mask))) return false;
  if (ip.proto && inv(IPT_INV_PROTO, iph[9] != ip.proto)) return false;
  return true;
}

bool port_match(const std::array<uint16_t, 2>& r, uint16_t port, bool invert) {
  return (port >= r[0] && port <= r[1]) != invert;
}

// tcp_mt / udp_mt / icmp_match. hotdrop: the header is cut short.
bool match_one(const XtMatch& m, const uint8_t* th, uint32_t tlen, uint16_t fragoff, bool& hotdrop) {
  if (fragoff != 0) return false;
  if (m.kind == XtMatchKind::Icmp) {
    if (tlen < 2) return hotdrop = true, false;
    bool hit = m.icmp_type == 0xff ||
               (th[0] == m.icmp_type && th[1] >= m.icmp_code[0] && th[1] <= m.icmp_code[1]);
    return hit != bool(m.invflags & 0x01);
  }
  if (tlen < (m.kind == XtMatchKind::Tcp ? 20u : 8u)) return hotdrop = true, false;
  return port_match(m.spts, load16(th), m.invflags & 0x01) && port_match(m.dpts, load16(th + 2), m.invflags & 0x02);
}

}  // namespace

NfVerdict ipt_do_table(XtTable& table, const SkBuff& skb, const NfHookState& state) {
  XtChain* base = table.hook_chain[state.hook];
  if (!base) return NfVerdict::Accept;
  const uint16_t nh = skb.network_header != SkBuff::kNoHeader ? skb.network_header : uint16_t(skb.data_off);
  const uint8_t* iph = skb.head + nh;
  const uint32_t len = skb.data_off + skb.len - nh;
  if (len < 20) return NfVerdict::Drop;
  const uint32_t ihl = uint32_t(iph[0] & 0x0f) * 4;
  const uint16_t fragoff = load16(iph + 6) & 0x1fff;
  const uint8_t* th = iph + ihl;
  const uint32_t tlen = len > ihl ? len - ihl : 0;

  // The kernel's jumpstack, on the stack: no allocation per packet.
  struct Frame { XtChain* chain; size_t next; };
  constexpr int kMaxDepth = 64;
  Frame stack[kMaxDepth];
  int depth = 0;
  XtChain* chain = base;
  size_t i = 0;
  for (;;) {
    if (i >= chain->rules.size()) {
      // The implicit RETURN at the end of a user chain; a built-in chain
      // ends in its policy.
      if (chain->builtin() || depth == 0) {
        base->pcnt += 1;
        base->bcnt += len;
        return base->policy == XtVerdict::Drop ? NfVerdict::Drop : NfVerdict::Accept;
      }
      --depth;
      chain = stack[depth].chain;
      i = stack[depth].next;
      continue;
    }
    IptEntry& e = chain->rules[i];
    ++i;
    if (!ip_packet_match(iph, e.ip, state)) continue;
    bool hotdrop = false, ok = true;
    for (const XtMatch& m : e.matches)
      if (!match_one(m, th, tlen, fragoff, hotdrop)) { ok = false; break; }
    if (hotdrop) return NfVerdict::Drop;
    if (!ok) continue;
    e.pcnt += 1;
    e.bcnt += len;
    switch (e.target.verdict) {
      case XtVerdict::None: break;
      case XtVerdict::Accept: return NfVerdict::Accept;
      case XtVerdict::Drop: return NfVerdict::Drop;
      case XtVerdict::Return:
        if (depth == 0) {
          chain = base;  // nothing pushed: the policy decides
          i = base->rules.size();
        } else {
          --depth;
          chain = stack[depth].chain;
          i = stack[depth].next;
        }
        break;
      case XtVerdict::Jump:
        if (!e.target.go_to) {
          if (depth == kMaxDepth) return NfVerdict::Drop;
          stack[depth++] = {chain, i};
        }
        chain = e.target.chain;
        i = 0;
        break;
    }
  }
}

}  // namespace skbox
