// skbox: run a networking shell script in a simulated Linux world.
//   skbox run [--seed N] FILE [ARGS...]
//   skbox shell [--seed N]
#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "cli/shell/shell.h"
#include "cli/sink.h"
#include "net/world.h"

int main(int argc, char** argv) {
  CLI::App app{"skbox: the Linux container-networking datapath in a box"};
  app.require_subcommand(1);
  uint64_t seed = 1;

  auto* run = app.add_subcommand("run", "Run a shell script of Linux networking commands");
  std::string file;
  std::vector<std::string> args;
  run->add_option("--seed", seed, "Seed for every random choice (MACs, timers)");
  run->add_option("file", file, "Script to run")->required();
  run->add_option("args", args, "Arguments ($1...)");
  run->prefix_command(false);
  run->allow_extras();

  auto* shell = app.add_subcommand("shell", "Interactive shell");
  shell->add_option("--seed", seed, "Seed for every random choice");

  CLI11_PARSE(app, argc, argv);

  skbox::World world(seed);
  if (*run) {
    std::ifstream in(file);
    if (!in) {
      std::fprintf(stderr, "skbox: %s: No such file or directory\n", file.c_str());
      return 127;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    skbox::FdSink out(1), err(2);
    return skbox::run_script(world, ss.str(), file, out, err, args);
  }
  return skbox::run_interactive(world);
}
