// The mac match (net/netfilter/xt_mac.c, iptables' extensions/libxt_mac.c):
// the Ethernet source address of a received frame, optionally inverted.
// Only where a received frame's header exists: PREROUTING, INPUT and
// FORWARD (xt_check_match refuses other hooks); never on a device that is
// not Ethernet, or when the MAC header is not in front of the data.
#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "core/printk.h"
#include "core/skbuff.h"
#include "net/netdevice.h"
#include "netfilter/x_tables.h"
#include "netfilter/xtoptions.h"

namespace skbox {

namespace {

enum { O_MAC = 0 };
constexpr XtOption kOpts[] = {{"mac-source", O_MAC}};
constexpr XtOptSpec kSpecs[] = {{"mac-source", O_MAC, 0, true, true}};
constexpr unsigned kHooks = (1u << NF_INET_PRE_ROUTING) | (1u << NF_INET_LOCAL_IN) | (1u << NF_INET_FORWARD);

// struct xt_mac_info
class MacMatch : public XtMatchImpl<MacMatch> {
 public:
  std::array<uint8_t, 6> srcaddr{};
  bool invert = false;
  unsigned seen = 0;
  bool operator==(const MacMatch& o) const { return srcaddr == o.srcaddr && invert == o.invert; }

  void parse(int id, const std::string& arg, const XtParseCtx& ctx) override {
    xt_option_parse("mac", kSpecs, id, ctx.invert, seen);
    srcaddr = xt_parse_ethermac(arg);
    if (ctx.invert) invert = true;
  }
  void final_check() override { xt_options_fcheck("mac", kSpecs, seen); }
  std::string addr() const {
    return fmt::format("{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", srcaddr[0], srcaddr[1], srcaddr[2], srcaddr[3],
                       srcaddr[4], srcaddr[5]);
  }
  void print(std::string& out, bool) const override { out += fmt::format(" MAC{} {}", invert ? " !" : "", addr()); }
  void save(std::string& out) const override {
    out += fmt::format("{} --mac-source {}", invert ? " !" : "", addr());
  }
  // The match's .hooks, as xt_check_match enforces them.
  int checkentry(const XtCheckParam& par) override { return xt_check_hooks(par, "mac match", kHooks); }
  // mac_mt
  bool match(XtActionParam& par) const override {
    const SkBuff& skb = par.skb;
    if (!skb.dev || skb.dev->type != ARPHRD_ETHER) return false;
    if (skb.mac_header == SkBuff::kNoHeader || uint32_t(skb.mac_header) + 14 > skb.data_off) return false;
    const bool same = std::memcmp(skb.head + skb.mac_header + 6, srcaddr.data(), 6) == 0;
    return same != invert;
  }
};

const XtMatchType kMac{"mac", kOpts, [] { return std::unique_ptr<XtMatch>(new MacMatch); }};
XtMatchRegistrar reg{kMac};

}  // namespace

}  // namespace skbox
