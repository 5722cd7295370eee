// Virtual /proc and /sys of the Proc's network namespace (/proc/net/*,
// /proc/sys/net/**, /sys/class/net/*) and /run/netns/*. Paths outside them
// return ENOENT.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "cli/command.h"
#include "core/expected.h"

namespace skbox {

bool procfs_handles(std::string_view path);  // under /proc, /sys or /run/netns
Expected<std::string> procfs_read(Proc& p, std::string_view path);
Expected<void> procfs_write(Proc& p, std::string_view path, std::string_view data);
// Directory listing (names only), for `ls` and globbing; ENOTDIR/ENOENT otherwise.
Expected<std::vector<std::string>> procfs_list(Proc& p, std::string_view path);

}  // namespace skbox
