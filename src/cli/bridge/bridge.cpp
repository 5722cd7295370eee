// `bridge [OPTIONS] OBJECT ...`: option parsing and dispatch (bridge.c).
#include "cli/bridge/bridge.h"

#include "cli/ip/ip_common.h"

namespace skbox {

namespace {

int bridge_usage(Proc& p) {
  p.err.write(
      "Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }\n"
      "       bridge [ -force ] -batch filename\n"
      "where  OBJECT := { link | fdb | mdb | vlan | monitor }\n"
      "       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] |\n"
      "                    -o[neline] | -t[imestamp] | -n[etns] name |\n"
      "                    -c[ompressvlans] -color -p[retty] -j[son] }\n");
  return 255;
}

}  // namespace

int cmd_bridge(Proc& p, std::span<const std::string> argv) {
  BridgeOptions o;
  o.net = p.net;
  size_t i = 1;
  for (; i < argv.size(); ++i) {
    std::string_view opt = argv[i];
    if (opt.empty() || opt[0] != '-') break;
    if (opt.size() > 1 && opt[1] == '-') opt.remove_prefix(1);
    if (matches(opt, "-details")) {
      ++o.details;
    } else if (matches(opt, "-statistics")) {
      ++o.stats;
    } else if (matches(opt, "-netns")) {
      if (++i >= argv.size()) return bridge_usage(p);
      Net* n = ip_find_netns(p, argv[i]);
      if (!n) return 255;
      o.net = n;
    } else if (opt == "-help" || opt == "-h") {
      return bridge_usage(p);
    } else {
      p.err.print("Option \"{}\" is unknown, try \"bridge help\".\n", argv[i]);
      return 255;
    }
  }
  if (i >= argv.size()) return bridge_usage(p);
  const std::string& obj = argv[i];
  auto rest = argv.subspan(i + 1);
  if (matches(obj, "link")) return do_bridge_link(p, o, rest);
  if (matches(obj, "fdb")) return do_bridge_fdb(p, o, rest);
  if (matches(obj, "help")) return bridge_usage(p);
  p.err.print("Object \"{}\" is unknown, try \"bridge help\".\n", obj);
  return 255;
}

}  // namespace skbox
