// `ip link add NAME type vxlan ...` and `ip -d link show` of a vxlan
// device (iproute2's iplink_vxlan.c, talking to the kernel's
// vxlan_newlink / vxlan_fill_info).
// Options the datapath does not model (rsc, df, flowlabel, external, gbp,
// gpe, vnifilter, remote checksum offload, maxaddress, IPv6) parse as
// iproute2 parses them and are then refused with EOPNOTSUPP, and
// `ip link set DEV type vxlan ...` (changelink) is refused the same way.
#include <fmt/format.h>

#include <cstdlib>

#include "cli/ip/iplink_kind.h"
#include "dev/vxlan.h"
#include "net/net.h"

namespace skbox {

namespace {

struct VxlanArgs : LinkKindArgs {
  VxlanConfig cfg;
  bool unsupported = false;
};

const char kVxlanUsage[] =
    "Usage: ... vxlan id VNI\n"
    "\t\t[ { group | remote } IP_ADDRESS ]\n"
    "\t\t[ local ADDR ]\n"
    "\t\t[ ttl TTL ]\n"
    "\t\t[ tos TOS ]\n"
    "\t\t[ df DF ]\n"
    "\t\t[ flowlabel LABEL ]\n"
    "\t\t[ dev PHYS_DEV ]\n"
    "\t\t[ dstport PORT ]\n"
    "\t\t[ srcport MIN MAX ]\n"
    "\t\t[ [no]learning ]\n"
    "\t\t[ [no]proxy ]\n"
    "\t\t[ [no]rsc ]\n"
    "\t\t[ [no]l2miss ]\n"
    "\t\t[ [no]l3miss ]\n"
    "\t\t[ ageing SECONDS ]\n"
    "\t\t[ maxaddress NUMBER ]\n"
    "\t\t[ [no]udpcsum ]\n"
    "\t\t[ [no]udp6zerocsumtx ]\n"
    "\t\t[ [no]udp6zerocsumrx ]\n"
    "\t\t[ [no]remcsumtx ] [ [no]remcsumrx ]\n"
    "\t\t[ [no]external ] [ gbp ] [ gpe ]\n"
    "\t\t[ [no]vnifilter ]\n"
    "\n"
    "Where:\tVNI\t:= 0-16777215\n"
    "\tADDR\t:= { IP_ADDRESS | any }\n"
    "\tTOS\t:= { NUMBER | inherit }\n"
    "\tTTL\t:= { 1..255 | auto | inherit }\n"
    "\tDF\t:= { unset | set | inherit }\n"
    "\tLABEL := 0-1048575\n";

// get_u32/get_u16 with base 0 (strtoul: 0x.. hex, 0.. octal).
std::optional<uint32_t> get_unsigned(const std::string& s, uint32_t max) {
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const unsigned long v = std::strtoul(s.c_str(), &end, 0);
  if (*end || errno || v > max) return std::nullopt;
  return static_cast<uint32_t>(v);
}

int vxlan_parse_opt(Proc& p, std::span<const std::string> a, bool is_add, std::unique_ptr<LinkKindArgs>& out) {
  if (a.empty()) return -1;  // iproute2 sends no IFLA_INFO_DATA at all
  auto args = std::make_unique<VxlanArgs>();
  VxlanConfig& c = args->cfg;
  bool vni_set = false, dstport_set = false, have_group = false, have_remote = false, have_link = false;
  Net* net = p.net;
  size_t i = 0;
  auto next = [&]() -> const std::string* {
    if (i + 1 >= a.size()) {
      p.err.print("Command line is not complete. Try option \"help\"\n");
      return nullptr;
    }
    return &a[++i];
  };
  auto invarg = [&](std::string_view msg, const std::string& arg) {
    p.err.print("Error: argument \"{}\" is wrong: {}\n", arg, msg);
    return 255;
  };
  // get_addr for AF_UNSPEC: a dotted quad (IPv6 is not modelled).
  auto get_addr = [&](const std::string& s, Ipv4Addr& out_addr, bool allow_any) -> int {
    if (allow_any && (s == "any" || s == "default" || s == "all")) {
      out_addr = Ipv4Addr::any();
      return -1;
    }
    auto v = parse_ipv4_loose(s);
    if (!v) {
      p.err.print("Error: any valid address is expected rather than \"{}\".\n", s);
      return 1;
    }
    out_addr = *v;
    return -1;
  };
  for (; i < a.size(); ++i) {
    const std::string& w = a[i];
    if (w == "id" || w == "vni") {
      const std::string* v = next();
      if (!v) return 255;
      auto n = get_unsigned(*v, UINT32_MAX);
      if (!n || *n >= (1u << 24)) return invarg("invalid id", *v);
      c.vni = *n;
      vni_set = true;
    } else if (w == "group" || w == "remote") {
      const std::string* v = next();
      if (!v) return 255;
      Ipv4Addr addr;
      if (const int rc = get_addr(*v, addr, false); rc >= 0) return rc;
      if (w == "group") {
        if (!addr.is_multicast()) return invarg("invalid group address", *v);
        have_group = true;
      } else {
        if (addr.is_multicast()) return invarg("invalid remote address", *v);
        have_remote = true;
      }
      c.remote_ip = addr;
    } else if (w == "local") {
      const std::string* v = next();
      if (!v) return 255;
      Ipv4Addr addr;
      if (const int rc = get_addr(*v, addr, true); rc >= 0) return rc;
      if (addr.is_multicast()) return invarg("invalid local address", *v);
      c.saddr = addr;
    } else if (w == "dev") {
      const std::string* v = next();
      if (!v) return 255;
      NetDevice* d = net ? net->dev_get_by_name(*v) : nullptr;
      if (!d) {
        p.err.print("Cannot find device \"{}\"\n", *v);
        return 255;
      }
      c.remote_ifindex = d->ifindex;
      have_link = true;
    } else if (w == "ttl" || w == "hoplimit") {
      const std::string* v = next();
      if (!v) return 255;
      if (*v == "inherit") {
        c.ttl_inherit = true;
      } else if (*v == "auto") {
        c.ttl = 0;
      } else {
        auto n = get_unsigned(*v, UINT32_MAX);
        if (!n) return invarg("invalid TTL", *v);
        if (*n > 255) return invarg("TTL must be <= 255", *v);
        c.ttl = static_cast<uint8_t>(*n);
      }
    } else if (w == "tos" || w == "dsfield") {
      const std::string* v = next();
      if (!v) return 255;
      if (*v == "inherit") {
        c.tos = 1;
      } else {
        // rtnl_dsfield_a2n: a hexadecimal number (no names configured).
        char* end = nullptr;
        const unsigned long n = std::strtoul(v->c_str(), &end, 16);
        if (v->empty() || *end || n > 255) return invarg("bad TOS value", *v);
        c.tos = static_cast<uint8_t>(n);
      }
    } else if (w == "ageing") {
      const std::string* v = next();
      if (!v) return 255;
      // 0 ("none") is never sent, so the kernel keeps its 300 seconds.
      if (*v != "none") {
        auto n = get_unsigned(*v, UINT32_MAX);
        if (!n) return invarg("ageing timer", *v);
        if (*n) c.age_interval = *n;
      }
    } else if (w == "dstport") {
      const std::string* v = next();
      if (!v) return 255;
      auto n = get_unsigned(*v, 0xffff);
      if (!n) return invarg("dst port", *v);
      c.dst_port = *n ? static_cast<uint16_t>(*n) : kVxlanDefaultPort;
      dstport_set = true;
    } else if (w == "srcport" || w == "port") {
      const std::string* v = next();
      if (!v) return 255;
      auto lo = get_unsigned(*v, 0xffff);
      if (!lo) return invarg("min port", *v);
      v = next();
      if (!v) return 255;
      auto hi = get_unsigned(*v, 0xffff);
      if (!hi) return invarg("max port", *v);
      c.port_min = static_cast<uint16_t>(*lo);
      c.port_max = static_cast<uint16_t>(*hi);
    } else if (w == "maxaddress") {
      const std::string* v = next();
      if (!v) return 255;
      if (*v != "unlimited") {
        auto n = get_unsigned(*v, UINT32_MAX);
        if (!n) return invarg("max addresses", *v);
        if (*n) args->unsupported = true;
      }
    } else if (w == "df" || w == "flowlabel") {
      const std::string* v = next();
      if (!v) return 255;
      if (*v != "unset" && *v != "0") args->unsupported = true;
    } else if (w == "learning" || w == "nolearning") {
      c.learn = w == "learning";
    } else if (w == "proxy" || w == "noproxy") {
      c.proxy = w == "proxy";
    } else if (w == "l2miss" || w == "nol2miss") {
      c.l2miss = w == "l2miss";
    } else if (w == "l3miss" || w == "nol3miss") {
      c.l3miss = w == "l3miss";
    } else if (w == "udpcsum" || w == "noudpcsum") {
      c.udp_csum = w == "udpcsum";
    } else if (w == "udp6zerocsumtx" || w == "noudp6zerocsumtx" || w == "udp6zerocsumrx" ||
               w == "noudp6zerocsumrx" || w == "norsc" || w == "noremcsumtx" || w == "noremcsumrx" ||
               w == "noexternal" || w == "novnifilter") {
      // IPv6-only or "off" forms: nothing to change for an IPv4 device.
    } else if (w == "rsc" || w == "remcsumtx" || w == "remcsumrx" || w == "external" || w == "gbp" ||
               w == "gpe" || w == "vnifilter") {
      args->unsupported = true;
    } else if (w == "help") {
      p.err.write(kVxlanUsage);
      return 1;
    } else {
      p.err.print("vxlan: unknown command \"{}\"?\n", w);
      p.err.write(kVxlanUsage);
      return 1;
    }
  }
  if (is_add && !vni_set) {
    p.err.print("vxlan: missing virtual network identifier\n");
    return 1;
  }
  if (have_group && have_remote) {
    p.err.print("vxlan: both group and remote cannot be specified\n");
    return 1;
  }
  if (have_group && !have_link) {
    p.err.print("vxlan: 'group' requires 'dev' to be specified\n");
    return 1;
  }
  if (is_add && !dstport_set)
    p.err.print(
        "vxlan: destination port not specified\n"
        "Will use Linux kernel default (non-standard value)\n"
        "Use 'dstport 4789' to get the IANA assigned value\n"
        "Use 'dstport 0' to get default and quiet this message\n");
  out = std::move(args);
  return -1;
}

Expected<NetDevice*> vxlan_kind_newlink(Net& net, const std::string& name, const LinkKindArgs* la,
                                        std::string& extack) {
  const auto* a = static_cast<const VxlanArgs*>(la);
  if (!a) {
    // No IFLA_VXLAN_ID: the netlink policy's required attribute.
    extack = "Required attributes not provided to perform the operation";
    return Errno(EINVAL);
  }
  if (a->unsupported) return Errno(EOPNOTSUPP);
  return vxlan_newlink(net, name, a->cfg, extack);
}

void vxlan_print_opt(IpPrinter& pr, const IpOptions&, NetDevice* dev) {
  auto* vx = static_cast<VxlanDev*>(dev);
  const VxlanConfig& c = vx->cfg;
  pr.uint(PrintKind::Any, "id", "id {} ", c.vni);
  if (!c.remote_ip.is_any()) {
    if (c.remote_ip.is_multicast())
      pr.str(PrintKind::Any, "group", "group {} ", c.remote_ip.str());
    else
      pr.str(PrintKind::Any, "remote", "remote {} ", c.remote_ip.str());
  }
  if (!c.saddr.is_any()) pr.str(PrintKind::Any, "local", "local {} ", c.saddr.str());
  if (c.remote_ifindex) {
    if (NetDevice* l = vx->net->dev_get_by_index(c.remote_ifindex))
      pr.str(PrintKind::Any, "link", "dev {} ", l->name);
    else
      pr.uint(PrintKind::Any, "link_index", "dev {} ", static_cast<uint32_t>(c.remote_ifindex));
  }
  pr.open_object("port_range");
  pr.uint(PrintKind::Any, "low", "srcport {} ", c.port_min);
  pr.uint(PrintKind::Any, "high", "{} ", c.port_max);
  pr.close_object();
  pr.uint(PrintKind::Any, "port", "dstport {} ", c.dst_port);
  pr.boolean(PrintKind::Json, "learning", "", c.learn);
  if (!c.learn) pr.fp("nolearning ");
  if (c.proxy) pr.boolean(PrintKind::Any, "proxy", "proxy ", true);
  if (c.l2miss) pr.boolean(PrintKind::Any, "l2miss", "l2miss ", true);
  if (c.l3miss) pr.boolean(PrintKind::Any, "l3miss", "l3miss ", true);
  if (c.tos == 1)
    pr.str(PrintKind::Any, "tos", "tos {} ", "inherit");
  else if (c.tos)
    pr.str(PrintKind::Any, "tos", "tos {} ", fmt::format("{:#x}", c.tos));
  if (c.ttl_inherit)
    pr.str(PrintKind::Any, "ttl", "ttl {} ", "inherit");
  else if (c.ttl)
    pr.uint(PrintKind::Any, "ttl", "ttl {} ", c.ttl);
  else
    pr.str(PrintKind::Any, "ttl", "ttl {} ", "auto");
  pr.uint(PrintKind::Any, "ageing", "ageing {} ", c.age_interval);
  if (pr.json) {
    pr.boolean(PrintKind::Json, "udp_csum", "", c.udp_csum);
    pr.boolean(PrintKind::Json, "udp_zero_csum6_tx", "", false);
    pr.boolean(PrintKind::Json, "udp_zero_csum6_rx", "", false);
  } else {
    pr.fp(c.udp_csum ? "udpcsum " : "noudpcsum ");
    pr.fp("noudp6zerocsumtx noudp6zerocsumrx ");
  }
}

}  // namespace

extern const LinkKind vxlan_link_kind = {"vxlan", vxlan_parse_opt, vxlan_kind_newlink, nullptr, vxlan_print_opt};

}  // namespace skbox
