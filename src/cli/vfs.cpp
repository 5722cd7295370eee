// The file system a script sees: /proc and /sys from procfs, the /dev files a
// shell needs, the World's in-memory files, and the host's files read-only
// underneath (a script's writes never reach the host).
//
// Not modelled: permissions, timestamps, deleting files, mkdir: directories
// exist when the host has them or when a written file lies beneath them.
#include "cli/vfs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "cli/procfs.h"
#include "cli/shell/cwd.h"
#include "net/world.h"

namespace skbox {

namespace {

bool host_stat(const std::string& path, struct stat& st) { return ::stat(path.c_str(), &st) == 0; }

Expected<std::string> host_read(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Errno(errno);
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Errno(EISDIR);
  }
  // Character devices (/dev/zero, /dev/urandom) never end: read a bounded prefix.
  size_t cap = S_ISREG(st.st_mode) ? (256u << 20) : (1u << 20);
  std::string data;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      int e = errno;
      ::close(fd);
      return Errno(e);
    }
    if (n == 0) break;
    data.append(buf, static_cast<size_t>(n));
    if (data.size() >= cap) break;
  }
  ::close(fd);
  return data;
}

bool world_has_dir(const World& w, const std::string& abs) {
  std::string prefix = abs == "/" ? "/" : abs + "/";
  auto it = w.files.lower_bound(prefix);
  return it != w.files.end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

std::string parent_of(const std::string& abs) {
  size_t slash = abs.rfind('/');
  if (slash == 0 || slash == std::string::npos) return "/";
  return abs.substr(0, slash);
}

}  // namespace

Expected<std::string> vfs_read(Proc& p, std::string_view path) {
  std::string abs = sh::abs_path(path);
  if (abs == "/dev/null") return std::string();
  if (abs == "/dev/stdin" || abs == "/proc/self/fd/0" || abs == "/dev/fd/0") return std::string(p.in);
  if (procfs_handles(abs)) return procfs_read(p, abs);
  if (auto it = p.world.files.find(abs); it != p.world.files.end()) return it->second;
  if (world_has_dir(p.world, abs)) return Errno(EISDIR);
  return host_read(abs);
}

Expected<void> vfs_write(Proc& p, std::string_view path, std::string_view data, bool append) {
  std::string abs = sh::abs_path(path);
  if (abs == "/dev/null") return {};
  if (abs == "/dev/stdout" || abs == "/dev/fd/1") {
    p.out.write(data);
    return {};
  }
  if (abs == "/dev/stderr" || abs == "/dev/fd/2") {
    p.err.write(data);
    return {};
  }
  if (procfs_handles(abs)) return procfs_write(p, abs, data);
  auto it = p.world.files.find(abs);
  if (it == p.world.files.end()) {
    if (vfs_is_dir(p, abs)) return Errno(EISDIR);
    std::string parent = parent_of(abs);
    if (!vfs_is_dir(p, parent)) return Errno(vfs_exists(p, parent) ? ENOTDIR : ENOENT);
    std::string initial;
    if (append) {
      // Appending to a host file: start from its content (copy-on-write).
      struct stat st;
      if (host_stat(abs, st) && S_ISREG(st.st_mode)) {
        auto r = host_read(abs);
        if (r) initial = std::move(*r);
      }
    }
    it = p.world.files.emplace(abs, std::move(initial)).first;
  }
  if (append) it->second.append(data);
  else it->second.assign(data);
  return {};
}

bool vfs_exists(Proc& p, std::string_view path) {
  std::string abs = sh::abs_path(path);
  if (abs == "/dev/null" || abs == "/dev/stdin" || abs == "/dev/stdout" || abs == "/dev/stderr") return true;
  if (procfs_handles(abs)) {
    // A file whose read fails (carrier of a down device, an nsfs mount
    // point) still exists; only ENOENT says it does not.
    if (auto r = procfs_read(p, abs); r || r.error() != ENOENT) return true;
    return procfs_list(p, abs).has_value();
  }
  if (p.world.files.count(abs) || world_has_dir(p.world, abs)) return true;
  struct stat st;
  return host_stat(abs, st);
}

bool vfs_is_dir(Proc& p, std::string_view path) {
  std::string abs = sh::abs_path(path);
  if (procfs_handles(abs)) return procfs_list(p, abs).has_value();
  if (p.world.files.count(abs)) return false;
  if (world_has_dir(p.world, abs)) return true;
  struct stat st;
  return host_stat(abs, st) && S_ISDIR(st.st_mode);
}

}  // namespace skbox
