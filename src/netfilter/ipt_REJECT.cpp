// The REJECT target (net/ipv4/netfilter/ipt_REJECT.c, iptables'
// extensions/libipt_REJECT.c): drops the packet (NF_DROP, so it ends as
// NETFILTER_DROP) after answering it with an ICMP destination unreachable
// of the chosen code or a TCP reset (nf_reject_ipv4.cpp). The kernel
// accepts it only in the filter table, in chains reachable from INPUT,
// FORWARD and OUTPUT, and tcp-reset only with -p tcp.
//
// Not modelled: echo-reply (refused by both halves since Linux 2.4), and
// the extra stderr line iptables prints for it.
#include <netinet/in.h>

#include <cerrno>

#include <fmt/format.h>

#include "core/printk.h"
#include "ipv4/icmp.h"
#include "netfilter/nf_reject.h"
#include "netfilter/x_tables.h"
#include "netfilter/xt_x6.h"

namespace skbox {

namespace {

// enum ipt_reject_with
enum : uint8_t {
  IPT_ICMP_NET_UNREACHABLE, IPT_ICMP_HOST_UNREACHABLE, IPT_ICMP_PROT_UNREACHABLE, IPT_ICMP_PORT_UNREACHABLE,
  IPT_ICMP_ECHOREPLY, IPT_ICMP_NET_PROHIBITED, IPT_ICMP_HOST_PROHIBITED, IPT_TCP_RESET, IPT_ICMP_ADMIN_PROHIBITED,
};

struct RejectName {
  std::string_view name, alias;
  uint8_t with;
};
// In ipt_reject_with order: a prefix picks the first it fits.
constexpr RejectName kRejectNames[] = {
    {"icmp-net-unreachable", "net-unreach", IPT_ICMP_NET_UNREACHABLE},
    {"icmp-host-unreachable", "host-unreach", IPT_ICMP_HOST_UNREACHABLE},
    {"icmp-proto-unreachable", "proto-unreach", IPT_ICMP_PROT_UNREACHABLE},
    {"icmp-port-unreachable", "port-unreach", IPT_ICMP_PORT_UNREACHABLE},
    {"icmp-net-prohibited", "net-prohib", IPT_ICMP_NET_PROHIBITED},
    {"icmp-host-prohibited", "host-prohib", IPT_ICMP_HOST_PROHIBITED},
    {"tcp-reset", "tcp-rst", IPT_TCP_RESET},
    {"icmp-admin-prohibited", "admin-prohib", IPT_ICMP_ADMIN_PROHIBITED},
};

std::string_view reject_name(uint8_t with) {
  for (const RejectName& n : kRejectNames)
    if (n.with == with) return n.name;
  return "";
}

enum { O_REJECT_WITH = 0 };
constexpr XtOption kRejectOpts[] = {{"reject-with", O_REJECT_WITH}};
constexpr XtOptEntry kRejectX6[] = {{"reject-with", O_REJECT_WITH}};

// struct ipt_reject_info
class RejectTarget : public XtTargetImpl<RejectTarget> {
 public:
  uint8_t with = IPT_ICMP_PORT_UNREACHABLE;
  unsigned xflags = 0;
  bool operator==(const RejectTarget& o) const { return with == o.with; }

  void parse(int id, const std::string& arg, const XtParseCtx& ctx) override {
    xtables_option_parse("REJECT", kRejectX6, id, ctx.invert, xflags);
    for (const RejectName& n : kRejectNames)
      if (xt_prefix_icase(n.name, arg) || xt_prefix_icase(n.alias, arg)) {
        with = n.with;
        return;
      }
    // (iptables first prints "--reject-with echo-reply no longer supported"
    // on stderr for an echo-reply prefix: the command has no such channel.)
    throw XtParamError{fmt::format("unknown reject type \"{}\"", arg)};
  }

  void print(std::string& out, bool) const override { out += fmt::format(" reject-with {}", reject_name(with)); }
  void save(std::string& out) const override { out += fmt::format(" --reject-with {}", reject_name(with)); }

  // xt_check_target's table and hook checks, then reject_tg_check.
  int checkentry(const XtCheckParam& par) override {
    constexpr unsigned kHooks = (1u << NF_INET_LOCAL_IN) | (1u << NF_INET_FORWARD) | (1u << NF_INET_LOCAL_OUT);
    static constexpr PrintkSite kEchoSite{"reject_tg_check"}, kResetSite{"reject_tg_check"};
    if (int err = xt_check_table(par, "REJECT target", "filter")) return err;
    if (int err = xt_check_hooks(par, "REJECT target", kHooks)) return err;
    if (with == IPT_ICMP_ECHOREPLY) return xt_check_fail(par, kEchoSite, "ipt_REJECT: ECHOREPLY no longer supported.");
    if (with == IPT_TCP_RESET && (par.ip.proto != IPPROTO_TCP || (par.ip.invflags & IPT_INV_PROTO)))
      return xt_check_fail(par, kResetSite, "ipt_REJECT: TCP_RESET invalid for non-tcp");
    return 0;
  }

  XtTargetRet target(XtActionParam& par) override {
    static constexpr uint8_t kCode[] = {ICMP_NET_UNREACH, ICMP_HOST_UNREACH, ICMP_PROT_UNREACH, ICMP_PORT_UNREACH,
                                        0, ICMP_NET_ANO, ICMP_HOST_ANO, 0, ICMP_PKT_FILTERED};
    if (with == IPT_TCP_RESET) nf_send_reset(*par.state.net, par.skb, par.state.hook);
    else if (with != IPT_ICMP_ECHOREPLY) nf_send_unreach(par.skb, kCode[with], par.state.hook);
    return XtTargetRet::Drop;
  }
};

const XtTargetType kReject{"REJECT", kRejectOpts, [] { return std::unique_ptr<XtTargetExt>(new RejectTarget); }};
XtTargetRegistrar reg_reject{kReject};

}  // namespace

}  // namespace skbox
