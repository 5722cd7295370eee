#include <gtest/gtest.h>

#include <vector>

#include "wire/arp.h"
#include "wire/ethernet.h"

using namespace skbox;
using namespace skbox::wire;

namespace {
std::vector<uint8_t> unhex(std::string_view s) {
  std::vector<uint8_t> v;
  for (size_t i = 0; i + 1 < s.size(); i += 2) v.push_back(uint8_t(std::stoi(std::string(s.substr(i, 2)), nullptr, 16)));
  return v;
}
// Captured on Linux veth: 10.0.0.1 asks for 10.0.0.2, which answers.
const char* kRequest = "0001080006040001020000000001" "0a000001" "000000000000" "0a000002";
const char* kReply = "0001080006040002020000000002" "0a000002" "020000000001" "0a000001";
}  // namespace

TEST(WireArp, ParseRequestAndReply) {
  auto q = unhex(kRequest);
  auto r = ArpRepr::parse(ArpPacket<const uint8_t>(std::span<const uint8_t>(q)));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->op, ARPOP_REQUEST);
  EXPECT_EQ(r->sha, *MacAddr::parse("02:00:00:00:00:01"));
  EXPECT_EQ(r->spa, Ipv4Addr::of(10, 0, 0, 1));
  EXPECT_TRUE(r->tha.is_zero());
  EXPECT_EQ(r->tpa, Ipv4Addr::of(10, 0, 0, 2));

  auto p = unhex(kReply);
  ArpPacket<const uint8_t> v{std::span<const uint8_t>(p)};
  ASSERT_EQ(v.check_len(), Error::Ok);
  EXPECT_EQ(v.htype(), ARPHRD_ETHER);
  EXPECT_EQ(v.ptype(), ETH_P_IP);
  EXPECT_EQ(v.op(), ARPOP_REPLY);
  EXPECT_EQ(v.tha(), *MacAddr::parse("02:00:00:00:00:01"));
}

TEST(WireArp, EmitReproducesCaptureByteForByte) {
  ArpRepr r{ARPOP_REPLY, *MacAddr::parse("02:00:00:00:00:02"), Ipv4Addr::of(10, 0, 0, 2),
            *MacAddr::parse("02:00:00:00:00:01"), Ipv4Addr::of(10, 0, 0, 1)};
  std::vector<uint8_t> out(ArpRepr::buffer_len());
  r.emit(ArpPacket{std::span(out)});
  EXPECT_EQ(out, unhex(kReply));
}

TEST(WireArp, TruncationAndUnsupported) {
  auto q = unhex(kRequest);
  for (size_t n = 0; n < q.size(); ++n)
    EXPECT_EQ(ArpRepr::parse(ArpPacket<const uint8_t>(std::span<const uint8_t>(q).first(n))).error(), Error::Truncated);
  auto bad = q;
  bad[5] = 16;  // plen
  EXPECT_EQ(ArpRepr::parse(ArpPacket<const uint8_t>(std::span<const uint8_t>(bad))).error(), Error::Unsupported);
  bad = q;
  bad[1] = 6;  // ARPHRD_IEEE802 is accepted on Ethernet, like arp_process
  EXPECT_TRUE(ArpRepr::parse(ArpPacket<const uint8_t>(std::span<const uint8_t>(bad))));
  bad[1] = 7;
  EXPECT_EQ(ArpRepr::parse(ArpPacket<const uint8_t>(std::span<const uint8_t>(bad))).error(), Error::Unsupported);
}

TEST(WireArp, Pretty) {
  EXPECT_EQ(arp_pretty(unhex(kRequest)), "ARP, Request who-has 10.0.0.2 tell 10.0.0.1");
  EXPECT_EQ(arp_pretty(unhex(kReply)), "ARP, Reply 10.0.0.2 is-at 02:00:00:00:00:02");
  EXPECT_EQ(arp_pretty({}), "ARP truncated len=0");
}
