// The u32 match (net/netfilter/xt_u32.c, iptables' extensions/
// libxt_u32.c): up to 10 "&&"-joined tests, each a location (a 32-bit
// big-endian word at an offset from the IP header, shifted, masked or
// used with "@" as the base of the next read) compared with up to 10
// values or ranges. A read past the end of the packet fails the match.
#include <cctype>
#include <cerrno>

#include <fmt/format.h>

#include "netfilter/x_tables.h"
#include "netfilter/xt_x6.h"
#include "wire/be.h"

namespace skbox {

namespace {

constexpr unsigned XT_U32_MAXSIZE = 10;
enum : uint8_t { XT_U32_AND, XT_U32_LEFTSH, XT_U32_RIGHTSH, XT_U32_AT };

struct U32Location {
  uint32_t number = 0;
  uint8_t nextop = 0;
  bool operator==(const U32Location&) const = default;
};
struct U32Value {
  uint32_t min = 0, max = 0;
  bool operator==(const U32Value&) const = default;
};
struct U32Test {
  std::array<U32Location, XT_U32_MAXSIZE + 1> location{};
  std::array<U32Value, XT_U32_MAXSIZE + 1> value{};
  uint8_t nnums = 0, nvalues = 0;
  bool operator==(const U32Test&) const = default;
};

enum { O_U32 = 0 };
constexpr XtOption kU32Opts[] = {{"u32", O_U32}};
constexpr XtOptEntry kU32X6[] = {{"u32", O_U32, XTOPT_MAND | XTOPT_INVERT}};

// struct xt_u32
class U32Match : public XtMatchImpl<U32Match> {
 public:
  std::array<U32Test, XT_U32_MAXSIZE + 1> tests{};
  uint8_t ntests = 0;
  bool invert = false;
  unsigned xflags = 0;
  bool operator==(const U32Match& o) const {
    if (ntests != o.ntests || invert != o.invert) return false;
    for (unsigned i = 0; i < ntests; ++i)
      if (!(tests[i] == o.tests[i])) return false;
    return true;
  }

  static uint32_t parse_number(std::string_view arg, size_t& at) {
    size_t end = 0;
    uint64_t v;
    if (!xt_strtoul_base(arg.substr(at), &end, &v, 0, 0xffffffff) || end == 0)
      throw XtParamError{fmt::format("u32: at char {}: not a number or out of range", at)};
    at += end;
    return static_cast<uint32_t>(v);
  }

  // u32_parse: a two-state scanner, locations then values.
  void parse(int, const std::string& arg, const XtParseCtx& ctx) override {
    xtables_option_parse("u32", kU32X6, O_U32, ctx.invert, xflags);
    invert = ctx.invert;
    unsigned testind = 0, locind = 0, valind = 0;
    bool values = false;
    size_t i = 0;
    auto err = [](const std::string& m) { return XtParamError{"u32: " + m}; };
    for (;;) {
      while (i < arg.size() && std::isspace(static_cast<unsigned char>(arg[i]))) ++i;
      U32Test& ct = tests[std::min<unsigned>(testind, XT_U32_MAXSIZE)];
      if (i == arg.size()) {
        if (!values) throw err("abrupt end of input after location specifier");
        if (valind == 0) throw err("test ended with no value specified");
        ct.nnums = uint8_t(locind);
        ct.nvalues = uint8_t(valind);
        ntests = uint8_t(++testind);
        if (testind > XT_U32_MAXSIZE) throw err(fmt::format("at char {}: too many \"&&\"s", i));
        return;
      }
      if (!values) {
        if (arg[i] == '=') {
          if (locind == 0) throw err(fmt::format("at char {}: location spec missing", i));
          ++i;
          values = true;
          continue;
        }
        if (locind != 0) {
          const char c = arg[i];
          if (c == '&') {
            ct.location[locind].nextop = XT_U32_AND;
          } else if (c == '<' || c == '>') {
            ++i;
            if (i >= arg.size() || arg[i] != c)
              throw err(fmt::format("at char {}: a second '{}' was expected", i, c));
            ct.location[locind].nextop = c == '<' ? XT_U32_LEFTSH : XT_U32_RIGHTSH;
          } else if (c == '@') {
            ct.location[locind].nextop = XT_U32_AT;
          } else {
            throw err(fmt::format("at char {}: operator expected", i));
          }
          ++i;
        }
        ct.location[locind].number = parse_number(arg, i);
        if (++locind > XT_U32_MAXSIZE) throw err(fmt::format("at char {}: too many operators", i));
        continue;
      }
      if (arg[i] == '&') {
        ++i;
        if (i >= arg.size() || arg[i] != '&') throw err(fmt::format("at char {}: a second '&' was expected", i));
        if (valind == 0) throw err(fmt::format("at char {}: value spec missing", i));
        ct.nnums = uint8_t(locind);
        ct.nvalues = uint8_t(valind);
        ++testind;
        if (testind > XT_U32_MAXSIZE) throw err(fmt::format("at char {}: too many \"&&\"s", i));
        ++i;
        values = false;
        locind = valind = 0;
        continue;
      }
      if (valind > 0) {
        if (arg[i] != ',') throw err(fmt::format("at char {}: expected \",\" or \"&&\"", i));
        ++i;
      }
      ct.value[valind].min = parse_number(arg, i);
      while (i < arg.size() && std::isspace(static_cast<unsigned char>(arg[i]))) ++i;
      if (i < arg.size() && arg[i] == ':') {
        ++i;
        ct.value[valind].max = parse_number(arg, i);
      } else {
        ct.value[valind].max = ct.value[valind].min;
      }
      if (++valind > XT_U32_MAXSIZE) throw err(fmt::format("at char {}: too many \",\"s", i));
    }
  }

  void final_check() override { xtables_options_fcheck("u32", kU32X6, xflags); }

  void dump(std::string& out) const {
    static constexpr const char* kOps[] = {"&", "<<", ">>", "@"};
    out += " \"";
    for (unsigned t = 0; t < ntests; ++t) {
      const U32Test& ct = tests[t];
      if (t > 0) out += "&&";
      out += fmt::format("0x{:x}", ct.location[0].number);
      for (unsigned i = 1; i < ct.nnums; ++i)
        out += fmt::format("{}0x{:x}", kOps[ct.location[i].nextop & 3], ct.location[i].number);
      out += "=";
      for (unsigned i = 0; i < ct.nvalues; ++i) {
        if (i > 0) out += ",";
        if (ct.value[i].min == ct.value[i].max) out += fmt::format("0x{:x}", ct.value[i].min);
        else out += fmt::format("0x{:x}:0x{:x}", ct.value[i].min, ct.value[i].max);
      }
    }
    out += "\"";
  }
  void print(std::string& out, bool) const override {
    out += " u32";
    if (invert) out += " !";
    dump(out);
  }
  void save(std::string& out) const override {
    if (invert) out += " !";
    out += " --u32";
    dump(out);
  }

  // u32_mt_checkentry: the sizes the tables hold.
  int checkentry(const XtCheckParam&) override {
    if (ntests > XT_U32_MAXSIZE) return EINVAL;
    for (unsigned i = 0; i < ntests; ++i)
      if (tests[i].nnums > XT_U32_MAXSIZE + 1 || tests[i].nvalues > XT_U32_MAXSIZE + 1) return EINVAL;
    return 0;
  }

  // u32_match_it over skb->len bytes from the IP header.
  bool match_it(const uint8_t* data, uint32_t len) const {
    for (unsigned t = 0; t < ntests; ++t) {
      const U32Test& ct = tests[t];
      uint32_t at = 0, pos = ct.location[0].number;
      if (len < 4 || pos > len - 4) return false;
      uint32_t val = wire::load_be32(data + pos);
      for (unsigned i = 1; i < ct.nnums; ++i) {
        const uint32_t number = ct.location[i].number;
        switch (ct.location[i].nextop) {
          case XT_U32_AND: val &= number; break;
          case XT_U32_LEFTSH: val <<= (number & 31); break;  // x86 masks the count
          case XT_U32_RIGHTSH: val >>= (number & 31); break;
          case XT_U32_AT:
            if (at + val < at) return false;
            at += val;
            pos = number;
            if (at + 4 < at || len < at + 4 || pos > len - at - 4) return false;
            val = wire::load_be32(data + at + pos);
            break;
        }
      }
      unsigned i = 0;
      for (; i < ct.nvalues; ++i)
        if (ct.value[i].min <= val && val <= ct.value[i].max) break;
      if (i >= ct.nvalues) return false;
    }
    return true;
  }

  bool match(XtActionParam& par) const override { return match_it(par.iph, par.len) != invert; }
};

const XtMatchType kU32{"u32", kU32Opts, [] { return std::unique_ptr<XtMatch>(new U32Match); }};
XtMatchRegistrar reg_u32{kU32};

}  // namespace

}  // namespace skbox
