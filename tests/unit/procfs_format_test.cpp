// /proc/net and /sys/class/net formats, compared with Linux 6.18 output.
#include <gtest/gtest.h>

#include <string>

#include "cli/command.h"
#include "cli/procfs.h"
#include "dev/veth.h"
#include "net/net.h"
#include "net/netdevice.h"
#include "net/world.h"

namespace skbox {
namespace {

struct Fs {
  World w;
  StringSink out, err;
  Proc p{w, &w.init_net(), "", out, err};
  std::string read(std::string_view path) {
    auto r = procfs_read(p, path);
    return r ? *r : "<errno " + std::to_string(r.error()) + ">";
  }
};

}  // namespace

TEST(ProcNet, SnmpOfAFreshNamespace) {
  Fs fs;
  EXPECT_EQ(fs.read("/proc/net/snmp"),
            "Ip: Forwarding DefaultTTL InReceives InHdrErrors InAddrErrors ForwDatagrams InUnknownProtos InDiscards "
            "InDelivers OutRequests OutDiscards OutNoRoutes ReasmTimeout ReasmReqds ReasmOKs ReasmFails FragOKs "
            "FragFails FragCreates OutTransmits\n"
            "Ip: 2 64 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n"
            "Icmp: InMsgs InErrors InCsumErrors InDestUnreachs InTimeExcds InParmProbs InSrcQuenchs InRedirects "
            "InEchos InEchoReps InTimestamps InTimestampReps InAddrMasks InAddrMaskReps OutMsgs OutErrors "
            "OutRateLimitGlobal OutRateLimitHost OutDestUnreachs OutTimeExcds OutParmProbs OutSrcQuenchs "
            "OutRedirects OutEchos OutEchoReps OutTimestamps OutTimestampReps OutAddrMasks OutAddrMaskReps\n"
            "Icmp: 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n"
            "Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens AttemptFails EstabResets CurrEstab "
            "InSegs OutSegs RetransSegs InErrs OutRsts InCsumErrors\n"
            "Tcp: 1 200 120000 -1 0 0 0 0 0 0 0 0 0 0 0\n"
            "Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti "
            "MemErrors\n"
            "Udp: 0 0 0 0 0 0 0 0 0\n"
            "UdpLite: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti "
            "MemErrors\n"
            "UdpLite: 0 0 0 0 0 0 0 0 0\n");
}

TEST(ProcNet, IcmpMsgListsNonzeroTypesInThenOut) {
  Fs fs;
  Net& net = fs.w.init_net();
  net.mib.icmpmsg.in[0] = 1;
  net.mib.icmpmsg.in[8] = 1;
  net.mib.icmpmsg.out[0] = 1;
  net.mib.icmpmsg.out[8] = 1;
  std::string s = fs.read("/proc/net/snmp");
  EXPECT_NE(s.find("\nIcmpMsg: InType0 InType8 OutType0 OutType8\nIcmpMsg: 1 1 1 1\nTcp:"), std::string::npos) << s;
}

TEST(ProcNet, DevAndRouteLayout) {
  Fs fs;
  Net& net = fs.w.init_net();
  net.loopback()->stats.rx_bytes = 168;
  net.loopback()->stats.rx_packets = 2;
  net.loopback()->stats.tx_bytes = 168;
  net.loopback()->stats.tx_packets = 2;
  EXPECT_EQ(fs.read("/proc/net/dev"),
            "Inter-|   Receive                                                |  Transmit\n"
            " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo "
            "colls carrier compressed\n"
            "    lo:     168       2    0    0    0     0          0         0      168       2    0    0    0 "
            "    0       0          0\n");
  std::string route = fs.read("/proc/net/route");
  EXPECT_EQ(route,
            "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT"
            "                                                       \n");
}

TEST(ProcNet, NetstatHasTcpExtIpExtMptcp) {
  Fs fs;
  std::string s = fs.read("/proc/net/netstat");
  EXPECT_TRUE(s.starts_with("TcpExt: SyncookiesSent SyncookiesRecv"));
  EXPECT_NE(s.find("\nIpExt: InNoRoutes InTruncatedPkts"), std::string::npos);
  EXPECT_NE(s.find("\nMPTcpExt: MPCapableSYNRX"), std::string::npos);
  EXPECT_TRUE(s.ends_with(" 0\n"));
}

TEST(ProcSys, FilesReadWithNewlineAndWrite) {
  Fs fs;
  EXPECT_EQ(fs.read("/proc/sys/net/ipv4/ip_local_port_range"), "32768\t60999\n");
  EXPECT_EQ(fs.read("/proc/sys/net/ipv4/ip_local_reserved_ports"), "\n");
  ASSERT_TRUE(procfs_write(fs.p, "/proc/sys/net/ipv4/ip_forward", "1\n"));
  EXPECT_TRUE(fs.w.init_net().ip_forward());
  EXPECT_EQ(procfs_write(fs.p, "/proc/sys/net/core/rmem_max", "1\n").error(), EACCES);
  auto l = procfs_list(fs.p, "/proc/sys/net");
  ASSERT_TRUE(l);
  EXPECT_EQ(*l, (std::vector<std::string>{"bridge", "core", "ipv4", "ipv6", "mptcp", "netfilter", "unix"}));
}

TEST(SysClassNet, Attributes) {
  Fs fs;
  Net& net = fs.w.init_net();
  ASSERT_TRUE(veth_newlink(net, "veth1", net, "veth2"));
  auto l = procfs_list(fs.p, "/sys/class/net");
  ASSERT_TRUE(l);
  EXPECT_EQ(*l, (std::vector<std::string>{"lo", "veth1", "veth2"}));
  NetDevice* v1 = net.dev_get_by_name("veth1");
  EXPECT_EQ(fs.read("/sys/class/net/veth1/carrier"), "<errno 22>");  // down: EINVAL
  EXPECT_EQ(fs.read("/sys/class/net/veth1/operstate"), "down\n");
  EXPECT_EQ(fs.read("/sys/class/net/veth1/mtu"), "1500\n");
  EXPECT_EQ(fs.read("/sys/class/net/veth1/type"), "1\n");
  EXPECT_EQ(fs.read("/sys/class/net/veth1/iflink"), std::to_string(v1->link_peer()->ifindex) + "\n");
  EXPECT_EQ(fs.read("/sys/class/net/veth1/broadcast"), "ff:ff:ff:ff:ff:ff\n");
  EXPECT_EQ(fs.read("/sys/class/net/lo/type"), "772\n");
  EXPECT_EQ(fs.read("/sys/class/net/lo/mtu"), "65536\n");
  EXPECT_EQ(fs.read("/sys/class/net/veth1/statistics/rx_packets"), "0\n");
  EXPECT_EQ(fs.read("/sys/class/net/veth1/uevent"), "INTERFACE=veth1\nIFINDEX=" + std::to_string(v1->ifindex) + "\n");
  ASSERT_TRUE(procfs_write(fs.p, "/sys/class/net/veth1/mtu", "1400\n"));
  EXPECT_EQ(v1->mtu, 1400u);
  EXPECT_EQ(procfs_write(fs.p, "/sys/class/net/veth1/mtu", "70000\n").error(), EINVAL);
  EXPECT_EQ(procfs_write(fs.p, "/sys/class/net/veth1/address", "x\n").error(), EACCES);
  EXPECT_EQ(procfs_write(fs.p, "/sys/class/net/veth1/carrier", "1\n").error(), EOPNOTSUPP);
  ASSERT_TRUE(procfs_write(fs.p, "/sys/class/net/veth1/tx_queue_len", "5\n"));
  EXPECT_EQ(fs.read("/sys/class/net/veth1/tx_queue_len"), "5\n");
  EXPECT_EQ(fs.read("/sys/class/net/nope/mtu"), "<errno 2>");
}

}  // namespace skbox
