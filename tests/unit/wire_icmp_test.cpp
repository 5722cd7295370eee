#include <gtest/gtest.h>

#include <vector>

#include "wire/icmp.h"
#include "wire/ipv4.h"

using namespace skbox;
using namespace skbox::wire;

namespace {
std::vector<uint8_t> unhex(std::string_view s) {
  std::vector<uint8_t> v;
  for (size_t i = 0; i + 1 < s.size(); i += 2) v.push_back(uint8_t(std::stoi(std::string(s.substr(i, 2)), nullptr, 16)));
  return v;
}
// Captured on Linux (ICMP part only).
const char* kEchoRequest =
    "08006696098700014909046b000000006d9a0e0000000000101112131415161718191a1b1c1d1e1f"
    "202122232425262728292a2b2c2d2e2f3031323334353637";
const char* kEchoReply =
    "00006e96098700014909046b000000006d9a0e0000000000101112131415161718191a1b1c1d1e1f"
    "202122232425262728292a2b2c2d2e2f3031323334353637";
// Port unreachable for a 5-byte UDP datagram 10.0.0.1:48056 -> 10.0.0.2:9999;
// the whole 33-byte datagram is quoted.
const char* kPortUnreach =
    "0303c23400000000"
    "4500002193954000401193340a0000010a000002bbb8270f000d142168656c6c6f";
IcmpPacket<const uint8_t> view(const std::vector<uint8_t>& v) { return IcmpPacket<const uint8_t>(std::span(v)); }
}  // namespace

TEST(WireIcmp, ParseEcho) {
  auto b = unhex(kEchoRequest);
  auto r = IcmpRepr::parse(view(b));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->type, ICMP_ECHO);
  EXPECT_EQ(r->echo_ident(), 0x0987);
  EXPECT_EQ(r->echo_seq(), 1);
  EXPECT_EQ(r->data.size(), 56u);
  EXPECT_EQ(view(b).echo_ident(), 0x0987);
}

TEST(WireIcmp, EchoReplyReproducesCapture) {
  auto req = unhex(kEchoRequest);
  auto r = *IcmpRepr::parse(view(req));
  auto reply = IcmpRepr::echo_reply(r.echo_ident(), r.echo_seq(), r.data);
  std::vector<uint8_t> out(reply.buffer_len());
  reply.emit(IcmpPacket{std::span(out)});
  EXPECT_EQ(out, unhex(kEchoReply));
}

TEST(WireIcmp, InPlaceReply) {
  // icmp_reply-style: turn the request into the reply in its own buffer.
  auto b = unhex(kEchoRequest);
  auto r = *IcmpRepr::parse(view(b));
  r.type = ICMP_ECHOREPLY;
  r.emit(IcmpPacket{std::span(b)});
  EXPECT_EQ(b, unhex(kEchoReply));
}

TEST(WireIcmp, PortUnreachableReproducesCapture) {
  auto want = unhex(kPortUnreach);
  std::span<const uint8_t> orig = std::span<const uint8_t>(want).subspan(8);
  EXPECT_EQ(icmp_quote_len(orig.size(), 1500), 33u);
  auto r = IcmpRepr::dest_unreach(ICMP_PORT_UNREACH, orig.first(icmp_quote_len(orig.size(), 1500)));
  std::vector<uint8_t> out(r.buffer_len());
  r.emit(IcmpPacket{std::span(out)});
  EXPECT_EQ(out, want);
  EXPECT_EQ(icmp_pretty(want), "ICMP dest-unreach port-unreachable quoting UDP 10.0.0.1:48056 > 10.0.0.2:9999");
  EXPECT_TRUE(icmp_is_err(ICMP_DEST_UNREACH));
  EXPECT_FALSE(icmp_is_err(ICMP_ECHO));
}

TEST(WireIcmp, FragNeededCarriesMtu) {
  std::vector<uint8_t> quoted(28, 0);
  auto r = IcmpRepr::dest_unreach(ICMP_FRAG_NEEDED, quoted, 1400);
  std::vector<uint8_t> out(r.buffer_len());
  r.emit(IcmpPacket{std::span(out)});
  EXPECT_EQ(view(out).frag_mtu(), 1400);
  EXPECT_EQ(view(out).rest(), 1400u);
  EXPECT_EQ(*IcmpRepr::parse(view(out)), r);
}

TEST(WireIcmp, QuoteLenFollowsLinux) {
  // 576 - 20 (IP) - 8 (ICMP) = 548 bytes of the original at most.
  EXPECT_EQ(icmp_quote_len(1500, 1500), 548u);
  EXPECT_EQ(icmp_quote_len(1500, 1500, 4), 544u);
  EXPECT_EQ(icmp_quote_len(100, 1500), 100u);
  EXPECT_EQ(icmp_quote_len(1500, 300), 272u);
  EXPECT_EQ(icmp_quote_len(1500, 10), 0u);
}

TEST(WireIcmp, TruncationAndChecksum) {
  auto b = unhex(kEchoRequest);
  for (size_t n = 0; n < 8; ++n) {
    std::vector<uint8_t> t(b.begin(), b.begin() + n);
    EXPECT_EQ(IcmpRepr::parse(view(t)).error(), Error::Truncated);
    (void)icmp_pretty(t);
  }
  for (size_t n = 8; n < b.size(); ++n) {
    std::vector<uint8_t> t(b.begin(), b.begin() + n);  // cut data: sum no longer verifies
    EXPECT_EQ(IcmpRepr::parse(view(t)).error(), Error::BadChecksum) << n;
  }
  b[2] ^= 0x10;
  EXPECT_EQ(IcmpRepr::parse(view(b)).error(), Error::BadChecksum);
}

TEST(WireIcmp, OddLengthChecksum) {
  const uint8_t data[] = {1, 2, 3};
  auto r = IcmpRepr::echo(7, 9, data);
  std::vector<uint8_t> out(r.buffer_len());
  r.emit(IcmpPacket{std::span(out)});
  EXPECT_EQ(out.size(), 11u);
  EXPECT_TRUE(view(out).verify_checksum());
  EXPECT_EQ(*IcmpRepr::parse(view(out)), r);
}

TEST(WireIcmp, Pretty) {
  EXPECT_EQ(icmp_pretty(unhex(kEchoRequest)), "ICMP echo request id=2439 seq=1 len=64");
  EXPECT_EQ(icmp_pretty(unhex(kEchoReply)), "ICMP echo reply id=2439 seq=1 len=64");
  std::vector<uint8_t> te(8 + 28, 0);
  IcmpRepr::time_exceeded(ICMP_EXC_TTL, std::span<const uint8_t>(te).subspan(8)).emit(IcmpPacket{std::span(te)});
  EXPECT_EQ(icmp_pretty(te), "ICMP time-exceeded ttl-exceeded");
}
