// `ip` (iproute2 6.1 ip/ip.c): global options, then the object dispatch.
// Objects matched by prefix in iproute2's table order, so `ip a`, `ip r`,
// `ip l`, `ip n` pick what the real tool picks.
#include <cstring>

#include "cli/ip/ip_common.h"
#include "net/net.h"
#include "net/world.h"

namespace skbox {

namespace {

void ip_usage(Proc& p) {
  p.err.print(
      "Usage: ip [ OPTIONS ] OBJECT {{ COMMAND | help }}\n"
      "       ip [ -force ] -batch filename\n"
      "where  OBJECT := {{ address | addrlabel | amt | fou | help | ila | ioam | l2tp |\n"
      "                   link | macsec | maddress | monitor | mptcp | mroute | mrule |\n"
      "                   neighbor | neighbour | netconf | netns | nexthop | ntable |\n"
      "                   ntbl | route | rule | sr | tap | tcpmetrics |\n"
      "                   token | tunnel | tuntap | vrf | xfrm }}\n"
      "       OPTIONS := {{ -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |\n"
      "                    -h[uman-readable] | -iec | -j[son] | -p[retty] |\n"
      "                    -f[amily] {{ inet | inet6 | mpls | bridge | link }} |\n"
      "                    -4 | -6 | -M | -B | -0 |\n"
      "                    -l[oops] {{ maximum-addr-flush-attempts }} | -br[ief] |\n"
      "                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |\n"
      "                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |\n"
      "                    -c[olor]}}\n");
}

using SubFn = int (*)(Proc&, const IpOptions&, std::span<const std::string>);

int not_supported(Proc& p, const IpOptions&, std::span<const std::string>) {
  p.err.print("skbox: this ip object is not modelled\n");
  return 1;
}

struct Obj {
  const char* name;
  SubFn fn;
};
// iproute2's cmds[] order (matters for prefix matching).
const Obj kObjects[] = {
    {"address", do_ipaddr},   {"addrlabel", not_supported}, {"maddress", not_supported},
    {"route", do_iproute},    {"rule", do_iprule},          {"neighbor", do_ipneigh},
    {"neighbour", do_ipneigh}, {"ntable", not_supported},   {"ntbl", not_supported},
    {"link", do_iplink},      {"l2tp", not_supported},      {"fou", not_supported},
    {"ila", not_supported},   {"macsec", not_supported},    {"tunnel", not_supported},
    {"tuntap", not_supported}, {"tap", not_supported},      {"token", not_supported},
    {"tcpmetrics", not_supported}, {"tcp_metrics", not_supported}, {"monitor", not_supported},
    {"xfrm", not_supported},  {"mroute", not_supported},    {"mrule", not_supported},
    {"netns", do_ipnetns},    {"netconf", not_supported},   {"vrf", not_supported},
    {"sr", not_supported},    {"nexthop", not_supported},   {"mptcp", not_supported},
    {"ioam", not_supported},  {"stats", not_supported},
};

}  // namespace

int cmd_ip(Proc& p, std::span<const std::string> argv) {
  IpOptions o;
  o.net = p.net;
  size_t i = 1;
  while (i < argv.size()) {
    std::string_view opt = argv[i];
    if (opt == "--") {
      ++i;
      break;
    }
    if (opt.empty() || opt[0] != '-') break;
    if (opt.size() > 1 && opt[1] == '-') opt.remove_prefix(1);
    auto need_arg = [&]() -> bool {
      if (i + 1 >= argv.size()) {
        ip_usage(p);
        return false;
      }
      ++i;
      return true;
    };
    if (matches(opt, "-loops")) {
      if (!need_arg()) return 255;
    } else if (matches(opt, "-family")) {
      if (!need_arg()) return 255;
      const std::string& f = argv[i];
      if (f == "inet") o.family = 2;
      else if (f == "inet6") o.family = 10;
      else if (f == "link") o.family = 17;
      else if (f == "mpls" || f == "bridge") o.family = f == "mpls" ? 28 : 7;
      else {
        p.err.print("Error: argument \"{}\" is wrong: invalid protocol family\n\n", f);
        return 255;
      }
    } else if (opt == "-4") {
      o.family = 2;
    } else if (opt == "-6") {
      o.family = 10;
    } else if (opt == "-0") {
      o.family = 17;
    } else if (opt == "-M") {
      o.family = 28;
    } else if (opt == "-B") {
      o.family = 7;
    } else if (matches(opt, "-human") || matches(opt, "-human-readable")) {
    } else if (matches(opt, "-iec")) {
    } else if (matches(opt, "-stats") || matches(opt, "-statistics")) {
      ++o.stats;
    } else if (matches(opt, "-details")) {
      ++o.details;
    } else if (matches(opt, "-resolve")) {
      o.resolve = true;
    } else if (matches(opt, "-oneline")) {
      o.oneline = true;
    } else if (matches(opt, "-timestamp") || matches(opt, "-tshort")) {
    } else if (matches(opt, "-Version")) {
      p.out.print("ip utility, iproute2-6.1.0, libbpf 1.1.2\n");
      return 0;
    } else if (matches(opt, "-force")) {
      o.force = true;
    } else if (matches(opt, "-batch")) {
      p.err.print("skbox: ip -batch is not supported\n");
      return 255;
    } else if (matches(opt, "-brief")) {
      o.brief = true;
    } else if (matches(opt, "-json")) {
      o.json = true;
    } else if (matches(opt, "-pretty")) {
      o.pretty = true;
    } else if (matches(opt, "-rcvbuf")) {
      if (!need_arg()) return 255;
    } else if (opt.size() >= 2 && matches(opt.substr(0, opt.find('=')), "-color")) {
      // colors are never used on a non-tty
    } else if (matches(opt, "-help")) {
      ip_usage(p);
      return 255;
    } else if (matches(opt, "-netns")) {
      if (!need_arg()) return 255;
      Net* n = ip_find_netns(p, argv[i]);
      if (!n) {
        p.err.print("Cannot open network namespace \"{}\": No such file or directory\n", argv[i]);
        return 255;
      }
      o.net = n;
    } else if (matches(opt, "-Numeric")) {
      o.numeric = true;
    } else if (matches(opt, "-all")) {
      o.all = true;
    } else if (opt == "-echo") {
    } else {
      p.err.print("Option \"{}\" is unknown, try \"ip -help\".\n", argv[i]);
      return 255;
    }
    ++i;
  }
  if (o.json && o.pretty == false) {
  }
  if (i >= argv.size()) {
    ip_usage(p);
    return 255;
  }
  const std::string& obj = argv[i];
  std::span<const std::string> rest = argv.subspan(i + 1);
  if (obj == "help") {
    ip_usage(p);
    return 255;
  }
  for (const Obj& c : kObjects) {
    if (matches(obj, c.name)) {
      Proc sub{p.world, o.net, p.in, p.out, p.err};
      return c.fn(sub, o, rest) & 0xff;
    }
  }
  p.err.print("Object \"{}\" is unknown, try \"ip help\".\n", obj);
  return 1;
}

}  // namespace skbox
