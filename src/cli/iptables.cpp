// iptables (iptables 1.8.9, legacy backend: iptables/iptables.c, xshared.c,
// libiptc): edits and lists the tables of the namespace it runs in.
// Commands -A -C -D -R -I -L -S -F -Z -N -X -E -P; options -s -d -i -o -p
// -f (with `!`), -j -g, -m with any registered match, the options of the
// loaded matches and target, -n -v -x --line-numbers -t, and the messages
// and exit codes of the real tool: 2 for a bad command line, 1 for what
// libiptc/the kernel refuse, 3 for a table that cannot be opened. Like
// iptables-legacy, every change is checked as the kernel checks a whole
// table replace (loops, extension checkentry) and undone when refused.
//
// Not modelled: host/network name lookups (addresses print numerically;
// only 127.0.0.1 is "localhost"), -c, -w, -4/-6, -h text.
#include <algorithm>
#include <cerrno>
#include <bit>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "cli/iptables.h"
#include "net/net.h"
#include "netfilter/x_tables.h"
#include "netfilter/xt_names.h"
#include "netfilter/xtables.h"

namespace skbox {

namespace {

constexpr std::string_view kProg = "iptables v1.8.9 (legacy): ";
constexpr std::string_view kTryHelp = "Try `iptables -h' or 'iptables --help' for more information.\n";

// xtables_error(PARAMETER_PROBLEM): exit 2.
using ParamError = XtParamError;

enum Cmd : unsigned {
  CMD_NONE = 0, CMD_INSERT = 1 << 0, CMD_DELETE = 1 << 1, CMD_DELETE_NUM = 1 << 2, CMD_REPLACE = 1 << 3,
  CMD_APPEND = 1 << 4, CMD_LIST = 1 << 5, CMD_FLUSH = 1 << 6, CMD_ZERO = 1 << 7, CMD_NEW_CHAIN = 1 << 8,
  CMD_DELETE_CHAIN = 1 << 9, CMD_SET_POLICY = 1 << 10, CMD_RENAME_CHAIN = 1 << 11, CMD_LIST_RULES = 1 << 12,
  CMD_ZERO_NUM = 1 << 13, CMD_CHECK = 1 << 14,
};

char cmd_char(unsigned c) {
  static constexpr char kChars[] = "IDDRALFZNXPESZC";
  for (int i = 0; i < 15; ++i)
    if (c & (1u << i)) return kChars[i];
  return '?';
}

enum Fmt : unsigned {
  FMT_NUMERIC = 1, FMT_NOCOUNTS = 2, FMT_KILOMEGAGIGA = 4, FMT_OPTIONS = 8, FMT_NOTABLE = 16,
  FMT_NOTARGET = 32, FMT_VIA = 64, FMT_LINENUMBERS = 128,
};

struct Args {
  unsigned command = CMD_NONE;
  std::string chain, newname, policy, jumpto, table = "filter";
  int rulenum = 0;
  bool have_rulenum = false;
  bool verbose = false, numeric = false, exact = false, linenumbers = false, go_to = false;
  bool invert = false;
  IptEntry e;
  std::string proto_name;
  bool have_s = false, have_d = false, have_p = false, have_i = false, have_o = false, have_j = false;
  bool have_f = false, have_c = false;
  std::vector<std::pair<uint32_t, uint32_t>> srcs, dsts;  // -s/-d lists (address, mask)
  std::unique_ptr<XtTargetExt> target;   // the extension -j loaded, if any
};

// xtables_parse_interface
void parse_iface(std::string_view s, std::array<char, kXtIfNameSize>& name, std::array<uint8_t, kXtIfNameSize>& mask) {
  if (s.size() >= kXtIfNameSize)
    throw ParamError{"interface name `" + std::string(s) + "' must be shorter than IFNAMSIZ (15)"};
  name.fill(0);
  mask.fill(0);
  s.copy(name.data(), s.size());
  if (s.empty()) return;
  if (s.back() == '+') std::fill_n(mask.begin(), s.size() - 1, 0xff);
  else std::fill_n(mask.begin(), s.size() + 1, 0xff);
}

uint8_t parse_protocol(std::string s) {
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  if (auto v = xt_strtoui(s, 255)) return uint8_t(*v);
  if (s == "all") return 0;
  if (auto p = xt_proto_by_name(s)) return *p;
  throw ParamError{"unknown protocol \"" + s + "\" specified"};
}

// --- printing ---------------------------------------------------------

// xtables_print_num
void print_num(Sink& out, uint64_t n, unsigned fmt) {
  const bool notable = fmt & FMT_NOTABLE;
  if (!(fmt & FMT_KILOMEGAGIGA)) {
    out.print("{}", notable ? fmt::format("{} ", n) : fmt::format("{:>8} ", n));
    return;
  }
  if (n <= 99999) {
    out.print("{}", notable ? fmt::format("{} ", n) : fmt::format("{:>5} ", n));
    return;
  }
  static constexpr char kSuffix[] = "KMGT";
  for (int i = 0; i < 4; ++i) {
    n = (n + 500) / 1000;
    if (n <= 9999 || i == 3) {
      out.print("{}", notable ? fmt::format("{}{} ", n, kSuffix[i]) : fmt::format("{:>4}{} ", n, kSuffix[i]));
      return;
    }
  }
}

std::string addr_col(uint32_t a, uint32_t m, unsigned fmt) {
  if (m == 0 && !(fmt & FMT_NUMERIC)) return "anywhere";
  std::string s = (a == 0x7f000001 && !(fmt & FMT_NUMERIC)) ? "localhost" : xt_ipaddr_str(a);
  return s + xt_mask_str(m);
}

std::string iface_col(const std::array<char, kXtIfNameSize>& n, bool inv, unsigned fmt) {
  std::string s = inv ? "!" : "";
  if (n[0]) s += n.data();
  else s += (fmt & FMT_NUMERIC) ? "*" : "any";
  return s;
}

// print_firewall
void print_firewall(Sink& out, const IptEntry& e, unsigned num, unsigned fmt) {
  if (fmt & FMT_LINENUMBERS) out.print("{:<4} ", num);
  if (!(fmt & FMT_NOCOUNTS)) {
    print_num(out, e.pcnt, fmt);
    print_num(out, e.bcnt, fmt);
  }
  out.print("{:<9} ", e.target.name());
  out.print("{}", (e.ip.invflags & IPT_INV_PROTO) ? '!' : ' ');
  std::string_view pname = (fmt & FMT_NUMERIC) ? std::string_view{} : e.ip.proto ? xt_proto_name(uint8_t(e.ip.proto)) : "all";
  out.print("{:<5}", pname.empty() ? std::to_string(e.ip.proto) : std::string(pname));
  out.print("{}{} ", (e.ip.invflags & IPT_INV_FRAG) ? '!' : '-', (e.ip.flags & IPT_F_FRAG) ? 'f' : '-');
  if (fmt & FMT_VIA) {
    out.print(" {:<6} ", iface_col(e.ip.iniface, e.ip.invflags & IPT_INV_VIA_IN, fmt));
    out.print("{:<6} ", iface_col(e.ip.outiface, e.ip.invflags & IPT_INV_VIA_OUT, fmt));
  }
  out.print("{}{:<19} ", (e.ip.invflags & IPT_INV_SRCIP) ? '!' : ' ', addr_col(e.ip.src, e.ip.smsk, fmt));
  out.print("{}{:<19} ", (e.ip.invflags & IPT_INV_DSTIP) ? '!' : ' ', addr_col(e.ip.dst, e.ip.dmsk, fmt));
  if (e.target.go_to) out.print("[goto] ");
  std::string ext;
  for (const auto& m : e.matches) m->print(ext, fmt & FMT_NUMERIC);
  if (e.target.ext) e.target.ext->print(ext, fmt & FMT_NUMERIC);
  out.print("{}\n", ext);
}

void print_header(Sink& out, const XtChain& c, unsigned refs, unsigned fmt) {
  out.print("Chain {}", c.name);
  if (c.builtin()) {
    out.print(" (policy {}", c.policy == XtVerdict::Drop ? "DROP" : "ACCEPT");
    if (!(fmt & FMT_NOCOUNTS)) {
      out.print(" ");
      print_num(out, c.pcnt, fmt | FMT_NOTABLE);
      out.print("packets, ");
      print_num(out, c.bcnt, fmt | FMT_NOTABLE);
      out.print("bytes");
    }
    out.print(")\n");
  } else {
    out.print(" ({} references)\n", refs);
  }
  if (fmt & FMT_LINENUMBERS) out.print("{:<4} ", "num");
  if (!(fmt & FMT_NOCOUNTS)) {
    if (fmt & FMT_KILOMEGAGIGA) out.print("{:>5} {:>5} ", "pkts", "bytes");
    else out.print("{:>8} {:>10} ", "pkts", "bytes");
  }
  out.print("{:<9} ", "target");
  out.print(" prot opt");
  if (fmt & FMT_VIA) out.print(" {:<6} {:<6} ", "in", "out");
  out.print(" {:<19} ", "source");
  out.print(" {:<19} ", "destination");
  out.print("\n");
}

void print_ip_save(Sink& out, const char* opt, uint32_t a, uint32_t m, bool inv) {
  if (!m && !a && !inv) return;
  out.print("{} {} {}", inv ? " !" : "", opt, xt_ipaddr_str(a));
  int n = xt_mask_len(m);
  if (n >= 0) out.print("/{}", n);
  else out.print("/{}", xt_ipaddr_str(m));
}

void print_iface_save(Sink& out, char letter, const std::array<char, kXtIfNameSize>& n,
                      const std::array<uint8_t, kXtIfNameSize>& m, bool inv) {
  if (m[0] == 0) return;
  out.print("{} -{} ", inv ? " !" : "", letter);
  for (size_t i = 0; i < kXtIfNameSize; ++i) {
    if (m[i]) {
      if (n[i]) out.print("{}", n[i]);
    } else {
      if (n[i - 1]) out.print("+");
      break;
    }
  }
}

// print_rule4 (iptables -S)
}  // namespace

void iptables_print_rule_save(Sink& out, const XtChain& c, const IptEntry& e) {
  out.print("-A {}", c.name);
  print_ip_save(out, "-s", e.ip.src, e.ip.smsk, e.ip.invflags & IPT_INV_SRCIP);
  print_ip_save(out, "-d", e.ip.dst, e.ip.dmsk, e.ip.invflags & IPT_INV_DSTIP);
  print_iface_save(out, 'i', e.ip.iniface, e.ip.iniface_mask, e.ip.invflags & IPT_INV_VIA_IN);
  print_iface_save(out, 'o', e.ip.outiface, e.ip.outiface_mask, e.ip.invflags & IPT_INV_VIA_OUT);
  if (e.ip.proto) {
    std::string_view n = xt_proto_name(uint8_t(e.ip.proto));
    out.print("{} -p {}", (e.ip.invflags & IPT_INV_PROTO) ? " !" : "", n.empty() ? std::to_string(e.ip.proto) : std::string(n));
  }
  if (e.ip.flags & IPT_F_FRAG) out.print("{} -f", (e.ip.invflags & IPT_INV_FRAG) ? " !" : "");
  std::string ext;
  for (const auto& m : e.matches) {
    ext += " -m ";
    ext += m->type->name;
    m->save(ext);
  }
  if (std::string_view t = e.target.name(); !t.empty()) {
    ext += e.target.go_to ? " -g " : " -j ";
    ext += e.target.ext && !e.target.ext->alias().empty() ? e.target.ext->alias() : t;
    if (e.target.ext) e.target.ext->save(ext);
  }
  out.write(ext);
  out.print("\n");
}

void iptables_print_chain_save(Sink& out, const XtChain& c) {
  if (c.builtin()) out.print("-P {} {}\n", c.name, c.policy == XtVerdict::Drop ? "DROP" : "ACCEPT");
  else out.print("-N {}\n", c.name);
}

namespace {

// --- parsing ----------------------------------------------------------

struct Parser {
  std::span<const std::string> argv;
  size_t ind = 1;
  Args a;
  std::string warnings;  // extension warnings, printed on stderr before anything else

  bool has_arg() const { return ind < argv.size() && !argv[ind].empty() && argv[ind][0] != '-' && argv[ind][0] != '!'; }

  int parse_rulenumber(const std::string& s) {
    auto v = xt_strtoui(s, 0x7fffffff);
    if (!v || *v == 0) throw ParamError{"Invalid rule number `" + s + "'"};
    return int(*v);
  }

  void add_command(unsigned c, unsigned others) {
    if (a.invert) throw ParamError{"unexpected ! flag"};
    if (a.command & ~others) throw ParamError{fmt::format("Cannot use -{} with -{}", cmd_char(c), cmd_char(a.command & ~others))};
    a.command |= c;
  }

  void no_invert(char c) {
    if (a.invert) throw ParamError{fmt::format("cannot have ! before -{}", c)};
  }

  // set_option: each of -s -d -p -i -o -j once.
  void once(bool& have, char c) {
    if (have) throw ParamError{fmt::format("multiple -{} flags not allowed", c)};
    have = true;
  }

  bool proto_used = false;

  XtMatch& load_match(const XtMatchType& t) {
    a.e.matches.push_back(xt_make_match(t));
    return *a.e.matches.back();
  }

  static const XtOption* find_opt(std::span<const XtOption> opts, std::string_view name) {
    for (const XtOption& o : opts)
      if (o.name == name) return &o;
    return nullptr;
  }

  // command_default: an option unknown to the core goes to the loaded
  // matches, then the target, then the implicit match of -p (loaded once).
  // False when nothing knows it. `val` holds an "--opt=value" argument.
  bool ext_option(const std::string& word, const std::string& name, std::string val, bool has_eq) {
    XtExtension* ext = nullptr;
    const XtOption* opt = nullptr;
    for (auto it = a.e.matches.rbegin(); it != a.e.matches.rend() && !opt; ++it)
      if ((opt = find_opt((*it)->type->options, name))) ext = it->get();
    if (!opt && a.target && (opt = find_opt(a.target->type->options, name))) ext = a.target.get();
    if (!opt && a.e.ip.proto && !proto_used) {
      proto_used = true;
      std::string_view pn = xt_proto_name(uint8_t(a.e.ip.proto));
      if (const XtMatchType* t = pn.empty() ? nullptr : xt_find_match(pn))
        if ((opt = find_opt(t->options, name))) ext = &load_match(*t);
    }
    if (!opt) return false;
    if (opt->has_arg && !has_eq) {
      if (ind >= argv.size()) throw ParamError{"option \"" + word + "\" requires an argument"};
      val = argv[ind++];
    }
    XtParseCtx ctx{a.e.ip, a.table, a.invert, argv, &ind, &warnings};
    ext->parse(opt->id, val, ctx);
    a.invert = false;
    return true;
  }

  void parse() {
    static constexpr std::pair<std::string_view, char> kLong[] = {
        {"append", 'A'}, {"check", 'C'}, {"delete", 'D'}, {"insert", 'I'}, {"replace", 'R'}, {"list", 'L'},
        {"list-rules", 'S'}, {"flush", 'F'}, {"zero", 'Z'}, {"new-chain", 'N'}, {"delete-chain", 'X'},
        {"rename-chain", 'E'}, {"policy", 'P'}, {"source", 's'}, {"src", 's'}, {"destination", 'd'},
        {"dst", 'd'}, {"protocol", 'p'}, {"in-interface", 'i'}, {"out-interface", 'o'}, {"jump", 'j'},
        {"goto", 'g'}, {"numeric", 'n'}, {"verbose", 'v'}, {"exact", 'x'}, {"line-numbers", '0'},
        {"table", 't'}, {"match", 'm'}, {"fragment", 'f'}, {"set-counters", 'c'}};
    static constexpr std::string_view kNeedArg = "ACDIRNEPsdpiojgtmc";
    while (ind < argv.size()) {
      const std::string& w = argv[ind++];
      if (w == "!") {
        if (a.invert) throw ParamError{"multiple consecutive ! not allowed"};
        a.invert = true;
        continue;
      }
      if (w.size() < 2 || w[0] != '-') throw ParamError{"\x01" + w};  // Bad argument
      if (w[1] == '-') {
        std::string name = w.substr(2), val;
        bool has_eq = false;
        if (size_t eq = name.find('='); eq != std::string::npos) {
          val = name.substr(eq + 1);
          name.resize(eq);
          has_eq = true;
        }
        char c = 0;
        for (auto [n, ch] : kLong)
          if (n == name) c = ch;
        if (!c) {
          if (!ext_option(w, name, val, has_eq)) throw ParamError{"unknown option \"" + w + "\""};
          continue;
        }
        if (kNeedArg.find(c) != std::string_view::npos && !has_eq) {
          if (ind >= argv.size()) throw ParamError{"option \"" + w + "\" requires an argument"};
          val = argv[ind++];
        }
        option(c, val, w);
        continue;
      }
      for (size_t k = 1; k < w.size(); ++k) {
        char c = w[k];
        if (std::string_view("ACDIRLSFZNXEPsdpiojgtnvxmhfc").find(c) == std::string_view::npos)
          throw ParamError{fmt::format("unknown option \"{}\"", w)};
        if (kNeedArg.find(c) != std::string_view::npos) {
          std::string val;
          if (k + 1 < w.size()) val = w.substr(k + 1);
          else if (ind < argv.size()) val = argv[ind++];
          else throw ParamError{fmt::format("option \"-{}\" requires an argument", c)};
          option(c, val, w);
          break;
        }
        // -L/-S/-F/-Z/-X take an attached optional argument.
        if (std::string_view("LSFZX").find(c) != std::string_view::npos && k + 1 < w.size()) {
          option(c, w.substr(k + 1), w);
          break;
        }
        option(c, "", w);
      }
    }
  }

  void option(char c, const std::string& val, const std::string& word) {
    switch (c) {
      case 'A': add_command(CMD_APPEND, CMD_NONE); a.chain = val; break;
      case 'C': add_command(CMD_CHECK, CMD_NONE); a.chain = val; break;
      case 'D':
        add_command(CMD_DELETE, CMD_NONE);
        a.chain = val;
        if (has_arg()) {
          a.rulenum = parse_rulenumber(argv[ind++]);
          a.command = CMD_DELETE_NUM;
        }
        break;
      case 'R':
        add_command(CMD_REPLACE, CMD_NONE);
        a.chain = val;
        if (!has_arg()) throw ParamError{"-R requires a rule number"};
        a.rulenum = parse_rulenumber(argv[ind++]);
        break;
      case 'I':
        add_command(CMD_INSERT, CMD_NONE);
        a.chain = val;
        a.rulenum = has_arg() ? parse_rulenumber(argv[ind++]) : 1;
        break;
      case 'L':
      case 'S':
        add_command(c == 'L' ? CMD_LIST : CMD_LIST_RULES, c == 'L' ? CMD_ZERO | CMD_ZERO_NUM : CMD_NONE);
        if (!val.empty()) a.chain = val;
        else if (has_arg()) a.chain = argv[ind++];
        if (has_arg()) {
          a.rulenum = parse_rulenumber(argv[ind++]);
          a.have_rulenum = true;
        }
        break;
      case 'F':
        add_command(CMD_FLUSH, CMD_NONE);
        if (!val.empty()) a.chain = val;
        else if (has_arg()) a.chain = argv[ind++];
        break;
      case 'Z':
        add_command(CMD_ZERO, CMD_LIST);
        if (!val.empty()) a.chain = val;
        else if (has_arg()) a.chain = argv[ind++];
        if (has_arg()) {
          a.rulenum = parse_rulenumber(argv[ind++]);
          a.command = (a.command & ~CMD_ZERO) | CMD_ZERO_NUM;
        }
        break;
      case 'N':
        add_command(CMD_NEW_CHAIN, CMD_NONE);
        if (!val.empty() && val[0] == '-') throw ParamError{"chain name not allowed to start with `-'"};
        if (val == "ACCEPT" || val == "DROP" || val == "QUEUE" || val == "RETURN" || xt_find_target(val))
          throw ParamError{"chain name may not clash with target name"};
        a.chain = val;
        break;
      case 'X':
        add_command(CMD_DELETE_CHAIN, CMD_NONE);
        if (!val.empty()) a.chain = val;
        else if (has_arg()) a.chain = argv[ind++];
        break;
      case 'E':
        add_command(CMD_RENAME_CHAIN, CMD_NONE);
        a.chain = val;
        if (!has_arg()) throw ParamError{"-E requires old-chain-name and new-chain-name"};
        a.newname = argv[ind++];
        break;
      case 'P':
        add_command(CMD_SET_POLICY, CMD_NONE);
        a.chain = val;
        if (!has_arg()) throw ParamError{"-P requires a chain and a policy"};
        a.policy = argv[ind++];
        break;
      case 's':
      case 'd': {
        once(c == 's' ? a.have_s : a.have_d, c);
        uint32_t& ad = c == 's' ? a.e.ip.src : a.e.ip.dst;
        uint32_t& m = c == 's' ? a.e.ip.smsk : a.e.ip.dmsk;
        // A list "a,b" makes one rule per address (per pair with -s and -d).
        auto& list = c == 's' ? a.srcs : a.dsts;
        for (size_t pos = 0;;) {
          size_t comma = val.find(',', pos);
          xt_parse_addr(std::string_view(val).substr(pos, comma == std::string::npos ? std::string::npos : comma - pos), ad, m);
          list.push_back({ad, m});
          if (comma == std::string::npos) break;
          pos = comma + 1;
        }
        if (a.invert) a.e.ip.invflags |= c == 's' ? IPT_INV_SRCIP : IPT_INV_DSTIP;
        a.invert = false;
        break;
      }
      case 'p':
        once(a.have_p, c);
        a.e.ip.proto = parse_protocol(val);
        if (a.invert) a.e.ip.invflags |= IPT_INV_PROTO;
        a.invert = false;
        break;
      case 'i':
      case 'o':
        once(c == 'i' ? a.have_i : a.have_o, c);
        if (c == 'i') parse_iface(val, a.e.ip.iniface, a.e.ip.iniface_mask);
        else parse_iface(val, a.e.ip.outiface, a.e.ip.outiface_mask);
        if (a.invert) a.e.ip.invflags |= c == 'i' ? IPT_INV_VIA_IN : IPT_INV_VIA_OUT;
        a.invert = false;
        break;
      case 'j':
      case 'g':
        no_invert(c);
        once(a.have_j, 'j');
        a.jumpto = val;
        a.go_to = c == 'g';
        if (c == 'j')
          if (const XtTargetType* t = xt_find_target(val)) a.target = xt_make_target(*t);
        break;
      case 'm': {
        no_invert(c);
        const XtMatchType* t = xt_find_match(val);
        if (!t) throw ParamError{"Couldn't load match `" + val + "':No such file or directory\n"};
        load_match(*t);
        break;
      }
      case 'c': {
        no_invert(c);
        once(a.have_c, c);
        std::string pc = val, bc;
        if (size_t comma = val.find(',', 1); comma != std::string::npos) {
          pc = val.substr(0, comma);
          bc = val.substr(comma + 1);
        } else if (has_arg()) {
          bc = argv[ind++];
        } else {
          throw ParamError{"-c requires packet and byte counter"};
        }
        auto pv = xt_strtoul0(pc, UINT64_MAX), bv = xt_strtoul0(bc, UINT64_MAX);
        if (!pv) throw ParamError{"-c packet counter not numeric"};
        if (!bv) throw ParamError{"-c byte counter not numeric"};
        a.e.pcnt = *pv;
        a.e.bcnt = *bv;
        break;
      }
      case 'f':
        once(a.have_f, c);
        a.e.ip.flags |= IPT_F_FRAG;
        if (a.invert) a.e.ip.invflags |= IPT_INV_FRAG;
        a.invert = false;
        break;
      case 't':
        no_invert(c);
        a.table = val;
        break;
      case 'n': no_invert(c); a.numeric = true; break;
      case 'v': no_invert(c); a.verbose = true; break;
      case 'x': no_invert(c); a.exact = true; break;
      case '0': no_invert(c); a.linenumbers = true; break;
      case 'h': throw ParamError{"\x03"};
      default: throw ParamError{"unknown option \"" + word + "\""};
    }
  }
};

// --- commands ---------------------------------------------------------

// The table -t names does not exist: exit 3.
struct TableError {
  std::string table;
};

// The errno of a refused table replace, as iptables prints it.
IptcError check_error(int err) {
  if (err == ELOOP) return IptcError{"Too many levels of symbolic links"};
  if (err == ENOENT) return IptcError{"No chain/target/match by that name"};  // e.g. CT --helper
  if (err == EOPNOTSUPP) return IptcError{"Operation not supported"};
  return IptcError{"Invalid argument", true};
}

XtChain* need_chain(XtTable& t, const std::string& name) {
  XtChain* c = t.find_chain(name);
  if (!c) throw IptcError{"No chain/target/match by that name"};
  return c;
}

void list_chain(Sink& out, XtChain& c, unsigned refs, const Args& a, unsigned fmt, bool first) {
  if (a.have_rulenum) {
    if (a.rulenum <= int(c.rules.size())) print_firewall(out, c.rules[size_t(a.rulenum - 1)], unsigned(a.rulenum), fmt);
    return;
  }
  if (!first) out.print("\n");
  print_header(out, c, refs, fmt);
  unsigned n = 0;
  for (const IptEntry& e : c.rules) print_firewall(out, e, ++n, fmt);
}

// The rules of one command line: one per (source, destination) pair.
std::vector<IptEntry> expand(const Args& a) {
  std::vector<IptEntry> out;
  auto srcs = a.srcs.empty() ? std::vector<std::pair<uint32_t, uint32_t>>{{0, 0}} : a.srcs;
  auto dsts = a.dsts.empty() ? std::vector<std::pair<uint32_t, uint32_t>>{{0, 0}} : a.dsts;
  for (auto [s, sm] : srcs)
    for (auto [d, dm] : dsts) {
      IptEntry r = a.e;
      r.ip.src = s, r.ip.smsk = sm, r.ip.dst = d, r.ip.dmsk = dm;
      out.push_back(r);
    }
  return out;
}

void do_command(Proc& p, Args& a, XtTable* staged) {
  if (a.command == CMD_NONE) throw ParamError{"no command specified"};
  if (a.command & (CMD_LIST | CMD_LIST_RULES | CMD_FLUSH | CMD_ZERO | CMD_ZERO_NUM | CMD_NEW_CHAIN |
                   CMD_DELETE_CHAIN | CMD_SET_POLICY | CMD_RENAME_CHAIN | CMD_DELETE_NUM)) {
    // generic_opt_check: rule options with a command that takes none.
    const std::pair<bool, char> kRuleOpts[] = {{a.have_s, 's'}, {a.have_d, 'd'}, {a.have_p, 'p'},
                                               {a.have_j, 'j'}, {a.have_i, 'i'}, {a.have_o, 'o'}};
    for (auto [have, c] : kRuleOpts)
      if (have) throw ParamError{fmt::format("Illegal option `-{}' with this command", c)};
  }
  if (a.chain.size() >= 29)
    throw ParamError{"chain name `" + a.chain + "' too long (must be under 29 chars)"};
  XtTable* tp = staged ? staged : xt_table_init(*p.net, a.table);
  if (!tp) throw TableError{a.table};
  XtTable& t = *tp;

  IptEntry& e = a.e;
  if (a.command & (CMD_APPEND | CMD_DELETE | CMD_INSERT | CMD_REPLACE | CMD_CHECK)) {
    if ((a.chain == "PREROUTING" || a.chain == "INPUT") && a.have_o)
      throw ParamError{"Can't use -o with " + a.chain + "\n"};
    if ((a.chain == "POSTROUTING" || a.chain == "OUTPUT") && a.have_i)
      throw ParamError{"Can't use -i with " + a.chain + "\n"};
    for (auto& m : e.matches) m->final_check();
    if (a.target) a.target->final_check();
    if (a.table == "nat" && a.jumpto == "DROP")
      throw ParamError{"\nThe \"nat\" table is not intended for filtering, the use of DROP is therefore inhibited.\n\n"};
    if (!a.jumpto.empty()) {
      if (XtChain* c = t.find_chain(a.jumpto)) {
        // A jump to a built-in chain is refused by the kernel's check.
        if (c->builtin()) throw IptcError{"Invalid argument", true};
        e.target = {XtVerdict::Jump, c, a.go_to};
      } else if (a.go_to) {
        throw ParamError{"goto '" + a.jumpto + "' is not a chain"};
      } else if (a.jumpto == "ACCEPT") {
        e.target.verdict = XtVerdict::Accept;
      } else if (a.jumpto == "DROP") {
        e.target.verdict = XtVerdict::Drop;
      } else if (a.jumpto == "RETURN") {
        e.target.verdict = XtVerdict::Return;
      } else if (a.target) {
        e.target.verdict = XtVerdict::Ext;
        e.target.ext = std::move(a.target);
      } else {
        throw ParamError{"Couldn't load target `" + a.jumpto + "':No such file or directory\n"};
      }
    }
  }

  const unsigned fmt = (a.numeric ? unsigned(FMT_NUMERIC) : 0u) | (a.verbose ? unsigned(FMT_VIA) : unsigned(FMT_NOCOUNTS)) |
                       (a.exact ? 0u : unsigned(FMT_KILOMEGAGIGA)) | unsigned(FMT_OPTIONS) |
                       (a.linenumbers ? unsigned(FMT_LINENUMBERS) : 0u);
  switch (a.command) {
    case CMD_APPEND:
    case CMD_INSERT: {
      XtChain* c = need_chain(t, a.chain);
      if (a.command == CMD_INSERT && a.rulenum > int(c->rules.size()) + 1) throw IptcError{"Index of insertion too big"};
      auto rules = expand(a);
      const size_t at = a.command == CMD_INSERT ? size_t(a.rulenum - 1) : c->rules.size();
      c->rules.insert(c->rules.begin() + ptrdiff_t(at), std::make_move_iterator(rules.begin()),
                      std::make_move_iterator(rules.end()));
      if (staged) break;
      if (int err = t.check()) {
        c->rules.erase(c->rules.begin() + ptrdiff_t(at), c->rules.begin() + ptrdiff_t(at + rules.size()));
        throw check_error(err);
      }
      for (size_t k = at; k < at + rules.size(); ++k) xt_entry_attach(*p.net, c->rules[k]);
      break;
    }
    case CMD_REPLACE: {
      XtChain* c = need_chain(t, a.chain);
      if (a.rulenum > int(c->rules.size())) throw IptcError{"Index of replacement too big"};
      IptEntry& slot = c->rules[size_t(a.rulenum - 1)];
      std::swap(slot, e);
      if (staged) break;
      if (int err = t.check()) {
        std::swap(slot, e);
        throw check_error(err);
      }
      xt_entry_attach(*p.net, slot);
      xt_entry_destroy(*p.net, e);
      break;
    }
    case CMD_DELETE_NUM: {
      XtChain* c = need_chain(t, a.chain);
      if (a.rulenum > int(c->rules.size())) throw IptcError{"Index of deletion too big"};
      if (!staged) xt_entry_destroy(*p.net, c->rules[size_t(a.rulenum - 1)]);
      c->rules.erase(c->rules.begin() + (a.rulenum - 1));
      break;
    }
    case CMD_DELETE:
    case CMD_CHECK: {
      XtChain* c = need_chain(t, a.chain);
      for (const IptEntry& want : expand(a)) {
        auto it = std::find_if(c->rules.begin(), c->rules.end(), [&](const IptEntry& r) { return r.same_rule(want); });
        // libiptc compares the target by name: with an extension or a chain
        // as target, a miss reads as an unknown target.
        if (it == c->rules.end())
          throw IptcError{want.target.verdict == XtVerdict::Ext || want.target.verdict == XtVerdict::Jump
                              ? "No chain/target/match by that name"
                              : "Bad rule (does a matching rule exist in that chain?)"};
        if (a.command == CMD_DELETE) {
          if (!staged) xt_entry_destroy(*p.net, *it);
          c->rules.erase(it);
        }
      }
      break;
    }
    case CMD_LIST:
    case CMD_LIST | CMD_ZERO:
    case CMD_LIST | CMD_ZERO_NUM:
    case CMD_LIST_RULES: {
      std::vector<XtChain*> chains;
      if (!a.chain.empty()) chains.push_back(need_chain(t, a.chain));
      else
        for (auto& c : t.chains) chains.push_back(c.get());
      if (a.command == CMD_LIST_RULES) {
        if (a.have_rulenum) {
          XtChain* c = chains[0];
          if (a.rulenum <= int(c->rules.size())) iptables_print_rule_save(p.out, *c, c->rules[size_t(a.rulenum - 1)]);
          else if (a.rulenum == 0) iptables_print_chain_save(p.out, *c);
          break;
        }
        for (XtChain* c : chains) iptables_print_chain_save(p.out, *c);
        for (XtChain* c : chains)
          for (const IptEntry& r : c->rules) iptables_print_rule_save(p.out, *c, r);
        break;
      }
      bool first = true;
      const auto refs = t.reference_counts();
      for (XtChain* c : chains) {
        auto r = refs.find(c);
        list_chain(p.out, *c, r == refs.end() ? 0 : r->second, a, fmt, first);
        first = false;
      }
      if (a.command & (CMD_ZERO | CMD_ZERO_NUM)) {
        for (XtChain* c : chains) {
          for (IptEntry& r : c->rules) r.pcnt = r.bcnt = 0;
          c->pcnt = c->bcnt = 0;
          if (a.verbose) p.out.print("Zeroing chain `{}'\n", c->name);
        }
      }
      break;
    }
    case CMD_FLUSH: {
      auto flush = [&](XtChain& c) {
        if (!staged)
          for (IptEntry& r : c.rules) xt_entry_destroy(*p.net, r);
        c.rules.clear();
      };
      if (!a.chain.empty()) flush(*need_chain(t, a.chain));
      else
        for (auto& c : t.chains) flush(*c);
      break;
    }
    case CMD_ZERO:
    case CMD_ZERO_NUM: {
      std::vector<XtChain*> chains;
      if (!a.chain.empty()) chains.push_back(need_chain(t, a.chain));
      else
        for (auto& c : t.chains) chains.push_back(c.get());
      for (XtChain* c : chains) {
        if (a.command == CMD_ZERO_NUM) {
          if (a.rulenum > int(c->rules.size())) throw IptcError{"Index of counter too big"};
          c->rules[size_t(a.rulenum - 1)].pcnt = c->rules[size_t(a.rulenum - 1)].bcnt = 0;
          continue;
        }
        for (IptEntry& r : c->rules) r.pcnt = r.bcnt = 0;
        c->pcnt = c->bcnt = 0;
      }
      break;
    }
    case CMD_NEW_CHAIN:
      if (t.find_chain(a.chain)) throw IptcError{"Chain already exists"};
      t.add_user_chain(a.chain);
      break;
    case CMD_DELETE_CHAIN: {
      // Without a name: every user chain, the last failure wins.
      std::vector<XtChain*> chains;
      if (!a.chain.empty()) chains.push_back(need_chain(t, a.chain));
      else
        for (auto& c : t.chains)
          if (!c->builtin()) chains.push_back(c.get());
      std::optional<IptcError> err;
      for (XtChain* c : chains) {
        if (c->builtin()) err = IptcError{"Invalid argument", true};
        else if (t.references(c)) err = IptcError{"Too many links"};
        else if (!c->rules.empty()) err = IptcError{"Directory not empty"};
        else t.del_chain(c);
      }
      if (err) throw *err;
      break;
    }
    case CMD_RENAME_CHAIN: {
      XtChain* c = need_chain(t, a.chain);
      if (c->builtin()) throw IptcError{"No chain/target/match by that name"};
      if (t.find_chain(a.newname)) throw IptcError{"File exists"};
      t.rename_chain(c, a.newname);
      break;
    }
    case CMD_SET_POLICY: {
      XtChain* c = need_chain(t, a.chain);
      if (!c->builtin()) throw IptcError{"Bad built-in chain name"};
      if (a.policy == "ACCEPT") c->policy = XtVerdict::Accept;
      else if (a.policy == "DROP") c->policy = XtVerdict::Drop;
      else throw IptcError{"Bad policy name", true};
      break;
    }
    default: break;
  }
  // iptables-legacy's commit of a change hands the kernel zero counters for
  // the built-in chains' policies (libiptc maps only the rules' counters):
  // every change zeroes them, as measured on Linux 6.18.
  if (!staged && !(a.command & (CMD_LIST | CMD_LIST_RULES | CMD_CHECK)))
    for (auto& c : t.chains)
      if (c->builtin()) c->pcnt = c->bcnt = 0;
}

}  // namespace

void iptables_do_command(Proc& p, std::span<const std::string> argv, XtTable* staged) {
  Parser ps{argv};
  try {
    ps.parse();
  } catch (const ParamError&) {
    p.err.write(ps.warnings);
    throw;
  }
  p.err.write(std::exchange(ps.warnings, {}));
  if (ps.a.invert) throw ParamError{"unexpected ! flag"};
  do_command(p, ps.a, staged);
}

int cmd_iptables(Proc& p, std::span<const std::string> argv) {
  try {
    iptables_do_command(p, argv, nullptr);
    return 0;
  } catch (const TableError& e) {
    p.err.print("{}can't initialize iptables table `{}': Table does not exist (do you need to insmod?)\n"
                "Perhaps iptables or your kernel needs to be upgraded.\n", kProg, e.table);
    return 3;
  } catch (const ParamError& e) {
    if (!e.msg.empty() && e.msg[0] == '\x01') {
      p.err.print("Bad argument `{}'\n{}", e.msg.substr(1), kTryHelp);
    } else if (!e.msg.empty() && e.msg[0] == '\x03') {
      p.out.print("iptables v1.8.9 (legacy)\n\n");
      return 0;
    } else {
      p.err.print("{}{}\n{}", kProg, e.msg, kTryHelp);
    }
    return 2;
  } catch (const IptcError& e) {
    p.err.print("iptables: {}.{}\n", e.msg, e.einval ? " Run `dmesg' for more information." : "");
    return 1;
  }
}

}  // namespace skbox
