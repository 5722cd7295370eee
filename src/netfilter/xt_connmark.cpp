// The connmark match and the CONNMARK target (net/netfilter/xt_connmark.c:
// match revision 1, target revision 2 with the shifts, the highest this
// kernel has; iptables' extensions/libxt_connmark.c and libxt_CONNMARK.c).
// The match compares the connection's mark under a mask; the target sets
// the connection's mark (--set-xmark and the and/or/xor/set forms that
// iptables turns into it), copies the packet's mark into it
// (--save-mark) or back (--restore-mark), with masks and a shift. Both
// need conntrack: checkentry takes the namespace's reference; a packet
// without a connection never matches and is left alone by the target.
//
// Not modelled: revisions 0 and 1 (iptables picks 2 here), the IPCT_MARK
// event (ctnetlink events are the conntrack branch's).
#include <cerrno>

#include <fmt/format.h>

#include "core/skbuff.h"
#include "netfilter/x_tables.h"
#include "netfilter/xt_ct_ref.h"
#include "netfilter/xt_x6.h"

#include "netfilter/nf_conntrack.h"

namespace skbox {

namespace {

// The connection's mark, or null without a connection.
uint32_t* ct_mark(SkBuff& skb) {
  uint8_t ctinfo = 0;
  NfConn* ct = nf_ct_get(skb, &ctinfo);
  return ct ? &ct->mark : nullptr;
}

// --- connmark match (struct xt_connmark_mtinfo1) ----------------------

enum { O_MARK = 0 };
constexpr XtOption kConnmarkOpts[] = {{"mark", O_MARK}};
constexpr XtOptEntry kConnmarkX6[] = {{"mark", O_MARK, XTOPT_MAND | XTOPT_INVERT}};

class ConnmarkMatch : public XtMatchImpl<ConnmarkMatch> {
 public:
  uint32_t mark = 0, mask = 0xffffffff;
  bool invert = false;
  unsigned xflags = 0;
  XtCtRef ct_ref;
  bool operator==(const ConnmarkMatch& o) const { return mark == o.mark && mask == o.mask && invert == o.invert; }

  void parse(int id, const std::string& arg, const XtParseCtx& ctx) override {
    xtables_option_parse("connmark", kConnmarkX6, id, ctx.invert, xflags);
    xtopt_parse_markmask("connmark", "mark", arg, mark, mask);
    invert = ctx.invert;
  }
  void final_check() override { xtables_options_fcheck("connmark", kConnmarkX6, xflags); }

  void print(std::string& out, bool) const override {
    out += fmt::format(" connmark match {} 0x{:x}", invert ? "!" : "", mark);
    if (mask != 0xffffffff) out += fmt::format("/0x{:x}", mask);
  }
  void save(std::string& out) const override {
    out += fmt::format("{} --mark 0x{:x}", invert ? " !" : "", mark);
    if (mask != 0xffffffff) out += fmt::format("/0x{:x}", mask);
  }

  int checkentry(const XtCheckParam& par) override { return ct_ref.get(par.net); }
  void destroy(Net& net) override { ct_ref.put(net); }

  bool match(XtActionParam& par) const override {
    const uint32_t* m = ct_mark(par.skb);
    if (!m) return false;
    return ((*m & mask) == mark) != invert;
  }
};

// --- CONNMARK target (struct xt_connmark_tginfo2) ---------------------

enum : uint8_t { XT_CONNMARK_SET = 0, XT_CONNMARK_SAVE, XT_CONNMARK_RESTORE };
enum : uint8_t { D_SHIFT_LEFT = 0, D_SHIFT_RIGHT };
enum {
  O_SET_MARK = 0, O_SAVE_MARK, O_RESTORE_MARK, O_AND_MARK, O_OR_MARK, O_XOR_MARK, O_LEFT_SHIFT_MARK,
  O_RIGHT_SHIFT_MARK, O_SET_XMARK, O_CTMASK, O_NFMASK, O_MASK,
};
constexpr unsigned F_OP_ANY = (1u << O_SET_MARK) | (1u << O_SAVE_MARK) | (1u << O_RESTORE_MARK) |
                              (1u << O_AND_MARK) | (1u << O_OR_MARK) | (1u << O_XOR_MARK) | (1u << O_SET_XMARK);
constexpr XtOption kCONNMARKOpts[] = {
    {"set-xmark", O_SET_XMARK},   {"set-mark", O_SET_MARK},
    {"and-mark", O_AND_MARK},     {"or-mark", O_OR_MARK},
    {"xor-mark", O_XOR_MARK},     {"save-mark", O_SAVE_MARK, false},
    {"restore-mark", O_RESTORE_MARK, false}, {"left-shift-mark", O_LEFT_SHIFT_MARK},
    {"right-shift-mark", O_RIGHT_SHIFT_MARK}, {"ctmask", O_CTMASK},
    {"nfmask", O_NFMASK},         {"mask", O_MASK}};
// connmark_tg_opts_v2
constexpr XtOptEntry kCONNMARKX6[] = {
    {"set-xmark", O_SET_XMARK, 0, F_OP_ANY},
    {"set-mark", O_SET_MARK, 0, F_OP_ANY},
    {"and-mark", O_AND_MARK, 0, F_OP_ANY},
    {"or-mark", O_OR_MARK, 0, F_OP_ANY},
    {"xor-mark", O_XOR_MARK, 0, F_OP_ANY},
    {"save-mark", O_SAVE_MARK, 0, F_OP_ANY},
    {"restore-mark", O_RESTORE_MARK, 0, F_OP_ANY},
    {"left-shift-mark", O_LEFT_SHIFT_MARK},
    {"right-shift-mark", O_RIGHT_SHIFT_MARK},
    {"ctmask", O_CTMASK, 0, 1u << O_MASK},
    {"nfmask", O_NFMASK, 0, 1u << O_MASK},
    {"mask", O_MASK, 0, (1u << O_CTMASK) | (1u << O_NFMASK)},
};

class ConnmarkTarget : public XtTargetImpl<ConnmarkTarget> {
 public:
  uint32_t ctmark = 0, ctmask = 0xffffffff, nfmask = 0xffffffff;
  uint8_t shift_dir = D_SHIFT_LEFT, shift_bits = 0, mode = XT_CONNMARK_SET;
  unsigned xflags = 0;
  XtCtRef ct_ref;
  bool operator==(const ConnmarkTarget& o) const {
    return ctmark == o.ctmark && ctmask == o.ctmask && nfmask == o.nfmask && shift_dir == o.shift_dir &&
           shift_bits == o.shift_bits && mode == o.mode;
  }

  // connmark_tg_parse_v2
  void parse(int id, const std::string& arg, const XtParseCtx& ctx) override {
    xtables_option_parse("CONNMARK", kCONNMARKX6, id, ctx.invert, xflags);
    auto u32 = [&](const char* opt) {
      return static_cast<uint32_t>(xtopt_parse_int("CONNMARK", opt, arg, 0, 0xffffffff));
    };
    uint32_t mark, mask;
    switch (id) {
      case O_SET_XMARK:
        xtopt_parse_markmask("CONNMARK", "set-xmark", arg, mark, mask);
        mode = XT_CONNMARK_SET, ctmark = mark, ctmask = mask;
        break;
      case O_SET_MARK:
        xtopt_parse_markmask("CONNMARK", "set-mark", arg, mark, mask);
        mode = XT_CONNMARK_SET, ctmark = mark, ctmask = mark | mask;
        break;
      case O_AND_MARK: mode = XT_CONNMARK_SET, ctmark = 0, ctmask = ~u32("and-mark"); break;
      case O_OR_MARK: mode = XT_CONNMARK_SET, ctmark = ctmask = u32("or-mark"); break;
      case O_XOR_MARK: mode = XT_CONNMARK_SET, ctmark = u32("xor-mark"), ctmask = 0; break;
      case O_SAVE_MARK: mode = XT_CONNMARK_SAVE; break;
      case O_RESTORE_MARK: mode = XT_CONNMARK_RESTORE; break;
      case O_MASK: nfmask = ctmask = u32("mask"); break;
      case O_CTMASK: ctmask = u32("ctmask"); break;
      case O_NFMASK: nfmask = u32("nfmask"); break;
      case O_LEFT_SHIFT_MARK:
      case O_RIGHT_SHIFT_MARK:
        shift_dir = id == O_LEFT_SHIFT_MARK ? D_SHIFT_LEFT : D_SHIFT_RIGHT;
        shift_bits = static_cast<uint8_t>(xtopt_parse_int(
            "CONNMARK", id == O_LEFT_SHIFT_MARK ? "left-shift-mark" : "right-shift-mark", arg, 0, 32));
        break;
    }
  }

  void final_check() override {
    if (!(xflags & F_OP_ANY)) throw XtParamError{"CONNMARK target: No operation specified"};
    xtables_options_fcheck("CONNMARK", kCONNMARKX6, xflags);
  }

  std::string_view shift_op() const { return shift_dir == D_SHIFT_RIGHT ? "right-shift-mark" : "left-shift-mark"; }

  // connmark_tg_print_v2
  void print(std::string& out, bool) const override {
    switch (mode) {
      case XT_CONNMARK_SET:
        if (ctmark == 0) out += fmt::format(" CONNMARK and 0x{:x}", uint32_t(~ctmask));
        else if (ctmark == ctmask) out += fmt::format(" CONNMARK or 0x{:x}", ctmark);
        else if (ctmask == 0) out += fmt::format(" CONNMARK xor 0x{:x}", ctmark);
        else if (ctmask == 0xffffffff) out += fmt::format(" CONNMARK set 0x{:x}", ctmark);
        else out += fmt::format(" CONNMARK xset 0x{:x}/0x{:x}", ctmark, ctmask);
        break;
      case XT_CONNMARK_SAVE:
        if (nfmask == 0xffffffff && ctmask == 0xffffffff) out += " CONNMARK save";
        else if (nfmask == ctmask) out += fmt::format(" CONNMARK save mask 0x{:x}", nfmask);
        else out += fmt::format(" CONNMARK save nfmask 0x{:x} ctmask ~0x{:x}", nfmask, ctmask);
        break;
      case XT_CONNMARK_RESTORE:
        if (ctmask == 0xffffffff && nfmask == 0xffffffff) out += " CONNMARK restore";
        else if (ctmask == nfmask) out += fmt::format(" CONNMARK restore mask 0x{:x}", ctmask);
        else out += fmt::format(" CONNMARK restore ctmask 0x{:x} nfmask ~0x{:x}", ctmask, nfmask);
        break;
    }
    if (shift_bits != 0) out += fmt::format(" {} {}", shift_op(), shift_bits);
  }

  void save(std::string& out) const override {
    switch (mode) {
      case XT_CONNMARK_SET: out += fmt::format(" --set-xmark 0x{:x}/0x{:x}", ctmark, ctmask); break;
      case XT_CONNMARK_SAVE: out += fmt::format(" --save-mark --nfmask 0x{:x} --ctmask 0x{:x}", nfmask, ctmask); break;
      case XT_CONNMARK_RESTORE:
        out += fmt::format(" --restore-mark --nfmask 0x{:x} --ctmask 0x{:x}", nfmask, ctmask);
        break;
    }
    if (shift_bits != 0) out += fmt::format(" --{} {}", shift_op(), shift_bits);
  }

  // connmark_tg_check (+ revision 2's shift bound).
  int checkentry(const XtCheckParam& par) override {
    if (shift_bits > 31) return EINVAL;
    return ct_ref.get(par.net);
  }
  void destroy(Net& net) override { ct_ref.put(net); }

  uint32_t shifted(uint32_t v) const {
    return shift_dir == D_SHIFT_RIGHT ? v >> shift_bits : v << shift_bits;
  }

  // connmark_tg_shift
  XtTargetRet target(XtActionParam& par) override {
    uint32_t* m = ct_mark(par.skb);
    if (!m) return XtTargetRet::Continue;
    switch (mode) {
      case XT_CONNMARK_SET: *m = shifted((*m & ~ctmask) ^ ctmark); break;
      case XT_CONNMARK_SAVE: *m = (*m & ~ctmask) ^ shifted(par.skb.mark & nfmask); break;
      case XT_CONNMARK_RESTORE: par.skb.mark = (par.skb.mark & ~nfmask) ^ shifted(*m & ctmask); break;
    }
    return XtTargetRet::Continue;
  }
};

const XtMatchType kConnmark{"connmark", kConnmarkOpts, [] { return std::unique_ptr<XtMatch>(new ConnmarkMatch); },
                            1};
const XtTargetType kCONNMARK{"CONNMARK", kCONNMARKOpts,
                             [] { return std::unique_ptr<XtTargetExt>(new ConnmarkTarget); }, 2};
XtMatchRegistrar reg_connmark{kConnmark};
XtTargetRegistrar reg_CONNMARK{kCONNMARK};

}  // namespace

}  // namespace skbox
