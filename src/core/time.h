// Virtual time. The datapath never reads the wall clock: every timestamp is a
// count of virtual nanoseconds since the world started.
#pragma once
#include <cstdint>

namespace skbox {

using Time = int64_t;      // absolute virtual time, ns
using Duration = int64_t;  // ns

constexpr Duration kNsec = 1;
constexpr Duration kUsec = 1000;
constexpr Duration kMsec = 1000 * kUsec;
constexpr Duration kSec = 1000 * kMsec;
constexpr Time kTimeNever = INT64_MAX;

// What gettimeofday() says at virtual time 0 (Tue Nov 14 22:13:20 2023
// UTC): the wall clock commands print (ping -D, iptables-save) is this
// plus virtual time, so it is as deterministic as the rest.
constexpr int64_t kWallEpoch = 1700000000;
constexpr int64_t wall_seconds(Time t) { return kWallEpoch + t / kSec; }

// Linux HZ for jiffies-based sysctls (clock_t values shown in /proc are USER_HZ=100).
constexpr int kUserHz = 100;

}  // namespace skbox
