#include <gtest/gtest.h>

#include <vector>

#include "wire/ipv6.h"

using namespace skbox;
using namespace skbox::wire;

namespace {
std::vector<uint8_t> unhex(std::string_view s) {
  std::vector<uint8_t> v;
  for (size_t i = 0; i + 1 < s.size(); i += 2) v.push_back(uint8_t(std::stoi(std::string(s.substr(i, 2)), nullptr, 16)));
  return v;
}
// MLDv2 report sent by Linux on link-up (IPv6 + Hop-by-Hop + ICMPv6).
const char* kMld =
    "6000000000240001fe80000000000000000000fffe000001ff020000000000000000000000000016"
    "3a00050200000100"
    "8f0072070000000104000000ff0200000000000000000001ff000001";
Ipv6Packet<const uint8_t> view(const std::vector<uint8_t>& v) { return Ipv6Packet<const uint8_t>(std::span(v)); }
}  // namespace

TEST(WireIpv6, ParseCapture) {
  auto b = unhex(kMld);
  auto ip = view(b);
  ASSERT_EQ(ip.check_len(), Error::Ok);
  EXPECT_EQ(ip.version(), 6);
  EXPECT_EQ(ip.traffic_class(), 0);
  EXPECT_EQ(ip.flow_label(), 0u);
  EXPECT_EQ(ip.payload_len(), 36);
  EXPECT_EQ(ip.next_header(), NEXTHDR_HOP);
  EXPECT_EQ(ip.hop_limit(), 1);
  EXPECT_EQ(ip.src(), *Ipv6Addr::parse("fe80::ff:fe00:1"));
  EXPECT_EQ(ip.dst(), kIn6AddrMld2AllMcr);
  auto r = Ipv6Repr::parse(ip);
  ASSERT_TRUE(r);
  std::vector<uint8_t> out(Ipv6Repr::buffer_len());
  r->emit(Ipv6Packet{std::span(out)});
  EXPECT_TRUE(std::equal(out.begin(), out.end(), b.begin()));
  EXPECT_EQ(ipv6_pretty(b), "IPv6 src=fe80::ff:fe00:1 dst=ff02::16 next=HBH hlim=1 len=36");
}

TEST(WireIpv6, HopByHopRouterAlert) {
  auto b = unhex(kMld);
  auto ip = view(b);
  Ipv6OptHeader<const uint8_t> hbh(ip.payload());
  ASSERT_EQ(hbh.check_len(), Error::Ok);
  EXPECT_EQ(hbh.next_header(), IPPROTO_ICMPV6);
  EXPECT_EQ(hbh.header_len(), 8u);
  int ra = -1, padn = 0;
  EXPECT_TRUE(ipv6_for_each_tlv(hbh.options(), [&](uint8_t t, std::span<const uint8_t> d) {
    if (t == IPV6_TLV_ROUTERALERT && d.size() == 2) ra = load_be16(d.data());
    if (t == IPV6_TLV_PADN) ++padn;
  }));
  EXPECT_EQ(ra, IPV6_OPT_ROUTERALERT_MLD);
  EXPECT_EQ(padn, 1);
  std::vector<uint8_t> out(8);
  emit_hbh_router_alert(out, IPPROTO_ICMPV6);
  EXPECT_TRUE(std::equal(out.begin(), out.end(), ip.payload().begin()));
  const uint8_t bad[] = {IPV6_TLV_PADN, 5, 0};
  EXPECT_FALSE(ipv6_for_each_tlv(bad, [](uint8_t, std::span<const uint8_t>) {}));
}

TEST(WireIpv6, SkipExtensionHeaders) {
  auto b = unhex(kMld);
  auto ip = view(b);
  auto s = ipv6_skip_exthdr(ip.payload(), 0, ip.next_header());
  ASSERT_TRUE(s);
  EXPECT_EQ(s->nexthdr, IPPROTO_ICMPV6);
  EXPECT_EQ(s->offset, 8u);
  // HBH -> Fragment (first) -> Dest options -> UDP.
  std::vector<uint8_t> p = unhex("2c00000000000000" "3c000000deadbeef" "1100010400000000" "0000000000000000");
  s = ipv6_skip_exthdr(p, 0, NEXTHDR_HOP);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->nexthdr, IPPROTO_UDP);
  EXPECT_EQ(s->offset, 24u);
  // A later fragment stops at the fragment header.
  p[10] = 0x05;
  s = ipv6_skip_exthdr(p, 0, NEXTHDR_HOP);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->nexthdr, NEXTHDR_FRAGMENT);
  EXPECT_EQ(s->offset, 8u);
  EXPECT_EQ(s->frag_off, 0x0500);
  // Truncated inside the chain; NONE ends it.
  p[10] = 0;
  EXPECT_EQ(ipv6_skip_exthdr(std::span<const uint8_t>(p).first(20), 0, NEXTHDR_HOP).error(), Error::Truncated);
  EXPECT_EQ(ipv6_skip_exthdr(p, 0, NEXTHDR_NONE)->nexthdr, NEXTHDR_NONE);
  EXPECT_EQ(ipv6_skip_exthdr(p, 99, NEXTHDR_HOP).error(), Error::Truncated);
}

TEST(WireIpv6, ErrorsInIp6RcvCoreOrder) {
  auto b = unhex(kMld);
  for (size_t n = 0; n < b.size(); ++n) {
    std::vector<uint8_t> t(b.begin(), b.begin() + n);
    EXPECT_EQ(view(t).check_len(), n < 40 ? Error::BadHeader : Error::Truncated) << n;
    (void)ipv6_pretty(t);
  }
  b[0] = 0x40;
  EXPECT_EQ(view(b).check_len(), Error::BadHeader);
}

TEST(WireIpv6, TrafficClassAndFlowLabel) {
  Ipv6Repr r;
  r.traffic_class = 0xb8;
  r.flow_label = 0xabcde;
  r.next_header = IPPROTO_UDP;
  std::vector<uint8_t> out(40);
  r.emit(Ipv6Packet{std::span(out)});
  EXPECT_EQ(out[0], 0x6b);
  EXPECT_EQ(out[1], 0x8a);
  EXPECT_EQ(*Ipv6Repr::parse(view(out)), r);
}

TEST(WireIpv6, SolicitedNode) {
  EXPECT_EQ(addrconf_addr_solict_mult(*Ipv6Addr::parse("fe80::ff:fe00:1")), *Ipv6Addr::parse("ff02::1:ff00:1"));
  EXPECT_EQ(addrconf_addr_solict_mult(*Ipv6Addr::parse("2001:db8::abcd:1234")), *Ipv6Addr::parse("ff02::1:ffcd:1234"));
}
