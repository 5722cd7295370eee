// ipt_do_table (net/ipv4/netfilter/ip_tables.c): the rule walk of one
// table at one hook.
//
// Semantics as the kernel's: a rule whose ipt_ip part and every match
// accept the packet has its counters bumped, then its target decides:
// ACCEPT/DROP end the walk, a jump pushes the return point (a goto does
// not), RETURN pops it (or, with nothing pushed, falls to the built-in
// chain's policy, whose counters are bumped too), and the end of a user
// chain is an implicit RETURN. A match that finds the packet malformed
// drops it (hotdrop). An extension target returns a verdict or
// XT_CONTINUE.
//
// A packet marked by the TRACE target (skb->nf_trace) is logged at every
// rule it matches, and at the policy or a user chain's implicit return,
// as the kernel's trace_packet does.
#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "core/skbuff.h"
#include "net/netdevice.h"
#include "netfilter/nf_log.h"
#include "netfilter/x_tables.h"
#include "wire/be.h"

namespace skbox {

namespace {

// A device name as the kernel keeps it, NUL-padded to IFNAMSIZ (all zero
// when there is no device), made once per packet so that each rule's
// interface test is ifname_compare_aligned's two masked word compares.
struct IfName {
  uint64_t w[2] = {};
};
static_assert(kXtIfNameSize == sizeof(IfName));

IfName padded_name(const NetDevice* dev) {
  char dn[kXtIfNameSize] = {};
  if (dev) dev->name.copy(dn, std::min(dev->name.size(), kXtIfNameSize - 1));
  IfName n;
  std::memcpy(n.w, dn, sizeof n.w);
  return n;
}

bool iface_match(const IfName& dn, const std::array<char, kXtIfNameSize>& name,
                 const std::array<uint8_t, kXtIfNameSize>& mask) {
  uint64_t nw[2], mw[2];
  std::memcpy(nw, name.data(), sizeof nw);
  std::memcpy(mw, mask.data(), sizeof mw);
  return (((dn.w[0] ^ nw[0]) & mw[0]) | ((dn.w[1] ^ nw[1]) & mw[1])) == 0;
}

// ip_packet_match
bool ip_packet_match(const uint8_t* iph, const IptIp& ip, const IfName& in, const IfName& out, uint16_t fragoff) {
  auto inv = [&](uint8_t flag, bool cond) { return cond != bool(ip.invflags & flag); };
  if (inv(IPT_INV_SRCIP, (wire::load_be32(iph + 12) & ip.smsk) != ip.src) ||
      inv(IPT_INV_DSTIP, (wire::load_be32(iph + 16) & ip.dmsk) != ip.dst))
    return false;
  if (inv(IPT_INV_VIA_IN, !iface_match(in, ip.iniface, ip.iniface_mask))) return false;
  if (inv(IPT_INV_VIA_OUT, !iface_match(out, ip.outiface, ip.outiface_mask))) return false;
  if (ip.proto && inv(IPT_INV_PROTO, iph[9] != ip.proto)) return false;
  // -f: only second and later fragments.
  if ((ip.flags & IPT_F_FRAG) && inv(IPT_INV_FRAG, fragoff == 0)) return false;
  return true;
}

// trace_packet + get_chainname_rulenum: "TRACE: TABLE:CHAIN:TYPE:NUM ".
// NUM counts from 1 within the chain; the policy (built-in chain) or the
// implicit return (user chain) is the entry after the last rule. The
// kernel tells policy/return entries by their shape, so a user's
// unconditional rule with a standard verdict (-j ACCEPT/DROP/RETURN, no
// match) is named "policy" or "return" too.
void trace_packet(const XtTable& table, const SkBuff& skb, const NfHookState& st, const XtChain& chain,
                  size_t idx) {
  bool tail = idx >= chain.rules.size();
  if (!tail) {
    const IptEntry& e = chain.rules[idx];
    const XtVerdict v = e.target.verdict;
    tail = e.matches.empty() && e.ip == IptIp{} &&
           (v == XtVerdict::Accept || v == XtVerdict::Drop || v == XtVerdict::Return);
  }
  const char* comment = !tail ? "rule" : chain.builtin() ? "policy" : "return";
  nf_log_trace(table.net, skb, st.in, st.out,
               fmt::format("TRACE: {}:{}:{}:{} ", table.name(), chain.name, comment, idx + 1));
}

}  // namespace

NfVerdict ipt_do_table(XtTable& table, SkBuff& skb, const NfHookState& state) {
  XtChain* base = table.hook_chain[state.hook];
  if (!base) return NfVerdict::Accept;
  const uint16_t nh = skb.network_header != SkBuff::kNoHeader ? skb.network_header : uint16_t(skb.data_off);
  const uint8_t* iph = skb.head + nh;
  const uint32_t len = skb.data_off + skb.len - nh;
  if (len < 20) return NfVerdict::Drop;
  XtActionParam par{skb, state, table, iph, len, uint32_t(iph[0] & 0x0f) * 4, uint16_t(wire::load_be16(iph + 6) & 0x1fff)};
  const IfName in = padded_name(state.in), out = padded_name(state.out);

  // The kernel's jumpstack, on the stack: no allocation per packet. The
  // table check refuses loops, so the depth is bounded by the chains.
  struct Frame { XtChain* chain; size_t next; };
  constexpr int kMaxDepth = 256;
  Frame stack[kMaxDepth];
  int depth = 0;
  XtChain* chain = base;
  size_t i = 0;
  auto pop = [&] {
    if (depth == 0) {
      chain = base;  // nothing pushed: the policy decides
      i = base->rules.size();
    } else {
      --depth;
      chain = stack[depth].chain;
      i = stack[depth].next;
    }
  };
  for (;;) {
    if (i >= chain->rules.size()) {
      if (skb.nf_trace) [[unlikely]]
        trace_packet(table, skb, state, *chain, i);
      // The implicit RETURN at the end of a user chain (to the policy when
      // nothing was pushed); a built-in chain ends in its policy.
      if (!chain->builtin()) {
        pop();
        continue;
      }
      base->pcnt += 1;
      base->bcnt += len;
      return base->policy == XtVerdict::Drop ? NfVerdict::Drop : NfVerdict::Accept;
    }
    IptEntry& e = chain->rules[i];
    ++i;
    if (!ip_packet_match(iph, e.ip, in, out, par.fragoff)) continue;
    bool ok = true;
    for (const auto& m : e.matches)
      if (!m->match(par)) { ok = false; break; }
    if (par.hotdrop) return NfVerdict::Drop;
    if (!ok) continue;
    e.pcnt += 1;
    e.bcnt += len;
    if (skb.nf_trace) [[unlikely]]
      trace_packet(table, skb, state, *chain, i - 1);
    switch (e.target.verdict) {
      case XtVerdict::None: break;
      case XtVerdict::Accept: return NfVerdict::Accept;
      case XtVerdict::Drop: return NfVerdict::Drop;
      case XtVerdict::Return: pop(); break;
      case XtVerdict::Jump:
        if (!e.target.go_to) {
          if (depth == kMaxDepth) return NfVerdict::Drop;
          stack[depth++] = {chain, i};
        }
        chain = e.target.chain;
        i = 0;
        break;
      case XtVerdict::Ext:
        switch (e.target.ext->target(par)) {
          case XtTargetRet::Drop: return NfVerdict::Drop;
          case XtTargetRet::Accept: return NfVerdict::Accept;
          case XtTargetRet::Continue: break;
          case XtTargetRet::Return: pop(); break;
        }
        break;
    }
  }
}

}  // namespace skbox
