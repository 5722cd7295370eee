// `sysctl` as procps-ng 4.0.2 behaves: reads, writes (-w or NAME=VALUE),
// -a walks /proc/sys in directory order, -p loads a file, and the messages
// and exit statuses of that version (reads add their failures up, writes OR
// them; a read-only key prints "Invalid argument" and still exits 0).
//
// Only /proc/sys/net exists here (the registry in net/sysctl.h). Not
// modelled: --system (reads no system directories), globs in keys.
#include <regex.h>

#include <cctype>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/vfs.h"
#include "core/expected.h"
#include "net/sysctl.h"
#include "net/world.h"

namespace skbox {

namespace {

constexpr std::string_view kProcPath = "/proc/sys/";

// procps's xwarn/xwarnx flush stdout before the message, so with both
// streams in one file a message lands after the values printed before it.
Sink& warn(Proc& p) {
  p.out.flush();
  return p.err;
}

constexpr std::string_view kUsage =
    "\nUsage:\n"
    " sysctl [options] [variable[=value] ...]\n"
    "\nOptions:\n"
    "  -a, --all            display all variables\n"
    "  -A                   alias of -a\n"
    "  -X                   alias of -a\n"
    "      --deprecated     include deprecated parameters to listing\n"
    "      --dry-run        Print the key and values but do not write\n"
    "  -b, --binary         print value without new line\n"
    "  -e, --ignore         ignore unknown variables errors\n"
    "  -N, --names          print variable names without values\n"
    "  -n, --values         print only values of the given variable(s)\n"
    "  -p, --load[=<file>]  read values from file\n"
    "  -f                   alias of -p\n"
    "      --system         read values from all system directories\n"
    "  -r, --pattern <expression>\n"
    "                       select setting that match expression\n"
    "  -q, --quiet          do not echo variable set\n"
    "  -w, --write          enable writing a value to variable\n"
    "  -o                   does nothing\n"
    "  -x                   does nothing\n"
    "  -d                   alias of -h\n"
    "\n"
    " -h, --help     display this help and exit\n"
    " -V, --version  output version information and exit\n"
    "\n"
    "For more details see sysctl(8).\n";

struct Sysctl {
  Proc& p;
  bool ignore_deprecated = true, name_only = false, print_name = true, print_newline = true;
  bool ignore_error = false, quiet = false, dry_run = false;
  std::string pattern;
  bool has_pattern = false;

  // procps's slashdot(): the first separator decides the style; when it is
  // `from`, every '.' and '/' after it is swapped.
  void slashdot(std::string& s, size_t start, char from, char to) {
    size_t i = s.find_first_of("/.", start);
    if (i == std::string::npos || s[i] == to) return;
    bool warned = false;
    for (; i != std::string::npos; i = s.find_first_of("/.", i + 1)) {
      if (!warned && i + 1 < s.size() && (s[i + 1] == '/' || s[i + 1] == '.')) {
        warn(p).print("sysctl: separators should not be repeated: {}\n", std::string_view(s).substr(i));
        warned = true;
      }
      s[i] = s[i] == from ? to : from;
    }
  }

  std::string rel(std::string_view path) const {  // "/proc/sys/net/x" -> "net/x"
    return std::string(path.substr(std::min(path.size(), kProcPath.size())));
  }

  static std::string strerror_of(int e) { return std::strerror(e); }

  bool pattern_match(const std::string& s) const {
    regex_t re;
    if (regcomp(&re, pattern.c_str(), REG_EXTENDED | REG_NOSUB) != 0) return false;
    bool ok = regexec(&re, s.c_str(), 0, nullptr, 0) == 0;
    regfree(&re);
    return ok;
  }

  // Real paths stay under /proc/sys/ (realpath of "/proc/sys/" has no slash).
  bool is_proc_path(const std::string& path) {
    std::string r = rel(path);
    bool root = true;
    for (char ch : r)
      if (ch != '/') root = false;
    if (root) {
      warn(p).print("sysctl: Path is not under {}: {}\n", kProcPath, path);
      return false;
    }
    return true;
  }

  int read_setting(const std::string& name) {
    if (name.empty()) {
      warn(p).print("sysctl: \"{}\" is an unknown key\n", name);
      return -1;
    }
    std::string tmpname = std::string(kProcPath) + name;
    slashdot(tmpname, kProcPath.size(), '.', '/');
    std::string outname = name;
    slashdot(outname, 0, '/', '.');
    auto st = sysctl_stat(*p.net, rel(tmpname));
    if (!st) {
      if (ignore_error) return 0;
      warn(p).print("sysctl: cannot stat {}: {}\n", tmpname, strerror_of(st.error()));
      return 1;
    }
    if (!(st->mode & 0400)) return 0;
    if (!is_proc_path(tmpname)) return -1;
    if (st->dir) return display_all(tmpname + "/");
    if (has_pattern && !pattern_match(outname)) return 0;
    if (name_only) {
      p.out.print("{}\n", outname);
      return 0;
    }
    auto v = sysctl_read_path(*p.net, rel(tmpname));
    if (!v) {
      switch (v.error()) {
        case EACCES: warn(p).print("sysctl: permission denied on key '{}'\n", outname); return 1;
        case EIO: return 1;  // an unset stable_secret
        default: warn(p).print("sysctl: reading key \"{}\": {}\n", outname, strerror_of(v.error())); return 1;
      }
    }
    std::string_view val = *v;
    if (print_name) {
      p.out.print("{} = {}", outname, val);
      if (val.empty() || val.back() != '\n') p.out.write("\n");
    } else {
      if (!print_newline && !val.empty() && val.back() == '\n') val.remove_suffix(1);
      p.out.write(val);
    }
    return 0;
  }

  int display_all(const std::string& path) {
    auto ents = sysctl_readdir(*p.net, rel(path));
    if (!ents) {
      warn(p).print("sysctl: unable to open directory \"{}\"\n", path);
      return 1;
    }
    int rc = 0;
    for (const std::string& e : *ents) {
      if (ignore_deprecated && (e == "base_reachable_time" || e == "retrans_time")) continue;
      std::string sub = path + e;
      auto st = sysctl_stat(*p.net, rel(sub));
      if (!st) {
        warn(p).print("sysctl: cannot stat {}: {}\n", sub, strerror_of(st.error()));
        rc |= 1;
      } else if (st->dir) {
        rc |= display_all(sub + "/");
      } else {
        rc |= read_setting(rel(sub));
      }
    }
    return rc;
  }

  int write_setting(const std::string& key, const std::string& value) {
    std::string path = std::string(kProcPath) + key;
    slashdot(path, kProcPath.size(), '.', '/');
    auto st = sysctl_stat(*p.net, rel(path));
    if (!st) {
      if (ignore_error) return 0;
      warn(p).print("sysctl: cannot stat {}: {}\n", path, strerror_of(st.error()));
      return 1;
    }
    if (!is_proc_path(path)) return 1;
    std::string dotted = rel(path);
    slashdot(dotted, 0, '/', '.');
    if (!(st->mode & 0200) || st->dir) {
      // 4.0.2 warns with a stale errno and carries on successfully.
      warn(p).print("sysctl: setting key \"{}\": Invalid argument\n", dotted);
      return 0;
    }
    if (!dry_run) {
      auto r = sysctl_write_path(*p.net, rel(path), value + "\n");
      if (!r) {
        warn(p).print("sysctl: setting key \"{}\": {}\n", dotted, strerror_of(r.error()));
        return 1;
      }
    }
    if (!quiet || dry_run) {
      if (name_only) p.out.print("{}\n", dotted);
      else if (print_name) p.out.print("{} = {}\n", dotted, value);
      else if (print_newline) p.out.print("{}\n", value);
      else p.out.write(value);
    }
    return 0;
  }

  static std::string_view lstrip(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    return s;
  }
  static std::string_view rstrip(std::string_view s) {
    while (s.size() > 1 && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
  }

  struct Setting {
    std::string key, value;
  };
  // parse_setting_line: "key = value", comments, "-key" (ignored failures).
  std::optional<Setting> parse_line(std::string_view src, int linenum, std::string_view line) {
    std::string_view key = lstrip(line);
    if (key.size() < 2 || key[0] == '#' || key[0] == ';') return std::nullopt;
    if (has_pattern && !pattern_match(std::string(key))) return std::nullopt;
    size_t eq = key.find('=');
    if (eq == std::string_view::npos) {
      if (key[0] != '-') warn(p).print("sysctl: {}({}): invalid syntax, continuing...\n", src, linenum);
      return std::nullopt;
    }
    std::string_view k = key.substr(0, eq), v = key.substr(eq + 1);
    if (!k.empty() && k[0] == '-') k.remove_prefix(1);
    v = rstrip(lstrip(v));
    if (v.size() == 1 && std::isspace(static_cast<unsigned char>(v[0]))) v = {};
    k = rstrip(k);
    if (k.size() == 1 && std::isspace(static_cast<unsigned char>(k[0]))) k = {};
    return Setting{std::string(k), std::string(v)};
  }

  int preload(const std::string& file, std::vector<Setting>& out) {
    Expected<std::string> text = file == "-" ? Expected<std::string>(std::string(p.in)) : vfs_read(p, file);
    if (!text) {
      warn(p).print("sysctl: cannot open \"{}\": {}\n", file, strerror_of(text.error()));
      return 1;
    }
    std::string_view t = *text;
    int n = 0;
    while (!t.empty()) {
      size_t nl = t.find('\n');
      std::string_view line = t.substr(0, nl == std::string_view::npos ? t.size() : nl + 1);
      t.remove_prefix(line.size());
      ++n;
      if (line.size() < 2) continue;
      if (auto s = parse_line(file, n, line)) out.push_back(std::move(*s));
    }
    return 0;
  }
};

struct LongOpt {
  std::string_view name;
  int arg;  // 0 none, 1 required, 2 optional
  int val;
};
enum { kDeprecated = 256, kSystem, kDryRun };
constexpr LongOpt kLongOpts[] = {
    {"all", 0, 'a'},      {"deprecated", 0, kDeprecated}, {"dry-run", 0, kDryRun}, {"binary", 0, 'b'},
    {"ignore", 0, 'e'},   {"names", 0, 'N'},              {"values", 0, 'n'},      {"load", 2, 'p'},
    {"quiet", 0, 'q'},    {"write", 0, 'w'},              {"system", 0, kSystem},  {"pattern", 1, 'r'},
    {"help", 0, 'h'},     {"version", 0, 'V'},
};

}  // namespace

int cmd_sysctl(Proc& p, std::span<const std::string> argv) {
  Sysctl s{p};
  if (argv.size() < 2) {
    warn(p).write(kUsage);
    return 1;
  }
  bool write_mode = false, display_all = false, preload_opt = false, system_opt = false;
  std::string preload_file;
  bool has_preload_file = false;
  std::vector<std::string> operands;
  auto usage_out = [&] {
    p.out.write(kUsage);
    return 0;
  };
  // getopt_long("bneNwfp::qoxaAXr:Vdh") with GNU argument permutation.
  for (size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a == "--") {
      for (++i; i < argv.size(); ++i) operands.push_back(argv[i]);
      break;
    }
    if (a.size() < 2 || a[0] != '-') {
      operands.push_back(a);
      continue;
    }
    std::vector<std::pair<int, std::optional<std::string>>> opts;
    if (a[1] == '-') {
      std::string_view body = std::string_view(a).substr(2);
      size_t eq = body.find('=');
      std::string_view nm = body.substr(0, eq);
      const LongOpt* hit = nullptr;
      int matches = 0;
      for (const LongOpt& lo : kLongOpts) {
        if (lo.name == nm) {
          hit = &lo;
          matches = 1;
          break;
        }
        if (lo.name.substr(0, nm.size()) == nm) {
          hit = &lo;
          ++matches;
        }
      }
      if (!hit || matches > 1) {
        if (matches > 1) warn(p).print("sysctl: option '{}' is ambiguous\n", a);
        else warn(p).print("sysctl: unrecognized option '{}'\n", a);
        return usage_out();
      }
      std::optional<std::string> arg;
      if (eq != std::string_view::npos) {
        if (hit->arg == 0) {
          warn(p).print("sysctl: option '--{}' doesn't allow an argument\n", hit->name);
          return usage_out();
        }
        arg = std::string(body.substr(eq + 1));
      } else if (hit->arg == 1) {
        if (i + 1 >= argv.size()) {
          warn(p).print("sysctl: option '--{}' requires an argument\n", hit->name);
          return usage_out();
        }
        arg = argv[++i];
      }
      opts.push_back({hit->val, arg});
    } else {
      for (size_t k = 1; k < a.size(); ++k) {
        char c = a[k];
        if (std::strchr("bneNwfqoxaAXVdh", c)) {
          opts.push_back({c, std::nullopt});
        } else if (c == 'p') {
          opts.push_back({c, k + 1 < a.size() ? std::optional<std::string>(a.substr(k + 1)) : std::nullopt});
          break;
        } else if (c == 'r') {
          if (k + 1 < a.size()) {
            opts.push_back({c, a.substr(k + 1)});
          } else if (i + 1 < argv.size()) {
            opts.push_back({c, argv[++i]});
          } else {
            warn(p).print("sysctl: option requires an argument -- '{}'\n", c);
            return usage_out();
          }
          break;
        } else {
          warn(p).print("sysctl: invalid option -- '{}'\n", c);
          return usage_out();
        }
      }
    }
    for (auto& [c, arg] : opts) {
      switch (c) {
        case 'b': s.print_newline = false; [[fallthrough]];
        case 'n': s.print_name = false; break;
        case 'e': s.ignore_error = true; break;
        case 'N': s.name_only = true; break;
        case 'w': write_mode = true; break;
        case 'f':
        case 'p':
          preload_opt = true;
          if (arg) {
            preload_file = *arg;
            has_preload_file = true;
          }
          break;
        case 'q': s.quiet = true; break;
        case 'o':
        case 'x': break;
        case 'a':
        case 'A':
        case 'X': display_all = true; break;
        case kDeprecated: s.ignore_deprecated = false; break;
        case kSystem:
          s.ignore_error = true;
          system_opt = true;
          break;
        case kDryRun: s.dry_run = true; break;
        case 'r':
          s.pattern = *arg;
          s.has_pattern = true;
          break;
        case 'V': p.out.write("sysctl from procps-ng 4.0.2\n"); return 0;
        default: return usage_out();  // -h, -d
      }
    }
  }

  if (display_all) return s.display_all(std::string(kProcPath)) & 0xff;

  if (preload_opt) {
    int ret = 0;
    std::vector<Sysctl::Setting> list;
    if (!has_preload_file) {
      if (operands.empty()) ret |= s.preload("/etc/sysctl.conf", list);
    } else {
      ret |= s.preload(preload_file, list);
    }
    for (const std::string& f : operands) ret |= s.preload(f, list);
    for (const auto& st : list) ret |= s.write_setting(st.key, st.value);
    return ret & 0xff;
  }
  int rc = 0;
  if (system_opt && operands.empty()) return 0;
  if (operands.empty()) {
    warn(p).write("sysctl: no variables specified\nTry `sysctl --help' for more information.\n");
    return 1;
  }
  if (s.name_only && s.quiet) {
    warn(p).write("sysctl: options -N and -q cannot coexist\nTry `sysctl --help' for more information.\n");
    return 1;
  }
  for (const std::string& a : operands) {
    if (write_mode || a.find('=') != std::string::npos) {
      if (auto st = s.parse_line("command line", 0, a)) rc |= s.write_setting(st->key, st->value);
      else rc |= 1;
    } else {
      rc += s.read_setting(a);
    }
  }
  return rc & 0xff;
}

}  // namespace skbox
