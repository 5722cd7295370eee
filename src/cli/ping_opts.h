// ping's command line, as iputils ping 20221126 parses it (GNU getopt with
// argument permutation, strtol_or_err / ping_strtod number parsing, the exact
// error texts and exit statuses), and the name lookup it does (inet_aton for
// numbers; only "localhost" resolves, skbox does no DNS).
// Not modelled: IPv6 (-6, -F, -N are parsed but IPv6 targets are not pinged).
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "wire/addr.h"

namespace skbox {

class Sink;

// Defaults as iputils' `struct ping_rts` initialiser.
struct PingOptions {
  long npackets = 0;         // -c (0: unlimited)
  int interval_ms = 1000;    // -i, milliseconds (may be negative: iputils lets it through)
  bool opt_interval = false;
  int lingertime_ms = 10000; // -W, milliseconds (MAXWAIT 10 s)
  long deadline_s = 0;       // -w
  long datalen = 56;         // -s
  int ttl = 0;               // -t
  bool opt_ttl = false;
  int pmtudisc = -1;         // -M (IP_PMTUDISC_*), -1 unset
  int tos = 0;               // -Q
  uint32_t mark = 0;         // -m
  bool opt_mark = false;
  long preload = 1;          // -l
  long sndbuf = 0;           // -S
  long ident = -1;           // -e
  int family = 0;            // 0, 4 (-4) or 6 (-6)

  bool quiet = false, numeric = false, verbose = false, flood = false, adaptive = false;
  bool audible = false, ptimeofday = false, outstanding = false, broadcast = false;
  bool strictsource = false, latency = false, so_debug = false, so_dontroute = false;
  bool noloop = false, rroute = false, timestamp = false, connect_sk = false;
  int ts_type = 0;

  bool pingfilled = false;        // -p given
  std::vector<uint8_t> pattern;   // -p bytes (possibly empty)

  std::optional<std::string> device;  // -I NAME (may be empty)
  Ipv4Addr source;                    // -I ADDR

  std::vector<std::string> targets;   // operands, in order
};

// Parses argv (argv[0] is the command name). Messages go to out/err as the
// real tool prints them; returns an exit status when ping must stop now
// (usage errors, -V), nullopt when it should go on.
std::optional<int> ping_parse_args(std::span<const std::string> argv, PingOptions& o, Sink& out,
                                   Sink& err);

// inet_aton(3): "a.b.c.d", "a.b.c", "a.b", "a", each part decimal, octal
// (leading 0) or hex (0x).
std::optional<Ipv4Addr> ping_inet_aton(std::string_view s);

// The usage text iputils prints on stderr (exit 2).
std::string_view ping_usage_text();

// Writes glibc error()'s "PROG: msg[: strerror(errnum)]\n" to err, after
// flushing out (error() does fflush(stdout) first). PROG is argv[0].
void ping_error(Sink& out, Sink& err, std::string_view prog, std::string_view msg, int errnum = 0);

}  // namespace skbox
