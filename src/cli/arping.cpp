// arping (iputils 20221126): sends ARP requests (or, with -U/-A, unsolicited
// requests/replies) through a packet socket bound to ETH_P_ARP on one device
// and reports the replies, in virtual time. Duplicate address detection
// (-D), broadcast-only (-b), quit on first reply (-f), quiet (-q), count,
// deadline and interval behave and exit like the real tool.
//
// Not modelled: name resolution (only dotted addresses), -V's build
// configuration, signals (SIGINT), and the packet socket's copy of our own
// outgoing frames (arping discards those anyway).
#include <climits>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/getopt.h"
#include "core/task.h"
#include "ipv4/ip.h"
#include "neigh/neigh_table.h"
#include "net/net.h"
#include "net/netdevice.h"
#include "net/world.h"
#include "wire/arp.h"

namespace skbox {

namespace {

struct ArpingExit {
  int status;
};

constexpr int kFinalPacks = 2;

const char* const kUsage =
    "\nUsage:\n"
    "  arping [options] <destination>\n"
    "\nOptions:\n"
    "  -f            quit on first reply\n"
    "  -q            be quiet\n"
    "  -b            keep on broadcasting, do not unicast\n"
    "  -D            duplicate address detection mode\n"
    "  -U            unsolicited ARP mode, update your neighbours\n"
    "  -A            ARP answer mode, update your neighbours\n"
    "  -V            print version and exit\n"
    "  -c <count>    how many packets to send\n"
    "  -w <timeout>  how long to wait for a reply\n"
    "  -i <interval> set interval between packets (default: 1 second)\n"
    "  -I <device>   which ethernet device to use\n"
    "  -s <source>   source ip address\n"
    "  <destination> dns name or ip address\n"
    "\nFor more details see arping(8).\n";

// inet_aton: 1 to 4 numbers (decimal, octal or hex); the last fills the
// remaining bytes.
std::optional<Ipv4Addr> inet_aton(const std::string& s) {
  uint32_t parts[4];
  int n = 0;
  const char* cp = s.c_str();
  while (true) {
    if (!(*cp >= '0' && *cp <= '9')) return std::nullopt;
    char* end = nullptr;
    errno = 0;
    unsigned long v = std::strtoul(cp, &end, 0);
    if (errno || end == cp || v > 0xffffffffUL) return std::nullopt;
    if (n == 4) return std::nullopt;
    parts[n++] = uint32_t(v);
    if (*end == '\0') break;
    if (*end != '.') return std::nullopt;
    cp = end + 1;
  }
  uint32_t a = 0;
  switch (n) {
    case 1: a = parts[0]; break;
    case 2:
      if (parts[0] > 0xff || parts[1] > 0xffffff) return std::nullopt;
      a = parts[0] << 24 | parts[1];
      break;
    case 3:
      if (parts[0] > 0xff || parts[1] > 0xff || parts[2] > 0xffff) return std::nullopt;
      a = parts[0] << 24 | parts[1] << 16 | parts[2];
      break;
    case 4:
      for (int i = 0; i < 4; ++i)
        if (parts[i] > 0xff) return std::nullopt;
      a = parts[0] << 24 | parts[1] << 16 | parts[2] << 8 | parts[3];
      break;
  }
  return Ipv4Addr(a);
}

std::string hex_upper(const MacAddr& m) {
  return fmt::format("{:02X}:{:02X}:{:02X}:{:02X}:{:02X}:{:02X}", m.b[0], m.b[1], m.b[2], m.b[3], m.b[4], m.b[5]);
}

class Arping {
 public:
  explicit Arping(Proc& p) : p_(p), net_(*p.net), tbl_(arp_table(*p.net)) {}
  ~Arping() {
    if (tap_registered_) tbl_.tap_del(&tap_);
  }

  int main(std::span<const std::string> argv);

 private:
  [[noreturn]] void fail(int status, const std::string& msg, int errnum = 0) {
    p_.out.flush();
    if (errnum)
      p_.err.print("arping: {}: {}\n", msg, std::strerror(errnum));
    else
      p_.err.print("arping: {}\n", msg);
    throw ArpingExit{status};
  }
  [[noreturn]] void usage() {
    p_.out.flush();
    p_.err.write(kUsage);
    throw ArpingExit{2};
  }
  long strtol_or_err(const std::string& s, long min, long max) {
    errno = 0;
    char* end = nullptr;
    long v = std::strtol(s.c_str(), &end, 10);
    const int e = errno;
    if (s.empty() || e || end == s.c_str() || *end) fail(1, fmt::format("invalid argument: '{}'", s), e);
    if (v < min || v > max)
      fail(1, fmt::format("invalid argument: '{}': out of range: {} <= value <= {}", s, min, max));
    return v;
  }
  std::vector<std::string> parse(std::span<const std::string> argv);
  void option(char c, const std::string& arg);
  void check_device();
  void send_pack();
  int recv_pack(const ArpTap::Frame& f);
  int event_loop();
  int finish();

  Proc& p_;
  Net& net_;
  NeighTable& tbl_;
  ArpTap tap_;
  bool tap_registered_ = false;

  std::optional<std::string> device_;
  NetDevice* dev_ = nullptr;
  std::optional<std::string> source_;
  Ipv4Addr gsrc_, gdst_;
  int count_ = -1;
  long timeout_ = 0;
  long interval_ = 1;
  bool advert_ = false, broadcast_only_ = false, dad_ = false, quiet_ = false, quit_on_reply_ = false,
       unicasting_ = false, unsolicited_ = false;
  MacAddr me_, he_;
  Time last_ = 0;
  bool sent_any_ = false;
  int sent_ = 0, brd_sent_ = 0, received_ = 0, brd_recv_ = 0, req_recv_ = 0;
};

// GNU getopt with argument permutation: options may follow operands.
std::vector<std::string> Arping::parse(std::span<const std::string> argv) {
  Getopt g("arping", &p_.err, argv, "h?bfDUAqc:w:i:s:I:V");
  for (int c; (c = g.next()) != -1;) {
    if (c == '?') usage();
    option(static_cast<char>(c), g.arg());
  }
  return g.operands();
}

void Arping::option(char c, const std::string& arg) {
  switch (c) {
    case 'b': broadcast_only_ = true; break;
    case 'D':
      dad_ = true;
      quit_on_reply_ = true;
      break;
    case 'U': unsolicited_ = true; break;
    case 'A':
      advert_ = true;
      unsolicited_ = true;
      break;
    case 'q': quiet_ = true; break;
    case 'c': count_ = int(strtol_or_err(arg, 1, INT_MAX)); break;
    case 'w': timeout_ = strtol_or_err(arg, 0, INT_MAX); break;
    case 'i': interval_ = strtol_or_err(arg, 0, INT_MAX); break;
    case 'I': device_ = arg; break;
    case 'f': quit_on_reply_ = true; break;
    case 's': source_ = arg; break;
    case 'V':
      p_.out.write(
          "arping from iputils 20221126\n"
          "libcap: yes, IDN: yes, NLS: no, error.h: yes, getrandom(): yes, __fpending(): yes\n");
      throw ArpingExit{0};
    default: usage();
  }
}

// check_device / check_ifflags: the named device must exist, be up and ARP.
void Arping::check_device() {
  NetDevice* d = net_.dev_get_by_name(*device_);
  if (!d) return;
  if (!(d->flags & IFF_UP)) {
    if (!quiet_) p_.out.print("Interface \"{}\" is down\n", *device_);
    throw ArpingExit{2};
  }
  if (d->flags & (IFF_NOARP | IFF_LOOPBACK)) {
    if (!quiet_) p_.out.print("Interface \"{}\" is not ARPable\n", *device_);
    throw ArpingExit{dad_ ? 0 : 2};
  }
  dev_ = d;
}

void Arping::send_pack() {
  NetDevice* dev = tap_.dev;
  if (!dev || !dev->is_up()) return;  // sendto fails with ENETDOWN
  const uint16_t op = advert_ ? wire::ARPOP_REPLY : wire::ARPOP_REQUEST;
  const MacAddr target_hw = advert_ ? me_ : he_;
  arp_send(op, gdst_, dev, gsrc_, &he_, me_, &target_hw);
  // dev_queue_xmit ends with local_bh_enable: the frame's softirq work
  // (veth delivery to the peer) is done before sendto returns.
  net_.world.loop.do_softirq();
  last_ = net_.world.now();
  sent_any_ = true;
  ++sent_;
  if (!unicasting_) ++brd_sent_;
}

int Arping::recv_pack(const ArpTap::Frame& f) {
  if (f.pkt_type != PktType::Host && f.pkt_type != PktType::Broadcast && f.pkt_type != PktType::Multicast) return 0;
  if (f.arp.size() < wire::ArpPacket<>::kFixedLen) return 0;
  wire::ArpPacket<const uint8_t> a({f.arp.data(), f.arp.size()});
  const uint16_t op = a.op();
  if (op != wire::ARPOP_REQUEST && op != wire::ARPOP_REPLY) return 0;
  if (a.htype() != wire::ARPHRD_ETHER) return 0;
  if (a.ptype() != 0x0800) return 0;
  if (a.plen() != 4 || a.hlen() != 6) return 0;
  if (f.arp.size() < wire::ArpPacket<>::kEthIpLen) return 0;
  const MacAddr sha = a.sha(), tha = a.tha();
  const Ipv4Addr src_ip = a.spa(), dst_ip = a.tpa();
  if (!dad_) {
    if (src_ip != gdst_ || gsrc_ != dst_ip || tha != me_) return 0;
  } else {
    // A reply or probe from someone else who holds the tested address.
    if (src_ip != gdst_ || sha == me_) return 0;
    if (!gsrc_.is_any() && gsrc_ != dst_ip) return 0;
  }
  if (!quiet_) {
    std::string line = f.pkt_type == PktType::Host ? "Unicast " : "Broadcast ";
    line += op == wire::ARPOP_REPLY ? "reply from " : "request from ";
    line += src_ip.str() + " [" + hex_upper(sha) + "] ";
    bool s_printed = false;
    if (dst_ip != gsrc_) {
      line += "for " + dst_ip.str() + " ";
      s_printed = true;
    }
    if (tha != me_) {
      if (!s_printed) line += "for ";
      line += "[" + hex_upper(tha) + "]";
    }
    if (sent_any_) {
      const int64_t usecs = (net_.world.now() - last_ + 500) / 1000;
      line += fmt::format(" {}.{:03}ms\n", usecs / 1000, usecs % 1000);
    } else {
      line += " UNSOLICITED?\n";
    }
    p_.out.write(line);
    p_.out.flush();
  }
  ++received_;
  if (timeout_ && received_ == count_) return kFinalPacks;
  if (f.pkt_type != PktType::Host) ++brd_recv_;
  if (op == wire::ARPOP_REQUEST) ++req_recv_;
  if (quit_on_reply_ || (count_ == 0 && received_ == sent_)) return kFinalPacks;
  if (!broadcast_only_) {
    he_ = sha;
    unicasting_ = true;
  }
  return 1;
}

int Arping::finish() {
  if (!quiet_) {
    std::string s = fmt::format("Sent {} probes ({} broadcast(s))\n", sent_, brd_sent_);
    s += fmt::format("Received {} response(s)", received_);
    if (brd_recv_ || req_recv_) {
      s += " (";
      if (req_recv_) s += fmt::format("{} request(s)", req_recv_);
      if (brd_recv_) s += fmt::format("{}{} broadcast(s)", req_recv_ ? ", " : "", brd_recv_);
      s += ")";
    }
    s += "\n";
    p_.out.write(s);
    p_.out.flush();
  }
  if (dad_) return received_ ? 1 : 0;
  if (unsolicited_) return 0;
  if (timeout_ && count_ > 0 && !quit_on_reply_) return count_ <= received_ ? 0 : 1;
  return received_ ? 0 : 1;
}

// event_loop: an interval timer (disarmed by -i 0), a deadline (disarmed by
// -w 0) and the socket, polled in that order.
int Arping::event_loop() {
  World& w = net_.world;
  const Time start = w.now();
  const Duration interval = interval_ * kSec;
  Time next_tick = interval > 0 ? start + interval : kTimeNever;
  const Time deadline = timeout_ > 0 ? start + timeout_ * kSec : kTimeNever;
  uint64_t total_expires = 1;
  send_pack();
  while (true) {
    if (sent_ == count_ && unsolicited_) break;
    w.tasks.block_until(std::min(next_tick, deadline), [this] { return !tap_.rx.empty(); });
    const Time now = w.now();
    // Readiness as poll() reported it: a reply provoked by a probe sent in
    // this round is read in the next one (if there is one).
    const bool readable = !tap_.rx.empty();
    bool exit_loop = false;
    if (now >= next_tick) {
      const uint64_t exp = uint64_t((now - next_tick) / interval) + 1;
      next_tick += int64_t(exp) * interval;
      total_expires += exp;
      if (count_ > 0 && uint64_t(count_) < total_expires)
        exit_loop = true;
      else
        send_pack();
    }
    if (now >= deadline) exit_loop = true;
    if (readable) {
      ArpTap::Frame f = std::move(tap_.rx.front());
      tap_.rx.pop_front();
      if (recv_pack(f) == kFinalPacks) exit_loop = true;
    }
    if (exit_loop) break;
  }
  return finish();
}

int Arping::main(std::span<const std::string> argv) {
  const std::vector<std::string> rest = parse(argv);
  if (rest.size() != 1) usage();
  const std::string& target = rest[0];
  if (device_ && device_->empty()) device_.reset();

  if (auto a = inet_aton(target)) {
    gdst_ = *a;
  } else {
    fail(2, fmt::format("{}: Temporary failure in name resolution", target));  // no resolver in a netns
  }

  if (!device_) {
    // guess_device: the output device of the route to the target.
    Flowi4 fl;
    fl.daddr = gdst_;
    RouteOut rt;
    if (ip_route_output(net_, fl, rt) < 0 || !rt.dst.dev) fail(1, "NETLINK_ROUTE unexpected iov element");
    device_ = rt.dst.dev->name;
  }
  check_device();
  if (!dev_) fail(2, fmt::format("Device {} not available.", *device_));

  if (source_) {
    auto s = inet_aton(*source_);
    if (!s) fail(2, fmt::format("invalid source {}", *source_));
    gsrc_ = *s;
  }
  if (!dad_ && unsolicited_ && !source_) gsrc_ = gdst_;

  if (!dad_ || source_) {
    if (source_ || !gsrc_.is_any()) {
      // bind() of the probe socket: the address must be ours.
      if (!gsrc_.is_any() && inet_addr_type(net_, gsrc_) != RTN_LOCAL && !net_.ipv4.ip_nonlocal_bind)
        fail(2, "bind", EADDRNOTAVAIL);
    } else if (!unsolicited_) {
      // connect() with SO_DONTROUTE and SO_BINDTODEVICE: an on-link route
      // out of the device, whose source address we take.
      Flowi4 fl;
      fl.daddr = gdst_;
      fl.oif = dev_->ifindex;
      fl.scope = RT_SCOPE_LINK;
      RouteOut rt;
      if (ip_route_output(net_, fl, rt) == 0)
        gsrc_ = rt.saddr.is_any() ? inet_select_addr(dev_, gdst_, RT_SCOPE_LINK) : rt.saddr;
      else
        gsrc_ = inet_select_addr(dev_, Ipv4Addr(), RT_SCOPE_LINK);
    }
  }

  // bind the packet socket to ETH_P_ARP on the device.
  tap_.dev = dev_;
  tbl_.tap_add(&tap_);
  tap_registered_ = true;
  me_ = dev_->dev_addr;
  he_ = dev_->broadcast;  // find_broadcast_address

  if (!quiet_) p_.out.print("ARPING {} from {} {}\n", gdst_.str(), gsrc_.str(), *device_);
  if (!source_ && gsrc_.is_any() && !dad_) fail(2, "no source address in not-DAD mode");

  return event_loop();
}

}  // namespace

int cmd_arping(Proc& p, std::span<const std::string> argv) {
  try {
    Arping a(p);
    return a.main(argv);
  } catch (const ArpingExit& e) {
    return e.status;
  }
}

}  // namespace skbox
