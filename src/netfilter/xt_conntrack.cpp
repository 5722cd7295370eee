// The conntrack match (net/netfilter/xt_conntrack.c, revision 3, and
// iptables' extensions/libxt_conntrack.c), and `-m state`, which
// iptables 1.8.9 sends to the kernel as the same match with the
// XT_CONNTRACK_STATE_ALIAS flag (libxt_conntrack's "state" alias of
// conntrack revision 3, the highest this kernel has): the packet's
// conntrack state (INVALID without a connection, UNTRACKED for NOTRACK,
// SNAT/DNAT from the connection's status), direction, original/reply
// addresses and ports, protocol, status bits and remaining lifetime.
// checkentry takes the namespace's conntrack reference (nf_ct_netns_get)
// so conntrack runs only where such rules exist; destroy drops it.
//
// Not modelled: revisions 0-2 (iptables never picks them on this kernel),
// IPv6, host names in --ctorigsrc & co.
#include <cerrno>
#include <tuple>

#include <fmt/format.h>

#include "net/net.h"
#include "netfilter/x_tables.h"
#include "netfilter/xt_ct_ref.h"
#include "netfilter/xt_x6.h"
#include "netfilter/xtables.h"

#include "netfilter/nf_conntrack.h"

namespace skbox {

namespace {

// xt_conntrack.h's match_flags / invert_flags
enum : uint16_t {
  XT_CONNTRACK_STATE = 1 << 0, XT_CONNTRACK_PROTO = 1 << 1, XT_CONNTRACK_ORIGSRC = 1 << 2,
  XT_CONNTRACK_ORIGDST = 1 << 3, XT_CONNTRACK_REPLSRC = 1 << 4, XT_CONNTRACK_REPLDST = 1 << 5,
  XT_CONNTRACK_STATUS = 1 << 6, XT_CONNTRACK_EXPIRES = 1 << 7, XT_CONNTRACK_ORIGSRC_PORT = 1 << 8,
  XT_CONNTRACK_ORIGDST_PORT = 1 << 9, XT_CONNTRACK_REPLSRC_PORT = 1 << 10, XT_CONNTRACK_REPLDST_PORT = 1 << 11,
  XT_CONNTRACK_DIRECTION = 1 << 12, XT_CONNTRACK_STATE_ALIAS = 1 << 13,
};
// The state bits: 1 << (ctinfo % IP_CT_IS_REPLY + 1), and the extra ones.
constexpr uint16_t ct_state_bit(uint8_t ctinfo) { return uint16_t(1u << (ctinfo % 3 + 1)); }
enum : uint16_t {
  XT_CONNTRACK_STATE_INVALID = 1 << 0, XT_STATE_NEW = 1 << 3, XT_STATE_ESTABLISHED = 1 << 1,
  XT_STATE_RELATED = 1 << 2, XT_CONNTRACK_STATE_SNAT = 1 << 6, XT_CONNTRACK_STATE_DNAT = 1 << 7,
  XT_CONNTRACK_STATE_UNTRACKED = 1 << 8,
};
// ip_conntrack_status bits --ctstatus names
enum : uint16_t { kIpsExpected = 1 << 0, kIpsSeenReply = 1 << 1, kIpsAssured = 1 << 2, kIpsConfirmed = 1 << 3 };
constexpr uint16_t XT_INV_PROTO = 0x40;

enum {
  O_CTSTATE = 0, O_CTPROTO, O_CTORIGSRC, O_CTORIGDST, O_CTREPLSRC, O_CTREPLDST, O_CTORIGSRCPORT,
  O_CTORIGDSTPORT, O_CTREPLSRCPORT, O_CTREPLDSTPORT, O_CTSTATUS, O_CTEXPIRE, O_CTDIR,
};
constexpr XtOption kConntrackOpts[] = {
    {"ctstate", O_CTSTATE},         {"ctproto", O_CTPROTO},         {"ctorigsrc", O_CTORIGSRC},
    {"ctorigdst", O_CTORIGDST},     {"ctreplsrc", O_CTREPLSRC},     {"ctrepldst", O_CTREPLDST},
    {"ctstatus", O_CTSTATUS},       {"ctexpire", O_CTEXPIRE},       {"ctorigsrcport", O_CTORIGSRCPORT},
    {"ctorigdstport", O_CTORIGDSTPORT}, {"ctreplsrcport", O_CTREPLSRCPORT}, {"ctrepldstport", O_CTREPLDSTPORT},
    {"ctdir", O_CTDIR}};
// conntrack3_mt_opts
constexpr XtOptEntry kConntrackX6[] = {
    {"ctstate", O_CTSTATE, XTOPT_INVERT},         {"ctproto", O_CTPROTO, XTOPT_INVERT},
    {"ctorigsrc", O_CTORIGSRC, XTOPT_INVERT},     {"ctorigdst", O_CTORIGDST, XTOPT_INVERT},
    {"ctreplsrc", O_CTREPLSRC, XTOPT_INVERT},     {"ctrepldst", O_CTREPLDST, XTOPT_INVERT},
    {"ctstatus", O_CTSTATUS, XTOPT_INVERT},       {"ctexpire", O_CTEXPIRE, XTOPT_INVERT},
    {"ctorigsrcport", O_CTORIGSRCPORT, XTOPT_INVERT}, {"ctorigdstport", O_CTORIGDSTPORT, XTOPT_INVERT},
    {"ctreplsrcport", O_CTREPLSRCPORT, XTOPT_INVERT}, {"ctrepldstport", O_CTREPLDSTPORT, XTOPT_INVERT},
    {"ctdir", O_CTDIR}};
constexpr XtOption kStateOpts[] = {{"state", O_CTSTATE}};
constexpr XtOptEntry kStateX6[] = {{"state", O_CTSTATE, XTOPT_MAND | XTOPT_INVERT}};

struct Name {
  std::string_view name;
  uint16_t bit;
};
constexpr Name kCtStates[] = {{"INVALID", XT_CONNTRACK_STATE_INVALID}, {"NEW", XT_STATE_NEW},
                              {"ESTABLISHED", XT_STATE_ESTABLISHED},  {"RELATED", XT_STATE_RELATED},
                              {"UNTRACKED", XT_CONNTRACK_STATE_UNTRACKED}, {"SNAT", XT_CONNTRACK_STATE_SNAT},
                              {"DNAT", XT_CONNTRACK_STATE_DNAT}};
constexpr Name kCtStatus[] = {{"NONE", 0}, {"EXPECTED", kIpsExpected}, {"SEEN_REPLY", kIpsSeenReply},
                              {"ASSURED", kIpsAssured}, {"CONFIRMED", kIpsConfirmed}};
// The order -L prints states in.
constexpr Name kStatePrint[] = {{"INVALID", XT_CONNTRACK_STATE_INVALID}, {"NEW", XT_STATE_NEW},
                                {"RELATED", XT_STATE_RELATED},        {"ESTABLISHED", XT_STATE_ESTABLISHED},
                                {"UNTRACKED", XT_CONNTRACK_STATE_UNTRACKED}, {"SNAT", XT_CONNTRACK_STATE_SNAT},
                                {"DNAT", XT_CONNTRACK_STATE_DNAT}};

// conntrack_ps_states / state_parse_states: NAME[,NAME...], each name
// abbreviable; `names` is the list the option knows.
uint16_t parse_names(std::string_view arg, std::span<const Name> names, std::string_view what, bool state_opt) {
  uint16_t mask = 0;
  auto one = [&](std::string_view tok) -> bool {
    if (tok.empty()) return false;
    for (const Name& n : names)
      if (xt_prefix_icase(n.name, tok)) {
        mask |= n.bit;
        return true;
      }
    return false;
  };
  auto bad = [&](std::string_view rest) { return XtParamError{fmt::format("Bad {} \"{}\"", what, rest)}; };
  size_t pos = 0;
  for (size_t comma; (comma = arg.find(',', pos)) != std::string_view::npos; pos = comma + 1)
    if (!one(arg.substr(pos, comma - pos))) throw bad(arg.substr(pos));
  if (state_opt && pos == arg.size())
    throw XtParamError{"\"--state\" requires a list of states with no spaces, e.g. ESTABLISHED,RELATED"};
  if (!one(arg.substr(pos))) throw bad(arg.substr(pos));
  return mask;
}

// struct xt_conntrack_mtinfo3 (addresses and ports in host order).
class ConntrackMatch : public XtMatchImpl<ConntrackMatch> {
 public:
  uint32_t origsrc_addr = 0, origsrc_mask = 0, origdst_addr = 0, origdst_mask = 0;
  uint32_t replsrc_addr = 0, replsrc_mask = 0, repldst_addr = 0, repldst_mask = 0;
  uint32_t expires_min = 0, expires_max = 0;
  uint16_t l4proto = 0;
  uint16_t origsrc_port = 0, origdst_port = 0, replsrc_port = 0, repldst_port = 0;
  uint16_t origsrc_port_high = 0, origdst_port_high = 0, replsrc_port_high = 0, repldst_port_high = 0;
  uint16_t match_flags = 0, invert_flags = 0;
  uint16_t state_mask = 0, status_mask = 0;
  unsigned xflags = 0;
  XtCtRef ct_ref;  // holds the namespace's conntrack reference

  auto tie() const {
    return std::tie(origsrc_addr, origsrc_mask, origdst_addr, origdst_mask, replsrc_addr, replsrc_mask,
                    repldst_addr, repldst_mask, expires_min, expires_max, l4proto, origsrc_port, origdst_port,
                    replsrc_port, repldst_port, origsrc_port_high, origdst_port_high, replsrc_port_high,
                    repldst_port_high, match_flags, invert_flags, state_mask, status_mask);
  }
  bool operator==(const ConntrackMatch& o) const { return tie() == o.tie(); }

  bool is_state() const { return match_flags & XT_CONNTRACK_STATE_ALIAS; }
  std::string_view ext() const { return is_state() ? "state" : "conntrack"; }

  void parse(int id, const std::string& arg, const XtParseCtx& ctx) override;
  void final_check() override;
  void print(std::string& out, bool numeric) const override { dump(out, "", numeric); }
  void save(std::string& out) const override { dump(out, "--", true); }
  void dump(std::string& out, const char* prefix, bool numeric) const;

  int checkentry(const XtCheckParam& par) override { return ct_ref.get(par.net); }
  void destroy(Net& net) override { ct_ref.put(net); }

  bool match(XtActionParam& par) const override;
};

void ConntrackMatch::parse(int id, const std::string& arg, const XtParseCtx& ctx) {
  const bool inv = ctx.invert;
  if (is_state()) {
    xtables_option_parse("state", kStateX6, id, inv, xflags);
    match_flags = XT_CONNTRACK_STATE | XT_CONNTRACK_STATE_ALIAS;
    state_mask = parse_names(arg, std::span(kCtStates).first(5), "state", true);
    if (inv) invert_flags |= XT_CONNTRACK_STATE;
    return;
  }
  xtables_option_parse("conntrack", kConntrackX6, id, inv, xflags);
  auto flag = [&](uint16_t f) {
    match_flags |= f;
    if (inv) invert_flags |= f;
  };
  auto hostmask = [&](const char* opt, uint32_t& a, uint32_t& m, uint16_t f) {
    xtopt_parse_hostmask("conntrack", opt, arg, a, m);
    flag(f);
  };
  auto ports = [&](const char* opt, uint16_t& lo, uint16_t& hi, uint16_t f) {
    std::array<uint16_t, 2> r;
    const unsigned n = xtopt_parse_mport("conntrack", opt, arg, r);
    lo = r[0];
    hi = r[n >= 2 ? 1 : 0];
    flag(f);
  };
  switch (id) {
    case O_CTSTATE:
      state_mask = parse_names(arg, kCtStates, "ctstate", false);
      flag(XT_CONNTRACK_STATE);
      break;
    case O_CTPROTO:
      l4proto = xtopt_parse_protocol(arg);
      // (libxt_conntrack tests the IPT_INV_PROTO bit of the invert flags)
      if (l4proto == 0 && (invert_flags & XT_INV_PROTO))
        throw XtParamError{"conntrack: rule would never match protocol"};
      flag(XT_CONNTRACK_PROTO);
      break;
    case O_CTORIGSRC: hostmask("ctorigsrc", origsrc_addr, origsrc_mask, XT_CONNTRACK_ORIGSRC); break;
    case O_CTORIGDST: hostmask("ctorigdst", origdst_addr, origdst_mask, XT_CONNTRACK_ORIGDST); break;
    case O_CTREPLSRC: hostmask("ctreplsrc", replsrc_addr, replsrc_mask, XT_CONNTRACK_REPLSRC); break;
    case O_CTREPLDST: hostmask("ctrepldst", repldst_addr, repldst_mask, XT_CONNTRACK_REPLDST); break;
    case O_CTSTATUS:
      status_mask = parse_names(arg, kCtStatus, "ctstatus", false);
      flag(XT_CONNTRACK_STATUS);
      break;
    case O_CTEXPIRE: {
      std::array<uint64_t, 2> r;
      const unsigned n = xtopt_parse_mint("conntrack", "ctexpire", arg, 0, 0xffffffff, r);
      expires_min = uint32_t(r[0]);
      expires_max = uint32_t(n >= 2 ? r[1] : r[0]);
      flag(XT_CONNTRACK_EXPIRES);
      break;
    }
    case O_CTORIGSRCPORT: ports("ctorigsrcport", origsrc_port, origsrc_port_high, XT_CONNTRACK_ORIGSRC_PORT); break;
    case O_CTORIGDSTPORT: ports("ctorigdstport", origdst_port, origdst_port_high, XT_CONNTRACK_ORIGDST_PORT); break;
    case O_CTREPLSRCPORT: ports("ctreplsrcport", replsrc_port, replsrc_port_high, XT_CONNTRACK_REPLSRC_PORT); break;
    case O_CTREPLDSTPORT: ports("ctrepldstport", repldst_port, repldst_port_high, XT_CONNTRACK_REPLDST_PORT); break;
    case O_CTDIR: {
      auto ieq = [&](std::string_view w) { return arg.size() == w.size() && xt_prefix_icase(w, arg); };
      if (ieq("ORIGINAL")) {
        match_flags |= XT_CONNTRACK_DIRECTION;
        invert_flags &= uint16_t(~XT_CONNTRACK_DIRECTION);
      } else if (ieq("REPLY")) {
        match_flags |= XT_CONNTRACK_DIRECTION;
        invert_flags |= XT_CONNTRACK_DIRECTION;
      } else {
        throw XtParamError{fmt::format("conntrack: Bad value for \"--ctdir\" option: \"{}\"", arg)};
      }
      break;
    }
  }
}

void ConntrackMatch::final_check() {
  if (is_state()) {
    xtables_options_fcheck("state", kStateX6, xflags);
    return;
  }
  if (xflags == 0) throw XtParamError{"conntrack: At least one option is required"};
  xtables_options_fcheck("conntrack", kConntrackX6, xflags);
}

// conntrack_dump
void ConntrackMatch::dump(std::string& out, const char* prefix, bool numeric) const {
  auto inv = [&](uint16_t f) {
    if (invert_flags & f) out += " !";
  };
  auto addr = [&](const char* name, uint16_t f, uint32_t a, uint32_t m) {
    if (!(match_flags & f)) return;
    inv(f);
    out += fmt::format(" {}{}", prefix, name);
    if (!numeric && a == 0) {
      out += " anywhere";
      return;
    }
    const std::string host = (!numeric && a == 0x7f000001) ? "localhost" : xt_ipaddr_str(a);
    out += " " + host + xt_mask_str(m);
  };
  auto port = [&](const char* name, uint16_t f, uint16_t lo, uint16_t hi) {
    if (!(match_flags & f)) return;
    inv(f);
    if (hi == 0 || lo == hi) out += fmt::format(" {}{} {}", prefix, name, lo);
    else out += fmt::format(" {}{} {}:{}", prefix, name, lo, hi);
  };
  if (match_flags & XT_CONNTRACK_STATE) {
    inv(XT_CONNTRACK_STATE);
    out += fmt::format(" {}{}", prefix, is_state() ? "state" : "ctstate");
    const char* sep = " ";
    for (const Name& n : kStatePrint)
      if (state_mask & n.bit) {
        out += sep;
        out += n.name;
        sep = ",";
      }
  }
  if (match_flags & XT_CONNTRACK_PROTO) {
    inv(XT_CONNTRACK_PROTO);
    out += fmt::format(" {}ctproto {}", prefix, l4proto);
  }
  addr("ctorigsrc", XT_CONNTRACK_ORIGSRC, origsrc_addr, origsrc_mask);
  addr("ctorigdst", XT_CONNTRACK_ORIGDST, origdst_addr, origdst_mask);
  addr("ctreplsrc", XT_CONNTRACK_REPLSRC, replsrc_addr, replsrc_mask);
  addr("ctrepldst", XT_CONNTRACK_REPLDST, repldst_addr, repldst_mask);
  port("ctorigsrcport", XT_CONNTRACK_ORIGSRC_PORT, origsrc_port, origsrc_port_high);
  port("ctorigdstport", XT_CONNTRACK_ORIGDST_PORT, origdst_port, origdst_port_high);
  port("ctreplsrcport", XT_CONNTRACK_REPLSRC_PORT, replsrc_port, replsrc_port_high);
  port("ctrepldstport", XT_CONNTRACK_REPLDST_PORT, repldst_port, repldst_port_high);
  if (match_flags & XT_CONNTRACK_STATUS) {
    inv(XT_CONNTRACK_STATUS);
    out += fmt::format(" {}ctstatus", prefix);
    const char* sep = " ";
    for (const Name& n : std::span(kCtStatus).subspan(1))
      if (status_mask & n.bit) {
        out += sep;
        out += n.name;
        sep = ",";
      }
    if (status_mask == 0) out += fmt::format("{}NONE", sep);
  }
  if (match_flags & XT_CONNTRACK_EXPIRES) {
    inv(XT_CONNTRACK_EXPIRES);
    out += fmt::format(" {}ctexpire ", prefix);
    if (expires_max == expires_min) out += fmt::format("{}", expires_min);
    else out += fmt::format("{}:{}", expires_min, expires_max);
  }
  if (match_flags & XT_CONNTRACK_DIRECTION)
    out += fmt::format(" {}ctdir {}", prefix, (invert_flags & XT_CONNTRACK_DIRECTION) ? "REPLY" : "ORIGINAL");
}

// conntrack_mt with ct_proto_port_check_v3.
bool ConntrackMatch::match(XtActionParam& par) const {
  uint8_t ctinfo = 0;
  const NfConn* ct = nf_ct_get(par.skb, &ctinfo);
  uint16_t statebit;
  if (ct) statebit = ct_state_bit(ctinfo);
  else if (ctinfo == 7 /* IP_CT_UNTRACKED */) statebit = XT_CONNTRACK_STATE_UNTRACKED;
  else statebit = XT_CONNTRACK_STATE_INVALID;

  auto fails = [&](uint16_t f, bool hit) { return hit == bool(invert_flags & f); };
  if (match_flags & XT_CONNTRACK_STATE) {
    if (ct) {
      if (ct->status & (1u << 4)) statebit |= XT_CONNTRACK_STATE_SNAT;  // IPS_SRC_NAT
      if (ct->status & (1u << 5)) statebit |= XT_CONNTRACK_STATE_DNAT;  // IPS_DST_NAT
    }
    if (fails(XT_CONNTRACK_STATE, state_mask & statebit)) return false;
  }
  if (!ct) return match_flags & XT_CONNTRACK_STATE;
  const bool original = CTINFO2DIR(ctinfo) == IP_CT_DIR_ORIGINAL;
  if ((match_flags & XT_CONNTRACK_DIRECTION) && original == bool(invert_flags & XT_CONNTRACK_DIRECTION))
    return false;
  const NfConntrackTuple& o = ct->tuple[IP_CT_DIR_ORIGINAL];
  const NfConntrackTuple& r = ct->tuple[IP_CT_DIR_REPLY];
  auto addr_ok = [&](uint16_t f, uint32_t k, uint32_t a, uint32_t m) {
    return !(match_flags & f) || !fails(f, ((k ^ a) & m) == 0);
  };
  if (!addr_ok(XT_CONNTRACK_ORIGSRC, o.src.v, origsrc_addr, origsrc_mask) ||
      !addr_ok(XT_CONNTRACK_ORIGDST, o.dst.v, origdst_addr, origdst_mask) ||
      !addr_ok(XT_CONNTRACK_REPLSRC, r.src.v, replsrc_addr, replsrc_mask) ||
      !addr_ok(XT_CONNTRACK_REPLDST, r.dst.v, repldst_addr, repldst_mask))
    return false;
  if ((match_flags & XT_CONNTRACK_PROTO) && fails(XT_CONNTRACK_PROTO, ct->protonum() == l4proto)) return false;
  // src.u.all / dst.u.all: ports, or the ICMP id and type<<8|code.
  auto dst_all = [](const NfConntrackTuple& t) {
    return t.protonum == 1 ? uint16_t(t.icmp_type << 8 | t.icmp_code) : t.dst_port;
  };
  auto port_ok = [&](uint16_t f, uint16_t lo, uint16_t hi, uint16_t p) {
    return !(match_flags & f) || ((p >= lo && p <= hi) != bool(invert_flags & f));
  };
  if (!port_ok(XT_CONNTRACK_ORIGSRC_PORT, origsrc_port, origsrc_port_high, o.src_port) ||
      !port_ok(XT_CONNTRACK_ORIGDST_PORT, origdst_port, origdst_port_high, dst_all(o)) ||
      !port_ok(XT_CONNTRACK_REPLSRC_PORT, replsrc_port, replsrc_port_high, r.src_port) ||
      !port_ok(XT_CONNTRACK_REPLDST_PORT, repldst_port, repldst_port_high, dst_all(r)))
    return false;
  if ((match_flags & XT_CONNTRACK_STATUS) && fails(XT_CONNTRACK_STATUS, status_mask & ct->status)) return false;
  if (match_flags & XT_CONNTRACK_EXPIRES) {
    const uint64_t expires = uint64_t(nf_ct_expires(*ct) / kSec);
    if (fails(XT_CONNTRACK_EXPIRES, expires >= expires_min && expires <= expires_max)) return false;
  }
  return true;
}

const XtMatchType kConntrack{"conntrack", kConntrackOpts, [] { return std::unique_ptr<XtMatch>(new ConntrackMatch); },
                             3};
const XtMatchType kState{"state", kStateOpts,
                         [] {
                           auto m = new ConntrackMatch;
                           m->match_flags = XT_CONNTRACK_STATE_ALIAS;
                           return std::unique_ptr<XtMatch>(m);
                         },
                         3};
XtMatchRegistrar reg_conntrack{kConntrack}, reg_state{kState};

}  // namespace

}  // namespace skbox
