// The file system a script sees. /proc and /sys are generated per network
// namespace (procfs.h); every other path is an in-memory file of the World,
// falling back to reading the host's file (read-only) when the script never
// wrote it, so `cat /etc/hostname` behaves.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "cli/command.h"
#include "core/expected.h"

namespace skbox {

Expected<std::string> vfs_read(Proc& p, std::string_view path);
Expected<void> vfs_write(Proc& p, std::string_view path, std::string_view data, bool append);
bool vfs_exists(Proc& p, std::string_view path);
bool vfs_is_dir(Proc& p, std::string_view path);

// stat(2) as far as a script can tell: a directory or some other file, or
// the errno stat() would fail with (ENOENT, or ENOTDIR when a leading
// component is a file).
enum class VfsType { File, Dir };
Expected<VfsType> vfs_stat(Proc& p, std::string_view path);
// The names in a directory (no "." or "..", unsorted), as readdir() returns
// them; ENOENT / ENOTDIR like opendir().
Expected<std::vector<std::string>> vfs_list_dir(Proc& p, std::string_view path);

}  // namespace skbox
