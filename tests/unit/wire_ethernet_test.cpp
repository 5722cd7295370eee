#include <gtest/gtest.h>

#include <vector>

#include "wire/ethernet.h"

using namespace skbox;
using namespace skbox::wire;

namespace {
std::vector<uint8_t> unhex(std::string_view s) {
  std::vector<uint8_t> v;
  for (size_t i = 0; i + 1 < s.size(); i += 2) v.push_back(uint8_t(std::stoi(std::string(s.substr(i, 2)), nullptr, 16)));
  return v;
}
// ARP request captured on a Linux veth (no padding on veth).
const char* kArpFrame = "ffffffffffff020000000001080600010800060400010200000000010a0000010000000000000a000002";
}  // namespace

TEST(WireEthernet, ParseCapture) {
  auto f = unhex(kArpFrame);
  EthernetFrame eth{std::span(f)};
  ASSERT_EQ(eth.check_len(), Error::Ok);
  EXPECT_EQ(eth.dst(), MacAddr::broadcast());
  EXPECT_EQ(eth.src(), *MacAddr::parse("02:00:00:00:00:01"));
  EXPECT_EQ(eth.ethertype(), ETH_P_ARP);
  EXPECT_EQ(eth.payload().size(), 28u);
  auto r = EthernetRepr::parse(eth);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->ethertype, ETH_P_ARP);
}

TEST(WireEthernet, EveryTruncationRejected) {
  auto f = unhex(kArpFrame);
  for (size_t n = 0; n < ETH_HLEN; ++n) {
    EthernetFrame<const uint8_t> eth{std::span<const uint8_t>(f).first(n)};
    EXPECT_EQ(eth.check_len(), Error::Truncated);
    EXPECT_EQ(EthernetRepr::parse(eth).error(), Error::Truncated);
    EXPECT_FALSE(EthernetFrame<const uint8_t>::checked(std::span<const uint8_t>(f).first(n)));
  }
  EXPECT_TRUE(EthernetFrame<const uint8_t>::checked(std::span<const uint8_t>(f).first(ETH_HLEN)));
}

TEST(WireEthernet, EmitRoundTrip) {
  auto f = unhex(kArpFrame);
  EthernetRepr r = *EthernetRepr::parse(EthernetFrame<const uint8_t>(std::span<const uint8_t>(f)));
  std::vector<uint8_t> out(EthernetRepr::buffer_len());
  r.emit(EthernetFrame{std::span(out)});
  EXPECT_TRUE(std::equal(out.begin(), out.end(), f.begin()));
  EXPECT_EQ(*EthernetRepr::parse(EthernetFrame<const uint8_t>(std::span<const uint8_t>(out))), r);
}

TEST(WireEthernet, MulticastMaps) {
  EXPECT_EQ(ip_eth_mc_map(Ipv4Addr::of(224, 0, 0, 251)), *MacAddr::parse("01:00:5e:00:00:fb"));
  EXPECT_EQ(ip_eth_mc_map(Ipv4Addr::of(239, 255, 1, 2)), *MacAddr::parse("01:00:5e:7f:01:02"));
  EXPECT_EQ(ipv6_eth_mc_map(*Ipv6Addr::parse("ff02::1:ff00:1")), *MacAddr::parse("33:33:ff:00:00:01"));
}

TEST(WireEthernet, Pretty) {
  auto f = unhex(kArpFrame);
  EXPECT_EQ(ethernet_pretty(f), "Ethernet 02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff type=ARP len=42");
  EXPECT_EQ(ethernet_pretty(std::span<const uint8_t>(f).first(3)), "Ethernet truncated len=3");
}
