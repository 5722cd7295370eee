// Shared helpers of the ip command: JSON/text printing with iproute2's
// spacing, error messages, address and name parsing.
#include "cli/ip/ip_common.h"

#include <fmt/format.h>

#include <cstring>

#include "net/net.h"
#include "net/notifier.h"
#include "net/world.h"

namespace skbox {

// --- JsonWriter ---
void JsonWriter::eor() {
  if (sep_) out_ += sep_;
  sep_ = ',';
}
void JsonWriter::eol() {
  if (!pretty_) return;
  out_ += '\n';
  for (int i = 0; i < depth_; ++i) out_ += "    ";
}
void JsonWriter::start_object() {
  eor();
  out_ += '{';
  ++depth_;
  sep_ = 0;
}
void JsonWriter::end_object() {
  --depth_;
  if (sep_) eol();
  out_ += '}';
  sep_ = ',';
}
void JsonWriter::start_array() {
  eor();
  out_ += '[';
  ++depth_;
  sep_ = 0;
  if (pretty_) out_ += ' ';
}
void JsonWriter::end_array() {
  if (pretty_ && sep_) out_ += ' ';
  sep_ = 0;
  --depth_;
  out_ += ']';
  sep_ = ',';
}
void JsonWriter::name(std::string_view n) {
  eor();
  eol();
  sep_ = 0;
  string(n);
  sep_ = 0;
  out_ += ':';
  if (pretty_) out_ += ' ';
}
void JsonWriter::string(std::string_view v) {
  eor();
  out_ += '"';
  for (char c : v) {
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\n': out_ += "\\n"; break;
      case '\t': out_ += "\\t"; break;
      case '\r': out_ += "\\r"; break;
      case '\f': out_ += "\\f"; break;
      case '\b': out_ += "\\b"; break;
      default: out_ += c;
    }
  }
  out_ += '"';
}
void JsonWriter::raw(std::string_view v) {
  eor();
  out_ += v;
}

// --- IpPrinter ---
namespace {
std::string subst(std::string_view fmt, std::string_view v) {
  std::string s(fmt);
  auto p = s.find("{}");
  if (p != std::string::npos) s.replace(p, 2, v);
  return s;
}
}  // namespace

void IpPrinter::str(PrintKind k, const char* key, std::string_view f, std::string_view v) {
  if (json) {
    if (k == PrintKind::Fp) return;
    if (key) jw.name(key);
    jw.string(v);
  } else if (k != PrintKind::Json) {
    text += subst(f, v);
  }
}
void IpPrinter::uint(PrintKind k, const char* key, std::string_view f, uint64_t v) {
  if (json) {
    if (k == PrintKind::Fp) return;
    if (key) jw.name(key);
    jw.raw(std::to_string(v));
  } else if (k != PrintKind::Json) {
    text += subst(f, std::to_string(v));
  }
}
void IpPrinter::sint(PrintKind k, const char* key, std::string_view f, int64_t v) {
  if (json) {
    if (k == PrintKind::Fp) return;
    if (key) jw.name(key);
    jw.raw(std::to_string(v));
  } else if (k != PrintKind::Json) {
    text += subst(f, std::to_string(v));
  }
}
void IpPrinter::boolean(PrintKind k, const char* key, std::string_view t, bool v) {
  if (json) {
    if (k == PrintKind::Fp) return;
    if (key) jw.name(key);
    jw.raw(v ? "true" : "false");
  } else if (k != PrintKind::Json) {
    text += t;
  }
}
void IpPrinter::null(PrintKind k, const char* key, std::string_view f, std::string_view v) {
  if (json) {
    if (k == PrintKind::Fp) return;
    if (key) jw.name(key);
    jw.raw("null");
  } else if (k != PrintKind::Json) {
    text += subst(f, v);
  }
}
void IpPrinter::open_object(const char* key) {
  if (!json) return;
  if (key) jw.name(key);
  jw.start_object();
}
void IpPrinter::close_object() {
  if (json) jw.end_object();
}
void IpPrinter::open_array(const char* key) {
  if (!json) return;
  if (key) jw.name(key);
  jw.start_array();
}
void IpPrinter::close_array() {
  if (json) jw.end_array();
}
std::string IpPrinter::finish() {
  if (json) return jw.str() + "\n";
  return text;
}

// --- errors ---
std::string errno_str(int err) { return std::strerror(err); }

void print_rtnl_error(Proc& p, int err, const std::string& extack) {
  if (!extack.empty())
    p.err.print("Error: {}.\n", extack);
  else
    p.err.print("RTNETLINK answers: {}\n", errno_str(err));
}

// --- parsing ---
std::optional<uint32_t> parse_u32(std::string_view s, int base) {
  if (s.empty()) return std::nullopt;
  std::string t(s);
  if (t[0] == '-' || t[0] == '+' || t[0] == ' ') return std::nullopt;
  char* end = nullptr;
  errno = 0;
  unsigned long long v = std::strtoull(t.c_str(), &end, base);
  if (*end || errno || v > 0xffffffffull) return std::nullopt;
  return static_cast<uint32_t>(v);
}

std::optional<int64_t> parse_i64(std::string_view s, int base) {
  if (s.empty()) return std::nullopt;
  std::string t(s);
  char* end = nullptr;
  errno = 0;
  long long v = std::strtoll(t.c_str(), &end, base);
  if (*end || errno) return std::nullopt;
  return v;
}

std::optional<Ipv4Addr> parse_ipv4_loose(std::string_view s) {
  std::string t(s);
  const char* cp = t.c_str();
  uint8_t ap[4] = {0, 0, 0, 0};
  for (int i = 0; i < 4; ++i) {
    char* endp = nullptr;
    if (!(*cp >= '0' && *cp <= '9')) return std::nullopt;
    unsigned long n = std::strtoul(cp, &endp, 0);
    if (n > 255 || endp == cp) return std::nullopt;
    ap[i] = static_cast<uint8_t>(n);
    if (*endp == '\0') break;
    if (i == 3 || *endp != '.') return std::nullopt;
    cp = endp + 1;
  }
  return Ipv4Addr::of(ap[0], ap[1], ap[2], ap[3]);
}

std::optional<InetPrefix> parse_inet_prefix(std::string_view s) {
  InetPrefix p;
  if (s == "default" || s == "any" || s == "all") {
    p.is_default = true;
    p.bitlen = 0;
    p.has_len = true;
    return p;
  }
  auto slash = s.find('/');
  auto a = parse_ipv4_loose(s.substr(0, slash));
  if (!a) return std::nullopt;
  p.addr = *a;
  if (slash != std::string_view::npos) {
    auto len = parse_u32(s.substr(slash + 1), 0);
    if (!len || *len > 32) return std::nullopt;
    p.bitlen = static_cast<int>(*len);
    p.has_len = true;
  }
  return p;
}

// --- names ---
std::string rtscope_n2a(uint8_t scope) {
  switch (scope) {
    case 0: return "global";
    case 200: return "site";
    case 253: return "link";
    case 254: return "host";
    case 255: return "nowhere";
    default: return std::to_string(scope);
  }
}
std::optional<uint8_t> rtscope_a2n(std::string_view s) {
  if (s == "global" || s == "universe") return 0;
  if (s == "site") return 200;
  if (s == "link") return 253;
  if (s == "host") return 254;
  if (s == "nowhere") return 255;
  auto v = parse_u32(s, 0);
  if (!v || *v > 255) return std::nullopt;
  return static_cast<uint8_t>(*v);
}

namespace {
struct ProtoName {
  uint8_t id;
  const char* name;
};
constexpr ProtoName kProtos[] = {
    {0, "unspec"},   {1, "redirect"}, {2, "kernel"},    {3, "boot"},   {4, "static"}, {8, "gated"},
    {9, "ra"},       {10, "mrt"},     {11, "zebra"},    {12, "bird"},  {13, "dnrouted"}, {14, "xorp"},
    {15, "ntk"},     {16, "dhcp"},    {18, "keepalived"}, {42, "babel"}, {99, "openr"}, {186, "bgp"},
    {187, "isis"},   {188, "ospf"},   {189, "rip"},     {192, "eigrp"},
};
}  // namespace

std::string rtproto_n2a(uint8_t proto) {
  for (auto& p : kProtos)
    if (p.id == proto) return p.name;
  return std::to_string(proto);
}
std::optional<uint8_t> rtproto_a2n(std::string_view s) {
  for (auto& p : kProtos)
    if (s == p.name) return p.id;
  auto v = parse_u32(s, 0);
  if (!v || *v > 255) return std::nullopt;
  return static_cast<uint8_t>(*v);
}

std::string rttable_n2a(uint32_t id) {
  switch (id) {
    case 0: return "unspec";
    case 253: return "default";
    case 254: return "main";
    case 255: return "local";
    default: return std::to_string(id);
  }
}
std::optional<uint32_t> rttable_a2n(std::string_view s) {
  if (s == "unspec") return 0;
  if (s == "default") return 253;
  if (s == "main") return 254;
  if (s == "local") return 255;
  return parse_u32(s, 0);
}

namespace {
constexpr const char* kTypes[] = {"none",      "unicast",     "local",   "broadcast", "anycast", "multicast",
                                  "blackhole", "unreachable", "prohibit", "throw",     "nat",     "xresolve"};
}
std::string rtntype_n2a(uint8_t type) {
  if (type < std::size(kTypes)) return kTypes[type];
  return std::to_string(type);
}
std::optional<uint8_t> rtntype_a2n(std::string_view s) {
  for (size_t i = 1; i < std::size(kTypes); ++i)
    if (s == kTypes[i]) return static_cast<uint8_t>(i);
  auto v = parse_u32(s, 0);
  if (!v || *v > 255) return std::nullopt;
  return static_cast<uint8_t>(*v);
}

void ip_invarg(Proc& p, std::string_view msg, std::string_view arg) {
  p.err.print("Error: argument \"{}\" is wrong: {}\n", arg, msg);
  throw IpExit{255};
}

const std::string& IpArgs::next() {
  if (i + 1 >= a.size()) {
    p.err.print("Command line is not complete. Try option \"help\"\n");
    throw IpExit{255};
  }
  return a[++i];
}

Net* ip_find_netns(Proc& p, const std::string& name) { return p.world.netns_find(name); }

Expected<void> ip_dev_change_name(NetDevice* dev, const std::string& name) {
  return dev->net->dev_change_name(dev, name);
}

void print_flush_done(Proc& p, int round) {
  if (round == 0)
    p.out.print("Nothing to flush.\n");
  else
    p.out.print("*** Flush is complete after {} round{} ***\n", round, round > 1 ? "s" : "");
}

}  // namespace skbox
