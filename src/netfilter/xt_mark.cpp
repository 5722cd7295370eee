// The mark match, revision 1, and the MARK target, revision 2
// (net/netfilter/xt_mark.c, iptables' extensions/libxt_mark.c and
// libxt_MARK.c). The match compares skb->mark under a mask; the target
// clears the mask's bits and XORs the value in, which --set-mark,
// --and-mark, --or-mark and --xor-mark are written as. Both work in every
// table and at every hook (Linux 6.x has no mangle-only check).
//
// Not modelled: revision 0 of either, and ipt_mangle_out's re-route after
// the mark of a locally sent packet changed (see iptable_mangle.cpp).
#include <fmt/format.h>

#include "core/skbuff.h"
#include "netfilter/x_tables.h"
#include "netfilter/xtoptions.h"

namespace skbox {

namespace {

enum { O_MARK = 0 };
constexpr XtOption kMarkOpts[] = {{"mark", O_MARK}};
constexpr XtOptSpec kMarkSpecs[] = {{"mark", O_MARK, 0, true, true}};

std::string mark_str(uint32_t mark, uint32_t mask) {
  return mask != 0xffffffff ? fmt::format(" 0x{:x}/0x{:x}", mark, mask) : fmt::format(" 0x{:x}", mark);
}

// struct xt_mark_mtinfo1
class MarkMatch : public XtMatchImpl<MarkMatch> {
 public:
  uint32_t mark = 0, mask = 0;
  bool invert = false;
  unsigned seen = 0;
  bool operator==(const MarkMatch& o) const { return mark == o.mark && mask == o.mask && invert == o.invert; }

  void parse(int id, const std::string& arg, const XtParseCtx& ctx) override {
    xt_option_parse("mark", kMarkSpecs, id, ctx.invert, seen);
    xt_parse_mark_mask("mark", "mark", arg, mark, mask);
    if (ctx.invert) invert = true;
  }
  void final_check() override { xt_options_fcheck("mark", kMarkSpecs, seen); }
  void print(std::string& out, bool) const override {
    out += " mark match";
    if (invert) out += " !";
    out += mark_str(mark, mask);
  }
  void save(std::string& out) const override {
    if (invert) out += " !";
    out += " --mark";
    out += mark_str(mark, mask);
  }
  // mark_mt
  bool match(XtActionParam& par) const override { return ((par.skb.mark & mask) == mark) != invert; }
};

enum { O_SET_MARK = 0, O_AND_MARK, O_OR_MARK, O_XOR_MARK, O_SET_XMARK };
constexpr unsigned F_ANY = 0x1f;
constexpr XtOption kTgOpts[] = {{"set-xmark", O_SET_XMARK}, {"set-mark", O_SET_MARK}, {"and-mark", O_AND_MARK},
                                {"or-mark", O_OR_MARK},     {"xor-mark", O_XOR_MARK}};
constexpr XtOptSpec kTgSpecs[] = {{"set-xmark", O_SET_XMARK, F_ANY}, {"set-mark", O_SET_MARK, F_ANY},
                                  {"and-mark", O_AND_MARK, F_ANY},   {"or-mark", O_OR_MARK, F_ANY},
                                  {"xor-mark", O_XOR_MARK, F_ANY}};

// struct xt_mark_tginfo2
class MarkTarget : public XtTargetImpl<MarkTarget> {
 public:
  uint32_t mark = 0, mask = 0;
  unsigned seen = 0;
  bool operator==(const MarkTarget& o) const { return mark == o.mark && mask == o.mask; }

  void parse(int id, const std::string& arg, const XtParseCtx& ctx) override {
    std::string_view name;
    for (const XtOptSpec& s : kTgSpecs)
      if (s.id == id) name = s.name;
    xt_option_parse("MARK", kTgSpecs, id, ctx.invert, seen);
    uint32_t v = 0, m = 0;
    switch (id) {
      case O_SET_XMARK:
        xt_parse_mark_mask("MARK", name, arg, mark, mask);
        break;
      case O_SET_MARK:
        xt_parse_mark_mask("MARK", name, arg, v, m);
        mark = v;
        mask = v | m;
        break;
      case O_AND_MARK:
        mark = 0;
        mask = ~xt_parse_uint("MARK", name, arg, 0, 0xffffffff);
        break;
      case O_OR_MARK:
        mark = mask = xt_parse_uint("MARK", name, arg, 0, 0xffffffff);
        break;
      case O_XOR_MARK:
        mark = xt_parse_uint("MARK", name, arg, 0, 0xffffffff);
        mask = 0;
        break;
    }
  }

  void final_check() override {
    if (seen == 0) throw XtParamError{"MARK: One of the --set-xmark, --{and,or,xor,set}-mark options is required"};
    xt_options_fcheck("MARK", kTgSpecs, seen);
  }

  // mark_tg_print: the shortest of the five spellings that gives the pair.
  void print(std::string& out, bool) const override {
    if (mark == 0) out += fmt::format(" MARK and 0x{:x}", ~mask);
    else if (mark == mask) out += fmt::format(" MARK or 0x{:x}", mark);
    else if (mask == 0) out += fmt::format(" MARK xor 0x{:x}", mark);
    else if (mask == 0xffffffff) out += fmt::format(" MARK set 0x{:x}", mark);
    else out += fmt::format(" MARK xset 0x{:x}/0x{:x}", mark, mask);
  }
  void save(std::string& out) const override { out += fmt::format(" --set-xmark 0x{:x}/0x{:x}", mark, mask); }

  // mark_tg
  XtTargetRet target(XtActionParam& par) override {
    par.skb.mark = (par.skb.mark & ~mask) ^ mark;
    return XtTargetRet::Continue;
  }
};

const XtMatchType kMark{"mark", kMarkOpts, [] { return std::unique_ptr<XtMatch>(new MarkMatch); }, 1};
const XtTargetType kMarkTg{"MARK", kTgOpts, [] { return std::unique_ptr<XtTargetExt>(new MarkTarget); }, 2};
XtMatchRegistrar reg_mark{kMark};
XtTargetRegistrar reg_mark_tg{kMarkTg};

}  // namespace

}  // namespace skbox
