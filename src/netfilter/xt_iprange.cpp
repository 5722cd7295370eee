// The iprange match, revision 1 (net/netfilter/xt_iprange.c, iptables'
// extensions/libxt_iprange.c): the source and/or destination address
// inside an inclusive range, each optionally inverted. A reversed range is
// accepted with a warning and never matches.
//
// Not modelled: IPv6 ranges.
#include <fmt/format.h>

#include "netfilter/x_tables.h"
#include "netfilter/xtables.h"
#include "netfilter/xtoptions.h"
#include "wire/be.h"

namespace skbox {

namespace {

// IPRANGE_SRC / _DST / _SRC_INV / _DST_INV
enum : uint8_t { IPRANGE_SRC = 1, IPRANGE_DST = 2, IPRANGE_SRC_INV = 0x10, IPRANGE_DST_INV = 0x20 };
enum { O_SRC_RANGE = 0, O_DST_RANGE };
constexpr XtOption kOpts[] = {{"src-range", O_SRC_RANGE}, {"dst-range", O_DST_RANGE}};
constexpr XtOptSpec kSpecs[] = {{"src-range", O_SRC_RANGE, 0, false, true}, {"dst-range", O_DST_RANGE, 0, false, true}};

// struct xt_iprange_mtinfo (IPv4 half), host order.
class IprangeMatch : public XtMatchImpl<IprangeMatch> {
 public:
  uint32_t src_min = 0, src_max = 0, dst_min = 0, dst_max = 0;
  uint8_t flags = 0;
  unsigned seen = 0;
  bool operator==(const IprangeMatch& o) const {
    return src_min == o.src_min && src_max == o.src_max && dst_min == o.dst_min && dst_max == o.dst_max &&
           flags == o.flags;
  }

  // iprange_parse_range: FROM[-TO], each xtables_numeric_to_ipaddr.
  static void parse_range(std::string_view arg, const char* opt, uint32_t& lo, uint32_t& hi,
                          std::string* warnings) {
    const size_t dash = arg.find('-');
    std::string_view from = arg.substr(0, dash), to = dash == std::string_view::npos ? from : arg.substr(dash + 1);
    for (auto [spec, out] : {std::pair{from, &lo}, std::pair{to, &hi}}) {
      auto a = xt_parse_ipaddr(spec);
      if (!a) throw XtParamError{fmt::format("iprange: Bad value for \"{}\" option: \"{}\"", opt, spec)};
      *out = *a;
    }
    if (dash != std::string_view::npos && lo > hi && warnings)
      *warnings += fmt::format("xt_iprange: range {}-{} is reversed and will never match\n", from, to);
  }

  void parse(int id, const std::string& arg, const XtParseCtx& ctx) override {
    xt_option_parse("iprange", kSpecs, id, ctx.invert, seen);
    if (id == O_SRC_RANGE) {
      parse_range(arg, "--src-range", src_min, src_max, ctx.warnings);
      flags |= IPRANGE_SRC | (ctx.invert ? IPRANGE_SRC_INV : 0);
    } else {
      parse_range(arg, "--dst-range", dst_min, dst_max, ctx.warnings);
      flags |= IPRANGE_DST | (ctx.invert ? IPRANGE_DST_INV : 0);
    }
  }

  void final_check() override {
    if (seen == 0) throw XtParamError{"iprange match: You must specify `--src-range' or `--dst-range'"};
  }

  void print(std::string& out, bool) const override {
    if (flags & IPRANGE_SRC)
      out += fmt::format(" source IP range{} {}-{}", (flags & IPRANGE_SRC_INV) ? " !" : "", xt_ipaddr_str(src_min),
                         xt_ipaddr_str(src_max));
    if (flags & IPRANGE_DST)
      out += fmt::format(" destination IP range{} {}-{}", (flags & IPRANGE_DST_INV) ? " !" : "",
                         xt_ipaddr_str(dst_min), xt_ipaddr_str(dst_max));
  }

  void save(std::string& out) const override {
    if (flags & IPRANGE_SRC)
      out += fmt::format("{} --src-range {}-{}", (flags & IPRANGE_SRC_INV) ? " !" : "", xt_ipaddr_str(src_min),
                         xt_ipaddr_str(src_max));
    if (flags & IPRANGE_DST)
      out += fmt::format("{} --dst-range {}-{}", (flags & IPRANGE_DST_INV) ? " !" : "", xt_ipaddr_str(dst_min),
                         xt_ipaddr_str(dst_max));
  }

  // iprange_mt4
  bool match(XtActionParam& par) const override {
    if (flags & IPRANGE_SRC) {
      const uint32_t a = wire::load_be32(par.iph + 12);
      if ((a < src_min || a > src_max) != bool(flags & IPRANGE_SRC_INV)) return false;
    }
    if (flags & IPRANGE_DST) {
      const uint32_t a = wire::load_be32(par.iph + 16);
      if ((a < dst_min || a > dst_max) != bool(flags & IPRANGE_DST_INV)) return false;
    }
    return true;
  }
};

const XtMatchType kIprange{"iprange", kOpts, [] { return std::unique_ptr<XtMatch>(new IprangeMatch); }, 1};
XtMatchRegistrar reg{kIprange};

}  // namespace

}  // namespace skbox
