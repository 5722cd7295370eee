// `nstat` (cli/nstat.cpp): history file in the VFS, deltas, patterns,
// JSON. Expected texts are iproute2 6.1's on Linux 6.18 for the same
// script (tests/scenario/nstat_*.sh check the rest against the kernel).
#include <gtest/gtest.h>

#include <string>

#include "cli/shell/shell.h"
#include "cli/sink.h"
#include "net/world.h"

namespace skbox {
namespace {

std::string run(World& w, const std::string& script) {
  StringSink out, err;
  run_script(w, script, "t.sh", out, err);
  return out.data + err.data;
}

TEST(Nstat, PrimeThenDeltas) {
  World w{1};
  run(w, "export NSTAT_HISTORY=/tmp/h\nip link set lo up\nnstat -rn\n");
  EXPECT_EQ(run(w, "export NSTAT_HISTORY=/tmp/h\nnstat\n"), "#kernel\n");
  run(w, "ping -c 1 -q 127.0.0.1 > /dev/null\n");
  EXPECT_EQ(run(w, "export NSTAT_HISTORY=/tmp/h\nnstat 'IcmpOutEcho*'\n"),
            "#kernel\n"
            "IcmpOutEchos                    1                  0.0\n"
            "IcmpOutEchoReps                 1                  0.0\n");
  // A counter the history did not hold (it was 0) is saved with its current
  // value even when the patterns did not match it: nstat's quirk, as Linux
  // shows it, so nothing is left to report.
  EXPECT_EQ(run(w, "export NSTAT_HISTORY=/tmp/h\nnstat -s 'Icmp*Echo*'\n"), "#kernel\n");
  EXPECT_EQ(run(w, "export NSTAT_HISTORY=/tmp/h\nnstat -s\n"), "#kernel\n");
}

TEST(Nstat, AbsoluteJson) {
  World w{1};
  EXPECT_EQ(run(w, "nstat -ajz UdpInDatagrams UdpNoPorts\n"), "{\"kernel\":{\"UdpInDatagrams\":0,\"UdpNoPorts\":0}}\n");
  EXPECT_EQ(run(w, "nstat -ajp NoSuch\n"), "{\n    \"kernel\": {}\n}\n");
  EXPECT_EQ(run(w, "nstat -ajpz UdpNoPorts\n"), "{\n    \"kernel\": {\n        \"UdpNoPorts\": 0\n    }\n}\n");
}

}  // namespace
}  // namespace skbox
