#include <gtest/gtest.h>

#include <vector>

#include "wire/tcp.h"

using namespace skbox;
using namespace skbox::wire;

namespace {
std::vector<uint8_t> unhex(std::string_view s) {
  std::vector<uint8_t> v;
  for (size_t i = 0; i + 1 < s.size(); i += 2) v.push_back(uint8_t(std::stoi(std::string(s.substr(i, 2)), nullptr, 16)));
  return v;
}
// connect(10.0.0.2:80) captured on Linux: the SYN (checksum field holds the
// CHECKSUM_PARTIAL seed) and the RST,ACK from the closed port (full checksum).
const char* kSyn = "b1de005005081ab300000000a002faf014310000020405b40402080abc9a747f000000000103030a";
const char* kRst = "0050b1de0000000005081ab450140000c9e30000";
const Ipv4Addr kA = Ipv4Addr::of(10, 0, 0, 1), kB = Ipv4Addr::of(10, 0, 0, 2);
TcpPacket<const uint8_t> view(const std::vector<uint8_t>& v) { return TcpPacket<const uint8_t>(std::span(v)); }
}  // namespace

TEST(WireTcp, ParseRst) {
  auto b = unhex(kRst);
  auto r = TcpRepr::parse(view(b), kB, kA);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->src_port, 80);
  EXPECT_EQ(r->dst_port, 45534);
  EXPECT_EQ(r->seq, 0u);
  EXPECT_EQ(r->ack_seq, 0x05081ab4u);
  EXPECT_EQ(r->flags, TCPHDR_RST | TCPHDR_ACK);
  EXPECT_EQ(r->window, 0);
  // tcp_v4_send_reset's segment, rebuilt from the repr, is identical.
  std::vector<uint8_t> out(r->buffer_len());
  r->emit(TcpPacket{std::span(out)}, kB, kA);
  EXPECT_EQ(out, b);
}

TEST(WireTcp, SynOptionsInLinuxLayout) {
  auto b = unhex(kSyn);
  auto t = view(b);
  ASSERT_EQ(t.check_len(), Error::Ok);
  EXPECT_TRUE(t.syn());
  EXPECT_FALSE(t.ack());
  EXPECT_EQ(t.header_len(), 40u);
  EXPECT_EQ(t.window(), 64240);
  EXPECT_FALSE(t.verify_checksum(kA, kB));  // partial seed
  // Fix the checksum, then parse options.
  std::vector<uint8_t> fixed = b;
  TcpPacket<uint8_t>(std::span(fixed)).fill_checksum(kA, kB);
  auto r = TcpRepr::parse(view(fixed), kA, kB);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->mss, 1460);
  EXPECT_TRUE(r->sack_perm);
  ASSERT_TRUE(r->ts);
  EXPECT_EQ(r->ts->tsval, 0xbc9a747fu);
  EXPECT_EQ(r->ts->tsecr, 0u);
  EXPECT_EQ(r->wscale, 10);
  // tcp_options_write order: MSS, SACK_PERM+TS, NOP+WSCALE: byte-identical.
  std::vector<uint8_t> out(r->buffer_len());
  r->emit(TcpPacket{std::span(out)}, kA, kB);
  EXPECT_EQ(out, fixed);
  EXPECT_EQ(tcp_pretty(out), "TCP 45534 > 80 [S] seq=84417203 win=64240 len=0 mss=1460 sackOK ts=3164238975/0 wscale=10");
}

TEST(WireTcp, OptionLayoutsWithoutTimestamps) {
  TcpRepr r;
  r.flags = TCPHDR_SYN;
  r.mss = 1460;
  r.sack_perm = true;
  r.wscale = 7;
  std::vector<uint8_t> out(r.buffer_len());
  r.emit(TcpPacket{std::span(out)}, kA, kB);
  EXPECT_EQ(std::vector<uint8_t>(out.begin() + 20, out.end()), unhex("020405b4" "01010402" "01030307"));
  EXPECT_EQ(*TcpRepr::parse(view(out), kA, kB), r);
}

TEST(WireTcp, SackBlocksClipToFit) {
  TcpRepr r;
  r.flags = TCPHDR_ACK;
  r.ts = TcpTimestamp{1, 2};
  r.num_sacks = 4;
  for (uint32_t i = 0; i < 4; ++i) r.sacks[i] = {i * 100, i * 100 + 50};
  EXPECT_EQ(r.emitted_sacks(), 3);  // with timestamps only 3 fit, as in Linux
  EXPECT_EQ(r.header_len(), 20u + 12 + 4 + 24);
  std::vector<uint8_t> out(r.buffer_len());
  r.emit(TcpPacket{std::span(out)}, kA, kB);
  auto back = *TcpRepr::parse(view(out), kA, kB);
  EXPECT_EQ(back.num_sacks, 3);
  r.ts.reset();
  EXPECT_EQ(r.emitted_sacks(), 4);
}

TEST(WireTcp, OptionWalkerStopsOnMalformed) {
  int seen = 0;
  auto count = [&](uint8_t, std::span<const uint8_t>) { ++seen; };
  const uint8_t silly[] = {TCPOPT_MSS, 1, 0, 0};      // length < 2
  tcp_for_each_option(silly, count);
  const uint8_t partial[] = {TCPOPT_NOP, TCPOPT_MSS, 4, 5};  // runs past the end
  tcp_for_each_option(partial, count);
  const uint8_t lone[] = {TCPOPT_NOP, TCPOPT_MSS};
  tcp_for_each_option(lone, count);
  const uint8_t eol[] = {TCPOPT_EOL, TCPOPT_SACK_PERM, 2};
  tcp_for_each_option(eol, count);
  EXPECT_EQ(seen, 0);
  const uint8_t ok[] = {TCPOPT_SACK_PERM, 2, TCPOPT_NOP, 99, 3, 0};  // unknown kind walked over
  tcp_for_each_option(ok, count);
  EXPECT_EQ(seen, 2);
}

TEST(WireTcp, LengthErrorsAndPayload) {
  auto b = unhex(kSyn);
  for (size_t n = 0; n < b.size(); ++n) {
    std::vector<uint8_t> t(b.begin(), b.begin() + n);
    EXPECT_EQ(view(t).check_len(), Error::Truncated) << n;
    EXPECT_EQ(TcpRepr::parse(view(t), kA, kB).error(), Error::Truncated);
    (void)tcp_pretty(t);
  }
  auto t = b;
  t[12] = 0x40;  // doff 4
  EXPECT_EQ(view(t).check_len(), Error::BadHeader);
  // Data segment with an odd-length payload, over IPv6 too.
  const uint8_t data[] = {'a', 'b', 'c'};
  TcpRepr r;
  r.flags = TCPHDR_PSH | TCPHDR_ACK | TCPHDR_AE;
  r.seq = 100;
  r.ack_seq = 200;
  r.window = 502;
  r.payload = data;
  Ipv6Addr x = *Ipv6Addr::parse("2001:db8::1"), y = *Ipv6Addr::parse("2001:db8::2");
  std::vector<uint8_t> out(r.buffer_len());
  r.emit(TcpPacket{std::span(out)}, x, y);
  EXPECT_EQ(view(out).payload().size(), 3u);
  EXPECT_EQ(*TcpRepr::parse(view(out), x, y), r);
  EXPECT_EQ(TcpRepr::parse(view(out), y, x).error(), Error::Ok);  // swapped addresses sum the same
  EXPECT_EQ(TcpRepr::parse(view(out), x, x).error(), Error::BadChecksum);
}
