// libFuzzer target for every wire parser. Each parser runs on the raw input
// and along the Ethernet -> ARP/IPv4/IPv6 -> ICMP/UDP/TCP/ICMPv6 chain. For
// input that parses (checksums are first fixed up on a copy so that random
// bytes get past them), the value struct is emitted again, re-parsed and
// must compare equal. The pretty printers run on everything.
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "wire/arp.h"
#include "wire/ethernet.h"
#include "wire/icmp.h"
#include "wire/icmpv6.h"
#include "wire/ipv4.h"
#include "wire/ipv6.h"
#include "wire/tcp.h"
#include "wire/udp.h"

using namespace skbox;
using namespace skbox::wire;

#define CHECK(x)                                                      \
  do {                                                                \
    if (!(x)) {                                                       \
      std::fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #x); \
      std::abort();                                                   \
    }                                                                 \
  } while (0)

namespace {

using Bytes = std::vector<uint8_t>;
using In = std::span<const uint8_t>;

void ethernet(In in) {
  (void)ethernet_pretty(in);
  auto r = EthernetRepr::parse(EthernetFrame<const uint8_t>(in));
  CHECK(bool(r) == (in.size() >= ETH_HLEN));
  if (!r) return;
  Bytes out(r->buffer_len());
  r->emit(EthernetFrame{std::span(out)});
  CHECK(*EthernetRepr::parse(EthernetFrame<const uint8_t>(In(out))) == *r);
}

void arp(In in) {
  (void)arp_pretty(in);
  auto r = ArpRepr::parse(ArpPacket<const uint8_t>(in));
  if (!r) return;
  Bytes out(r->buffer_len());
  r->emit(ArpPacket{std::span(out)});
  CHECK(*ArpRepr::parse(ArpPacket<const uint8_t>(In(out))) == *r);
}

void icmp(In in) {
  (void)icmp_pretty(in);
  Bytes b(in.begin(), in.end());
  if (IcmpPacket<uint8_t>(std::span(b)).check_len() != Error::Ok) {
    CHECK(!IcmpRepr::parse(IcmpPacket<const uint8_t>(in)));
    return;
  }
  IcmpPacket<uint8_t>(std::span(b)).fill_checksum();
  auto r = IcmpRepr::parse(IcmpPacket<const uint8_t>(In(b)));
  CHECK(r);
  Bytes out(r->buffer_len());
  r->emit(IcmpPacket{std::span(out)});
  CHECK(out == b);
  CHECK(*IcmpRepr::parse(IcmpPacket<const uint8_t>(In(out))) == *r);
}

template <class Addr>
void udp(In in, const Addr& src, const Addr& dst) {
  (void)udp_pretty(in);
  Bytes b(in.begin(), in.end());
  if (UdpPacket<uint8_t>(std::span(b)).check_len() != Error::Ok) {
    CHECK(!UdpRepr::parse(UdpPacket<const uint8_t>(in), src, dst));
    return;
  }
  UdpPacket<uint8_t>(std::span(b)).fill_checksum(src, dst);
  auto r = UdpRepr::parse(UdpPacket<const uint8_t>(In(b)), src, dst);
  CHECK(r);
  Bytes out(r->buffer_len());
  r->emit(UdpPacket{std::span(out)}, src, dst);
  CHECK(*UdpRepr::parse(UdpPacket<const uint8_t>(In(out)), src, dst) == *r);
}

template <class Addr>
void tcp(In in, const Addr& src, const Addr& dst) {
  (void)tcp_pretty(in);
  Bytes b(in.begin(), in.end());
  if (TcpPacket<uint8_t>(std::span(b)).check_len() != Error::Ok) {
    CHECK(!TcpRepr::parse(TcpPacket<const uint8_t>(in), src, dst));
    return;
  }
  TcpPacket<uint8_t>(std::span(b)).fill_checksum(src, dst);
  auto r = TcpRepr::parse(TcpPacket<const uint8_t>(In(b)), src, dst);
  CHECK(r);
  CHECK(r->header_len() <= 60);
  Bytes out(r->buffer_len());
  r->emit(TcpPacket{std::span(out)}, src, dst);
  auto back = TcpRepr::parse(TcpPacket<const uint8_t>(In(out)), src, dst);
  CHECK(back);
  TcpRepr want = *r;
  want.num_sacks = r->emitted_sacks();  // blocks that did not fit are dropped, as Linux does
  CHECK(*back == want);
}

void icmpv6(In in, const Ipv6Addr& src, const Ipv6Addr& dst) {
  (void)icmpv6_pretty(in);
  Bytes b(in.begin(), in.end());
  if (Icmpv6Packet<uint8_t>(std::span(b)).check_len() != Error::Ok) {
    CHECK(!Icmpv6Repr::parse(Icmpv6Packet<const uint8_t>(in), src, dst));
    CHECK(!NdiscRepr::parse(Icmpv6Packet<const uint8_t>(in), src, dst));
    return;
  }
  Icmpv6Packet<uint8_t>(std::span(b)).fill_checksum(src, dst);
  Icmpv6Packet<const uint8_t> v{In(b)};
  auto r = Icmpv6Repr::parse(v, src, dst);
  CHECK(r);
  Bytes out(r->buffer_len());
  r->emit(Icmpv6Packet{std::span(out)}, src, dst);
  CHECK(out == b);

  if (auto nd = NdiscRepr::parse(v, src, dst)) {
    Bytes o(nd->buffer_len());
    nd->emit(Icmpv6Packet{std::span(o)}, src, dst);
    auto back = NdiscRepr::parse(Icmpv6Packet<const uint8_t>(In(o)), src, dst);
    CHECK(back && *back == *nd);
    Bytes pkt(40 + o.size());
    CHECK(emit_ndisc_packet(pkt, src, dst, *nd) == pkt.size());
  }

  Mld2Report<const uint8_t> m{In(b)};
  if (v.type() == ICMPV6_MLD2_REPORT && m.check_len() == Error::Ok) {
    std::vector<std::vector<Ipv6Addr>> sources;
    std::vector<Mld2RecordRepr> recs;
    m.for_each_record([&](const Mld2Record<const uint8_t>& rec) {
      auto& s = sources.emplace_back();
      for (size_t i = 0; i < rec.num_sources(); ++i) s.push_back(rec.source(i));
      recs.push_back({rec.type(), rec.mcaddr(), {}});
    });
    for (size_t i = 0; i < recs.size(); ++i) recs[i].sources = sources[i];
    Bytes pkt(48 + Mld2ReportRepr{recs}.buffer_len());
    CHECK(emit_mld2_report_packet(pkt, src, recs) == pkt.size());
    In mld = In(pkt).subspan(48);
    CHECK(Icmpv6Packet<const uint8_t>(mld).verify_checksum(src, kIn6AddrMld2AllMcr));
    Mld2Report<const uint8_t> m2(mld);
    CHECK(m2.check_len() == Error::Ok && m2.num_records() == recs.size());
    size_t i = 0;
    m2.for_each_record([&](const Mld2Record<const uint8_t>& rec) {
      CHECK(rec.type() == recs[i].type && rec.mcaddr() == recs[i].group);
      CHECK(rec.num_sources() == recs[i].sources.size());
      for (size_t k = 0; k < rec.num_sources(); ++k) CHECK(rec.source(k) == recs[i].sources[k]);
      ++i;
    });
  }
}

void ipv4(In in, bool descend) {
  (void)ipv4_pretty(in);
  Ipv4Packet<const uint8_t> orig(in);
  Error rcv = orig.check_rcv();
  CHECK(rcv == Error::Ok ? orig.check_len() == Error::Ok : true);
  if (orig.check_len() != Error::Ok) {
    CHECK(!Ipv4Repr::parse(orig));
    return;
  }
  Bytes b(in.begin(), in.end());
  Ipv4Packet<uint8_t>(std::span(b)).fill_checksum();
  auto r = Ipv4Repr::parse(Ipv4Packet<const uint8_t>(In(b)));
  CHECK(r);
  Bytes out(r->buffer_len() + r->payload_len);
  r->emit(Ipv4Packet{std::span(out)});
  auto back = Ipv4Repr::parse(Ipv4Packet<const uint8_t>(In(out)));
  CHECK(back && *back == *r);
  if (!descend || rcv != Error::Ok) return;
  In l4 = orig.payload();
  switch (orig.protocol()) {
    case IPPROTO_ICMP: icmp(l4); break;
    case IPPROTO_UDP: udp(l4, orig.src(), orig.dst()); break;
    case IPPROTO_TCP: tcp(l4, orig.src(), orig.dst()); break;
  }
}

void ipv6(In in, bool descend) {
  (void)ipv6_pretty(in);
  Ipv6Packet<const uint8_t> ip(in);
  auto r = Ipv6Repr::parse(ip);
  if (!r) return;
  Bytes out(r->buffer_len() + r->payload_len);
  r->emit(Ipv6Packet{std::span(out)});
  CHECK(std::equal(out.begin(), out.begin() + 40, in.begin()));
  CHECK(*Ipv6Repr::parse(Ipv6Packet<const uint8_t>(In(out))) == *r);
  if (ip.next_header() == NEXTHDR_HOP || ip.next_header() == NEXTHDR_DEST) {
    Ipv6OptHeader<const uint8_t> h(ip.payload());
    if (h.check_len() == Error::Ok) ipv6_for_each_tlv(h.options(), [](uint8_t, In) {});
  }
  auto s = ipv6_skip_exthdr(ip.payload(), 0, ip.next_header());
  if (!s || !descend) return;
  CHECK(s->offset <= ip.payload().size());
  In l4 = ip.payload().subspan(s->offset);
  switch (s->nexthdr) {
    case IPPROTO_ICMPV6: icmpv6(l4, ip.src(), ip.dst()); break;
    case IPPROTO_UDP: udp(l4, ip.src(), ip.dst()); break;
    case IPPROTO_TCP: tcp(l4, ip.src(), ip.dst()); break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  In in(data, size);
  // Along the chain, as a frame off the wire.
  ethernet(in);
  if (EthernetFrame<const uint8_t> eth(in); eth.check_len() == Error::Ok) {
    switch (eth.ethertype()) {
      case ETH_P_ARP: arp(eth.payload()); break;
      case ETH_P_IP: ipv4(eth.payload(), true); break;
      case ETH_P_IPV6: ipv6(eth.payload(), true); break;
    }
  }
  // Each parser on the raw bytes, so none depends on reaching it via another.
  const Ipv4Addr a4 = Ipv4Addr::of(10, 0, 0, 1), b4 = Ipv4Addr::of(10, 0, 0, 2);
  const Ipv6Addr a6 = *Ipv6Addr::parse("fe80::1"), b6 = *Ipv6Addr::parse("ff02::1:ff00:1");
  arp(in);
  ipv4(in, false);
  ipv6(in, false);
  icmp(in);
  udp(in, a4, b4);
  udp(in, a6, b6);
  tcp(in, a4, b4);
  tcp(in, a6, b6);
  icmpv6(in, a6, b6);
  return 0;
}
