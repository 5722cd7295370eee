// The syslog packet logger (net/netfilter/nf_log_syslog.c): the text the
// LOG target and TRACE print for an IPv4 packet, and the nf_log_packet /
// nf_log_trace entry points (net/netfilter/nf_log.c).
#include <iterator>

#include <fmt/format.h>

#include "core/printk.h"
#include "dev/br_netfilter.h"
#include "net/net.h"
#include "net/netdevice.h"
#include "net/sock.h"
#include "net/world.h"
#include "netfilter/nf_log.h"
#include "wire/be.h"

namespace skbox {

namespace {

using Out = std::back_insert_iterator<std::string>;

void put_ip(Out o, const uint8_t* p) { fmt::format_to(o, "{}.{}.{}.{}", p[0], p[1], p[2], p[3]); }
void put_mac(Out o, const uint8_t* p) {
  fmt::format_to(o, "{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", p[0], p[1], p[2], p[3], p[4], p[5]);
}
void put_hex(Out o, const uint8_t* p, size_t n) {
  for (size_t i = 0; i < n; ++i) fmt::format_to(o, "{:02X}", p[i]);
}

// dump_mac_header: --log-macdecode spells an Ethernet header out (and
// prints nothing at all when there is none); otherwise, and for other
// device types, the raw link header of skb->dev's hard_header_len bytes.
void dump_mac_header(std::string& m, const NfLogInfo& info, const SkBuff& skb) {
  Out o(m);
  const NetDevice* dev = skb.dev;
  if (!dev) return;
  if ((info.logflags & NF_LOG_MACDECODE) && dev->type == ARPHRD_ETHER) {
    // skb_mac_header_was_set, skb_mac_header_len() >= ETH_HLEN
    if (skb.mac_header == SkBuff::kNoHeader || skb.network_header == SkBuff::kNoHeader ||
        skb.network_header < skb.mac_header + 14)
      return;
    const uint8_t* eth = skb.head + skb.mac_header;
    m += "MACSRC=";
    put_mac(o, eth + 6);
    m += " MACDST=";
    put_mac(o, eth);
    fmt::format_to(o, " MACPROTO={:04x} ", wire::load_be16(eth + 12));
    return;
  }
  m += "MAC=";
  // Linux reads the header wherever mac_header points; skbox refuses an
  // unset one rather than read outside the buffer.
  if (dev->hard_header_len && skb.mac_header != skb.network_header && skb.mac_header != SkBuff::kNoHeader &&
      skb.mac_header + dev->hard_header_len <= skb.end) {
    const uint8_t* p = skb.head + skb.mac_header;
    for (uint32_t i = 0; i < dev->hard_header_len; ++i) {
      if (i) m += ':';
      fmt::format_to(o, "{:02x}", p[i]);
    }
  }
  m += ' ';
}

// nf_log_dump_sk_uid_gid: the credentials of the file behind a full
// socket of this namespace; nothing for kernel sockets.
void dump_sk_uid_gid(std::string& m, const Net* net, const Sock* sk) {
  if (!sk || sk->net != net || !sk->has_file) return;
  fmt::format_to(Out(m), "UID={} GID={} ", sk->fsuid, sk->fsgid);
}

// The bytes of the packet from an offset on, as skb_header_pointer sees
// them: has(n) is its bounds check, left() the "skb->len - offset" the
// kernel prints in INCOMPLETE [N bytes], an unsigned int that wraps when
// a quoted header claims more than was quoted.
struct Window {
  const uint8_t* p;
  uint32_t total, off;
  bool has(uint32_t n) const { return uint64_t(off) + n <= total; }
  uint32_t left() const { return total - off; }
};

// nf_log_dump_tcp_header: false when the header was cut short (the line
// ends there).
bool dump_tcp(std::string& m, const Window& w, bool fragment, uint8_t logflags) {
  Out o(m);
  m += "PROTO=TCP ";
  if (fragment) return true;
  if (!w.has(20)) {
    fmt::format_to(o, "INCOMPLETE [{} bytes] ", w.left());
    return false;
  }
  const uint8_t* th = w.p;
  fmt::format_to(o, "SPT={} DPT={} ", wire::load_be16(th), wire::load_be16(th + 2));
  if (logflags & NF_LOG_TCPSEQ) fmt::format_to(o, "SEQ={} ACK={} ", wire::load_be32(th + 4), wire::load_be32(th + 8));
  fmt::format_to(o, "WINDOW={} ", wire::load_be16(th + 14));
  // TCP_RESERVED_BITS (the 3 bits left beside AE) shifted down as the
  // kernel shifts the flag word: ntohl(word & 0x0e000000) >> 22.
  fmt::format_to(o, "RES=0x{:02x} ", (th[12] & 0x0e) << 2);
  const uint8_t f = th[13];
  if (th[12] & 0x01) m += "AE ";
  if (f & 0x80) m += "CWR ";
  if (f & 0x40) m += "ECE ";
  if (f & 0x20) m += "URG ";
  if (f & 0x10) m += "ACK ";
  if (f & 0x08) m += "PSH ";
  if (f & 0x04) m += "RST ";
  if (f & 0x02) m += "SYN ";
  if (f & 0x01) m += "FIN ";
  fmt::format_to(o, "URGP={} ", wire::load_be16(th + 18));
  const uint32_t doff = uint32_t(th[12] >> 4) * 4;
  if ((logflags & NF_LOG_TCPOPT) && doff > 20) {
    if (!w.has(doff)) {
      m += "OPT (TRUNCATED)";
      return false;
    }
    m += "OPT (";
    put_hex(o, th + 20, doff - 20);
    m += ") ";
  }
  return true;
}

// The ICMP bytes each type needs before its fields are printed
// (dump_ipv4_packet's required_len; 0: no requirement).
uint32_t icmp_required_len(uint8_t type) {
  switch (type) {
    case 0: case 8: return 4;                               // echo reply, echo
    case 3: case 4: case 5: case 11: case 12: return 8 + 20;  // errors quote a header
    case 13: case 14: return 20;                            // timestamp
    case 17: case 18: return 12;                            // address mask
  }
  return 0;
}

// dump_ipv4_packet; iphoff is 0 for the packet, non-zero for the header
// quoted in an ICMP error (one level of recursion, as Linux).
void dump_ipv4_packet(std::string& m, const NfLogInfo& info, const Net* net, const SkBuff& skb,
                      const uint8_t* base, uint32_t total, uint32_t iphoff) {
  Out o(m);
  const uint8_t logflags = info.logflags;
  if (!Window{base, total, iphoff}.has(20)) {
    m += "TRUNCATED";
    return;
  }
  const uint8_t* ih = base + iphoff;
  const uint32_t ihl = uint32_t(ih[0] & 0x0f) * 4;
  m += "SRC=";
  put_ip(o, ih + 12);
  m += " DST=";
  put_ip(o, ih + 16);
  m += ' ';
  // IPTOS_TOS_MASK, IPTOS_PREC_MASK
  fmt::format_to(o, "LEN={} TOS=0x{:02X} PREC=0x{:02X} TTL={} ID={} ", wire::load_be16(ih + 2), ih[1] & 0x1e,
                 ih[1] & 0xe0, ih[8], wire::load_be16(ih + 4));
  const uint16_t frag = wire::load_be16(ih + 6);
  if (frag & 0x8000) m += "CE ";
  if (frag & 0x4000) m += "DF ";
  if (frag & 0x2000) m += "MF ";
  if (frag & 0x1fff) fmt::format_to(o, "FRAG:{} ", frag & 0x1fff);
  if ((logflags & NF_LOG_IPOPT) && ihl > 20) {
    if (!Window{base, total, iphoff}.has(ihl)) {
      m += "TRUNCATED";
      return;
    }
    m += "OPT (";
    put_hex(o, ih + 20, ihl - 20);
    m += ") ";
  }
  const bool fragment = frag & 0x1fff;
  const Window th{base + iphoff + ihl, total, iphoff + ihl};
  switch (ih[9]) {
    case 6:
      if (!dump_tcp(m, th, fragment, logflags)) return;
      break;
    case 17:
    case 136:
      // nf_log_dump_udp_header
      m += ih[9] == 17 ? "PROTO=UDP " : "PROTO=UDPLITE ";
      if (fragment) break;
      if (!th.has(8)) {
        fmt::format_to(o, "INCOMPLETE [{} bytes] ", th.left());
        return;
      }
      fmt::format_to(o, "SPT={} DPT={} LEN={} ", wire::load_be16(th.p), wire::load_be16(th.p + 2),
                     wire::load_be16(th.p + 4));
      break;
    case 1: {
      m += "PROTO=ICMP ";
      if (fragment) break;
      if (!th.has(8)) {
        fmt::format_to(o, "INCOMPLETE [{} bytes] ", th.left());
        break;
      }
      const uint8_t type = th.p[0], code = th.p[1];
      fmt::format_to(o, "TYPE={} CODE={} ", type, code);
      if (const uint32_t need = icmp_required_len(type); need && th.left() < need) {
        fmt::format_to(o, "INCOMPLETE [{} bytes] ", th.left());
        break;
      }
      switch (type) {
        case 0:
        case 8:
          fmt::format_to(o, "ID={} SEQ={} ", wire::load_be16(th.p + 4), wire::load_be16(th.p + 6));
          break;
        case 12:
          fmt::format_to(o, "PARAMETER={} ", th.p[4]);
          break;
        case 5:
          m += "GATEWAY=";
          put_ip(o, th.p + 4);
          m += ' ';
          [[fallthrough]];
        case 3:
        case 4:
        case 11:
          if (!iphoff) {
            m += '[';
            dump_ipv4_packet(m, info, net, skb, base, total, iphoff + ihl + 8);
            m += "] ";
          }
          if (type == 3 && code == 4) fmt::format_to(o, "MTU={} ", wire::load_be16(th.p + 6));
          break;
      }
      break;
    }
    case 51:  // AH: nothing at all for a later fragment
      if (fragment) break;
      m += "PROTO=AH ";
      if (!th.has(12)) {
        fmt::format_to(o, "INCOMPLETE [{} bytes] ", th.left());
        break;
      }
      fmt::format_to(o, "SPI=0x{:x} ", wire::load_be32(th.p + 4));
      break;
    case 50:  // ESP
      m += "PROTO=ESP ";
      if (fragment) break;
      if (!th.has(8)) {
        fmt::format_to(o, "INCOMPLETE [{} bytes] ", th.left());
        break;
      }
      fmt::format_to(o, "SPI=0x{:x} ", wire::load_be32(th.p));
      break;
    default:
      fmt::format_to(o, "PROTO={} ", ih[9]);
  }
  if ((logflags & NF_LOG_UID) && !iphoff) dump_sk_uid_gid(m, net, skb.sk);
  if (!iphoff && skb.mark) fmt::format_to(o, "MARK=0x{:x} ", skb.mark);
}

}  // namespace

bool nf_log_allowed(const Net& net) {
  return &net == &net.world.init_net() || net.world.netfilter.nf_log_all_netns != 0;
}

std::string nf_log_ip_format(const Net* net, const SkBuff& skb, const NetDevice* in, const NetDevice* out,
                             const NfLogInfo& info, std::string_view prefix) {
  std::string m;
  m.reserve(256);
  // nf_log_dump_packet_common
  m += prefix;
  fmt::format_to(Out(m), "IN={} OUT={} ", in ? in->name : "", out ? out->name : "");
  if (const NetDevice* p = nf_bridge_get_physindev(skb); p && p != in) fmt::format_to(Out(m), "PHYSIN={} ", p->name);
  if (const NetDevice* p = nf_bridge_get_physoutdev(skb); p && p != out) fmt::format_to(Out(m), "PHYSOUT={} ", p->name);
  if (in) dump_mac_header(m, info, skb);
  const uint16_t nh = skb.network_header != SkBuff::kNoHeader ? skb.network_header : uint16_t(skb.data_off);
  const uint32_t total = skb.data_off + skb.len > nh ? skb.data_off + skb.len - nh : 0;
  dump_ipv4_packet(m, info, net, skb, skb.head + nh, total, 0);
  return m;
}

void nf_log_packet(Net& net, const SkBuff& skb, const NetDevice* in, const NetDevice* out, const NfLogInfo& info,
                   std::string_view prefix) {
  if (!nf_log_allowed(net)) return;
  printk(net.world, info.level, nf_log_ip_format(&net, skb, in, out, info, prefix));
}

void nf_log_trace(Net& net, const SkBuff& skb, const NetDevice* in, const NetDevice* out, std::string_view prefix) {
  nf_log_packet(net, skb, in, out, NfLogInfo{4, NF_LOG_DEFAULT_MASK}, prefix);
}

}  // namespace skbox
