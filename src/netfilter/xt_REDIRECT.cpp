// The REDIRECT target (net/netfilter/xt_REDIRECT.c; iptables'
// libxt_NAT.c): DNAT to this host (nf_nat_redirect.cpp), optionally to
// --to-ports. Only in the nat table's PREROUTING and OUTPUT.
#include "netfilter/xt_nat_range.h"

namespace skbox {

namespace {

constexpr XtOption kRedirOpts[] = {{"to-ports", O_NAT_TO_PORTS}, {"random", O_NAT_RANDOM, false}};

class RedirectTarget : public XtNatTarget<RedirectTarget> {
 public:
  static constexpr std::string_view kName = "REDIRECT";
  static constexpr XtOptEntry kX6[] = {{"to-ports", O_NAT_TO_PORTS}, {"random", O_NAT_RANDOM}};
  static constexpr std::string_view kPrintOpt = "redir ports ", kSaveOpt = "--to-ports ";
  static constexpr bool kSkipColon = true, kRange2 = false;

  // redirect_tg4_check
  int checkentry(const XtCheckParam& par) override {
    if (int err = check_nat(par, (1u << NF_INET_PRE_ROUTING) | (1u << NF_INET_LOCAL_OUT))) return err;
    return (range.flags & NF_NAT_RANGE_MAP_IPS) ? EINVAL : 0;
  }
  XtTargetRet target(XtActionParam& par) override {
    return verdict(nf_nat_redirect_ipv4(par.skb, range, par.state.hook));
  }
};

const XtTargetType kRedir{"REDIRECT", kRedirOpts, [] { return std::unique_ptr<XtTargetExt>(new RedirectTarget); }};
XtTargetRegistrar reg_redir{kRedir};

}  // namespace

}  // namespace skbox
