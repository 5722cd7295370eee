// ping (iputils 20221126, IPv4): ping4_run's socket set-up (connect probe
// for the source address, SO_BINDTODEVICE, bind, IP_TTL, IP_MTU_DISCOVER,
// SO_BROADCAST), then ping_common's main_loop — pinger()'s token bucket,
// schedule_exit()'s linger alarm, the -w deadline — run in virtual time on a
// kernel ping socket (transport/ping.h), and finish()'s statistics.
// Output goes through stdio as in the real tool: block-buffered into files,
// flushed after every reply or ICMP error line and before every error().
// Not modelled: IPv6 targets, IP options (-R, -T, source routes), -e
// identifiers (the kernel picks the id), name resolution beyond "localhost",
// SO_SNDBUF/SO_DEBUG/SO_DONTROUTE effects.
#include <netinet/in.h>

#include <cerrno>
#include <climits>
#include <cmath>
#include <cstring>
#include <vector>

#include "cli/command.h"
#include "cli/ping_opts.h"
#include "ipv4/devinet.h"
#include "ipv4/fib.h"
#include "ipv4/icmp.h"
#include "ipv4/ip.h"
#include "net/net.h"
#include "net/netdevice.h"
#include "net/world.h"
#include "transport/ping.h"

namespace skbox {

namespace {

constexpr int kMinInterval = 10;       // MININTERVAL, ms
constexpr int kMaxDupChk = 0x10000;    // MAX_DUP_CHK
constexpr long kTimevalLen = 16;       // sizeof(struct timeval) on x86_64

struct Exit {
  int status;
};

int schint(int a) { return a <= kMinInterval ? kMinInterval : a; }

// The wall clock ping would read, derived from virtual time.
struct Timeval {
  int64_t sec, usec;
};
Timeval wall(Time t) { return {wall_seconds(t), (t % kSec) / kUsec}; }

// ping_rts: the state of one run.
struct Ping {
  Proc& p;
  Net& net;
  PingSockets& socks;
  PingOptions& o;
  PingSock* s = nullptr;

  std::string hostname;
  Ipv4Addr whereto, source;
  bool multicast = false, timing = false;
  int interval = 1000;  // ms
  std::vector<uint8_t> outpack;  // echo payload (without the ICMP header)

  long ntransmitted = 0, nreceived = 0, nrepeats = 0, nchecksum = 0, nerrors = 0;
  uint16_t acked = 0;
  int pipesize = -1;
  long tmin = LONG_MAX, tmax = 0;
  long long tsum = 0;
  double tsum2 = 0;
  int rtt = 0;
  std::vector<uint64_t> rcvd_tbl = std::vector<uint64_t>(kMaxDupChk / 64);

  Time start_time = 0, cur_time = 0;
  bool cur_time_set = false;
  long tokens = 0;
  Time alarm_at = kTimeNever;   // SIGALRM (deadline or linger)
  bool waittime_set = false;

  Time now() const { return p.world.now(); }
  bool exiting() const { return now() >= alarm_at; }

  [[noreturn]] void fail(int status, std::string_view msg, int errnum = 0) {
    ping_error(p.out, p.err, "ping", msg, errnum);
    throw Exit{status};
  }

  // pr_addr: a reverse lookup only knows /etc/hosts' localhost.
  std::string pr_addr(Ipv4Addr a) const {
    if (!o.numeric && a == Ipv4Addr::of(127, 0, 0, 1)) return "localhost (127.0.0.1)";
    return a.str();
  }

  void print_timestamp() {
    if (!o.ptimeofday) return;
    Timeval tv = wall(now());
    p.out.print("[{}.{:06}] ", tv.sec, tv.usec);
  }

  // rcvd_tbl bits and the in-flight window (ping.h helpers).
  bool rcvd_test(long seq) const {
    const uint32_t b = static_cast<uint32_t>(seq) % kMaxDupChk;
    return (rcvd_tbl[b / 64] >> (b % 64)) & 1;
  }
  void rcvd_set(long seq) {
    const uint32_t b = static_cast<uint32_t>(seq) % kMaxDupChk;
    rcvd_tbl[b / 64] |= uint64_t(1) << (b % 64);
  }
  void rcvd_clear(long seq) {
    const uint32_t b = static_cast<uint32_t>(seq) % kMaxDupChk;
    rcvd_tbl[b / 64] &= ~(uint64_t(1) << (b % 64));
  }
  long in_flight() const {
    const uint16_t diff = static_cast<uint16_t>(static_cast<uint16_t>(ntransmitted) - acked);
    return diff <= 0x7fff ? diff : ntransmitted - nreceived - nerrors;
  }
  void acknowledge(uint16_t seq) {
    const uint16_t diff = static_cast<uint16_t>(static_cast<uint16_t>(ntransmitted) - seq);
    if (diff <= 0x7fff) {
      if (static_cast<int>(diff) + 1 > pipesize) pipesize = static_cast<int>(diff) + 1;
      if (static_cast<int16_t>(seq - acked) > 0 ||
          static_cast<uint16_t>(static_cast<uint16_t>(ntransmitted) - acked) > 0x7fff)
        acked = seq;
    }
  }
  void advance_ntransmitted() {
    ++ntransmitted;
    if (static_cast<uint16_t>(static_cast<uint16_t>(ntransmitted) - acked) > 0x7fff)
      acked = static_cast<uint16_t>(static_cast<uint16_t>(ntransmitted) + 1);
  }

  void write_stdout(std::string_view s) {
    p.out.flush();
    p.out.write(s);
    p.out.flush();
  }

  int send_probe() {
    const long seq = ntransmitted + 1;
    rcvd_clear(seq);
    if (timing) {
      Timeval tv = wall(now());
      for (int i = 0; i < 8; ++i) {
        outpack[i] = static_cast<uint8_t>(tv.sec >> (8 * i));
        outpack[8 + i] = static_cast<uint8_t>(tv.usec >> (8 * i));
      }
    }
    return socks.sendto(s, whereto, static_cast<uint16_t>(seq), outpack.data(), outpack.size());
  }

  // ping4_receive_error_msg: net errors (> 0) or minus the local ones.
  int receive_error_msg(const PingMessage& m) {
    if (m.local) {
      if (o.quiet) return -1;
      if (o.flood) write_stdout("E");
      else if (m.ee_errno != EMSGSIZE) ping_error(p.out, p.err, "ping", "local error", m.ee_errno);
      else ping_error(p.out, p.err, "ping", fmt::format("local error: message too long, mtu={}", m.ee_info));
      ++nerrors;
      return -1;
    }
    acknowledge(m.seq);
    ++nerrors;
    if (o.quiet) return 1;
    if (o.flood) {
      write_stdout("\bE");
    } else {
      print_timestamp();
      p.out.print("From {} icmp_seq={} ", pr_addr(m.from), m.seq);
      p.out.write(pr_icmph(m.icmp_type, m.icmp_code, m.ee_info));
      p.out.flush();
    }
    return 1;
  }

  // Reads the error queue after a failed sendto (MSG_ERRQUEUE|MSG_DONTWAIT).
  int drain_error_after_send() {
    if (!s->errq_len) return -1;  // EAGAIN counts as a local error
    PingMessage m;
    if (!socks.recv(s, m) || m.kind != PingMessage::Kind::Error) return -1;
    return receive_error_msg(m);
  }

  // pinger(): returns ms until the next probe is due.
  int pinger() {
    if (exiting() || (o.npackets && ntransmitted >= o.npackets && !o.deadline_s)) return 1000;
    if (!cur_time_set) {
      cur_time_set = true;
      cur_time = now();
      tokens = static_cast<long>(interval) * (o.preload - 1);
    } else {
      const Time t = now();
      long ntokens = static_cast<long>((t / kSec - cur_time / kSec) * 1000 +
                                       (t % kSec - cur_time % kSec) / kMsec);
      if (!interval && ntokens < kMinInterval && in_flight() >= o.preload)
        return static_cast<int>(kMinInterval - ntokens);
      ntokens += tokens;
      const long tmp = static_cast<long>(interval) * o.preload;
      if (tmp < ntokens) ntokens = tmp;
      if (ntokens < interval) return static_cast<int>(interval - ntokens);
      cur_time = t;
      tokens = ntokens - interval;
    }
    if (o.outstanding && ntransmitted > 0 && !rcvd_test(ntransmitted)) {
      print_timestamp();
      p.out.print("no answer yet for icmp_seq={}\n", ntransmitted % kMaxDupChk);
      p.out.flush();
    }
    const int r = send_probe();
    if (r >= 0) {
      advance_ntransmitted();
      if (!o.quiet && o.flood) write_stdout(".");
      return static_cast<int>(interval - tokens);
    }
    const int err = -r;
    int i = 0;
    if (err == ENOBUFS || err == ENOMEM) {
      tokens = 0;
      int nores = schint(interval / 2);
      if (nores > 500) nores = 500;
      return nores;
    }
    if (err == EAGAIN) {
      tokens += interval;
      return kMinInterval;
    }
    i = drain_error_after_send();
    if (i > 0) i = 0;
    // Hard local error: pretend the packet was sent.
    advance_ntransmitted();
    if (i == 0 && !o.quiet) {
      if (o.flood) write_stdout("E");
      else ping_error(p.out, p.err, "ping", "sendmsg", err);
    }
    tokens = 0;
    return schint(interval);
  }

  // __schedule_exit: once everything is sent, wait 2*max rtt (at least an
  // interval) after a reply, or the linger time without one.
  int schedule_exit(int next) {
    if (!(o.npackets && ntransmitted >= o.npackets && !o.deadline_s)) return next;
    if (waittime_set) return next;
    waittime_set = true;
    long long waittime;  // us
    if (nreceived) {
      waittime = 2LL * tmax;
      if (waittime < 1000LL * interval) waittime = 1000LL * interval;
    } else {
      waittime = 1000LL * o.lingertime_ms;
    }
    // A zero wait would disarm the alarm in Linux (setitimer with a zero
    // value), so ping waits for every reply. Round trips take no virtual
    // time here, so that case is common (-f): wait one minimal interval
    // instead, which lets the last reply in without risking a hang.
    if (waittime == 0) waittime = 1000LL * kMinInterval;
    if (next < 0 || next < waittime / 1000) next = static_cast<int>(waittime / 1000);
    alarm_at = now() + waittime * kUsec;
    return next;
  }

  static std::string pr_icmph(uint8_t type, uint8_t code, uint32_t info) {
    switch (type) {
      case ICMP_ECHOREPLY: return "Echo Reply\n";
      case ICMP_DEST_UNREACH:
        switch (code) {
          case ICMP_NET_UNREACH: return "Destination Net Unreachable\n";
          case ICMP_HOST_UNREACH: return "Destination Host Unreachable\n";
          case ICMP_PROT_UNREACH: return "Destination Protocol Unreachable\n";
          case ICMP_PORT_UNREACH: return "Destination Port Unreachable\n";
          case ICMP_FRAG_NEEDED: return fmt::format("Frag needed and DF set (mtu = {})\n", info);
          case ICMP_SR_FAILED: return "Source Route Failed\n";
          case ICMP_NET_UNKNOWN: return "Destination Net Unknown\n";
          case ICMP_HOST_UNKNOWN: return "Destination Host Unknown\n";
          case ICMP_HOST_ISOLATED: return "Source Host Isolated\n";
          case ICMP_NET_ANO: return "Destination Net Prohibited\n";
          case ICMP_HOST_ANO: return "Destination Host Prohibited\n";
          case ICMP_NET_UNR_TOS: return "Destination Net Unreachable for Type of Service\n";
          case ICMP_HOST_UNR_TOS: return "Destination Host Unreachable for Type of Service\n";
          case ICMP_PKT_FILTERED: return "Packet filtered\n";
          case ICMP_PREC_VIOLATION: return "Precedence Violation\n";
          case ICMP_PREC_CUTOFF: return "Precedence Cutoff\n";
          default: return fmt::format("Dest Unreachable, Bad Code: {}\n", code);
        }
      case ICMP_SOURCE_QUENCH: return "Source Quench\n";
      case ICMP_REDIRECT: {
        std::string r;
        switch (code) {
          case 0: r = "Redirect Network"; break;
          case 1: r = "Redirect Host"; break;
          case 2: r = "Redirect Type of Service and Network"; break;
          case 3: r = "Redirect Type of Service and Host"; break;
          default: r = fmt::format("Redirect, Bad Code: {}", code); break;
        }
        return r + fmt::format("(New nexthop: {})\n", Ipv4Addr(info).str());
      }
      case ICMP_ECHO: return "Echo Request\n";
      case ICMP_TIME_EXCEEDED:
        switch (code) {
          case ICMP_EXC_TTL: return "Time to live exceeded\n";
          case ICMP_EXC_FRAGTIME: return "Frag reassembly time exceeded\n";
          default: return fmt::format("Time exceeded, Bad Code: {}\n", code);
        }
      case ICMP_PARAMETERPROB: return fmt::format("Parameter problem: pointer = {}\n", info);
      case ICMP_TIMESTAMP: return "Timestamp\n";
      case ICMP_TIMESTAMPREPLY: return "Timestamp Reply\n";
      case ICMP_INFO_REQUEST: return "Information Request\n";
      case ICMP_INFO_REPLY: return "Information Reply\n";
      case ICMP_ADDRESS: return "Address Mask Request\n";
      case ICMP_ADDRESSREPLY: return "Address Mask Reply\n";
      default: return fmt::format("Bad ICMP type: {}\n", type);
    }
  }

  // gather_statistics + the tail of ping4_parse_reply.
  void parse_reply(const PingMessage& m, const std::vector<uint8_t>& data) {
    const bool wrong_source = !o.broadcast && !multicast && m.from != whereto;
    const long cc = m.bytes;
    long triptime = 0;
    ++nreceived;
    acknowledge(m.seq);
    if (timing && cc >= 8 + kTimevalLen && data.size() >= static_cast<size_t>(kTimevalLen)) {
      int64_t sec = 0, usec = 0;
      for (int i = 0; i < 8; ++i) {
        sec |= static_cast<int64_t>(data[i]) << (8 * i);
        usec |= static_cast<int64_t>(data[8 + i]) << (8 * i);
      }
      const Timeval rx = wall(m.rx_time);
      triptime = static_cast<long>((rx.sec - sec) * 1000000 + (rx.usec - usec));
      if (triptime < 0) triptime = 0;
      tsum += triptime;
      tsum2 += static_cast<double>(static_cast<long long>(triptime) * triptime);
      if (triptime < tmin) tmin = triptime;
      if (triptime > tmax) tmax = triptime;
      if (!rtt) rtt = static_cast<int>(triptime * 8);
      else rtt += static_cast<int>(triptime - rtt / 8);
    }
    bool dup = false;
    if (rcvd_test(m.seq)) {
      ++nrepeats;
      --nreceived;
      dup = true;
    } else {
      rcvd_set(m.seq);
    }
    if (o.quiet) {
      p.out.flush();
      return;
    }
    if (o.flood) {
      write_stdout("\b \b");
      if (o.audible) p.out.write("\a");
      return;
    }
    print_timestamp();
    std::string line = fmt::format("{} bytes from {}: icmp_seq={}", cc, pr_addr(m.from), m.seq);
    if (o.verbose) line += fmt::format(" ident={}", s->ident);
    line += fmt::format(" ttl={}", m.ttl);
    if (cc < o.datalen + 8) {
      line += " (truncated)\n";
      p.out.write(line);
      p.out.flush();
      return;
    }
    if (timing) {
      if (triptime >= 100000 - 50)
        line += fmt::format(" time={} ms", (triptime + 500) / 1000);
      else if (triptime >= 10000 - 5)
        line += fmt::format(" time={}.{:01} ms", (triptime + 50) / 1000, ((triptime + 50) % 1000) / 100);
      else if (triptime >= 1000)
        line += fmt::format(" time={}.{:02} ms", (triptime + 5) / 1000, ((triptime + 5) % 1000) / 10);
      else
        line += fmt::format(" time={}.{:03} ms", triptime / 1000, triptime % 1000);
    }
    if (dup && (!multicast || o.verbose)) line += " (DUP!)";
    if (wrong_source) line += " (DIFFERENT ADDRESS!)";
    if (o.audible) line += "\a";
    line += '\n';
    p.out.write(line);
    p.out.flush();
  }

  void handle(const PingMessage& m, const std::vector<uint8_t>& data) {
    if (m.kind == PingMessage::Kind::EchoReply) {
      parse_reply(m, data);
      return;
    }
    if (!m.local && (m.icmp_type == ICMP_REDIRECT || m.icmp_type == ICMP_SOURCE_QUENCH)) {
      // A raw socket sees these as packets: printed, not counted.
      if (o.quiet || o.flood) return;
      print_timestamp();
      p.out.print("From {}: icmp_seq={} ", pr_addr(m.from), m.seq);
      p.out.write(pr_icmph(m.icmp_type, m.icmp_code, m.ee_info));
      return;
    }
    receive_error_msg(m);
  }

  void main_loop() {
    std::vector<uint8_t> data;
    for (;;) {
      if (exiting()) break;
      if (o.npackets && nreceived + nerrors >= o.npackets) break;
      if (o.deadline_s && nerrors) break;

      int next;
      int spins = 0;
      do {
        next = pinger();
        next = schedule_exit(next);
      } while (next <= 0 && ++spins < 100000);
      if (next <= 0) next = kMinInterval;

      // recvmsg() waits up to SO_RCVTIMEO (the interval); poll() when the
      // next probe is due sooner.
      int wait = schint(interval);
      if (o.adaptive || next < schint(interval)) {
        wait = next;
        if (next <= kMinInterval) wait = in_flight() ? kMinInterval : 0;
      }
      const Time until = std::min(alarm_at, now() + static_cast<Time>(wait) * kMsec);
      if (!socks.readable(s)) {
        if (until > now()) p.world.tasks.block_until(until, [this] { return socks.readable(s); });
        if (!socks.readable(s)) continue;
      }
      for (;;) {
        PingMessage m;
        if (!socks.recv(s, m, &data)) break;
        handle(m, data);
        if (in_flight() == 0) break;
      }
    }
  }

  int finish() {
    const Time tv = cur_time - start_time;
    p.out.write("\n");
    p.out.flush();
    std::string st = fmt::format("--- {} ping statistics ---\n", hostname);
    st += fmt::format("{} packets transmitted, {} received", ntransmitted, nreceived);
    if (nrepeats) st += fmt::format(", +{} duplicates", nrepeats);
    if (nchecksum) st += fmt::format(", +{} corrupted", nchecksum);
    if (nerrors) st += fmt::format(", +{} errors", nerrors);
    if (ntransmitted) {
      const float loss = static_cast<float>(static_cast<double>(ntransmitted - nreceived) * 100.0 /
                                            static_cast<double>(ntransmitted));
      st += fmt::format(", {:g}% packet loss", static_cast<double>(loss));
      st += fmt::format(", time {}ms", 1000 * (tv / kSec) + ((tv % kSec) + 500000) / 1000000);
    }
    st += '\n';
    std::string comma;
    if (nreceived && timing) {
      const long total = nreceived + nrepeats;
      const long tmavg = static_cast<long>(tsum / total);
      long long tmvar;
      if (tsum < INT_MAX)
        tmvar = static_cast<long long>((tsum2 - static_cast<double>((tsum * tsum) / total)) / total);
      else
        tmvar = static_cast<long long>(tsum2 / total) - static_cast<long long>(tmavg) * tmavg;
      long long prev = LLONG_MAX, x = tmvar;  // llsqrt
      if (x > 0)
        while (x < prev) {
          prev = x;
          x = (x + tmvar / x) / 2;
        }
      const long tmdev = static_cast<long>(x);
      st += fmt::format("rtt min/avg/max/mdev = {}.{:03}/{}.{:03}/{}.{:03}/{}.{:03} ms", tmin / 1000,
                        tmin % 1000, tmavg / 1000, tmavg % 1000, tmax / 1000, tmax % 1000,
                        tmdev / 1000, tmdev % 1000);
      comma = ", ";
    }
    if (pipesize > 1) {
      st += fmt::format("{}pipe {}", comma, pipesize);
      comma = ", ";
    }
    if (nreceived && (!interval || o.flood || o.adaptive) && ntransmitted > 1) {
      const long long us = (tv / kSec) * 1000000LL + (tv % kSec) / 1000;
      const int ipg = static_cast<int>(us / (ntransmitted - 1));
      st += fmt::format("{}ipg/ewma {}.{:03}/{}.{:03} ms", comma, ipg / 1000, ipg % 1000, rtt / 8000,
                        (rtt / 8) % 1000);
    }
    st += '\n';
    p.out.write(st);
    return (!nreceived || (o.deadline_s && nreceived < o.npackets)) ? 1 : 0;
  }

  NetDevice* bind_to_device() {
    if (o.device->empty()) return nullptr;
    NetDevice* dev = net.dev_get_by_name(*o.device);
    if (!dev) fail(2, fmt::format("SO_BINDTODEVICE {}", *o.device), ENODEV);
    s->bound_dev = dev->ifindex;
    return dev;
  }

  int run() {
    // Name lookup of the last operand happens first (getaddrinfo in main()).
    const std::string& target = o.targets.back();
    std::optional<Ipv4Addr> dst = ping_inet_aton(target);
    bool numeric_target = dst.has_value();
    if (!dst && target == "localhost") dst = Ipv4Addr::of(127, 0, 0, 1);
    if (!dst) fail(2, fmt::format("{}: Temporary failure in name resolution", target));
    if (o.family == 6) fail(2, fmt::format("{}: Address family for hostname not supported", target));
    if (o.targets.size() > 1 && (o.rroute || (o.timestamp && (o.ts_type != 3 || o.targets.size() > 5)) ||
                                 o.targets.size() > 10)) {
      p.out.flush();
      p.err.write(ping_usage_text());
      throw Exit{2};
    }
    std::vector<Ipv4Addr> route;
    for (size_t i = 0; i + 1 < o.targets.size(); ++i) {
      auto a = ping_inet_aton(o.targets[i]);
      if (!a && o.targets[i] == "localhost") a = Ipv4Addr::of(127, 0, 0, 1);
      if (!a) fail(2, fmt::format("{}: Temporary failure in name resolution", o.targets[i]));
      route.push_back(*a);
    }
    if (!route.empty()) route.push_back(*dst);
    whereto = *dst;
    hostname = numeric_target ? target : std::string("localhost");
    if (numeric_target && o.targets.size() == 1) o.numeric = true;

    s->tos = static_cast<uint8_t>(o.tos);
    if (o.opt_mark) s->mark = o.mark;
    source = o.source;
    if (source.is_any()) {
      NetDevice* dev = o.device ? bind_to_device() : nullptr;
      Ipv4Addr probe_dst = route.empty() ? whereto : route[0];
      Ipv4Addr src;
      s->broadcast = false;
      int e = socks.connect_probe(s, probe_dst, &src);
      if (e == -EACCES) {
        if (!o.broadcast)
          fail(2, "Do you want to ping broadcast? Then -b. If not, check your local firewall rules");
        p.err.write("WARNING: pinging broadcast address\n");
        s->broadcast = true;
        e = socks.connect_probe(s, probe_dst, &src);
      }
      if (e) fail(2, "connect", -e);
      source = src;
      if (dev) {
        bool found = false;
        if (dev->ip_ptr)
          for (const InIfaddr& ifa : dev->ip_ptr->ifa_list)
            if (ifa.local == source) found = true;
        if (!found)
          ping_error(p.out, p.err, "ping",
                     fmt::format("Warning: source address might be selected on device other than: {}",
                                 *o.device));
      }
    } else if (o.device) {
      bind_to_device();
    }
    if (whereto.is_any()) whereto = source;
    if (o.broadcast || whereto.is_multicast()) {
      multicast = true;
      if (o.pmtudisc < 0) o.pmtudisc = IP_PMTUDISC_DO;
    }
    if (o.pmtudisc >= 0) s->pmtudisc = o.pmtudisc;
    if (o.strictsource) {
      const uint8_t t = inet_addr_type(net, source);
      if (t != RTN_LOCAL && t != RTN_MULTICAST && t != RTN_BROADCAST) fail(2, "bind", EADDRNOTAVAIL);
      s->saddr = source;
    }
    if (!route.empty() && !o.rroute && !o.timestamp) fail(2, "record route", EPERM);
    if (o.rroute) fail(2, "record route", EPERM);
    if (o.timestamp) fail(2, "ts option", EPERM);

    // sock_setbufs: SO_RCVBUF of at least 64 KiB, doubled by the kernel.
    long hold = o.datalen + 8;
    hold += ((hold + 511) / 512) * (20 + 16 + 64 + 160);
    long rcv = std::max<long>(hold * o.preload, 65536);
    s->rcvbuf = static_cast<uint32_t>(std::min<long>(2 * rcv, INT_MAX));
    s->broadcast = o.broadcast;
    if (o.opt_ttl) {
      if (o.ttl == 0) fail(2, "cannot set unicast time-to-live", EINVAL);
      s->ttl = o.ttl;
    }
    timing = o.datalen >= kTimevalLen;

    std::string head = fmt::format("PING {} ({}) ", hostname, whereto.str());
    if (o.device || o.strictsource)
      head += fmt::format("from {} {}: ", source.str(), o.device ? *o.device : std::string());
    head += fmt::format("{}({}) bytes of data.\n", o.datalen, o.datalen + 8 + 20);
    p.out.write(head);

    // setup()
    interval = o.interval_ms;
    if (o.flood && !o.opt_interval) interval = 0;
    if (interval >= INT_MAX / o.preload) fail(2, fmt::format("illegal preload and/or interval: {}", interval));
    outpack.assign(static_cast<size_t>(o.datalen), 0);
    if (!o.pingfilled) {
      for (size_t i = 0; i < outpack.size(); ++i) outpack[i] = static_cast<uint8_t>(i);
    } else if (!o.pattern.empty()) {
      for (size_t i = 0; i < outpack.size(); ++i) outpack[i] = o.pattern[i % o.pattern.size()];
    }
    start_time = now();
    if (o.deadline_s) alarm_at = start_time + o.deadline_s * kSec;

    main_loop();
    return finish();
  }
};

}  // namespace

int cmd_ping(Proc& p, std::span<const std::string> argv) {
  PingOptions o;
  if (auto rc = ping_parse_args(argv, o, p.out, p.err)) return *rc;
  Net& net = p.net ? *p.net : p.world.init_net();
  if (!net.ping_socks) net.ping_socks = std::make_unique<PingSockets>(net);
  PingSockets& socks = *net.ping_socks;
  Ping ping{p, net, socks, o};
  ping.s = socks.open();
  if (!ping.s) {
    ping_error(p.out, p.err, "ping", "socket", ENOBUFS);
    return 2;
  }
  int rc;
  try {
    rc = ping.run();
  } catch (const Exit& e) {
    rc = e.status;
  } catch (...) {
    socks.close(ping.s);
    throw;
  }
  socks.close(ping.s);
  return rc;
}

}  // namespace skbox
