// The syslog packet logger (netfilter/nf_log_syslog.cpp): the exact line
// LOG and TRACE print for hand-built IPv4 packets. Every expected string
// is derived from Linux's nf_log_syslog.c (dump_ipv4_packet,
// nf_log_dump_tcp_header, nf_log_dump_udp_header, dump_mac_header,
// nf_log_dump_sk_uid_gid): field order, the trailing spaces, where a cut
// header ends the line and where it does not.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "cli/shell/shell.h"
#include "cli/sink.h"
#include "core/printk.h"
#include "net/net.h"
#include "net/netdevice.h"
#include "net/sock.h"
#include "net/world.h"
#include "netfilter/nf_log.h"
#include "wire/be.h"

namespace skbox {
namespace {

using Bytes = std::vector<uint8_t>;

Bytes cat(Bytes a, const Bytes& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}
Bytes be16(uint16_t v) { return {uint8_t(v >> 8), uint8_t(v)}; }
Bytes be32(uint32_t v) { return {uint8_t(v >> 24), uint8_t(v >> 16), uint8_t(v >> 8), uint8_t(v)}; }

// An IPv4 header (10.0.0.1 -> 10.0.0.2 unless given) in front of payload;
// tot_len counts what is given unless `tot_len` says otherwise. The
// checksum is left 0: the logger never looks at it.
struct Ip {
  uint8_t proto = 1;
  uint16_t id = 1;
  uint16_t frag = 0x4000;  // DF
  uint8_t ttl = 64;
  uint8_t tos = 0;
  Bytes opts;
  uint32_t src = 0x0a000001, dst = 0x0a000002;
  int tot_len = -1;
  int ihl = -1;  // in 32-bit words; -1: from opts

  Bytes operator()(const Bytes& payload) const {
    const uint32_t hl = 20 + uint32_t(opts.size());
    const uint16_t tl = tot_len >= 0 ? uint16_t(tot_len) : uint16_t(hl + payload.size());
    Bytes h = {uint8_t(0x40 | (ihl >= 0 ? ihl : int(hl / 4))), tos};
    h = cat(h, be16(tl));
    h = cat(h, be16(id));
    h = cat(h, be16(frag));
    h = cat(h, {ttl, proto, 0, 0});
    h = cat(h, be32(src));
    h = cat(h, be32(dst));
    return cat(cat(h, opts), payload);
  }
};

Bytes icmp(uint8_t type, uint8_t code, uint32_t rest, const Bytes& data = {}) {
  return cat(cat({type, code, 0, 0}, be32(rest)), data);
}
Bytes udp(uint16_t sport, uint16_t dport, uint16_t len) {
  return cat(cat(be16(sport), be16(dport)), cat(be16(len), be16(0)));
}
// A TCP header: doff from the options (padded by the caller to 4 bytes).
Bytes tcp(uint16_t sport, uint16_t dport, uint32_t seq, uint32_t ack, uint8_t b12, uint8_t flags, uint16_t win,
          uint16_t urg, const Bytes& opts = {}) {
  if (b12 == 0) b12 = uint8_t((5 + opts.size() / 4) << 4);
  Bytes h = cat(cat(be16(sport), be16(dport)), cat(be32(seq), be32(ack)));
  h = cat(h, {b12, flags});
  h = cat(h, be16(win));
  h = cat(h, be16(0));
  h = cat(h, be16(urg));
  return cat(h, opts);
}

const Bytes kEth = {0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x00};

struct Rig {
  World w{1};
  SkbPool pool;
  std::vector<SkbPtr> skbs;
  NetDevice* v0 = nullptr;
  NetDevice* v1 = nullptr;

  Rig() {
    StringSink out, err;
    run_script(w, "ip link add v0 type veth peer name v1\n", "t.sh", out, err);
    EXPECT_EQ(err.data, "");
    v0 = w.init_net().dev_get_by_name("v0");
    v1 = w.init_net().dev_get_by_name("v1");
  }
  ~Rig() {
    for (SkbPtr& s : skbs) consume_skb(std::move(s));
  }
  // The packet with its IP header at data (as at every iptables hook);
  // `eth` in front of it as the received link header.
  SkBuff& packet(const Bytes& l3, const Bytes& eth = {}, NetDevice* dev = nullptr) {
    SkbPtr skb = pool.alloc(uint32_t(l3.size() + 128));
    skb->reserve(64);
    if (!eth.empty()) {
      std::memcpy(skb->put(uint32_t(eth.size())), eth.data(), eth.size());
      skb->reset_mac_header();
      skb->pull(uint32_t(eth.size()));
    }
    if (!l3.empty()) std::memcpy(skb->put(uint32_t(l3.size())), l3.data(), l3.size());
    skb->reset_network_header();
    if (eth.empty()) skb->reset_mac_header();  // mac_header == network_header: no link header
    skb->dev = dev;
    skbs.push_back(std::move(skb));
    return *skbs.back();
  }
  std::string line(const SkBuff& skb, uint8_t flags = 0, const NetDevice* in = nullptr, const NetDevice* out = nullptr,
                   std::string_view prefix = "") {
    return nf_log_ip_format(&w.init_net(), skb, in, out, NfLogInfo{4, flags}, prefix);
  }
};

const std::string kHdr = "SRC=10.0.0.1 DST=10.0.0.2 ";

TEST(NfLog, IcmpEchoRequest) {
  Rig r;
  Bytes data(56, 0xab);
  SkBuff& skb = r.packet(Ip{.id = 7}(icmp(8, 0, 0x12340001, data)));
  EXPECT_EQ(r.line(skb, 0, nullptr, r.v0),
            "IN= OUT=v0 " + kHdr + "LEN=84 TOS=0x00 PREC=0x00 TTL=64 ID=7 DF PROTO=ICMP TYPE=8 CODE=0 ID=4660 SEQ=1 ");
}

TEST(NfLog, PrefixComesFirstAndTosSplitsIntoTosAndPrecedence) {
  Rig r;
  // 0xb9: DSCP EF with ECN bit 0 set; TOS keeps 0x1e, PREC 0xe0.
  SkBuff& skb = r.packet(Ip{.frag = 0, .ttl = 1, .tos = 0xb9}(icmp(0, 0, 0x00010002)));
  EXPECT_EQ(r.line(skb, 0, nullptr, nullptr, "TRACE: raw:OUTPUT:policy:2 "),
            "TRACE: raw:OUTPUT:policy:2 IN= OUT= " + kHdr +
                "LEN=28 TOS=0x18 PREC=0xA0 TTL=1 ID=1 PROTO=ICMP TYPE=0 CODE=0 ID=1 SEQ=2 ");
}

TEST(NfLog, TcpSynWithSequenceAndOptions) {
  Rig r;
  // MSS 1460, SACK permitted, timestamps 1/0, NOP, window scale 7.
  const Bytes opts = {0x02, 0x04, 0x05, 0xb4, 0x04, 0x02, 0x08, 0x0a, 0, 0, 0, 1, 0, 0, 0, 0, 0x01, 0x03, 0x03, 0x07};
  SkBuff& skb = r.packet(Ip{.proto = 6, .id = 0}(tcp(40000, 80, 0x01020304, 0, 0, 0x02, 64240, 0, opts)));
  const std::string head = kHdr + "LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=0 DF PROTO=TCP SPT=40000 DPT=80 ";
  EXPECT_EQ(r.line(skb), "IN= OUT= " + head + "WINDOW=64240 RES=0x00 SYN URGP=0 ");
  EXPECT_EQ(r.line(skb, NF_LOG_TCPSEQ | NF_LOG_TCPOPT),
            "IN= OUT= " + head +
                "SEQ=16909060 ACK=0 WINDOW=64240 RES=0x00 SYN URGP=0 OPT (020405B40402080A000000010000000001030307) ");
}

TEST(NfLog, TcpFlagsAndReservedBits) {
  Rig r;
  // Byte 12: doff 5, the three reserved bits, AE; byte 13: every flag.
  SkBuff& skb = r.packet(Ip{.proto = 6}(tcp(1, 2, 0, 0, 0x5f, 0xff, 0, 7)));
  EXPECT_EQ(r.line(skb), "IN= OUT= " + kHdr +
                             "LEN=40 TOS=0x00 PREC=0x00 TTL=64 ID=1 DF PROTO=TCP SPT=1 DPT=2 WINDOW=0 RES=0x38 AE CWR "
                             "ECE URG ACK PSH RST SYN FIN URGP=7 ");
}

TEST(NfLog, TcpOptionsCutShortEndTheLine) {
  Rig r;
  Bytes seg = tcp(1, 2, 0, 0, 0x80, 0x10, 100, 0, Bytes(12, 0x01));  // doff 8
  seg.resize(24);                                                           // 4 option bytes of 12
  SkBuff& skb = r.packet(Ip{.proto = 6, .tot_len = 52}(seg));
  skb.mark = 1;
  EXPECT_EQ(r.line(skb, NF_LOG_TCPOPT),
            "IN= OUT= " + kHdr + "LEN=52 TOS=0x00 PREC=0x00 TTL=64 ID=1 DF PROTO=TCP SPT=1 DPT=2 WINDOW=100 RES=0x00 "
                                 "ACK URGP=0 OPT (TRUNCATED)");
  // Without --log-tcp-options the same segment is complete enough.
  EXPECT_EQ(r.line(skb), "IN= OUT= " + kHdr +
                             "LEN=52 TOS=0x00 PREC=0x00 TTL=64 ID=1 DF PROTO=TCP SPT=1 DPT=2 WINDOW=100 RES=0x00 "
                             "ACK URGP=0 MARK=0x1 ");
}

TEST(NfLog, UdpAndUdplite) {
  Rig r;
  SkBuff& u = r.packet(Ip{.proto = 17, .id = 4660}(cat(udp(4000, 53, 13), {'h', 'e', 'l', 'l', 'o'})));
  EXPECT_EQ(r.line(u), "IN= OUT= " + kHdr +
                           "LEN=33 TOS=0x00 PREC=0x00 TTL=64 ID=4660 DF PROTO=UDP SPT=4000 DPT=53 LEN=13 ");
  SkBuff& l = r.packet(Ip{.proto = 136, .frag = 0}(udp(5, 6, 8)));
  EXPECT_EQ(r.line(l), "IN= OUT= " + kHdr + "LEN=28 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=UDPLITE SPT=5 DPT=6 LEN=8 ");
}

TEST(NfLog, IcmpErrorQuotesThePacketInBrackets) {
  Rig r;
  const Bytes quoted = Ip{.proto = 17, .id = 5, .tot_len = 33}(udp(4000, 53, 13));
  const Ip outer{.proto = 1, .id = 99, .frag = 0, .tos = 0xc0, .src = 0x0a000002, .dst = 0x0a000001};
  SkBuff& unreach = r.packet(outer(icmp(3, 3, 0, quoted)));
  unreach.mark = 0x10;
  const std::string inner =
      "[SRC=10.0.0.1 DST=10.0.0.2 LEN=33 TOS=0x00 PREC=0x00 TTL=64 ID=5 DF PROTO=UDP SPT=4000 DPT=53 LEN=13 ] ";
  const std::string head = "IN= OUT= SRC=10.0.0.2 DST=10.0.0.1 LEN=56 TOS=0x00 PREC=0xC0 TTL=64 ID=99 PROTO=ICMP ";
  // The mark is the packet's own, printed once after the quote.
  EXPECT_EQ(r.line(unreach), head + "TYPE=3 CODE=3 " + inner + "MARK=0x10 ");
  SkBuff& frag_needed = r.packet(outer(icmp(3, 4, 1400, quoted)));
  EXPECT_EQ(r.line(frag_needed), head + "TYPE=3 CODE=4 " + inner + "MTU=1400 ");
  SkBuff& redirect = r.packet(outer(icmp(5, 1, 0x0a0000fe, quoted)));
  EXPECT_EQ(r.line(redirect), head + "TYPE=5 CODE=1 GATEWAY=10.0.0.254 " + inner);
  SkBuff& param = r.packet(outer(icmp(12, 0, 20u << 24, quoted)));
  EXPECT_EQ(r.line(param), head + "TYPE=12 CODE=0 PARAMETER=20 ");
}

TEST(NfLog, QuotedHeadersCutShort) {
  Rig r;
  const Ip outer{.proto = 1, .id = 2, .frag = 0, .tos = 0xc0, .src = 0x0a000002, .dst = 0x0a000001};
  const std::string head = "IN= OUT= SRC=10.0.0.2 DST=10.0.0.1 ";
  // A quoted TCP segment is only 8 bytes: the quote stops there, the
  // outer line goes on.
  SkBuff& te8 = r.packet(
      outer(icmp(11, 0, 0, cat(Bytes(Ip{.proto = 6, .id = 3, .tot_len = 60}(Bytes())), Bytes{0, 1, 0, 2, 0, 0, 0, 9}))));
  EXPECT_EQ(r.line(te8), head +
                             "LEN=56 TOS=0x00 PREC=0xC0 TTL=64 ID=2 PROTO=ICMP TYPE=11 CODE=0 [SRC=10.0.0.1 "
                             "DST=10.0.0.2 LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=3 DF PROTO=TCP INCOMPLETE [8 bytes] ] ");
  // A quoted echo request is complete in its 8 bytes.
  SkBuff& echo = r.packet(outer(icmp(3, 1, 0, Ip{.proto = 1, .id = 0, .tot_len = 84}(icmp(8, 0, 0x00070003)))));
  EXPECT_EQ(r.line(echo), head +
                              "LEN=56 TOS=0x00 PREC=0xC0 TTL=64 ID=2 PROTO=ICMP TYPE=3 CODE=1 [SRC=10.0.0.1 "
                              "DST=10.0.0.2 LEN=84 TOS=0x00 PREC=0x00 TTL=64 ID=0 DF PROTO=ICMP TYPE=8 CODE=0 ID=7 "
                              "SEQ=3 ] ");
  // A quoted header claiming 60 bytes of header (no options logged): the
  // UDP header would start past the end, and the kernel's unsigned
  // "skb->len - offset" wraps: 56 - 88.
  SkBuff& wrap = r.packet(outer(icmp(3, 3, 0, Ip{.proto = 17, .id = 4, .ihl = 15}(udp(1, 2, 8)))));
  EXPECT_EQ(r.line(wrap), head +
                              "LEN=56 TOS=0x00 PREC=0xC0 TTL=64 ID=2 PROTO=ICMP TYPE=3 CODE=3 [SRC=10.0.0.1 "
                              "DST=10.0.0.2 LEN=28 TOS=0x00 PREC=0x00 TTL=64 ID=4 DF PROTO=UDP INCOMPLETE [4294967264 "
                              "bytes] ] ");
  // The same with --log-ip-options: its options are not there.
  EXPECT_EQ(r.line(wrap, NF_LOG_IPOPT), head +
                                            "LEN=56 TOS=0x00 PREC=0xC0 TTL=64 ID=2 PROTO=ICMP TYPE=3 CODE=3 "
                                            "[SRC=10.0.0.1 DST=10.0.0.2 LEN=28 TOS=0x00 PREC=0x00 TTL=64 ID=4 DF "
                                            "TRUNCATED] ");
}

TEST(NfLog, IcmpCutShort) {
  Rig r;
  const std::string head = "IN= OUT= " + kHdr;
  SkBuff& four = r.packet(Ip{}(Bytes{8, 0, 0, 0}));
  four.mark = 3;
  // No ICMP header: the line still gets its mark (a break, not a return).
  EXPECT_EQ(r.line(four), head + "LEN=24 TOS=0x00 PREC=0x00 TTL=64 ID=1 DF PROTO=ICMP INCOMPLETE [4 bytes] MARK=0x3 ");
  SkBuff& unreach = r.packet(Ip{}(icmp(3, 1, 0, Bytes(10, 0))));
  EXPECT_EQ(r.line(unreach),
            head + "LEN=38 TOS=0x00 PREC=0x00 TTL=64 ID=1 DF PROTO=ICMP TYPE=3 CODE=1 INCOMPLETE [18 bytes] ");
  SkBuff& ts = r.packet(Ip{}(icmp(13, 0, 0)));
  EXPECT_EQ(r.line(ts), head + "LEN=28 TOS=0x00 PREC=0x00 TTL=64 ID=1 DF PROTO=ICMP TYPE=13 CODE=0 INCOMPLETE [8 bytes] ");
  SkBuff& ts20 = r.packet(Ip{}(icmp(13, 0, 0, Bytes(12, 0))));
  EXPECT_EQ(r.line(ts20), head + "LEN=40 TOS=0x00 PREC=0x00 TTL=64 ID=1 DF PROTO=ICMP TYPE=13 CODE=0 ");
  SkBuff& odd = r.packet(Ip{}(icmp(200, 9, 0)));
  EXPECT_EQ(r.line(odd), head + "LEN=28 TOS=0x00 PREC=0x00 TTL=64 ID=1 DF PROTO=ICMP TYPE=200 CODE=9 ");
}

TEST(NfLog, TransportHeadersCutShort) {
  Rig r;
  const std::string head = "IN= OUT= " + kHdr;
  SkBuff& u = r.packet(Ip{.proto = 17, .tot_len = 40}(Bytes{0, 1, 0, 2}));
  u.mark = 1;  // a cut UDP or TCP header ends the line: no mark
  EXPECT_EQ(r.line(u), head + "LEN=40 TOS=0x00 PREC=0x00 TTL=64 ID=1 DF PROTO=UDP INCOMPLETE [4 bytes] ");
  SkBuff& t = r.packet(Ip{.proto = 6}(Bytes(19, 0)));
  EXPECT_EQ(r.line(t), head + "LEN=39 TOS=0x00 PREC=0x00 TTL=64 ID=1 DF PROTO=TCP INCOMPLETE [19 bytes] ");
  SkBuff& ip = r.packet(Bytes(19, 0x45));
  EXPECT_EQ(r.line(ip), "IN= OUT= TRUNCATED");
}

TEST(NfLog, Fragments) {
  Rig r;
  const std::string head = "IN= OUT= " + kHdr;
  SkBuff& first = r.packet(Ip{.proto = 17, .id = 9, .frag = 0x2000, .tot_len = 1500}(udp(4000, 5000, 3008)));
  EXPECT_EQ(r.line(first), head + "LEN=1500 TOS=0x00 PREC=0x00 TTL=64 ID=9 MF PROTO=UDP SPT=4000 DPT=5000 LEN=3008 ");
  SkBuff& later = r.packet(Ip{.proto = 17, .id = 9, .frag = 0x20b9}(Bytes(16, 0)));
  later.mark = 2;
  EXPECT_EQ(r.line(later), head + "LEN=36 TOS=0x00 PREC=0x00 TTL=64 ID=9 MF FRAG:185 PROTO=UDP MARK=0x2 ");
  SkBuff& last_icmp = r.packet(Ip{.proto = 1, .id = 9, .frag = 0x0172}(Bytes(16, 0)));
  EXPECT_EQ(r.line(last_icmp), head + "LEN=36 TOS=0x00 PREC=0x00 TTL=64 ID=9 FRAG:370 PROTO=ICMP ");
  SkBuff& tcpf = r.packet(Ip{.proto = 6, .frag = 0x8001}(Bytes(8, 0)));
  EXPECT_EQ(r.line(tcpf), head + "LEN=28 TOS=0x00 PREC=0x00 TTL=64 ID=1 CE FRAG:1 PROTO=TCP ");
  // A later AH fragment prints no protocol at all; ESP does.
  SkBuff& ah = r.packet(Ip{.proto = 51, .frag = 0x0001}(Bytes(8, 0)));
  EXPECT_EQ(r.line(ah), head + "LEN=28 TOS=0x00 PREC=0x00 TTL=64 ID=1 FRAG:1 ");
  SkBuff& esp = r.packet(Ip{.proto = 50, .frag = 0x0001}(Bytes(8, 0)));
  EXPECT_EQ(r.line(esp), head + "LEN=28 TOS=0x00 PREC=0x00 TTL=64 ID=1 FRAG:1 PROTO=ESP ");
}

TEST(NfLog, AhEspAndOtherProtocols) {
  Rig r;
  const std::string head = "IN= OUT= " + kHdr + "LEN=";
  SkBuff& ah = r.packet(Ip{.proto = 51}(cat(Bytes{6, 4, 0, 0}, cat(be32(0x1234), be32(1)))));
  EXPECT_EQ(r.line(ah), head + "32 TOS=0x00 PREC=0x00 TTL=64 ID=1 DF PROTO=AH SPI=0x1234 ");
  SkBuff& ah_short = r.packet(Ip{.proto = 51}(Bytes(8, 0)));
  EXPECT_EQ(r.line(ah_short), head + "28 TOS=0x00 PREC=0x00 TTL=64 ID=1 DF PROTO=AH INCOMPLETE [8 bytes] ");
  SkBuff& esp = r.packet(Ip{.proto = 50}(cat(be32(0xdeadbeef), be32(1))));
  EXPECT_EQ(r.line(esp), head + "28 TOS=0x00 PREC=0x00 TTL=64 ID=1 DF PROTO=ESP SPI=0xdeadbeef ");
  SkBuff& gre = r.packet(Ip{.proto = 47}(Bytes(4, 0)));
  EXPECT_EQ(r.line(gre), head + "24 TOS=0x00 PREC=0x00 TTL=64 ID=1 DF PROTO=47 ");
}

TEST(NfLog, IpOptionsOnlyWithTheFlag) {
  Rig r;
  SkBuff& skb = r.packet(Ip{.opts = {0x01, 0x01, 0x01, 0x00}}(icmp(8, 0, 0x00010001)));
  const std::string head = "IN= OUT= " + kHdr + "LEN=32 TOS=0x00 PREC=0x00 TTL=64 ID=1 DF ";
  EXPECT_EQ(r.line(skb), head + "PROTO=ICMP TYPE=8 CODE=0 ID=1 SEQ=1 ");
  EXPECT_EQ(r.line(skb, NF_LOG_IPOPT), head + "OPT (01010100) PROTO=ICMP TYPE=8 CODE=0 ID=1 SEQ=1 ");
  // Record route with room for two addresses.
  SkBuff& rr = r.packet(Ip{.frag = 0, .opts = {0x07, 0x0b, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0}}(icmp(8, 0, 0x00010001)));
  EXPECT_EQ(r.line(rr, NF_LOG_IPOPT), "IN= OUT= " + kHdr +
                                          "LEN=40 TOS=0x00 PREC=0x00 TTL=64 ID=1 OPT (070B04000000000000000000) "
                                          "PROTO=ICMP TYPE=8 CODE=0 ID=1 SEQ=1 ");
}

TEST(NfLog, UidOfTheSendingSocket) {
  Rig r;
  SkBuff& skb = r.packet(Ip{.proto = 17}(udp(4000, 5000, 8)));
  skb.mark = 0xff;
  const std::string head =
      "IN= OUT= " + kHdr + "LEN=28 TOS=0x00 PREC=0x00 TTL=64 ID=1 DF PROTO=UDP SPT=4000 DPT=5000 LEN=8 ";
  Sock sk;
  sk.net = &r.w.init_net();
  skb.sk = &sk;
  EXPECT_EQ(r.line(skb, NF_LOG_UID), head + "UID=0 GID=0 MARK=0xff ");
  EXPECT_EQ(r.line(skb), head + "MARK=0xff ");
  sk.fsuid = 1000;
  sk.fsgid = 100;
  EXPECT_EQ(r.line(skb, NF_LOG_UID), head + "UID=1000 GID=100 MARK=0xff ");
  // A kernel socket has no file; another namespace's socket is not shown.
  sk.has_file = false;
  EXPECT_EQ(r.line(skb, NF_LOG_UID), head + "MARK=0xff ");
  sk.has_file = true;
  StringSink out, err;
  run_script(r.w, "ip netns add a\n", "t.sh", out, err);
  Net* other = r.w.netns_find("a");
  ASSERT_NE(other, nullptr);
  sk.net = other;
  EXPECT_EQ(r.line(skb, NF_LOG_UID), head + "MARK=0xff ");
  skb.sk = nullptr;
}

TEST(NfLog, MacHeaderOnTheInputSide) {
  Rig r;
  SkBuff& skb = r.packet(Ip{}(icmp(8, 0, 0x00010001)), kEth, r.v0);
  const std::string tail = kHdr + "LEN=28 TOS=0x00 PREC=0x00 TTL=64 ID=1 DF PROTO=ICMP TYPE=8 CODE=0 ID=1 SEQ=1 ";
  EXPECT_EQ(r.line(skb, 0, r.v0), "IN=v0 OUT= MAC=02:00:00:00:00:02:02:00:00:00:00:01:08:00 " + tail);
  EXPECT_EQ(r.line(skb, NF_LOG_MACDECODE, r.v0, r.v1),
            "IN=v0 OUT=v1 MACSRC=02:00:00:00:00:01 MACDST=02:00:00:00:00:02 MACPROTO=0800 " + tail);
  // The output side has no link header to show.
  EXPECT_EQ(r.line(skb, 0, nullptr, r.v1), "IN= OUT=v1 " + tail);
  // No link header: MAC= stays empty, --log-macdecode prints nothing.
  SkBuff& bare = r.packet(Ip{}(icmp(8, 0, 0x00010001)), {}, r.v0);
  EXPECT_EQ(r.line(bare, 0, r.v0), "IN=v0 OUT= MAC= " + tail);
  EXPECT_EQ(r.line(bare, NF_LOG_MACDECODE, r.v0), "IN=v0 OUT= " + tail);
  // Loopback is not ARPHRD_ETHER: --log-macdecode falls back to MAC=.
  NetDevice* lo = r.w.init_net().dev_get_by_name("lo");
  const Bytes zeros = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x00};
  SkBuff& l = r.packet(Ip{}(icmp(8, 0, 0x00010001)), zeros, lo);
  EXPECT_EQ(r.line(l, NF_LOG_MACDECODE, lo), "IN=lo OUT= MAC=00:00:00:00:00:00:00:00:00:00:00:00:08:00 " + tail);
}

TEST(NfLog, PacketLevelAndOtherNamespaces) {
  Rig r;
  StringSink out, err;
  run_script(r.w, "ip netns add a\n", "t.sh", out, err);
  Net& a = *r.w.netns_find("a");
  SkBuff& skb = r.packet(Ip{}(icmp(8, 0, 0x00010001)));
  nf_log_packet(r.w.init_net(), skb, nullptr, nullptr, NfLogInfo{6, 0}, "p: ");
  nf_log_packet(a, skb, nullptr, nullptr, NfLogInfo{6, 0}, "a: ");  // nf_log_all_netns=0: nothing
  r.w.netfilter.nf_log_all_netns = 1;
  nf_log_trace(a, skb, nullptr, nullptr, "TRACE: raw:OUTPUT:rule:1 ");
  const auto& recs = r.w.printk_log.records();
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].level, LOGLEVEL_INFO);
  EXPECT_EQ(recs[0].facility, LOG_FAC_KERN);
  EXPECT_EQ(recs[0].text.substr(0, 12), "p: IN= OUT= ");
  EXPECT_EQ(recs[1].level, LOGLEVEL_WARNING);
  EXPECT_EQ(recs[1].text.substr(0, 35), "TRACE: raw:OUTPUT:rule:1 IN= OUT= S");
}

}  // namespace
}  // namespace skbox
