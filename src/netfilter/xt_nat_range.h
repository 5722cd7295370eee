// The command-side half the four NAT targets share (iptables'
// extensions/libxt_NAT.c): the [ADDR[-ADDR]][:PORT[-PORT[/BASE]]] syntax
// of --to-source/--to-destination and the PORT[-PORT] of --to-ports, with
// iptables 1.8.9's messages, and how -L and -S print a range.
#pragma once
#include <string>
#include <string_view>

#include "netfilter/nf_nat.h"
#include "netfilter/x_tables.h"
#include "netfilter/xt_ct_ref.h"
#include "netfilter/xt_x6.h"

namespace skbox {

// The options of SNAT, DNAT, MASQUERADE and REDIRECT (their ids).
enum { O_NAT_TO_DEST = 0, O_NAT_TO_SRC, O_NAT_TO_PORTS, O_NAT_RANDOM, O_NAT_RANDOM_FULLY, O_NAT_PERSISTENT };

// __NAT_parse for one option into `range` (host order). Throws XtParamError.
void xt_nat_parse(int id, const std::string& arg, const XtParseCtx& ctx, NfNatRange2& range);

// __NAT_print: " to:1.2.3.4:80" / " --to-source 1.2.3.4:80" and the flags.
// `rangeopt` is "to:", "--to-source ", "masq ports: "...; skip_colon
// drops the ':' before a port-only range (MASQUERADE, REDIRECT);
// flag_pfx is "" for -L and "--" for -S.
void xt_nat_print(std::string& out, const NfNatRange2& r, std::string_view rangeopt, std::string_view flag_pfx,
                  bool skip_colon);

// What the four targets share: the range, the option bookkeeping, -L/-S,
// and the conntrack reference each live rule holds (xt_nat_checkentry's
// nf_ct_netns_get). D provides kName, kX6 (its options), kPrintOpt,
// kSaveOpt, kSkipColon and kRange2 (false for the revision-0 targets,
// whose nf_nat_ipv4_multi_range_compat has no base port: a parsed
// "/BASE" keeps its flag and reads back as 0).
template <class D>
class XtNatTarget : public XtTargetImpl<D> {
 public:
  NfNatRange2 range;
  unsigned xflags = 0;
  XtCtRef ct_ref;
  bool operator==(const XtNatTarget& o) const { return range == o.range; }

  void parse(int id, const std::string& arg, const XtParseCtx& ctx) override {
    xtables_option_parse(D::kName, D::kX6, id, ctx.invert, xflags);
    xt_nat_parse(id, arg, ctx, range);
    if (!D::kRange2) range.base_proto = 0;
  }
  void final_check() override { xtables_options_fcheck(D::kName, D::kX6, xflags); }
  void print(std::string& out, bool) const override { xt_nat_print(out, range, D::kPrintOpt, "", D::kSkipColon); }
  void save(std::string& out) const override { xt_nat_print(out, range, D::kSaveOpt, "--", D::kSkipColon); }
  void attach(Net& net) override { ct_ref.get(net); }
  void destroy(Net& net) override { ct_ref.put(net); }

 protected:
  // xt_check_target's table and hook checks.
  static int check_nat(const XtCheckParam& par, unsigned hooks) {
    if (int err = xt_check_table(par, fmt_what(), "nat")) return err;
    return xt_check_hooks(par, fmt_what(), hooks);
  }
  static XtTargetRet verdict(NfVerdict v) { return v == NfVerdict::Drop ? XtTargetRet::Drop : XtTargetRet::Accept; }

 private:
  static std::string fmt_what() { return std::string(D::kName) + " target"; }
};

}  // namespace skbox
