// The command interface: every command skbox understands (ip, ping, sysctl,
// echo, ...) is a function called in-process with argv, like main(), inside a
// Proc that says which network namespace it runs in and where its stdio goes.
#pragma once
#include <span>
#include <string>
#include <string_view>

#include "cli/sink.h"

namespace skbox {

class World;
class Net;

struct Proc {
  World& world;
  Net* net;              // the network namespace the "process" lives in
  std::string_view in;   // all of stdin (pipes run their stages in order)
  Sink& out;
  Sink& err;
};

// argv[0] is the command name. Returns the exit status (0..255).
using CommandFn = int (*)(Proc& p, std::span<const std::string> argv);

// The table of built-in commands (src/cli/command_table.cpp). nullptr if unknown.
CommandFn find_command(std::string_view name);

// Run argv as a command in `p` (used by `ip netns exec`, `xargs`-like
// wrappers). Prints bash's "cmd: command not found" and returns 127 when unknown.
int run_command(Proc& p, std::span<const std::string> argv);

}  // namespace skbox
