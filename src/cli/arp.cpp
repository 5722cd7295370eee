// arp (net-tools 2.10): shows the ARP cache from /proc/net/arp in the default
// (-e) or BSD (-a) style, filtered by host (-H ether), interface (-i) or
// address; -s adds and -d deletes entries through the same paths as the
// SIOCSARP / SIOCDARP ioctls (arp_req_set / arp_req_delete).
//
// Not modelled: name resolution (names print as addresses, as with -n when
// no resolver answers), -f (reading /etc/ethers), `pub`/netmask proxy
// entries through -s, hardware types other than ether.
#include <cstdio>
#include <cstring>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "ipv4/ip.h"
#include "neigh/neigh_table.h"
#include "net/net.h"
#include "net/netdevice.h"

namespace skbox {

namespace {

constexpr unsigned ATF_COM = 0x02, ATF_PERM = 0x04, ATF_PUBL = 0x08, ATF_USETRAILERS = 0x10,
                   ATF_NETMASK = 0x20, ATF_DONTPUB = 0x40;

struct ArpExit {
  int status;
};

const char* const kUsage =
    "Usage:\n"
    "  arp [-vn]  [<HW>] [-i <if>] [-a] [<hostname>]             <-Display ARP cache\n"
    "  arp [-v]          [-i <if>] -d  <host> [pub]               <-Delete ARP entry\n"
    "  arp [-vnD] [<HW>] [-i <if>] -f  [<filename>]            <-Add entry from file\n"
    "  arp [-v]   [<HW>] [-i <if>] -s  <host> <hwaddr> [temp]            <-Add entry\n"
    "  arp [-v]   [<HW>] [-i <if>] -Ds <host> <if> [netmask <nm>] pub          <-''-\n"
    "\n"
    "        -a                       display (all) hosts in alternative (BSD) style\n"
    "        -e                       display (all) hosts in default (Linux) style\n"
    "        -s, --set                set a new ARP entry\n"
    "        -d, --delete             delete a specified entry\n"
    "        -v, --verbose            be verbose\n"
    "        -n, --numeric            don't resolve names\n"
    "        -i, --device             specify network interface (e.g. eth0)\n"
    "        -D, --use-device         read <hwaddr> from given device\n"
    "        -A, -p, --protocol       specify protocol family\n"
    "        -f, --file               read new entries from file or from /etc/ethers\n"
    "\n"
    "  <HW>=Use '-H <hw>' to specify hardware address type. Default: ether\n"
    "  List of possible hardware types (which support ARP):\n";
// print_hwlist writes to stderr whatever stream the usage went to.
const char* const kHwList =
    "    ash (Ash) ether (Ethernet) ax25 (AMPR AX.25) \n"
    "    netrom (AMPR NET/ROM) rose (AMPR ROSE) arcnet (ARCnet) \n"
    "    dlci (Frame Relay DLCI) fddi (Fiber Distributed Data Interface) hippi (HIPPI) \n"
    "    irda (IrLAP) x25 (generic X.25) eui64 (Generic EUI-64) \n";

class Arp {
 public:
  explicit Arp(Proc& p) : p_(p), net_(*p.net) {}
  int main(std::span<const std::string> argv);

 private:
  int show(const std::string& host);
  int set(const std::vector<std::string>& args);
  int del(const std::vector<std::string>& args);
  void disp(const std::string& ip, int type, unsigned flags, const std::string& hwa, const std::string& mask,
            const std::string& dev);
  // usage(E_USAGE) for -h goes to stdout (exit 0), usage(E_OPTERR) to
  // stderr (exit 3).
  [[noreturn]] void usage(int status) {
    (status == 0 ? p_.out : p_.err).write(kUsage);
    p_.err.write(kHwList);
    throw ArpExit{status};
  }

  Proc& p_;
  Net& net_;
  bool bsd_ = false;
  bool verbose_ = false;
  std::string device_;
  int title_ = 0;
};

void Arp::disp(const std::string& ip, int type, unsigned flags, const std::string& hwa, const std::string& mask,
               const std::string& dev) {
  const char* hwname = type == 1 ? "ether" : (type == 772 ? "loop" : "ether");
  char line[256];
  if (bsd_) {
    // arp_disp_2: "? (ip) at hwa [ether] on dev"
    std::string s = "? (" + ip + ") at ";
    if (!(flags & ATF_COM)) {
      s += (flags & ATF_PUBL) ? "<from_interface>" : "<incomplete>";
    } else {
      s += hwa + " [" + hwname + "]";
    }
    if (flags & ATF_NETMASK) s += " netmask " + mask;
    if (flags & ATF_PERM) s += " PERM";
    if (flags & ATF_PUBL) s += " PUB";
    if (flags & ATF_DONTPUB) s += " DONTPUB";
    if (flags & ATF_USETRAILERS) s += " TRAIL";
    s += " on " + dev + "\n";
    p_.out.write(s);
    return;
  }
  if (title_++ == 0) p_.out.write("Address                  HWtype  HWaddress           Flags Mask            Iface\n");
  std::string f;
  if (flags & ATF_COM) f += "C";
  if (flags & ATF_PERM) f += "M";
  if (flags & ATF_PUBL) f += "P";
  if (flags & ATF_DONTPUB) f += "!";
  if (flags & ATF_USETRAILERS) f += "T";
  const std::string m = (flags & ATF_NETMASK) ? mask : "";
  std::string s;
  std::snprintf(line, sizeof line, "%-23.23s  ", ip.c_str());
  s += line;
  if (!(flags & ATF_COM)) {
    std::snprintf(line, sizeof line, "%-8.8s%-20.20s", (flags & ATF_PUBL) ? "*" : "",
                  (flags & ATF_PUBL) ? "<from_interface>" : "(incomplete)");
  } else {
    std::snprintf(line, sizeof line, "%-8.8s%-20.20s", hwname, hwa.c_str());
  }
  s += line;
  std::snprintf(line, sizeof line, "%-6.6s%-15.15s %s\n", f.c_str(), m.c_str(), dev.c_str());
  s += line;
  p_.out.write(s);
}

// arp_show: walks /proc/net/arp.
int Arp::show(const std::string& host) {
  std::optional<Ipv4Addr> want;
  if (!host.empty()) {
    want = Ipv4Addr::parse(host);
    if (!want) {
      p_.err.print("{}: Unknown host\n", host);
      return 255;
    }
  }
  std::istringstream in(neigh_proc_arp(net_));
  std::string line;
  std::getline(in, line);  // header
  int entries = 0, showed = 0;
  while (std::getline(in, line)) {
    char ip[100], hwa[100], mask[100], dev[100];
    unsigned type = 0, flags = 0;
    if (std::sscanf(line.c_str(), "%99s 0x%x 0x%x %99s %99s %99s", ip, &type, &flags, hwa, mask, dev) < 4)
      continue;
    ++entries;
    if (want && Ipv4Addr::parse(ip) != want) continue;
    if (!device_.empty() && device_ != dev) continue;
    ++showed;
    disp(ip, int(type), flags, hwa, mask, dev);
  }
  if (verbose_)
    p_.out.print("Entries: {}\tSkipped: {}\tFound: {}\n", entries, entries - showed, showed);
  if (!showed) {
    if (want)
      p_.out.print("{} ({}) -- no entry\n", host, want->str());
    else if (!device_.empty())
      p_.out.print("arp: in {} entries no match found.\n", entries);
  }
  return 0;
}

// The device an entry without -i goes to: the on-link route's device
// (ip_route_output with RTO_ONLINK).
NetDevice* route_dev(Net& net, Ipv4Addr ip) {
  Flowi4 fl;
  fl.daddr = ip;
  fl.scope = RT_SCOPE_LINK;
  RouteOut rt;
  if (ip_route_output(net, fl, rt) < 0) return nullptr;
  return rt.dst.dev;
}

// arp_set → SIOCSARP → arp_req_set: PERMANENT unless "temp" (then STALE).
int Arp::set(const std::vector<std::string>& args) {
  if (args.size() < 2) usage(3);
  auto ip = Ipv4Addr::parse(args[0]);
  if (!ip) {
    p_.err.print("{}: Unknown host\n", args[0]);
    return 255;
  }
  auto mac = MacAddr::parse(args[1]);
  if (!mac) {
    p_.err.print("arp: invalid hardware address\n");
    return 255;
  }
  bool perm = true;
  for (size_t i = 2; i < args.size(); ++i) {
    if (args[i] == "temp") perm = false;
    else if (args[i] == "pub" || args[i] == "netmask") {
      p_.err.print("arp: proxy entries through -s are not supported here\n");
      return 255;
    }
  }
  NetDevice* dev = device_.empty() ? route_dev(net_, *ip) : net_.dev_get_by_name(device_);
  if (!dev) {
    p_.err.print("SIOCSARP: {}\n", device_.empty() ? "Network is unreachable" : "No such device");
    return 255;
  }
  NeighTable& tbl = arp_table(net_);
  Neighbour* n = tbl.lookup_or_create(dev, *ip, true);
  if (!n) {
    p_.err.print("SIOCSARP: Invalid argument\n");
    return 255;
  }
  const int err = neigh_update(n, &*mac, perm ? NUD_PERMANENT : NUD_STALE,
                               NEIGH_UPDATE_F_OVERRIDE | NEIGH_UPDATE_F_ADMIN);
  if (err < 0) {
    p_.err.print("SIOCSARP: {}\n", std::strerror(-err));
    return 255;
  }
  return 0;
}

// arp_del → SIOCDARP → arp_invalidate(force).
int Arp::del(const std::vector<std::string>& args) {
  if (args.empty()) usage(3);
  auto ip = Ipv4Addr::parse(args[0]);
  if (!ip) {
    p_.err.print("{}: Unknown host\n", args[0]);
    return 255;
  }
  NetDevice* dev = device_.empty() ? route_dev(net_, *ip) : net_.dev_get_by_name(device_);
  NeighTable& tbl = arp_table(net_);
  Neighbour* n = dev ? tbl.lookup(dev, *ip) : nullptr;
  if (!n) {
    p_.err.print("No ARP entry for {}\n", args[0]);
    return 255;
  }
  NeighRequest req;
  req.dst = *ip;
  req.dev = dev;
  neigh_delete(net_, req, nullptr);
  return 0;
}

int Arp::main(std::span<const std::string> argv) {
  enum class Mode { Show, Set, Del } mode = Mode::Show;
  std::vector<std::string> rest;
  for (size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a == "--numeric") continue;
    if (a == "--verbose") {
      verbose_ = true;
      continue;
    }
    if (a == "--set") {
      mode = Mode::Set;
      continue;
    }
    if (a == "--delete") {
      mode = Mode::Del;
      continue;
    }
    if (a == "--device") {
      if (++i >= argv.size()) usage(3);
      device_ = argv[i];
      continue;
    }
    if (a.size() < 2 || a[0] != '-') {
      rest.push_back(a);
      continue;
    }
    for (size_t j = 1; j < a.size(); ++j) {
      const char c = a[j];
      switch (c) {
        case 'n': break;
        case 'v': verbose_ = true; break;
        case 'a': bsd_ = true; break;
        case 'e': bsd_ = false; break;
        case 's': mode = Mode::Set; break;
        case 'd': mode = Mode::Del; break;
        case 'D': break;
        case 'i':
        case 'H':
        case 'A':
        case 'p': {
          std::string v;
          if (j + 1 < a.size()) v = a.substr(j + 1);
          else if (i + 1 < argv.size()) v = argv[++i];
          else usage(3);
          if (c == 'i') device_ = v;
          else if ((c == 'H' && v != "ether") || ((c == 'A' || c == 'p') && v != "inet")) {
            p_.err.print("arp: {}: unknown {}.\n", v, c == 'H' ? "hardware type" : "address family");
            return 255;
          }
          j = a.size();
          break;
        }
        case 'V':
          p_.out.write("net-tools 2.10\n");
          return 0;
        case 'h':
          usage(0);
        default:
          p_.err.print("arp: invalid option -- '{}'\n", c);
          usage(3);
      }
    }
  }
  switch (mode) {
    case Mode::Set: return set(rest);
    case Mode::Del: return del(rest);
    default: return show(rest.empty() ? std::string() : rest[0]);
  }
}

}  // namespace

int cmd_arp(Proc& p, std::span<const std::string> argv) {
  try {
    Arp a(p);
    return a.main(argv);
  } catch (const ArpExit& e) {
    return e.status;
  }
}

}  // namespace skbox
