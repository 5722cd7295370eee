// Helpers for the shell tests: run a script in a fresh World and collect
// its output.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "cli/shell/shell.h"
#include "cli/sink.h"
#include "net/world.h"

namespace skbox::shtest {

struct Result {
  std::string out, err;
  int status = 0;
  Time end_time = 0;
};

inline Result run(std::string_view script, uint64_t seed = 1, std::vector<std::string> args = {}) {
  World w(seed);
  StringSink out, err;
  Result r;
  r.status = run_script(w, script, "t.sh", out, err, std::move(args));
  r.out = out.data;
  r.err = err.data;
  r.end_time = w.now();
  return r;
}

// Output and errors interleaved, in order (like 2>&1).
class MergedSink final : public Sink {
 public:
  void write(std::string_view s) override { data.append(s); }
  std::string data;
};

inline Result run_merged(std::string_view script, uint64_t seed = 1) {
  World w(seed);
  MergedSink both;
  Result r;
  r.status = run_script(w, script, "t.sh", both, both);
  r.out = both.data;
  r.end_time = w.now();
  return r;
}

}  // namespace skbox::shtest
