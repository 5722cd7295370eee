// ls [-1aAdr] [FILE...], as GNU coreutils prints when stdout is not a
// terminal: one name per line, file operands first, then each directory's
// entries under a "DIR:" header when more than one operand was given.
// Names sort by bytes (strcoll in the C locale, which the oracle runs in).
//
// Not modelled: long and column formats (-l, -C, -x), -R, sorting by time
// or size, colours, SELinux contexts, quoting styles other than the literal
// one used for pipes.
#include <algorithm>
#include <cstring>
#include <optional>

#include "cli/builtins/builtins.h"
#include "cli/vfs.h"

namespace skbox {

namespace {

// quoteaf(): shell-escape-always quoting, ASCII in every locale.
std::string quoteaf(std::string_view s) {
  std::string o = "'";
  for (char c : s) o += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return o + "'";
}

enum class Hidden { Skip, Almost, All };  // default, -A, -a (the last one given wins)

struct LsOptions {
  Hidden hidden = Hidden::Skip;
  bool dir_itself = false;  // -d
  bool reverse = false;     // -r
};

// GNU ls 9.1's long options in its getopt table order (ambiguity messages
// list candidates in that order); skbox acts on a few of them.
constexpr std::string_view kLongOptions[] = {
    "all", "escape", "directory", "dired", "full-time", "group-directories-first", "human-readable",
    "inode", "kibibytes", "numeric-uid-gid", "no-group", "hide-control-chars", "reverse", "size", "width",
    "almost-all", "ignore-backups", "classify", "file-type", "si", "dereference-command-line",
    "dereference-command-line-symlink-to-dir", "hide", "ignore", "indicator-style", "dereference",
    "literal", "quote-name", "quoting-style", "recursive", "format", "show-control-chars", "sort",
    "tabsize", "time", "time-style", "zero", "color", "hyperlink", "block-size", "context", "author",
    "help", "version"};

// Options GNU ls knows but skbox does not implement: refused plainly rather
// than mistaken for invalid ones.
int ls_unsupported(Proc& p, std::string_view opt) {
  p.err.print("ls: option '{}' is not supported by skbox\n", opt);
  return 2;
}

// getopt_long: an exact name or an unambiguous prefix of one. Returns -1 to
// go on, else the exit status.
int ls_long_option(Proc& p, std::string_view arg, LsOptions& o) {
  std::string_view body = arg.substr(2);
  size_t eq = body.find('=');
  std::string_view name = body.substr(0, eq);
  std::optional<std::string_view> value;
  if (eq != std::string_view::npos) value = body.substr(eq + 1);
  std::vector<std::string_view> hits;
  for (auto n : kLongOptions) {
    if (n == name) {
      hits = {n};
      break;
    }
    if (n.substr(0, name.size()) == name) hits.push_back(n);
  }
  if (hits.size() > 1) {
    std::string poss;
    for (auto h : hits) poss += fmt::format(" '--{}'", h);
    p.err.print("ls: option '{}' is ambiguous; possibilities:{}\nTry 'ls --help' for more information.\n",
                arg.substr(0, 2 + name.size()), poss);
    return 2;
  }
  if (hits.empty()) {
    p.err.print("ls: unrecognized option '{}'\nTry 'ls --help' for more information.\n", arg);
    return 2;
  }
  std::string_view opt = hits[0];
  if (value && opt != "color" && opt != "hyperlink") {
    // Every option acted on below except these two takes no argument.
    bool flag = opt == "all" || opt == "almost-all" || opt == "directory" || opt == "reverse" ||
                opt == "literal" || opt == "show-control-chars";
    if (!flag) return ls_unsupported(p, arg);
    p.err.print("ls: option '--{}' doesn't allow an argument\nTry 'ls --help' for more information.\n", opt);
    return 2;
  }
  if (opt == "all") o.hidden = Hidden::All;
  else if (opt == "almost-all") o.hidden = Hidden::Almost;
  else if (opt == "directory") o.dir_itself = true;
  else if (opt == "reverse") o.reverse = true;
  // Already the behaviour for a pipe: literal names, control characters shown.
  else if (opt == "literal" || opt == "show-control-chars") {
  } else if (opt == "color" || opt == "hyperlink") {
    // Without an argument these mean "always"; "auto"/"tty" stay off for a pipe.
    static constexpr std::string_view kOff[] = {"never", "no", "none", "auto", "tty", "if-tty"};
    if (!value || std::find(std::begin(kOff), std::end(kOff), *value) == std::end(kOff))
      return ls_unsupported(p, arg);
  } else {
    return ls_unsupported(p, arg);
  }
  return -1;
}

}  // namespace

int cmd_ls(Proc& p, std::span<const std::string> argv) {
  LsOptions o;
  bool opts_done = false;
  std::vector<std::string> operands;
  for (size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    // GNU getopt permutes: options may follow operands until "--".
    if (opts_done || a.size() < 2 || a[0] != '-') {
      operands.push_back(a);
      continue;
    }
    if (a == "--") {
      opts_done = true;
      continue;
    }
    if (a[1] == '-') {
      if (int rc = ls_long_option(p, a, o); rc >= 0) return rc;
      continue;
    }
    for (size_t j = 1; j < a.size(); ++j) {
      switch (a[j]) {
        case '1': break;
        case 'a': o.hidden = Hidden::All; break;
        case 'A': o.hidden = Hidden::Almost; break;
        case 'd': o.dir_itself = true; break;
        case 'r': o.reverse = true; break;
        case 'N': break;  // --literal
        default:
          if (std::string_view("bcfghiklmnopqstuvwxBCDFGHILQRSTUXZ").find(a[j]) != std::string_view::npos)
            return ls_unsupported(p, std::string("-") + a[j]);
          p.err.print("ls: invalid option -- '{}'\nTry 'ls --help' for more information.\n", a[j]);
          return 2;
      }
    }
  }
  const size_t n_operands = operands.size();
  if (operands.empty()) operands.push_back(".");

  auto order = [&](std::vector<std::string>& v) {
    std::sort(v.begin(), v.end());
    if (o.reverse) std::reverse(v.begin(), v.end());
  };
  // A command-line operand that cannot be listed is "serious trouble" (2).
  int status = 0;
  std::vector<std::string> files, dirs;
  for (const std::string& op : operands) {
    auto t = vfs_stat(p, op);
    if (!t) {
      p.err.print("ls: cannot access {}: {}\n", quoteaf(op), std::strerror(t.error()));
      status = 2;
      continue;
    }
    (!o.dir_itself && *t == VfsType::Dir ? dirs : files).push_back(op);
  }
  order(files);
  order(dirs);

  std::string out;
  for (const std::string& f : files) out += f + "\n";
  if (!files.empty() && !dirs.empty()) out += "\n";
  // print_dir_name: headers unless a lone directory is all there is.
  const bool headers = !(files.empty() && n_operands <= 1 && dirs.size() == 1);
  bool first = true;
  for (const std::string& d : dirs) {
    auto names = vfs_list_dir(p, d);
    if (!names) {
      p.err.print("ls: cannot open directory {}: {}\n", quoteaf(d), std::strerror(names.error()));
      status = 2;
      continue;
    }
    std::vector<std::string> shown;
    if (o.hidden == Hidden::All) shown = {".", ".."};
    for (auto& n : *names)
      if (o.hidden != Hidden::Skip || n[0] != '.') shown.push_back(n);
    order(shown);
    if (headers) out += fmt::format("{}{}:\n", first ? "" : "\n", d);
    first = false;
    for (const std::string& n : shown) out += n + "\n";
  }
  p.out.write(out);
  return status;
}

}  // namespace skbox
