#include <gtest/gtest.h>

#include <vector>

#include "wire/ethernet.h"
#include "wire/icmpv6.h"
#include "wire/ipv6.h"

using namespace skbox;
using namespace skbox::wire;

namespace {
std::vector<uint8_t> unhex(std::string_view s) {
  std::vector<uint8_t> v;
  for (size_t i = 0; i + 1 < s.size(); i += 2) v.push_back(uint8_t(std::stoi(std::string(s.substr(i, 2)), nullptr, 16)));
  return v;
}
// What Linux 6.x sent on `ip link set va up` (MAC 02:00:00:00:00:01), in
// order, captured from the veth peer. Ethernet headers included.
// 1. MLDv2 report joining ff02::1:ff00:1 before the address exists (src ::).
const char* kMldUnspec =
    "33330000001602000000000186dd"
    "600000000024000100000000000000000000000000000000ff020000000000000000000000000016"
    "3a00050200000100" "8f006f890000000104000000ff0200000000000000000001ff000001";
// 2. DAD neighbour solicitation for fe80::ff:fe00:1 with an RFC 7527 nonce.
const char* kDadNs =
    "3333ff00000102000000000186dd"
    "6000000000203aff00000000000000000000000000000000ff0200000000000000000001ff000001"
    "8700ba6300000000fe80000000000000000000fffe000001" "0e0185983ad7f448";
// 3. MLDv2 report again, now from the link-local address.
const char* kMldLl =
    "33330000001602000000000186dd"
    "6000000000240001fe80000000000000000000fffe000001ff020000000000000000000000000016"
    "3a00050200000100" "8f0072070000000104000000ff0200000000000000000001ff000001";
// 4. Router solicitation with the source link-layer address option.
const char* kRs =
    "33330000000202000000000186dd"
    "6000000000103afffe80000000000000000000fffe000001ff020000000000000000000000000002"
    "85007b2c00000000" "0101020000000001";

const MacAddr kMac{{2, 0, 0, 0, 0, 1}};
const Ipv6Addr kLl = *Ipv6Addr::parse("fe80::ff:fe00:1");
const Ipv6Addr kSnm = *Ipv6Addr::parse("ff02::1:ff00:1");

// Parses an Ethernet+IPv6 capture down to the ICMPv6 message.
struct Parsed {
  std::vector<uint8_t> bytes;
  Ipv6Addr src, dst;
  std::span<const uint8_t> icmp;
};
Parsed open(const char* hex) {
  Parsed p{unhex(hex)};
  EthernetFrame<const uint8_t> eth{std::span<const uint8_t>(p.bytes)};
  EXPECT_EQ(eth.check_len(), Error::Ok);
  Ipv6Packet<const uint8_t> ip(eth.payload());
  EXPECT_EQ(ip.check_len(), Error::Ok);
  p.src = ip.src();
  p.dst = ip.dst();
  auto s = ipv6_skip_exthdr(ip.payload(), 0, ip.next_header());
  EXPECT_TRUE(s);
  EXPECT_EQ(s->nexthdr, IPPROTO_ICMPV6);
  p.icmp = ip.payload().subspan(s->offset);
  return p;
}
// Ethernet + a builder's IPv6 packet.
std::vector<uint8_t> frame(const MacAddr& dst, std::span<const uint8_t> ip) {
  std::vector<uint8_t> f(ETH_HLEN + ip.size());
  EthernetRepr{dst, kMac, ETH_P_IPV6}.emit(EthernetFrame{std::span(f)});
  std::copy(ip.begin(), ip.end(), f.begin() + ETH_HLEN);
  return f;
}
}  // namespace

TEST(WireIcmpv6, DadNeighbourSolicitation) {
  auto p = open(kDadNs);
  auto nd = NdiscRepr::parse(Icmpv6Packet<const uint8_t>(p.icmp), p.src, p.dst);
  ASSERT_TRUE(nd);
  EXPECT_EQ(nd->type, NDISC_NEIGHBOUR_SOLICITATION);
  EXPECT_EQ(nd->target, kLl);
  EXPECT_FALSE(nd->source_ll);  // none from the unspecified address
  ASSERT_TRUE(nd->nonce);
  EXPECT_EQ((*nd->nonce)[0], 0x85);
  // Rebuild the whole frame: byte-identical.
  std::array<uint8_t, 128> buf;
  size_t n = emit_ndisc_packet(buf, Ipv6Addr{}, addrconf_addr_solict_mult(kLl), *nd);
  ASSERT_EQ(n, 72u);
  EXPECT_EQ(frame(ipv6_eth_mc_map(kSnm), std::span(buf).first(n)), p.bytes);
  EXPECT_EQ(icmpv6_pretty(p.icmp), "ICMPv6 neighbor solicitation who-has fe80::ff:fe00:1 nonce");
}

TEST(WireIcmpv6, RouterSolicitation) {
  auto p = open(kRs);
  auto nd = NdiscRepr::parse(Icmpv6Packet<const uint8_t>(p.icmp), p.src, p.dst);
  ASSERT_TRUE(nd);
  EXPECT_EQ(nd->type, NDISC_ROUTER_SOLICITATION);
  EXPECT_EQ(nd->source_ll, kMac);
  NdiscRepr rs;
  rs.type = NDISC_ROUTER_SOLICITATION;
  rs.source_ll = kMac;
  EXPECT_EQ(*nd, rs);
  std::array<uint8_t, 128> buf;
  size_t n = emit_ndisc_packet(buf, kLl, kIn6AddrLinkLocalAllRouters, rs);
  EXPECT_EQ(frame(ipv6_eth_mc_map(kIn6AddrLinkLocalAllRouters), std::span(buf).first(n)), p.bytes);
  EXPECT_EQ(icmpv6_pretty(p.icmp), "ICMPv6 router solicitation sll=02:00:00:00:00:01");
}

TEST(WireIcmpv6, Mld2ReportsOnLinkUp) {
  for (const char* hex : {kMldUnspec, kMldLl}) {
    auto p = open(hex);
    Icmpv6Packet<const uint8_t> icmp(p.icmp);
    ASSERT_TRUE(icmp.verify_checksum(p.src, p.dst));
    EXPECT_EQ(icmp.type(), ICMPV6_MLD2_REPORT);
    Mld2Report<const uint8_t> m(p.icmp);
    ASSERT_EQ(m.check_len(), Error::Ok);
    ASSERT_EQ(m.num_records(), 1);
    m.for_each_record([&](const Mld2Record<const uint8_t>& r) {
      EXPECT_EQ(r.type(), MLD2_CHANGE_TO_EXCLUDE);
      EXPECT_EQ(r.mcaddr(), kSnm);
      EXPECT_EQ(r.num_sources(), 0);
    });
    Mld2RecordRepr rec{MLD2_CHANGE_TO_EXCLUDE, kSnm, {}};
    std::array<uint8_t, 128> buf;
    size_t n = emit_mld2_report_packet(buf, p.src, std::span(&rec, 1));
    ASSERT_EQ(n, 76u);
    EXPECT_EQ(frame(ipv6_eth_mc_map(kIn6AddrMld2AllMcr), std::span(buf).first(n)), p.bytes);
    EXPECT_EQ(icmpv6_pretty(p.icmp), "ICMPv6 MLDv2 report 1 record(s) [to_ex ff02::1:ff00:1]");
  }
}

TEST(WireIcmpv6, Mld2WithSourcesRoundTrip) {
  std::array<Ipv6Addr, 2> srcs{*Ipv6Addr::parse("2001:db8::1"), *Ipv6Addr::parse("2001:db8::2")};
  std::array<Mld2RecordRepr, 2> recs{Mld2RecordRepr{MLD2_ALLOW_NEW_SOURCES, *Ipv6Addr::parse("ff05::1"), srcs},
                                     Mld2RecordRepr{MLD2_CHANGE_TO_EXCLUDE, kSnm, {}}};
  std::array<uint8_t, 256> buf;
  size_t n = emit_mld2_report_packet(buf, kLl, recs);
  ASSERT_EQ(n, 40u + 8 + 8 + 20 + 32 + 20);
  EXPECT_EQ(emit_mld2_report_packet(std::span(buf).first(n - 1), kLl, recs), 0u);
  std::span<const uint8_t> icmp = std::span<const uint8_t>(buf).subspan(48, n - 48);
  EXPECT_TRUE(Icmpv6Packet<const uint8_t>(icmp).verify_checksum(kLl, kIn6AddrMld2AllMcr));
  Mld2Report<const uint8_t> m(icmp);
  ASSERT_EQ(m.check_len(), Error::Ok);
  int i = 0;
  m.for_each_record([&](const Mld2Record<const uint8_t>& r) {
    EXPECT_EQ(r.type(), recs[i].type);
    EXPECT_EQ(r.mcaddr(), recs[i].group);
    ASSERT_EQ(r.num_sources(), recs[i].sources.size());
    for (size_t k = 0; k < r.num_sources(); ++k) EXPECT_EQ(r.source(k), recs[i].sources[k]);
    ++i;
  });
  EXPECT_EQ(i, 2);
  for (size_t cut = 0; cut < icmp.size(); ++cut)
    EXPECT_EQ(Mld2Report<const uint8_t>(icmp.first(cut)).check_len(), Error::Truncated) << cut;
}

TEST(WireIcmpv6, NeighbourAdvertisementAndRouterAdvertisementRoundTrip) {
  Ipv6Addr peer = *Ipv6Addr::parse("fe80::2");
  NdiscRepr na;
  na.type = NDISC_NEIGHBOUR_ADVERTISEMENT;
  na.target = kLl;
  na.flags = NDISC_NA_SOLICITED | NDISC_NA_OVERRIDE;
  na.target_ll = kMac;
  std::array<uint8_t, 128> buf;
  size_t n = emit_ndisc_packet(buf, kLl, peer, na);
  ASSERT_EQ(n, 40u + 32);
  Icmpv6Packet<const uint8_t> icmp(std::span<const uint8_t>(buf).subspan(40, n - 40));
  EXPECT_EQ(icmp.rest(), 0x60000000u);
  EXPECT_EQ(*NdiscRepr::parse(icmp, kLl, peer), na);
  EXPECT_EQ(icmpv6_pretty(icmp.buffer()), "ICMPv6 neighbor advertisement tgt fe80::ff:fe00:1 S O tll=02:00:00:00:00:01");

  NdiscRepr ra;
  ra.type = NDISC_ROUTER_ADVERTISEMENT;
  ra.cur_hop_limit = 64;
  ra.flags = NDISC_RA_OTHER;
  ra.router_lifetime = 1800;
  ra.reachable_time = 30000;
  ra.retrans_timer = 1000;
  ra.source_ll = kMac;
  ra.mtu = 1500;
  ra.prefix = NdiscPrefixInfo{64, NDISC_PREFIX_ONLINK | NDISC_PREFIX_AUTOCONF, 86400, 14400,
                              *Ipv6Addr::parse("2001:db8:1::")};
  n = emit_ndisc_packet(buf, kLl, kIn6AddrLinkLocalAllNodes, ra);
  ASSERT_EQ(n, 40u + 16 + 8 + 8 + 32);
  Icmpv6Packet<const uint8_t> rv(std::span<const uint8_t>(buf).subspan(40, n - 40));
  EXPECT_EQ(*NdiscRepr::parse(rv, kLl, kIn6AddrLinkLocalAllNodes), ra);
}

TEST(WireIcmpv6, NdiscOptionRules) {
  auto p = open(kRs);
  std::vector<uint8_t> m(p.icmp.begin(), p.icmp.end());
  auto parse = [&](std::vector<uint8_t>& v) {
    if (v.size() >= Icmpv6Packet<>::kHeaderLen) Icmpv6Packet<uint8_t>(std::span(v)).fill_checksum(p.src, p.dst);
    return NdiscRepr::parse(Icmpv6Packet<const uint8_t>(std::span<const uint8_t>(v)), p.src, p.dst);
  };
  auto v = m;
  v[9] = 0;  // option length 0
  EXPECT_EQ(parse(v).error(), Error::BadHeader);
  v = m;
  v[9] = 2;  // option runs past the end
  EXPECT_EQ(parse(v).error(), Error::BadHeader);
  v = m;
  v.push_back(ND_OPT_SOURCE_LL_ADDR);  // duplicate: the first wins
  v.push_back(1);
  for (int i = 0; i < 6; ++i) v.push_back(0xaa);
  EXPECT_EQ(parse(v)->source_ll, kMac);
  v = m;
  v.push_back(99);  // unknown option: skipped
  v.push_back(1);
  v.resize(v.size() + 6);
  EXPECT_TRUE(parse(v));
  v = m;
  v.push_back(0);  // trailing byte: a partial option header
  EXPECT_EQ(parse(v).error(), Error::BadHeader);
  // Truncation of the fixed part, bad checksum, other types.
  auto ns = open(kDadNs);
  for (size_t cut = 0; cut < 24; ++cut) {
    std::vector<uint8_t> t(ns.icmp.begin(), ns.icmp.begin() + cut);
    auto r = parse(t);
    EXPECT_EQ(r.error(), Error::Truncated) << cut;
    (void)icmpv6_pretty(t);
  }
  v = m;
  v[0] = ICMPV6_ECHO_REQUEST;
  EXPECT_EQ(parse(v).error(), Error::Unsupported);
  EXPECT_EQ(NdiscRepr::parse(Icmpv6Packet<const uint8_t>(std::span<const uint8_t>(m)), p.dst, p.src).error(),
            Error::Ok);  // pseudo-header sum is order-independent
  EXPECT_EQ(NdiscRepr::parse(Icmpv6Packet<const uint8_t>(std::span<const uint8_t>(m)), p.src, p.src).error(),
            Error::BadChecksum);
}

TEST(WireIcmpv6, EchoRoundTrip) {
  const uint8_t data[] = {1, 2, 3, 4, 5};
  Icmpv6Repr r{ICMPV6_ECHO_REQUEST, 0, (77u << 16) | 3, data};
  std::vector<uint8_t> out(r.buffer_len());
  Ipv6Addr a = *Ipv6Addr::parse("2001:db8::1"), b = *Ipv6Addr::parse("2001:db8::2");
  r.emit(Icmpv6Packet{std::span(out)}, a, b);
  Icmpv6Packet<const uint8_t> v{std::span<const uint8_t>(out)};
  EXPECT_EQ(v.echo_ident(), 77);
  EXPECT_EQ(v.echo_seq(), 3);
  EXPECT_EQ(*Icmpv6Repr::parse(v, a, b), r);
  EXPECT_EQ(icmpv6_pretty(out), "ICMPv6 echo request id=77 seq=3 len=13");
  for (size_t cut = 0; cut < 8; ++cut)
    EXPECT_EQ(Icmpv6Repr::parse(Icmpv6Packet<const uint8_t>(v.buffer().first(cut)), a, b).error(), Error::Truncated);
}
