// TCP (print-tcp.c): flags, relative seq/ack per connection, window, the
// usual options, and under -v the checksum.
#include <fmt/format.h>

#include "cli/tcpdump/print.h"

namespace skbox::tcpdump {

namespace {
uint16_t tcp_cksum(std::span<const uint8_t> seg, std::span<const uint8_t> iph, uint32_t len) {
  uint32_t sum = 0;
  for (int i = 12; i < 20; i += 2) sum += be16(&iph[i]);
  sum += 6 + len;
  for (uint32_t i = 0; i + 1 < len; i += 2) sum += i == 16 ? 0 : be16(&seg[i]);
  if (len & 1) sum += seg[len - 1] << 8;
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<uint16_t>(~sum);
}
}  // namespace

void Printer::tcp(std::span<const uint8_t> p, uint32_t len, const std::string& src, const std::string& dst,
                  std::span<const uint8_t> iph) {
  if (p.size() < 20) {
    out += fmt::format("{} > {}: [|tcp]", src, dst);
    return;
  }
  const uint16_t sport = be16(&p[0]), dport = be16(&p[2]);
  uint32_t seq = be32(&p[4]), ack = be32(&p[8]);
  const unsigned hlen = (p[12] >> 4) * 4u;
  const uint8_t flags = p[13];
  const uint16_t win = be16(&p[14]);
  out += fmt::format("{}.{} > {}.{}: ", src, port(sport, true), dst, port(dport, true));
  if (hlen > len) {
    out += fmt::format("tcp {} [bad hdr length {} - too long, > {}]", len, hlen, len);
    return;
  }
  const uint32_t dlen = len - hlen;
  if (o.qflag) {
    out += fmt::format("tcp {}", dlen);
    return;
  }
  std::string fl;
  static const std::pair<uint8_t, char> kFlags[] = {{0x01, 'F'}, {0x02, 'S'}, {0x04, 'R'}, {0x08, 'P'},
                                                    {0x10, '.'}, {0x20, 'U'}, {0x40, 'E'}, {0x80, 'W'}};
  for (auto [bit, c] : kFlags)
    if (flags & bit) fl += c;
  out += fmt::format("Flags [{}]", fl.empty() ? "none" : fl);
  if (o.vflag && iph.size() >= 20 && p.size() >= len) {
    const uint16_t sum = be16(&p[16]), want = tcp_cksum(p, iph, len);
    if (sum == want) out += fmt::format(", cksum 0x{:04x} (correct)", sum);
    else out += fmt::format(", cksum 0x{:04x} (incorrect -> 0x{:04x})", sum, want);
  }
  if (flags & 0x10) {
    // Both directions share one entry keyed by the ordered endpoints.
    const uint32_t sa = be32(&iph[12]), da = be32(&iph[16]);
    const bool rev = sa > da || (sa == da && sport > dport);
    auto key = rev ? std::make_tuple(da, sa, dport, sport) : std::make_tuple(sa, da, sport, dport);
    auto it = tcp_seq_.find(key);
    if (it == tcp_seq_.end() || (flags & 0x02)) {
      SeqBase b = rev ? SeqBase{ack - 1, seq} : SeqBase{seq, ack - 1};
      tcp_seq_[key] = b;
    } else if (rev) {
      seq -= it->second.ack;
      ack -= it->second.seq;
    } else {
      seq -= it->second.seq;
      ack -= it->second.ack;
    }
  }
  if (o.vflag > 1 || dlen > 0 || (flags & 0x07)) {
    out += fmt::format(", seq {}", seq);
    if (dlen > 0) out += fmt::format(":{}", seq + dlen);
  }
  if (flags & 0x10) out += fmt::format(", ack {}", ack);
  out += fmt::format(", win {}", win);
  if (flags & 0x20) out += fmt::format(", urg {}", be16(&p[18]));
  if (hlen > 20 && p.size() >= hlen) {
    out += ", options [";
    unsigned i = 20;
    bool first = true;
    while (i < hlen) {
      const uint8_t kind = p[i];
      if (!first) out += ',';
      first = false;
      if (kind == 0) {
        out += "eol";
        break;
      }
      if (kind == 1) {
        out += "nop";
        ++i;
        continue;
      }
      if (i + 1 >= hlen) break;
      const uint8_t olen = p[i + 1];
      if (olen < 2 || i + olen > hlen) {
        out += "[|tcp]";
        break;
      }
      const uint8_t* d = &p[i + 2];
      switch (kind) {
        case 2: out += fmt::format("mss {}", olen == 4 ? be16(d) : 0); break;
        case 3: out += fmt::format("wscale {}", olen == 3 ? d[0] : 0); break;
        case 4: out += "sackOK"; break;
        case 5:
          out += fmt::format("sack {} ", (olen - 2) / 8);
          for (int k = 0; k + 8 <= olen - 2; k += 8) out += fmt::format("{{{}:{}}}", be32(d + k), be32(d + k + 4));
          break;
        case 8:
          if (olen == 10) out += fmt::format("TS val {} ecr {}", be32(d), be32(d + 4));
          break;
        default: out += fmt::format("unknown-{}", kind); break;
      }
      i += olen;
    }
    out += ']';
  }
  out += fmt::format(", length {}", dlen);
}

}  // namespace skbox::tcpdump
