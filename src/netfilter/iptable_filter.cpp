// iptable_filter (net/ipv4/netfilter/iptable_filter.c): the filter table
// with its INPUT, FORWARD and OUTPUT chains, hooked at LOCAL_IN, FORWARD
// and LOCAL_OUT with priority NF_IP_PRI_FILTER. Like the kernel (since
// tables are instantiated per namespace on demand), it exists in a
// namespace from the first iptables command there.
//
// Not modelled yet: the forward=0 module parameter (FORWARD policy DROP),
// unregistering the table.
#include "net/net.h"
#include "netfilter/x_tables.h"

namespace skbox {

namespace {

constexpr int NF_IP_PRI_FILTER = 0;

NfVerdict iptable_filter_hook(void* priv, SkbPtr& skb, const NfHookState& state) {
  return ipt_do_table(*static_cast<XtTable*>(priv), *skb, state);
}

}  // namespace

XtTables::~XtTables() = default;

XtTables& xt_net(Net& net) {
  if (!net.xt) {
    net.xt = std::make_unique<XtTables>();
    net.xt->net = &net;
  }
  return *net.xt;
}

XtTable& iptable_filter_init(Net& net) {
  XtTables& xt = xt_net(net);
  if (xt.filter) return *xt.filter;
  xt.filter = std::make_unique<XtTable>("filter");
  XtTable& t = *xt.filter;
  static constexpr std::pair<const char*, uint8_t> kChains[] = {
      {"INPUT", NF_INET_LOCAL_IN}, {"FORWARD", NF_INET_FORWARD}, {"OUTPUT", NF_INET_LOCAL_OUT}};
  for (auto [name, hook] : kChains) {
    auto c = std::make_unique<XtChain>();
    c->name = name;
    c->hook = hook;
    t.hook_chain[hook] = c.get();
    t.chains.push_back(std::move(c));
    NfHookOps ops;
    ops.hook = &iptable_filter_hook;
    ops.priv = &t;
    ops.pf = NFPROTO_IPV4;
    ops.hooknum = hook;
    ops.priority = NF_IP_PRI_FILTER;
    nf_register_net_hook(net, ops);
  }
  return t;
}

}  // namespace skbox
