// The SNAT and DNAT targets (net/netfilter/xt_nat.c; iptables'
// libxt_NAT.c): bind the connection's source (at POSTROUTING/INPUT) or
// destination (at PREROUTING/OUTPUT) into the given address and port
// range, then stop the nat table (NF_ACCEPT). iptables 1.8.9 uses SNAT
// revision 0 and DNAT revision 2 (which keeps the /BASE of a shifted
// port range) with Linux 6.18.
#include "netfilter/xt_nat_range.h"

namespace skbox {

namespace {

constexpr XtOption kSnatOpts[] = {
    {"to-source", O_NAT_TO_SRC}, {"random", O_NAT_RANDOM, false}, {"random-fully", O_NAT_RANDOM_FULLY, false},
    {"persistent", O_NAT_PERSISTENT, false}};
constexpr XtOption kDnatOpts[] = {
    {"to-destination", O_NAT_TO_DEST}, {"random", O_NAT_RANDOM, false}, {"persistent", O_NAT_PERSISTENT, false}};

class SnatTarget : public XtNatTarget<SnatTarget> {
 public:
  static constexpr std::string_view kName = "SNAT";
  static constexpr XtOptEntry kX6[] = {{"to-source", O_NAT_TO_SRC, XTOPT_MAND},
                                       {"random", O_NAT_RANDOM},
                                       {"random-fully", O_NAT_RANDOM_FULLY},
                                       {"persistent", O_NAT_PERSISTENT}};
  static constexpr std::string_view kPrintOpt = "to:", kSaveOpt = "--to-source ";
  static constexpr bool kSkipColon = false, kRange2 = false;

  int checkentry(const XtCheckParam& par) override {
    return check_nat(par, (1u << NF_INET_POST_ROUTING) | (1u << NF_INET_LOCAL_IN));
  }
  XtTargetRet target(XtActionParam& par) override {
    uint8_t ctinfo;
    NfConn* ct = nf_ct_get(par.skb, &ctinfo);
    if (!ct) return XtTargetRet::Accept;
    return verdict(nf_nat_setup_info(*ct, range, NF_NAT_MANIP_SRC));
  }
};

class DnatTarget : public XtNatTarget<DnatTarget> {
 public:
  static constexpr std::string_view kName = "DNAT";
  static constexpr XtOptEntry kX6[] = {
      {"to-destination", O_NAT_TO_DEST, XTOPT_MAND}, {"random", O_NAT_RANDOM}, {"persistent", O_NAT_PERSISTENT}};
  static constexpr std::string_view kPrintOpt = "to:", kSaveOpt = "--to-destination ";
  static constexpr bool kSkipColon = false, kRange2 = true;

  int checkentry(const XtCheckParam& par) override {
    return check_nat(par, (1u << NF_INET_PRE_ROUTING) | (1u << NF_INET_LOCAL_OUT));
  }
  XtTargetRet target(XtActionParam& par) override {
    uint8_t ctinfo;
    NfConn* ct = nf_ct_get(par.skb, &ctinfo);
    if (!ct) return XtTargetRet::Accept;
    return verdict(nf_nat_setup_info(*ct, range, NF_NAT_MANIP_DST));
  }
};

const XtTargetType kSnat{"SNAT", kSnatOpts, [] { return std::unique_ptr<XtTargetExt>(new SnatTarget); }};
const XtTargetType kDnat{"DNAT", kDnatOpts, [] { return std::unique_ptr<XtTargetExt>(new DnatTarget); }, 2};
XtTargetRegistrar reg_snat{kSnat};
XtTargetRegistrar reg_dnat{kDnat};

}  // namespace

}  // namespace skbox
