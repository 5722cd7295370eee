// ping: option parsing (iputils' messages and statuses), inet_aton, and runs
// on loopback in virtual time.
#include <gtest/gtest.h>

#include <regex>

#include "cli/ping_opts.h"
#include "cli/sink.h"
#include "tests/unit/shell_test_util.h"

namespace skbox {
namespace {

struct Parsed {
  std::optional<int> rc;
  PingOptions o;
  std::string out, err;
};

Parsed parse(std::vector<std::string> args) {
  args.insert(args.begin(), "ping");
  Parsed r;
  StringSink out, err;
  r.rc = ping_parse_args(args, r.o, out, err);
  r.out = out.data;
  r.err = err.data;
  return r;
}

TEST(PingOpts, PermutesOperandsAndReadsValues) {
  auto r = parse({"10.0.0.1", "-c", "3", "-i0.2", "-qn", "-s", "100", "-W", "1.5", "-t", "5"});
  ASSERT_FALSE(r.rc);
  EXPECT_EQ(r.o.targets, std::vector<std::string>{"10.0.0.1"});
  EXPECT_EQ(r.o.npackets, 3);
  EXPECT_EQ(r.o.interval_ms, 200);
  EXPECT_TRUE(r.o.quiet && r.o.numeric && r.o.opt_ttl);
  EXPECT_EQ(r.o.datalen, 100);
  EXPECT_EQ(r.o.lingertime_ms, 1500);
  EXPECT_EQ(r.o.ttl, 5);
}

TEST(PingOpts, ErrorsMatchIputils) {
  auto r = parse({});
  EXPECT_EQ(r.rc, 1);
  EXPECT_EQ(r.err, "ping: usage error: Destination address required\n");
  r = parse({"-c", "0", "x"});
  EXPECT_EQ(r.rc, 1);
  EXPECT_EQ(r.err, "ping: invalid argument: '0': out of range: 1 <= value <= 9223372036854775807\n");
  r = parse({"-c", "abc", "x"});
  EXPECT_EQ(r.err, "ping: invalid argument: 'abc'\n");
  r = parse({"-W", "-1", "x"});
  EXPECT_EQ(r.rc, 2);
  EXPECT_EQ(r.err, "ping: bad linger time: -1\n");
  r = parse({"-i", "inf", "x"});
  EXPECT_EQ(r.err, "ping: bad timing interval: inf: Numerical result out of range\n");
  r = parse({"-i", "abc", "x"});
  EXPECT_FALSE(r.rc);
  EXPECT_EQ(r.err,
            "ping: option argument contains garbage: abc\n"
            "ping: this will become fatal error in the future\n");
  EXPECT_EQ(r.o.interval_ms, 0);
  r = parse({"-M", "bogus", "x"});
  EXPECT_EQ(r.err, "ping: invalid -M argument: bogus\n");
  r = parse({"-Z", "x"});
  EXPECT_EQ(r.rc, 2);
  EXPECT_EQ(r.err.substr(0, 34), "ping: invalid option -- 'Z'\n\nUsage");
  r = parse({"x", "-c"});
  EXPECT_EQ(r.rc, 2);
  EXPECT_EQ(r.err.substr(0, 47), "ping: option requires an argument -- 'c'\n\nUsage");
  r = parse({"-p", "0102", "x"});
  EXPECT_EQ(r.out, "PATTERN: 0x0102\n");
  r = parse({"-V"});
  EXPECT_EQ(r.rc, 0);
}

TEST(PingOpts, InetAton) {
  EXPECT_EQ(ping_inet_aton("127.1"), Ipv4Addr::of(127, 0, 0, 1));
  EXPECT_EQ(ping_inet_aton("0x7f.1"), Ipv4Addr::of(127, 0, 0, 1));
  EXPECT_EQ(ping_inet_aton("010.0.0.1"), Ipv4Addr::of(8, 0, 0, 1));
  EXPECT_EQ(ping_inet_aton("1"), Ipv4Addr(1));
  EXPECT_FALSE(ping_inet_aton("1.2.3.4.5"));
  EXPECT_FALSE(ping_inet_aton("256.1.1.1"));
  EXPECT_FALSE(ping_inet_aton("08.1.1.1"));
  EXPECT_FALSE(ping_inet_aton("localhost"));
}

std::string mask_rtt(std::string s) {
  s = std::regex_replace(s, std::regex("time=[0-9.]+ ms"), "time=T ms");
  s = std::regex_replace(s, std::regex("= [0-9./]+ ms"), "= R ms");
  return s;
}

TEST(PingRun, LoopbackRepliesAndStatistics) {
  auto r = shtest::run("ip link set lo up\nping -c 2 -i 0.2 127.0.0.1\necho rc=$?\n");
  EXPECT_EQ(mask_rtt(r.out),
            "PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.\n"
            "64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=T ms\n"
            "64 bytes from 127.0.0.1: icmp_seq=2 ttl=64 time=T ms\n"
            "\n--- 127.0.0.1 ping statistics ---\n"
            "2 packets transmitted, 2 received, 0% packet loss, time 200ms\n"
            "rtt min/avg/max/mdev = R ms\n"
            "rc=0\n")
      << r.err;
}

TEST(PingRun, LingersWithoutReplyAndFailsWithOne) {
  auto r = shtest::run("ping -c 1 -W 1 127.0.0.1\necho rc=$?\n");  // lo is down
  EXPECT_EQ(r.out, "rc=2\n");
  EXPECT_EQ(r.err, "ping: connect: Network is unreachable\n");
  r = shtest::run("ip link set lo up\nip route add blackhole 10.7.0.0/16\nping -c 1 10.7.7.7\necho rc=$?\n");
  EXPECT_EQ(r.err, "ping: connect: Invalid argument\n");
}

TEST(PingRun, SmallPayloadHasNoTimes) {
  auto r = shtest::run("ip link set lo up\nping -c 1 -s 8 127.0.0.1\n");
  EXPECT_EQ(r.out,
            "PING 127.0.0.1 (127.0.0.1) 8(36) bytes of data.\n"
            "16 bytes from 127.0.0.1: icmp_seq=1 ttl=64\n"
            "\n--- 127.0.0.1 ping statistics ---\n"
            "1 packets transmitted, 1 received, 0% packet loss, time 0ms\n\n");
}

}  // namespace
}  // namespace skbox
