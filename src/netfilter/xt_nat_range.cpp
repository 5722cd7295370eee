#include "netfilter/xt_nat_range.h"

#include <fmt/format.h>
#include <netinet/in.h>

#include "netfilter/xt_names.h"
#include "netfilter/xt_x6.h"

namespace skbox {

namespace {

// xtables_strtoui with the rest of the string left to the caller.
bool strtoui(std::string_view s, size_t* end, unsigned* v, unsigned min, unsigned max) {
  uint64_t x = 0;
  if (!xt_strtoul_base(s, end, &x, min, max)) return false;
  *v = static_cast<unsigned>(x);
  return true;
}

// xtables_service_to_port(name, NULL): getservbyname with any protocol.
std::optional<uint16_t> service_port(std::string_view s) {
  if (auto p = xt_service_port(s, false)) return p;
  return xt_service_port(s, true);
}

[[noreturn]] void fail(std::string msg) { throw XtParamError{std::move(msg)}; }

// parse_ports
void parse_ports(std::string_view arg, bool portok, NfNatRange2& r) {
  if (!portok) fail("Need TCP, UDP, SCTP or DCCP with port specification");
  r.flags |= NF_NAT_RANGE_PROTO_SPECIFIED;
  unsigned port = 0, maxport = 0, base = 0;
  size_t end = 0;
  std::string_view rest;
  if (strtoui(arg, &end, &port, 0, 65535)) {
    rest = arg.substr(end);
  } else {
    auto p = service_port(arg);
    if (!p) fail(fmt::format("Port `{}' not valid", arg));
    port = *p;
  }
  if (rest.empty()) {
    r.min_proto = r.max_proto = static_cast<uint16_t>(port);
    return;
  }
  if (rest[0] == ':') fail("Invalid port:port syntax - use dash");
  if (rest[0] != '-') fail(fmt::format("Garbage after port value: `{}'", rest));
  arg = rest.substr(1);
  // A range takes numbers only.
  if (!strtoui(arg, &end, &maxport, 0, 65535)) fail(fmt::format("Port `{}' not valid", arg));
  if (maxport < port) fail(fmt::format("Port range `{}' funky", arg));
  r.min_proto = static_cast<uint16_t>(port);
  r.max_proto = static_cast<uint16_t>(maxport);
  rest = arg.substr(end);
  if (rest.empty()) return;
  if (rest[0] != '/') fail(fmt::format("Garbage after port range: `{}'", rest));
  arg = rest.substr(1);
  if (!strtoui(arg, nullptr, &base, 1, 65535)) {
    auto p = service_port(arg);
    if (!p) fail(fmt::format("Port `{}' not valid", arg));
    base = *p;
  }
  r.flags |= NF_NAT_RANGE_PROTO_OFFSET;
  r.base_proto = static_cast<uint16_t>(base);
}

// inet_pton(AF_INET): four decimal parts, nothing else.
uint32_t parse_addr(std::string_view s) {
  auto a = Ipv4Addr::parse(s);
  if (!a) fail(fmt::format("Bad IP address \"{}\"", s));
  return a->v;
}

// parse_to: one colon is the port part ([IPv6] brackets are refused for IPv4).
void parse_to(std::string_view arg, bool portok, NfNatRange2& r) {
  if (arg.find('[') != std::string_view::npos) fail("Invalid address format");
  size_t colon = arg.find(':');
  if (colon != std::string_view::npos && arg.find(':', colon + 1) != std::string_view::npos)
    colon = std::string_view::npos;  // an IPv6 address: inet_pton refuses it below
  std::string_view addrs = arg;
  if (colon != std::string_view::npos) {
    parse_ports(arg.substr(colon + 1), portok, r);
    if (colon == 0) return;  // ports only
    addrs = arg.substr(0, colon);
  }
  r.flags |= NF_NAT_RANGE_MAP_IPS;
  const size_t dash = addrs.find('-');
  r.min_addr = Ipv4Addr(parse_addr(addrs.substr(0, dash)));
  r.max_addr = dash == std::string_view::npos ? r.min_addr : Ipv4Addr(parse_addr(addrs.substr(dash + 1)));
}

}  // namespace

void xt_nat_parse(int id, const std::string& arg, const XtParseCtx& ctx, NfNatRange2& range) {
  const uint16_t p = ctx.ip.proto;
  const bool portok =
      p == IPPROTO_TCP || p == IPPROTO_UDP || p == IPPROTO_SCTP || p == IPPROTO_DCCP || p == IPPROTO_ICMP;
  switch (id) {
    case O_NAT_TO_DEST:
    case O_NAT_TO_SRC: parse_to(arg, portok, range); break;
    case O_NAT_TO_PORTS: parse_ports(arg, portok, range); break;
    case O_NAT_PERSISTENT: range.flags |= NF_NAT_RANGE_PERSISTENT; break;
    case O_NAT_RANDOM: range.flags |= NF_NAT_RANGE_PROTO_RANDOM; break;
    case O_NAT_RANDOM_FULLY: range.flags |= NF_NAT_RANGE_PROTO_RANDOM_FULLY; break;
    default: break;
  }
}

void xt_nat_print(std::string& out, const NfNatRange2& r, std::string_view rangeopt, std::string_view flag_pfx,
                  bool skip_colon) {
  std::string s;  // sprint_range
  if (r.flags & NF_NAT_RANGE_MAP_IPS) {
    s += r.min_addr.str();
    if (r.max_addr.v != r.min_addr.v) s += "-" + r.max_addr.str();
  }
  if (r.flags & NF_NAT_RANGE_PROTO_SPECIFIED) {
    s += fmt::format(":{}", r.min_proto);
    if (r.max_proto != r.min_proto) s += fmt::format("-{}", r.max_proto);
    if (r.flags & NF_NAT_RANGE_PROTO_OFFSET) s += fmt::format("/{}", r.base_proto);
  }
  if (!s.empty()) {
    std::string_view v = s;
    if (v[0] == ':' && skip_colon) v.remove_prefix(1);
    out += fmt::format(" {}{}", rangeopt, v);
  }
  if (r.flags & NF_NAT_RANGE_PROTO_RANDOM) out += fmt::format(" {}random", flag_pfx);
  if (r.flags & NF_NAT_RANGE_PROTO_RANDOM_FULLY) out += fmt::format(" {}random-fully", flag_pfx);
  if (r.flags & NF_NAT_RANGE_PERSISTENT) out += fmt::format(" {}persistent", flag_pfx);
}

}  // namespace skbox
