// `conntrack` as conntrack-tools 1.4.7 (Debian 12) prints it: -L/--dump,
// -D/--delete, -U/--update (--mark), -F/--flush, -C/--count, -S/--stats,
// -E/--event (until killed), -G/--get, -V, -h, with the filters -s/-d/-r/-q,
// -p and its protocol options (--sport/--dport/--reply-port-src/-dst,
// --icmp-type/--icmp-code/--icmp-id, --state), -m MARK[/MASK], -u STATUS,
// -n/-g/-j (NAT), -f ipv4, -e EVENTS, -o extended|id; the summary lines on
// stderr, the error messages and exit statuses (2 for usage errors, 1 for a
// -D/-U/-G that found nothing).
//
// Not modelled: the expect/dying/unconfirmed tables (listed empty), -I
// (create), -o xml/timestamp/ktimestamp/labels/userspace, zones, labels,
// secmark, IPv6 (-f ipv6 lists nothing), the "[USERSPACE] portid=N
// [progname=conntrack]" tag of the DESTROY events a conntrack -D/-F caused
// (N is the command's netlink port id: its pid, or random for a second socket).
#include <fmt/format.h>
#include <netinet/in.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/ping_opts.h"
#include "core/task.h"
#include "net/net.h"
#include "net/world.h"
#include "netfilter/nf_conntrack.h"
#include "netfilter/nf_nat.h"

namespace skbox {

namespace {

constexpr std::string_view kProg = "conntrack v1.4.7 (conntrack-tools)";

constexpr std::string_view kUsage =
    "Command line interface for the connection tracking system. Version 1.4.7\n"
    "Usage: conntrack [commands] [options]\n"
    "\n"
    "Commands:\n"
    "  -L [table] [options]\t\tList conntrack or expectation table\n"
    "  -G [table] parameters\t\tGet conntrack or expectation\n"
    "  -D [table] parameters\t\tDelete conntrack or expectation\n"
    "  -I [table] parameters\t\tCreate a conntrack or expectation\n"
    "  -U [table] parameters\t\tUpdate a conntrack\n"
    "  -E [table] [options]\t\tShow events\n"
    "  -F [table]\t\t\tFlush table\n"
    "  -C [table]\t\t\tShow counter\n"
    "  -S\t\t\t\tShow statistics\n"
    "\n"
    "Tables: conntrack, expect, dying, unconfirmed\n"
    "\n"
    "Conntrack parameters and options:\n"
    "  -n, --src-nat ip\t\t\tsource NAT ip\n"
    "  -g, --dst-nat ip\t\t\tdestination NAT ip\n"
    "  -j, --any-nat ip\t\t\tsource or destination NAT ip\n"
    "  -m, --mark mark\t\t\tSet mark\n"
    "  -c, --secmark secmark\t\t\tSet selinux secmark\n"
    "  -e, --event-mask eventmask\t\tEvent mask, eg. NEW,DESTROY\n"
    "  -z, --zero \t\t\t\tZero counters while listing\n"
    "  -o, --output type[,...]\t\tOutput format, eg. xml\n"
    "  -l, --label label[,...]\t\tconntrack labels\n"
    "\n"
    "Expectation parameters and options:\n"
    "  --tuple-src ip\tSource address in expect tuple\n"
    "  --tuple-dst ip\tDestination address in expect tuple\n"
    "\n"
    "Updating parameters and options:\n"
    "  --label-add label\tAdd label\n"
    "  --label-del label\tDelete label\n"
    "\n"
    "Common parameters and options:\n"
    "  -s, --src, --orig-src ip\t\tSource address from original direction\n"
    "  -d, --dst, --orig-dst ip\t\tDestination address from original direction\n"
    "  -r, --reply-src ip\t\tSource addres from reply direction\n"
    "  -q, --reply-dst ip\t\tDestination address from reply direction\n"
    "  -p, --protonum proto\t\tLayer 4 Protocol, eg. 'tcp'\n"
    "  -f, --family proto\t\tLayer 3 Protocol, eg. 'ipv6'\n"
    "  -t, --timeout timeout\t\tSet timeout\n"
    "  -u, --status status\t\tSet status, eg. ASSURED\n"
    "  -w, --zone value\t\tSet conntrack zone\n"
    "  --orig-zone value\t\tSet zone for original direction\n"
    "  --reply-zone value\t\tSet zone for reply direction\n"
    "  -b, --buffer-size\t\tNetlink socket buffer size\n"
    "  --mask-src ip\t\t\tSource mask address\n"
    "  --mask-dst ip\t\t\tDestination mask address\n"
    "\n";

enum class Cmd : uint8_t { None, List, Create, Update, Delete, Get, Event, Flush, Count, Stats, Version, Help };

// The options, by the canonical names "Illegal option" messages use.
enum Opt : uint8_t {
  kSrc, kDst, kReplySrc, kReplyDst, kProto, kTimeout, kStatus, kZero, kEventMask, kMark, kFamily, kSrcNat,
  kDstNat, kOutput, kAnyNat, kZone, kSecmark, kBufSize, kLabel, kOptMax,
};
constexpr std::string_view kOptNames[kOptMax] = {
    "src", "dst", "reply-src", "reply-dst", "protonum", "timeout", "status", "zero", "event-mask", "mark",
    "family", "src-nat", "dst-nat", "output", "any-nat", "zone", "secmark", "buffer-size", "label"};

struct LongOpt {
  std::string_view name;
  char key;       // short option letter or a private code
  bool has_arg;
  bool optional;  // -n/-g/-j and the commands' [table]
};
// Common long options (the proto-specific ones join after -p).
constexpr LongOpt kLong[] = {
    {"dump", 'L', false, true},       {"create", 'I', false, true},    {"update", 'U', false, true},
    {"delete", 'D', false, true},     {"get", 'G', false, true},       {"event", 'E', false, true},
    {"flush", 'F', false, true},      {"count", 'C', false, true},     {"stats", 'S', false, false},
    {"help", 'h', false, false},      {"version", 'V', false, false},  {"orig-src", 's', true, false},
    {"src", 's', true, false},        {"orig-dst", 'd', true, false},  {"dst", 'd', true, false},
    {"reply-src", 'r', true, false},  {"reply-dst", 'q', true, false}, {"protonum", 'p', true, false},
    {"proto", 'p', true, false},      {"timeout", 't', true, false},   {"status", 'u', true, false},
    {"zero", 'z', false, false},      {"event-mask", 'e', true, false}, {"mark", 'm', true, false},
    {"family", 'f', true, false},     {"src-nat", 'n', true, true},    {"dst-nat", 'g', true, true},
    {"output", 'o', true, false},     {"any-nat", 'j', true, true},    {"zone", 'w', true, false},
    {"secmark", 'c', true, false},    {"buffer-size", 'b', true, false}, {"label", 'l', true, false},
};
// Protocol options: key codes above 'z'.
enum : char { kSport = 1, kDport, kRSport, kRDport, kIcmpType, kIcmpCode, kIcmpId, kState };
constexpr LongOpt kPortOpts[] = {
    {"orig-port-src", kSport, true, false}, {"sport", kSport, true, false},
    {"orig-port-dst", kDport, true, false}, {"dport", kDport, true, false},
    {"reply-port-src", kRSport, true, false}, {"reply-port-dst", kRDport, true, false},
};
constexpr LongOpt kTcpOpts[] = {{"state", kState, true, false}};
constexpr LongOpt kIcmpOpts[] = {
    {"icmp-type", kIcmpType, true, false}, {"icmp-code", kIcmpCode, true, false}, {"icmp-id", kIcmpId, true, false}};

// Which options each command takes (commands_v_options).
bool legal(Cmd c, Opt o) {
  switch (c) {
    case Cmd::List:
      return o != kTimeout && o != kSecmark;
    case Cmd::Delete:
    case Cmd::Event:
      return o != kTimeout && o != kZero && o != kSecmark && (c == Cmd::Event || o != kEventMask);
    case Cmd::Update:
      return o != kZero && o != kEventMask;
    case Cmd::Get:
      return o == kSrc || o == kDst || o == kReplySrc || o == kReplyDst || o == kProto || o == kFamily ||
             o == kOutput || o == kZone || o == kMark;
    case Cmd::Flush:
      return o == kFamily;
    default:
      return false;
  }
}

struct Usage {
  std::string msg;
};

struct Filter {
  std::optional<Ipv4Addr> src, dst, rsrc, rdst;
  uint8_t proto = 0;
  std::optional<uint16_t> sport, dport, rsport, rdport, icmp_id;
  std::optional<uint8_t> icmp_type, icmp_code;
  std::optional<TcpConntrack> state;
  std::optional<uint32_t> mark;
  uint32_t mark_mask = 0xffffffff;
  uint32_t status = 0;
  bool unreplied = false;
  bool src_nat = false, dst_nat = false, any_nat = false;
  std::optional<Ipv4Addr> nat_ip;
  bool ipv6 = false;

  bool match(const NfConn& ct) const {
    const NfConntrackTuple& o = ct.tuple[IP_CT_DIR_ORIGINAL];
    const NfConntrackTuple& r = ct.tuple[IP_CT_DIR_REPLY];
    if (ipv6) return false;
    if (src && o.src.v != src->v) return false;
    if (dst && o.dst.v != dst->v) return false;
    if (rsrc && r.src.v != rsrc->v) return false;
    if (rdst && r.dst.v != rdst->v) return false;
    if (proto && o.protonum != proto) return false;
    if (sport && o.src_port != *sport) return false;
    if (dport && o.dst_port != *dport) return false;
    if (rsport && r.src_port != *rsport) return false;
    if (rdport && r.dst_port != *rdport) return false;
    if (icmp_type && o.icmp_type != *icmp_type) return false;
    if (icmp_code && o.icmp_code != *icmp_code) return false;
    if (icmp_id && o.src_port != *icmp_id) return false;
    if (state && ct.tcp.state != *state) return false;
    if (mark && (ct.mark & mark_mask) != *mark) return false;
    if ((ct.status & status) != status) return false;
    if (unreplied && (ct.status & IPS_SEEN_REPLY)) return false;
    // -n/-g/-j: a NATed entry; with an address, the one it is NATed to.
    const bool snat = ct.status & IPS_SRC_NAT, dnat = ct.status & IPS_DST_NAT;
    if (src_nat && (!snat || (nat_ip && r.dst.v != nat_ip->v))) return false;
    if (dst_nat && (!dnat || (nat_ip && r.src.v != nat_ip->v))) return false;
    if (any_nat && !((snat && (!nat_ip || r.dst.v == nat_ip->v)) || (dnat && (!nat_ip || r.src.v == nat_ip->v))))
      return false;
    return true;
  }
};

std::optional<uint32_t> parse_uint(std::string_view s) {
  if (s.empty()) return std::nullopt;
  uint64_t v = 0;
  int base = 10;
  size_t i = 0;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    i = 2;
  }
  for (; i < s.size(); ++i) {
    int d;
    if (s[i] >= '0' && s[i] <= '9') d = s[i] - '0';
    else if (base == 16 && std::isxdigit(static_cast<unsigned char>(s[i]))) d = std::tolower(s[i]) - 'a' + 10;
    else return std::nullopt;
    v = v * base + d;
    if (v > 0xffffffffu) return std::nullopt;
  }
  return static_cast<uint32_t>(v);
}

class Conntrack {
 public:
  explicit Conntrack(Proc& p) : p_(p) {}

  int run(std::span<const std::string> argv) {
    if (argv.size() == 1) {
      p_.out.write(kUsage);
      return 0;
    }
    try {
      parse(argv);
    } catch (const Usage& u) {
      p_.out.flush();
      p_.err.print("{}: {}\nTry `conntrack -h' or 'conntrack --help' for more information.\n", kProg, u.msg);
      return 2;
    }
    switch (cmd_) {
      case Cmd::Help: p_.out.write(kUsage); return 0;
      case Cmd::Version: p_.out.print("{}\n", kProg); return 0;
      case Cmd::None: return usage_error("no command specified");
      default: break;
    }
    if (table_ == "expect" || table_ == "dying" || table_ == "unconfirmed") return other_table();
    NfConntrackNet& cn = nf_ct_net(*p_.net);
    switch (cmd_) {
      case Cmd::List: return list(cn);
      case Cmd::Delete: return del(cn);
      case Cmd::Update: return update(cn);
      case Cmd::Get: return get(cn);
      case Cmd::Flush: return flush(cn);
      case Cmd::Count:
        p_.out.print("{}\n", p_.net->nf_ct_sysctl.count);
        return 0;
      case Cmd::Stats: return stats(cn);
      case Cmd::Event: return events();
      case Cmd::Create: return usage_error("creating conntrack entries is not supported here");
      default: return 0;
    }
  }

 private:
  int usage_error(const std::string& m) {
    p_.out.flush();
    p_.err.print("{}: {}\nTry `conntrack -h' or 'conntrack --help' for more information.\n", kProg, m);
    return 2;
  }

  void set_cmd(Cmd c) {
    if (cmd_ != Cmd::None) throw Usage{"Invalid commands combination"};
    cmd_ = c;
  }

  // getopt_long's lookup: an exact name, else a unique abbreviation
  // (several names of one option count as one).
  const LongOpt* find_long(std::string_view name, std::string_view word) {
    const LongOpt* exact = nullptr;
    const LongOpt* partial = nullptr;
    bool ambiguous = false;
    for (std::span<const LongOpt> t : {std::span<const LongOpt>(kLong), proto_opts_, proto_opts2_}) {
      for (const LongOpt& o : t) {
        if (o.name == name) exact = &o;
        if (o.name.substr(0, name.size()) != name) continue;
        if (partial && partial->key != o.key) ambiguous = true;
        if (!partial) partial = &o;
      }
    }
    if (exact) return exact;
    if (!partial || ambiguous || name.empty()) throw Usage{fmt::format("unknown option `{}'", word)};
    return partial;
  }

  void parse(std::span<const std::string> argv) {
    for (size_t i = 1; i < argv.size(); ++i) {
      const std::string& w = argv[i];
      if (w.size() < 2 || w[0] != '-') throw Usage{fmt::format("unknown option `{}'", w)};
      const LongOpt* lo = nullptr;
      std::string arg;
      bool have_arg = false;
      if (w[1] == '-') {
        std::string_view name = std::string_view(w).substr(2);
        const size_t eq = name.find('=');
        if (eq != std::string_view::npos) {
          arg = std::string(name.substr(eq + 1));
          have_arg = true;
          name = name.substr(0, eq);
        }
        lo = find_long(name, w);
      } else {
        for (const LongOpt& o : kLong)
          if (o.key == w[1]) {
            lo = &o;
            break;
          }
        if (!lo) throw Usage{fmt::format("unknown option `{}'", w)};
        if (w.size() > 2) {
          arg = w.substr(2);
          have_arg = true;
        }
      }
      if (lo->has_arg && !have_arg) {
        const bool next_ok = i + 1 < argv.size() && (!lo->optional || argv[i + 1][0] != '-');
        if (next_ok) {
          arg = argv[++i];
          have_arg = true;
        } else if (!lo->optional) {
          throw Usage{fmt::format("option `{}' requires an argument", w)};
        }
      }
      if (!lo->has_arg && lo->optional && !have_arg && i + 1 < argv.size() && argv[i + 1][0] != '-' &&
          argv[i + 1][0] != '!') {
        arg = argv[++i];  // a command's table
        have_arg = true;
      }
      apply(*lo, arg, have_arg);
    }
    if (cmd_ == Cmd::None) return;
    for (int o = 0; o < kOptMax; ++o)
      if (seen_[o] && !legal(cmd_, static_cast<Opt>(o)) && cmd_ != Cmd::Help && cmd_ != Cmd::Version)
        throw Usage{fmt::format("Illegal option `--{}' with this command", kOptNames[o])};
    if (cmd_ == Cmd::Get && (!f_.src || !f_.dst)) throw Usage{"you have to specify `--src' and `--dst'"};
  }

  Ipv4Addr addr(const std::string& a) {
    auto v = ping_inet_aton(a);
    if (!v) throw Usage{fmt::format("Bad IP address `{}'", a)};
    return *v;
  }

  void opt(Opt o) {
    seen_[o] = true;
  }

  void apply(const LongOpt& lo, const std::string& arg, bool have_arg) {
    switch (lo.key) {
      case 'L': set_cmd(Cmd::List); break;
      case 'I': set_cmd(Cmd::Create); break;
      case 'U': set_cmd(Cmd::Update); break;
      case 'D': set_cmd(Cmd::Delete); break;
      case 'G': set_cmd(Cmd::Get); break;
      case 'E': set_cmd(Cmd::Event); break;
      case 'F': set_cmd(Cmd::Flush); break;
      case 'C': set_cmd(Cmd::Count); break;
      case 'S': set_cmd(Cmd::Stats); break;
      case 'h': set_cmd(Cmd::Help); break;
      case 'V': set_cmd(Cmd::Version); break;
      case 's': opt(kSrc); f_.src = addr(arg); break;
      case 'd': opt(kDst); f_.dst = addr(arg); break;
      case 'r': opt(kReplySrc); f_.rsrc = addr(arg); break;
      case 'q': opt(kReplyDst); f_.rdst = addr(arg); break;
      case 'p': opt(kProto); set_proto(arg); break;
      case 't': opt(kTimeout); break;
      case 'z': opt(kZero); break;
      case 'w': opt(kZone); break;
      case 'c': opt(kSecmark); break;
      case 'b': opt(kBufSize); break;
      case 'l': opt(kLabel); break;
      case 'u': opt(kStatus); set_status(arg); break;
      case 'e': opt(kEventMask); set_event_mask(arg); break;
      case 'm': {
        opt(kMark);
        const size_t sl = arg.find('/');
        auto v = parse_uint(arg.substr(0, sl));
        auto m = sl == std::string::npos ? std::optional<uint32_t>(0xffffffff) : parse_uint(arg.substr(sl + 1));
        if (!v || !m) throw Usage{fmt::format("Bad parameter `{}'", arg)};
        f_.mark = *v & *m;
        f_.mark_mask = *m;
        new_mark_ = *v;
        break;
      }
      case 'f':
        opt(kFamily);
        if (arg == "ipv6") f_.ipv6 = true;
        else if (arg != "ipv4") throw Usage{fmt::format("`{}' unsupported protocol", arg)};
        break;
      case 'n': case 'g': case 'j':
        opt(lo.key == 'n' ? kSrcNat : lo.key == 'g' ? kDstNat : kAnyNat);
        (lo.key == 'n' ? f_.src_nat : lo.key == 'g' ? f_.dst_nat : f_.any_nat) = true;
        if (have_arg) f_.nat_ip = addr(arg);
        break;
      case 'o': {
        opt(kOutput);
        size_t b = 0;
        while (b <= arg.size()) {
          size_t e = arg.find(',', b);
          if (e == std::string::npos) e = arg.size();
          const std::string_view t = std::string_view(arg).substr(b, e - b);
          if (t == "extended") po_.extended = true;
          else if (t == "id") po_.id = true;
          else if (t == "xml" || t == "timestamp" || t == "ktimestamp" || t == "labels" || t == "userspace") {}
          else throw Usage{fmt::format("Bad parameter `{}'", arg)};
          b = e + 1;
        }
        break;
      }
      case kSport: case kDport: case kRSport: case kRDport: {
        auto v = parse_uint(arg);
        if (!v) throw Usage{fmt::format("Bad parameter `{}'", arg)};
        const uint16_t port = static_cast<uint16_t>(*v);
        (lo.key == kSport ? f_.sport : lo.key == kDport ? f_.dport : lo.key == kRSport ? f_.rsport : f_.rdport) = port;
        break;
      }
      case kIcmpType: case kIcmpCode: case kIcmpId: {
        auto v = parse_uint(arg);
        if (!v) throw Usage{fmt::format("Bad parameter `{}'", arg)};
        if (lo.key == kIcmpType) f_.icmp_type = static_cast<uint8_t>(*v);
        else if (lo.key == kIcmpCode) f_.icmp_code = static_cast<uint8_t>(*v);
        else f_.icmp_id = static_cast<uint16_t>(*v);
        break;
      }
      case kState: {
        for (uint8_t s = 0; s < static_cast<uint8_t>(TcpConntrack::Max); ++s)
          if (arg == tcp_conntrack_name(static_cast<TcpConntrack>(s))) f_.state = static_cast<TcpConntrack>(s);
        if (!f_.state) throw Usage{fmt::format("unknown TCP state `{}'", arg)};
        break;
      }
      default: break;
    }
    if (have_arg && !lo.has_arg && lo.optional) {
      if (arg != "conntrack" && arg != "expect" && arg != "dying" && arg != "unconfirmed")
        throw Usage{fmt::format("unknown type `{}'", arg)};
      table_ = arg;
    }
  }

  void set_proto(const std::string& a) {
    static const std::pair<std::string_view, uint8_t> kNames[] = {
        {"tcp", IPPROTO_TCP}, {"udp", IPPROTO_UDP}, {"udplite", IPPROTO_UDPLITE}, {"icmp", IPPROTO_ICMP},
        {"sctp", IPPROTO_SCTP}, {"dccp", IPPROTO_DCCP}, {"gre", IPPROTO_GRE}, {"icmpv6", IPPROTO_ICMPV6}};
    uint8_t n = 0;
    bool found = false;
    for (auto& [name, num] : kNames)
      if (a == name) n = num, found = true;
    if (!found) {
      auto v = parse_uint(a);
      if (!v || *v > 255) throw Usage{fmt::format("`{}' unsupported protocol", a)};
      n = static_cast<uint8_t>(*v);
    }
    f_.proto = n;
    proto_opts_ = {};
    proto_opts2_ = {};
    if (n == IPPROTO_TCP || n == IPPROTO_UDP || n == IPPROTO_UDPLITE || n == IPPROTO_SCTP || n == IPPROTO_DCCP)
      proto_opts_ = kPortOpts;
    if (n == IPPROTO_TCP) proto_opts2_ = kTcpOpts;
    if (n == IPPROTO_ICMP) proto_opts_ = kIcmpOpts;
  }

  void set_status(const std::string& a) {
    size_t b = 0;
    while (b <= a.size()) {
      size_t e = a.find(',', b);
      if (e == std::string::npos) e = a.size();
      const std::string_view t = std::string_view(a).substr(b, e - b);
      if (t == "ASSURED") f_.status |= IPS_ASSURED;
      else if (t == "SEEN_REPLY") f_.status |= IPS_SEEN_REPLY;
      else if (t == "UNREPLIED") f_.unreplied = true;
      else if (t == "FIXED_TIMEOUT") f_.status |= IPS_FIXED_TIMEOUT;
      else if (t == "EXPECTED") f_.status |= IPS_EXPECTED;
      else if (t == "SRC_NAT") f_.status |= IPS_SRC_NAT;
      else if (t == "DST_NAT") f_.status |= IPS_DST_NAT;
      else if (t == "CONFIRMED") f_.status |= IPS_CONFIRMED;
      else if (t == "DYING") f_.status |= IPS_DYING;
      else throw Usage{fmt::format("Bad parameter `{}'", a)};
      b = e + 1;
    }
  }

  void set_event_mask(const std::string& a) {
    events_ = 0;
    size_t b = 0;
    while (b <= a.size()) {
      size_t e = a.find(',', b);
      if (e == std::string::npos) e = a.size();
      const std::string_view t = std::string_view(a).substr(b, e - b);
      if (t == "ALL") events_ |= 7;
      else if (t == "NEW") events_ |= 1;
      else if (t == "UPDATE") events_ |= 2;
      else if (t == "DESTROY") events_ |= 4;
      else throw Usage{fmt::format("Bad parameter `{}'", a)};
      b = e + 1;
    }
  }

  std::string line(const NfConn& ct) { return ct_snprintf(ct, po_, p_.world.now()); }

  int other_table() {
    // No expectations are modelled; dying/unconfirmed lists are empty.
    if (cmd_ == Cmd::List) {
      if (table_ == "expect") p_.err.print("{}: 0 expectations have been shown.\n", kProg);
      else p_.err.print("{}: 0 flow entries have been shown.\n", kProg);
      return 0;
    }
    if (cmd_ == Cmd::Flush) {
      p_.err.print("{}: expectation table has been emptied.\n", kProg);
      return 0;
    }
    if (cmd_ == Cmd::Count) {
      p_.out.print("0\n");
      return 0;
    }
    return 0;
  }

  int list(NfConntrackNet& cn) {
    unsigned n = 0;
    for (NfConn* ct : nf_ct_list(cn)) {
      --ct->use;  // a dump holds no reference of its own (use= shows the table's)
      if (f_.match(*ct)) {
        p_.out.print("{}\n", line(*ct));
        ++n;
      }
      ++ct->use;
      nf_ct_put(ct);
    }
    // stdout is block-buffered: the summary on stderr comes out first.
    p_.err.print("{}: {} flow entries have been shown.\n", kProg, n);
    return 0;
  }

  int del(NfConntrackNet& cn) {
    unsigned n = 0;
    for (NfConn* ct : nf_ct_list(cn)) {
      if (f_.match(*ct)) {
        --ct->use;
        p_.out.print("{}\n", line(*ct));
        ++ct->use;
        if (nf_ct_delete(ct)) ++n;
      }
      nf_ct_put(ct);
    }
    // stdout is block-buffered: the summary on stderr comes out first.
    p_.err.print("{}: {} flow entries have been deleted.\n", kProg, n);
    return n ? 0 : 1;
  }

  int update(NfConntrackNet& cn) {
    unsigned n = 0;
    Filter sel = f_;
    sel.mark.reset();  // --mark is what to set, not a filter, for -U
    for (NfConn* ct : nf_ct_list(cn)) {
      if (sel.match(*ct)) {
        if (new_mark_ && ct->mark != *new_mark_) {
          ct->mark = *new_mark_;
          nf_conntrack_event_report(IPCT_MARK, *ct);
        }
        --ct->use;
        p_.out.print("{}\n", line(*ct));
        ++ct->use;
        ++n;
      }
      nf_ct_put(ct);
    }
    // stdout is block-buffered: the summary on stderr comes out first.
    p_.err.print("{}: {} flow entries have been updated.\n", kProg, n);
    return n ? 0 : 1;
  }

  int get(NfConntrackNet& cn) {
    NfConntrackTuple t;
    t.src = *f_.src;
    t.dst = *f_.dst;
    t.protonum = f_.proto;
    t.src_port = f_.sport.value_or(f_.icmp_id.value_or(0));
    t.dst_port = f_.dport.value_or(0);
    t.icmp_type = f_.icmp_type.value_or(0);
    t.icmp_code = f_.icmp_code.value_or(0);
    NfConn* ct = nf_conntrack_find_get(cn, t);
    if (!ct) {
      p_.err.print("{}: error: No such file or directory\n", kProg);
      return 1;
    }
    --ct->use;
    p_.out.print("{}\n", line(*ct));
    ++ct->use;
    nf_ct_put(ct);
    p_.err.print("{}: 1 flow entries have been shown.\n", kProg);
    return 0;
  }

  int flush(NfConntrackNet& cn) {
    nf_ct_iterate_cleanup(cn, [](const NfConn&) { return true; });
    p_.err.print("{}: connection tracking table has been emptied.\n", kProg);
    return 0;
  }

  int stats(NfConntrackNet& cn) {
    for (int cpu = 0; cpu < p_.world.num_possible_cpus; ++cpu) {
      const IpConntrackStat z{};
      const IpConntrackStat& s = cpu == 0 ? cn.stat : z;
      p_.out.print(
          "cpu={:<4}\tfound={} invalid={} insert={} insert_failed={} drop={} early_drop={} error={} "
          "search_restart={} clash_resolve={} chaintoolong={} \n",
          cpu, s.found, s.invalid, s.insert, s.insert_failed, s.drop, s.early_drop, s.error, s.search_restart,
          s.clash_resolve, s.chaintoolong);
    }
    return 0;
  }

  // -E: the ctnetlink event groups (NEW, UPDATE, DESTROY) until a signal.
  struct EventSink {
    Conntrack* self;
    std::vector<std::string> lines;
  };
  static void on_event(void* priv, uint32_t ev, const NfConn& ct) {
    auto* s = static_cast<EventSink*>(priv);
    Conntrack& c = *s->self;
    const char* tag;
    uint8_t group;
    if (ev & IPCT_DESTROY) tag = "[DESTROY]", group = 4;
    else if (ev & (IPCT_NEW | IPCT_RELATED)) tag = "[NEW]", group = 1;
    else tag = "[UPDATE]", group = 2;
    if (!(c.events_ & group) || !c.f_.match(ct)) return;
    CtPrintOpts o = c.po_;
    o.event = true;
    o.packet_event = !(ev & IPCT_DESTROY);  // a DESTROY comes from a command or the gc
    std::string l = ct_snprintf(ct, o, 0);
    if ((ev & IPCT_DESTROY) && nf_ct_expires_shown(ct) == 0) {
      // An expired entry's DESTROY carries no timeout.
      const std::string proto = fmt::format("{:<8} {} ", nf_ct_l4proto_name(ct.protonum()), ct.protonum());
      const size_t at = l.find(proto);
      if (at != std::string::npos) {
        const size_t t = at + proto.size();
        const size_t sp = l.find(' ', t);
        if (sp != std::string::npos) l.erase(t, sp - t + 1);
      }
    }
    s->lines.push_back(fmt::format("{:>9} {}", tag, l));
  }

  int events() {
    Tasks& tasks = p_.world.tasks;
    EventSink sink{this, {}};
    Net& net = *p_.net;
    nf_ct_event_listen(net, CtEventListener{&Conntrack::on_event, &sink});
    tasks.catch_signals(true);
    unsigned n = 0;
    for (;;) {
      const bool woke =
          !sink.lines.empty() || tasks.block_until(kTimeNever, [&] { return !sink.lines.empty(); });
      for (const std::string& l : sink.lines) p_.out.print("{}\n", l);
      n += static_cast<unsigned>(sink.lines.size());
      sink.lines.clear();
      p_.out.flush();  // event_cb flushes stdout after every event
      if (tasks.take_signal()) break;
      if (!woke) break;  // every job blocked, no timer pending: nothing can ever arrive
    }
    tasks.catch_signals(false);
    nf_ct_event_unlisten(net, &sink);
    p_.err.print("{}: {} flow events have been shown.\n", kProg, n);
    return 0;
  }

  Proc& p_;
  Cmd cmd_ = Cmd::None;
  std::string table_ = "conntrack";
  Filter f_;
  CtPrintOpts po_;
  std::optional<uint32_t> new_mark_;
  uint8_t events_ = 7;
  bool seen_[kOptMax] = {};
  std::span<const LongOpt> proto_opts_, proto_opts2_;
};

}  // namespace

int cmd_conntrack(Proc& p, std::span<const std::string> argv) {
  Conntrack c{p};
  return c.run(argv);
}

}  // namespace skbox
