// head and tail: -n N, -N, -c N; head -n -N (all but the last N); tail -n +N
// (from line N); several files get "==> NAME <==" headers.
//
// Not modelled: tail -f (there is nothing to follow after the file is read).
#include <cstring>

#include "cli/builtins/builtins.h"
#include "cli/vfs.h"

namespace skbox {

namespace {

struct HTOpts {
  long long n = 10;
  bool bytes = false;
  bool from_start = false;  // tail +N
  bool negative = false;    // head -n -N
  int headers = -1;         // -1 auto, 0 -q, 1 -v
  std::vector<std::string> files;
};

bool parse_count(std::string_view v, HTOpts& o, bool head) {
  if (!v.empty() && v[0] == '+') {
    if (!head) o.from_start = true;
    v.remove_prefix(1);
  } else if (!v.empty() && v[0] == '-') {
    if (head) o.negative = true;
    v.remove_prefix(1);
  }
  // suffixes: b (512), k (1024), m
  long long mult = 1;
  if (!v.empty()) {
    char s = v.back();
    if (s == 'b') mult = 512;
    else if (s == 'k' || s == 'K') mult = 1024;
    else if (s == 'm' || s == 'M') mult = 1024 * 1024;
    if (mult != 1) v.remove_suffix(1);
  }
  if (v.empty() || v.find_first_not_of("0123456789") != std::string_view::npos) return false;
  long long n;
  if (!util::parse_int(v, n)) return false;
  o.n = n * mult;
  return true;
}

int parse(Proc& p, std::span<const std::string> argv, HTOpts& o, bool head) {
  const char* name = head ? "head" : "tail";
  for (size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    auto value = [&](char opt, std::string v) -> bool {
      bool bytes = opt == 'c';
      o.bytes = bytes;
      if (!parse_count(v, o, head)) {
        p.err.print("{}: invalid number of {}: {}\n", name, bytes ? "bytes" : "lines", util::gnu_quote(v));
        return false;
      }
      return true;
    };
    if (a == "--") {
      for (++i; i < argv.size(); ++i) o.files.push_back(argv[i]);
      break;
    }
    if (a.rfind("--lines=", 0) == 0) {
      if (!value('n', a.substr(8))) return 1;
      continue;
    }
    if (a.rfind("--bytes=", 0) == 0) {
      if (!value('c', a.substr(8))) return 1;
      continue;
    }
    if (a == "--quiet" || a == "--silent") { o.headers = 0; continue; }
    if (a == "--verbose") { o.headers = 1; continue; }
    if (a == "--follow" || a == "-f" || a == "-F") continue;
    if (!head && a.size() > 1 && a[0] == '+' && a.find_first_not_of("0123456789", 1) == std::string::npos) {
      if (!value('n', a)) return 1;
      continue;
    }
    if (a.size() < 2 || a[0] != '-') {
      o.files.push_back(a);
      continue;
    }
    if (a[1] >= '0' && a[1] <= '9') {
      size_t k = 1;
      while (k < a.size() && a[k] >= '0' && a[k] <= '9') ++k;
      std::string num = a.substr(1, k - 1);
      bool bytes = k < a.size() && a[k] == 'c';
      if (!value(bytes ? 'c' : 'n', head ? num : "-" + num)) return 1;
      if (!head) o.from_start = false;
      continue;
    }
    for (size_t j = 1; j < a.size(); ++j) {
      char c = a[j];
      if (c == 'n' || c == 'c') {
        std::string v;
        if (j + 1 < a.size()) v = a.substr(j + 1);
        else if (i + 1 < argv.size()) v = argv[++i];
        else {
          p.err.print("{}: option requires an argument -- '{}'\nTry '{} --help' for more information.\n", name, c,
                      name);
          return 1;
        }
        if (!value(c, v)) return 1;
        break;
      }
      if (c == 'q') o.headers = 0;
      else if (c == 'v') o.headers = 1;
      else if (c == 'f' || c == 'F' || c == 'z') {
      } else {
        p.err.print("{}: invalid option -- '{}'\nTry '{} --help' for more information.\n", name, c, name);
        return 1;
      }
    }
  }
  return 0;
}

std::string head_of(const HTOpts& o, std::string_view d) {
  if (o.bytes) {
    if (o.negative) return std::string(d.substr(0, d.size() > static_cast<size_t>(o.n) ? d.size() - static_cast<size_t>(o.n) : 0));
    return std::string(d.substr(0, std::min<size_t>(d.size(), static_cast<size_t>(o.n))));
  }
  std::vector<size_t> ends;  // end offset (after '\n') of each line
  for (size_t i = 0; i < d.size(); ++i)
    if (d[i] == '\n') ends.push_back(i + 1);
  if (!d.empty() && d.back() != '\n') ends.push_back(d.size());
  size_t keep;
  if (o.negative) keep = ends.size() > static_cast<size_t>(o.n) ? ends.size() - static_cast<size_t>(o.n) : 0;
  else keep = std::min<size_t>(ends.size(), static_cast<size_t>(o.n));
  return std::string(d.substr(0, keep == 0 ? 0 : ends[keep - 1]));
}

std::string tail_of(const HTOpts& o, std::string_view d) {
  if (o.bytes) {
    if (o.from_start) return std::string(d.substr(std::min<size_t>(d.size(), static_cast<size_t>(o.n > 0 ? o.n - 1 : 0))));
    return std::string(d.substr(d.size() > static_cast<size_t>(o.n) ? d.size() - static_cast<size_t>(o.n) : 0));
  }
  std::vector<size_t> starts;
  if (!d.empty()) starts.push_back(0);
  for (size_t i = 0; i + 1 < d.size(); ++i)
    if (d[i] == '\n') starts.push_back(i + 1);
  size_t first;
  if (o.from_start) first = static_cast<size_t>(o.n > 0 ? o.n - 1 : 0);
  else first = starts.size() > static_cast<size_t>(o.n) ? starts.size() - static_cast<size_t>(o.n) : 0;
  if (first >= starts.size()) return "";
  return std::string(d.substr(starts[first]));
}

int run(Proc& p, std::span<const std::string> argv, bool head) {
  HTOpts o;
  if (int rc = parse(p, argv, o, head)) return rc;
  const char* name = head ? "head" : "tail";
  int status = 0;
  std::vector<std::string> files = o.files;
  if (files.empty()) files.push_back("-");
  bool headers = o.headers == 1 || (o.headers == -1 && files.size() > 1);
  bool first = true;
  for (const std::string& f : files) {
    std::string data;
    if (f == "-") {
      data = std::string(p.in);
    } else {
      auto r = vfs_read(p, f);
      if (!r) {
        p.err.print("{}: cannot open '{}' for reading: {}\n", name, f, std::strerror(r.error()));
        status = 1;
        continue;
      }
      data = std::move(*r);
    }
    std::string out;
    if (headers) {
      out += first ? "" : "\n";
      out += "==> " + (f == "-" ? std::string("standard input") : f) + " <==\n";
    }
    first = false;
    out += head ? head_of(o, data) : tail_of(o, data);
    p.out.write(out);
  }
  return status;
}

}  // namespace

int cmd_head(Proc& p, std::span<const std::string> argv) { return run(p, argv, true); }
int cmd_tail(Proc& p, std::span<const std::string> argv) { return run(p, argv, false); }

}  // namespace skbox
