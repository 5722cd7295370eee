// test / [ : POSIX's rules by argument count (0-4 arguments), then a
// recursive parse with -a, -o, !, ( ) for longer expressions, like bash.
#include <sys/stat.h>

#include <functional>

#include "cli/builtins/builtins.h"
#include "cli/procfs.h"
#include "cli/shell/cwd.h"
#include "cli/vfs.h"
#include "net/world.h"

namespace skbox {

namespace util {

namespace {

const char* const kUnary[] = {"-a", "-b", "-c", "-d", "-e", "-f", "-g", "-h", "-k", "-n", "-p", "-r", "-s",
                              "-t", "-u", "-w", "-x", "-z", "-G", "-L", "-N", "-O", "-S", "-v", "-o", "-R"};
const char* const kBinary[] = {"=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef"};

bool is_unary(std::string_view s) {
  for (const char* u : kUnary)
    if (s == u) return true;
  return false;
}
bool is_binary(std::string_view s) {
  for (const char* b : kBinary)
    if (s == b) return true;
  return false;
}

struct TestError {
  std::string msg;
};

struct Tester {
  Proc& p;
  std::string name;
  std::vector<std::string> a;
  size_t i = 0;

  [[noreturn]] void fail(const std::string& m) { throw TestError{name + ": " + m}; }

  long long integer(const std::string& s) {
    long long v;
    if (!parse_int(s, v)) fail(s + ": integer expression expected");
    return v;
  }

  bool unary(const std::string& op, const std::string& arg) {
    if (op == "-z") return arg.empty();
    if (op == "-n") return !arg.empty();
    if (op == "-t") return false;
    if (op == "-o") return false;
    if (op == "-v") return false;
    return file_test(p, op, arg);
  }

  bool binary(const std::string& l, const std::string& op, const std::string& r) {
    if (op == "=" || op == "==") return l == r;
    if (op == "!=") return l != r;
    if (op == "<") return l < r;
    if (op == ">") return l > r;
    if (op == "-nt" || op == "-ot") return false;
    if (op == "-ef") return l == r && file_test(p, "-e", l);
    long long x = integer(l), y = integer(r);
    if (op == "-eq") return x == y;
    if (op == "-ne") return x != y;
    if (op == "-lt") return x < y;
    if (op == "-le") return x <= y;
    if (op == "-gt") return x > y;
    return x >= y;
  }

  // Recursive parse for 5+ arguments (and 4 that fit no special case).
  bool expr() {
    bool v = and_expr();
    while (i < a.size() && a[i] == "-o") {
      ++i;
      bool r = and_expr();
      v = v || r;
    }
    return v;
  }
  bool and_expr() {
    bool v = term();
    while (i < a.size() && a[i] == "-a") {
      ++i;
      bool r = term();
      v = v && r;
    }
    return v;
  }
  bool term() {
    if (i >= a.size()) fail("argument expected");
    if (a[i] == "!") {
      ++i;
      return !term();
    }
    if (a[i] == "(") {
      ++i;
      bool v = expr();
      if (i >= a.size() || a[i] != ")") fail("`)' expected");
      ++i;
      return v;
    }
    if (i + 1 < a.size() && is_binary(a[i + 1])) {
      if (i + 2 >= a.size()) fail(a[i + 1] + ": argument expected");
      bool v = binary(a[i], a[i + 1], a[i + 2]);
      i += 3;
      return v;
    }
    if (is_unary(a[i])) {
      if (i + 1 >= a.size()) fail(a[i] + ": argument expected");
      bool v = unary(a[i], a[i + 1]);
      i += 2;
      return v;
    }
    return !a[i++].empty();
  }

  bool two(size_t k) {
    if (a[k] == "!") return a[k + 1].empty();
    if (is_unary(a[k])) return unary(a[k], a[k + 1]);
    fail(a[k] + ": unary operator expected");
  }
  bool three(size_t k) {
    if (is_binary(a[k + 1])) return binary(a[k], a[k + 1], a[k + 2]);
    if (a[k] == "!") return !two(k + 1);
    if (a[k] == "(" && a[k + 2] == ")") return !a[k + 1].empty();
    if (a[k + 1] == "-a") return !a[k].empty() && !a[k + 2].empty();
    if (a[k + 1] == "-o") return !a[k].empty() || !a[k + 2].empty();
    fail(a[k + 1] + ": binary operator expected");
  }

  bool run() {
    switch (a.size()) {
      case 0: return false;
      case 1: return !a[0].empty();
      case 2: return two(0);
      case 3: return three(0);
      case 4:
        if (a[0] == "!") return !three(1);
        if (a[0] == "(" && a[3] == ")") return two(1);
        [[fallthrough]];
      default: {
        bool v = expr();
        if (i < a.size()) fail("too many arguments");
        return v;
      }
    }
  }
};

}  // namespace

bool is_unary_file_op(std::string_view op) { return is_unary(op) && op != "-z" && op != "-n"; }

bool file_test(Proc& p, std::string_view op, const std::string& path) {
  if (path.empty()) return false;
  std::string abs = sh::abs_path(path);
  bool world_file = p.world.files.count(abs) > 0;
  bool proc = procfs_handles(abs);
  struct stat st;
  bool host = !world_file && !proc && ::stat(abs.c_str(), &st) == 0;
  if (op == "-e" || op == "-a") return vfs_exists(p, abs);
  if (op == "-d") return vfs_is_dir(p, abs);
  if (op == "-f") {
    if (world_file) return true;
    if (proc) return vfs_exists(p, abs) && !vfs_is_dir(p, abs);
    if (host) return S_ISREG(st.st_mode);
    return false;
  }
  if (op == "-s") {
    if (world_file) return !p.world.files.at(abs).empty();
    if (proc) return vfs_is_dir(p, abs);
    return host && st.st_size > 0;
  }
  if (op == "-r" || op == "-w") return vfs_exists(p, abs);
  if (op == "-x") {
    if (vfs_is_dir(p, abs)) return true;
    return host && (st.st_mode & 0111);
  }
  if (op == "-L" || op == "-h") {
    struct stat ls;
    return !world_file && !proc && ::lstat(abs.c_str(), &ls) == 0 && S_ISLNK(ls.st_mode);
  }
  if (op == "-c") return host && S_ISCHR(st.st_mode);
  if (op == "-b") return host && S_ISBLK(st.st_mode);
  if (op == "-p") return host && S_ISFIFO(st.st_mode);
  if (op == "-S") return host && S_ISSOCK(st.st_mode);
  if (op == "-u") return host && (st.st_mode & S_ISUID);
  if (op == "-g") return host && (st.st_mode & S_ISGID);
  if (op == "-k") return host && (st.st_mode & S_ISVTX);
  if (op == "-O" || op == "-G") return vfs_exists(p, abs);
  return false;
}

int test_main(Proc& p, std::span<const std::string> argv, const ErrFn& err) {
  Tester t{p, argv[0], std::vector<std::string>(argv.begin() + 1, argv.end())};
  if (t.name == "[") {
    if (t.a.empty() || t.a.back() != "]") {
      err("[: missing `]'");
      return 2;
    }
    t.a.pop_back();
  }
  try {
    return t.run() ? 0 : 1;
  } catch (const TestError& e) {
    err(e.msg);
    return 2;
  }
}

}  // namespace util

int cmd_test(Proc& p, std::span<const std::string> argv) {
  return util::test_main(p, argv, [&](std::string_view m) { p.err.print("{}\n", m); });
}

}  // namespace skbox
