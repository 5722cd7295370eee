// The syslog packet logger (net/netfilter/nf_log_syslog.c): the text the
// LOG target and TRACE print for an IPv4 packet, and the nf_log_packet /
// nf_log_trace entry points (net/netfilter/nf_log.c).
#include <iterator>

#include <fmt/format.h>

#include "core/printk.h"
#include "dev/br_netfilter.h"
#include "net/net.h"
#include "net/netdevice.h"
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

void dump_mac_header(std::string& m, const NfLogInfo& info, const SkBuff& skb) {
  Out o(m);
  const NetDevice* dev = skb.dev;
  if ((info.logflags & NF_LOG_MACDECODE) && dev && dev->type == ARPHRD_ETHER && skb.mac_header != SkBuff::kNoHeader) {
    const uint8_t* eth = skb.head + skb.mac_header;
    m += "MACSRC=";
    put_mac(o, eth + 6);
    m += " MACDST=";
    put_mac(o, eth);
    fmt::format_to(o, " MACPROTO={:04x} ", wire::load_be16(eth + 12));
    return;
  }
  m += "MAC=";
  if (dev && dev->hard_header_len && skb.mac_header != SkBuff::kNoHeader && skb.mac_header != skb.network_header) {
    const uint8_t* p = skb.head + skb.mac_header;
    for (uint32_t i = 0; i < dev->hard_header_len; ++i) {
      if (i) m += ':';
      fmt::format_to(o, "{:02x}", p[i]);
    }
  }
  m += ' ';
}

// nf_log_dump_tcp_header: false when the header was cut short (the line
// ends there).
bool dump_tcp(std::string& m, const uint8_t* th, uint32_t avail, bool fragment, uint8_t logflags) {
  Out o(m);
  m += "PROTO=TCP ";
  if (fragment) return true;
  if (avail < 20) {
    fmt::format_to(o, "INCOMPLETE [{} bytes] ", avail);
    return false;
  }
  fmt::format_to(o, "SPT={} DPT={} ", wire::load_be16(th), wire::load_be16(th + 2));
  if (logflags & NF_LOG_TCPSEQ) fmt::format_to(o, "SEQ={} ACK={} ", wire::load_be32(th + 4), wire::load_be32(th + 8));
  fmt::format_to(o, "WINDOW={} ", wire::load_be16(th + 14));
  // The reserved bits left beside AE (Linux 6.18: 3 bits), shifted as the
  // kernel shifts the flag word.
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
    if (avail < doff) {
      m += "OPT (TRUNCATED)";
      return false;
    }
    m += "OPT (";
    put_hex(o, th + 20, doff - 20);
    m += ") ";
  }
  return true;
}

// dump_ipv4_packet; iphoff is 0 for the packet, non-zero for the header
// quoted in an ICMP error (one level of recursion, as Linux).
void dump_ipv4_packet(std::string& m, const NfLogInfo& info, const SkBuff& skb, const uint8_t* base,
                      uint32_t total, uint32_t iphoff) {
  Out o(m);
  const uint8_t logflags = info.logflags;
  if (total < iphoff + 20) {
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
  fmt::format_to(o, "LEN={} TOS=0x{:02X} PREC=0x{:02X} TTL={} ID={} ", wire::load_be16(ih + 2), ih[1] & 0x1e,
                 ih[1] & 0xe0, ih[8], wire::load_be16(ih + 4));
  const uint16_t frag = wire::load_be16(ih + 6);
  if (frag & 0x8000) m += "CE ";
  if (frag & 0x4000) m += "DF ";
  if (frag & 0x2000) m += "MF ";
  if (frag & 0x1fff) fmt::format_to(o, "FRAG:{} ", frag & 0x1fff);
  if ((logflags & NF_LOG_IPOPT) && ihl > 20) {
    if (total < iphoff + ihl) {
      m += "TRUNCATED";
      return;
    }
    m += "OPT (";
    put_hex(o, ih + 20, ihl - 20);
    m += ") ";
  }
  const bool fragment = frag & 0x1fff;
  const uint32_t thoff = iphoff + ihl;
  const uint32_t avail = total > thoff ? total - thoff : 0;
  const uint8_t* th = base + thoff;
  switch (ih[9]) {
    case 6:
      if (!dump_tcp(m, th, avail, fragment, logflags)) return;
      break;
    case 17:
    case 136:
      m += ih[9] == 17 ? "PROTO=UDP " : "PROTO=UDPLITE ";
      if (fragment) break;
      if (avail < 8) {
        fmt::format_to(o, "INCOMPLETE [{} bytes] ", avail);
        return;
      }
      fmt::format_to(o, "SPT={} DPT={} LEN={} ", wire::load_be16(th), wire::load_be16(th + 2), wire::load_be16(th + 4));
      break;
    case 1: {
      // The bytes each ICMP type needs before its fields are printed.
      auto required = [](uint8_t t) -> uint32_t {
        switch (t) {
          case 0: case 8: return 4;
          case 3: case 4: case 5: case 11: case 12: return 8 + 20;
          case 13: case 14: return 20;
          case 17: case 18: return 12;
        }
        return 0;
      };
      m += "PROTO=ICMP ";
      if (fragment) break;
      if (avail < 8) {
        fmt::format_to(o, "INCOMPLETE [{} bytes] ", avail);
        break;
      }
      const uint8_t type = th[0], code = th[1];
      fmt::format_to(o, "TYPE={} CODE={} ", type, code);
      if (required(type) && avail < required(type)) {
        fmt::format_to(o, "INCOMPLETE [{} bytes] ", avail);
        break;
      }
      switch (type) {
        case 0:
        case 8:
          fmt::format_to(o, "ID={} SEQ={} ", wire::load_be16(th + 4), wire::load_be16(th + 6));
          break;
        case 12:
          fmt::format_to(o, "PARAMETER={} ", th[4]);
          break;
        case 5:
          m += "GATEWAY=";
          put_ip(o, th + 4);
          m += ' ';
          [[fallthrough]];
        case 3:
        case 4:
        case 11:
          if (!iphoff) {
            m += '[';
            dump_ipv4_packet(m, info, skb, base, total, thoff + 8);
            m += "] ";
          }
          if (type == 3 && code == 4) fmt::format_to(o, "MTU={} ", wire::load_be16(th + 6));
          break;
      }
      break;
    }
    case 51:  // AH
      if (fragment) break;
      m += "PROTO=AH ";
      if (avail < 12) {
        fmt::format_to(o, "INCOMPLETE [{} bytes] ", avail);
        break;
      }
      fmt::format_to(o, "SPI=0x{:x} ", wire::load_be32(th + 4));
      break;
    case 50:  // ESP
      m += "PROTO=ESP ";
      if (fragment) break;
      if (avail < 8) {
        fmt::format_to(o, "INCOMPLETE [{} bytes] ", avail);
        break;
      }
      fmt::format_to(o, "SPI=0x{:x} ", wire::load_be32(th));
      break;
    default:
      fmt::format_to(o, "PROTO={} ", ih[9]);
  }
  // NF_LOG_UID: nf_log_dump_sk_uid_gid prints only for a full socket with
  // a file; no skbox packet carries one.
  if (!iphoff && skb.mark) fmt::format_to(o, "MARK=0x{:x} ", skb.mark);
}

}  // namespace

bool nf_log_allowed(const Net& net) {
  return &net == &net.world.init_net() || net.world.netfilter.nf_log_all_netns != 0;
}

std::string nf_log_ip_format(const SkBuff& skb, const NetDevice* in, const NetDevice* out, const NfLogInfo& info,
                             std::string_view prefix) {
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
  dump_ipv4_packet(m, info, skb, skb.head + nh, total, 0);
  return m;
}

void nf_log_packet(Net& net, const SkBuff& skb, const NetDevice* in, const NetDevice* out, const NfLogInfo& info,
                   std::string_view prefix) {
  if (!nf_log_allowed(net)) return;
  printk(net.world, info.level, nf_log_ip_format(skb, in, out, info, prefix));
}

void nf_log_trace(Net& net, const SkBuff& skb, const NetDevice* in, const NetDevice* out, std::string_view prefix) {
  nf_log_packet(net, skb, in, out, NfLogInfo{4, NF_LOG_DEFAULT_MASK}, prefix);
}

}  // namespace skbox
