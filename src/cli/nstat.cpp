// `nstat` as iproute2 6.1 behaves without its daemon: reads /proc/net/snmp,
// /proc/net/snmp6 and /proc/net/netstat of the Proc's namespace, prints
// the counters (absolute with -a, else the increase since the history
// file was written) and rewrites the history file ($NSTAT_HISTORY, else
// /tmp/.nstat.u0). Output order is nstat's: snmp, then snmp6, then netstat,
// each in file order. The rate column is the daemon's average: without a
// daemon it is always 0.0, in virtual time as on Linux.
//
// Deterministic use in scripts: the history file is per user on Linux, not
// per namespace, and lives in the host's /tmp; start with `nstat -rn`
// (reset + save the current values, print nothing) under a private
// NSTAT_HISTORY, or use `nstat -az PATTERN...` (absolute values, no history
// read).
//
// Not modelled: the daemon (-d, and -t's averaging: -t is only checked),
// the "history is aged out" check (a file older than the boot; skbox files
// have no mtime), flock and the history file's owner/link-count check,
// a kernel without /proc/net/snmp6. Quirk kept from nstat: with patterns,
// a counter missing from the history (it was 0) is saved with its current
// value even though it was not printed.
#include <fmt/format.h>
#include <fnmatch.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cli/command.h"
#include "cli/getopt.h"
#include "cli/shell/interp.h"
#include "cli/vfs.h"

namespace skbox {

namespace {

struct Ent {
  std::string id;
  unsigned long long val = 0;
  double rate = 0;
};

// Counters nstat never shows (configuration values, not events).
bool useless_number(std::string_view id) {
  for (std::string_view u : {"IpForwarding", "IpDefaultTTL", "TcpRtoAlgorithm", "TcpRtoMin", "TcpRtoMax",
                             "TcpMaxConn", "TcpCurrEstab"})
    if (id == u) return true;
  return false;
}

std::vector<std::string_view> lines_of(std::string_view t) {
  std::vector<std::string_view> out;
  while (!t.empty()) {
    size_t nl = t.find('\n');
    out.push_back(t.substr(0, nl));
    if (nl == std::string_view::npos) break;
    t = t.substr(nl + 1);
  }
  return out;
}

std::vector<std::string_view> words(std::string_view l) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (true) {
    i = l.find_first_not_of(" \t", i);
    if (i == std::string_view::npos) break;
    size_t e = l.find_first_of(" \t", i);
    out.push_back(l.substr(i, e == std::string_view::npos ? std::string_view::npos : e - i));
    if (e == std::string_view::npos) break;
    i = e;
  }
  return out;
}

unsigned long long to_ull(std::string_view s) {
  // strtoull semantics: "-1" wraps (TcpMaxConn), which is dropped anyway.
  return std::strtoull(std::string(s).c_str(), nullptr, 10);
}

// load_ugly_table: "Ip: Forwarding DefaultTTL ..." + "Ip: 1 64 ..." pairs.
std::vector<Ent> load_ugly(std::string_view text) {
  std::vector<Ent> out;
  auto ls = lines_of(text);
  for (size_t i = 0; i + 1 < ls.size(); i += 2) {
    auto names = words(ls[i]), vals = words(ls[i + 1]);
    if (names.empty()) continue;
    std::string_view prefix = names[0];
    if (!prefix.empty() && prefix.back() == ':') prefix.remove_suffix(1);
    // The values align on the right (the "dummy trailing ICMP MIB" trick).
    const size_t nn = names.size() - 1, nv = vals.empty() ? 0 : vals.size() - 1;
    for (size_t k = 0; k < nn; ++k) {
      Ent e;
      e.id = std::string(prefix) + std::string(names[k + 1]);
      if (k < nv) e.val = to_ull(vals[k + 1]);
      if (!useless_number(e.id)) out.push_back(std::move(e));
    }
  }
  return out;
}

// load_good_table: "Name value [rate]" lines; "#source" lines set info_source.
std::vector<Ent> load_good(std::string_view text, std::string* info_source) {
  std::vector<Ent> out;
  for (std::string_view l : lines_of(text)) {
    if (!l.empty() && l[0] == '#') {
      if (info_source) *info_source = std::string(l.substr(1));
      continue;
    }
    auto w = words(l);
    if (w.size() < 2) continue;
    Ent e;
    e.id = std::string(w[0]);
    e.val = to_ull(w[1]);
    if (w.size() > 2) e.rate = std::strtod(std::string(w[2]).c_str(), nullptr);
    if (!useless_number(e.id)) out.push_back(std::move(e));
  }
  return out;
}

constexpr std::string_view kUsage =
    "Usage: nstat [OPTION] [ PATTERN [ PATTERN ] ]\n"
    "   -h, --help          this message\n"
    "   -a, --ignore        ignore history\n"
    "   -d, --scan=SECS     sample every statistics every SECS\n"
    "   -j, --json          format output in JSON\n"
    "   -n, --nooutput      do history only\n"
    "   -p, --pretty        pretty print\n"
    "   -r, --reset         reset history\n"
    "   -s, --noupdate      don't update history\n"
    "   -t, --interval=SECS report average over the last SECS\n"
    "   -V, --version       output version information\n"
    "   -z, --zeros         show entries with zero activity\n";

struct Nstat {
  Proc& p;
  bool dump_zeros = false, reset = false, ignore_history = false, no_output = false, json = false;
  bool pretty = false, no_update = false;
  std::vector<std::string> patterns;
  std::string info_source;
  std::vector<Ent> kern, hist;

  bool match(const std::string& id) const {
    if (patterns.empty()) return true;
    for (const std::string& pat : patterns)
      if (::fnmatch(pat.c_str(), id.c_str(), 0) == 0) return true;
    return false;
  }

  // The history is searched from just after the previous hit, as nstat does.
  const Ent* hist_find(size_t& cursor, const std::string& id) const {
    for (size_t i = cursor; i < hist.size(); ++i)
      if (hist[i].id == id) {
        cursor = i + 1;
        return &hist[i];
      }
    return nullptr;
  }

  struct Out {
    bool json, pretty;
    std::string s;
    int n = 0;
    void begin(const std::string& src) {
      if (!json) {
        s += fmt::format("#{}\n", src);
        return;
      }
      s += pretty ? fmt::format("{{\n    \"{}\": {{", src) : fmt::format("{{\"{}\":{{", src);
    }
    void field(const std::string& id, unsigned long long v, double rate, bool ovfl) {
      if (!json) {
        s += fmt::format("{:<32}{:<16}{:6.1f}{}\n", id, v, rate, ovfl ? " (overflow)" : "");
        return;
      }
      if (n++) s += ',';
      s += pretty ? fmt::format("\n        \"{}\": {}", id, v) : fmt::format("\"{}\":{}", id, v);
    }
    void end() {
      if (!json) return;
      s += pretty ? (n ? "\n    }\n}\n" : "}\n}\n") : "}}\n";
    }
  };

  std::string dump_kern(bool to_hist, bool as_json) {
    Out o{as_json, pretty};
    o.begin(info_source);
    size_t cursor = 0;
    for (const Ent& n : kern) {
      unsigned long long val = n.val;
      if (!dump_zeros && !val && !n.rate) continue;
      if (!match(n.id)) {
        if (!to_hist) continue;
        if (const Ent* h = hist_find(cursor, n.id)) val = h->val;
      }
      o.field(n.id, val, n.rate, false);
    }
    o.end();
    return o.s;
  }

  std::string dump_incr() {
    Out o{json, pretty};
    o.begin(info_source);
    size_t cursor = 0;
    for (const Ent& n : kern) {
      unsigned long long val = n.val;
      bool ovfl = false;
      if (const Ent* h = hist_find(cursor, n.id)) {
        if (val < h->val) {
          ovfl = true;
          val = h->val;
        }
        val -= h->val;
      }
      if (!dump_zeros && !val && !n.rate) continue;
      if (!match(n.id)) continue;
      o.field(n.id, val, n.rate, ovfl);
    }
    o.end();
    return o.s;
  }

  void load_kern() {
    auto rd = [this](const char* path) {
      auto r = vfs_read(p, path);
      return r ? *r : std::string();
    };
    // Each table goes in front of the previous ones: snmp, snmp6, netstat.
    kern = load_ugly(rd("/proc/net/snmp"));
    auto six = load_good(rd("/proc/net/snmp6"), nullptr);
    kern.insert(kern.end(), six.begin(), six.end());
    auto ext = load_ugly(rd("/proc/net/netstat"));
    kern.insert(kern.end(), ext.begin(), ext.end());
  }

  int usage() {
    p.out.flush();
    p.err.write(kUsage);
    return 255;
  }

  int option(char c, const std::string& arg) {
    switch (c) {
      case 'z': dump_zeros = true; break;
      case 'r': reset = true; break;
      case 'a': ignore_history = true; break;
      case 's': no_update = true; break;
      case 'n': no_output = true; break;
      case 'j': json = true; break;
      case 'p': pretty = true; break;
      case 'd': break;  // the daemon is not modelled
      case 't': {
        int v = 0;
        if (std::sscanf(arg.c_str(), "%d", &v) != 1 || v <= 0) {
          p.out.flush();
          p.err.write("nstat: invalid time constant divisor\n");
          return 255;
        }
        break;
      }
      case 'v':
      case 'V': p.out.write("nstat utility, iproute2-6.1.0\n"); return 0;
      default: return usage();
    }
    return -1;
  }

  int run(std::span<const std::string> argv) {
    static constexpr LongOption kLong[] = {
        {"help", ArgKind::None, 'h'},         {"ignore", ArgKind::None, 'a'},   {"scan", ArgKind::Required, 'd'},
        {"nooutput", ArgKind::None, 'n'},     {"json", ArgKind::None, 'j'},     {"reset", ArgKind::None, 'r'},
        {"noupdate", ArgKind::None, 's'},     {"pretty", ArgKind::None, 'p'},   {"interval", ArgKind::Required, 't'},
        {"version", ArgKind::None, 'V'},      {"zeros", ArgKind::None, 'z'}};
    // getopt_long with permutation: options may follow patterns.
    Getopt g("nstat", &p.err, argv, "h?vVzrnasd:t:jp", kLong);
    g.flush_before_errors(p.out);
    // The table is nstat's whole one: abbreviations (--js) work as in the real tool.
    for (int c; (c = g.next()) != -1;) {
      if (c == '?') return usage();
      if (int rc = option(static_cast<char>(c), g.arg()); rc >= 0) return rc;
    }
    patterns = g.operands();

    std::string hist_name = "/tmp/.nstat.u0";  // skbox runs scripts as root
    if (sh::Interp* in = sh::current_interp())
      for (const auto& [k, v] : in->exported_vars())
        if (k == "NSTAT_HISTORY") hist_name = v;

    const bool use_file = !ignore_history || !no_update;
    if (use_file) {
      std::string content;
      if (!reset && vfs_exists(p, hist_name)) {
        auto r = vfs_read(p, hist_name);
        if (r) content = *r;
      } else if (auto w = vfs_write(p, hist_name, "", false); !w) {  // open(O_CREAT)
        p.out.flush();
        p.err.print("nstat: open history file: {}\n", std::strerror(w.error()));
        return 255;
      }
      hist = load_good(content, &info_source);
    }
    if (!hist.empty() && !info_source.empty() && info_source != "kernel") {
      p.out.flush();
      p.err.write("nstat: history is stale, ignoring it.\n");
      hist.clear();
      info_source.clear();
    }
    load_kern();
    if (info_source.empty()) info_source = "kernel";

    if (!no_output) p.out.write(ignore_history || hist.empty() ? dump_kern(false, json) : dump_incr());
    if (!no_update) (void)vfs_write(p, hist_name, dump_kern(true, false), false);
    return 0;
  }
};

}  // namespace

int cmd_nstat(Proc& p, std::span<const std::string> argv) {
  Nstat n{p};
  return n.run(argv);
}

}  // namespace skbox
