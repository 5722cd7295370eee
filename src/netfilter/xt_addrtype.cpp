// The addrtype match, revision 1 (net/netfilter/xt_addrtype.c, iptables'
// extensions/libxt_addrtype.c): what the namespace's local routing table
// says the source and/or destination address is (inet_dev_addr_type:
// LOCAL, UNICAST, BROADCAST, MULTICAST, ...), each a set of types,
// optionally inverted. --limit-iface-in/--limit-iface-out ask about the
// packet's input/output device only (a route through another device
// answers UNICAST). checkentry refuses an output limit where no output
// device exists yet (PREROUTING, INPUT) and an input limit where none
// exists (OUTPUT, POSTROUTING).
//
// kube-proxy puts `-m addrtype --dst-type LOCAL` in front of every
// NodePort lookup: a match is one lookup in the local table, no allocation.
//
// Not modelled: revision 0, IPv6, l3mdev (VRF) tables.
#include <cerrno>

#include <fmt/format.h>

#include "core/printk.h"
#include "ipv4/fib.h"
#include "net/net.h"
#include "netfilter/x_tables.h"
#include "netfilter/xtoptions.h"
#include "wire/be.h"

namespace skbox {

namespace {

// XT_ADDRTYPE_INVERT_SOURCE / _INVERT_DEST / _LIMIT_IFACE_IN / _LIMIT_IFACE_OUT
enum : uint32_t { INVERT_SOURCE = 1, INVERT_DEST = 2, LIMIT_IFACE_IN = 4, LIMIT_IFACE_OUT = 8 };
enum { O_SRC_TYPE = 0, O_DST_TYPE, O_LIMIT_IFACE_IN, O_LIMIT_IFACE_OUT };
constexpr XtOption kOpts[] = {{"src-type", O_SRC_TYPE},
                              {"dst-type", O_DST_TYPE},
                              {"limit-iface-in", O_LIMIT_IFACE_IN, false},
                              {"limit-iface-out", O_LIMIT_IFACE_OUT, false}};
constexpr XtOptSpec kSpecs[] = {{"src-type", O_SRC_TYPE, 0, false, true},
                                {"dst-type", O_DST_TYPE, 0, false, true},
                                {"limit-iface-in", O_LIMIT_IFACE_IN, 1u << O_LIMIT_IFACE_OUT},
                                {"limit-iface-out", O_LIMIT_IFACE_OUT, 1u << O_LIMIT_IFACE_IN}};

// The RTN_* names in their numeric order (the bit of each type).
constexpr std::string_view kRtnNames[] = {"UNSPEC",    "UNICAST",     "LOCAL",    "BROADCAST",
                                          "ANYCAST",   "MULTICAST",   "BLACKHOLE", "UNREACHABLE",
                                          "PROHIBIT",  "THROW",       "NAT",      "XRESOLVE"};

// parse_type: the first name that the word is a case-insensitive prefix
// of ("L" is LOCAL, "U" UNSPEC).
bool parse_type(std::string_view w, uint16_t& mask) {
  for (size_t i = 0; i < std::size(kRtnNames); ++i) {
    std::string_view n = kRtnNames[i];
    if (w.size() > n.size()) continue;
    bool same = true;
    for (size_t k = 0; k < w.size() && same; ++k) same = std::toupper(uint8_t(w[k])) == n[k];
    if (same) {
      mask = uint16_t(mask | (1u << i));
      return true;
    }
  }
  return false;
}

// parse_types: a comma list; a bad word before the last comma is quoted
// with the rest of the list, the last one alone.
void parse_types(std::string_view arg, uint16_t& mask) {
  size_t comma;
  while ((comma = arg.find(',')) != std::string_view::npos) {
    if (comma == 0 || !parse_type(arg.substr(0, comma), mask))
      throw XtParamError{fmt::format("addrtype: bad type `{}'", arg)};
    arg.remove_prefix(comma + 1);
  }
  if (arg.empty() || !parse_type(arg, mask)) throw XtParamError{fmt::format("addrtype: bad type \"{}\"", arg)};
}

std::string types_str(uint16_t mask) {
  std::string s;
  for (size_t i = 0; i < std::size(kRtnNames); ++i)
    if (mask & (1u << i)) {
      if (!s.empty()) s += ',';
      s += kRtnNames[i];
    }
  return s;
}

// struct xt_addrtype_info_v1
class AddrtypeMatch : public XtMatchImpl<AddrtypeMatch> {
 public:
  uint16_t source = 0, dest = 0;
  uint32_t flags = 0;
  unsigned seen = 0;
  bool operator==(const AddrtypeMatch& o) const {
    return source == o.source && dest == o.dest && flags == o.flags;
  }

  void parse(int id, const std::string& arg, const XtParseCtx& ctx) override {
    xt_option_parse("addrtype", kSpecs, id, ctx.invert, seen);
    switch (id) {
      case O_SRC_TYPE:
        parse_types(arg, source);
        if (ctx.invert) flags |= INVERT_SOURCE;
        break;
      case O_DST_TYPE:
        parse_types(arg, dest);
        if (ctx.invert) flags |= INVERT_DEST;
        break;
      case O_LIMIT_IFACE_IN: flags |= LIMIT_IFACE_IN; break;
      case O_LIMIT_IFACE_OUT: flags |= LIMIT_IFACE_OUT; break;
    }
  }

  void final_check() override {
    if (!(seen & ((1u << O_SRC_TYPE) | (1u << O_DST_TYPE))))
      throw XtParamError{"addrtype: you must specify --src-type or --dst-type"};
    xt_options_fcheck("addrtype", kSpecs, seen);
  }

  void print(std::string& out, bool) const override {
    out += " ADDRTYPE match";
    if (source) out += fmt::format(" src-type {}{}", (flags & INVERT_SOURCE) ? "!" : "", types_str(source));
    if (dest) out += fmt::format(" dst-type {}{}", (flags & INVERT_DEST) ? "!" : "", types_str(dest));
    if (flags & LIMIT_IFACE_IN) out += " limit-in";
    if (flags & LIMIT_IFACE_OUT) out += " limit-out";
  }

  void save(std::string& out) const override {
    if (source) out += fmt::format("{} --src-type {}", (flags & INVERT_SOURCE) ? " !" : "", types_str(source));
    if (dest) out += fmt::format("{} --dst-type {}", (flags & INVERT_DEST) ? " !" : "", types_str(dest));
    if (flags & LIMIT_IFACE_IN) out += " --limit-iface-in";
    if (flags & LIMIT_IFACE_OUT) out += " --limit-iface-out";
  }

  // addrtype_mt_checkentry_v1
  int checkentry(const XtCheckParam& par) override {
    // One pr_info_ratelimited("%s\n", errmsg) for every refusal.
    static constexpr PrintkSite kSite{"addrtype_mt_checkentry_v1"};
    if ((flags & LIMIT_IFACE_IN) && (flags & LIMIT_IFACE_OUT))
      return xt_check_fail(par, kSite, "xt_addrtype: both incoming and outgoing interface limitation cannot be selected");
    if ((par.hook_mask & ((1u << NF_INET_PRE_ROUTING) | (1u << NF_INET_LOCAL_IN))) && (flags & LIMIT_IFACE_OUT))
      return xt_check_fail(par, kSite, "xt_addrtype: output interface limitation not valid in PREROUTING and INPUT");
    if ((par.hook_mask & ((1u << NF_INET_POST_ROUTING) | (1u << NF_INET_LOCAL_OUT))) && (flags & LIMIT_IFACE_IN))
      return xt_check_fail(par, kSite, "xt_addrtype: input interface limitation not valid in POSTROUTING and OUTPUT");
    return 0;
  }

  // addrtype_mt_v1 + match_type
  bool match(XtActionParam& par) const override {
    const Net& net = par.table.net;
    const NetDevice* dev = (flags & LIMIT_IFACE_IN) ? par.state.in : (flags & LIMIT_IFACE_OUT) ? par.state.out : nullptr;
    auto type_in = [&](uint32_t addr, uint16_t mask) {
      return bool(mask & (1u << inet_dev_addr_type(net, dev, Ipv4Addr(addr))));
    };
    if (source && type_in(wire::load_be32(par.iph + 12), source) == bool(flags & INVERT_SOURCE)) return false;
    if (dest && type_in(wire::load_be32(par.iph + 16), dest) == bool(flags & INVERT_DEST)) return false;
    return true;
  }
};

const XtMatchType kAddrtype{"addrtype", kOpts, [] { return std::unique_ptr<XtMatch>(new AddrtypeMatch); }, 1};
XtMatchRegistrar reg{kAddrtype};

}  // namespace

}  // namespace skbox
