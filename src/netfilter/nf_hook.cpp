#include "netfilter/nf_hook.h"

#include <algorithm>
#include <cassert>
#include <cerrno>

#include "net/net.h"

namespace skbox {

int NfHooks::family_slot(uint8_t pf) {
  switch (pf) {
    case NFPROTO_IPV4: return 0;
    case NFPROTO_ARP: return 1;
    case NFPROTO_BRIDGE: return 2;
    case NFPROTO_IPV6: return 3;
    default: return -1;
  }
}

std::vector<NfHookOps>* NfHooks::list(uint8_t pf, uint8_t hook) {
  const int f = family_slot(pf);
  // Only the bridge has a sixth hook (NF_BR_BROUTING); ARP has three.
  const int n = pf == NFPROTO_BRIDGE ? NF_BR_NUMHOOKS : pf == NFPROTO_ARP ? 3 : NF_INET_NUMHOOKS;
  if (f < 0 || hook >= n) return nullptr;
  return &lists_[static_cast<size_t>(f)][hook];
}

const std::vector<NfHookOps>* NfHooks::list(uint8_t pf, uint8_t hook) const {
  return const_cast<NfHooks*>(this)->list(pf, hook);
}

int nf_register_net_hook(Net& net, const NfHookOps& ops) {
  std::vector<NfHookOps>* l = net.nf_hooks.list(ops.pf, ops.hooknum);
  if (!l || !ops.hook) return -EINVAL;
  auto at = std::find_if(l->begin(), l->end(), [&](const NfHookOps& o) { return ops.priority < o.priority; });
  l->insert(at, ops);
  return 0;
}

void nf_unregister_net_hook(Net& net, const NfHookOps& ops) {
  std::vector<NfHookOps>* l = net.nf_hooks.list(ops.pf, ops.hooknum);
  if (!l) return;
  auto it = std::find_if(l->begin(), l->end(), [&](const NfHookOps& o) {
    return o.hook == ops.hook && o.priv == ops.priv && o.priority == ops.priority;
  });
  if (it != l->end()) l->erase(it);
}

namespace {

// 1: every hook accepted; 0: stolen; -EPERM: dropped (and freed).
int nf_hook_run(const std::vector<NfHookOps>& hooks, SkbPtr& skb, const NfHookState& state) {
  for (const NfHookOps& h : hooks) {
    switch (h.hook(h.priv, skb, state)) {
      case NfVerdict::Accept:
        continue;
      case NfVerdict::Drop:
        kfree_skb_reason(std::move(skb), DropReason::NETFILTER_DROP);
        return -EPERM;
      case NfVerdict::Stolen:
        assert(!skb && "a hook that steals a packet takes it");
        return 0;
    }
  }
  return 1;
}

}  // namespace

bool nf_hook_slow(const std::vector<NfHookOps>& hooks, SkbPtr& skb, const NfHookState& state) {
  return nf_hook_run(hooks, skb, state) == 1;
}

int nf_hook_ret(uint8_t pf, uint8_t hook, Net& net, SkbPtr& skb, NetDevice* in, NetDevice* out) {
  const std::vector<NfHookOps>* l = net.nf_hooks.list(pf, hook);
  if (!l || l->empty()) return 1;
  const NfHookState st{pf, hook, in, out, &net};
  return nf_hook_run(*l, skb, st);
}

bool nf_hook(uint8_t pf, uint8_t hook, Net& net, SkbPtr& skb, NetDevice* in, NetDevice* out) {
  return nf_hook_ret(pf, hook, net, skb, in, out) == 1;
}

}  // namespace skbox
