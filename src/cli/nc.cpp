// nc: OpenBSD netcat as Debian 12 ships it (netcat-openbsd 1.219-1), UDP
// mode. Same options, messages (err(3) style "nc: ..."), exit statuses and
// datagram boundaries as the real binary, checked against it on the oracle
// machine.
//
// The flow is the real one: a client connect()s a UDP socket (after
// bind() for -s/-p), probes it with "X" datagrams under -v (udptest), then
// runs the poll loop that copies stdin to the socket and the socket to
// stdout; a listener bind()s, waits for the first datagram with
// recvfrom(MSG_PEEK), connect()s to its sender (-k: sendto/recvfrom to
// whoever spoke last instead) and runs the same loop.
//
// Not modelled:
// - TCP (skbox has no TCP yet): a TCP client fails as it does on Linux when
//   nothing listens ("Connection refused", printed only with -v; routing
//   errors are the real ones); TCP listen mode prints a skbox message.
// - IPv6 (-6 on an IPv4 address fails as Linux does), UNIX sockets (-U),
//   proxies (-x/-X/-P), -F, -C, -t, -i, -I, -O, -m, -T, -S, -Z, -V: these
//   print "nc: skbox: option -X is not modelled" and exit 1. -D is accepted
//   and ignored; -r does not shuffle port ranges.
// - Name resolution: there is no resolver (like the oracle's sandbox), so
//   host names other than "localhost" fail with "Temporary failure in name
//   resolution" and reverse lookups (report lines without -n) print
//   "nc: getnameinfo: ..." instead of the line, except 127.0.0.1 (localhost).
//   Service names come from a short table of /etc/services' UDP entries.
// - Stdin timing: a command gets all of its stdin at once in skbox, so each
//   read(2) returns min(16384, rest) bytes, i.e. one datagram per 16 KiB;
//   the real tool sees what the writer's write(2) calls made available.
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/getopt.h"
#include "core/task.h"
#include "net/socket.h"
#include "net/world.h"
#include "wire/addr.h"

namespace skbox {

namespace {

constexpr size_t kBufSize = 16384;  // BUFSIZE of netcat.c's readwrite()
constexpr int kUdpScanTimeout = 3;  // UDP_SCAN_TIMEOUT, seconds

// Thrown to leave nc with an exit status (exit(3), errx(3)).
struct NcExit {
  int status;
};

struct Service {
  const char* name;
  uint16_t port;
};
// /etc/services (netbase) UDP entries nc may name with getservbyport/byname.
constexpr Service kUdpServices[] = {
    {"echo", 7},         {"discard", 9},       {"daytime", 13},   {"domain", 53},        {"bootps", 67},
    {"bootpc", 68},      {"tftp", 69},         {"sunrpc", 111},   {"ntp", 123},          {"netbios-ns", 137},
    {"netbios-dgm", 138}, {"snmp", 161},       {"snmp-trap", 162}, {"xdmcp", 177},       {"ldap", 389},
    {"svrloc", 427},     {"isakmp", 500},      {"biff", 512},     {"who", 513},          {"syslog", 514},
    {"talk", 517},       {"ntalk", 518},       {"route", 520},    {"openvpn", 1194},     {"radius", 1812},
    {"radius-acct", 1813}, {"nfs", 2049},      {"ipsec-nat-t", 4500}, {"sip", 5060},     {"mdns", 5353},
};

const char* service_by_port(uint16_t port) {
  for (const Service& s : kUdpServices)
    if (s.port == port) return s.name;
  return nullptr;
}
std::optional<uint16_t> service_by_name(std::string_view name) {
  for (const Service& s : kUdpServices)
    if (name == s.name) return s.port;
  return std::nullopt;
}

// getaddrinfo's error strings (gai_strerror).
constexpr const char* kEaiAgain = "Temporary failure in name resolution";
constexpr const char* kEaiNoname = "Name or service not known";
constexpr const char* kEaiFamily = "Address family for hostname not supported";
constexpr const char* kEaiService = "Servname not supported for ai_socktype";

struct NcOptions {
  bool b = false, d = false, k = false, l = false, N = false, n = false, u = false, v = false, z = false;
  int family = AF_UNSPEC;
  int q = -1;        // -q seconds (<0: never quit on EOF)
  int timeout = -1;  // -w, in ms (-1: none)
  int ttl = -1;      // -M
  int recvlimit = 0; // -W
  std::optional<std::string> p, s;
  std::vector<std::string> args;
};

class Nc {
 public:
  Nc(Proc& p, NcOptions o) : p_(p), o_(std::move(o)) {}
  int run();
  static void usage(Proc& p, int ret);

 private:
  [[noreturn]] void errx(const std::string& msg) {
    p_.out.flush();
    p_.err.print("nc: {}\n", msg);
    throw NcExit{1};
  }
  [[noreturn]] void err(const std::string& msg, int errnum) {
    p_.out.flush();
    if (msg.empty())
      p_.err.print("nc: {}\n", std::strerror(errnum));
    else
      p_.err.print("nc: {}: {}\n", msg, std::strerror(errnum));
    throw NcExit{1};
  }
  void warn(const std::string& msg, int errnum) { p_.err.print("nc: {}: {}\n", msg, std::strerror(errnum)); }

  Ipv4Addr resolve_host(const std::string& host, const std::string& port);
  uint16_t resolve_service(const std::string& serv);
  std::vector<std::string> build_ports(const std::string& spec);
  void set_common_sockopts(Socket& s);
  std::unique_ptr<Socket> remote_connect(const std::string& host, const std::string& port);
  std::unique_ptr<Socket> local_listen(const std::optional<std::string>& host, const std::string& port);
  int tcp_not_modelled(const std::string& host, const std::string& port);
  bool udptest(Socket& s);
  void report_sock(const char* msg, const SockAddrIn& a);
  void readwrite();
  long send_all(std::span<const uint8_t> data);
  void bind_local(Socket& s);
  void sleep_for(Duration d);

  Tasks& tasks() { return p_.world.tasks; }
  Time now() const { return p_.world.now(); }

  Proc& p_;
  NcOptions o_;
  std::unique_ptr<Socket> sock_;
  size_t stdin_pos_ = 0;
  bool use_sendto_ = false;      // -u -l -k
  SockAddrIn cliaddr_;  // the peer (-k: the last sender)
  Time alarm_ = kTimeNever;      // alarm(2) of -q: SIGALRM exits 0
  bool ctrld_seen_ = false;
  int recvcount_ = 0;
};

void Nc::usage(Proc& p, int ret) {
  p.err.write(
      "usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n"
      "\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n"
      "\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n"
      "\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n"
      "\t  [destination] [port]\n");
  if (ret) throw NcExit{ret};
}

void help(Proc& p) {
  p.err.write("OpenBSD netcat (Debian patchlevel 1.219-1)\n");
  Nc::usage(p, 0);
  p.err.write(
      "\tCommand Summary:\n"
      "\t\t-4\t\tUse IPv4\n"
      "\t\t-6\t\tUse IPv6\n"
      "\t\t-b\t\tAllow broadcast\n"
      "\t\t-C\t\tSend CRLF as line-ending\n"
      "\t\t-D\t\tEnable the debug socket option\n"
      "\t\t-d\t\tDetach from stdin\n"
      "\t\t-F\t\tPass socket fd\n"
      "\t\t-h\t\tThis help text\n"
      "\t\t-I length\tTCP receive buffer length\n"
      "\t\t-i interval\tDelay interval for lines sent, ports scanned\n"
      "\t\t-k\t\tKeep inbound sockets open for multiple connects\n"
      "\t\t-l\t\tListen mode, for inbound connects\n"
      "\t\t-M ttl\t\tOutgoing TTL / Hop Limit\n"
      "\t\t-m minttl\tMinimum incoming TTL / Hop Limit\n"
      "\t\t-N\t\tShutdown the network socket after EOF on stdin\n"
      "\t\t-n\t\tSuppress name/port resolutions\n"
      "\t\t-O length\tTCP send buffer length\n"
      "\t\t-P proxyuser\tUsername for proxy authentication\n"
      "\t\t-p port\t\tSpecify local port for remote connects\n"
      "\t\t-q secs\t\tquit after EOF on stdin and delay of secs\n"
      "\t\t-r\t\tRandomize remote ports\n"
      "\t\t-S\t\tEnable the TCP MD5 signature option\n"
      "\t\t-s sourceaddr\tLocal source address\n"
      "\t\t-T keyword\tTOS value\n"
      "\t\t-t\t\tAnswer TELNET negotiation\n"
      "\t\t-U\t\tUse UNIX domain socket\n"
      "\t\t-u\t\tUDP mode\n"
      "\t\t-V rtable\tSpecify alternate routing table\n"
      "\t\t-v\t\tVerbose\n"
      "\t\t-W recvlimit\tTerminate after receiving a number of packets\n"
      "\t\t-w timeout\tTimeout for connects and final net reads\n"
      "\t\t-X proto\tProxy protocol: \"4\", \"5\" (SOCKS) or \"connect\"\n"
      "\t\t-x addr[:port]\tSpecify proxy address and port\n"
      "\t\t-Z\t\tDCCP mode\n"
      "\t\t-z\t\tZero-I/O mode [used for scanning]\n"
      "\tPort numbers can be individual or ranges: lo-hi [inclusive]\n");
  throw NcExit{0};
}

// OpenBSD strtonum(3): the value, or the error word nc prints.
std::optional<long long> strtonum(const std::string& s, long long lo, long long hi, const char** errstr) {
  *errstr = nullptr;
  errno = 0;
  char* end = nullptr;
  const long long v = std::strtoll(s.c_str(), &end, 10);
  if (s.empty() || end == s.c_str() || *end != '\0') {
    *errstr = "invalid";
  } else if ((v == LLONG_MIN && errno == ERANGE) || v < lo) {
    *errstr = "too small";
  } else if ((v == LLONG_MAX && errno == ERANGE) || v > hi) {
    *errstr = "too large";
  }
  if (*errstr) return std::nullopt;
  return v;
}

// getaddrinfo(host): numeric IPv4, or "localhost" from /etc/hosts; no DNS.
Ipv4Addr Nc::resolve_host(const std::string& host, const std::string& port) {
  const std::string what = "getaddrinfo for host \"" + host + "\" port " + port + ": ";
  if (auto a = Ipv4Addr::parse(host)) {
    if (o_.family == AF_INET6) errx(what + kEaiFamily);
    return *a;
  }
  if (o_.n) errx(what + kEaiNoname);
  if (host == "localhost") return Ipv4Addr::parse("127.0.0.1").value();
  errx(what + kEaiAgain);
}

// glibc's service lookup: a number is taken modulo 2^16 (htons of strtoul),
// else a name from services(5).
uint16_t Nc::resolve_service(const std::string& serv) {
  char* end = nullptr;
  const unsigned long v = std::strtoul(serv.c_str(), &end, 10);
  if (!serv.empty() && *end == '\0') return static_cast<uint16_t>(v);
  if (auto s = service_by_name(serv)) return *s;
  errx(std::string("getaddrinfo: ") + kEaiService);
}

// build_ports(): service names, "lo-hi" ranges, or numbers (strtoport).
std::vector<std::string> Nc::build_ports(const std::string& spec) {
  auto strtoport = [&](const std::string& s) {
    const char* e = nullptr;
    auto v = strtonum(s, 1, 65535, &e);
    if (!v) errx(std::string("port number ") + e + ": " + s);
    return static_cast<int>(*v);
  };
  if (auto sv = service_by_name(spec)) return {std::to_string(*sv)};
  const size_t dash = spec.find('-');
  if (!spec.empty() && std::isdigit(static_cast<unsigned char>(spec[0])) && dash != std::string::npos) {
    int hi = strtoport(spec.substr(dash + 1));
    int lo = strtoport(spec.substr(0, dash));
    if (lo > hi) std::swap(lo, hi);
    std::vector<std::string> v;
    for (int port = lo; port <= hi; ++port) v.push_back(std::to_string(port));
    return v;
  }
  return {std::to_string(strtoport(spec))};
}

void Nc::set_common_sockopts(Socket& s) {
  if (o_.b && s.setsockopt(SOL_SOCKET, SO_BROADCAST, 1) < 0) err("", EINVAL);
  if (o_.ttl != -1) {
    if (int e = s.setsockopt(IPPROTO_IP, IP_TTL, o_.ttl); e < 0) err("set IP TTL", -e);
  }
}

// send(2) on the connected socket, or sendto(2) to the last sender (-k).
// An ICMP error a local peer answers with is on the socket when send
// returns (the socket layer runs the transmit's softirqs).
long Nc::send_all(std::span<const uint8_t> data) { return sock_->sendmsg(data, use_sendto_ ? &cliaddr_ : nullptr, 0); }

void Nc::sleep_for(Duration d) {
  tasks().sleep_for(d);
  if (now() >= alarm_) throw NcExit{0};
}

// -s / -p: bind the client socket before connecting.
void Nc::bind_local(Socket& s) {
  if (!o_.s && !o_.p) return;
  SockAddrIn local;
  if (o_.s) {
    auto a = Ipv4Addr::parse(*o_.s);
    if (!a) errx(std::string("getaddrinfo: ") + (o_.n ? kEaiNoname : kEaiAgain));
    local.addr = *a;
  }
  if (o_.p) local.port = resolve_service(*o_.p);
  if (int e = s.bind(local); e < 0) err("bind failed", -e);
}

std::unique_ptr<Socket> Nc::remote_connect(const std::string& host, const std::string& port) {
  const Ipv4Addr dst = resolve_host(host, port);
  std::unique_ptr<Socket> s;
  if (int e = sock_create(*p_.net, AF_INET, SOCK_DGRAM, IPPROTO_UDP, &s); e < 0) err("socket", -e);
  bind_local(*s);
  set_common_sockopts(*s);
  if (int e = s->connect({dst, static_cast<uint16_t>(std::stoi(port))}); e < 0) {
    if (o_.v) warn("connect to " + host + " port " + port + " (udp) failed", -e);
    return nullptr;
  }
  return s;
}

// TCP: no TCP stack yet. The route (and -s/-p bind) is checked with a UDP
// socket, which fails the way tcp_v4_connect's ip_route_connect would; a
// routable destination then refuses, as a host with no listener does.
int Nc::tcp_not_modelled(const std::string& host, const std::string& port) {
  const Ipv4Addr dst = resolve_host(host, port);
  std::unique_ptr<Socket> s;
  sock_create(*p_.net, AF_INET, SOCK_DGRAM, IPPROTO_UDP, &s);
  bind_local(*s);
  int e = -s->connect({dst, static_cast<uint16_t>(std::stoi(port))});
  // tcp_v4_connect refuses broadcast and multicast routes with ENETUNREACH.
  if (e == EACCES) e = ENETUNREACH;
  if (e == 0) e = ECONNREFUSED;
  if (o_.v) warn("connect to " + host + " port " + port + " (tcp) failed", e);
  return 1;
}

std::unique_ptr<Socket> Nc::local_listen(const std::optional<std::string>& host, const std::string& port) {
  SockAddrIn local;
  if (host) {
    auto a = Ipv4Addr::parse(*host);
    if (!a && *host == "localhost" && !o_.n) a = Ipv4Addr::parse("127.0.0.1");
    if (!a) errx(std::string("getaddrinfo: ") + (o_.n ? kEaiNoname : kEaiAgain));
    local.addr = *a;
  }
  local.port = resolve_service(port);
  std::unique_ptr<Socket> s;
  if (int e = sock_create(*p_.net, AF_INET, SOCK_DGRAM, IPPROTO_UDP, &s); e < 0) err("", -e);
  s->setsockopt(SOL_SOCKET, SO_REUSEADDR, 1);
  s->setsockopt(SOL_SOCKET, SO_REUSEPORT, 1);
  set_common_sockopts(*s);
  if (int e = s->bind(local); e < 0) err("", -e);  // main's err(1, NULL)
  if (o_.v) {
    SockAddrIn a;
    s->getsockname(&a);
    report_sock("Bound on", a);
  }
  return s;
}

// report_sock(): Debian prints "MSG HOST PORT"; a failed reverse lookup
// (no -n, no resolver) is a warning and the line is skipped.
void Nc::report_sock(const char* msg, const SockAddrIn& a) {
  std::string host = a.addr.str();
  if (!o_.n) {
    if (host != "127.0.0.1") {
      p_.err.print("nc: getnameinfo: {}\n", kEaiAgain);
      return;
    }
    host = "localhost";  // /etc/hosts
  }
  p_.err.print("{} {} {}\n", msg, host, a.port);
}

// udptest(): two "X" probes, then one per second for -w (default 3)
// seconds; a refused probe (ICMP port unreachable) fails the port.
bool Nc::udptest(Socket& s) {
  static const uint8_t x[1] = {'X'};
  auto probe = [&] { return send_all(x); };
  if (probe() != 1) return false;
  if (long r = probe(); r != 1 && r == -ECONNREFUSED) return false;
  const int t = o_.timeout == -1 ? kUdpScanTimeout : o_.timeout / 1000;
  for (int i = 0; i < t; ++i) {
    sleep_for(kSec);
    if (long r = probe(); r != 1 && r == -ECONNREFUSED) return false;
  }
  (void)s;
  return true;
}

// readwrite(): netcat's poll loop over stdin, the socket (out and in) and
// stdout, with the same state changes. Stdin and stdout never block here.
void Nc::readwrite() {
  enum { kStdin, kNetOut, kNetIn, kStdout };
  struct Pfd {
    bool open = true;
    short events = 0;
    short revents = 0;
  } pfd[4];
  pfd[kStdin].open = !o_.d;
  pfd[kStdin].events = POLLIN;
  pfd[kNetIn].events = POLLIN;
  std::string stdinbuf, netinbuf;
  const std::string_view in = p_.in;
  bool net_closed = false;

  for (;;) {
    bool delay = false;
    if (!pfd[kStdin].open && !pfd[kNetIn].open && stdinbuf.empty() && netinbuf.empty()) {
      if (o_.q <= 0) return;
      delay = true;
    } else if (!pfd[kNetOut].open && !pfd[kStdout].open) {
      if (o_.q <= 0) return;
      delay = true;
    } else if (((o_.l && !pfd[kNetIn].open) || ctrld_seen_) && stdinbuf.empty() && netinbuf.empty()) {
      if (o_.q < 0 || !ctrld_seen_) return;
      delay = true;
    }
    if (delay) {
      if (o_.q == 0) throw NcExit{0};
      // close(net_fd): datagrams that arrive from now on find no socket.
      sock_.reset();
      net_closed = true;
      alarm_ = now() + Duration(o_.q) * kSec;
    }

    // poll(pfd, 4, timeout)
    auto scan = [&] {
      int n = 0;
      const short net = net_closed ? 0 : sock_->poll();
      for (int i = 0; i < 4; ++i) {
        Pfd& f = pfd[i];
        f.revents = 0;
        if (!f.open) continue;
        if (i == kStdin)
          f.revents = f.events & POLLIN;  // data, or EOF: always readable
        else if (i == kStdout)
          f.revents = f.events & POLLOUT;
        else if (net_closed)
          f.revents = POLLNVAL;
        else
          f.revents = net & (f.events | POLLERR | POLLHUP);
        if (f.revents) ++n;
      }
      return n;
    };
    if (scan() == 0) {
      Time deadline = o_.timeout >= 0 ? now() + Duration(o_.timeout) * kMsec : kTimeNever;
      const Time limit = std::min(deadline, alarm_);
      short want = 0;
      if (!net_closed) {
        if (pfd[kNetIn].open) want |= pfd[kNetIn].events;
        if (pfd[kNetOut].open) want |= pfd[kNetOut].events;
      }
      const bool watch = !net_closed && (pfd[kNetIn].open || pfd[kNetOut].open);
      tasks().block_until(limit, [&] { return watch && (sock_->poll() & (want | POLLERR | POLLHUP)) != 0; });
      if (now() >= alarm_) throw NcExit{0};  // SIGALRM: quit()
      if (scan() == 0) return;                // timeout (or nothing can ever happen)
    }

    for (Pfd& f : pfd)
      if (f.revents & (POLLERR | POLLNVAL)) f.open = false;
    if ((pfd[kNetIn].events & POLLIN) && (pfd[kNetIn].revents & POLLHUP) && !(pfd[kNetIn].revents & POLLIN))
      pfd[kNetIn].open = false;
    if ((pfd[kNetOut].revents & POLLHUP) && pfd[kNetOut].open) {
      if (o_.N) sock_->shutdown(SHUT_WR);
      pfd[kNetOut].open = false;
    }
    if (!pfd[kNetOut].open && pfd[kStdin].open) pfd[kStdin].open = false;
    if (!pfd[kStdout].open && pfd[kNetIn].open) {
      sock_->shutdown(SHUT_RD);
      pfd[kNetIn].open = false;
    }

    // stdin -> buffer: one read(2) of what is left, up to the buffer's room.
    if ((pfd[kStdin].revents & POLLIN) && stdinbuf.size() < kBufSize) {
      const size_t n = std::min(kBufSize - stdinbuf.size(), in.size() - stdin_pos_);
      if (n == 0) {
        pfd[kStdin].open = false;
        if (o_.q >= 0) ctrld_seen_ = true;
      } else {
        stdinbuf.append(in.substr(stdin_pos_, n));
        stdin_pos_ += n;
      }
      if (!stdinbuf.empty()) pfd[kNetOut].events = POLLOUT;
      if (stdinbuf.size() == kBufSize) pfd[kStdin].events = 0;
    }
    // buffer -> network: the whole buffer is one datagram.
    if ((pfd[kNetOut].revents & POLLOUT) && !stdinbuf.empty()) {
      const long r = send_all({reinterpret_cast<const uint8_t*>(stdinbuf.data()), stdinbuf.size()});
      if (r >= 0)
        stdinbuf.erase(0, static_cast<size_t>(r));
      else if (r != -EAGAIN && r != -EINTR)
        pfd[kNetOut].open = false;
      if (stdinbuf.empty()) pfd[kNetOut].events = 0;
      if (stdinbuf.size() < kBufSize) pfd[kStdin].events = POLLIN;
    }
    // network -> buffer: one datagram (cut to the buffer's room).
    if ((pfd[kNetIn].revents & POLLIN) && netinbuf.size() < kBufSize) {
      std::vector<uint8_t> buf(kBufSize - netinbuf.size());
      RecvInfo info;
      const long r = sock_->recvmsg(buf, &info, 0);
      if (r >= 0 && use_sendto_) cliaddr_ = info.from;
      if (r < 0 && r != -EAGAIN && r != -EINTR) pfd[kNetIn].open = false;
      if (r == 0) {  // a zero-length datagram reads as end of file
        sock_->shutdown(SHUT_RD);
        pfd[kNetIn].open = false;
      }
      if (r > 0) netinbuf.append(reinterpret_cast<const char*>(buf.data()), static_cast<size_t>(r));
      if (o_.recvlimit > 0 && ++recvcount_ >= o_.recvlimit) {
        if (pfd[kNetIn].open) sock_->shutdown(SHUT_RD);
        pfd[kNetIn].open = false;
        pfd[kStdin].open = false;
      }
      if (!netinbuf.empty()) pfd[kStdout].events = POLLOUT;
      if (netinbuf.size() == kBufSize) pfd[kNetIn].events = 0;
    }
    // buffer -> stdout: write(2), unbuffered.
    if ((pfd[kStdout].revents & POLLOUT) && !netinbuf.empty()) {
      p_.out.write(netinbuf);
      p_.out.flush();
      netinbuf.clear();
      pfd[kStdout].events = 0;
      pfd[kNetIn].events = POLLIN;
    }

    if (!pfd[kStdin].open && stdinbuf.empty() && pfd[kNetOut].open) {
      if (o_.N) sock_->shutdown(SHUT_WR);
      pfd[kNetOut].open = false;
    }
    if (!pfd[kNetIn].open && netinbuf.empty() && pfd[kStdout].open) pfd[kStdout].open = false;
  }
}

int Nc::run() {
  // Cruft to make sure options are clean (main()'s argument checks).
  std::optional<std::string> host;
  std::optional<std::string> uport;
  const size_t argc = o_.args.size();
  if (argc == 0 && o_.l) {
    uport = o_.p;
    host = o_.s;
  } else if (argc == 1 && !o_.p && !o_.s) {
    if (o_.l) uport = o_.args[0];
  } else if (argc >= 2) {
    if (o_.l && (o_.p || o_.s || argc > 2)) usage(p_, 1);
    host = o_.args[0];
    uport = o_.args[1];
  } else {
    usage(p_, 1);
  }
  if (!uport) errx("missing port number");
  if (o_.l && o_.z) errx("cannot use -z and -l");
  if (!o_.l && o_.k) errx("must use -l with -k");

  int ret = 1;
  if (o_.l) {
    if (!o_.u) errx("skbox: TCP is not modelled yet (listen with -u)");
    if (o_.family == AF_INET6) errx("skbox: IPv6 is not modelled");
    ret = 0;
    sock_ = local_listen(host, *uport);
    for (;;) {
      // recvfrom(MSG_PEEK) waits for a caller, -w or not.
      uint8_t buf[2048];
      RecvInfo info;
      long rv;
      while ((rv = sock_->recvmsg(buf, &info, MSG_PEEK)) == -EAGAIN)
        tasks().block_until(kTimeNever, [&] { return (sock_->poll() & (POLLIN | POLLERR)) != 0; });
      if (rv < 0) err("recvfrom", static_cast<int>(-rv));
      cliaddr_ = info.from;
      // 1.219 reports no peer for -k (checked on the real binary).
      if (o_.v && !o_.k) report_sock("Connection received on", cliaddr_);
      if (o_.k) {
        use_sendto_ = true;
      } else if (int e = sock_->connect(cliaddr_); e < 0) {
        err("connect", -e);
      }
      readwrite();
      if (!o_.k || !sock_) break;
    }
    return ret;
  }

  for (const std::string& port : build_ports(*uport)) {
    if (!o_.u) {
      ret = tcp_not_modelled(*host, port);
      continue;
    }
    sock_ = remote_connect(*host, port);
    if (!sock_) continue;
    ret = 0;
    if (o_.v) {
      if (!udptest(*sock_)) {
        ret = 1;
        continue;
      }
      const char* sv = o_.n ? nullptr : service_by_port(static_cast<uint16_t>(std::stoi(port)));
      std::string line = "Connection to " + *host;
      const std::string ip = resolve_host(*host, port).str();
      if (!o_.n && *host != ip) line += " (" + ip + ")";
      p_.err.print("{} {} port [udp/{}] succeeded!\n", line, port, sv ? sv : "*");
    }
    if (!o_.z) readwrite();
  }
  return ret;
}

// getopt(3) over netcat's option string, with GNU argument permutation.
constexpr std::string_view kOptString = "46bCDdFhI:i:klM:m:NnO:P:p:q:rSs:T:tUuV:vW:w:X:x:Zz";

void parse_option(Proc& p, char c, const std::string& arg, NcOptions& o) {
  const char* e = nullptr;
  auto fail = [&](const std::string& what) {
    p.err.print("nc: {} {}: {}\n", what, e, arg);
    throw NcExit{1};
  };
  switch (c) {
    case '4': o.family = AF_INET; break;
    case '6': o.family = AF_INET6; break;
    case 'b': o.b = true; break;
    case 'D': break;  // SO_DEBUG: no effect on the datapath
    case 'd': o.d = true; break;
    case 'h': help(p); break;
    case 'k': o.k = true; break;
    case 'l': o.l = true; break;
    case 'N': o.N = true; break;
    case 'n': o.n = true; break;
    case 'p': o.p = arg; break;
    case 'r': break;
    case 's': o.s = arg; break;
    case 'u': o.u = true; break;
    case 'v': o.v = true; break;
    case 'z': o.z = true; break;
    case 'M': {
      auto v = strtonum(arg, 0, 255, &e);
      if (!v) {
        p.err.print("nc: ttl is {}\n", e);
        throw NcExit{1};
      }
      o.ttl = static_cast<int>(*v);
      break;
    }
    case 'q': {
      auto v = strtonum(arg, INT_MIN, INT_MAX, &e);
      if (!v) fail("quit timer");
      o.q = static_cast<int>(*v);
      if (o.q >= 0) o.N = true;
      break;
    }
    case 'W': {
      auto v = strtonum(arg, 1, INT_MAX, &e);
      if (!v) fail("receive limit");
      o.recvlimit = static_cast<int>(*v);
      break;
    }
    case 'w': {
      auto v = strtonum(arg, 0, INT_MAX / 1000, &e);
      if (!v) fail("timeout");
      o.timeout = static_cast<int>(*v) * 1000;
      break;
    }
    default:
      p.err.print("nc: skbox: option -{} is not modelled\n", c);
      throw NcExit{1};
  }
}

NcOptions parse_args(Proc& p, std::span<const std::string> argv) {
  NcOptions o;
  Getopt g("nc", &p.err, argv, kOptString);
  for (int c; (c = g.next()) != -1;) {
    if (c == '?') Nc::usage(p, 1);
    parse_option(p, static_cast<char>(c), g.arg(), o);
  }
  o.args = g.operands();
  return o;
}

}  // namespace

int cmd_nc(Proc& p, std::span<const std::string> argv) {
  try {
    Nc nc(p, parse_args(p, argv));
    return nc.run();
  } catch (const NcExit& e) {
    return e.status;
  }
}

}  // namespace skbox
