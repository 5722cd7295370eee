// The file system a script sees: /proc and /sys from procfs, the /dev files a
// shell needs, the World's in-memory files, and the host's files read-only
// underneath (a script's writes never reach the host).
//
// Not modelled: permissions, timestamps, deleting files, mkdir: directories
// exist when the host has them or when a written file lies beneath them.
#include "cli/vfs.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <set>

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

// The names vfs_read/vfs_write serve themselves, whatever the host has.
bool is_stdio_alias(const std::string& abs) {
  return abs == "/dev/null" || abs == "/dev/stdin" || abs == "/dev/stdout" || abs == "/dev/stderr" ||
         abs == "/dev/fd/0" || abs == "/dev/fd/1" || abs == "/dev/fd/2" || abs == "/proc/self/fd/0";
}

// What one path is, judged on its own; vfs_stat() checks its parents.
Expected<VfsType> vfs_node(Proc& p, const std::string& abs) {
  if (procfs_handles(abs)) {
    if (procfs_list(p, abs)) return VfsType::Dir;
    auto r = procfs_read(p, abs);
    if (r) return VfsType::File;
    if (r.error() == EISDIR) return VfsType::Dir;
    // A file whose read fails (carrier of a down device, an nsfs mount
    // point) still exists.
    if (r.error() != ENOENT && r.error() != ENOTDIR) return VfsType::File;
    return Errno(ENOENT);
  }
  if (p.world.files.count(abs)) return VfsType::File;
  if (world_has_dir(p.world, abs)) return VfsType::Dir;
  struct stat st;
  if (!host_stat(abs, st)) return Errno(errno);
  return S_ISDIR(st.st_mode) ? VfsType::Dir : VfsType::File;
}

std::string parent_of(const std::string& abs) {
  size_t slash = abs.rfind('/');
  if (slash == 0 || slash == std::string::npos) return "/";
  return abs.substr(0, slash);
}

Expected<std::string> vfs_read_node(Proc& p, std::string_view path) {
  std::string abs = sh::abs_path(path);
  if (abs == "/dev/null") return std::string();
  if (abs == "/dev/stdin" || abs == "/proc/self/fd/0" || abs == "/dev/fd/0") return std::string(p.in);
  if (procfs_handles(abs)) return procfs_read(p, abs);
  if (auto it = p.world.files.find(abs); it != p.world.files.end()) return it->second;
  if (world_has_dir(p.world, abs)) return Errno(EISDIR);
  return host_read(abs);
}

// A leading component of the path is a file (the path walk's ENOTDIR).
bool file_in_the_way(Proc& p, std::string_view path) {
  auto t = vfs_stat(p, path);
  return !t && t.error() == ENOTDIR;
}

}  // namespace

Expected<std::string> vfs_read(Proc& p, std::string_view path) {
  auto r = vfs_read_node(p, path);
  // procfs answers for whole paths only; the walk's ENOTDIR comes from here.
  if (!r && r.error() == ENOENT && file_in_the_way(p, path)) return Errno(ENOTDIR);
  return r;
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
  if (procfs_handles(abs)) {
    auto r = procfs_write(p, abs, data);
    if (!r && r.error() == ENOENT && file_in_the_way(p, path)) return Errno(ENOTDIR);
    return r;
  }
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

bool vfs_exists(Proc& p, std::string_view path) { return vfs_stat(p, path).has_value(); }

bool vfs_is_dir(Proc& p, std::string_view path) {
  auto t = vfs_stat(p, path);
  return t && *t == VfsType::Dir;
}

Expected<VfsType> vfs_stat(Proc& p, std::string_view path) {
  if (path.empty()) return Errno(ENOENT);
  std::string abs = sh::abs_path(path);
  if (is_stdio_alias(abs)) return VfsType::File;
  // The path walk: every leading component must be a directory.
  for (size_t i = abs.find('/', 1); i != std::string::npos; i = abs.find('/', i + 1)) {
    auto t = vfs_node(p, abs.substr(0, i));
    if (!t) return Errno(t.error());
    if (*t != VfsType::Dir) return Errno(ENOTDIR);
  }
  auto t = vfs_node(p, abs);
  // "file/" names a directory: the lexical normalisation dropped the slash.
  if (t && *t == VfsType::File && path.back() == '/') return Errno(ENOTDIR);
  return t;
}

Expected<std::vector<std::string>> vfs_list_dir(Proc& p, std::string_view path) {
  auto t = vfs_stat(p, path);
  if (!t) return Errno(t.error());
  if (*t != VfsType::Dir) return Errno(ENOTDIR);
  std::string abs = sh::abs_path(path);
  if (procfs_handles(abs)) return procfs_list(p, abs);
  // The host's directory (read-only view) merged with what the script wrote
  // below it.
  std::set<std::string> names;
  if (DIR* d = ::opendir(abs.c_str())) {
    while (dirent* e = ::readdir(d)) {
      std::string_view n = e->d_name;
      if (n != "." && n != "..") names.emplace(n);
    }
    ::closedir(d);
  }
  const std::string prefix = abs == "/" ? "/" : abs + "/";
  for (auto it = p.world.files.lower_bound(prefix);
       it != p.world.files.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    std::string_view rest = std::string_view(it->first).substr(prefix.size());
    names.emplace(rest.substr(0, rest.find('/')));
  }
  // procfs owns these mount points even where the host lacks them.
  if (abs == "/") names.insert({"proc", "sys", "run"});
  if (abs == "/run") names.insert("netns");
  return std::vector<std::string>(names.begin(), names.end());
}

}  // namespace skbox
