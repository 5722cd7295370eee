// ping's option parsing (iputils 20221126 main()): GNU getopt with argument
// permutation over the same option string, the number parsers iputils uses
// (strtol_or_err, ping_strtod, parsetos, parseflow, fill) and their messages.
#include "cli/ping_opts.h"

#include <cctype>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "cli/getopt.h"
#include "cli/sink.h"

namespace skbox {

namespace {

// The option letters of 20221126 ("h?" "4bRT:" "6F:N:" + the common ones).
constexpr std::string_view kOptString = "h?4bRT:6F:N:aABc:CdDe:fi:I:l:Lm:M:nOp:qQ:rs:S:t:UvVw:W:";

constexpr std::string_view kUsage =
    "\nUsage\n"
    "  ping [options] <destination>\n"
    "\nOptions:\n"
    "  <destination>      dns name or ip address\n"
    "  -a                 use audible ping\n"
    "  -A                 use adaptive ping\n"
    "  -B                 sticky source address\n"
    "  -c <count>         stop after <count> replies\n"
    "  -C                 call connect() syscall on socket creation\n"
    "  -D                 print timestamps\n"
    "  -d                 use SO_DEBUG socket option\n"
    "  -e <identifier>    define identifier for ping session, default is random for\n"
    "                     SOCK_RAW and kernel defined for SOCK_DGRAM\n"
    "                     Imply using SOCK_RAW (for IPv4 only for identifier 0)\n"
    "  -f                 flood ping\n"
    "  -h                 print help and exit\n"
    "  -I <interface>     either interface name or address\n"
    "  -i <interval>      seconds between sending each packet\n"
    "  -L                 suppress loopback of multicast packets\n"
    "  -l <preload>       send <preload> number of packages while waiting replies\n"
    "  -m <mark>          tag the packets going out\n"
    "  -M <pmtud opt>     define mtu discovery, can be one of <do|dont|want>\n"
    "  -n                 no dns name resolution\n"
    "  -O                 report outstanding replies\n"
    "  -p <pattern>       contents of padding byte\n"
    "  -q                 quiet output\n"
    "  -Q <tclass>        use quality of service <tclass> bits\n"
    "  -s <size>          use <size> as number of data bytes to be sent\n"
    "  -S <size>          use <size> as SO_SNDBUF socket option value\n"
    "  -t <ttl>           define time to live\n"
    "  -U                 print user-to-user latency\n"
    "  -v                 verbose output\n"
    "  -V                 print version and exit\n"
    "  -w <deadline>      reply wait <deadline> in seconds\n"
    "  -W <timeout>       time to wait for response\n"
    "\nIPv4 options:\n"
    "  -4                 use IPv4\n"
    "  -b                 allow pinging broadcast\n"
    "  -R                 record route\n"
    "  -T <timestamp>     define timestamp, can be one of <tsonly|tsandaddr|tsprespec>\n"
    "\nIPv6 options:\n"
    "  -6                 use IPv6\n"
    "  -F <flowlabel>     define flow label, default is random\n"
    "  -N <nodeinfo opt>  use icmp6 node info query, try <help> as argument\n"
    "\nFor more details see ping(8).\n";

// error(status, ...) exits; this carries the status out of the parser.
struct Exit {
  int status;
};

struct Parser {
  Sink& out;
  Sink& err;
  std::string_view prog;

  [[noreturn]] void fail(int status, std::string_view msg, int errnum = 0) {
    ping_error(out, err, prog, msg, errnum);
    throw Exit{status};
  }
  void warn(std::string_view msg) { ping_error(out, err, prog, msg); }

  [[noreturn]] void usage() {
    out.flush();
    err.write(kUsage);
    throw Exit{2};
  }

  // iputils strtol_or_err: decimal only, whole string, within [min, max].
  long strtol_or_err(const std::string& s, long min, long max) {
    if (s.empty()) fail(1, fmt::format("invalid argument: '{}'", s));
    errno = 0;
    char* end = nullptr;
    long v = std::strtol(s.c_str(), &end, 10);
    const int e = errno;
    if (e || end == s.c_str() || *end) fail(1, fmt::format("invalid argument: '{}'", s), e);
    if (v < min || v > max)
      fail(1, fmt::format("invalid argument: '{}': out of range: {} <= value <= {}", s,
                          static_cast<unsigned long>(min), max));
    return v;
  }

  // iputils ping_strtod: garbage after the number is only warned about.
  double ping_strtod(const std::string& s, std::string_view what) {
    if (s.empty()) fail(2, fmt::format("{}: {}", what, s));
    errno = 0;
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    const int e = errno;
    if (e || end == s.c_str() || *end) {
      warn(fmt::format("option argument contains garbage: {}", end));
      warn("this will become fatal error in the future");
    }
    const int cls = std::fpclassify(v);
    if (cls == FP_NORMAL || cls == FP_ZERO) return v;
    fail(2, fmt::format("{}: {}", what, s), ERANGE);
  }

  int parsetos(const std::string& s) {
    const bool hex = s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
    const char* b = s.c_str() + (hex ? 2 : 0);
    char* end = nullptr;
    int tos = static_cast<int>(std::strtol(b, &end, hex ? 16 : 10));
    if (*end) fail(2, fmt::format("bad TOS value: {}", s));
    if (tos > 255) fail(2, fmt::format("the decimal value of TOS bits must be in range 0-255: {}", tos));
    return tos;
  }

  void parseflow(const std::string& s) {
    const bool hex = s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
    const char* b = s.c_str() + (hex ? 2 : 0);
    char* end = nullptr;
    unsigned long v = static_cast<unsigned long>(static_cast<int>(std::strtoul(b, &end, hex ? 16 : 10)));
    if (*end) fail(2, fmt::format("bad value for flowinfo: {}", s));
    if (v & ~0x000fffffUL) fail(2, fmt::format("flow value is greater than 20 bits: {}", s));
  }

  // iputils fill(): up to 16 bytes read as "%2x" pairs; prints the pattern.
  void fill(const std::string& s, PingOptions& o) {
    for (size_t i = 0; i < s.size(); ++i)
      if (!std::isxdigit(static_cast<unsigned char>(s[i])))
        fail(2, fmt::format("patterns must be specified as hex digits: {}", s.substr(i)));
    o.pattern.clear();
    for (size_t i = 0; i < s.size() && o.pattern.size() < 16; i += 2)
      o.pattern.push_back(static_cast<uint8_t>(std::strtoul(s.substr(i, 2).c_str(), nullptr, 16)));
    if (!o.quiet) {
      std::string line = "PATTERN: 0x";
      for (uint8_t b : o.pattern) line += fmt::format("{:02x}", b);
      line += '\n';
      out.write(line);
    }
  }

  void option(char c, const std::string& arg, PingOptions& o) {
    switch (c) {
      case '4':
        if (o.family == 6) fail(2, "only one -4 or -6 option may be specified");
        o.family = 4;
        break;
      case 'b': o.broadcast = true; break;
      case 'R':
        if (o.timestamp) fail(2, "only one of -T or -R may be used");
        o.rroute = true;
        break;
      case 'T':
        if (o.rroute) fail(2, "only one of -T or -R may be used");
        o.timestamp = true;
        if (arg == "tsonly") o.ts_type = 0;
        else if (arg == "tsandaddr") o.ts_type = 1;
        else if (arg == "tsprespec") o.ts_type = 3;
        else fail(2, fmt::format("invalid timestamp type: {}", arg));
        break;
      case '6':
        if (o.family == 4) fail(2, "only one -4 or -6 option may be specified");
        o.family = 6;
        break;
      case 'F': parseflow(arg); break;
      case 'N': break;  // IPv6 node information queries are not modelled
      case 'a': o.audible = true; break;
      case 'A': o.adaptive = true; break;
      case 'B': o.strictsource = true; break;
      case 'c': o.npackets = strtol_or_err(arg, 1, LONG_MAX); break;
      case 'C': o.connect_sk = true; break;
      case 'd': o.so_debug = true; break;
      case 'D': o.ptimeofday = true; break;
      case 'e': o.ident = strtol_or_err(arg, 0, 0xffff); break;
      case 'i': {
        double v = ping_strtod(arg, "bad timing interval");
        if (std::isgreater(v, static_cast<double>(INT_MAX / 1000)))
          fail(2, fmt::format("bad timing interval: {}", arg));
        o.interval_ms = static_cast<int>(v * 1000);
        o.opt_interval = true;
        break;
      }
      case 'I':
        if (arg.find(':') != std::string::npos) {
          std::string addr = arg.substr(0, arg.find('%'));
          if (arg.find('%') != std::string::npos) o.device = arg.substr(arg.find('%') + 1);
          if (!Ipv6Addr::parse(addr)) fail(2, fmt::format("invalid source address: {}", arg));
          o.strictsource = true;
        } else if (auto a = Ipv4Addr::parse(arg)) {
          o.source = *a;
          o.strictsource = true;
        } else {
          o.device = arg;
        }
        break;
      case 'l': o.preload = strtol_or_err(arg, 1, 65536); break;
      case 'L': o.noloop = true; break;
      case 'm':
        o.mark = static_cast<uint32_t>(strtol_or_err(arg, 0, UINT_MAX));
        o.opt_mark = true;
        break;
      case 'M':
        if (arg == "do") o.pmtudisc = 2;
        else if (arg == "dont") o.pmtudisc = 0;
        else if (arg == "want") o.pmtudisc = 1;
        // iputils 20221126 has no "probe" (added in a later release).
        else fail(2, fmt::format("invalid -M argument: {}", arg));
        break;
      case 'n': o.numeric = true; break;
      case 'O': o.outstanding = true; break;
      case 'f':
        o.flood = true;
        o.numeric = true;
        break;
      case 'p':
        o.pingfilled = true;
        fill(arg, o);
        break;
      case 'q': o.quiet = true; break;
      case 'Q': o.tos = parsetos(arg); break;
      case 'r': o.so_dontroute = true; break;
      case 's': o.datalen = strtol_or_err(arg, 0, INT_MAX); break;
      case 'S': o.sndbuf = strtol_or_err(arg, 1, INT_MAX); break;
      case 't':
        o.ttl = static_cast<int>(strtol_or_err(arg, 0, 255));
        o.opt_ttl = true;
        break;
      case 'U': o.latency = true; break;
      case 'v': o.verbose = true; break;
      case 'V':
        out.write(
            "ping from iputils 20221126\n"
            "libcap: yes, IDN: yes, NLS: no, error.h: yes, getrandom(): yes, __fpending(): yes\n");
        throw Exit{0};
      case 'w': o.deadline_s = strtol_or_err(arg, 0, INT_MAX); break;
      case 'W': {
        double v = ping_strtod(arg, "bad linger time");
        if (std::isless(v, 0.0) || std::isgreater(v, static_cast<double>(INT_MAX) / 1000))
          fail(2, fmt::format("bad linger time: {}", arg));
        o.lingertime_ms = static_cast<int>(v * 1000);
        break;
      }
      default: usage();
    }
  }
};

}  // namespace

std::string_view ping_usage_text() { return kUsage; }

void ping_error(Sink& out, Sink& err, std::string_view prog, std::string_view msg, int errnum) {
  out.flush();
  std::string line(prog);
  line += ": ";
  line += msg;
  if (errnum) {
    line += ": ";
    line += std::strerror(errnum);
  }
  line += '\n';
  err.write(line);
}

std::optional<int> ping_parse_args(std::span<const std::string> argv, PingOptions& o, Sink& out,
                                   Sink& err) {
  Parser p{out, err, "ping"};
  try {
    Getopt g("ping", &err, argv, kOptString);
    g.flush_before_errors(out);
    for (int c; (c = g.next()) != -1;) {
      if (c == '?') p.usage();
      p.option(static_cast<char>(c), g.arg(), o);
    }
    o.targets = g.operands();
    if (o.targets.empty()) p.fail(1, "usage error", EDESTADDRREQ);
  } catch (const Exit& e) {
    return e.status;
  }
  return std::nullopt;
}

std::optional<Ipv4Addr> ping_inet_aton(std::string_view s) {
  // glibc inet_aton: up to four parts, the last one filling the remaining bytes.
  uint32_t parts[4];
  int n = 0;
  size_t i = 0;
  uint64_t val = 0;
  for (;;) {
    if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
    int base = 10;
    if (s[i] == '0') {
      ++i;
      if (i < s.size() && (s[i] == 'x' || s[i] == 'X')) {
        base = 16;
        ++i;
      } else {
        base = 8;
      }
    }
    val = 0;
    for (; i < s.size(); ++i) {
      const char c = s[i];
      if (std::isdigit(static_cast<unsigned char>(c))) {
        if (base == 8 && (c == '8' || c == '9')) return std::nullopt;
        val = val * base + static_cast<uint64_t>(c - '0');
      } else if (base == 16 && std::isxdigit(static_cast<unsigned char>(c))) {
        val = val * 16 + static_cast<uint64_t>(std::tolower(c) - 'a' + 10);
      } else {
        break;
      }
      if (val > 0xffffffffULL) return std::nullopt;
    }
    if (i < s.size() && s[i] == '.') {
      if (n >= 3 || val > 0xff) return std::nullopt;
      parts[n++] = static_cast<uint32_t>(val);
      ++i;
      continue;
    }
    break;
  }
  if (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) return std::nullopt;
  static constexpr uint64_t kMax[4] = {0xffffffffULL, 0xffffffULL, 0xffffULL, 0xffULL};
  if (val > kMax[n]) return std::nullopt;
  uint32_t r = static_cast<uint32_t>(val);
  for (int k = 0; k < n; ++k) r |= parts[k] << (24 - 8 * k);
  return Ipv4Addr(r);
}

}  // namespace skbox
