// The physdev match (net/netfilter/xt_physdev.c, iptables'
// extensions/libxt_physdev.c): the bridge ports of a bridged IPv4 packet
// as br_netfilter recorded them (dev/br_netfilter.h): --physdev-in and
// --physdev-out name them (with "+" wildcards), --physdev-is-in/-is-out
// say whether there is one, --physdev-is-bridged whether the packet is
// bridged (has an output port), each with "!".
// A packet that never crossed a bridge matches only the inverted options.
// The output port is known from FORWARD on: in OUTPUT only a rule that also
// requires --physdev-is-bridged may ask for it (checkentry).
#include <cerrno>
#include <cstring>

#include "core/printk.h"
#include "dev/br_netfilter.h"
#include "net/netdevice.h"
#include "netfilter/x_tables.h"
#include "netfilter/xtoptions.h"

namespace skbox {

namespace {

// XT_PHYSDEV_OP_*
enum : uint8_t {
  XT_PHYSDEV_OP_IN = 0x01, XT_PHYSDEV_OP_OUT = 0x02, XT_PHYSDEV_OP_BRIDGED = 0x04,
  XT_PHYSDEV_OP_ISIN = 0x08, XT_PHYSDEV_OP_ISOUT = 0x10, XT_PHYSDEV_OP_MASK = 0x1f,
};

enum { O_IN = 0, O_OUT, O_IS_IN, O_IS_OUT, O_BRIDGED };
constexpr XtOption kOpts[] = {
    {"physdev-in", O_IN}, {"physdev-out", O_OUT}, {"physdev-is-in", O_IS_IN, false},
    {"physdev-is-out", O_IS_OUT, false}, {"physdev-is-bridged", O_BRIDGED, false},
};
constexpr XtOptSpec kSpecs[] = {
    {"physdev-in", O_IN, 0, false, true}, {"physdev-out", O_OUT, 0, false, true},
    {"physdev-is-in", O_IS_IN, 0, false, true}, {"physdev-is-out", O_IS_OUT, 0, false, true},
    {"physdev-is-bridged", O_BRIDGED, 0, false, true},
};
constexpr uint8_t kOpBit[] = {XT_PHYSDEV_OP_IN, XT_PHYSDEV_OP_OUT, XT_PHYSDEV_OP_ISIN, XT_PHYSDEV_OP_ISOUT,
                              XT_PHYSDEV_OP_BRIDGED};

using IfName = std::array<char, kXtIfNameSize>;
using IfMask = std::array<uint8_t, kXtIfNameSize>;

// xtables_parse_interface: "+" at the end matches any suffix.
void parse_interface(std::string_view s, IfName& name, IfMask& mask, std::string* warnings) {
  if (s.size() >= kXtIfNameSize)
    throw XtParamError{"interface name `" + std::string(s) + "' must be shorter than IFNAMSIZ (15)"};
  name.fill(0);
  mask.fill(0);
  s.copy(name.data(), s.size());
  if (s.empty()) return;
  if (s.back() == '+') {
    std::fill_n(mask.begin(), s.size() - 1, 0xff);
  } else {
    std::fill_n(mask.begin(), s.size() + 1, 0xff);
    if (warnings && s.find_first_of("/ ") != std::string_view::npos)
      *warnings += "Warning: weird character in interface `" + std::string(s) +
                   "' ('/' and ' ' are not allowed by the kernel).\n";
  }
}

// ifname_compare_aligned: zero when the name matches under the mask.
bool ifname_matches(const char* devname, const IfName& name, const IfMask& mask) {
  char padded[kXtIfNameSize] = {};
  std::strncpy(padded, devname, kXtIfNameSize - 1);
  for (size_t i = 0; i < kXtIfNameSize; ++i)
    if ((padded[i] ^ name[i]) & mask[i]) return false;
  return true;
}

constexpr PrintkSite kCheckSite{"physdev_mt_check"};

// struct xt_physdev_info
class PhysdevMatch : public XtMatchImpl<PhysdevMatch> {
 public:
  IfName physindev{}, physoutdev{};
  IfMask in_mask{}, out_mask{};
  uint8_t invert = 0, bitmask = 0;
  unsigned seen = 0;
  bool operator==(const PhysdevMatch& o) const {
    return physindev == o.physindev && physoutdev == o.physoutdev && in_mask == o.in_mask && out_mask == o.out_mask &&
           invert == o.invert && bitmask == o.bitmask;
  }

  void parse(int id, const std::string& arg, const XtParseCtx& ctx) override {
    xt_option_parse("physdev", kSpecs, id, ctx.invert, seen);
    const uint8_t bit = kOpBit[id];
    if (id == O_IN) parse_interface(arg, physindev, in_mask, ctx.warnings);
    if (id == O_OUT) parse_interface(arg, physoutdev, out_mask, ctx.warnings);
    bitmask |= bit;
    if (ctx.invert) invert |= bit;
  }
  void final_check() override {
    if (bitmask == 0) throw XtParamError{"PHYSDEV: no physdev option specified"};
  }

  void print(std::string& out, bool) const override {
    out += " PHYSDEV match";
    print_options(out);
  }
  void save(std::string& out) const override { print_options(out); }

  // physdev_mt_check
  int checkentry(const XtCheckParam& par) override {
    if (!(bitmask & XT_PHYSDEV_OP_MASK) || (bitmask & ~XT_PHYSDEV_OP_MASK)) return EINVAL;
    if ((bitmask & (XT_PHYSDEV_OP_OUT | XT_PHYSDEV_OP_ISOUT)) &&
        (!(bitmask & XT_PHYSDEV_OP_BRIDGED) || (invert & XT_PHYSDEV_OP_BRIDGED)) &&
        (par.hook_mask & (1u << NF_INET_LOCAL_OUT)))
      return xt_check_fail(par, kCheckSite,
                           "xt_physdev: --physdev-out and --physdev-is-out only supported in the FORWARD and "
                           "POSTROUTING chains with bridged traffic");
    return 0;
  }

  // physdev_mt
  bool match(XtActionParam& par) const override {
    const SkBuff& skb = par.skb;
    if (!nf_bridge_info_exists(skb)) {
      // Not bridged: only options that are all inverted match.
      for (uint8_t b : kOpBit)
        if ((bitmask & b) && !(invert & b)) return false;
      return true;
    }
    const NetDevice* outp = nf_bridge_get_physoutdev(skb);
    if ((bitmask & XT_PHYSDEV_OP_BRIDGED) && (bool(outp) != !(invert & XT_PHYSDEV_OP_BRIDGED))) return false;
    const NetDevice* inp = nf_bridge_get_physindev(skb);
    if ((bitmask & XT_PHYSDEV_OP_ISIN) && (!inp != bool(invert & XT_PHYSDEV_OP_ISIN))) return false;
    if ((bitmask & XT_PHYSDEV_OP_ISOUT) && (!outp != bool(invert & XT_PHYSDEV_OP_ISOUT))) return false;
    // No input port (sent by the host into the bridge): --physdev-in is
    // not looked at, as in the kernel.
    if ((bitmask & XT_PHYSDEV_OP_IN) && inp &&
        ifname_matches(inp->name.c_str(), physindev, in_mask) == bool(invert & XT_PHYSDEV_OP_IN))
      return false;
    if (!(bitmask & XT_PHYSDEV_OP_OUT)) return true;
    if (!outp) return false;
    return ifname_matches(outp->name.c_str(), physoutdev, out_mask) != bool(invert & XT_PHYSDEV_OP_OUT);
  }

 private:
  void put(std::string& out, uint8_t bit, std::string_view opt, const char* name = nullptr) const {
    if (!(bitmask & bit)) return;
    if (invert & bit) out += " !";
    out += opt;
    if (name) out += name;
  }
  void print_options(std::string& out) const {
    put(out, XT_PHYSDEV_OP_ISIN, " --physdev-is-in");
    put(out, XT_PHYSDEV_OP_IN, " --physdev-in ", physindev.data());
    put(out, XT_PHYSDEV_OP_ISOUT, " --physdev-is-out");
    put(out, XT_PHYSDEV_OP_OUT, " --physdev-out ", physoutdev.data());
    put(out, XT_PHYSDEV_OP_BRIDGED, " --physdev-is-bridged");
  }
};

const XtMatchType kPhysdev{"physdev", kOpts, [] { return std::unique_ptr<XtMatch>(new PhysdevMatch); }};
XtMatchRegistrar reg{kPhysdev};

}  // namespace

}  // namespace skbox
