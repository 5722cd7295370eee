// sleep NUMBER[smhd]...: advances virtual time (the sum of the arguments).
#include <cmath>
#include <cstdlib>

#include "cli/builtins/builtins.h"
#include "core/time.h"
#include "net/world.h"

namespace skbox {

namespace {

bool parse_interval(const std::string& s, long double& secs) {
  if (s.empty()) return false;
  std::string lower;
  for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "inf" || lower == "infinity") {
    secs = INFINITY;
    return true;
  }
  const char* b = s.c_str();
  if (*b == ' ' || *b == '\t' || *b == '-') return false;
  char* end = nullptr;
  long double v = std::strtold(b, &end);
  if (end == b || std::isnan(v) || v < 0) return false;
  long double mult = 1;
  if (*end) {
    switch (*end) {
      case 's': mult = 1; break;
      case 'm': mult = 60; break;
      case 'h': mult = 3600; break;
      case 'd': mult = 86400; break;
      default: return false;
    }
    if (end[1]) return false;
  }
  secs = v * mult;
  return true;
}

}  // namespace

int cmd_sleep(Proc& p, std::span<const std::string> argv) {
  if (argv.size() < 2) {
    p.err.write("sleep: missing operand\nTry 'sleep --help' for more information.\n");
    return 1;
  }
  long double total = 0;
  bool bad = false;
  for (size_t i = 1; i < argv.size(); ++i) {
    long double s;
    if (!parse_interval(argv[i], s)) {
      p.err.print("sleep: invalid time interval {}\n", util::gnu_quote(argv[i]));
      bad = true;
      continue;
    }
    total += s;
  }
  if (bad) {
    p.err.write("Try 'sleep --help' for more information.\n");
    return 1;
  }
  long double ns = std::ceil(total * static_cast<long double>(kSec));
  if (!(ns < static_cast<long double>(INT64_MAX / 2))) {
    p.world.tasks.block_until(kTimeNever);
    return 0;
  }
  p.world.tasks.sleep_for(static_cast<Duration>(ns));
  return 0;
}

}  // namespace skbox
