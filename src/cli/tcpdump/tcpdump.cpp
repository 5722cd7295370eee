// tcpdump 4.99 (libpcap 1.10): captures on one device or on `any` of the
// namespace the command runs in, through a packet tap (AF_PACKET's
// ptype_all), filters with libpcap's BPF compiler, prints like netdissect
// or writes a pcap file into the script's file system (-w), and reads one
// back (-r). Time stamps come from the virtual clock (UTC, epoch as ping's).
// Runs until -c packets, a signal (kill of its job: the SIGTERM summary),
// its device's deletion, or the end of the script. Packets reach it at once:
// TPACKET_V3's block timeout is not modelled, so "received by filter" after
// -c can be lower than Linux's. Not modelled: -x/-X/-A dumps, -C/-G/-W
// rotation, -Z, -Q, -y, -w -, --number/--print/--count, name resolution
// (addresses stay numeric; without -n Linux would try reverse DNS).
#include <pcap/pcap.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

#include "cli/command.h"
#include "cli/getopt.h"
#include "cli/tcpdump/pcap_file.h"
#include "cli/tcpdump/print.h"
#include "cli/vfs.h"
#include "net/net.h"
#include "net/netdevice.h"
#include "net/packet_tap.h"
#include "net/world.h"

namespace skbox {

namespace {

using tcpdump::compile_filter;
using tcpdump::DumpFile;
using tcpdump::Filter;
using tcpdump::PcapPtr;
using tcpdump::Printer;
constexpr int64_t kEpoch = 1700000000;  // gettimeofday() of virtual time 0 (as ping)
constexpr int kSnapDefault = 262144;

struct Opts {
  std::string iface, wfile, rfile, expr;
  int nflag = 0, vflag = 0, tflag = 0;
  bool eflag = false, qflag = false, lflag = false;
  long count = -1;
  int snaplen = kSnapDefault;
};

const char* dlt_desc(int dlt) { return dlt == tcpdump::kDltLinuxSll2 ? "LINUX_SLL2 (Linux cooked v2)" : "EN10MB (Ethernet)"; }

std::string plural(uint64_t n, std::string_view what) {
  return fmt::format("{} {}{}", n, what, n == 1 ? "" : "s");
}

// The time stamp column of -t (none), -tt, -ttt, -tttt, -ttttt and default.
class Stamper {
 public:
  explicit Stamper(int tflag) : t_(tflag) {}
  std::string stamp(int64_t sec, int64_t usec) {
    const int64_t us = sec * 1000000 + usec;
    std::string s;
    switch (t_) {
      case 1: break;
      case 2: s = fmt::format("{}.{:06} ", sec, usec); break;
      case 3:
      case 5: {
        const int64_t base = !have_ ? us : (t_ == 3 ? prev_ : first_);
        const int64_t d = us - base;
        const int64_t ds = (d < 0 ? -d : d) / 1000000, du = (d < 0 ? -d : d) % 1000000;
        s = fmt::format("{}{:02}:{:02}:{:02}.{:06} ", d < 0 ? "-" : " ", ds / 3600, ds / 60 % 60, ds % 60, du);
        break;
      }
      default: {
        const time_t tt = static_cast<time_t>(sec);
        struct tm tm;
        gmtime_r(&tt, &tm);
        if (t_ == 4)
          s = fmt::format("{:04}-{:02}-{:02} ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
        s += fmt::format("{:02}:{:02}:{:02}.{:06} ", tm.tm_hour, tm.tm_min, tm.tm_sec, usec);
        break;
      }
    }
    if (!have_) first_ = us;
    have_ = true;
    prev_ = us;
    return s;
  }

 private:
  int t_;
  bool have_ = false;
  int64_t first_ = 0, prev_ = 0;
};

// The frames the tap kept for the command to print (a copy: the skb is not ours).
struct Captured {
  pcap_pkthdr hdr;
  std::vector<uint8_t> data;
};

class CaptureTap final : public PacketTap {
 public:
  CaptureTap(World& w, int dlt, int snaplen, const bpf_program* filter)
      : w_(w), dlt_(dlt), snaplen_(snaplen), filter_(filter) {}

  void tap(const SkBuff& skb, std::span<const uint8_t> frame, NetDevice* dev, bool outgoing) override {
    if (frame.size() < 14) return;

    if (dlt_ == tcpdump::kDltLinuxSll2) {
      // The cooked v2 header libpcap builds for `any`: protocol, ifindex,
      // hatype, pkttype and the link-layer source address.
      const uint8_t pkttype = outgoing ? 4 : static_cast<uint8_t>(skb.pkt_type);
      const uint32_t ifx = static_cast<uint32_t>(dev->ifindex);
      const uint16_t hatype = dev->is_loopback() ? 772 : 1;
      const uint8_t h[20] = {frame[12], frame[13], 0, 0, uint8_t(ifx >> 24), uint8_t(ifx >> 16),
                             uint8_t(ifx >> 8), uint8_t(ifx), uint8_t(hatype >> 8), uint8_t(hatype),
                             pkttype, 6, frame[6], frame[7], frame[8], frame[9], frame[10], frame[11], 0, 0};
      buf_.resize(20 + frame.size() - 14);
      std::memcpy(buf_.data(), h, 20);
      std::memcpy(buf_.data() + 20, frame.data() + 14, frame.size() - 14);
    } else {
      buf_.resize(frame.size());
      std::memcpy(buf_.data(), frame.data(), frame.size());
    }
    Captured c;
    const Time now = w_.now();
    c.hdr.ts.tv_sec = static_cast<time_t>(kEpoch + now / kSec);
    c.hdr.ts.tv_usec = static_cast<suseconds_t>((now % kSec) / kUsec);
    c.hdr.len = static_cast<bpf_u_int32>(buf_.size());
    c.hdr.caplen = static_cast<bpf_u_int32>(std::min<size_t>(buf_.size(), static_cast<size_t>(snaplen_)));
    if (filter_ && !pcap_offline_filter(filter_, &c.hdr, buf_.data())) return;
    ++received;  // the kernel counts it; libpcap may still skip it
    // libpcap skips what lo sends: the same frame comes back as received.
    if (outgoing && dev->is_loopback()) return;
    c.data.resize(c.hdr.caplen);
    std::memcpy(c.data.data(), buf_.data(), c.hdr.caplen);
    q.push_back(std::move(c));
  }

  std::deque<Captured> q;
  uint64_t received = 0;

 private:
  World& w_;
  int dlt_, snaplen_;
  const bpf_program* filter_;
  std::vector<uint8_t> buf_;
};

const char kUsage[] =
    "tcpdump version 4.99.3\n"
    "libpcap version 1.10.3 (with TPACKET_V3)\n"
    "OpenSSL 3.0.19 27 Jan 2026\n"
    "Usage: tcpdump [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ] [ -c count ] [--count]\n"
    "\t\t[ -C file_size ] [ -E algo:secret ] [ -F file ] [ -G seconds ]\n"
    "\t\t[ -i interface ] [ --immediate-mode ] [ -j tstamptype ]\n"
    "\t\t[ -M secret ] [ --number ] [ --print ] [ -Q in|out|inout ]\n"
    "\t\t[ -r file ] [ -s snaplen ] [ -T type ] [ --version ]\n"
    "\t\t[ -V file ] [ -w file ] [ -W filecount ] [ -y datalinktype ]\n"
    "\t\t[ --time-stamp-precision precision ] [ --micro ] [ --nano ]\n"
    "\t\t[ -z postrotate-command ] [ -Z user ] [ expression ]\n";

// getopt_long over tcpdump's option string (J takes an argument here: so far
// skbox has read it that way) and the long options that print or change
// nothing; tcpdump's other long options are not modelled.
std::optional<int> parse(Proc& p, std::span<const std::string> argv, Opts& o) {
  enum { kVersion = 256, kNoEffect };
  static constexpr LongOption kLong[] = {{"help", ArgKind::None, 'h'},
                                         {"version", ArgKind::None, kVersion},
                                         {"immediate-mode", ArgKind::None, kNoEffect},
                                         {"micro", ArgKind::None, kNoEffect}};
  Getopt g("tcpdump", &p.err, argv, "aAbB:c:C:dDeE:fF:G:hHi:Ij:J:KlLm:M:nNOpqQ:r:s:StT:uUvV:w:W:xXy:Yz:Z:#", kLong);
  g.exact_long_names();  // the table above is only part of tcpdump's
  for (int c; (c = g.next()) != -1;) {
    const std::string& arg = g.arg();
    if (c == kVersion) {
      const std::string_view u(kUsage);
      p.out.write(u.substr(0, u.find("Usage:")));
      return 0;
    }
    if (c == kNoEffect) continue;
    if (c == '?') {
      p.err.write(kUsage);
      return 1;
    }
    switch (c) {
      case 'n': ++o.nflag; break;
      case 'v': ++o.vflag; break;
      case 't': ++o.tflag; break;
      case 'e': o.eflag = true; break;
      case 'q': o.qflag = true; break;
      case 'l': o.lflag = true; break;
      case 'p': case 'U': case 'N': case 'S': case 'K': case 'O': break;
      case 'h':
        p.out.write(kUsage);
        return 0;
      case 'i': o.iface = arg; break;
      case 'w': o.wfile = arg; break;
      case 'r': o.rfile = arg; break;
      case 'c': {
        char* end = nullptr;
        const long n = std::strtol(arg.c_str(), &end, 10);
        if (arg.empty() || *end || n <= 0) {
          p.err.print("tcpdump: invalid packet count {}\n", arg);
          return 1;
        }
        o.count = n;
        break;
      }
      case 's': {
        char* end = nullptr;
        const long n = std::strtol(arg.c_str(), &end, 0);
        if (arg.empty() || *end || n < 0 || n > kSnapDefault) {
          p.err.print("tcpdump: invalid snaplen {} (must be >= 0 and <= {})\n", arg, kSnapDefault);
          return 1;
        }
        o.snaplen = n == 0 ? kSnapDefault : static_cast<int>(n);
        break;
      }
      default:
        if (g.has_arg()) break;  // an option with an argument that changes nothing here
        p.err.print("tcpdump: invalid option -- '{}'\n", static_cast<char>(c));
        p.err.write(kUsage);
        return 1;
    }
  }
  for (const std::string& r : g.operands()) o.expr += (o.expr.empty() ? "" : " ") + r;
  return std::nullopt;
}

Printer make_printer(Proc& p, const Opts& o) {
  Printer pr({o.nflag, o.eflag, o.vflag, o.qflag});
  Net* net = p.net;
  pr.ifname = [net](uint32_t ifx) -> std::string {
    NetDevice* d = net ? net->dev_get_by_index(static_cast<int>(ifx)) : nullptr;
    return d ? d->name : std::string("?");
  };
  return pr;
}

int read_file(Proc& p, const Opts& o) {
  auto data = vfs_read(p, o.rfile);
  if (!data) {
    p.err.print("tcpdump: {}: {}\n", o.rfile, std::strerror(data.error()));
    return 1;
  }
  std::string bytes = *data;
  FILE* f = fmemopen(bytes.data(), bytes.size(), "rb");
  char errbuf[PCAP_ERRBUF_SIZE] = {};
  PcapPtr pd(f ? pcap_fopen_offline(f, errbuf) : nullptr);
  if (!pd) {
    if (f) std::fclose(f);
    p.err.print("tcpdump: {}\n", errbuf);
    return 1;
  }
  const int dlt = pcap_datalink(pd.get());
  p.err.print("reading from file {}, link-type {}, snapshot length {}\n", o.rfile, dlt_desc(dlt),
              pcap_snapshot(pd.get()));
  if (dlt == tcpdump::kDltLinuxSll2) p.err.write("Warning: interface names might be incorrect\n");
  Filter filt;
  if (!o.expr.empty() && !compile_filter(p, pd.get(), o.expr, filt)) return 1;
  std::unique_ptr<DumpFile> dump;
  if (!o.wfile.empty()) {
    dump = std::make_unique<DumpFile>(p, o.wfile);
    dump->open(pd.get());
  }
  Printer pr = make_printer(p, o);
  Stamper st(o.tflag);
  pcap_pkthdr* h;
  const u_char* d;
  long n = 0;
  while (pcap_next_ex(pd.get(), &h, &d) == 1) {
    if (filt.set && !pcap_offline_filter(&filt.prog, h, d)) continue;
    if (dump) {
      dump->dump(*h, d);
    } else {
      std::string line = st.stamp(h->ts.tv_sec, h->ts.tv_usec);
      line += pr.print(dlt, std::span<const uint8_t>(d, h->caplen), h->len);
      p.out.write(line);
      if (o.lflag) p.out.flush();
    }
    if (o.count > 0 && ++n >= o.count) break;
  }
  p.out.flush();
  return 0;
}

int capture(Proc& p, const Opts& o) {
  Net& net = *p.net;
  NetDevice* dev = nullptr;
  std::string iface = o.iface;
  if (iface.empty()) {
    // pcap_lookupdev: the first up device that is not a loopback.
    for (NetDevice* d : net.devices())
      if (!d->is_loopback() && d->is_up()) {
        iface = d->name;
        break;
      }
    if (iface.empty()) iface = "any";
  }
  const bool any = iface == "any";
  if (!any) {
    dev = net.dev_get_by_name(iface);
    if (!dev) {
      p.err.print("tcpdump: {}: No such device exists\n(No such device exists)\n", iface);
      return 1;
    }
    if (!dev->is_up()) {
      p.err.print("tcpdump: {}: That device is not up\n", iface);
      return 1;
    }
  }
  const int dlt = any ? tcpdump::kDltLinuxSll2 : tcpdump::kDltEn10mb;
  if (any) p.err.write("tcpdump: data link type LINUX_SLL2\n");
  PcapPtr pd(pcap_open_dead(dlt, o.snaplen));
  Filter filt;
  if (!o.expr.empty() && !compile_filter(p, pd.get(), o.expr, filt)) return 1;
  std::unique_ptr<DumpFile> dump;
  if (!o.wfile.empty()) {
    dump = std::make_unique<DumpFile>(p, o.wfile);
    if (!dump->open(pd.get())) {
      p.err.print("tcpdump: {}: {}\n", o.wfile, std::strerror(errno));
      return 1;
    }
  }
  if (!o.vflag && !dump) p.err.write("tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n");
  p.err.print("{}listening on {}, link-type {}, snapshot length {} bytes\n", (!o.vflag && !dump) ? "" : "tcpdump: ",
              iface, dlt_desc(dlt), o.snaplen);

  CaptureTap tap(p.world, dlt, o.snaplen, filt.set ? &filt.prog : nullptr);
  const int ifindex = dev ? dev->ifindex : 0;
  dev_add_pack(net, dev, &tap);
  // Unregisters the tap however the command ends (count, signal, script end);
  // a device deleted meanwhile took its tap list with it.
  struct Guard {
    Net& net;
    NetDevice* dev;
    int ifindex;
    CaptureTap* tap;
    Tasks& tasks;
    ~Guard() {
      tasks.catch_signals(false);
      if (!dev) dev_remove_pack(net, nullptr, tap);
      else if (net.dev_get_by_index(ifindex) == dev) dev_remove_pack(net, dev, tap);
    }
  } guard{net, dev, ifindex, &tap, p.world.tasks};
  p.world.tasks.catch_signals(true);

  Printer pr = make_printer(p, o);
  Stamper st(o.tflag);
  long captured = 0;
  bool signalled = false, gone = false;
  // The device was deleted (its tap list went with it): ENODEV from recvmsg.
  auto dev_gone = [&] { return dev && net.dev_get_by_index(ifindex) != dev; };
  while (o.count < 0 || captured < o.count) {
    if (tap.q.empty()) {
      if (dev_gone()) {
        gone = true;
        break;
      }
      p.world.tasks.block_until(kTimeNever, [&] { return !tap.q.empty() || dev_gone(); });
      if (p.world.tasks.take_signal()) {
        signalled = true;
        break;
      }
      if (tap.q.empty()) {
        if (dev_gone()) continue;
        break;  // nothing can ever arrive
      }
    }
    Captured c = std::move(tap.q.front());
    tap.q.pop_front();
    ++captured;
    if (dump) {
      dump->dump(c.hdr, c.data.data());
      if (o.lflag) dump->sync();
    } else {
      std::string line = st.stamp(c.hdr.ts.tv_sec, c.hdr.ts.tv_usec);
      line += pr.print(dlt, c.data, c.hdr.len);
      p.out.write(line);
      if (o.lflag) p.out.flush();
    }
  }
  // pcap_breakloop after SIGTERM: a newline ends a line that may be half printed.
  if (signalled && !dump) p.out.write("\n");
  p.out.flush();
  if (dump) dump->close();
  if (gone) p.err.write("tcpdump: pcap_loop: The interface disappeared\n");
  p.err.print("{} captured\n{} received by filter\n{} dropped by kernel\n", plural(captured, "packet"),
              plural(tap.received, "packet"), plural(0, "packet"));
  return gone ? 1 : 0;
}

}  // namespace

int cmd_tcpdump(Proc& p, std::span<const std::string> argv) {
  Opts o;
  if (auto rc = parse(p, argv, o)) return *rc;
  if (!o.rfile.empty()) return read_file(p, o);
  return capture(p, o);
}

}  // namespace skbox
