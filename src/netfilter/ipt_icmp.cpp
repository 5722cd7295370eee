// The icmp match (icmp_match in net/ipv4/netfilter/ip_tables.c, iptables'
// extensions/libipt_icmp.c): a type and a code range, by name or number.
// "any" is type 0xff. Never matches a non-first fragment; a header cut
// short drops the packet.
#include <cerrno>

#include <fmt/format.h>

#include "netfilter/x_tables.h"
#include "netfilter/xt_names.h"
#include "netfilter/xtables.h"

namespace skbox {

namespace {

constexpr XtOption kIcmpOpts[] = {{"icmp-type", 1}};

// struct ipt_icmp
class IcmpMatch : public XtMatchImpl<IcmpMatch> {
 public:
  uint8_t type = 0;
  std::array<uint8_t, 2> code{0, 0xff};
  bool invert = false;
  bool seen = false;
  bool operator==(const IcmpMatch& o) const { return type == o.type && code == o.code && invert == o.invert; }

  void parse(int, const std::string& arg, const XtParseCtx& ctx) override {
    if (seen) throw XtParamError{"icmp match: Only use --icmp-type once!"};
    seen = true;
    parse_type(arg);
    invert = ctx.invert;
  }

  void parse_type(std::string_view s) {
    const XtIcmpName* hit = nullptr;
    for (const XtIcmpName& n : xt_icmp_names()) {
      if (n.name.substr(0, s.size()) != s) continue;
      if (hit && (hit->type != n.type || hit->code_min != n.code_min || hit->code_max != n.code_max))
        throw XtParamError{"Ambiguous ICMP type `" + std::string(s) + "': `" + std::string(hit->name) + "' or `" +
                           std::string(n.name) + "'?"};
      if (!hit) hit = &n;
    }
    if (hit) {
      type = hit->type;
      code = {hit->code_min, hit->code_max};
      return;
    }
    size_t sl = s.find('/');
    auto t = xt_strtoui(s.substr(0, sl), 255);
    if (!t) throw XtParamError{"Unknown ICMP type `" + std::string(s) + "'"};
    type = uint8_t(*t);
    code = {0, 0xff};
    if (sl != std::string_view::npos) {
      auto c = xt_strtoui(s.substr(sl + 1), 255);
      if (!c) throw XtParamError{"Invalid ICMP code `" + std::string(s.substr(sl + 1)) + "' specified"};
      code = {uint8_t(*c), uint8_t(*c)};
    }
  }

  void print(std::string& out, bool numeric) const override {
    out += " icmp";
    if (!numeric)
      for (const XtIcmpName& n : xt_icmp_names())
        if (n.type == type && n.code_min == code[0] && n.code_max == code[1]) {
          out += fmt::format(" {}{}", invert ? "!" : "", n.name);
          return;
        }
    if (invert) out += " !";
    out += fmt::format("type {}", type);
    if (code[0] == code[1]) out += fmt::format(" code {}", code[0]);
    else if (code[0] != 0 || code[1] != 0xff) out += fmt::format(" codes {}-{}", code[0], code[1]);
  }

  void save(std::string& out) const override {
    if (invert) out += " !";
    if (type == 0xff) {
      out += " --icmp-type any";
      return;
    }
    out += fmt::format(" --icmp-type {}", type);
    if (code[0] != 0 || code[1] != 0xff) out += fmt::format("/{}", code[0]);
  }

  // xt_check_match: the match's .proto is IPPROTO_ICMP.
  int checkentry(const XtCheckParam& par) override { return xt_check_proto(par, "icmp match", 1); }

  bool match(XtActionParam& par) const override {
    if (par.fragoff != 0) return false;
    if (par.tlen() < 2) return par.hotdrop = true, false;
    const uint8_t* th = par.th();
    const bool hit = type == 0xff || (th[0] == type && th[1] >= code[0] && th[1] <= code[1]);
    return hit != invert;
  }
};

const XtMatchType kIcmp{"icmp", kIcmpOpts, [] { return std::unique_ptr<XtMatch>(new IcmpMatch); }};
XtMatchRegistrar reg_icmp{kIcmp};

}  // namespace

}  // namespace skbox
