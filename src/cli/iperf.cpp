// iperf (iperf 2.1.8, as Debian 12 ships it) in UDP mode: the traffic
// generator and its server, on the socket API of src/net/socket.h.
//
// Client (`iperf -c HOST -u [-b RATE] [-l LEN] [-n BYTES | -t SECS] [-p PORT]
// [-i N] [-B ADDR[:PORT]]`): connects a UDP socket, sends the first datagram
// at once (SendFirstPayload), then paces the rest with iperf's running-delay
// loop (RunUDP: adjust = IPG - time since the last datagram, sleep only when
// the running delay reaches 100 us), all in virtual time, so the datagram
// times, the bandwidth and the interval ends are exact. Every datagram starts
// with iperf's UDP header (id, tv_sec, tv_usec, id2) followed by the client
// test header; the end is a datagram with the negated sequence number (the
// FIN), re-sent with a decreasing id every 10 ms for 2 s until the server's
// report datagram comes back ("Server Report:"), or "WARNING: did not receive
// ack of last datagram". Errors print as iperf's WARN_errno does
// ("read failed: Connection refused", "write-fin failed: ...").
//
// Server (`iperf -s -u [-p PORT] [-B ADDR] [-i N] [-l LEN]`): one bound
// socket; each new peer is a new transfer ([  1], [  2], ...). Reads are
// truncated to -l (default 1470), so Transfer counts the bytes read, as the
// real server does. Loss is counted from sequence gaps, out-of-order
// datagrams are not subtracted from the total, jitter is RFC 1889's (transit
// from the sender's timestamp to the arrival time). On the FIN the server
// prints its summary and sends the report datagram (server_hdr: flags,
// total_len, stop time, error_cnt, outorder_cnt, datagrams, jitter); a FIN
// retry from a finished peer is answered again. SIGTERM/SIGINT end it with
// status 0 and no extra output, like the real one.
//
// Not modelled: TCP (no TCP in skbox: `-c` without -u prints the real tool's
// "tcp connect failed: Connection refused"; `-s` without -u prints the TCP
// banner and waits for a signal), IPv6, multicast, -P/-d/-r/-R/-e/-f/-o and
// the other options (ignored), host names (only IPv4 literals), the
// extended fields of the server report (min/max transit, ...; zero here),
// the real server's connected per-client sockets (one bound socket here),
// its segfault on a second client after an -i run, the "CPU bound" warning,
// the last partial interval (never printed, as seen on the real tool).
#include <netinet/in.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "core/task.h"
#include "net/net.h"
#include "net/socket.h"
#include "net/world.h"
#include "wire/addr.h"
#include "wire/be.h"

namespace skbox {

namespace {

constexpr int kDefaultPort = 5001;
constexpr int kDefaultUdpLen = 1470;
constexpr double kDefaultUdpRate = 1024.0 * 1024.0;  // 1 Mbit/s, iperf's kDefault_UDPRate
constexpr Duration kFinRetry = 10 * kMsec;           // RETRYTIMER
constexpr int kFinRetries = 200;                     // RETRYCOUNT: 2 s of retries
constexpr uint32_t kUdpHdrLen = 16;                  // struct UDP_datagram
constexpr uint32_t kServerReportLen = 128;           // UDP_datagram + server_hdr (extended)
constexpr const char* kSep = "------------------------------------------------------------\n";

std::string fmt_c(const char* f, double v) {
  char b[64];
  std::snprintf(b, sizeof b, f, v);
  return b;
}

// byte_snprintf: an adaptive number of bytes ('A') or bits ('a') in 4 places.
std::string byte_str(double n, char format) {
  static const char* kByte[] = {"Byte", "KByte", "MByte", "GByte", "TByte", "PByte"};
  static const char* kBit[] = {"bit", "Kbit", "Mbit", "Gbit", "Tbit", "Pbit"};
  const bool bits = format == 'a';
  if (bits) n *= 8;
  const double base = bits ? 1000.0 : 1024.0;
  int conv = 0;
  double t = std::fabs(n);
  while (t >= base && conv < 5) {
    t /= base;
    ++conv;
  }
  for (int i = 0; i < conv; ++i) n /= base;
  t = std::fabs(n);
  const char* f = t < 0.9995 ? "%4.3f" : t < 9.995 ? "%4.2f" : t < 99.95 ? "%4.1f" : "%4.0f";
  return fmt_c(f, n) + " " + (bits ? kBit[conv] : kByte[conv]);
}

// byte_atof for -l/-n (K/M/G = 1024 powers, k/m/g = 1000 powers).
std::optional<double> parse_size(const std::string& s) {
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str()) return std::nullopt;
  switch (*end) {
    case 'G': v *= 1024.0 * 1024 * 1024; break;
    case 'M': v *= 1024.0 * 1024; break;
    case 'K': v *= 1024.0; break;
    case 'g': v *= 1e9; break;
    case 'm': v *= 1e6; break;
    case 'k': v *= 1e3; break;
    default: break;
  }
  return v;
}

std::string id_str(int id) {
  char b[16];
  std::snprintf(b, sizeof b, "[%3d] ", id);
  return b;
}

std::string interval(double a, double b) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%4.4f-%4.4f sec", a, b);
  return buf;
}

double secs(Duration d) { return static_cast<double>(d) / kSec; }

// "%ss  %ss/sec" of a report line.
std::string xfer_bw(double bytes, double dur) {
  const double bw = dur > 0 ? bytes / dur : 0;
  return byte_str(bytes, 'A') + "s  " + byte_str(bw, 'a') + "s/sec";
}

std::string udp_line(int id, double a, double b, double bytes, double jitter_s, int64_t lost, int64_t total) {
  char tail[96];
  const double pct = total > 0 ? 100.0 * static_cast<double>(lost) / static_cast<double>(total) : 0.0;
  std::snprintf(tail, sizeof tail, "  %6.3f ms %ld/%ld (%.2g%%)\n", jitter_s * 1e3, static_cast<long>(lost),
                static_cast<long>(total), pct);
  return id_str(id) + interval(a, b) + "  " + xfer_bw(bytes, b - a) + tail;
}

struct Opts {
  bool server = false, client = false, udp = false;
  std::string host;
  int port = kDefaultPort;
  std::string bind;
  double interval = 0;
  int len = 0;  // 0: the default
  double amount = 0;
  bool amount_mode = false;
  double time = 10;
  double rate = kDefaultUdpRate;
  bool pps = false;
};

void usage(Proc& p) {
  p.err.write("Usage: iperf [-s|-c host] [options]\nTry `iperf --help' for more information.\n");
}

// Splits "-xVAL" / "-x VAL" / "--long VAL" forms; returns false on a bad option.
bool parse(Proc& p, std::span<const std::string> argv, Opts& o) {
  for (size_t i = 1; i < argv.size(); ++i) {
    std::string a = argv[i];
    std::string val;
    bool has_val = false;
    char opt = 0;
    auto need = [&](bool takes) -> bool {
      if (!takes) return true;
      if (has_val) return true;
      if (i + 1 >= argv.size()) {
        p.err.print("iperf: option requires an argument -- '{}'\n", opt);
        return false;
      }
      val = argv[++i];
      return true;
    };
    if (a.rfind("--", 0) == 0) {
      static const std::pair<const char*, char> kLong[] = {
          {"--server", 's'}, {"--client", 'c'}, {"--udp", 'u'},      {"--port", 'p'},     {"--bind", 'B'},
          {"--interval", 'i'}, {"--len", 'l'},  {"--num", 'n'},      {"--time", 't'},     {"--bandwidth", 'b'}};
      std::string name = a, v;
      if (auto eq = a.find('='); eq != std::string::npos) {
        name = a.substr(0, eq);
        v = a.substr(eq + 1);
        has_val = true;
      }
      for (auto& [n, c] : kLong)
        if (name == n) opt = c;
      if (!opt) continue;  // other long options: ignored
      val = v;
    } else if (a.size() >= 2 && a[0] == '-') {
      opt = a[1];
      if (a.size() > 2) {
        val = a.substr(2);
        has_val = true;
      }
    } else {
      continue;
    }
    switch (opt) {
      case 's': o.server = true; break;
      case 'u': o.udp = true; break;
      case 'c':
        if (!need(true)) return false;
        o.client = true;
        o.host = val;
        break;
      case 'p':
        if (!need(true)) return false;
        o.port = std::atoi(val.c_str());
        break;
      case 'B':
        if (!need(true)) return false;
        o.bind = val;
        break;
      case 'i':
        if (!need(true)) return false;
        o.interval = std::atof(val.c_str());
        break;
      case 'l':
        if (!need(true)) return false;
        o.len = static_cast<int>(parse_size(val).value_or(0));
        break;
      case 'n':
        if (!need(true)) return false;
        o.amount = parse_size(val).value_or(0);
        o.amount_mode = true;
        break;
      case 't':
        if (!need(true)) return false;
        o.time = std::atof(val.c_str());
        if (!o.server) o.amount_mode = false;
        break;
      case 'b': {
        if (!need(true)) return false;
        char* end = nullptr;
        double v = std::strtod(val.c_str(), &end);
        if (*end == 'p' || *end == 'P') {
          o.pps = true;
        } else {
          o.pps = false;
          v *= parse_size(std::string("1") + (*end ? std::string(1, *end) : std::string())).value_or(1);
        }
        o.rate = v;
        o.udp = true;
        break;
      }
      default:
        // Options taking a value that are not modelled: skip their argument.
        if (std::strchr("fwoxyMSZLPFHTAXIR", opt) && !has_val && std::strchr("fwoxyMSZLPFHTAX", opt)) ++i;
        break;
    }
  }
  return true;
}

// "host[:port]" of -B.
bool parse_bind(const std::string& s, Ipv4Addr& addr, uint16_t& port) {
  std::string h = s;
  if (auto pc = h.find('%'); pc != std::string::npos) h = h.substr(0, pc);
  if (auto c = h.find(':'); c != std::string::npos) {
    port = static_cast<uint16_t>(std::atoi(h.c_str() + c + 1));
    h = h.substr(0, c);
  }
  auto a = Ipv4Addr::parse(h);
  if (!a) return false;
  addr = *a;
  return true;
}

void warn_errno(Proc& p, const char* what, long err) {
  p.out.flush();
  p.err.print("{} failed: {}\n", what, std::strerror(static_cast<int>(-err)));
}

// ------------------------------------------------------------------ client

class Client {
 public:
  Client(Proc& p, const Opts& o, Ipv4Addr dst) : p_(p), o_(o), dst_(dst) {}
  int run();

 private:
  Time now() const { return p_.world.now(); }
  void stamp(uint8_t* b, int64_t id, Time t) {
    const uint32_t id1 = static_cast<uint32_t>(id), id2 = static_cast<uint32_t>(static_cast<uint64_t>(id) >> 32);
    wire::store_be32(b, id1);
    wire::store_be32(b + 4, static_cast<uint32_t>(wall_seconds(t)));
    wire::store_be32(b + 8, static_cast<uint32_t>((t % kSec) / kUsec));
    wire::store_be32(b + 12, id2);
  }
  long write(int64_t id, Time t, uint32_t len) {
    stamp(buf_.data(), id, t);
    return sock_->sendmsg(std::span<const uint8_t>(buf_.data(), len), nullptr, 0);
  }
  void account(Time t, long n) {
    report_intervals(t);
    bytes_ += n;
    ibytes_ += n;
  }
  void report_intervals(Time t) {
    if (o_.interval <= 0) return;
    const Duration step = static_cast<Duration>(o_.interval * kSec);
    while (t >= start_ + next_ * step + step) {
      header();
      p_.out.write(id_str(1) + interval(secs(next_ * step), secs((next_ + 1) * step)) + "  " +
                   xfer_bw(static_cast<double>(ibytes_), secs(step)) + "\n");
      p_.out.flush();
      ibytes_ = 0;
      ++next_;
    }
  }
  void header() {
    if (header_done_) return;
    header_done_ = true;
    p_.out.write("[ ID] Interval       Transfer     Bandwidth\n");
  }
  bool in_progress(Time last_pkt) const {
    if (o_.amount_mode) return amount_ > 0;
    return !(start_ + static_cast<Duration>(o_.time * kSec) < last_pkt);
  }
  void fill_client_hdr();
  void await_server_fin(int64_t& packet_id);

  Proc& p_;
  const Opts& o_;
  Ipv4Addr dst_;
  std::unique_ptr<Socket> sock_;
  std::vector<uint8_t> buf_;
  uint32_t len_ = kDefaultUdpLen;
  double amount_ = 0;
  Time start_ = 0;
  int64_t bytes_ = 0, ibytes_ = 0;
  int64_t next_ = 0;
  bool header_done_ = false;
};

// The client test header after the UDP header (client_hdr_udp_tests with
// the version-1 fields), as the real client fills it for -n / -t.
void Client::fill_client_hdr() {
  if (buf_.size() < 60) return;
  uint8_t* h = buf_.data() + kUdpHdrLen;
  wire::store_be32(h, o_.amount_mode ? 0x48010098u : 0x48000098u);  // flags (HEADER_VERSION1 | ...)
  wire::store_be32(h + 4, 1);                                      // numThreads
  wire::store_be32(h + 8, static_cast<uint32_t>(o_.port));         // mPort
  wire::store_be32(h + 12, 0);                                     // bufferlen
  wire::store_be32(h + 16, 0);                                     // mWinBand
  const uint32_t amt = o_.amount_mode ? static_cast<uint32_t>(o_.amount)
                                      : static_cast<uint32_t>(-static_cast<int64_t>(o_.time * 100));
  wire::store_be32(h + 20, amt);  // mAmount
  wire::store_be32(h + 36, 0x00020001);  // version
  wire::store_be32(h + 40, 0x00080003);
  wire::store_be32(h + 48, 0x00100000);
}

int Client::run() {
  if (int e = sock_create(*p_.net, AF_INET, SOCK_DGRAM, 0, &sock_)) {
    warn_errno(p_, "socket", e);
    return 1;
  }
  if (!o_.bind.empty()) {
    Ipv4Addr a;
    uint16_t port = 0;
    if (parse_bind(o_.bind, a, port)) {
      if (long e = sock_->bind({a, port})) {
        warn_errno(p_, "bind", e);
        return 1;
      }
    }
  }
  len_ = o_.len > 0 ? static_cast<uint32_t>(o_.len) : kDefaultUdpLen;
  int sndbuf = 0;
  sock_->getsockopt(SOL_SOCKET, SO_SNDBUF, &sndbuf);
  double ipg_ns = o_.pps ? 1e9 / o_.rate : len_ * (1e9 * 8) / o_.rate;
  p_.out.write(kSep);
  p_.out.print("Client connecting to {}, UDP port {}\n", dst_.str(), o_.port);
  p_.out.write("Sending " + std::to_string(len_) + " byte datagrams, IPG target: " + fmt_c("%4.2f", ipg_ns / 1000) +
               " us (kalman adjust)\n");
  p_.out.write("UDP buffer size: " + byte_str(sndbuf, 'A') + " (default)\n");
  p_.out.write(kSep);
  if (long e = sock_->connect({dst_, static_cast<uint16_t>(o_.port)})) {
    warn_errno(p_, "connect", e);
    return 1;
  }
  SockAddrIn local;
  sock_->getsockname(&local);
  p_.out.print("[  1] local {} port {} connected with {} port {}\n", local.addr.str(), local.port, dst_.str(),
               o_.port);
  p_.out.flush();

  buf_.assign(std::max<uint32_t>(len_, kUdpHdrLen), 0);
  fill_client_hdr();
  amount_ = o_.amount;
  int64_t packet_id = 1;
  start_ = now();
  // SendFirstPayload
  const uint32_t first_len = len_;
  long n = write(packet_id, start_, first_len);
  Time last_pkt = start_;
  if (n < 0) {
    warn_errno(p_, "send_hdr", n);
  } else {
    account(start_, n);
    ++packet_id;
  }
  if (o_.amount_mode) amount_ -= std::min<double>(amount_, n > 0 ? static_cast<double>(n) : 0.0);
  const double delay_target = ipg_ns;
  if (delay_target > 100000) p_.world.tasks.sleep_for(static_cast<Duration>(delay_target / 1000) * kUsec);
  // RunUDP's running delay (ns), with the microsecond timestamps it uses.
  double delay = 0;
  long cur = 1;
  int sent = n > 0 ? 1 : 0;
  auto usec = [](Time t) { return t / kUsec; };
  while (in_progress(last_pkt)) {
    const Time t = now();
    double adjust = cur > 0 ? delay_target + 1000.0 * static_cast<double>(usec(last_pkt) - usec(t))
                            : 1000.0 * static_cast<double>(usec(last_pkt) - usec(t));
    last_pkt = t;
    delay += adjust;
    if (delay < -1e9) delay = delay_target;  // delay_lower_bounds
    uint32_t wlen = len_;
    if (o_.amount_mode && amount_ < len_) wlen = static_cast<uint32_t>(amount_);
    if (wlen < kUdpHdrLen) wlen = std::min<uint32_t>(len_, kUdpHdrLen);
    cur = write(packet_id, t, wlen);
    if (cur < 0) {
      if (cur != -EAGAIN && cur != -EINTR && cur != -ECONNREFUSED && cur != -ENOBUFS) {
        warn_errno(p_, "write", cur);
        break;
      }
      cur = 0;
    } else {
      account(t, cur);
      ++packet_id;
      ++sent;
    }
    if (o_.amount_mode) amount_ -= std::min<double>(amount_, static_cast<double>(cur));
    if (delay >= 100000) p_.world.tasks.sleep_for(static_cast<Duration>(delay / 1000) * kUsec);
  }
  // FinishTrafficActions: the FIN, counted like a datagram.
  const Time fin_t = now();
  long fl = write(-packet_id, fin_t, len_);
  if (fl > 0) {
    account(fin_t, fl);
    ++sent;
  }
  report_intervals(fin_t);
  header();
  p_.out.write(id_str(1) + interval(0, secs(fin_t - start_)) + "  " +
               xfer_bw(static_cast<double>(bytes_), secs(fin_t - start_)) + "\n");
  p_.out.print("[  1] Sent {} datagrams\n", sent + 1);
  p_.out.flush();
  await_server_fin(packet_id);
  return 0;
}

void Client::await_server_fin(int64_t& packet_id) {
  std::vector<uint8_t> rb(65536);
  for (int count = kFinRetries; --count >= 0;) {
    const short ev = sock_wait(p_.world.tasks, *sock_, POLLIN, now() + kFinRetry);
    if (!ev) {
      long rc = write(-(++packet_id), now(), len_);
      if (rc < 0) warn_errno(p_, "write-fin", rc);
      continue;
    }
    RecvInfo info;
    long rc = sock_->recvmsg(rb, &info, 0);
    if (rc < 0) {
      warn_errno(p_, "read", rc);
      continue;
    }
    if (rc == 0) continue;
    // The server report: server_hdr after the UDP header.
    if (static_cast<uint32_t>(rc) < kUdpHdrLen + 40) return;
    const uint8_t* h = rb.data() + kUdpHdrLen;
    const uint64_t total = (uint64_t(wire::load_be32(h + 4)) << 32) | wire::load_be32(h + 8);
    const uint32_t stop_sec = wire::load_be32(h + 12), stop_usec = wire::load_be32(h + 16);
    const int32_t errs = static_cast<int32_t>(wire::load_be32(h + 20));
    const int32_t dgrams = static_cast<int32_t>(wire::load_be32(h + 28));
    const uint32_t j1 = wire::load_be32(h + 32), j2 = wire::load_be32(h + 36);
    const double stop = stop_sec + stop_usec / 1e6;
    p_.out.write("[  1] Server Report:\n");
    p_.out.write("[ ID] Interval       Transfer     Bandwidth        Jitter   Lost/Total Datagrams\n");
    p_.out.write(udp_line(1, 0, stop, static_cast<double>(total), j1 + j2 / 1e6, errs, dgrams));
    p_.out.flush();
    return;
  }
  p_.out.flush();
  p_.err.print("[{:3}] WARNING: did not receive ack of last datagram after {} tries.\n", 3, o_.amount_mode ? 1 : 10);
}

// ------------------------------------------------------------------ server

struct Flow {
  int id = 0;
  SockAddrIn peer;
  Time start = 0, end = 0;
  int64_t bytes = 0, count = 0, last_id = 0, lost = 0, outorder = 0;
  double jitter = 0, last_transit = 0;
  bool have_transit = false, done = false;
  // the current -i interval
  int64_t next = 0, ibytes = 0, icount = 0, ilost = 0, ilast_id = 0;
  double report_jitter = 0;
};

class Server {
 public:
  Server(Proc& p, const Opts& o) : p_(p), o_(o) {}
  int run();

 private:
  void datagram(const uint8_t* d, long n, const RecvInfo& info);
  void intervals(Flow& f, Time t);
  void send_report(const Flow& f);

  Proc& p_;
  const Opts& o_;
  std::unique_ptr<Socket> sock_;
  std::vector<Flow> flows_;
  int next_id_ = 0;
};

void Server::intervals(Flow& f, Time t) {
  if (o_.interval <= 0) return;
  const Duration step = static_cast<Duration>(o_.interval * kSec);
  while (t >= f.start + f.next * step + step) {
    const int64_t total = f.icount + f.ilost;
    p_.out.write(udp_line(f.id, secs(f.next * step), secs((f.next + 1) * step), static_cast<double>(f.ibytes),
                          f.jitter, f.ilost, total));
    p_.out.flush();
    f.ibytes = f.icount = f.ilost = 0;
    ++f.next;
  }
}

void Server::send_report(const Flow& f) {
  std::vector<uint8_t> r(kServerReportLen, 0);
  uint8_t* h = r.data() + kUdpHdrLen;
  const Duration stop = f.end - f.start;
  const int64_t total = f.last_id;
  wire::store_be32(h, 0x88000000u);  // HEADER_VERSION1 | HEADER_EXTEND
  wire::store_be32(h + 4, static_cast<uint32_t>(static_cast<uint64_t>(f.bytes) >> 32));
  wire::store_be32(h + 8, static_cast<uint32_t>(f.bytes));
  wire::store_be32(h + 12, static_cast<uint32_t>(stop / kSec));
  wire::store_be32(h + 16, static_cast<uint32_t>((stop % kSec) / kUsec));
  wire::store_be32(h + 20, static_cast<uint32_t>(f.lost));
  wire::store_be32(h + 24, static_cast<uint32_t>(f.outorder));
  wire::store_be32(h + 28, static_cast<uint32_t>(total));
  const auto jus = static_cast<int64_t>(f.jitter * 1e6);
  wire::store_be32(h + 32, static_cast<uint32_t>(jus / 1000000));
  wire::store_be32(h + 36, static_cast<uint32_t>(jus % 1000000));
  sock_->sendmsg(r, &f.peer, 0);
}

void Server::datagram(const uint8_t* d, long n, const RecvInfo& info) {
  const Time t = p_.world.now();
  Flow* f = nullptr;
  for (Flow& x : flows_)
    if (x.peer.addr == info.from.addr && x.peer.port == info.from.port) f = &x;
  if (n < static_cast<long>(kUdpHdrLen)) return;
  const int64_t id = static_cast<int64_t>((uint64_t(wire::load_be32(d + 12)) << 32) | wire::load_be32(d));
  const int64_t seq = id;
  if (f && f->done) {
    if (seq < 0) send_report(*f);  // the client retried its FIN: answer again
    return;
  }
  if (!f) {
    if (seq < 0) return;  // a stray FIN of an unknown transfer
    flows_.push_back({});
    f = &flows_.back();
    f->id = ++next_id_;
    f->peer = info.from;
    f->start = t;
    p_.out.print("{}local {} port {} connected with {} port {}\n", id_str(f->id), info.dst.str(), o_.port,
                 info.from.addr.str(), info.from.port);
    p_.out.write("[ ID] Interval       Transfer     Bandwidth        Jitter   Lost/Total Datagrams\n");
    p_.out.flush();
  }
  intervals(*f, t);
  f->bytes += n;
  f->ibytes += n;
  ++f->count;
  ++f->icount;
  // RFC 1889 jitter from the sender's timestamp.
  const double sent = static_cast<double>(wire::load_be32(d + 4)) + wire::load_be32(d + 8) / 1e6;
  const double arrival = static_cast<double>(kWallEpoch) + secs(t);
  const double transit = arrival - sent;
  if (f->have_transit) {
    const double delta = std::fabs(transit - f->last_transit);
    f->jitter += (delta - f->jitter) / 16.0;
  }
  f->have_transit = true;
  f->last_transit = transit;
  const int64_t pid = seq < 0 ? -seq : seq;
  if (pid == f->last_id + 1) {
    f->last_id = pid;
  } else if (pid > f->last_id + 1) {
    f->lost += pid - f->last_id - 1;
    f->ilost += pid - f->last_id - 1;
    f->last_id = pid;
  } else {
    ++f->outorder;
    if (f->lost > 0) --f->lost;
    if (f->ilost > 0) --f->ilost;
  }
  if (seq < 0) {
    f->end = t;
    f->done = true;
    send_report(*f);
    p_.out.write(udp_line(f->id, 0, secs(f->end - f->start), static_cast<double>(f->bytes), f->jitter, f->lost,
                          f->last_id));
    p_.out.flush();
  }
}

int Server::run() {
  if (int e = sock_create(*p_.net, AF_INET, SOCK_DGRAM, 0, &sock_)) {
    warn_errno(p_, "socket", e);
    return 1;
  }
  sock_->setsockopt(SOL_SOCKET, SO_REUSEADDR, 1);
  Ipv4Addr addr;
  uint16_t bport = 0;
  if (!o_.bind.empty()) parse_bind(o_.bind, addr, bport);
  if (long e = sock_->bind({addr, static_cast<uint16_t>(o_.port)})) {
    warn_errno(p_, "listener bind", e);
    return 0;
  }
  int rcvbuf = 0;
  sock_->getsockopt(SOL_SOCKET, SO_RCVBUF, &rcvbuf);
  p_.out.write(kSep);
  p_.out.print("Server listening on UDP port {}\n", o_.port);
  p_.out.write("UDP buffer size: " + byte_str(rcvbuf, 'A') + " (default)\n");
  p_.out.write(kSep);
  p_.out.flush();
  Tasks& tasks = p_.world.tasks;
  struct Guard {
    Tasks& t;
    ~Guard() { t.catch_signals(false); }
  } guard{tasks};
  tasks.catch_signals(true);
  const uint32_t len = o_.len > 0 ? static_cast<uint32_t>(o_.len) : kDefaultUdpLen;
  std::vector<uint8_t> buf(len);
  for (;;) {
    if (!(sock_->poll() & POLLIN)) {
      sock_wait(tasks, *sock_, POLLIN, kTimeNever);
      if (tasks.take_signal()) break;
    }
    RecvInfo info;
    long n = sock_->recvmsg(buf, &info, MSG_DONTWAIT);
    if (n == -EAGAIN) continue;
    if (n < 0) continue;  // a pending ICMP error (a client that went away)
    datagram(buf.data(), n, info);
  }
  p_.out.flush();
  return 0;
}

// TCP server: skbox has no TCP; the banner, then it waits for a signal.
int tcp_server(Proc& p, const Opts& o) {
  p.out.write(kSep);
  p.out.print("Server listening on TCP port {}\n", o.port);
  p.out.write("TCP window size:  128 KByte (default)\n");
  p.out.write(kSep);
  p.out.flush();
  Tasks& tasks = p.world.tasks;
  tasks.catch_signals(true);
  for (;;) {
    tasks.block_until(kTimeNever);
    if (tasks.take_signal()) break;
  }
  tasks.catch_signals(false);
  return 0;
}

}  // namespace

int cmd_iperf(Proc& p, std::span<const std::string> argv) {
  Opts o;
  for (size_t i = 1; i < argv.size(); ++i) {
    if (argv[i] == "-v" || argv[i] == "--version") {
      p.err.write("iperf version 2.1.8 (12 August 2022) pthreads\n");
      return 0;
    }
  }
  if (!parse(p, argv, o)) return 1;
  if (o.server) {
    if (!o.udp) return tcp_server(p, o);
    return Server(p, o).run();
  }
  if (!o.client) {
    usage(p);
    return 0;
  }
  auto dst = Ipv4Addr::parse(o.host);
  if (!dst) {
    p.err.print("ERROR: failed to find host {}\n", o.host);
    return 1;
  }
  if (!o.udp) {
    p.out.write(kSep);
    p.out.print("Client connecting to {}, TCP port {}\n", dst->str(), o.port);
    p.out.write("TCP window size: 16.0 KByte (default)\n");
    p.out.write(kSep);
    p.out.flush();
    p.err.write("tcp connect failed: Connection refused\n");
    p.out.print("[  1] local 0.0.0.0 port 0 connected with {} port {}\n", dst->str(), o.port);
    p.out.flush();
    return 0;
  }
  return Client(p, o, *dst).run();
}

}  // namespace skbox
