// The MASQUERADE target (net/netfilter/xt_MASQUERADE.c; iptables'
// libxt_NAT.c): SNAT to the out device's own address, chosen per
// connection (nf_nat_masquerade.cpp), optionally into --to-ports. Only in
// the nat table's POSTROUTING.
#include "netfilter/xt_nat_range.h"

namespace skbox {

namespace {

constexpr XtOption kMasqOpts[] = {
    {"to-ports", O_NAT_TO_PORTS}, {"random", O_NAT_RANDOM, false}, {"random-fully", O_NAT_RANDOM_FULLY, false}};

class MasqueradeTarget : public XtNatTarget<MasqueradeTarget> {
 public:
  static constexpr std::string_view kName = "MASQUERADE";
  static constexpr XtOptEntry kX6[] = {
      {"to-ports", O_NAT_TO_PORTS}, {"random", O_NAT_RANDOM}, {"random-fully", O_NAT_RANDOM_FULLY}};
  static constexpr std::string_view kPrintOpt = "masq ports: ", kSaveOpt = "--to-ports ";
  static constexpr bool kSkipColon = true, kRange2 = false;

  // masquerade_tg_check: an address range makes no sense here.
  int checkentry(const XtCheckParam& par) override {
    if (int err = check_nat(par, 1u << NF_INET_POST_ROUTING)) return err;
    return (range.flags & NF_NAT_RANGE_MAP_IPS) ? EINVAL : 0;
  }
  XtTargetRet target(XtActionParam& par) override {
    return verdict(nf_nat_masquerade_ipv4(par.skb, par.state.hook, range, par.state.out));
  }
};

const XtTargetType kMasq{"MASQUERADE", kMasqOpts, [] { return std::unique_ptr<XtTargetExt>(new MasqueradeTarget); }};
XtTargetRegistrar reg_masq{kMasq};

}  // namespace

}  // namespace skbox
