// `ss` as iproute2 6.1 prints it when stdout is not a terminal (scripts):
// the socket tables of the Proc's namespace, laid out by ss's column
// renderer in its "compact" mode (each column as wide as its widest cell,
// no spreading over a screen width), and `ss -s`'s summary.
//
// Options: -u -t -w -x -d -M -S -0 -4 -6 -f FAMILY -A QUERY, -a -l, -n
// (-r accepted: no host name is ever resolved), -e -m -p -i -o, -H, -O
// (accepted), -s, state/exclude STATE filters, -h -V.
//
// Not modelled: TCP, RAW, UNIX, PACKET, NETLINK... tables (skbox has only
// UDP sockets: the other tables print their header and nothing), IPv6
// sockets, filter expressions other than `state`/`exclude` (sport, dport,
// src, dst...), -K, -E, -N, -D, -F, -Z/-z (SELinux), --bpf, --tos,
// --cgroup, a terminal's width. -p prints nothing in the Process column:
// skbox's sockets belong to no process with a pid (Linux would print
// users:(("nc",pid=N,fd=3)), whose pid differs between runs anyway).
// -e's `sk:` cookie is skbox's (the kernel's comes from a global per-CPU
// counter) and its cgroup is always "/". -m's f (sk_forward_alloc) is
// derived from rmem_alloc: a socket whose queue was read and is now empty
// shows f0 where Linux keeps the page it charged (f4096). `ss -s`'s
// "Total:" counts skbox's user UDP sockets (Linux counts every socket of
// the namespace, including netlink sockets still being freed by RCU) and
// its TCP line is all zeros (Linux's "TCP: N" is the host-wide count of
// allocated TCP sockets). Like the oracle's kernel (6.18, no DCCP), any
// query that includes DCCP prints "RTNETLINK answers: Invalid argument".
#include <fmt/format.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cli/command.h"
#include "cli/getopt.h"
#include "ipv4/ip_fragment.h"
#include "net/net.h"
#include "netfilter/xt_names.h"
#include "net/netdevice.h"
#include "net/world.h"
#include "transport/udp.h"

namespace skbox {

namespace {

// ss's own state numbering (the kernel's TCP_* values).
enum SsState {
  SS_UNKNOWN, SS_ESTABLISHED, SS_SYN_SENT, SS_SYN_RECV, SS_FIN_WAIT1, SS_FIN_WAIT2, SS_TIME_WAIT,
  SS_CLOSE, SS_CLOSE_WAIT, SS_LAST_ACK, SS_LISTEN, SS_CLOSING, SS_MAX
};
constexpr int kSsAll = (1 << SS_MAX) - 1;
constexpr int kSsConn = kSsAll & ~((1 << SS_LISTEN) | (1 << SS_CLOSE) | (1 << SS_TIME_WAIT) | (1 << SS_SYN_RECV));
constexpr int kTipcConn = (1 << SS_ESTABLISHED) | (1 << SS_LISTEN) | (1 << SS_CLOSE);

constexpr std::string_view kStateName[SS_MAX] = {"UNKNOWN",    "ESTAB",     "SYN-SENT", "SYN-RECV",
                                                 "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "UNCONN",
                                                 "CLOSE-WAIT", "LAST-ACK",  "LISTEN",   "CLOSING"};

// The socket tables ss knows (its *_DB), with their default states and families.
enum Db {
  TCP_DB, MPTCP_DB, DCCP_DB, UDP_DB, RAW_DB, UNIX_DG_DB, UNIX_ST_DB, UNIX_SQ_DB, PACKET_DG_DB,
  PACKET_R_DB, NETLINK_DB, SCTP_DB, VSOCK_ST_DB, VSOCK_DG_DB, TIPC_DB, XDP_DB, MAX_DB
};
constexpr int kAfVsock = 40, kAfTipc = 30, kAfXdp = 44, kAfMax = 46;

constexpr uint64_t fam(int af) { return uint64_t{1} << af; }
constexpr uint64_t kInetFams = fam(AF_INET) | fam(AF_INET6);

struct DbDefault {
  int states;
  uint64_t families;
};
constexpr DbDefault kDbDefaults[MAX_DB] = {
    {kSsConn, kInetFams},           {kSsConn, kInetFams},          {kSsConn, kInetFams},
    {1 << SS_ESTABLISHED, kInetFams}, {1 << SS_ESTABLISHED, kInetFams}, {1 << SS_CLOSE, fam(AF_UNIX)},
    {kSsConn, fam(AF_UNIX)},        {kSsConn, fam(AF_UNIX)},       {1 << SS_CLOSE, fam(AF_PACKET)},
    {1 << SS_CLOSE, fam(AF_PACKET)}, {1 << SS_CLOSE, fam(AF_NETLINK)}, {kSsConn, kInetFams},
    {kSsConn, fam(kAfVsock)},       {kSsConn, fam(kAfVsock)},      {kTipcConn, fam(kAfTipc)},
    {1 << SS_CLOSE, fam(kAfXdp)},
};

constexpr int dbm(std::initializer_list<int> l) {
  int m = 0;
  for (int d : l) m |= 1 << d;
  return m;
}
constexpr int kInetDbs = dbm({TCP_DB, MPTCP_DB, UDP_DB, DCCP_DB, SCTP_DB, RAW_DB});
constexpr int kUnixDbs = dbm({UNIX_DG_DB, UNIX_ST_DB, UNIX_SQ_DB});
constexpr int kPacketDbs = dbm({PACKET_DG_DB, PACKET_R_DB});

// default_afs: the tables and states a family selects.
std::optional<DbDefault> af_default(int af) {
  switch (af) {
    case AF_INET:
    case AF_INET6: return DbDefault{kSsConn, static_cast<uint64_t>(kInetDbs)};
    case AF_UNIX: return DbDefault{kSsConn, static_cast<uint64_t>(kUnixDbs)};
    case AF_PACKET: return DbDefault{1 << SS_CLOSE, static_cast<uint64_t>(kPacketDbs)};
    case AF_NETLINK: return DbDefault{1 << SS_CLOSE, 1u << NETLINK_DB};
    case kAfVsock: return DbDefault{kSsConn, static_cast<uint64_t>(dbm({VSOCK_ST_DB, VSOCK_DG_DB}))};
    case kAfTipc: return DbDefault{kTipcConn, 1u << TIPC_DB};
    case kAfXdp: return DbDefault{1 << SS_CLOSE, 1u << XDP_DB};
    default: return std::nullopt;
  }
}

struct Filter {
  int dbs = 0;
  int states = 0;
  uint64_t families = 0;
};

constexpr std::string_view kUsage =
    "Usage: ss [ OPTIONS ]\n"
    "       ss [ OPTIONS ] [ FILTER ]\n"
    "   -h, --help          this message\n"
    "   -V, --version       output version information\n"
    "   -n, --numeric       don't resolve service names\n"
    "   -r, --resolve       resolve host names\n"
    "   -a, --all           display all sockets\n"
    "   -l, --listening     display listening sockets\n"
    "   -o, --options       show timer information\n"
    "   -e, --extended      show detailed socket information\n"
    "   -m, --memory        show socket memory usage\n"
    "   -p, --processes     show process using socket\n"
    "   -T, --threads       show thread using socket\n"
    "   -i, --info          show internal TCP information\n"
    "       --tipcinfo      show internal tipc socket information\n"
    "   -s, --summary       show socket usage summary\n"
    "       --tos           show tos and priority information\n"
    "       --cgroup        show cgroup information\n"
    "   -b, --bpf           show bpf filter socket information\n"
    "   -E, --events        continually display sockets as they are destroyed\n"
    "   -Z, --context       display task SELinux security contexts\n"
    "   -z, --contexts      display task and socket SELinux security contexts\n"
    "   -N, --net           switch to the specified network namespace name\n"
    "\n"
    "   -4, --ipv4          display only IP version 4 sockets\n"
    "   -6, --ipv6          display only IP version 6 sockets\n"
    "   -0, --packet        display PACKET sockets\n"
    "   -t, --tcp           display only TCP sockets\n"
    "   -M, --mptcp         display only MPTCP sockets\n"
    "   -S, --sctp          display only SCTP sockets\n"
    "   -u, --udp           display only UDP sockets\n"
    "   -d, --dccp          display only DCCP sockets\n"
    "   -w, --raw           display only RAW sockets\n"
    "   -x, --unix          display only Unix domain sockets\n"
    "       --tipc          display only TIPC sockets\n"
    "       --vsock         display only vsock sockets\n"
    "       --xdp           display only XDP sockets\n"
    "   -f, --family=FAMILY display sockets of type FAMILY\n"
    "       FAMILY := {inet|inet6|link|unix|netlink|vsock|tipc|xdp|help}\n"
    "\n"
    "   -K, --kill          forcibly close sockets, display what was closed\n"
    "   -H, --no-header     Suppress header line\n"
    "   -O, --oneline       socket's data printed on a single line\n"
    "       --inet-sockopt  show various inet socket options\n"
    "\n"
    "   -A, --query=QUERY, --socket=QUERY\n"
    "       QUERY := {all|inet|tcp|mptcp|udp|raw|unix|unix_dgram|unix_stream|unix_seqpacket|packet|packet_raw|packet_dgram|netlink|dccp|sctp|vsock_stream|vsock_dgram|tipc|xdp}[,QUERY]\n"
    "\n"
    "   -D, --diag=FILE     Dump raw information about TCP sockets to FILE\n"
    "   -F, --filter=FILE   read filter information from FILE\n"
    "       FILTER := [ state STATE-FILTER ] [ EXPRESSION ]\n"
    "       STATE-FILTER := {all|connected|synchronized|bucket|big|TCP-STATES}\n"
    "         TCP-STATES := {established|syn-sent|syn-recv|fin-wait-{1,2}|time-wait|closed|close-wait|last-ack|listening|closing}\n"
    "          connected := {established|syn-sent|syn-recv|fin-wait-{1,2}|time-wait|close-wait|last-ack|closing}\n"
    "       synchronized := {established|syn-recv|fin-wait-{1,2}|time-wait|close-wait|last-ack|closing}\n"
    "             bucket := {syn-recv|time-wait}\n"
    "                big := {established|syn-sent|fin-wait-{1,2}|closed|close-wait|last-ack|listening|closing}\n";

// The output columns (COL_NETID .. COL_PROC) and ss's layout for each.
enum Col { COL_NETID, COL_STATE, COL_RECVQ, COL_SENDQ, COL_ADDR, COL_SERV, COL_RADDR, COL_RSERV, COL_EXT, COL_PROC, COL_MAX };
struct Column {
  bool right;
  std::string_view header;
  std::string_view ldelim;
  bool disabled = false;
  size_t width = 0, max_len = 0;
};

// ss buffers every cell, measures the columns, then prints. Each row holds
// one cell per enabled column; ss leaves the very last cell out of the
// measurement (it is never "flushed"), which shows in the widths.
class Table {
 public:
  Table() {
    cols_ = {{{false, "Netid", ""},
              {false, "State", " "},
              {false, "Recv-Q", " "},
              {false, "Send-Q", " "},
              {true, "Local Address:", " "},
              {false, "Port", ""},
              {true, "Peer Address:", " "},
              {false, "Port", ""},
              {false, "Process", ""},
              {false, "", ""}}};
  }
  void disable(Col c) { cols_[c].disabled = true; }
  // A row: one cell per column. ss opens a row's COL_PROC cell only when
  // the next row starts (or, for the header, at once), so the last socket
  // row of the output ends at COL_EXT.
  void add_row(std::vector<std::string> cells) {
    cells.resize(COL_MAX);
    rows_.push_back(std::move(cells));
    last_is_header_ = false;
  }
  void header() {
    std::vector<std::string> h;
    for (int c = 0; c < COL_MAX; ++c) h.emplace_back(cols_[c].header);
    add_row(std::move(h));
    last_is_header_ = true;
  }

  std::string render() {
    if (!rows_.empty() && !last_is_header_) rows_.back().pop_back();
    std::vector<std::pair<int, const std::string*>> cells;  // (column, text) in print order
    for (const auto& r : rows_)
      for (size_t c = 0; c < r.size(); ++c)
        if (!cols_[c].disabled) cells.emplace_back(static_cast<int>(c), &r[c]);
    if (cells.empty()) return {};
    for (size_t i = 0; i + 1 < cells.size(); ++i) {
      Column& col = cols_[cells[i].first];
      col.max_len = std::max(col.max_len, cells[i].second->size());
    }
    // render_calc_width, compact: the content width plus the delimiter.
    bool first = true;
    for (Column& c : cols_) {
      if (c.disabled) continue;
      c.width = (!first && c.max_len) ? c.max_len + c.ldelim.size() : c.max_len;
      if (c.width) first = false;
    }
    std::string out;
    bool line_started = false;
    for (size_t i = 0; i < cells.size(); ++i) {
      const Column& f = cols_[cells[i].first];
      const std::string& text = *cells[i].second;
      size_t printed = 0;
      if (line_started) {
        out += f.ldelim;
        printed = f.ldelim.size();
      }
      line_started = true;
      if (f.width && f.right && f.width > text.size() + printed) {
        const size_t s = f.width - text.size() - printed;
        out.append(s, ' ');
        printed += s;
      }
      out += text;
      printed += text.size();
      if (f.width && !f.right && f.width > printed) out.append(f.width - printed, ' ');
      // The row ends at the last column; the final row may end early.
      bool last_enabled = true;
      for (int c = cells[i].first + 1; c < COL_MAX; ++c)
        if (!cols_[c].disabled) last_enabled = false;
      if (last_enabled) {
        out += '\n';
        line_started = false;
      }
    }
    if (line_started) out += '\n';
    return out;
  }

 private:
  std::array<Column, COL_MAX> cols_;
  std::vector<std::vector<std::string>> rows_;
  bool last_is_header_ = false;
};

struct Ss {
  Proc& p;
  Filter f;
  bool do_default = true, numeric = false, show_details = false, show_mem = false, show_users = false;
  bool show_header = true, do_summary = false;
  int state_filter = 0;

  void db_set(int db, bool enable) {
    if (enable) {
      f.states |= kDbDefaults[db].states;
      f.dbs |= 1 << db;
    } else {
      f.dbs &= ~(1 << db);
    }
    do_default = false;
  }
  bool db_parse(std::string_view s) {
    static const std::vector<std::pair<std::string_view, std::vector<int>>> kNames = {
        {"all", {UDP_DB, DCCP_DB, TCP_DB, MPTCP_DB, RAW_DB, UNIX_ST_DB, UNIX_DG_DB, UNIX_SQ_DB, PACKET_R_DB,
                 PACKET_DG_DB, NETLINK_DB, SCTP_DB, VSOCK_ST_DB, VSOCK_DG_DB, XDP_DB}},
        {"inet", {UDP_DB, DCCP_DB, TCP_DB, MPTCP_DB, SCTP_DB, RAW_DB}},
        {"udp", {UDP_DB}}, {"dccp", {DCCP_DB}}, {"tcp", {TCP_DB}}, {"mptcp", {MPTCP_DB}},
        {"sctp", {SCTP_DB}}, {"raw", {RAW_DB}}, {"unix", {UNIX_ST_DB, UNIX_DG_DB, UNIX_SQ_DB}},
        {"unix_stream", {UNIX_ST_DB}}, {"u_str", {UNIX_ST_DB}}, {"unix_dgram", {UNIX_DG_DB}},
        {"u_dgr", {UNIX_DG_DB}}, {"unix_seqpacket", {UNIX_SQ_DB}}, {"u_seq", {UNIX_SQ_DB}},
        {"packet", {PACKET_R_DB, PACKET_DG_DB}}, {"packet_raw", {PACKET_R_DB}}, {"p_raw", {PACKET_R_DB}},
        {"packet_dgram", {PACKET_DG_DB}}, {"p_dgr", {PACKET_DG_DB}}, {"netlink", {NETLINK_DB}},
        {"vsock", {VSOCK_ST_DB, VSOCK_DG_DB}}, {"vsock_stream", {VSOCK_ST_DB}}, {"v_str", {VSOCK_ST_DB}},
        {"vsock_dgram", {VSOCK_DG_DB}}, {"v_dgr", {VSOCK_DG_DB}}, {"xdp", {XDP_DB}},
    };
    bool enable = true;
    if (!s.empty() && s[0] == '!') {
      enable = false;
      s.remove_prefix(1);
    }
    for (const auto& [name, dbs] : kNames) {
      if (name != s) continue;
      for (int d : dbs) db_set(d, enable);
      return true;
    }
    return false;
  }
  void af_set(int af) {
    f.states |= af_default(af)->states;
    f.families |= fam(af);
    do_default = false;
  }
  void merge_defaults() {
    for (int db = 0; db < MAX_DB; ++db)
      if ((f.dbs & (1 << db)) && !(kDbDefaults[db].families & f.families)) f.families |= kDbDefaults[db].families;
    for (int af = 0; af < kAfMax; ++af) {
      if (!(f.families & fam(af))) continue;
      auto d = af_default(af);
      if (d && !(static_cast<int>(d->families) & f.dbs)) f.dbs |= static_cast<int>(d->families);
    }
  }

  int usage_error() {
    p.out.flush();
    p.err.write(kUsage);
    return 255;
  }

  // scan_state: a state name or group; -1 when unknown.
  static int scan_state(std::string_view s) {
    static const std::string_view kNames[SS_MAX] = {"UNKNOWN",    "established", "syn-sent",   "syn-recv",
                                                    "fin-wait-1", "fin-wait-2",  "time-wait",  "unconnected",
                                                    "close-wait", "last-ack",    "listening",  "closing"};
    if (s == "close" || s == "closed") return 1 << SS_CLOSE;
    if (s == "syn-rcv") return 1 << SS_SYN_RECV;
    if (s == "established") return 1 << SS_ESTABLISHED;
    if (s == "all") return kSsAll;
    if (s == "connected") return kSsConn;
    if (s == "synchronized") return kSsConn & ~(1 << SS_SYN_SENT);
    if (s == "bucket") return (1 << SS_SYN_RECV) | (1 << SS_TIME_WAIT);
    if (s == "big") return kSsAll & ~((1 << SS_SYN_RECV) | (1 << SS_TIME_WAIT));
    for (int i = 0; i < SS_MAX; ++i)
      if (kNames[i] == s) return 1 << i;
    return -1;
  }

  // resolve_service: /etc/services' name for a UDP port outside the
  // ephemeral range, unless -n.
  std::string service(uint16_t port) {
    if (port == 0) return "*";
    const int* range = p.net->ipv4.ip_local_port_range;
    if (!numeric && !(port >= range[0] && port <= range[1])) {
      if (std::string_view name = xt_service_name(port, true); !name.empty()) return std::string(name);
    }
    return std::to_string(port);
  }
  std::string addr(Ipv4Addr a, int ifindex) {
    std::string s = a.str();
    if (ifindex) {
      NetDevice* d = p.net->dev_get_by_index(ifindex);
      s += '%';
      s += d ? d->name : fmt::format("if{}", ifindex);
    }
    return s + ":";
  }

  // sk_forward_alloc as UDP's receive accounting leaves it while datagrams
  // are queued: whole pages charged, minus what they use.
  static uint32_t forward_alloc(uint32_t rmem) { return rmem ? (rmem + 4095) / 4096 * 4096 - rmem : 0; }

  void add_udp_rows(Table& t) {
    if (!(f.dbs & (1 << UDP_DB)) || !(f.families & fam(AF_INET)) || !p.net->udp) return;
    for (const UdpSock* s : p.net->udp->all()) {
      if (!(f.states & (1 << s->state))) continue;
      std::vector<std::string> row(COL_MAX);
      row[COL_NETID] = "udp";
      row[COL_STATE] = std::string(kStateName[s->state < SS_MAX ? s->state : 0]);
      row[COL_RECVQ] = fmt::format("{:<6}", s->rmem_alloc);
      row[COL_SENDQ] = fmt::format("{:<6}", 0);
      row[COL_ADDR] = addr(s->rcv_saddr, s->bound_dev_if);
      row[COL_SERV] = service(s->num);
      row[COL_RADDR] = addr(s->daddr, 0);
      row[COL_RSERV] = service(s->dport);
      std::string& ext = row[COL_EXT];
      if (show_details) {
        if (s->uid) ext += fmt::format(" uid:{}", s->uid);
        ext += fmt::format(" ino:{}", s->inode);
        ext += fmt::format(" sk:{:x}", 0x1000 + s->inode);
        if (s->mark) ext += fmt::format(" fwmark:{:#x}", s->mark);
        ext += " cgroup:/";
        ext += fmt::format(" {}-{}", (s->shutdown_mask & 1) ? '-' : '<', (s->shutdown_mask & 2) ? '-' : '>');
      }
      if (show_mem)
        ext += fmt::format("\n\t skmem:(r{},rb{},t0,tb{},f{},w0,o0,bl0,d{})", s->rmem_alloc, s->rcvbuf, s->sndbuf,
                           forward_alloc(s->rmem_alloc), s->drops);
      t.add_row(std::move(row));
    }
  }

  void print_summary() {
    uint32_t udp = 0, user = 0;
    if (p.net->udp)
      for (const UdpSock* s : p.net->udp->all()) {
        ++udp;
        if (!s->kernel) ++user;
      }
    const uint32_t frag = ip_frag_queues(*p.net);
    std::string o;
    o += fmt::format("Total: {}\n", user);
    o += "TCP:   0 (estab 0, closed 0, orphaned 0, timewait 0)\n\n";
    o += "Transport Total     IP        IPv6\n";
    auto row = [&o](std::string_view n, uint32_t total, uint32_t ip, uint32_t ip6) {
      o += fmt::format("{}\t  {:<9} {:<9} {:<9}\n", n, total, ip, ip6);
    };
    row("RAW", 0, 0, 0);
    row("UDP", udp, udp, 0);
    row("TCP", 0, 0, 0);
    row("INET", udp, udp, 0);
    row("FRAG", frag, frag, 0);
    o += '\n';
    p.out.write(o);
  }

  int run(std::span<const std::string> argv) {
    static constexpr LongOption kLong[] = {
        {"numeric", ArgKind::None, 'n'},   {"resolve", ArgKind::None, 'r'},   {"all", ArgKind::None, 'a'},
        {"listening", ArgKind::None, 'l'}, {"options", ArgKind::None, 'o'},   {"extended", ArgKind::None, 'e'},
        {"memory", ArgKind::None, 'm'},    {"processes", ArgKind::None, 'p'}, {"info", ArgKind::None, 'i'},
        {"summary", ArgKind::None, 's'},   {"ipv4", ArgKind::None, '4'},      {"ipv6", ArgKind::None, '6'},
        {"packet", ArgKind::None, '0'},    {"tcp", ArgKind::None, 't'},       {"mptcp", ArgKind::None, 'M'},
        {"sctp", ArgKind::None, 'S'},      {"udp", ArgKind::None, 'u'},       {"dccp", ArgKind::None, 'd'},
        {"raw", ArgKind::None, 'w'},       {"unix", ArgKind::None, 'x'},      {"no-header", ArgKind::None, 'H'},
        {"oneline", ArgKind::None, 'O'},   {"help", ArgKind::None, 'h'},      {"version", ArgKind::None, 'V'},
        {"family", ArgKind::Required, 'f'}, {"query", ArgKind::Required, 'A'}, {"socket", ArgKind::Required, 'A'},
    };
    // ss's option string; getopt_long permutes operands (`ss -u state
    // established -n` works).
    Getopt g("ss", &p.err, argv, "dhaletuwxnro460spTbEf:mMiA:D:F:vVzZN:KHQSO", kLong);
    g.flush_before_errors(p.out);
    g.exact_long_names();  // the table above is only part of ss's
    for (int c; (c = g.next()) != -1;) {
      if (c == '?') return usage_error();
      if (int rc = option(static_cast<char>(c), g.arg()); rc >= 0) return rc;
    }
    std::span<const std::string> rest = g.operands();

    if (do_summary) {
      print_summary();
      if (do_default && rest.empty()) return 0;
    }

    bool saw_states = false;
    while (!rest.empty()) {
      const bool incl = rest[0] == "state";
      if (!incl && rest[0] != "exclude" && rest[0] != "excl") break;
      if (rest.size() < 2) {
        p.out.flush();
        p.err.write("Command line is not complete. Try option \"help\"\n");
        return 255;
      }
      const int m = scan_state(rest[1]);
      if (m < 0) {
        p.out.flush();
        p.err.print("ss: wrong state name: {}\n", rest[1]);
        return 255;
      }
      if (!saw_states) state_filter = incl ? 0 : kSsAll;
      state_filter = incl ? (state_filter | m) : (state_filter & ~m);
      saw_states = true;
      rest = rest.subspan(2);
    }

    if (do_default) {
      if (!state_filter) state_filter = kSsConn;
      db_parse("all");
    }
    if (state_filter) f.states = state_filter;
    merge_defaults();

    if (!rest.empty()) {
      // ssfilter_parse (expressions are not modelled): ss's lexer reads an
      // unknown word as a host; one that parses is a grammar error.
      p.out.flush();
      std::string_view w = rest[0];
      if (Ipv4Addr::parse(w.substr(0, w.find_first_of("/:")))) {
        p.err.write("ss: bison bellows (while parsing filter): \"syntax error!\" Sorry.\n");
        return usage_error();
      }
      p.err.print("Error: an inet prefix is expected rather than \"{}\".\nCannot parse dst/src address.\n", w);
      return 1;
    }
    if (f.dbs == 0) {
      p.err.write("ss: no socket tables to show with such filter.\n");
      return 0;
    }
    if (f.families == 0) {
      p.err.write("ss: no families to show with such filter.\n");
      return 0;
    }
    if (f.states == 0) {
      p.err.write("ss: no socket states to show with such filter.\n");
      return 0;
    }

    Table t;
    if (!(f.dbs & (f.dbs - 1))) t.disable(COL_NETID);
    if (!(f.states & (f.states - 1))) t.disable(COL_STATE);
    if (show_header) t.header();
    // ss dumps TCP, then UDP...: only UDP has sockets here. The oracle's
    // kernel (6.18) has no DCCP any more: its inet_diag request fails, and
    // ss reports it at once while the table waits for the final render.
    if ((f.dbs & (1 << DCCP_DB)) && (f.families & kInetFams)) {
      p.out.flush();
      p.err.write("RTNETLINK answers: Invalid argument\n");
    }
    add_udp_rows(t);
    p.out.write(t.render());
    return 0;
  }

  // One option letter; returns an exit status to stop with, or -1.
  int option(char c, const std::string& arg) {
    switch (c) {
      case 'n': numeric = true; break;
      case 'r': break;  // host names: skbox resolves none
      case 'a': state_filter = kSsAll; break;
      case 'l': state_filter = (1 << SS_LISTEN) | (1 << SS_CLOSE); break;
      case 'o': case 'i': case 'O': case 'T': break;
      case 'e': show_details = true; break;
      case 'm': show_mem = true; break;
      case 'p': show_users = true; break;
      case 's': do_summary = true; break;
      case 'H': show_header = false; break;
      case 't': db_set(TCP_DB, true); break;
      case 'u': db_set(UDP_DB, true); break;
      case 'w': db_set(RAW_DB, true); break;
      case 'd': db_set(DCCP_DB, true); break;
      case 'M': db_set(MPTCP_DB, true); break;
      case 'S': db_set(SCTP_DB, true); break;
      case 'x': af_set(AF_UNIX); break;
      case '4': af_set(AF_INET); break;
      case '6': af_set(AF_INET6); break;
      case '0': af_set(AF_PACKET); break;
      case 'f': {
        static const std::pair<std::string_view, int> kFams[] = {
            {"inet", AF_INET}, {"inet6", AF_INET6}, {"link", AF_PACKET}, {"unix", AF_UNIX},
            {"netlink", AF_NETLINK}, {"tipc", kAfTipc}, {"vsock", kAfVsock}, {"xdp", kAfXdp}};
        for (const auto& [n, af] : kFams)
          if (n == arg) {
            af_set(af);
            return -1;
          }
        if (arg != "help") {
          p.out.flush();
          p.err.print("ss: \"{}\" is invalid family\n", arg);
        }
        return usage_error();
      }
      case 'A': {
        std::string_view s = arg;
        while (!s.empty()) {
          size_t comma = s.find(',');
          std::string_view one = s.substr(0, comma);
          if (!db_parse(one)) {
            p.out.flush();
            p.err.print("ss: \"{}\" is illegal socket table id\n", one);
            return usage_error();
          }
          s = comma == std::string_view::npos ? std::string_view{} : s.substr(comma + 1);
        }
        break;
      }
      case 'V': p.out.write("ss utility, iproute2-6.1.0\n"); return 0;
      case 'h': p.out.write(kUsage); return 0;
      default:
        p.out.flush();
        p.err.print("ss: invalid option -- '{}'\n", c);
        return usage_error();
    }
    return -1;
  }
};

}  // namespace

int cmd_ss(Proc& p, std::span<const std::string> argv) {
  Ss ss{p};
  return ss.run(argv);
}

}  // namespace skbox
