// The multiport match, revision 1 (net/netfilter/xt_multiport.c, iptables'
// extensions/libxt_multiport.c): up to 15 source, destination or either
// ports, where a range a:b takes two of the 15 slots, optionally inverted.
// It needs -p naming tcp, udp, udplite, sctp or dccp, both when parsed and
// in checkentry. A non-first fragment never matches; a first fragment too
// short to hold the ports drops the packet.
//
// Not modelled: service names for udplite, sctp and dccp (numbers only;
// /etc/services has almost none), revision 0.
#include <cerrno>

#include <fmt/format.h>

#include "netfilter/x_tables.h"
#include "netfilter/xtables.h"
#include "netfilter/xtoptions.h"
#include "wire/be.h"

namespace skbox {

namespace {

constexpr unsigned kMultiPorts = 15;  // XT_MULTI_PORTS
// XT_MULTIPORT_SOURCE / _DESTINATION / _EITHER
enum : uint8_t { MP_SOURCE = 0, MP_DESTINATION, MP_EITHER };
enum { O_SOURCE_PORTS = 0, O_DEST_PORTS, O_SD_PORTS };
constexpr unsigned F_ANY = 7;

constexpr XtOption kOpts[] = {{"source-ports", O_SOURCE_PORTS}, {"sports", O_SOURCE_PORTS},
                              {"destination-ports", O_DEST_PORTS}, {"dports", O_DEST_PORTS},
                              {"ports", O_SD_PORTS}};
constexpr XtOptSpec kSpecs[] = {{"source-ports", O_SOURCE_PORTS, F_ANY, false, true},
                                {"destination-ports", O_DEST_PORTS, F_ANY, false, true},
                                {"ports", O_SD_PORTS, F_ANY, false, true}};

bool proto_ok(uint16_t p) { return p == 6 || p == 17 || p == 136 || p == 132 || p == 33; }

// Service names exist for tcp and udp only (see the top of the file).
uint16_t parse_port(std::string_view s, uint16_t proto) {
  if (proto == 6 || proto == 17) return xt_parse_port(s, proto == 17);
  if (auto v = xt_strtoui(s, 65535)) return uint16_t(*v);
  throw XtParamError{"invalid port/service `" + std::string(s) + "' specified"};
}

std::string port_str(uint16_t port, uint16_t proto, bool numeric) {
  if (proto == 6 || proto == 17) return xt_port_str(port, proto == 17, numeric);
  return std::to_string(port);
}

// struct xt_multiport_v1
class MultiportMatch : public XtMatchImpl<MultiportMatch> {
 public:
  uint8_t flags = 0;
  uint8_t count = 0;
  std::array<uint16_t, kMultiPorts> ports{};
  std::array<uint8_t, kMultiPorts> pflags{};  // 1: ports[i]..ports[i+1] is a range
  bool invert = false;
  uint16_t proto = 0;  // the rule's -p, which -L uses for service names
  unsigned seen = 0;
  bool operator==(const MultiportMatch& o) const {
    return flags == o.flags && count == o.count && ports == o.ports && pflags == o.pflags && invert == o.invert;
  }

  // parse_multi_ports_v1
  void parse_ports(std::string_view s) {
    pflags.fill(0);
    unsigned i = 0;
    size_t pos = 0;
    bool more = true;
    for (; more && i < kMultiPorts; ++i) {
      size_t comma = s.find(',', pos);
      std::string_view item = s.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
      more = comma != std::string_view::npos;
      pos = more ? comma + 1 : s.size();
      const size_t colon = item.find(':');
      if (colon != std::string_view::npos && i == kMultiPorts - 1) throw XtParamError{"too many ports specified"};
      ports[i] = parse_port(item.substr(0, colon), proto);
      if (colon != std::string_view::npos) {
        pflags[i] = 1;
        ports[++i] = parse_port(item.substr(colon + 1), proto);
        if (ports[i - 1] >= ports[i]) throw XtParamError{"invalid portrange specified"};
      }
    }
    count = uint8_t(i);
    if (more) throw XtParamError{"too many ports specified"};
  }

  void parse(int id, const std::string& arg, const XtParseCtx& ctx) override {
    xt_option_parse("multiport", kSpecs, id, ctx.invert, seen);
    // check_proto: the rule's -p as parsed so far.
    if (ctx.ip.invflags & IPT_INV_PROTO)
      throw XtParamError{"multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP"};
    if (!ctx.ip.proto)
      throw XtParamError{"multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'"};
    if (!proto_ok(ctx.ip.proto)) throw XtParamError{"multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP"};
    proto = ctx.ip.proto;
    parse_ports(arg);
    flags = id == O_SOURCE_PORTS ? MP_SOURCE : id == O_DEST_PORTS ? MP_DESTINATION : MP_EITHER;
    if (ctx.invert) invert = true;
  }

  void final_check() override {
    if (seen == 0) throw XtParamError{"multiport expection an option"};
    xt_options_fcheck("multiport", kSpecs, seen);
  }

  void print_list(std::string& out, bool numeric) const {
    for (unsigned i = 0; i < count; ++i) {
      if (i) out += ',';
      out += port_str(ports[i], proto, numeric);
      if (pflags[i]) {
        out += ':';
        out += port_str(ports[++i], proto, numeric);
      }
    }
  }

  static const char* kind(uint8_t f) { return f == MP_SOURCE ? "sports" : f == MP_DESTINATION ? "dports" : "ports"; }

  void print(std::string& out, bool numeric) const override {
    out += fmt::format(" multiport {} ", kind(flags));
    if (invert) out += " !";
    print_list(out, numeric);
  }

  void save(std::string& out) const override {
    if (invert) out += " !";
    out += fmt::format(" --{} ", kind(flags));
    print_list(out, true);
  }

  int checkentry(const XtCheckParam& par) override {
    proto = par.ip.proto;
    if (!proto_ok(par.ip.proto) || (par.ip.invflags & IPT_INV_PROTO) || flags > MP_EITHER || count > kMultiPorts)
      return EINVAL;
    return 0;
  }

  // ports_match_v1
  bool ports_match(uint16_t src, uint16_t dst) const {
    for (unsigned i = 0; i < count; ++i) {
      const uint16_t s = ports[i];
      const uint16_t e = pflags[i] ? ports[++i] : s;
      const bool hit_src = src >= s && src <= e, hit_dst = dst >= s && dst <= e;
      if ((flags == MP_SOURCE && hit_src) || (flags == MP_DESTINATION && hit_dst) ||
          (flags == MP_EITHER && (hit_src || hit_dst)))
        return !invert;
    }
    return invert;
  }

  bool match(XtActionParam& par) const override {
    if (par.fragoff != 0) return false;
    if (par.tlen() < 4) return par.hotdrop = true, false;
    const uint8_t* th = par.th();
    return ports_match(wire::load_be16(th), wire::load_be16(th + 2));
  }
};

const XtMatchType kMultiport{"multiport", kOpts, [] { return std::unique_ptr<XtMatch>(new MultiportMatch); }, 1};
XtMatchRegistrar reg{kMultiport};

}  // namespace

}  // namespace skbox
