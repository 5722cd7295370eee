// The limit match (net/netfilter/xt_limit.c, iptables' extensions/
// libxt_limit.c): a token bucket per rule. The rate is stored as the
// period between packets in 1/XT_LIMIT_SCALE seconds; the bucket holds
// credits, CREDITS_PER_JIFFY of them earned per jiffy of the virtual
// clock (HZ 250, the oracle kernel's), each match spending `cost`, up to
// `burst` matches' worth. The bucket is full when the rule is checked,
// i.e. at every table replace, as iptables-legacy replaces the whole
// table for any change.
//
// Not modelled: INITIAL_JIFFIES (only differences of jiffies are used).
#include <cerrno>
#include <cctype>
#include <climits>

#include <fmt/format.h>

#include "core/printk.h"
#include "core/timer_wheel.h"
#include "net/net.h"
#include "net/world.h"
#include "netfilter/x_tables.h"
#include "netfilter/xt_x6.h"

namespace skbox {

namespace {

constexpr uint32_t XT_LIMIT_SCALE = 10000;
constexpr uint32_t kHz = uint32_t(kTimerHz);
// The largest power of two with CREDITS_PER_JIFFY * HZ * one day < 2^32
// (the slowest rate is 1/day).
constexpr uint32_t pow2_below(uint32_t x) {
  uint32_t p = 1;
  while (p * 2 <= x) p *= 2;
  return p;
}
constexpr uint32_t CREDITS_PER_JIFFY = pow2_below(0xFFFFFFFFu / (kHz * 60 * 60 * 24));
static_assert(CREDITS_PER_JIFFY == 128);

// user2credits: avoids the overflow of multiplying first.
uint32_t user2credits(uint32_t user) {
  if (user > 0xFFFFFFFFu / (kHz * CREDITS_PER_JIFFY)) return (user / XT_LIMIT_SCALE) * kHz * CREDITS_PER_JIFFY;
  return (user * kHz * CREDITS_PER_JIFFY) / XT_LIMIT_SCALE;
}

constexpr uint32_t XT_LIMIT_BURST = 5;
enum { O_LIMIT = 0, O_BURST };
constexpr XtOption kLimitOpts[] = {{"limit", O_LIMIT}, {"limit-burst", O_BURST}};
constexpr XtOptEntry kLimitX6[] = {{"limit", O_LIMIT}, {"limit-burst", O_BURST}};

// atoi: strtol's clamp, then the int conversion.
int c_atoi(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  int64_t v = 0;
  for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i) {
    v = v * 10 + (s[i] - '0');
    if (v > int64_t(LONG_MAX) / 10) {
      v = LONG_MAX;
      break;
    }
  }
  if (neg) v = v == LONG_MAX ? LONG_MIN : -v;
  return static_cast<int>(static_cast<uint32_t>(static_cast<uint64_t>(v)));
}

// parse_rate: N[/second|/minute|/hour|/day] (any prefix of the unit).
bool parse_rate(std::string_view rate, uint32_t& val) {
  uint32_t mult = 1;
  if (size_t sl = rate.find('/'); sl != std::string_view::npos) {
    std::string_view unit = rate.substr(sl + 1);
    if (unit.empty()) return false;
    if (xt_prefix_icase("second", unit)) mult = 1;
    else if (xt_prefix_icase("minute", unit)) mult = 60;
    else if (xt_prefix_icase("hour", unit)) mult = 60 * 60;
    else if (xt_prefix_icase("day", unit)) mult = 24 * 60 * 60;
    else return false;
  }
  const uint32_t r = static_cast<uint32_t>(c_atoi(rate));
  if (!r) return false;
  val = XT_LIMIT_SCALE * mult / r;
  if (val == 0) throw XtParamError{fmt::format("Rate too fast \"{}\"", rate)};
  return true;
}

// print_rate: the largest unit that still shows the rate exactly enough.
std::string rate_str(uint32_t period) {
  struct Rate {
    const char* name;
    uint32_t mult;
  };
  static constexpr Rate kRates[] = {{"day", XT_LIMIT_SCALE * 24 * 60 * 60},
                                    {"hour", XT_LIMIT_SCALE * 60 * 60},
                                    {"min", XT_LIMIT_SCALE * 60},
                                    {"sec", XT_LIMIT_SCALE}};
  if (period == 0) return " inf";
  size_t i = 1;
  for (; i < std::size(kRates); ++i)
    if (period > kRates[i].mult || kRates[i].mult / period < kRates[i].mult % period) break;
  return fmt::format(" {}/{}", kRates[i - 1].mult / period, kRates[i - 1].name);
}

// struct xt_rateinfo (avg, burst) + struct xt_limit_priv (prev, credit).
class LimitMatch : public XtMatchImpl<LimitMatch> {
 public:
  uint32_t avg = XT_LIMIT_SCALE * 60 * 60 / 3;  // "3/hour"
  uint32_t burst = XT_LIMIT_BURST;
  uint32_t credit_cap = 0, cost = 0;
  mutable int64_t prev = 0;
  mutable uint32_t credit = 0;
  unsigned xflags = 0;
  bool operator==(const LimitMatch& o) const { return avg == o.avg && burst == o.burst; }

  void parse(int id, const std::string& arg, const XtParseCtx& ctx) override {
    xtables_option_parse("limit", kLimitX6, id, ctx.invert, xflags);
    if (id == O_LIMIT) {
      if (!parse_rate(arg, avg)) throw XtParamError{fmt::format("bad rate \"{}\"'", arg)};
    } else {
      burst = static_cast<uint32_t>(xtopt_parse_int("limit", "limit-burst", arg, 0, 10000));
    }
  }

  void print(std::string& out, bool) const override {
    out += " limit: avg" + rate_str(avg) + fmt::format(" burst {}", burst);
  }
  void save(std::string& out) const override {
    out += " --limit" + rate_str(avg);
    if (burst != XT_LIMIT_BURST) out += fmt::format(" --limit-burst {}", burst);
  }

  // limit_mt_check: ERANGE when avg * burst overflows the credits.
  int checkentry(const XtCheckParam& par) override {
    static constexpr PrintkSite kSite{"limit_mt_check"};
    if (burst == 0 || user2credits(avg * burst) < user2credits(avg))
      return xt_check_fail(par, kSite, fmt::format("xt_limit: Overflow, try lower: {}/{}", avg, burst), ERANGE);
    prev = jiffies_at(par.net.world.now());
    credit = user2credits(avg * burst);
    credit_cap = credit;
    cost = user2credits(avg);
    return 0;
  }

  // limit_mt (one CPU: the cmpxchg loop runs once).
  bool match(XtActionParam& par) const override {
    const int64_t now = jiffies_at(par.state.net->world.now());
    if (credit < cost && prev == now) return false;
    const uint32_t increase = static_cast<uint32_t>(static_cast<uint64_t>(now - prev) * CREDITS_PER_JIFFY);
    prev = now;
    uint32_t c = credit + increase;
    if (c > credit_cap) c = credit_cap;
    const bool ok = c >= cost;
    if (ok) c -= cost;
    credit = c;
    return ok;
  }
};

const XtMatchType kLimit{"limit", kLimitOpts, [] { return std::unique_ptr<XtMatch>(new LimitMatch); }};
XtMatchRegistrar reg_limit{kLimit};

}  // namespace

}  // namespace skbox
