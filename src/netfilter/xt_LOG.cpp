// The LOG target (net/netfilter/xt_LOG.c, iptables' extensions/libxt_LOG.c):
// writes the packet's nf_log line to the kernel log at the rule's level
// and lets the packet go on (XT_CONTINUE).
#include <cctype>
#include <cerrno>

#include <fmt/format.h>

#include "netfilter/nf_log.h"
#include "netfilter/x_tables.h"
#include "netfilter/xtables.h"

namespace skbox {

namespace {

enum { O_LOG_LEVEL = 1, O_LOG_PREFIX, O_LOG_TCPSEQ, O_LOG_TCPOPT, O_LOG_IPOPT, O_LOG_UID, O_LOG_MAC };

constexpr XtOption kLogOpts[] = {
    {"log-level", O_LOG_LEVEL},           {"log-prefix", O_LOG_PREFIX},        {"log-tcp-sequence", O_LOG_TCPSEQ, false},
    {"log-tcp-options", O_LOG_TCPOPT, false}, {"log-ip-options", O_LOG_IPOPT, false}, {"log-uid", O_LOG_UID, false},
    {"log-macdecode", O_LOG_MAC, false},
};

// xtopt_parse_sysloglevel: a number 0..7 (base 0) or one of these names.
struct LevelName {
  const char* name;
  uint8_t level;
};
constexpr LevelName kParseNames[] = {{"alert", 1}, {"crit", 2},   {"debug", 7}, {"emerg", 0},  {"error", 3},
                                     {"info", 6},  {"notice", 5}, {"panic", 0}, {"warning", 4}};
// What -L prints for each level (libxt_LOG's own table).
constexpr const char* kPrintNames[] = {"emerg", "alert", "crit", "err", "warn", "notice", "info", "debug"};

// xtables_save_string: bare when only [A-Za-z0-9_-], else double-quoted
// with " \ ' escaped.
void save_string(std::string& out, std::string_view v) {
  auto plain = [](char c) { return std::isalnum(uint8_t(c)) || c == '_' || c == '-'; };
  bool bare = !v.empty();
  for (char c : v) bare = bare && plain(c);
  out += ' ';
  if (bare) {
    out += v;
    return;
  }
  out += '"';
  for (char c : v) {
    if (c == '"' || c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  out += '"';
}

// struct xt_log_info
class LogTarget : public XtTargetImpl<LogTarget> {
 public:
  uint8_t level = 4;  // LOG_WARNING
  uint8_t logflags = 0;
  std::string prefix;  // at most 29 bytes (char prefix[30])
  unsigned seen = 0;
  bool operator==(const LogTarget& o) const {
    return level == o.level && logflags == o.logflags && prefix == o.prefix;
  }

  void parse(int id, const std::string& arg, const XtParseCtx&) override {
    static constexpr const char* kNames[] = {"", "log-level", "log-prefix", "log-tcp-sequence", "log-tcp-options",
                                             "log-ip-options", "log-uid", "log-macdecode"};
    if (seen & (1u << id)) throw XtParamError{fmt::format("LOG: option \"--{}\" can only be used once.\n", kNames[id])};
    seen |= 1u << id;
    switch (id) {
      case O_LOG_LEVEL: {
        // strtoul skips leading white space.
        const size_t ws = arg.find_first_not_of(" \t\n\v\f\r");
        if (auto v = ws == std::string::npos ? std::nullopt : xt_strtoul0(std::string_view(arg).substr(ws), 7)) {
          level = uint8_t(*v);
          break;
        }
        for (const LevelName& n : kParseNames)
          if (arg == n.name) {
            level = n.level;
            return;
          }
        throw XtParamError{fmt::format("log level \"{}\" unknown\n", arg)};
      }
      case O_LOG_PREFIX:
        if (arg.empty()) throw XtParamError{"Argument must have a minimum length of 1 characters\n"};
        if (arg.find('\n') != std::string::npos) throw XtParamError{"Newlines not allowed in --log-prefix"};
        prefix = arg.substr(0, 29);
        break;
      case O_LOG_TCPSEQ: logflags |= NF_LOG_TCPSEQ; break;
      case O_LOG_TCPOPT: logflags |= NF_LOG_TCPOPT; break;
      case O_LOG_IPOPT: logflags |= NF_LOG_IPOPT; break;
      case O_LOG_UID: logflags |= NF_LOG_UID; break;
      case O_LOG_MAC: logflags |= NF_LOG_MACDECODE; break;
    }
  }

  void print(std::string& out, bool numeric) const override {
    out += " LOG";
    if (numeric) {
      out += fmt::format(" flags {} level {}", logflags, level);
    } else {
      if (level < 8) out += fmt::format(" level {}", kPrintNames[level]);
      else out += fmt::format(" UNKNOWN level {}", level);
      if (logflags & NF_LOG_TCPSEQ) out += " tcp-sequence";
      if (logflags & NF_LOG_TCPOPT) out += " tcp-options";
      if (logflags & NF_LOG_IPOPT) out += " ip-options";
      if (logflags & NF_LOG_UID) out += " uid";
      if (logflags & NF_LOG_MACDECODE) out += " macdecode";
      if (logflags & ~NF_LOG_MASK) out += " unknown-flags";
    }
    if (!prefix.empty()) out += fmt::format(" prefix \"{}\"", prefix);
  }

  void save(std::string& out) const override {
    if (!prefix.empty()) {
      out += " --log-prefix";
      save_string(out, prefix);
    }
    if (level != 4) out += fmt::format(" --log-level {}", level);
    if (logflags & NF_LOG_TCPSEQ) out += " --log-tcp-sequence";
    if (logflags & NF_LOG_TCPOPT) out += " --log-tcp-options";
    if (logflags & NF_LOG_IPOPT) out += " --log-ip-options";
    if (logflags & NF_LOG_UID) out += " --log-uid";
    if (logflags & NF_LOG_MACDECODE) out += " --log-macdecode";
  }

  // log_tg_check: the level and prefix are bounded by the command already.
  int checkentry(const XtCheckParam&) override { return level >= 8 ? EINVAL : 0; }

  XtTargetRet target(XtActionParam& par) override {
    nf_log_packet(*par.state.net, par.skb, par.state.in, par.state.out, NfLogInfo{level, logflags}, prefix);
    return XtTargetRet::Continue;
  }
};

const XtTargetType kLog{"LOG", kLogOpts, [] { return std::unique_ptr<XtTargetExt>(new LogTarget); }};
XtTargetRegistrar reg_log{kLog};

}  // namespace

}  // namespace skbox
