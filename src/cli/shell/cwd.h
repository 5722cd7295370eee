// The working directory of the shell running on this thread. Each script
// task (the script, every `&` job) runs on its own thread, so relative paths
// given to commands (cat f, grep x f) resolve against that job's `cd`.
#pragma once
#include <string>
#include <string_view>

namespace skbox::sh {

// The shell sets this (a copy) before it runs a command; defaults to the
// host's working directory.
const std::string& shell_cwd();
void set_shell_cwd(std::string_view cwd);
// Absolute, normalised path ("." and ".." resolved lexically).
std::string abs_path(std::string_view path);
std::string abs_path_in(std::string_view cwd, std::string_view path);

}  // namespace skbox::sh
