// libFuzzer target: arbitrary bytes as a shell script, run by the parser and
// interpreter in a fresh World. Must never crash or hang: the run is capped
// in steps, captured output and background jobs.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cli/shell/interp.h"
#include "cli/shell/shell.h"
#include "net/world.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 8192) return 0;
  skbox::World w(1);
  skbox::sh::CaptureSink out(1 << 16), err(1 << 16);
  skbox::sh::RunLimits limits;
  limits.max_steps = 20000;
  limits.max_output = 1 << 14;
  std::string_view script(reinterpret_cast<const char*>(data), size);
  try {
    skbox::sh::run_script_limited(w, script, "fuzz.sh", out, err, {}, limits);
  } catch (const skbox::sh::BudgetEx&) {
    // the top-level sinks themselves overflowed
  }
  return 0;
}
