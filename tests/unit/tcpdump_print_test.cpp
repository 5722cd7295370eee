// tcpdump's printer against lines the real tcpdump 4.99 printed for the same
// bytes (captured on Linux veths, or crafted and read back with -r).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli/tcpdump/print.h"

namespace skbox::tcpdump {
namespace {

std::vector<uint8_t> hex(std::string_view s) {
  std::vector<uint8_t> v;
  std::string clean;
  for (char c : s)
    if (c != ' ' && c != '\n') clean += c;
  for (size_t i = 0; i + 1 < clean.size(); i += 2) v.push_back(static_cast<uint8_t>(std::stoul(clean.substr(i, 2), nullptr, 16)));
  return v;
}

std::string print(PrintOpts o, std::string_view bytes, int dlt = kDltEn10mb, uint32_t len = 0) {
  Printer p(o);
  p.ifname = [](uint32_t i) { return i == 2 ? std::string("vb") : std::string("?"); };
  auto v = hex(bytes);
  return p.print(dlt, v, len ? len : static_cast<uint32_t>(v.size()));
}

PrintOpts n(int nflag = 1) {
  PrintOpts o;
  o.nflag = nflag;
  return o;
}

const char kArpReq[] = "ffffffffffff5ac580f435db08060001080006040001 5ac580f435db0a000001 0000000000000a000002";
const char kArpRep[] = "5ac580f435dba24a3a8ad52308060001080006040002 a24a3a8ad5230a000002 5ac580f435db0a000001";
const char kUnreach[] =
    "5ac580f435dba24a3a8ad523080045c0003b8e6b00004001d7940a0000020a0000010303ae61000000004500001f3265"
    "40004011f4660a0000010a000002b55212b5000b141f68690a";
const char kSyn[] =
    "a24a3a8ad5235ac580f435db08004500003c55a440004006d1150a0000010a000002b4ba0050aa9befc500000000a002"
    "faf014310000020405b40402080a76ebf8070000000001 03030a";
const char kRst[] =
    "5ac580f435dba24a3a8ad5230800450000280000400040062 6ce0a0000020a0000010050b4ba00000000aa9befc65014"
    "00004c610000";
const char kVxlan[] =
    "020000000002020000000001080045000086000700004011f90cc0a80001c0a80002d43112b5007200000800000000002a00"
    "aabbccddeeff11223344556608004500005400014000400124a40a0101010a0101020800eeb712340001000102030405060708"
    "090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637";

TEST(TcpdumpPrint, Arp) {
  EXPECT_EQ(print(n(), kArpReq), "ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28\n");
  EXPECT_EQ(print(n(), kArpRep), "ARP, Reply 10.0.0.2 is-at a2:4a:3a:8a:d5:23, length 28\n");
  EXPECT_EQ(print(n(0), kArpRep), "ARP, Reply 10.0.0.2 is-at a2:4a:3a:8a:d5:23 (oui Unknown), length 28\n");
  PrintOpts v = n();
  v.vflag = 1;
  EXPECT_EQ(print(v, kArpReq), "ARP, Ethernet (len 6), IPv4 (len 4), Request who-has 10.0.0.2 tell 10.0.0.1, length 28\n");
  PrintOpts e = n();
  e.eflag = true;
  EXPECT_EQ(print(e, kArpReq),
            "5a:c5:80:f4:35:db > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has 10.0.0.2 "
            "tell 10.0.0.1, length 28\n");
}

TEST(TcpdumpPrint, IcmpUnreachable) {
  EXPECT_EQ(print(n(), kUnreach), "IP 10.0.0.2 > 10.0.0.1: ICMP 10.0.0.2 udp port 4789 unreachable, length 39\n");
  PrintOpts v = n();
  v.vflag = 1;
  EXPECT_EQ(print(v, kUnreach),
            "IP (tos 0xc0, ttl 64, id 36459, offset 0, flags [none], proto ICMP (1), length 59)\n"
            "    10.0.0.2 > 10.0.0.1: ICMP 10.0.0.2 udp port 4789 unreachable, length 39\n"
            "\tIP (tos 0x0, ttl 64, id 12901, offset 0, flags [DF], proto UDP (17), length 31)\n"
            "    10.0.0.1.46418 > 10.0.0.2.4789: VXLAN (invalid)\n");
}

TEST(TcpdumpPrint, Tcp) {
  EXPECT_EQ(print(n(), kSyn),
            "IP 10.0.0.1.46266 > 10.0.0.2.80: Flags [S], seq 2862346181, win 64240, options [mss 1460,sackOK,TS "
            "val 1995175943 ecr 0,nop,wscale 10], length 0\n");
  EXPECT_EQ(print(n(0), kRst), "IP 10.0.0.2.http > 10.0.0.1.46266: Flags [R.], seq 0, ack 2862346182, win 0, length 0\n");
  PrintOpts v = n();
  v.vflag = 1;
  EXPECT_EQ(print(v, kSyn),
            "IP (tos 0x0, ttl 64, id 21924, offset 0, flags [DF], proto TCP (6), length 60)\n"
            "    10.0.0.1.46266 > 10.0.0.2.80: Flags [S], cksum 0x1431 (incorrect -> 0x7aaa), seq 2862346181, win "
            "64240, options [mss 1460,sackOK,TS val 1995175943 ecr 0,nop,wscale 10], length 0\n");
  EXPECT_EQ(print(v, kRst),
            "IP (tos 0x0, ttl 64, id 0, offset 0, flags [DF], proto TCP (6), length 40)\n"
            "    10.0.0.2.80 > 10.0.0.1.46266: Flags [R.], cksum 0x4c61 (correct), seq 0, ack 2862346182, win 0, "
            "length 0\n");
  PrintOpts q = n();
  q.qflag = true;
  EXPECT_EQ(print(q, kSyn), "IP 10.0.0.1.46266 > 10.0.0.2.80: tcp 0\n");
}

TEST(TcpdumpPrint, Fragment) {
  const char frag[] = "a24a3a8ad5235ac580f435db080045000094b74200b94001ae6b0a0000010a000002c0c1c2c3c4c5c6c7";
  EXPECT_EQ(print(n(), frag, kDltEn10mb, 162), "IP 10.0.0.1 > 10.0.0.2: ip-proto-1\n");
  EXPECT_EQ(print(n(0), frag, kDltEn10mb, 162), "IP 10.0.0.1 > 10.0.0.2: icmp\n");
}

TEST(TcpdumpPrint, Vxlan) {
  EXPECT_EQ(print(n(), kVxlan),
            "IP 192.168.0.1.54321 > 192.168.0.2.4789: VXLAN, flags [I] (0x08), vni 42\n"
            "IP 10.1.1.1 > 10.1.1.2: ICMP echo request, id 4660, seq 1, length 64\n");
  PrintOpts ev = n(2);
  ev.eflag = true;
  ev.vflag = 1;
  EXPECT_EQ(print(ev, kVxlan),
            "02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype IPv4 (0x0800), length 148: (tos 0x0, ttl 64, id 7, "
            "offset 0, flags [none], proto UDP (17), length 134)\n"
            "    192.168.0.1.54321 > 192.168.0.2.4789: VXLAN, flags [I] (0x08), vni 42\n"
            "11:22:33:44:55:66 > aa:bb:cc:dd:ee:ff, ethertype IPv4 (0x0800), length 98: (tos 0x0, ttl 64, id 1, "
            "offset 0, flags [DF], proto ICMP (1), length 84)\n"
            "    10.1.1.1 > 10.1.1.2: ICMP echo request, id 4660, seq 1, length 64\n");
}

TEST(TcpdumpPrint, OtvOnLinuxVxlanPort) {
  std::string otv = kVxlan;
  otv.replace(otv.find("d43112b5"), 8, "d4312118");
  EXPECT_EQ(print(n(), otv),
            "IP 192.168.0.1.54321 > 192.168.0.2.8472: OTV, flags [I] (0x08), overlay 0, instance 42\n"
            "IP 10.1.1.1 > 10.1.1.2: ICMP echo request, id 4660, seq 1, length 64\n");
}

TEST(TcpdumpPrint, Ipv6AddrconfNoise) {
  // MLDv2 report behind a hop-by-hop header, and DAD's neighbor solicitation.
  const char mld[] =
      "333300000016da da dc586cbd86dd 6000000000240001 00000000000000000000000000000000"
      "ff020000000000000000000000000016 3a00050200000100 8f00000000000001 04000000ff0200000000000000000001ff586cbd";
  EXPECT_EQ(print(n(), mld), "IP6 :: > ff02::16: HBH ICMP6, multicast listener report v2, 1 group record(s), length 28\n");
  const char ns[] =
      "3333ff3a89e41e939f3a89e486dd 6000000000203aff 00000000000000000000000000000000"
      "ff0200000000000000000001ff3a89e4 8700000000000000 fe800000000000001c939ffffe3a89e4 0e01443b5b19bda6";
  EXPECT_EQ(print(n(), ns),
            "IP6 :: > ff02::1:ff3a:89e4: ICMP6, neighbor solicitation, who has fe80::1c93:9fff:fe3a:89e4, length 32\n");
}

TEST(TcpdumpPrint, CookedV2) {
  // Linux cooked v2 header of an ARP reply sent on ifindex 2, then the ARP body.
  const std::string sll = std::string("0806 0000 00000002 0001 04 06 a24a3a8ad523 0000") +
                          "00010800060400 02a24a3a8ad5230a0000025ac580f435db0a000001";
  EXPECT_EQ(print(n(), sll, kDltLinuxSll2), "vb    Out ARP, Reply 10.0.0.2 is-at a2:4a:3a:8a:d5:23, length 28\n");
  PrintOpts e = n();
  e.eflag = true;
  EXPECT_EQ(print(e, sll, kDltLinuxSll2),
            "vb    Out ifindex 2 a2:4a:3a:8a:d5:23 ethertype ARP (0x0806), length 48: Reply 10.0.0.2 is-at "
            "a2:4a:3a:8a:d5:23, length 28\n");
}

}  // namespace
}  // namespace skbox::tcpdump
