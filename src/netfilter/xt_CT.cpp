// The CT target and its NOTRACK alias (net/netfilter/xt_CT.c, iptables'
// extensions/libxt_CT.c, revision 2): in the raw table, before conntrack
// sees the packet. `-j CT --notrack` and `-j NOTRACK` (CT with
// XT_CT_NOTRACK_ALIAS, which -L shows as "NOTRACK" in a CT rule and -S
// as "-j NOTRACK") mark the packet untracked (skb->_nfct empty with
// IP_CT_UNTRACKED): conntrack leaves it alone, NAT never sees it, and
// `--ctstate UNTRACKED` / `--state UNTRACKED` match it. A plain `-j CT`
// (zone 0, no helper) attaches a template that changes nothing here, but
// takes the namespace's conntrack reference as the kernel's does.
//
// Not modelled (refused as a kernel without the feature refuses them):
// zones (--zone/--zone-orig/--zone-reply other than 0: "Operation not
// supported", as without CONFIG_NF_CONNTRACK_ZONES), --ctevents and
// --expevents ("Invalid argument", as without CONFIG_NF_CONNTRACK_EVENTS),
// helpers and timeout policies (none exist: "No chain/target/match by that
// name", with the kernel's log line).
#include <cerrno>
#include <cstring>
#include <strings.h>

#include <fmt/format.h>

#include "core/printk.h"
#include "netfilter/nf_conntrack.h"
#include "netfilter/x_tables.h"
#include "netfilter/xt_ct_ref.h"
#include "netfilter/xtoptions.h"

namespace skbox {

namespace {

// XT_CT_* flags (include/uapi/linux/netfilter/xt_CT.h)
enum : uint16_t {
  XT_CT_NOTRACK = 1 << 0, XT_CT_NOTRACK_ALIAS = 1 << 1, XT_CT_ZONE_DIR_ORIG = 1 << 2,
  XT_CT_ZONE_DIR_REPL = 1 << 3, XT_CT_ZONE_MARK = 1 << 4,
};

enum { O_NOTRACK = 0, O_ZONE, O_CTEVENTS, O_EXPEVENTS, O_HELPER, O_TIMEOUT, O_ZONE_ORIG, O_ZONE_REPLY };
constexpr XtOption kOpts[] = {
    {"notrack", O_NOTRACK, false}, {"zone", O_ZONE}, {"ctevents", O_CTEVENTS}, {"expevents", O_EXPEVENTS},
    {"helper", O_HELPER}, {"timeout", O_TIMEOUT}, {"zone-orig", O_ZONE_ORIG}, {"zone-reply", O_ZONE_REPLY},
};
// The table's exclusions are not enforced by iptables 1.8.9 (`--notrack
// --zone 1` is taken): none here either.
constexpr XtOptSpec kSpecs[] = {
    {"notrack", O_NOTRACK}, {"zone", O_ZONE}, {"ctevents", O_CTEVENTS}, {"expevents", O_EXPEVENTS},
    {"helper", O_HELPER}, {"timeout", O_TIMEOUT}, {"zone-orig", O_ZONE_ORIG}, {"zone-reply", O_ZONE_REPLY},
};

struct EventName {
  std::string_view name;
  unsigned bit;
};
// ct_event_tbl / exp_event_tbl: names and IPCT_* / IPEXP_* bit numbers.
constexpr EventName kCtEvents[] = {{"new", 0},    {"related", 1},   {"destroy", 2}, {"reply", 3},
                                   {"assured", 4}, {"protoinfo", 5}, {"helper", 6},  {"mark", 7},
                                   {"natseqinfo", 8}, {"secmark", 9}};
constexpr EventName kExpEvents[] = {{"new", 0}};

uint32_t parse_events(std::span<const EventName> tbl, std::string_view arg) {
  uint32_t mask = 0;
  for (size_t pos = 0;;) {
    const size_t comma = arg.find(',', pos);
    const std::string_view t = arg.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
    const EventName* e = nullptr;
    for (const EventName& x : tbl)
      if (x.name == t) e = &x;
    if (!e) throw XtParamError{fmt::format("Unknown event type \"{}\"", t)};
    mask |= 1u << e->bit;
    if (comma == std::string_view::npos) return mask;
    pos = comma + 1;
  }
}

void print_events(std::string& out, std::string_view pfx, std::string_view opt, std::span<const EventName> tbl,
                  uint32_t mask) {
  out += fmt::format(" {}{} ", pfx, opt);
  std::string_view sep;
  for (const EventName& e : tbl)
    if (mask & (1u << e.bit)) {
      out += sep;
      out += e.name;
      sep = ",";
    }
}

// struct xt_ct_target_info_v1 (what userspace sets).
class CtTarget : public XtTargetImpl<CtTarget> {
 public:
  uint16_t flags = 0, zone = 0;
  uint32_t ct_events = 0, exp_events = 0;
  std::string helper, timeout;
  unsigned seen = 0;
  XtCtRef ct_ref;
  bool operator==(const CtTarget& o) const {
    return flags == o.flags && zone == o.zone && ct_events == o.ct_events && exp_events == o.exp_events &&
           helper == o.helper && timeout == o.timeout;
  }

  void parse(int id, const std::string& arg, const XtParseCtx& ctx) override {
    xt_option_parse("CT", kSpecs, id, ctx.invert, seen);
    switch (id) {
      case O_NOTRACK: flags |= XT_CT_NOTRACK; break;
      case O_ZONE_ORIG:
      case O_ZONE_REPLY:
      case O_ZONE: parse_zone(id, arg); break;
      case O_CTEVENTS: ct_events = parse_events(kCtEvents, arg); break;
      case O_EXPEVENTS: exp_events = parse_events(kExpEvents, arg); break;
      case O_HELPER: helper = arg.substr(0, 15); break;   // XTOPT_PUT into char[16]
      case O_TIMEOUT: timeout = arg.substr(0, 31); break;  // snprintf into char[32]
    }
  }

  void print(std::string& out, bool) const override {
    if (flags & XT_CT_NOTRACK_ALIAS) {
      out += " NOTRACK";
      return;
    }
    out += " CT";
    show(out, "");
  }
  void save(std::string& out) const override {
    if (!(flags & XT_CT_NOTRACK_ALIAS)) show(out, "--");
  }
  std::string_view alias() const override { return (flags & XT_CT_NOTRACK_ALIAS) ? "NOTRACK" : ""; }

  // xt_check_target's table check, then xt_ct_tg_check.
  int checkentry(const XtCheckParam& par) override {
    if (int err = xt_check_table(par, "CT target", "raw")) return err;
    if (flags & XT_CT_NOTRACK) return 0;
    if (zone || (flags & (XT_CT_ZONE_DIR_ORIG | XT_CT_ZONE_DIR_REPL | XT_CT_ZONE_MARK))) return EOPNOTSUPP;
    if (ct_events || exp_events) return EINVAL;
    const bool have_proto = par.ip.proto && !(par.ip.invflags & IPT_INV_PROTO);  // xt_ct_find_proto
    if (!helper.empty()) {  // xt_ct_set_helper
      static constexpr PrintkSite kProto{"xt_ct_set_helper"}, kNoHelper{"xt_ct_set_helper"};
      if (!have_proto)
        return xt_check_fail(par, kProto, "xt_CT: You must specify a L4 protocol and not use inversions on it", ENOENT);
      return xt_check_fail(par, kNoHelper, fmt::format("xt_CT: No such helper \"{}\"", helper), ENOENT);
    }
    if (!timeout.empty()) {  // xt_ct_set_timeout, nf_ct_set_timeout
      static constexpr PrintkSite kProto{"xt_ct_set_timeout"}, kNoPolicy{"nf_ct_set_timeout"};
      if (!have_proto)
        return xt_check_fail(par, kProto, "xt_CT: You must specify a L4 protocol and not use inversions on it");
      return xt_check_fail(par, kNoPolicy, fmt::format("No such timeout policy \"{}\"", timeout), ENOENT);
    }
    return ct_ref.get(par.net);
  }
  void destroy(Net& net) override { ct_ref.put(net); }

  // xt_ct_target_v1: a packet that already has its conntrack (looped
  // back) keeps it.
  XtTargetRet target(XtActionParam& par) override {
    SkBuff& skb = par.skb;
    if (skb._nfct || skb._nfct_info == IP_CT_UNTRACKED) return XtTargetRet::Continue;
    if (flags & XT_CT_NOTRACK) nf_ct_set(skb, nullptr, IP_CT_UNTRACKED);
    return XtTargetRet::Continue;
  }

 private:
  void parse_zone(int id, const std::string& arg) {
    if (id == O_ZONE_ORIG) flags |= XT_CT_ZONE_DIR_ORIG;
    if (id == O_ZONE_REPLY) flags |= XT_CT_ZONE_DIR_REPL;
    zone = 0;
    if (strcasecmp(arg.c_str(), "mark") == 0) {
      flags |= XT_CT_ZONE_MARK;
      return;
    }
    size_t end = 0;
    uint64_t v = 0;
    if (!xt_strtoul_prefix(arg, end, v, UINT16_MAX) || end != arg.size())
      throw XtParamError{fmt::format("Cannot parse {} as a zone ID", arg)};
    zone = uint16_t(v);
  }
  void show(std::string& out, std::string_view pfx) const {
    if (flags & XT_CT_NOTRACK) out += fmt::format(" {}notrack", pfx);
    if (!helper.empty()) out += fmt::format(" {}helper {}", pfx, helper);
    if (ct_events) print_events(out, pfx, "ctevents", kCtEvents, ct_events);
    if (exp_events) print_events(out, pfx, "expevents", kExpEvents, exp_events);
    if ((flags & XT_CT_ZONE_MARK) || zone) {
      std::string_view dir;
      if ((flags & (XT_CT_ZONE_DIR_ORIG | XT_CT_ZONE_DIR_REPL)) == XT_CT_ZONE_DIR_ORIG) dir = "-orig";
      if ((flags & (XT_CT_ZONE_DIR_ORIG | XT_CT_ZONE_DIR_REPL)) == XT_CT_ZONE_DIR_REPL) dir = "-reply";
      out += fmt::format(" {}zone{}", pfx, dir);
      out += (flags & XT_CT_ZONE_MARK) ? std::string(" mark") : fmt::format(" {}", zone);
    }
    if (!timeout.empty()) out += fmt::format(" {}timeout {}", pfx, timeout);
  }
};

const XtTargetType kCt{"CT", kOpts, [] { return std::unique_ptr<XtTargetExt>(new CtTarget); }, 2};
XtTargetRegistrar reg_ct{kCt};

// NOTRACK_ct_tg_init (revision 2): CT with notrack and the alias flag; no options.
const XtTargetType kNotrack{"NOTRACK", {},
                            [] {
                              auto t = std::make_unique<CtTarget>();
                              t->flags = XT_CT_NOTRACK | XT_CT_NOTRACK_ALIAS;
                              return std::unique_ptr<XtTargetExt>(std::move(t));
                            },
                            2, "CT"};
XtTargetRegistrar reg_notrack{kNotrack};

}  // namespace

}  // namespace skbox
