// The tcp and udp matches (net/netfilter/xt_tcpudp.c, iptables'
// extensions/libxt_tcp.c and libxt_udp.c): port ranges, TCP flags and a
// TCP option kind. Neither matches a non-first fragment; a header cut
// short, or a TCP fragment at offset 8 (which could overwrite the ports),
// drops the packet (hotdrop).
#include <algorithm>
#include <cctype>
#include <cerrno>

#include <fmt/format.h>

#include "netfilter/x_tables.h"
#include "netfilter/xtables.h"
#include "wire/be.h"

namespace skbox {

namespace {

// XT_TCP_INV_* / XT_UDP_INV_*
enum : uint8_t { INV_SRCPT = 0x01, INV_DSTPT = 0x02, INV_FLAGS = 0x04, INV_OPTION = 0x08 };
enum { O_SPORT = 1, O_DPORT, O_SYN, O_TCP_FLAGS, O_TCP_OPTION };

bool port_match(const std::array<uint16_t, 2>& r, uint16_t port, bool invert) {
  return (port >= r[0] && port <= r[1]) != invert;
}

void print_ports(std::string& out, const char* name, const std::array<uint16_t, 2>& r, bool inv, bool udp,
                 bool numeric) {
  if (r[0] == 0 && r[1] == 0xffff && !inv) return;
  const char* i = inv ? "!" : "";
  if (r[0] == r[1]) out += fmt::format(" {}:{}{}", name, i, xt_port_str(r[0], udp, numeric));
  else out += fmt::format(" {}s:{}{}:{}", name, i, xt_port_str(r[0], udp, numeric), xt_port_str(r[1], udp, numeric));
}

void save_ports(std::string& out, const char* opt, const std::array<uint16_t, 2>& r, bool inv) {
  if (r[0] == 0 && r[1] == 0xffff) return;
  if (inv) out += " !";
  if (r[0] != r[1]) out += fmt::format(" {} {}:{}", opt, r[0], r[1]);
  else out += fmt::format(" {} {}", opt, r[0]);
}

// Shared by tcp and udp: the port options and their one-of checks.
struct PortsInfo {
  std::array<uint16_t, 2> spts{0, 0xffff}, dpts{0, 0xffff};
  uint8_t invflags = 0;
  unsigned seen = 0;
  bool operator==(const PortsInfo& o) const { return spts == o.spts && dpts == o.dpts && invflags == o.invflags; }

  bool parse_port_opt(int id, const std::string& arg, const XtParseCtx& ctx, bool udp) {
    if (id != O_SPORT && id != O_DPORT) return false;
    const bool src = id == O_SPORT;
    if (seen & (1u << id))
      throw XtParamError{src ? "Only one `--source-port' allowed" : "Only one `--destination-port' allowed"};
    seen |= 1u << id;
    (src ? spts : dpts) = xt_parse_port_range(arg, udp);
    if (ctx.invert) invflags |= src ? INV_SRCPT : INV_DSTPT;
    return true;
  }
  bool ports_match(const uint8_t* th) const {
    return port_match(spts, wire::load_be16(th), invflags & INV_SRCPT) &&
           port_match(dpts, wire::load_be16(th + 2), invflags & INV_DSTPT);
  }
};

constexpr XtOption kTcpOpts[] = {{"source-port", O_SPORT}, {"sport", O_SPORT}, {"destination-port", O_DPORT},
                                 {"dport", O_DPORT},       {"syn", O_SYN, false}, {"tcp-flags", O_TCP_FLAGS},
                                 {"tcp-option", O_TCP_OPTION}};

struct TcpFlagName {
  const char* name;
  uint8_t flag;
};
constexpr TcpFlagName kTcpFlags[] = {{"FIN", 0x01}, {"SYN", 0x02}, {"RST", 0x04}, {"PSH", 0x08},
                                     {"ACK", 0x10}, {"URG", 0x20}, {"ALL", 0x3f}, {"NONE", 0}};

uint8_t parse_tcp_flags(std::string_view s) {
  uint8_t v = 0;
  for (size_t pos = 0; pos <= s.size();) {
    size_t comma = s.find(',', pos);
    std::string_view f = s.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
    pos = comma == std::string_view::npos ? s.size() + 1 : comma + 1;
    if (f.empty()) continue;  // strtok skips empty tokens
    const TcpFlagName* hit = nullptr;
    for (const TcpFlagName& n : kTcpFlags) {
      std::string_view nn = n.name;
      if (nn.size() == f.size() &&
          std::equal(nn.begin(), nn.end(), f.begin(), [](char a, char b) { return a == std::toupper(uint8_t(b)); }))
        hit = &n;
    }
    if (!hit) throw XtParamError{"Unknown TCP flag `" + std::string(f) + "'"};
    v |= hit->flag;
  }
  return v;
}

std::string tcp_flags_str(uint8_t flags) {
  std::string s;
  while (flags) {
    size_t i = 0;
    while (!(flags & kTcpFlags[i].flag)) ++i;
    if (!s.empty()) s += ',';
    s += kTcpFlags[i].name;
    flags &= uint8_t(~kTcpFlags[i].flag);
  }
  return s.empty() ? "NONE" : s;
}

// struct xt_tcp
class TcpMatch : public XtMatchImpl<TcpMatch> {
 public:
  PortsInfo p;
  uint8_t option = 0, flg_mask = 0, flg_cmp = 0;
  bool operator==(const TcpMatch& o) const {
    return p == o.p && option == o.option && flg_mask == o.flg_mask && flg_cmp == o.flg_cmp;
  }

  void parse(int id, const std::string& arg, const XtParseCtx& ctx) override {
    if (p.parse_port_opt(id, arg, ctx, false)) return;
    if (id == O_SYN || id == O_TCP_FLAGS) {
      if (p.seen & (1u << O_SYN)) throw XtParamError{"Only one of `--syn' or `--tcp-flags'  allowed"};
      p.seen |= 1u << O_SYN;
      if (id == O_SYN) {
        flg_mask = 0x17;
        flg_cmp = 0x02;
      } else {
        const size_t i = *ctx.ind;
        if (i >= ctx.argv.size() || ctx.argv[i].empty() || ctx.argv[i][0] == '-' || ctx.argv[i][0] == '!')
          throw XtParamError{"--tcp-flags requires two args."};
        flg_mask = parse_tcp_flags(arg);
        flg_cmp = parse_tcp_flags(ctx.argv[i]);
        ++*ctx.ind;
      }
      if (ctx.invert) p.invflags |= INV_FLAGS;
      return;
    }
    if (p.seen & (1u << O_TCP_OPTION)) throw XtParamError{"Only one `--tcp-option' allowed"};
    p.seen |= 1u << O_TCP_OPTION;
    auto v = xt_strtoui(arg, 255);
    if (!v || *v == 0) throw XtParamError{"Bad TCP option \"" + arg + "\""};
    option = uint8_t(*v);
    if (ctx.invert) p.invflags |= INV_OPTION;
  }

  void print(std::string& out, bool numeric) const override {
    out += " tcp";
    print_ports(out, "spt", p.spts, p.invflags & INV_SRCPT, false, numeric);
    print_ports(out, "dpt", p.dpts, p.invflags & INV_DSTPT, false, numeric);
    if (option || (p.invflags & INV_OPTION)) out += fmt::format(" option={}{}", (p.invflags & INV_OPTION) ? "!" : "", option);
    if (flg_mask || (p.invflags & INV_FLAGS)) {
      out += fmt::format(" flags:{}", (p.invflags & INV_FLAGS) ? "!" : "");
      if (numeric) out += fmt::format("0x{:02X}/0x{:02X}", flg_mask, flg_cmp);
      else out += tcp_flags_str(flg_mask) + "/" + tcp_flags_str(flg_cmp);
    }
  }

  void save(std::string& out) const override {
    save_ports(out, "--sport", p.spts, p.invflags & INV_SRCPT);
    save_ports(out, "--dport", p.dpts, p.invflags & INV_DSTPT);
    if (option || (p.invflags & INV_OPTION))
      out += fmt::format("{} --tcp-option {}", (p.invflags & INV_OPTION) ? " !" : "", option);
    if (flg_mask || (p.invflags & INV_FLAGS))
      out += fmt::format("{} --tcp-flags {} {}", (p.invflags & INV_FLAGS) ? " !" : "", tcp_flags_str(flg_mask),
                         tcp_flags_str(flg_cmp));
  }

  int checkentry(const XtCheckParam& par) override { return xt_check_proto(par, "tcp match", 6); }

  bool match(XtActionParam& par) const override {
    if (par.fragoff != 0) {
      // Offset 8 bytes into the header could rewrite the ports and flags.
      if (par.fragoff == 1) par.hotdrop = true;
      return false;
    }
    if (par.tlen() < 20) return par.hotdrop = true, false;
    const uint8_t* th = par.th();
    if (!p.ports_match(th)) return false;
    if (((th[13] & flg_mask) == flg_cmp) == bool(p.invflags & INV_FLAGS)) return false;
    if (option) {
      const uint32_t doff = uint32_t(th[12] >> 4) * 4;
      if (doff < 20 || par.tlen() < doff) return par.hotdrop = true, false;
      bool found = false;
      for (uint32_t i = 20; i < doff;) {
        const uint8_t kind = th[i];
        if (kind == option) {
          found = true;
          break;
        }
        if (kind == 0) break;
        if (kind == 1) {
          ++i;
          continue;
        }
        if (i + 1 >= doff || th[i + 1] < 2) break;
        i += th[i + 1];
      }
      if (found == bool(p.invflags & INV_OPTION)) return false;
    }
    return true;
  }
};

constexpr XtOption kUdpOpts[] = {
    {"source-port", O_SPORT}, {"sport", O_SPORT}, {"destination-port", O_DPORT}, {"dport", O_DPORT}};

// struct xt_udp
class UdpMatch : public XtMatchImpl<UdpMatch> {
 public:
  PortsInfo p;
  bool operator==(const UdpMatch& o) const { return p == o.p; }
  void parse(int id, const std::string& arg, const XtParseCtx& ctx) override { p.parse_port_opt(id, arg, ctx, true); }
  void print(std::string& out, bool numeric) const override {
    out += " udp";
    print_ports(out, "spt", p.spts, p.invflags & INV_SRCPT, true, numeric);
    print_ports(out, "dpt", p.dpts, p.invflags & INV_DSTPT, true, numeric);
  }
  void save(std::string& out) const override {
    save_ports(out, "--sport", p.spts, p.invflags & INV_SRCPT);
    save_ports(out, "--dport", p.dpts, p.invflags & INV_DSTPT);
  }
  int checkentry(const XtCheckParam& par) override { return xt_check_proto(par, "udp match", 17); }
  bool match(XtActionParam& par) const override {
    if (par.fragoff != 0) return false;
    if (par.tlen() < 8) return par.hotdrop = true, false;
    return p.ports_match(par.th());
  }
};

const XtMatchType kTcp{"tcp", kTcpOpts, [] { return std::unique_ptr<XtMatch>(new TcpMatch); }};
const XtMatchType kUdp{"udp", kUdpOpts, [] { return std::unique_ptr<XtMatch>(new UdpMatch); }};
XtMatchRegistrar reg_tcp{kTcp}, reg_udp{kUdp};

}  // namespace

}  // namespace skbox
