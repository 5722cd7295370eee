// The statistic match (net/netfilter/xt_statistic.c, iptables'
// extensions/libxt_statistic.c): random mode draws a 31-bit number from
// the world's seeded generator and matches below probability * 2^31;
// nth mode counts packets in a counter shared by the rule (the kernel's
// info->master), restarted at `every - packet` whenever the rule is
// checked, i.e. at every table replace.
#include <cerrno>
#include <cmath>

#include <fmt/format.h>

#include "net/net.h"
#include "net/world.h"
#include "netfilter/x_tables.h"
#include "netfilter/xt_x6.h"

namespace skbox {

namespace {

enum : uint8_t { XT_STATISTIC_MODE_RANDOM = 0, XT_STATISTIC_MODE_NTH = 1 };
enum : uint8_t { XT_STATISTIC_INVERT = 0x1 };
enum { O_MODE = 0, O_PROBABILITY, O_EVERY, O_PACKET };
enum : unsigned { F_PROBABILITY = 1u << O_PROBABILITY, F_EVERY = 1u << O_EVERY, F_PACKET = 1u << O_PACKET };

constexpr XtOption kStatOpts[] = {{"mode", O_MODE}, {"probability", O_PROBABILITY}, {"every", O_EVERY}, {"packet", O_PACKET}};
constexpr XtOptEntry kStatX6[] = {
    {"mode", O_MODE, XTOPT_MAND},
    {"probability", O_PROBABILITY, XTOPT_INVERT, F_EVERY | F_PACKET},
    {"every", O_EVERY, XTOPT_INVERT, F_PROBABILITY, F_PACKET},
    {"packet", O_PACKET, 0, F_PROBABILITY, F_EVERY},
};

// struct xt_statistic_info (+ its master's count).
class StatisticMatch : public XtMatchImpl<StatisticMatch> {
 public:
  uint8_t mode = XT_STATISTIC_MODE_RANDOM, flags = 0;
  uint32_t probability = 0;
  uint32_t every = 0, packet = 0, count = 0;  // every is stored minus one
  mutable uint32_t master_count = 0;
  unsigned xflags = 0;
  bool operator==(const StatisticMatch& o) const {
    return mode == o.mode && flags == o.flags && probability == o.probability && every == o.every &&
           packet == o.packet;
  }

  void parse(int id, const std::string& arg, const XtParseCtx& ctx) override {
    if (ctx.invert) flags |= XT_STATISTIC_INVERT;
    xtables_option_parse("statistic", kStatX6, id, ctx.invert, xflags);
    switch (id) {
      case O_MODE:
        if (arg == "random") mode = XT_STATISTIC_MODE_RANDOM;
        else if (arg == "nth") mode = XT_STATISTIC_MODE_NTH;
        else throw XtParamError{fmt::format("Bad mode \"{}\"", arg)};
        break;
      case O_PROBABILITY:
        probability = static_cast<uint32_t>(std::lround(0x80000000 * xtopt_parse_float("statistic", "probability", arg, 0, 1)));
        break;
      case O_EVERY:
        every = static_cast<uint32_t>(xtopt_parse_int("statistic", "every", arg, 1, 0xffffffff)) - 1;
        break;
      case O_PACKET:
        packet = static_cast<uint32_t>(xtopt_parse_int("statistic", "packet", arg, 0, 0xffffffff));
        break;
    }
  }

  // statistic_check, then the generic option checks.
  void final_check() override {
    if (mode == XT_STATISTIC_MODE_RANDOM && !(xflags & F_PROBABILITY))
      throw XtParamError{"--probability must be specified when using random mode"};
    if (mode == XT_STATISTIC_MODE_NTH && !(xflags & (F_EVERY | F_PACKET)))
      throw XtParamError{"--every and --packet must be specified when using nth mode"};
    if (packet > every) throw XtParamError{"the --packet p must be 0 <= p <= n-1"};
    count = every - packet;
    xtables_options_fcheck("statistic", kStatX6, xflags);
  }

  void dump(std::string& out, const char* prefix) const {
    const char* inv = (flags & XT_STATISTIC_INVERT) ? " !" : "";
    if (mode == XT_STATISTIC_MODE_RANDOM) {
      out += fmt::format(" {}mode random{} {}probability {:.11f}", prefix, inv, prefix, 1.0 * probability / 0x80000000);
    } else {
      out += fmt::format(" {}mode nth{} {}every {}", prefix, inv, prefix, uint64_t(every) + 1);
      if (packet || *prefix) out += fmt::format(" {}packet {}", prefix, packet);
    }
  }
  void print(std::string& out, bool) const override {
    out += " statistic";
    dump(out, "");
  }
  void save(std::string& out) const override { dump(out, "--"); }

  int checkentry(const XtCheckParam&) override {
    if (mode > XT_STATISTIC_MODE_NTH || (flags & ~XT_STATISTIC_INVERT)) return EINVAL;
    master_count = count;
    return 0;
  }

  bool match(XtActionParam& par) const override {
    bool ret = flags & XT_STATISTIC_INVERT;
    if (mode == XT_STATISTIC_MODE_RANDOM) {
      if ((par.state.net->world.rng.next_u32() & 0x7FFFFFFF) < probability) ret = !ret;
    } else {
      master_count = master_count == every ? 0 : master_count + 1;
      if (master_count == 0) ret = !ret;
    }
    return ret;
  }
};

const XtMatchType kStatistic{"statistic", kStatOpts,
                             [] { return std::unique_ptr<XtMatch>(new StatisticMatch); }};
XtMatchRegistrar reg_statistic{kStatistic};

}  // namespace

}  // namespace skbox
