// The length match (net/netfilter/xt_length.c, iptables'
// extensions/libxt_length.c): the IP total length (tot_len, header
// included) inside an inclusive range, optionally inverted. A reversed
// range is accepted and never matches.
//
// Not modelled: IPv6 (payload length + header).
#include <fmt/format.h>

#include "netfilter/x_tables.h"
#include "netfilter/xtoptions.h"
#include "wire/be.h"

namespace skbox {

namespace {

enum { O_LENGTH = 0 };
constexpr XtOption kOpts[] = {{"length", O_LENGTH}};
constexpr XtOptSpec kSpecs[] = {{"length", O_LENGTH, 0, true, true}};

// struct xt_length_info
class LengthMatch : public XtMatchImpl<LengthMatch> {
 public:
  uint16_t min = 0, max = 0;
  bool invert = false;
  unsigned seen = 0;
  bool operator==(const LengthMatch& o) const { return min == o.min && max == o.max && invert == o.invert; }

  void parse(int id, const std::string& arg, const XtParseCtx& ctx) override {
    xt_option_parse("length", kSpecs, id, ctx.invert, seen);
    std::array<uint32_t, 2> r{};
    const unsigned n = xt_parse_range("length", "length", arg, 0xffff, r);
    min = max = uint16_t(r[0]);
    if (n >= 2) max = uint16_t(r[1]);
    if (ctx.invert) invert = true;
  }
  void final_check() override { xt_options_fcheck("length", kSpecs, seen); }
  std::string range() const { return min == max ? fmt::format("{}", min) : fmt::format("{}:{}", min, max); }
  void print(std::string& out, bool) const override { out += fmt::format(" length {}{}", invert ? "!" : "", range()); }
  void save(std::string& out) const override { out += fmt::format("{} --length {}", invert ? " !" : "", range()); }
  // length_mt
  bool match(XtActionParam& par) const override {
    const uint16_t len = wire::load_be16(par.iph + 2);
    return (len >= min && len <= max) != invert;
  }
};

const XtMatchType kLength{"length", kOpts, [] { return std::unique_ptr<XtMatch>(new LengthMatch); }};
XtMatchRegistrar reg{kLength};

}  // namespace

}  // namespace skbox
