// Netfilter packet logging (net/netfilter/nf_log.c, nf_log_syslog.c): the
// LOG target and TRACE write one kernel-log line per packet, formatted as
// nf_log_ip_packet does ("IN=eth0 OUT= MAC=... SRC=... DST=... LEN=...").
//
// The syslog logger (nf_log_syslog) is always there, as if loaded: the
// kernel loads it when the first LOG or TRACE rule is checked. Lines from
// a namespace other than the initial one are printed only when
// net.netfilter.nf_log_all_netns (an init_net sysctl) is 1.
//
// UID=/GID= (NF_LOG_UID) come from skb->sk: the sending socket of a
// locally generated packet (see net/sock.h), nothing for the kernel's own
// packets (ICMP, TCP resets) or forwarded ones.
//
// Not modelled: nfnetlink_log (NFLOG), IPv6/ARP packets, the per-namespace
// net.netfilter.nf_log/N logger selection, VLAN tags, the SIT tunnel's
// TUNNEL= field, nf_log_buf's 1 KiB cut (no IPv4 line comes near it).
// PHYSIN=/PHYSOUT= come from br_netfilter's nf_bridge info.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace skbox {

class Net;
class NetDevice;
struct SkBuff;

// XT_LOG_* / NF_LOG_* flags (include/uapi/linux/netfilter/xt_LOG.h).
enum : uint8_t {
  NF_LOG_TCPSEQ = 0x01, NF_LOG_TCPOPT = 0x02, NF_LOG_IPOPT = 0x04, NF_LOG_UID = 0x08,
  NF_LOG_NFLOG = 0x10, NF_LOG_MACDECODE = 0x20, NF_LOG_MASK = 0x2f,
  NF_LOG_DEFAULT_MASK = 0x0f,
};

// struct nf_loginfo for NF_LOG_TYPE_LOG.
struct NfLogInfo {
  uint8_t level = 4;
  uint8_t logflags = 0;
};

// nf_log_allowed: the initial namespace, or any with nf_log_all_netns=1.
bool nf_log_allowed(const Net& net);

// nf_log_ip_packet's text for a packet seen in namespace `net`:
// "PREFIXIN=.. OUT=.. ", dump_mac_header (input side only), then
// dump_ipv4_packet; one line with the kernel's trailing space, without
// the level. The IPv4 header is at skb.network_header. Pure: unit tests
// call it.
std::string nf_log_ip_format(const Net* net, const SkBuff& skb, const NetDevice* in, const NetDevice* out,
                             const NfLogInfo& info, std::string_view prefix);

// nf_log_packet (AF_INET, the syslog logger): prints the line at the
// info's level if the namespace may log.
void nf_log_packet(Net& net, const SkBuff& skb, const NetDevice* in, const NetDevice* out,
                   const NfLogInfo& info, std::string_view prefix);

// nf_log_trace: TRACE's line, at level 4 with NF_LOG_DEFAULT_MASK
// (ip_tables' trace_loginfo).
void nf_log_trace(Net& net, const SkBuff& skb, const NetDevice* in, const NetDevice* out,
                  std::string_view prefix);

}  // namespace skbox
