// Netfilter hook points (include/linux/netfilter.h, net/netfilter/core.c):
// per-namespace lists of hook functions for each protocol family and hook
// number, run in priority order where the stack calls NF_HOOK. A packet goes
// on (okfn) only when every hook accepts it; a drop frees it with
// SKB_DROP_REASON_NETFILTER_DROP, a steal hands it to the hook.
//
// The bridge calls its five hooks (NF_BR_*); iptables, conntrack and
// br_netfilter register here when they arrive. With nothing registered a
// hook point costs one empty-list check.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "core/skbuff.h"

namespace skbox {

class Net;
class NetDevice;

// enum NFPROTO_*
enum : uint8_t { NFPROTO_IPV4 = 2, NFPROTO_ARP = 3, NFPROTO_BRIDGE = 7, NFPROTO_IPV6 = 10 };
// enum nf_inet_hooks; the bridge's nf_br_hooks use the same numbers.
enum : uint8_t {
  NF_INET_PRE_ROUTING = 0, NF_INET_LOCAL_IN = 1, NF_INET_FORWARD = 2, NF_INET_LOCAL_OUT = 3,
  NF_INET_POST_ROUTING = 4, NF_INET_NUMHOOKS = 5,
};
enum : uint8_t {
  NF_BR_PRE_ROUTING = 0, NF_BR_LOCAL_IN = 1, NF_BR_FORWARD = 2, NF_BR_LOCAL_OUT = 3,
  NF_BR_POST_ROUTING = 4, NF_BR_BROUTING = 5, NF_BR_NUMHOOKS = 6,
};

// NF_DROP / NF_ACCEPT / NF_STOLEN.
enum class NfVerdict : uint8_t { Drop = 0, Accept = 1, Stolen = 2 };

// struct nf_hook_state
struct NfHookState {
  uint8_t pf = 0, hook = 0;
  NetDevice* in = nullptr;
  NetDevice* out = nullptr;
  Net* net = nullptr;
};

// A hook function. On Stolen it has taken the packet (moved skb out);
// otherwise skb stays the caller's.
using NfHookFn = NfVerdict (*)(void* priv, SkbPtr& skb, const NfHookState& state);

// struct nf_hook_ops
struct NfHookOps {
  NfHookFn hook = nullptr;
  void* priv = nullptr;
  uint8_t pf = 0, hooknum = 0;
  int priority = 0;
};

// A namespace's hook lists (net->nf.hooks_ipv4, hooks_bridge, ...).
class NfHooks {
 public:
  static constexpr int kHooks = NF_BR_NUMHOOKS;
  std::vector<NfHookOps>* list(uint8_t pf, uint8_t hook);
  const std::vector<NfHookOps>* list(uint8_t pf, uint8_t hook) const;

 private:
  static int family_slot(uint8_t pf);  // -1: a family without hooks here
  std::array<std::array<std::vector<NfHookOps>, kHooks>, 4> lists_;
};

// nf_register_net_hook: EINVAL for a family or hook number that has none.
// A hook goes after those of lower or equal priority.
int nf_register_net_hook(Net& net, const NfHookOps& ops);
void nf_unregister_net_hook(Net& net, const NfHookOps& ops);

// nf_hook: runs the hooks of (pf, hook); true when the packet may go on.
// False when a hook dropped it (freed here) or stole it.
bool nf_hook_slow(const std::vector<NfHookOps>& hooks, SkbPtr& skb, const NfHookState& state);
bool nf_hook(uint8_t pf, uint8_t hook, Net& net, SkbPtr& skb, NetDevice* in, NetDevice* out);
// NF_HOOK's return for senders: 1 the packet goes on, 0 a hook stole it,
// -EPERM a hook dropped it (what sendmsg returns after an OUTPUT DROP).
int nf_hook_ret(uint8_t pf, uint8_t hook, Net& net, SkbPtr& skb, NetDevice* in, NetDevice* out);

}  // namespace skbox
