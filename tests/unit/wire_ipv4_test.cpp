#include <gtest/gtest.h>

#include <vector>

#include "wire/ipv4.h"

using namespace skbox;
using namespace skbox::wire;

namespace {
std::vector<uint8_t> unhex(std::string_view s) {
  std::vector<uint8_t> v;
  for (size_t i = 0; i + 1 < s.size(); i += 2) v.push_back(uint8_t(std::stoi(std::string(s.substr(i, 2)), nullptr, 16)));
  return v;
}
// `ping -c1 10.0.0.2` captured on Linux (IP header + 64 bytes of ICMP).
const char* kEcho =
    "450000541a70400040010c370a0000010a000002"
    "08006696098700014909046b000000006d9a0e0000000000101112131415161718191a1b1c1d1e1f"
    "202122232425262728292a2b2c2d2e2f3031323334353637";
Ipv4Packet<const uint8_t> view(const std::vector<uint8_t>& v) { return Ipv4Packet<const uint8_t>(std::span(v)); }
}  // namespace

TEST(WireIpv4, ParseCapture) {
  auto b = unhex(kEcho);
  auto ip = view(b);
  ASSERT_EQ(ip.check_rcv(), Error::Ok);
  EXPECT_EQ(ip.version(), 4);
  EXPECT_EQ(ip.header_len(), 20u);
  EXPECT_EQ(ip.tos(), 0);
  EXPECT_EQ(ip.total_len(), 84);
  EXPECT_EQ(ip.ident(), 0x1a70);
  EXPECT_TRUE(ip.dont_frag());
  EXPECT_FALSE(ip.more_frags());
  EXPECT_FALSE(ip.is_fragment());
  EXPECT_EQ(ip.ttl(), 64);
  EXPECT_EQ(ip.protocol(), IPPROTO_ICMP);
  EXPECT_EQ(ip.src(), Ipv4Addr::of(10, 0, 0, 1));
  EXPECT_EQ(ip.dst(), Ipv4Addr::of(10, 0, 0, 2));
  EXPECT_EQ(ip.payload().size(), 64u);
  EXPECT_TRUE(ip.options().empty());
  EXPECT_TRUE(ip.verify_checksum());
}

TEST(WireIpv4, EmitReproducesCapture) {
  auto b = unhex(kEcho);
  Ipv4Repr r = *Ipv4Repr::parse(view(b));
  EXPECT_EQ(r.payload_len, 64);
  EXPECT_EQ(r.frag_off, IP_DF);
  std::vector<uint8_t> out(r.buffer_len());
  r.emit(Ipv4Packet{std::span(out)});
  EXPECT_TRUE(std::equal(out.begin(), out.end(), b.begin()));
}

TEST(WireIpv4, RoundTripWithOptions) {
  // IGMPv3 reports carry Router Alert: 94 04 00 00.
  const uint8_t ra[] = {0x94, 0x04, 0x00, 0x00};
  Ipv4Repr r;
  r.src = Ipv4Addr::of(10, 0, 0, 1);
  r.dst = Ipv4Addr::of(224, 0, 0, 22);
  r.protocol = IPPROTO_IGMP;
  r.ttl = 1;
  r.tos = 0xc0;
  r.payload_len = 16;
  r.options = ra;
  std::vector<uint8_t> out(r.buffer_len() + r.payload_len);
  r.emit(Ipv4Packet{std::span(out)});
  auto ip = view(out);
  EXPECT_EQ(ip.ihl(), 6);
  EXPECT_EQ(ip.total_len(), 40);
  auto back = Ipv4Repr::parse(ip);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, r);
}

TEST(WireIpv4, ErrorsInIpRcvCoreOrder) {
  auto good = unhex(kEcho);
  // Every buffer short of the 20-byte header is an inhdr error, as
  // pskb_may_pull failing in ip_rcv_core; short of tot_len is "truncated".
  for (size_t n = 0; n < good.size(); ++n) {
    std::vector<uint8_t> b(good.begin(), good.begin() + n);
    Error want = n < 20 ? Error::BadHeader : Error::Truncated;
    EXPECT_EQ(view(b).check_len(), want) << n;
    EXPECT_EQ(Ipv4Repr::parse(view(b)).error(), want) << n;
  }
  auto b = good;
  b[0] = 0x65;  // version 6
  EXPECT_EQ(view(b).check_len(), Error::BadHeader);
  b[0] = 0x44;  // ihl 4
  EXPECT_EQ(view(b).check_len(), Error::BadHeader);
  b = good;
  b[0] = 0x4f;  // ihl 15 = 60 bytes, buffer has 84: fine for the length check...
  EXPECT_EQ(view(b).check_len(), Error::Ok);
  EXPECT_EQ(view(b).check_rcv(), Error::BadChecksum);  // ...but the checksum now fails
  b.resize(40);  // header needs 60 bytes: inhdr error before the checksum
  EXPECT_EQ(view(b).check_rcv(), Error::BadHeader);
  b = good;
  b[3] = 19;  // tot_len below ihl*4 (checksum fixed up so only that is wrong)
  Ipv4Packet<uint8_t>(std::span(b)).fill_checksum();
  EXPECT_EQ(view(b).check_rcv(), Error::BadHeader);
  // A bad checksum wins over a truncated packet, as in ip_rcv_core.
  b = good;
  b[11] ^= 1;
  b.resize(60);
  EXPECT_EQ(view(b).check_len(), Error::Truncated);
  EXPECT_EQ(view(b).check_rcv(), Error::BadChecksum);
  EXPECT_EQ(Ipv4Repr::parse(view(b)).error(), Error::BadChecksum);
}

TEST(WireIpv4, PaddedBufferIsTrimmedToTotLen) {
  auto b = unhex(kEcho);
  b.resize(b.size() + 10, 0);  // Ethernet padding past tot_len
  auto ip = view(b);
  ASSERT_EQ(ip.check_rcv(), Error::Ok);
  EXPECT_EQ(ip.payload().size(), 64u);
}

TEST(WireIpv4, FragmentFields) {
  std::vector<uint8_t> b(40);
  Ipv4Repr r;
  r.protocol = IPPROTO_UDP;
  r.payload_len = 20;
  r.frag_off = IP_MF | (1480 / 8);
  r.emit(Ipv4Packet{std::span(b)});
  auto ip = view(b);
  EXPECT_TRUE(ip.more_frags());
  EXPECT_EQ(ip.frag_offset(), 1480u);
  EXPECT_TRUE(ip.is_fragment());
  EXPECT_EQ(ipv4_pretty(b), "IPv4 src=0.0.0.0 dst=0.0.0.0 proto=UDP ttl=64 len=40 MF off=1480");
}

TEST(WireIpv4, DecreaseTtlAndNat) {
  auto b = unhex(kEcho);
  Ipv4Packet<uint8_t> ip{std::span(b)};
  EXPECT_EQ(ip.decrease_ttl(), 63);
  EXPECT_TRUE(ip.verify_checksum());
  ip.set_src_csum(Ipv4Addr::of(192, 168, 1, 1));
  EXPECT_TRUE(ip.verify_checksum());
  EXPECT_EQ(ip.src(), Ipv4Addr::of(192, 168, 1, 1));
}

TEST(WireIpv4, Pretty) {
  auto b = unhex(kEcho);
  EXPECT_EQ(ipv4_pretty(b), "IPv4 src=10.0.0.1 dst=10.0.0.2 proto=ICMP ttl=64 len=84 DF");
  b[11] ^= 1;
  EXPECT_EQ(ipv4_pretty(b), "IPv4 src=10.0.0.1 dst=10.0.0.2 proto=ICMP ttl=64 len=84 DF bad-checksum");
  b.resize(30);
  EXPECT_EQ(ipv4_pretty(b), "IPv4 truncated len=30");
}
