// The script runner: skbox interprets the POSIX sh subset (plus the bash
// extensions scenario scripts use) itself, with no process per command. Every
// command runs in-process; `&` jobs are Tasks in virtual time.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "cli/sink.h"

namespace skbox {

class World;

// Runs a whole script; returns its exit status. script_name is $0 and the name
// bash puts in error messages ("x.sh: line 3: foo: command not found").
int run_script(World& w, std::string_view source, std::string_view script_name, Sink& out, Sink& err,
               std::vector<std::string> args = {});

// Interactive loop on the terminal (readline when SKBOX_HAVE_READLINE is
// defined), prompt "skbox# ".
int run_interactive(World& w);

}  // namespace skbox
