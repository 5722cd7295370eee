// `dmesg` as util-linux 2.38.1 behaves. It reads the World's kernel log
// (core/printk.h) the way dmesg reads /dev/kmsg: the records written
// since the last clear (SYSLOG_ACTION_CLEAR), each as "[    5.123456] text"
// with its virtual-time timestamp. Options filter (-l, -f, -k, -u,
// --since, --until), decorate (-x, -r, -t, -T, -d, -e, -H,
// --time-format, -J, -L, -p, --noescape), read another source (-S,
// -F FILE) or act on the log (-c, -C, -D, -E, -n), with util-linux's
// messages and exit statuses. The kernel log is one per machine, not per
// network namespace, so `ip netns exec X dmesg` prints the same records.
//
// Wall-clock forms (-T, -e, --time-format iso, --since/--until) use the
// virtual wall clock (core/time.h: the machine booted at kWallEpoch), in
// UTC, the time zone of every skbox process.
//
// Not modelled: --follow/--follow-new (a script's `dmesg -w` would never
// end; refused with a message of skbox's own), the pager and terminal
// detection (skbox's stdout is never a terminal: -H only selects the
// reltime format, colours need --color=always), terminal-colors.d schemes,
// PRINTK_CALLER ids, colours in JSON output, the non-C locales' printable
// characters (everything outside ASCII is escaped, as in the C locale).
#include <fmt/format.h>

#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cli/command.h"
#include "cli/getopt.h"
#include "cli/vfs.h"
#include "core/printk.h"
#include "net/world.h"

namespace skbox {

namespace {

constexpr std::string_view kUsage =
    "\n"
    "Usage:\n"
    " dmesg [options]\n"
    "\n"
    "Display or control the kernel ring buffer.\n"
    "\n"
    "Options:\n"
    " -C, --clear                 clear the kernel ring buffer\n"
    " -c, --read-clear            read and clear all messages\n"
    " -D, --console-off           disable printing messages to console\n"
    " -E, --console-on            enable printing messages to console\n"
    " -F, --file <file>           use the file instead of the kernel log buffer\n"
    " -f, --facility <list>       restrict output to defined facilities\n"
    " -H, --human                 human readable output\n"
    " -J, --json                  use JSON output format\n"
    " -k, --kernel                display kernel messages\n"
    " -L, --color[=<when>]        colorize messages (auto, always or never)\n"
    "                               colors are enabled by default\n"
    " -l, --level <list>          restrict output to defined levels\n"
    " -n, --console-level <level> set level of messages printed to console\n"
    " -P, --nopager               do not pipe output into a pager\n"
    " -p, --force-prefix          force timestamp output on each line of multi-line messages\n"
    " -r, --raw                   print the raw message buffer\n"
    "     --noescape              don't escape unprintable character\n"
    " -S, --syslog                force to use syslog(2) rather than /dev/kmsg\n"
    " -s, --buffer-size <size>    buffer size to query the kernel ring buffer\n"
    " -u, --userspace             display userspace messages\n"
    " -w, --follow                wait for new messages\n"
    " -W, --follow-new            wait and print only new messages\n"
    " -x, --decode                decode facility and level to readable string\n"
    " -d, --show-delta            show time delta between printed messages\n"
    " -e, --reltime               show local time and time delta in readable format\n"
    " -T, --ctime                 show human-readable timestamp (may be inaccurate!)\n"
    " -t, --notime                don't show any timestamp with messages\n"
    "     --time-format <format>  show timestamp using the given format:\n"
    "                               [delta|reltime|ctime|notime|iso]\n"
    "Suspending/resume will make ctime and iso timestamps inaccurate.\n"
    "     --since <time>          display the lines since the specified time\n"
    "     --until <time>          display the lines until the specified time\n"
    "\n"
    " -h, --help                  display this help\n"
    " -V, --version               display version\n"
    "\n"
    "Supported log facilities:\n"
    "    kern - kernel messages\n"
    "    user - random user-level messages\n"
    "    mail - mail system\n"
    "  daemon - system daemons\n"
    "    auth - security/authorization messages\n"
    "  syslog - messages generated internally by syslogd\n"
    "     lpr - line printer subsystem\n"
    "    news - network news subsystem\n"
    "\n"
    "Supported log levels (priorities):\n"
    "   emerg - system is unusable\n"
    "   alert - action must be taken immediately\n"
    "    crit - critical conditions\n"
    "     err - error conditions\n"
    "    warn - warning conditions\n"
    "  notice - normal but significant condition\n"
    "    info - informational\n"
    "   debug - debug-level messages\n"
    "\n"
    "For more details see dmesg(1).\n";

// syslog(2) actions dmesg uses.
enum Action { kReadAll, kReadClear, kClear, kConsoleOff, kConsoleOn, kConsoleLevel };
enum class Method { Kmsg, Syslog, Mmap };
enum class TimeFmt { None, Ctime, CtimeDelta, Delta, Reltime, Time, TimeDelta, Iso };
enum { OPT_TIME_FORMAT = 256, OPT_NOESC, OPT_SINCE, OPT_UNTIL };

constexpr const char* kLevelNames[] = {"emerg", "alert", "crit", "err", "warn", "notice", "info", "debug"};
// 2.38.1's table stops at ftp (and its help lists only the first 8).
constexpr const char* kFacilityNames[] = {"kern", "user", "mail", "daemon", "auth",     "syslog",
                                          "lpr",  "news", "uucp", "cron",   "authpriv", "ftp"};
constexpr int kNLevels = 8;
constexpr int kNFacilities = 12;

constexpr LongOption kLong[] = {
    {"buffer-size", ArgKind::Required, 's'}, {"clear", ArgKind::None, 'C'},
    {"color", ArgKind::Optional, 'L'},       {"console-level", ArgKind::Required, 'n'},
    {"console-off", ArgKind::None, 'D'},     {"console-on", ArgKind::None, 'E'},
    {"decode", ArgKind::None, 'x'},          {"file", ArgKind::Required, 'F'},
    {"facility", ArgKind::Required, 'f'},    {"follow", ArgKind::None, 'w'},
    {"follow-new", ArgKind::None, 'W'},      {"human", ArgKind::None, 'H'},
    {"help", ArgKind::None, 'h'},            {"json", ArgKind::None, 'J'},
    {"kernel", ArgKind::None, 'k'},          {"level", ArgKind::Required, 'l'},
    {"since", ArgKind::Required, OPT_SINCE}, {"syslog", ArgKind::None, 'S'},
    {"raw", ArgKind::None, 'r'},             {"read-clear", ArgKind::None, 'c'},
    {"reltime", ArgKind::None, 'e'},         {"show-delta", ArgKind::None, 'd'},
    {"ctime", ArgKind::None, 'T'},           {"noescape", ArgKind::None, OPT_NOESC},
    {"notime", ArgKind::None, 't'},          {"nopager", ArgKind::None, 'P'},
    {"until", ArgKind::Required, OPT_UNTIL}, {"userspace", ArgKind::None, 'u'},
    {"version", ArgKind::None, 'V'},         {"time-format", ArgKind::Required, OPT_TIME_FORMAT},
    {"force-prefix", ArgKind::None, 'p'},
};

// Options that exclude each other (ul_excl_t rows, in ASCII order).
constexpr const char* kExcl[] = {"CDEcnr", "Hr", "Lr", "Sw", "Tr", "dr", "er", "rx", "rt"};
constexpr size_t kNExcl = std::size(kExcl);

// Terminal colours (include/colors.h sequences, dmesg's default scheme).
constexpr std::string_view kColorOff = "\033[0m";
constexpr std::string_view kColorSubsys = "\033[33m";
constexpr std::string_view kColorTime = "\033[32m";
constexpr std::string_view kColorTimeBreak = "\033[32m\033[1m";

constexpr int64_t kUsecPerSec = 1000000;

// A message about to be printed (struct dmesg_record).
struct Rec {
  std::string_view mesg;
  int level = -1;
  int facility = -1;
  int64_t sec = 0;
  int64_t usec = 0;
  // What -J prints as "msg": the C string at mesg. A /dev/kmsg record
  // ends with the message; in a file or syslog(2) buffer nothing ends it
  // before the buffer does, so util-linux prints the rest of the buffer.
  std::string_view c_str;
};

struct Exit {
  int status;
};

class Dmesg {
 public:
  explicit Dmesg(Proc& p) : p_(p) {}
  int run(std::span<const std::string> argv);

 private:
  // errx(3) / err(3) and errtryhelp: the message, then exit 1.
  [[noreturn]] void errx(const std::string& msg) {
    p_.err.print("dmesg: {}\n", msg);
    throw Exit{1};
  }
  [[noreturn]] void errtryhelp() {
    p_.err.write("Try 'dmesg --help' for more information.\n");
    throw Exit{1};
  }
  void exclusive(int c);
  int parse_level(std::string_view s, bool list);
  int parse_facility(std::string_view s);
  bool to_bits(std::string_view list, uint32_t& bits, bool level);
  uint32_t parse_bufsize(const std::string& s);
  int64_t parse_timestamp(const std::string& s);

  bool accept(const Rec& r) const;
  void print_record(const Rec& r);
  void safe_write(std::string_view s, size_t indent);
  void json_value(std::string_view name, std::string_view raw_value);
  void read_kmsg();
  void read_file(const std::string& data);

  Proc& p_;
  uint32_t levels_ = 0, facilities_ = 0;
  bool fltr_lev_ = false, fltr_fac_ = false;
  bool decode_ = false, raw_ = false, json_ = false, noesc_ = false, force_prefix_ = false, color_ = false;
  Method method_ = Method::Kmsg;
  TimeFmt time_fmt_ = TimeFmt::Time;
  Action action_ = kReadAll;
  int console_level_ = 0;
  int64_t since_ = 0, until_ = 0;  // usec since the Epoch, 0 when unset
  int excl_st_[kNExcl] = {};

  // print state
  int64_t last_sec_ = 0, last_usec_ = 0;  // lasttime
  std::tm lasttm_{};
  size_t indent_ = 0;
  bool json_ready_ = false, json_first_obj_ = true, json_first_val_ = true;
  std::string out_;
};

// err_exclusive_options: a second option of one row ends the command,
// naming every option of the row.
void Dmesg::exclusive(int c) {
  for (size_t e = 0; e < kNExcl && kExcl[e][0] <= c; ++e) {
    for (const char* op = kExcl[e]; *op && *op <= c; ++op) {
      if (*op != c) continue;
      if (excl_st_[e] == 0) {
        excl_st_[e] = c;
      } else if (excl_st_[e] != c) {
        std::string m = "dmesg: mutually exclusive arguments:";
        for (const char* o = kExcl[e]; *o; ++o) {
          std::string_view name;
          for (const LongOption& l : kLong)
            if (l.val == *o) {
              name = l.name;
              break;
            }
          m += name.empty() ? fmt::format(" -{}", *o) : fmt::format(" --{}", name);
        }
        p_.err.print("{}\n", m);
        throw Exit{1};
      }
      break;
    }
  }
}

// strtol over s: the value, and whether the digits ran to the end.
struct StrtolResult {
  long value;
  size_t used;
  bool range;
};
StrtolResult c_strtol(std::string_view s) {
  std::string buf(s);
  char* end = nullptr;
  errno = 0;
  const long v = std::strtol(buf.c_str(), &end, 10);
  return {v, size_t(end - buf.c_str()), errno == ERANGE};
}

bool ieq(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(uint8_t(a[i])) != std::tolower(uint8_t(b[i]))) return false;
  return true;
}

// parse_level: a number or a name (any case). As a list item (-l) the
// range is 0..7; for -n (console level) it is 1..8, the name's index + 1.
// The message quotes the rest of the argument from the item on, as
// util-linux's does.
int Dmesg::parse_level(std::string_view s, bool list) {
  const int offset = list ? 0 : 1;
  if (!s.empty() && std::isdigit(uint8_t(s[0]))) {
    const StrtolResult r = c_strtol(s);
    if (r.range) return -2;
    const long x = r.value - offset;
    if (r.used == s.size() && x >= 0 && x < kNLevels) return int(x) + offset;
  } else {
    for (int i = 0; i < kNLevels; ++i)
      if (ieq(s, kLevelNames[i])) return i + offset;
  }
  return -1;
}

int Dmesg::parse_facility(std::string_view s) {
  if (!s.empty() && std::isdigit(uint8_t(s[0]))) {
    const StrtolResult r = c_strtol(s);
    if (r.range) return -2;
    if (r.used == s.size() && r.value >= 0 && r.value < kNFacilities) return int(r.value);
  } else {
    for (int i = 0; i < kNFacilities; ++i)
      if (ieq(s, kFacilityNames[i])) return i;
  }
  return -1;
}

// string_to_bitarray: comma-separated items; an empty item fails
// silently (exit 1, no message). An unknown item's message quotes the
// argument from that item to its end.
bool Dmesg::to_bits(std::string_view list, uint32_t& bits, bool level) {
  size_t begin = std::string_view::npos;
  for (size_t i = 0; i < list.size(); ++i) {
    if (begin == std::string_view::npos) begin = i;
    size_t end = std::string_view::npos;
    if (list[i] == ',') end = i;
    if (i + 1 == list.size()) end = i + 1;
    if (end == std::string_view::npos) continue;
    if (end <= begin) return false;
    const std::string_view item = list.substr(begin, end - begin);
    const std::string_view rest = list.substr(begin);
    int bit;
    if (level) {
      bit = parse_level(item, true);
      if (bit == -2) errx(fmt::format("failed to parse level '{}': {}", rest, std::strerror(ERANGE)));
      if (bit < 0) errx(fmt::format("unknown level '{}'", rest));
    } else {
      bit = parse_facility(item);
      if (bit == -2) errx(fmt::format("failed to parse facility '{}': {}", rest, std::strerror(ERANGE)));
      if (bit < 0) errx(fmt::format("unknown facility '{}'", rest));
    }
    bits |= 1u << bit;
    begin = std::string_view::npos;
    if (end == list.size()) break;
  }
  return true;
}

// strtou32_or_err
uint32_t Dmesg::parse_bufsize(const std::string& s) {
  const std::string msg = fmt::format("invalid buffer size argument: '{}'", s);
  size_t i = 0;
  while (i < s.size() && std::isspace(uint8_t(s[i]))) ++i;
  if (i < s.size() && s[i] == '-') errx(msg + ": " + std::strerror(ERANGE));
  if (i == s.size()) errx(msg);
  char* end = nullptr;
  errno = 0;
  const unsigned long long v = std::strtoull(s.c_str(), &end, 10);
  if (errno == ERANGE || (errno == 0 && *end == '\0' && end != s.c_str() && v > UINT32_MAX))
    errx(msg + ": " + std::strerror(ERANGE));
  if (end == s.c_str() || *end != '\0') errx(msg);
  return uint32_t(v);
}

// parse_sec (lib/timeutils.c): "5min", "1h 30min", "2.5s"; seconds by default.
bool parse_sec(std::string_view t, int64_t& usec) {
  static constexpr struct {
    std::string_view suffix;
    int64_t usec;
  } kTable[] = {
      {"seconds", kUsecPerSec},       {"second", kUsecPerSec},        {"sec", kUsecPerSec},
      {"s", kUsecPerSec},             {"minutes", 60 * kUsecPerSec},  {"minute", 60 * kUsecPerSec},
      {"min", 60 * kUsecPerSec},      {"months", 2629800 * kUsecPerSec}, {"month", 2629800 * kUsecPerSec},
      {"msec", 1000},                 {"ms", 1000},                   {"m", 60 * kUsecPerSec},
      {"hours", 3600 * kUsecPerSec},  {"hour", 3600 * kUsecPerSec},   {"hr", 3600 * kUsecPerSec},
      {"h", 3600 * kUsecPerSec},      {"days", 86400 * kUsecPerSec},  {"day", 86400 * kUsecPerSec},
      {"d", 86400 * kUsecPerSec},     {"weeks", 604800 * kUsecPerSec}, {"week", 604800 * kUsecPerSec},
      {"w", 604800 * kUsecPerSec},    {"years", 31557600 * kUsecPerSec}, {"year", 31557600 * kUsecPerSec},
      {"y", 31557600 * kUsecPerSec},  {"usec", 1},                    {"us", 1},
      {"", kUsecPerSec},
  };
  const std::string s(t);
  const char* p = s.c_str();
  int64_t r = 0;
  bool something = false;
  for (;;) {
    p += std::strspn(p, " \t\n\r");
    if (*p == 0) {
      if (!something) return false;
      break;
    }
    char* e = nullptr;
    errno = 0;
    const long long l = std::strtoll(p, &e, 10);
    if (errno || l < 0) return false;
    long long z = 0;
    unsigned n = 0;
    if (*e == '.') {
      char* b = e + 1;
      errno = 0;
      z = std::strtoll(b, &e, 10);
      if (errno || z < 0 || e == b) return false;
      n = unsigned(e - b);
    } else if (e == p) {
      return false;
    }
    e += std::strspn(e, " \t\n\r");
    bool found = false;
    for (const auto& u : kTable) {
      if (std::string_view(e).starts_with(u.suffix)) {
        int64_t k = z * u.usec;
        for (; n > 0; --n) k /= 10;
        r += l * u.usec + k;
        p = e + u.suffix.size();
        something = found = true;
        break;
      }
    }
    if (!found) return false;
  }
  usec = r;
  return true;
}

// parse_subseconds: ".123456" or ",123".
bool parse_subseconds(const char* t, int64_t& usec) {
  int64_t ret = 0;
  int factor = 100000;
  if (*t != '.' && *t != ',') return false;
  while (*++t) {
    if (!std::isdigit(uint8_t(*t)) || factor < 1) return false;
    ret += int64_t(*t - '0') * factor;
    factor /= 10;
  }
  usec = ret;
  return true;
}

// ul_parse_timestamp as 2.38.1 has it: now/today/yesterday/tomorrow,
// +SPAN, -SPAN, "SPAN ago", [WEEKDAY ][YY|YYYY]-MM-DD[ HH:MM[:SS[.us]]],
// HH:MM[:SS[.us]]. The clock is the virtual wall clock, in UTC.
int64_t Dmesg::parse_timestamp(const std::string& t) {
  static constexpr struct {
    const char* name;
    int nr;
  } kDays[] = {{"Sunday", 0},   {"Sun", 0}, {"Monday", 1},   {"Mon", 1}, {"Tuesday", 2},  {"Tue", 2},
               {"Wednesday", 3}, {"Wed", 3}, {"Thursday", 4}, {"Thu", 4}, {"Friday", 5},   {"Fri", 5},
               {"Saturday", 6}, {"Sat", 6}};
  const std::time_t x = wall_seconds(p_.world.now());
  std::tm tm{};
  gmtime_r(&x, &tm);
  int64_t plus = 0, minus = 0, ret = 0;
  int weekday = -1;
  bool ok = false;
  const char* s = t.c_str();
  auto try_fmt = [&](const char* f, bool subsec, bool zero_sec, bool zero_time) {
    std::tm copy = tm;
    const char* k = strptime(s, f, &copy);
    if (!k) return false;
    if (*k != 0 && !(subsec && parse_subseconds(k, ret))) return false;
    if (zero_sec) copy.tm_sec = 0;
    if (zero_time) copy.tm_sec = copy.tm_min = copy.tm_hour = 0;
    tm = copy;
    return true;
  };
  if (t == "now") {
    ok = true;
  } else if (t == "today" || t == "yesterday" || t == "tomorrow") {
    if (t == "yesterday") --tm.tm_mday;
    if (t == "tomorrow") ++tm.tm_mday;
    tm.tm_sec = tm.tm_min = tm.tm_hour = 0;
    ok = true;
  } else if (t[0] == '+' || t[0] == '-') {
    if (!parse_sec(std::string_view(t).substr(1), t[0] == '+' ? plus : minus)) return -1;
    ok = true;
  } else if (t.size() >= 4 && t.ends_with(" ago")) {
    if (!parse_sec(std::string_view(t).substr(0, t.size() - 4), minus)) return -1;
    ok = true;
  } else {
    for (const auto& d : kDays) {
      const size_t n = std::strlen(d.name);
      if (strncasecmp(s, d.name, n) != 0 || s[n] != ' ') continue;
      weekday = d.nr;
      s += n + 1;
      break;
    }
    ok = try_fmt("%y-%m-%d %H:%M:%S", true, false, false) || try_fmt("%Y-%m-%d %H:%M:%S", true, false, false) ||
         try_fmt("%y-%m-%d %H:%M", false, true, false) || try_fmt("%Y-%m-%d %H:%M", false, true, false) ||
         try_fmt("%y-%m-%d", false, false, true) || try_fmt("%Y-%m-%d", false, false, true) ||
         try_fmt("%H:%M:%S", true, false, false) || try_fmt("%H:%M", false, true, false);
  }
  if (!ok) return -1;
  const std::time_t v = timegm(&tm);
  if (v == std::time_t(-1)) return -1;
  if (weekday >= 0 && tm.tm_wday != weekday) return -1;
  ret += int64_t(v) * kUsecPerSec + plus;
  return ret > minus ? ret - minus : 0;
}

bool Dmesg::accept(const Rec& r) const {
  if (fltr_lev_ && (r.facility < 0 || !(levels_ & (1u << r.level)))) return false;
  if (fltr_fac_ && (r.facility < 0 || !(facilities_ & (1u << r.facility)))) return false;
  const int64_t t = int64_t(kWallEpoch) * kUsecPerSec + r.sec * kUsecPerSec + r.usec;
  if (since_ && since_ >= t) return false;
  if (until_ && until_ <= t) return false;
  return true;
}

// safe_fwrite: bytes that are neither printable nor white space (in the
// C locale) become \xNN; a newline inside the text is followed by the
// indent, so continuation lines line up under the text.
void Dmesg::safe_write(std::string_view s, size_t indent) {
  for (size_t i = 0; i < s.size(); ++i) {
    const uint8_t c = uint8_t(s[i]);
    const bool printable = c >= 0x20 && c < 0x7f;
    const bool space = c == ' ' || (c >= '\t' && c <= '\r');
    if (!noesc_ && (c == 0 || (!printable && !space))) {
      out_ += fmt::format("\\x{:02x}", c);
    } else if (c == '\n' && i + 1 < s.size() && indent) {
      out_ += '\n';
      out_.append(indent, ' ');
    } else {
      out_ += char(c);
    }
  }
}

// fputs_quoted_json
std::string json_quote(std::string_view s) {
  std::string q = "\"";
  for (const char ch : s) {
    const uint8_t c = uint8_t(ch);
    if (c == '"' || c == '\\') {
      q += '\\';
      q += ch;
    } else if (c >= 0x20) {
      q += ch;
    } else {
      switch (c) {
        case '\b': q += "\\b"; break;
        case '\t': q += "\\t"; break;
        case '\n': q += "\\n"; break;
        case '\f': q += "\\f"; break;
        case '\r': q += "\\r"; break;
        default: q += fmt::format("\\u00{:02x}", c);
      }
    }
  }
  return q + '"';
}

void Dmesg::json_value(std::string_view name, std::string_view raw_value) {
  if (!json_first_val_) out_ += ",\n";
  json_first_val_ = false;
  out_ += fmt::format("         \"{}\": {}", name, raw_value);
}

// The colour of a message's text (set_level_color).
std::string_view level_color(int level, std::string_view mesg) {
  switch (level) {
    case LOGLEVEL_ALERT: return "\033[7m\033[31m";
    case LOGLEVEL_CRIT: return "\033[1m\033[31m";
    case LOGLEVEL_ERR: return "\033[31m";
    case LOGLEVEL_WARNING: return "\033[1m";
  }
  if (mesg.find("segfault at") != std::string_view::npos) return "\033[2m\033[31m";
  return {};
}

// get_subsys_delimiter: the end of a leading "subsystem: " (a colon
// followed by a blank), or npos.
size_t subsys_end(std::string_view m) {
  size_t p = 0, sz = m.size();
  while (sz > 0) {
    const size_t d = m.find(':', p);
    if (d == std::string_view::npos || d >= p + sz) return std::string_view::npos;
    sz -= d - p + 1;
    if (sz) {
      if (sz >= 2 && (m[d + 1] == ' ' || m[d + 1] == '\t')) return d + 2;
      p = d + 1;
    }
  }
  return std::string_view::npos;
}

double time_diff(int64_t as, int64_t au, int64_t bs, int64_t bu) { return double(as - bs) + double(au - bu) / 1e6; }

void Dmesg::print_record(const Rec& r) {
  if (!accept(r)) return;
  if (r.mesg.empty()) {
    out_ += '\n';
    return;
  }
  if (json_) {
    if (!json_ready_) {
      out_ += "{\n   \"dmesg\": [\n";
      json_ready_ = true;
    }
    out_ += json_first_obj_ ? "      {\n" : ",{\n";
    json_first_obj_ = false;
    json_first_val_ = true;
  }
  const bool facpri_valid = r.level >= 0 && r.level < kNLevels && r.facility >= 0 && r.facility < kNFacilities;
  // record_count_delta: against the previous printed record (0 for the first).
  auto delta = [&] {
    double d = 0;
    if (last_sec_ || last_usec_) d = time_diff(r.sec, r.usec, last_sec_, last_usec_);
    last_sec_ = r.sec;
    last_usec_ = r.usec;
    return d;
  };
  auto ctime = [&] {
    const std::time_t t = wall_seconds(0) + r.sec;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[128];
    if (std::strftime(buf, sizeof buf, "%a %b %e %H:%M:%S %Y", &tm) == 0) buf[0] = '\0';
    return std::string(buf);
  };
  std::string fpbuf, tsbuf;
  bool timebreak = false;
  if (raw_) {
    tsbuf = fmt::format("<{}>[{:5}.{:06}] ", (r.facility << 3) | r.level, r.sec, r.usec);
    indent_ = tsbuf.size();
  } else {
    if (!json_ && decode_ && facpri_valid)
      fpbuf = fmt::format("{:<6}:{:<6}: ", kFacilityNames[r.facility], kLevelNames[r.level]);
    switch (time_fmt_) {
      case TimeFmt::None:
        indent_ = 0;
        break;
      case TimeFmt::Ctime:
        tsbuf = fmt::format("[{}] ", ctime());
        break;
      case TimeFmt::CtimeDelta: {
        const std::string c = ctime();
        tsbuf = fmt::format("[{} <{:12.6f}>] ", c, delta());
        break;
      }
      case TimeFmt::Delta:
        tsbuf = fmt::format("[<{:12.6f}>] ", delta());
        break;
      case TimeFmt::Reltime: {
        const std::time_t t = wall_seconds(0) + r.sec;
        std::tm cur{};
        gmtime_r(&t, &cur);
        const double d = delta();
        if (cur.tm_min != lasttm_.tm_min || cur.tm_hour != lasttm_.tm_hour || cur.tm_yday != lasttm_.tm_yday) {
          timebreak = true;
          char buf[64];
          if (std::strftime(buf, sizeof buf, "%b%e %H:%M", &cur) == 0) buf[0] = '\0';
          tsbuf = fmt::format("[{}] ", buf);
        } else {
          tsbuf = d < 10 ? fmt::format("[  {:+8.6f}] ", d) : fmt::format("[ {:+9.6f}] ", d);
        }
        lasttm_ = cur;
        break;
      }
      case TimeFmt::Time:
        tsbuf = json_ ? fmt::format("{:5}.{:06}", r.sec, r.usec) : fmt::format("[{:5}.{:06}] ", r.sec, r.usec);
        break;
      case TimeFmt::TimeDelta: {
        const double d = delta();
        tsbuf = fmt::format("[{:5}.{:06} <{:12.6f}>] ", r.sec, r.usec, d);
        break;
      }
      case TimeFmt::Iso: {
        const std::time_t t = wall_seconds(0) + r.sec;
        std::tm tm{};
        gmtime_r(&t, &tm);
        tsbuf = fmt::format("{:4}-{:02}-{:02}T{:02}:{:02}:{:02},{:06}+00:00 ", tm.tm_year + 1900, tm.tm_mon + 1,
                            tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, r.usec);
        break;
      }
    }
    if (time_fmt_ != TimeFmt::None) indent_ = tsbuf.size();
    indent_ += fpbuf.size();
  }

  // With --force-prefix each line of a multi-line message gets the
  // prefix again (strtok: empty lines vanish).
  std::vector<std::string_view> lines;
  if (force_prefix_) {
    for (size_t b = 0; b < r.mesg.size();) {
      size_t e = r.mesg.find('\n', b);
      if (e == std::string_view::npos) e = r.mesg.size();
      if (e > b) lines.push_back(r.mesg.substr(b, e - b));
      b = e + 1;
    }
    if (lines.empty()) {
      out_ += '\n';
      return;
    }
  } else {
    lines.push_back(r.mesg);
  }
  for (size_t li = 0; li < lines.size(); ++li) {
    if (li) out_ += '\n';
    if (!fpbuf.empty()) {
      out_ += fpbuf;
    } else if (json_ && facpri_valid) {
      if (decode_) {
        json_value("fac", json_quote(kFacilityNames[r.facility]));
        json_value("pri", json_quote(kLevelNames[r.level]));
      } else {
        // LOG_MAKEPRI(facility, level), a plain OR of the unshifted facility.
        json_value("pri", fmt::format("{}", r.facility | r.level));
      }
    }
    if (!tsbuf.empty()) {
      if (color_) out_ += timebreak ? kColorTimeBreak : kColorTime;
      if (json_) json_value("time", tsbuf);
      else if (time_fmt_ != TimeFmt::Reltime || li == 0) out_ += tsbuf;
      else out_ += "[  +0.000000] ";
      if (color_) out_ += kColorOff;
    }
    std::string_view line = lines[li];
    if (json_) {
      json_value("msg", json_quote(r.c_str.data() ? r.c_str : line));
    } else if (color_) {
      if (const size_t s = subsys_end(line); s != std::string_view::npos) {
        out_ += kColorSubsys;
        safe_write(line.substr(0, s), indent_);
        out_ += kColorOff;
        line.remove_prefix(s);
      }
      const std::string_view lc = level_color(r.level, line);
      out_ += lc;
      safe_write(line, indent_);
      if (!lc.empty()) out_ += kColorOff;
    } else {
      safe_write(line, indent_);
    }
  }
  if (json_) out_ += "\n      }";
  else out_ += '\n';
}

// /dev/kmsg: one record per read, from the first after the last clear.
void Dmesg::read_kmsg() {
  const PrintkLog& log = p_.world.printk_log;
  for (const PrintkRecord& pr : log.records()) {
    if (pr.seq < log.clear_seq()) continue;
    print_record(Rec{pr.text, pr.level, pr.facility, pr.ts / kSec, (pr.ts % kSec) / kUsec});
  }
}

// SYSLOG_ACTION_READ_ALL: the kernel's text buffer, every line of a
// record prefixed ("<6>[    1.000000] ", record_print_text), which dmesg
// then parses as it parses a file.
std::string syslog_buffer(const PrintkLog& log) {
  std::string buf;
  for (const PrintkRecord& pr : log.records()) {
    if (pr.seq < log.clear_seq()) continue;
    std::string_view t = pr.text;
    for (;;) {
      const size_t nl = t.find('\n');
      buf += fmt::format("<{}>[{:5}.{:06}] ", (pr.facility << 3) | pr.level, pr.ts / kSec, (pr.ts % kSec) / kUsec);
      buf += t.substr(0, nl);
      buf += '\n';
      if (nl == std::string_view::npos) break;
      t.remove_prefix(nl + 1);
    }
  }
  return buf;
}

// skip_item: past the first byte of `sep` (or a NUL), or to `end`.
const char* skip_item(const char* b, const char* end, const char* sep) {
  while (b < end) {
    const char c = *b++;
    if (c == '\0' || std::strchr(sep, c)) break;
  }
  return b;
}

// get_next_syslog_record over a file (-F) or the syslog(2) buffer (-S):
// a record starts at a line beginning with '<' and may carry "<N>" and
// "[sec.usec]"; what does not parse stays in the text, as util-linux
// leaves it. `buf` is NUL-terminated (strtol may look past a record).
void Dmesg::read_file(const std::string& data) {
  const char* base = data.c_str();
  const char* next = base;
  size_t next_size = data.size();
  const bool parse_faclev = fltr_lev_ || fltr_fac_ || decode_ || color_ || json_;
  while (next && next_size) {
    const char* begin = nullptr;
    const char* end = nullptr;
    size_t i = 0;
    for (; i < next_size; ++i) {
      const char* p = next + i;
      end = nullptr;
      if (!begin) begin = p;
      if (i + 1 == next_size) {
        end = p + 1;
        ++i;
      } else if (*p == '\n' && p[1] == '<') {
        end = p;
      }
      if (begin && !*begin) begin = nullptr;
      if (!begin || !end) continue;
      if (end <= begin) continue;
      break;
    }
    if (!begin || !end || end <= begin) return;
    Rec r;
    if (*begin == '<') {
      if (parse_faclev) {
        // parse_faclev: a number, then one character skipped; without a
        // number only the '<' goes.
        char* ne = nullptr;
        errno = 0;
        const long num = std::strtol(begin + 1, &ne, 10);
        if (!errno && ne > begin + 1) {
          r.facility = int((num & 0x3f8) >> 3);
          r.level = int(num & 7);
          if (r.facility > kNFacilities) r.facility = -1;
          begin = ne + 1;
        } else {
          begin = begin + 1;
        }
      } else {
        begin = skip_item(begin, end, ">");
      }
    }
    if (*begin == '[' && (begin[1] == ' ' || std::isdigit(uint8_t(begin[1])))) {
      if (time_fmt_ == TimeFmt::None) {
        begin = skip_item(begin, end, "]");
      } else if (std::memchr(begin + 1, ']', size_t(end - begin - 1))) {
        // parse_syslog_timestamp: "sec.usec]" or "sec]"; on failure only
        // the '[' goes.
        const char* str = begin + 1;
        char* ne = nullptr;
        errno = 0;
        // (the fields are stored as they parse, even when the whole fails)
        r.sec = std::strtol(str, &ne, 10);
        if (!errno && ne && *ne == '.' && ne[1]) {
          str = ne + 1;
          ne = nullptr;
          r.usec = std::strtol(str, &ne, 10);
        }
        begin = errno || !ne || ne == str || *ne != ']' ? begin + 1 : ne + 1;
      } else {
        begin = begin + 1;
      }
      if (begin < end && *begin == ' ') ++begin;
    }
    if (begin > end) begin = end;
    r.mesg = std::string_view(begin, size_t(end - begin));
    r.c_str = std::string_view(begin);
    next_size -= size_t(end - next);
    next = next_size > 0 ? end + 1 : nullptr;
    if (next_size > 0) --next_size;
    // The last record's trailing newline is not part of it.
    if ((!next || *end != '\n') && end > begin && end[-1] == '\n') r.mesg.remove_suffix(1);
    print_record(r);
  }
}

int Dmesg::run(std::span<const std::string> argv) {
  Getopt g("dmesg", &p_.err, argv, "CcDdEeF:f:HhJkL::l:n:iPprSs:TtuVWwx", kLong);
  bool delta = false, follow = false;
  std::string filename;
  for (int c; (c = g.next()) != -1;) {
    exclusive(c);
    const std::string& a = g.arg();
    switch (c) {
      case 'C': action_ = kClear; break;
      case 'c': action_ = kReadClear; break;
      case 'D': action_ = kConsoleOff; break;
      case 'd': delta = true; break;
      case 'E': action_ = kConsoleOn; break;
      case 'e': time_fmt_ = TimeFmt::Reltime; break;
      case 'F':
        filename = a;
        method_ = Method::Mmap;
        break;
      case 'f':
        fltr_fac_ = true;
        if (!to_bits(a, facilities_, false)) return 1;
        break;
      case 'H': time_fmt_ = TimeFmt::Reltime; break;
      case 'J': json_ = true; break;
      case 'k':
        fltr_fac_ = true;
        facilities_ |= 1u << 0;
        break;
      case 'L':
        if (g.has_arg()) {
          if (a == "always") color_ = true;
          else if (a == "never" || a == "auto") color_ = false;
          else errx(fmt::format("unsupported color mode: '{}'", a));
        }
        break;
      case 'l':
        fltr_lev_ = true;
        if (!to_bits(a, levels_, true)) return 1;
        break;
      case 'n':
        action_ = kConsoleLevel;
        console_level_ = parse_level(a, false);
        if (console_level_ == -2) errx(fmt::format("failed to parse level '{}': {}", a, std::strerror(ERANGE)));
        if (console_level_ < 0) errx(fmt::format("unknown level '{}'", a));
        break;
      case 'P': break;
      case 'p': force_prefix_ = true; break;
      case 'r': raw_ = true; break;
      case 'S': method_ = Method::Syslog; break;
      case 's': (void)parse_bufsize(a); break;
      case 'T': time_fmt_ = TimeFmt::Ctime; break;
      case 't': time_fmt_ = TimeFmt::None; break;
      case 'u':
        fltr_fac_ = true;
        for (int n = 1; n < kNFacilities; ++n) facilities_ |= 1u << n;
        break;
      case 'w':
      case 'W': follow = true; break;
      case 'x': decode_ = true; break;
      case OPT_TIME_FORMAT:
        if (a == "notime") time_fmt_ = TimeFmt::None;
        else if (a == "ctime") time_fmt_ = TimeFmt::Ctime;
        else if (a == "delta") time_fmt_ = TimeFmt::Delta;
        else if (a == "reltime") time_fmt_ = TimeFmt::Reltime;
        else if (a == "iso") time_fmt_ = TimeFmt::Iso;
        else errx(fmt::format("unknown time format: {}", a));
        break;
      case OPT_NOESC: noesc_ = true; break;
      case OPT_SINCE:
      case OPT_UNTIL: {
        const int64_t v = parse_timestamp(a);
        if (v < 0) errx(fmt::format("invalid time value \"{}\"", a));
        (c == OPT_SINCE ? since_ : until_) = v;
        break;
      }
      case 'h':
        p_.out.write(kUsage);
        return 0;
      case 'V':
        p_.out.write("dmesg from util-linux 2.38.1\n");
        return 0;
      default: errtryhelp();
    }
  }
  if (!g.operands().empty()) {
    p_.err.write("dmesg: bad usage\n");
    errtryhelp();
  }
  if (json_) {
    time_fmt_ = TimeFmt::Time;
    delta = false;
    force_prefix_ = false;
    raw_ = false;
    noesc_ = true;
    color_ = false;
  }
  if (delta) {
    switch (time_fmt_) {
      case TimeFmt::Ctime: time_fmt_ = TimeFmt::CtimeDelta; break;
      case TimeFmt::Time: time_fmt_ = TimeFmt::TimeDelta; break;
      case TimeFmt::Iso: p_.err.write("dmesg: --show-delta is ignored when used together with iso8601 time format\n"); break;
      default: time_fmt_ = TimeFmt::Delta;
    }
  }
  if (follow && (action_ == kReadAll || action_ == kReadClear)) {
    p_.err.write("dmesg: --follow is not supported by skbox (the command would never end)\n");
    return 1;
  }

  PrintkLog& log = p_.world.printk_log;
  switch (action_) {
    case kReadAll:
    case kReadClear:
      if (raw_ && method_ != Method::Kmsg && (fltr_lev_ || fltr_fac_))
        errx("--raw can be used together with --level or --facility only when reading messages from /dev/kmsg");
      if (method_ != Method::Kmsg) force_prefix_ = false;
      if (method_ == Method::Kmsg) {
        read_kmsg();
      } else {
        std::string data;
        if (method_ == Method::Syslog) {
          data = syslog_buffer(log);
        } else {
          auto st = vfs_stat(p_, filename);
          if (!st) errx(fmt::format("cannot open {}: {}", filename, std::strerror(st.error())));
          if (*st == VfsType::Dir) errx(fmt::format("cannot mmap: {}: {}", filename, std::strerror(ENODEV)));
          auto d = vfs_read(p_, filename);
          if (!d) errx(fmt::format("cannot open {}: {}", filename, std::strerror(d.error())));
          if (d->empty()) errx(fmt::format("cannot mmap: {}: {}", filename, std::strerror(EINVAL)));
          data = std::move(*d);
        }
        if (data.empty()) {
          // nothing read: nothing printed
        } else if (raw_) {
          // raw_print: the buffer as it is.
          safe_write(data, 0);
          if (data.back() != '\n') out_ += '\n';
        } else {
          read_file(data);
        }
      }
      if (json_ready_) out_ += "\n   ]\n}\n";
      p_.out.write(out_);
      if (action_ == kReadClear && method_ != Method::Mmap) log.clear();
      break;
    case kClear:
      log.clear();
      break;
    case kConsoleOff:
      // minimum_console_loglevel is 1 (CONSOLE_LOGLEVEL_MIN).
      if (log.saved_console_loglevel == -1) {
        log.saved_console_loglevel = log.console_loglevel;
        log.console_loglevel = 1;
      }
      break;
    case kConsoleOn:
      if (log.saved_console_loglevel != -1) {
        log.console_loglevel = log.saved_console_loglevel;
        log.saved_console_loglevel = -1;
      }
      break;
    case kConsoleLevel:
      log.console_loglevel = console_level_;
      log.saved_console_loglevel = -1;
      break;
  }
  return 0;
}

}  // namespace

int cmd_dmesg(Proc& p, std::span<const std::string> argv) {
  Dmesg d{p};
  try {
    return d.run(argv);
  } catch (const Exit& e) {
    return e.status;
  }
}

}  // namespace skbox
