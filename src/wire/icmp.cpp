#include "wire/icmp.h"

#include <fmt/format.h>

#include <cstring>

#include "wire/ip_proto.h"
#include "wire/ipv4.h"

namespace skbox::wire {

Result<IcmpRepr> IcmpRepr::parse(IcmpPacket<const uint8_t> p) {
  if (Error e = p.check_len(); e != Error::Ok) return e;
  if (!p.verify_checksum()) return Error::BadChecksum;
  return IcmpRepr{p.type(), p.code(), p.rest(), p.data()};
}

void IcmpRepr::emit(IcmpPacket<uint8_t> p) const {
  IcmpPacket<uint8_t> q(p.buffer().first(buffer_len()));
  q.set_type(type);
  q.set_code(code);
  q.set_rest(rest);
  if (!data.empty() && data.data() != q.data().data()) std::memmove(q.data().data(), data.data(), data.size());
  q.fill_checksum();
}

bool IcmpRepr::operator==(const IcmpRepr& o) const {
  return type == o.type && code == o.code && rest == o.rest && std::ranges::equal(data, o.data);
}

const char* icmp_type_name(uint8_t type) {
  switch (type) {
    case ICMP_ECHOREPLY: return "echo reply";
    case ICMP_DEST_UNREACH: return "dest-unreach";
    case ICMP_SOURCE_QUENCH: return "source-quench";
    case ICMP_REDIRECT: return "redirect";
    case ICMP_ECHO: return "echo request";
    case ICMP_TIME_EXCEEDED: return "time-exceeded";
    case ICMP_PARAMETERPROB: return "parameter-problem";
    case ICMP_TIMESTAMP: return "timestamp request";
    case ICMP_TIMESTAMPREPLY: return "timestamp reply";
    case ICMP_INFO_REQUEST: return "info request";
    case ICMP_INFO_REPLY: return "info reply";
    case ICMP_ADDRESS: return "address-mask request";
    case ICMP_ADDRESSREPLY: return "address-mask reply";
    case ICMP_EXT_ECHO: return "extended echo request";
    case ICMP_EXT_ECHOREPLY: return "extended echo reply";
  }
  return nullptr;
}

namespace {
const char* unreach_name(uint8_t code) {
  static constexpr const char* names[] = {
      "net-unreachable",   "host-unreachable", "protocol-unreachable", "port-unreachable",
      "frag-needed",       "source-route-failed", "net-unknown",       "host-unknown",
      "host-isolated",     "net-prohibited",   "host-prohibited",      "net-tos-unreachable",
      "host-tos-unreachable", "admin-prohibited", "precedence-violation", "precedence-cutoff"};
  return code < std::size(names) ? names[code] : nullptr;
}

// " quoting UDP 10.0.0.1:48056 > 10.0.0.2:9999" for an error's quoted datagram.
std::string quoted(std::span<const uint8_t> q) {
  Ipv4Packet ip(q);
  // Quotes may be cut short of tot_len, so only the header is required.
  if (q.size() < 20 || ip.version() != 4 || ip.ihl() < 5 || q.size() < ip.header_len()) return "";
  const char* name = ip_proto_name(ip.protocol());
  std::string s = fmt::format(" quoting {}", name ? name : std::to_string(ip.protocol()));
  auto l4 = q.subspan(ip.header_len());
  if ((ip.protocol() == IPPROTO_UDP || ip.protocol() == IPPROTO_TCP) && l4.size() >= 4)
    return s + fmt::format(" {}:{} > {}:{}", ip.src().str(), load_be16(l4.data()), ip.dst().str(),
                           load_be16(l4.data() + 2));
  return s + fmt::format(" {} > {}", ip.src().str(), ip.dst().str());
}
}  // namespace

std::string icmp_pretty(std::span<const uint8_t> msg) {
  IcmpPacket p(msg);
  if (Error e = p.check_len(); e != Error::Ok) return fmt::format("ICMP {} len={}", error_name(e), msg.size());
  const char* tn = icmp_type_name(p.type());
  std::string s = tn ? fmt::format("ICMP {}", tn) : fmt::format("ICMP type={}", p.type());
  switch (p.type()) {
    case ICMP_ECHO:
    case ICMP_ECHOREPLY:
      s += fmt::format(" id={} seq={} len={}", p.echo_ident(), p.echo_seq(), msg.size());
      break;
    case ICMP_DEST_UNREACH: {
      const char* cn = unreach_name(p.code());
      s += cn ? fmt::format(" {}", cn) : fmt::format(" code={}", p.code());
      if (p.code() == ICMP_FRAG_NEEDED) s += fmt::format(" mtu={}", p.frag_mtu());
      s += quoted(p.data());
      break;
    }
    case ICMP_TIME_EXCEEDED:
      s += p.code() == ICMP_EXC_TTL ? " ttl-exceeded"
           : p.code() == ICMP_EXC_FRAGTIME ? " reassembly-timeout" : fmt::format(" code={}", p.code());
      s += quoted(p.data());
      break;
    case ICMP_REDIRECT:
      s += fmt::format(" code={} gateway={}", p.code(), p.gateway().str()) + quoted(p.data());
      break;
    case ICMP_PARAMETERPROB:
      s += fmt::format(" pointer={}", p.param_pointer()) + quoted(p.data());
      break;
    default:
      s += fmt::format(" code={} len={}", p.code(), msg.size());
  }
  if (!p.verify_checksum()) s += " bad-checksum";
  return s;
}

}  // namespace skbox::wire
