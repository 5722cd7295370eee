// What conntrack shows users (net/netfilter/nf_conntrack_standalone.c and
// the conntrack tool's line format, libnetfilter_conntrack's
// __snprintf_conntrack_default): /proc/net/nf_conntrack,
// /proc/net/stat/nf_conntrack, and one entry as `conntrack -L/-E` prints it.
//
// Not modelled: accounting (packets=/bytes=, nf_conntrack_acct), timestamps
// (delta-time=), secctx, zones other than 0, labels.
#include <fmt/format.h>
#include <netinet/in.h>

#include "net/net.h"
#include "net/world.h"
#include "netfilter/nf_conntrack.h"

namespace skbox {

namespace {

void print_tuple(std::string& out, const NfConntrackTuple& t) {
  out += fmt::format("src={} dst={} ", t.src.str(), t.dst.str());
  switch (t.protonum) {
    case IPPROTO_ICMP:
      out += fmt::format("type={} code={} id={} ", t.icmp_type, t.icmp_code, t.src_port);
      break;
    case IPPROTO_TCP:
    case IPPROTO_UDP:
    case IPPROTO_UDPLITE:
    case IPPROTO_SCTP:
    case IPPROTO_DCCP:
      out += fmt::format("sport={} dport={} ", t.src_port, t.dst_port);
      break;
    default:
      break;
  }
}

}  // namespace

// ct_seq_show: only the original direction of each confirmed entry; the
// reader holds a reference while it prints (hence use=2 for an idle entry).
std::string nf_conntrack_proc_show(Net& net) {
  NfConntrackNet* cn = nf_ct_net_maybe(net);
  if (!cn) return {};
  std::string out;
  for (NfConn* ct : nf_ct_list(*cn)) {
    const uint8_t p = ct->protonum();
    out += fmt::format("{:<8} {} {:<8} {} {} ", "ipv4", 2, nf_ct_l4proto_name(p), p, nf_ct_expires_shown(*ct));
    if (p == IPPROTO_TCP) out += fmt::format("{} ", tcp_conntrack_name(ct->tcp.state));
    print_tuple(out, ct->tuple[IP_CT_DIR_ORIGINAL]);
    if (!(ct->status & IPS_SEEN_REPLY)) out += "[UNREPLIED] ";
    print_tuple(out, ct->tuple[IP_CT_DIR_REPLY]);
    if (ct->status & IPS_OFFLOAD) out += "[OFFLOAD] ";
    else if (ct->status & IPS_ASSURED) out += "[ASSURED] ";
    out += fmt::format("mark={} zone=0 use={}\n", ct->mark, ct->use);
    nf_ct_put(ct);
  }
  return out;
}

// ct_cpu_seq_show: one line per possible CPU; skbox's datapath runs on
// the first, so the others show zeros but the shared entry count.
std::string nf_conntrack_proc_stat(Net& net) {
  std::string out =
      "entries  clashres found new invalid ignore delete chainlength insert insert_failed drop early_drop "
      "icmp_error  expect_new expect_create expect_delete search_restart\n";
  NfConntrackNet* cn = nf_ct_net_maybe(net);
  const IpConntrackStat zero{};
  for (int cpu = 0; cpu < net.world.num_possible_cpus; ++cpu) {
    const IpConntrackStat& s = cn && cpu == 0 ? cn->stat : zero;
    out += fmt::format(
        "{:08x}  {:08x} {:08x} {:08x} {:08x} {:08x} {:08x} {:08x} {:08x} {:08x} {:08x} {:08x} {:08x}  {:08x} "
        "{:08x} {:08x} {:08x}\n",
        net.nf_ct_sysctl.count, s.clash_resolve, s.found, 0, s.invalid, 0, 0, s.chaintoolong, s.insert,
        s.insert_failed, s.drop, s.early_drop, s.error, s.expect_new, s.expect_create, s.expect_delete,
        s.search_restart);
  }
  return out;
}

std::string ct_snprintf(const NfConn& ct, const CtPrintOpts& o, Time) {
  std::string out;
  const uint8_t p = ct.protonum();
  if (o.extended) out += fmt::format("{:<8} {} ", "ipv4", 2);
  out += fmt::format("{:<8} {} ", nf_ct_l4proto_name(p), p);
  out += fmt::format("{} ", nf_ct_expires_shown(ct, o.packet_event));
  if (p == IPPROTO_TCP) out += fmt::format("{} ", tcp_conntrack_name(ct.tcp.state));
  print_tuple(out, ct.tuple[IP_CT_DIR_ORIGINAL]);
  if (!(ct.status & IPS_SEEN_REPLY)) out += "[UNREPLIED] ";
  print_tuple(out, ct.tuple[IP_CT_DIR_REPLY]);
  if (ct.status & IPS_OFFLOAD) out += "[OFFLOAD] ";
  else if (ct.status & IPS_ASSURED) out += "[ASSURED] ";
  // Events carry the mark only when it is set (ctnetlink_dump_mark).
  if (!o.event || ct.mark) out += fmt::format("mark={} ", ct.mark);
  if (!o.event) out += fmt::format("use={} ", ct.use);
  if (o.id) out += fmt::format("id={} ", ct.id);
  out.pop_back();
  return out;
}

}  // namespace skbox
