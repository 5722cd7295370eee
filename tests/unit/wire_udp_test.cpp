#include <gtest/gtest.h>

#include <vector>

#include "wire/udp.h"

using namespace skbox;
using namespace skbox::wire;

namespace {
std::vector<uint8_t> unhex(std::string_view s) {
  std::vector<uint8_t> v;
  for (size_t i = 0; i + 1 < s.size(); i += 2) v.push_back(uint8_t(std::stoi(std::string(s.substr(i, 2)), nullptr, 16)));
  return v;
}
// sendto(10.0.0.2:9999, "hello") captured on Linux. The checksum field holds
// the CHECKSUM_PARTIAL seed (veth offload), so it is not a valid checksum.
const char* kUdp = "bbb8270f000d142168656c6c6f";
const Ipv4Addr kSrc = Ipv4Addr::of(10, 0, 0, 1), kDst = Ipv4Addr::of(10, 0, 0, 2);
UdpPacket<const uint8_t> view(const std::vector<uint8_t>& v) { return UdpPacket<const uint8_t>(std::span(v)); }
}  // namespace

TEST(WireUdp, ParseCaptureFields) {
  auto b = unhex(kUdp);
  auto u = view(b);
  ASSERT_EQ(u.check_len(), Error::Ok);
  EXPECT_EQ(u.src_port(), 48056);
  EXPECT_EQ(u.dst_port(), 9999);
  EXPECT_EQ(u.length(), 13);
  EXPECT_EQ(std::string(u.payload().begin(), u.payload().end()), "hello");
  EXPECT_FALSE(u.verify_checksum(kSrc, kDst));  // partial seed
  // Completing the checksum as the NIC would gives a valid datagram.
  UdpRepr r{48056, 9999, u.payload()};
  std::vector<uint8_t> out(r.buffer_len());
  r.emit(UdpPacket{std::span(out)}, kSrc, kDst);
  EXPECT_TRUE(view(out).verify_checksum(kSrc, kDst));
  EXPECT_EQ(*UdpRepr::parse(view(out), kSrc, kDst), r);
  EXPECT_EQ(udp_pretty(out), "UDP 48056 > 9999 len=5");
}

TEST(WireUdp, LengthErrors) {
  auto b = unhex(kUdp);
  for (size_t n = 0; n < b.size(); ++n) {
    std::vector<uint8_t> t(b.begin(), b.begin() + n);
    EXPECT_EQ(view(t).check_len(), Error::Truncated) << n;
    EXPECT_EQ(UdpRepr::parse(view(t), kSrc, kDst).error(), Error::Truncated);
    (void)udp_pretty(t);
  }
  b[5] = 7;  // length below the header
  EXPECT_EQ(view(b).check_len(), Error::BadHeader);
  b[5] = 9;  // shorter than the buffer: payload is trimmed to the field
  EXPECT_EQ(view(b).check_len(), Error::Ok);
  EXPECT_EQ(view(b).payload().size(), 1u);
}

TEST(WireUdp, ZeroChecksumRules) {
  const uint8_t data[] = {'x'};
  UdpRepr r{1, 2, data};
  std::vector<uint8_t> out(r.buffer_len());
  r.emit(UdpPacket{std::span(out)}, kSrc, kDst);
  UdpPacket<uint8_t> u{std::span(out)};
  u.set_checksum(0);
  EXPECT_TRUE(u.verify_checksum(kSrc, kDst));  // IPv4: no checksum
  Ipv6Addr a = *Ipv6Addr::parse("fe80::1"), c = *Ipv6Addr::parse("fe80::2");
  EXPECT_FALSE(u.verify_checksum(a, c));       // IPv6: mandatory
  r.emit(UdpPacket{std::span(out)}, a, c);
  EXPECT_TRUE(view(out).verify_checksum(a, c));
  EXPECT_EQ(*UdpRepr::parse(view(out), a, c), r);
}

TEST(WireUdp, ComputedZeroIsSentAsFfff) {
  // Find a payload whose checksum computes to 0: Linux sends 0xffff
  // (CSUM_MANGLED_0) instead, and that still verifies.
  std::vector<uint8_t> out(10);
  for (uint32_t v = 0; v <= 0xffff; ++v) {
    const uint8_t data[2] = {uint8_t(v >> 8), uint8_t(v)};
    UdpRepr r{1000, 2000, data};
    r.emit(UdpPacket{std::span(out)}, kSrc, kDst);
    UdpPacket<uint8_t> u{std::span(out)};
    if (u.checksum() == 0xffff) {
      EXPECT_TRUE(u.verify_checksum(kSrc, kDst));
      return;
    }
    ASSERT_NE(u.checksum(), 0);
  }
  FAIL() << "no payload produced a zero checksum";
}
