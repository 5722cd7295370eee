#include "wire/tcp.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace skbox::wire {

namespace {
void parse_options(TcpRepr& r, std::span<const uint8_t> opts) {
  // Later duplicates override earlier ones, as in tcp_parse_options.
  tcp_for_each_option(opts, [&](uint8_t kind, std::span<const uint8_t> body) {
    switch (kind) {
      case TCPOPT_MSS:
        if (body.size() == 2) r.mss = load_be16(body.data());
        break;
      case TCPOPT_WINDOW:
        if (body.size() == 1) r.wscale = body[0];  // tcp_parse_options caps at 14 with a warning; raw here
        break;
      case TCPOPT_SACK_PERM:
        if (body.empty()) r.sack_perm = true;
        break;
      case TCPOPT_TIMESTAMP:
        if (body.size() == 8) r.ts = TcpTimestamp{load_be32(body.data()), load_be32(body.data() + 4)};
        break;
      case TCPOPT_SACK:
        if (!body.empty() && body.size() % 8 == 0) {
          // tcp_sacktag_write_queue uses at most TCP_NUM_SACKS blocks.
          r.num_sacks = uint8_t(std::min(body.size() / 8, TCP_NUM_SACKS));
          for (size_t i = 0; i < r.num_sacks; ++i)
            r.sacks[i] = {load_be32(body.data() + 8 * i), load_be32(body.data() + 8 * i + 4)};
        }
        break;
    }
  });
}

template <class Addr>
Result<TcpRepr> parse_any(TcpPacket<const uint8_t> p, const Addr& src, const Addr& dst) {
  if (Error e = p.check_len(); e != Error::Ok) return e;
  if (!p.verify_checksum(src, dst)) return Error::BadChecksum;
  TcpRepr r;
  r.src_port = p.src_port();
  r.dst_port = p.dst_port();
  r.seq = p.seq();
  r.ack_seq = p.ack_seq();
  r.flags = p.flags();
  r.window = p.window();
  r.urg_ptr = p.urg_ptr();
  parse_options(r, p.options());
  r.payload = p.payload();
  return r;
}

size_t fixed_options_len(const TcpRepr& r) {
  size_t n = 0;
  if (r.mss) n += 4;
  if (r.ts) n += 12;                     // SACK_PERM rides in the TS word
  else if (r.sack_perm) n += 4;
  if (r.wscale) n += 4;
  return n;
}

template <class Addr>
void emit_any(const TcpRepr& r, TcpPacket<uint8_t> p, const Addr& src, const Addr& dst) {
  TcpPacket<uint8_t> q(p.buffer().first(r.buffer_len()));
  q.set_src_port(r.src_port);
  q.set_dst_port(r.dst_port);
  q.set_seq(r.seq);
  q.set_ack_seq(r.ack_seq);
  q.buffer()[12] = 0;
  q.set_header_len(r.header_len());
  q.set_flags(r.flags);
  q.set_window(r.window);
  q.set_urg_ptr(r.urg_ptr);
  // Payload first: it may sit right after a shorter header in the same buffer.
  uint8_t* to = q.buffer().data() + r.header_len();
  if (!r.payload.empty() && r.payload.data() != to) std::memmove(to, r.payload.data(), r.payload.size());
  // Options in tcp_options_write() order, each padded to 32 bits with NOPs.
  uint8_t* o = q.buffer().data() + TcpPacket<>::kHeaderLen;
  auto word = [&](uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
    o[0] = a, o[1] = b, o[2] = c, o[3] = d;
    o += 4;
  };
  if (r.mss) word(TCPOPT_MSS, 4, uint8_t(r.mss >> 8), uint8_t(r.mss));
  if (r.ts) {
    if (r.sack_perm) word(TCPOPT_SACK_PERM, 2, TCPOPT_TIMESTAMP, 10);
    else word(TCPOPT_NOP, TCPOPT_NOP, TCPOPT_TIMESTAMP, 10);
    store_be32(o, r.ts->tsval);
    store_be32(o + 4, r.ts->tsecr);
    o += 8;
  } else if (r.sack_perm) {
    word(TCPOPT_NOP, TCPOPT_NOP, TCPOPT_SACK_PERM, 2);
  }
  if (r.wscale) word(TCPOPT_NOP, TCPOPT_WINDOW, 3, *r.wscale);
  if (uint8_t n = r.emitted_sacks()) {
    word(TCPOPT_NOP, TCPOPT_NOP, TCPOPT_SACK, uint8_t(2 + 8 * n));
    for (size_t i = 0; i < n; ++i, o += 8) store_be32(o, r.sacks[i].start), store_be32(o + 4, r.sacks[i].end);
  }
  q.fill_checksum(src, dst);
}
}  // namespace

uint8_t TcpRepr::emitted_sacks() const {
  size_t room = 40 - fixed_options_len(*this);
  size_t fit = room >= 12 ? (room - 4) / 8 : 0;
  return uint8_t(std::min<size_t>({num_sacks, fit, TCP_NUM_SACKS}));
}

size_t TcpRepr::options_len() const {
  uint8_t n = emitted_sacks();
  return fixed_options_len(*this) + (n ? 4 + 8 * n : 0);
}

Result<TcpRepr> TcpRepr::parse(TcpPacket<const uint8_t> p, Ipv4Addr src, Ipv4Addr dst) {
  return parse_any(p, src, dst);
}
Result<TcpRepr> TcpRepr::parse(TcpPacket<const uint8_t> p, const Ipv6Addr& src, const Ipv6Addr& dst) {
  return parse_any(p, src, dst);
}
void TcpRepr::emit(TcpPacket<uint8_t> p, Ipv4Addr src, Ipv4Addr dst) const { emit_any(*this, p, src, dst); }
void TcpRepr::emit(TcpPacket<uint8_t> p, const Ipv6Addr& src, const Ipv6Addr& dst) const {
  emit_any(*this, p, src, dst);
}

bool TcpRepr::operator==(const TcpRepr& o) const {
  return src_port == o.src_port && dst_port == o.dst_port && seq == o.seq && ack_seq == o.ack_seq &&
         flags == o.flags && window == o.window && urg_ptr == o.urg_ptr && mss == o.mss &&
         wscale == o.wscale && sack_perm == o.sack_perm && ts == o.ts && num_sacks == o.num_sacks &&
         std::equal(sacks.begin(), sacks.begin() + num_sacks, o.sacks.begin()) &&
         std::ranges::equal(payload, o.payload);
}

std::string tcp_pretty(std::span<const uint8_t> seg) {
  TcpPacket p(seg);
  if (Error e = p.check_len(); e != Error::Ok) return fmt::format("TCP {} len={}", error_name(e), seg.size());
  // tcpdump's flag letters.
  std::string f;
  if (p.syn()) f += 'S';
  if (p.fin()) f += 'F';
  if (p.rst()) f += 'R';
  if (p.psh()) f += 'P';
  if (p.urg()) f += 'U';
  if (p.ece()) f += 'E';
  if (p.cwr()) f += 'W';
  if (p.ack()) f += '.';
  std::string s = fmt::format("TCP {} > {} [{}] seq={}", p.src_port(), p.dst_port(), f, p.seq());
  if (p.ack()) s += fmt::format(" ack={}", p.ack_seq());
  s += fmt::format(" win={} len={}", p.window(), p.payload().size());
  TcpRepr r;
  parse_options(r, p.options());
  if (r.mss) s += fmt::format(" mss={}", r.mss);
  if (r.sack_perm) s += " sackOK";
  if (r.ts) s += fmt::format(" ts={}/{}", r.ts->tsval, r.ts->tsecr);
  if (r.wscale) s += fmt::format(" wscale={}", *r.wscale);
  for (size_t i = 0; i < r.num_sacks; ++i) s += fmt::format(" sack={}-{}", r.sacks[i].start, r.sacks[i].end);
  return s;
}

}  // namespace skbox::wire
